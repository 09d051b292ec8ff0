/** One caller's append, waiting for its batch. */
export interface QueuedAppend<Request, Result> {
  request: Request;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/**
 * Group commit: appends are sent at once while fewer than `maxInFlight` batches are running; the
 * ones that arrive meanwhile wait and leave together in the next batch. Idle, an append goes alone
 * and waits for nothing; under load, one round trip and one commit serve many appends.
 */
export class AppendBatcher<Request, Result> {
  private readonly waiting: QueuedAppend<Request, Result>[] = [];
  private inFlight = 0;

  constructor(
    private readonly send: (batch: QueuedAppend<Request, Result>[]) => Promise<void>,
    private readonly maxInFlight: number,
    private readonly maxBatch: number,
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      this.send(batch)
        .catch((error: unknown) => {
          for (const queued of batch) queued.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}
