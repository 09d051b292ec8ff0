/** A projection's stored checkpoint, undefined before its first batch. */
export type CheckpointOf = (name: string) => Promise<bigint | undefined>;

/**
 * Read-your-writes waits on the stored checkpoints (the projector runs in another process), shared
 * by the requests of this process: those that look in the same turn of the event loop share one read
 * of each checkpoint they need, started after all of them asked (so none of them is answered from a
 * read older than its question), and those still behind sleep on one timer and look again together.
 * Each waiting request polling on its own would read the checkpoints every interval per request,
 * which turns a lagging projector into a load on the read store that grows with the requests waiting.
 */
export class CheckpointWatch {
  /** This turn's reads, by projection: they start when the turn ends. */
  private readonly reads = new Map<string, Promise<bigint>>();
  private turnEnded: Promise<void> | undefined;
  private tick: Promise<void> | undefined;

  constructor(
    private readonly checkpointOf: CheckpointOf,
    private readonly pollMs: number,
  ) {}

  /** True once every named projection has reached `position`; false after `timeoutMs` (0: looks once). */
  async reached(position: bigint, names: readonly string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(names.map((name) => this.checkpoint(name)));
      if (checkpoints.every((checkpoint) => checkpoint >= position)) return true;
      if (Date.now() + this.pollMs > deadline) return false;
      await this.nextTick();
    }
  }

  /** The projection's checkpoint (0 before its first batch), from the read this turn shares. */
  private checkpoint(name: string): Promise<bigint> {
    let read = this.reads.get(name);
    if (!read) {
      read = this.endOfTurn().then(async () => (await this.checkpointOf(name)) ?? 0n);
      this.reads.set(name, read);
    }
    return read;
  }

  private endOfTurn(): Promise<void> {
    this.turnEnded ??= new Promise((resolve) =>
      setImmediate(() => {
        // Whoever asks from here on asks after these reads start, and gets reads of their own.
        this.turnEnded = undefined;
        this.reads.clear();
        resolve();
      }),
    );
    return this.turnEnded;
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
