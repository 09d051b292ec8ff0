import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The static token Prometheus scrapes `/metrics` with (METRICS_TOKEN): a scraper cannot renew an
 * expiring bearer token. Compared by digest in constant time, so neither the token nor its length
 * leaks through timing.
 */
export class ScrapeToken {
  private readonly expected?: Buffer;

  constructor(token: string | undefined) {
    if (token) this.expected = digest(`Bearer ${token}`);
  }

  /** True when the Authorization header carries the configured scrape token. */
  allows(authorization: string | undefined): boolean {
    return this.expected !== undefined && authorization !== undefined && timingSafeEqual(digest(authorization.trim()), this.expected);
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();
