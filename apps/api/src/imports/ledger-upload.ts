import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { LedgerFormat } from '@arrears/commands';
import { ProblemException } from '@arrears/platform';

/** The largest ledger file a request may carry (a million facts is some 250 MB of NDJSON). */
export const maxLedgerBytes = 2 * 1024 ** 3;

/** A ledger file spooled to disk: where, how large, in which format. Removed once imported. */
export interface SpooledLedger {
  path: string;
  bytes: number;
  format: LedgerFormat;
  remove(): Promise<void>;
}

/**
 * A ledger file's body, not yet read: the request's stream in a private field, so nothing that walks
 * a parsed body (the edge's input checks, validation) reads it. It is read only once the caller is
 * known to be allowed, and to disk, never into memory.
 */
export class LedgerUpload {
  readonly #stream: Readable;

  constructor(
    stream: Readable,
    readonly format: LedgerFormat,
  ) {
    this.#stream = stream;
  }

  async spool(): Promise<SpooledLedger> {
    const dir = await mkdtemp(join(tmpdir(), 'arrears-import-'));
    const path = join(dir, `ledger.${this.format}`);
    const remove = () => rm(dir, { recursive: true, force: true });
    let bytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > maxLedgerBytes ? tooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(this.#stream, counted, createWriteStream(path));
    } catch (error) {
      await remove();
      throw error;
    }
    return { path, bytes, format: this.format, remove };
  }
}

const tooLarge = () =>
  new ProblemException(413, 'BODY_TOO_LARGE', 'Request body too large', `A ledger file may hold at most ${maxLedgerBytes} bytes.`, {
    maxBytes: maxLedgerBytes,
  });

/** NDJSON and CSV bodies reach POST /imports as a LedgerUpload; every other route refuses them (415). */
export function acceptLedgerFiles(fastify: FastifyInstance): void {
  const formats: [string, LedgerFormat][] = [
    ['application/x-ndjson', 'ndjson'],
    ['text/csv', 'csv'],
  ];
  for (const [type, format] of formats) {
    fastify.addContentTypeParser(type, (request, payload, done) => {
      if (request.routeOptions.url !== '/imports') {
        done(new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', `Only POST /imports takes ${type}.`), undefined);
        return;
      }
      done(null, new LedgerUpload(payload, format));
    });
  }
}
