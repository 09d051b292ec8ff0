import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver took, with what it answered. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed, once, as it came. */
  json: unknown;
  status: number | 'hang';
}

/** What the receiver answers a delivery: a status, or nothing at all (the sender's timeout). */
export type Answer = number | 'hang';

/**
 * A local webhook receiver on the loopback interface, for the specs and the bench: records every POST,
 * answers what `answer` says, and can go down (connections refused) and come back on the same port.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (body: string) => Answer = () => 200;
  private server: Server;
  private port = 0;

  private constructor() {
    this.server = this.newServer();
  }

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/events`;
  }

  /** The bodies answered 2xx, parsed. */
  delivered<T = Record<string, unknown>>(): T[] {
    return this.received.filter(({ status }) => typeof status === 'number' && status < 300).map(({ json }) => json as T);
  }

  /** Down: every connection is cut and new ones are refused, until `start`. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
    this.server.closeAllConnections();
    await closed;
  }

  /** Up again on the same port. */
  async restart(): Promise<void> {
    this.server = this.newServer();
    await this.listen();
  }

  /** Resolves once `done` holds, checking every 20 ms; fails after `timeoutMs`. */
  async until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`The receiver did not get what was awaited within ${timeoutMs} ms (${this.received.length} POSTs so far)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private newServer(): Server {
    return createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = this.answer(body);
        this.received.push({ headers: request.headers, body, json: parsedOrUndefined(body), status });
        if (status !== 'hang') response.writeHead(status).end();
      });
    });
  }

  private listen(): Promise<void> {
    return new Promise((resolve) => {
      this.server.listen(this.port, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }
}

function parsedOrUndefined(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
