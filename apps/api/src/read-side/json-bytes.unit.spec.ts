import type { FastifyReply } from 'fastify';
import { jsonBytes } from './json-bytes';

describe('a large JSON answer as bytes', () => {
  it('is the JSON Fastify would send, UTF-8 encoded once, typed as JSON', () => {
    const headers: Record<string, string> = {};
    const reply = { type: (type: string) => ((headers['content-type'] = type), reply) } as unknown as FastifyReply;
    const answer = { scope: 'portfolio', rollRates: { 'current→1-30': 12.5, '1-30→31-60': null } };
    const bytes = jsonBytes(reply, answer);
    expect(bytes.toString('utf8')).toBe(JSON.stringify(answer));
    expect(bytes.length).toBe(Buffer.byteLength(JSON.stringify(answer)));
    expect(headers).toEqual({ 'content-type': 'application/json; charset=utf-8' });
  });
});
