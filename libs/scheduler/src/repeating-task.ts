import type { Backoff } from '@arrears/platform';

/**
 * Runs a task again and again, an interval after each run ends (runs never overlap), and after a
 * failure as late as the backoff says; stopping waits for the run in progress.
 */
export class RepeatingTask {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly backoff: Backoff,
  ) {}

  start(delay = this.intervalMs): void {
    this.timer = setTimeout(() => {
      let next = this.intervalMs;
      this.current = this.task()
        .then(
          () => {
            this.backoff.succeeded();
          },
          (error: unknown) => {
            next = this.backoff.failed(error);
          },
        )
        .finally(() => {
          if (!this.stopping) this.start(next);
        });
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.current;
  }

  // A method, not a getter: it changes while a run awaits, which a narrowed property would hide.
  stopped(): boolean {
    return this.stopping;
  }
}
