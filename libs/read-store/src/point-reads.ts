import type { ReadDocument } from './read-store.port';

/** Finds the documents of one collection with the given ids (distinct), keyed by id. */
export type FindByIds = (collection: string, ids: string[]) => Promise<Map<string, ReadDocument>>;

const idsPerQuery = 200;

interface Waiter {
  resolve(document: ReadDocument | undefined): void;
  reject(error: unknown): void;
}

/**
 * Reads of one document by id, gathered over a turn of the event loop: the reads that the requests
 * arriving together ask for leave as one query per collection instead of one each. Under load that
 * saves most of their round trips, each of which costs the service a socket write and the store a
 * statement; a read alone waits only for the end of the turn it was asked in. An id must be one the
 * store can be asked for: a bad one fails the reads it travels with. (The turn ends by setImmediate:
 * a test that fakes it must run it, or reads wait.)
 */
export class PointReads {
  private pending = new Map<string, Map<string, Waiter[]>>();

  constructor(private readonly findByIds: FindByIds) {}

  get(collection: string, id: string): Promise<ReadDocument | undefined> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0)
        setImmediate(() => {
          this.flush();
        });
      let waiting = this.pending.get(collection);
      if (!waiting) this.pending.set(collection, (waiting = new Map<string, Waiter[]>()));
      const waiters = waiting.get(id);
      if (waiters) waiters.push({ resolve, reject });
      else waiting.set(id, [{ resolve, reject }]);
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    for (const [collection, waiting] of batches) void this.send(collection, waiting);
  }

  private async send(collection: string, waiting: Map<string, Waiter[]>): Promise<void> {
    try {
      const ids = [...waiting.keys()];
      // Bounded queries: a flood of reads in one turn goes as several, over several connections.
      const lookups: Promise<Map<string, ReadDocument>>[] = [];
      for (let start = 0; start < ids.length; start += idsPerQuery) lookups.push(this.findByIds(collection, ids.slice(start, start + idsPerQuery)));
      const found = new Map<string, ReadDocument>();
      for (const part of await Promise.all(lookups)) for (const [id, document] of part) found.set(id, document);
      for (const [id, waiters] of waiting) {
        const document = found.get(id);
        // Each caller owns the document it gets: a second reader of the same id gets a copy.
        waiters.forEach((waiter, index) => {
          waiter.resolve(index > 0 && document ? structuredClone(document) : document);
        });
      }
    } catch (error) {
      for (const waiters of waiting.values()) for (const waiter of waiters) waiter.reject(error);
    }
  }
}
