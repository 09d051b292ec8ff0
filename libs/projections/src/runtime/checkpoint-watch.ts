/** A projection's stored checkpoint, undefined before its first batch. */
export type CheckpointOf = (name: string) => Promise<bigint | undefined>;

/**
 * Read-your-writes waits on the stored checkpoints (the projector runs in another process), shared
 * by every request of this process: the waiters sleep on one timer and wake together, and the
 * checkpoints they need are read once for all of them. Each waiting request polling on its own would
 * read the checkpoints every interval per request, which turns a lagging projector into a load on the
 * read store that grows with the number of requests waiting for it.
 */
export class CheckpointWatch {
  /** Every projection asked about so far: few, one per read model. */
  private readonly watched = new Set<string>();
  private reading: Promise<Map<string, bigint>> | undefined;
  private tick: Promise<void> | undefined;

  constructor(
    private readonly checkpointOf: CheckpointOf,
    private readonly pollMs: number,
  ) {}

  /** True once every named projection has reached `position`; false after `timeoutMs` (0: looks once). */
  async reached(position: bigint, names: readonly string[], timeoutMs: number): Promise<boolean> {
    names.forEach((name) => this.watched.add(name));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await this.read();
      if (names.every((name) => (checkpoints.get(name) ?? 0n) >= position)) return true;
      if (Date.now() + this.pollMs > deadline) return false;
      await this.nextTick();
    }
  }

  /**
   * The watched checkpoints, from the read in flight if there is one. A read that began before the
   * caller asked is older than it could be, never wrong: checkpoints only move forward, so at worst
   * the caller waits for the next tick.
   */
  private read(): Promise<Map<string, bigint>> {
    this.reading ??= this.readAll().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async readAll(): Promise<Map<string, bigint>> {
    const names = [...this.watched];
    const positions = await Promise.all(names.map((name) => this.checkpointOf(name)));
    return new Map(names.map((name, index) => [name, positions[index] ?? 0n]));
  }

  private nextTick(): Promise<void> {
    this.tick ??= new Promise((resolve) =>
      setTimeout(() => {
        this.tick = undefined;
        resolve();
      }, this.pollMs),
    );
    return this.tick;
  }
}
