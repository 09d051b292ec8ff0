import type { Client, Pool } from 'pg';
import { ChangeSignal, type ChangeSource } from '../subscription/polling-subscription';

const channel = 'arrears_events';

/**
 * Wakes live subscriptions when events may have been committed: at once for appends made through
 * this process, and through LISTEN/NOTIFY for appends made by other processes. The NOTIFY is sent
 * after the append commits, in its own statement — inside the append it would take the notify
 * queue's lock at commit and serialize every append — and at most once per `intervalMs`: under load
 * one NOTIFY then stands for many appends instead of costing a round trip each.
 * Subscriptions also poll, so a lost notification only delays, never loses, an event.
 */
export class PostgresChangeNotifier implements ChangeSource {
  private readonly signal = new ChangeSignal();
  private listener: Client | undefined;
  private listening: Promise<void> | undefined;
  private window: NodeJS.Timeout | undefined;
  private notifyAtWindowEnd = false;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    /** A new connection of its own for LISTEN: a pooled one would be handed to others. */
    private readonly connect: () => Client,
    private readonly intervalMs = 10,
  ) {}

  changed(): void {
    this.signal.notify();
    if (this.window) {
      this.notifyAtWindowEnd = true;
      return;
    }
    this.notifyOthers();
  }

  private notifyOthers(): void {
    if (this.closed) return;
    void this.pool.query(`NOTIFY ${channel}`).catch(() => undefined);
    this.window = setTimeout(() => {
      this.window = undefined;
      if (this.notifyAtWindowEnd) {
        this.notifyAtWindowEnd = false;
        this.notifyOthers();
      }
    }, this.intervalMs);
    this.window.unref();
  }

  changes(): number {
    return this.signal.changes();
  }

  async wait(seen: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    await this.listen().catch(() => undefined);
    return this.signal.wait(seen, timeoutMs, abort);
  }

  private listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listening ??= (async () => {
      const listener = this.connect();
      listener.on('notification', () => {
        this.signal.notify();
      });
      listener.on('error', () => {
        this.forget(listener);
      });
      listener.on('end', () => {
        this.forget(listener);
      });
      try {
        await listener.connect();
        await listener.query(`LISTEN ${channel}`);
      } catch (error) {
        await listener.end().catch(() => undefined);
        throw error;
      }
      this.listener = listener;
    })().catch((error: unknown) => {
      this.listening = undefined;
      throw error;
    });
    return this.listening;
  }

  /** The listening connection dropped: the next wait reconnects; polling covers the gap. */
  private forget(listener: Client): void {
    if (this.listener === listener) this.listener = undefined;
    this.listening = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.window);
    this.signal.notify();
    await this.listening?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
  }
}
