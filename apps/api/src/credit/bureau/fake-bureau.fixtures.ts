import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake bureau answers a request (its body read). */
export type Answer = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A bureau on a loopback port that answers as the test says, and remembers what it was asked. */
export class FakeBureau {
  answer: Answer = (_, __, response) => response.writeHead(500).end();
  readonly asked: { method: string | undefined; url: string | undefined; authorization: string | undefined; body: unknown }[] = [];
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      this.asked.push({ method: request.method, url: request.url, authorization: request.headers.authorization, body: JSON.parse(body || 'null') });
      this.answer(request, body, response);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }
}

/** An answer of `status` with a JSON body. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_, __, response) =>
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

/** A report in the documented shape. */
export const bureauAnswer = { bureau: 'Experian', score: 640, scale: { min: 300, max: 850 }, reportedOn: '2026-02-20', reasonCodes: ['D1', '14'] };
