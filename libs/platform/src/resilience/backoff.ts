export interface BackoffOptions {
  /** The first delay's ceiling; each failure in a row doubles it. */
  initialMs: number;
  /** The ceiling the delays never pass. */
  maxMs: number;
  /** Told of the first failure of a streak only: an outage is one line, not one per retry. */
  onFirstFailure?: (error: unknown) => void;
  /** Told when a try succeeds after a streak of failures, with how many there were. */
  onRecovery?: (failures: number) => void;
  /** Where the jitter comes from (tests fix it). */
  random?: () => number;
}

/**
 * Exponential backoff with jitter for retrying a store that fails: each failure in a row doubles the
 * delay's ceiling up to `maxMs`, and the delay is drawn between half the ceiling and the ceiling, so
 * that processes which lost the store together do not all come back in the same instant.
 */
export class Backoff {
  private streak = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** Failures in a row so far. */
  get failures(): number {
    return this.streak;
  }

  /** Records a failure; returns how long to wait before the next try. */
  failed(error: unknown): number {
    if (this.streak === 0) this.options.onFirstFailure?.(error);
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.streak, 30));
    this.streak++;
    return Math.round(ceiling / 2 + (ceiling / 2) * (this.options.random ?? Math.random)());
  }

  /** Records a success: the streak, if any, ends (and its end is told). */
  succeeded(): void {
    if (this.streak === 0) return;
    const failures = this.streak;
    this.streak = 0;
    this.options.onRecovery?.(failures);
  }
}
