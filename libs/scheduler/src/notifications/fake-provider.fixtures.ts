import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the provider received it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * How the provider answers the next request: a status and JSON body, `hang` (never answers, so the
 * client times out) or `reset` (the connection is killed mid-request).
 */
export type ScriptedAnswer = { status: number; body?: unknown } | 'hang' | 'reset';

/**
 * A provider's HTTP API on a local port, for tests: it records every request and answers each with
 * the next scripted answer (then `fallback`). A real server over a real socket: the adapters' fetch,
 * timeouts and connection errors are the ones production meets.
 */
export class FakeProvider {
  readonly received: ReceivedRequest[] = [];
  private readonly script: ScriptedAnswer[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly fallback: ScriptedAnswer = { status: 201, body: { sid: 'SM-fake', status: 'queued' } }) {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        this.received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
        const answer = this.script.shift() ?? this.fallback;
        if (answer === 'hang') return;
        if (answer === 'reset') return void request.socket.destroy();
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts listening on a free port of 127.0.0.1; returns the base URL. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The answers to the next requests, in order. */
  answer(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}

/** The user and password of a request's HTTP Basic credentials. */
export function basicCredentials(request: ReceivedRequest): [string, string] {
  const [scheme, encoded = ''] = (request.headers.authorization ?? '').split(' ');
  if (scheme !== 'Basic') return ['', ''];
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
}
