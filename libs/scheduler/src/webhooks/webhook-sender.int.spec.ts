import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postToReceiver, type ReceiverPost } from './webhook-sender';

/** A receiver on this machine answering `status`, counting what it received. */
async function receiver(status: number): Promise<{ server: Server; port: number; received: string[] }> {
  const received: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(body);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}

describe('posting to a receiver', () => {
  let target: Awaited<ReturnType<typeof receiver>>;
  const post = (url: string, allowPrivate: boolean): ReceiverPost => ({ url, body: '{"n":1}', headers: {}, timeoutMs: 2_000, allowPrivate });
  const never = new AbortController().signal;

  beforeEach(async () => {
    target = await receiver(204);
  });
  afterEach(async () => {
    await new Promise((resolve) => target.server.close(resolve));
  });

  it('delivers to a receiver on this machine when private receivers are allowed', async () => {
    expect(await postToReceiver(post(`http://127.0.0.1:${target.port}/in`, true), never)).toEqual({ delivered: true });
    expect(target.received).toEqual(['{"n":1}']);
  });

  it('refuses an address that is not public before sending anything, when they are not allowed', async () => {
    const outcome = await postToReceiver(post(`http://127.0.0.1:${target.port}/in`, false), never);
    expect(outcome).toEqual({ delivered: false, error: expect.stringContaining('not public') });
    expect(target.received).toEqual([]);
  });

  it('refuses a name that resolves to an address not public: the address connected to is the one checked', async () => {
    const outcome = await postToReceiver(post(`http://localhost:${target.port}/in`, false), never);
    expect(outcome).toEqual({ delivered: false, error: expect.stringContaining('not public') });
    expect(target.received).toEqual([]);
  });

  it('counts only a 2xx as delivered, and names the status otherwise', async () => {
    const refusing = await receiver(302);
    try {
      expect(await postToReceiver(post(`http://127.0.0.1:${refusing.port}/in`, true), never)).toEqual({ delivered: false, error: 'the receiver answered 302' });
    } finally {
      await new Promise((resolve) => refusing.server.close(resolve));
    }
  });

  it('gives up on a receiver that does not answer in time, and says so', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/in`;
      expect(await postToReceiver({ ...post(url, true), timeoutMs: 100 }, never)).toEqual({ delivered: false, error: 'no answer within 100 ms' });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('names a connection failure by its code, never the URL', async () => {
    const closed = await receiver(204);
    await new Promise((resolve) => closed.server.close(resolve));
    const outcome = await postToReceiver(post(`http://127.0.0.1:${closed.port}/secret-token`, true), never);
    expect(outcome).toEqual({ delivered: false, error: 'the receiver could not be reached (ECONNREFUSED)' });
  });
});
