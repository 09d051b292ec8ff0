import type { RecordedEvent } from '../event-store.port';
import { deepFreeze } from '@arrears/platform';
import type { ReadAfter } from './polling-subscription';

/**
 * Full pages of the log, read once for every subscription of a store: projections catching up side
 * by side ask for the same pages, and a settled page never changes. A partial page (the live tail)
 * is never kept, so a subscription reading after a change always reads the database. Pages are
 * frozen: every reader shares the same event objects.
 */
export class SharedPages {
  private readonly pages = new Map<string, Promise<RecordedEvent[]>>();

  constructor(
    private readonly readAfter: ReadAfter,
    private readonly kept = 16,
  ) {}

  readonly read: ReadAfter = async (after, maxCount) => {
    const key = `${after}/${maxCount}`;
    const shared = this.pages.get(key);
    if (shared) {
      const events = await shared.catch(() => []);
      if (events.length === maxCount) return events;
    }
    const page = this.readAfter(after, maxCount).then(deepFreeze);
    this.keep(key, page);
    const events = await page;
    if (events.length < maxCount && this.pages.get(key) === page) this.pages.delete(key);
    return events;
  };

  private keep(key: string, page: Promise<RecordedEvent[]>): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    page.catch(() => this.pages.get(key) === page && this.pages.delete(key));
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= this.kept) break;
      this.pages.delete(oldest);
    }
  }
}
