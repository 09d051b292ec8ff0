import { createHash } from 'node:crypto';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent } from '@arrears/event-store';
import type { Clock, IdGenerator } from '@arrears/platform';
import type { IdempotencyStore, Reservation, StoredResponse } from './idempotency.store';

type KeyState =
  { status: 'free' } | { status: 'pending'; fingerprint: string; lockedUntil: string } | { status: 'completed'; fingerprint: string; response: StoredResponse };

/**
 * Idempotency-Keys kept as small streams in the event store itself, for deployments whose only
 * database is EventStoreDB. A stream's expected revision makes claiming a key race-free.
 */
export class EventStoreIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async reserve(key: string, fingerprint: string, leaseMs: number): Promise<Reservation> {
    const { state, revision } = await this.load(key);
    if (state.status === 'completed') return { outcome: 'completed', fingerprint: state.fingerprint, response: state.response };
    const now = this.clock.now();
    if (state.status === 'pending' && (state.fingerprint !== fingerprint || new Date(state.lockedUntil) > now)) {
      return { outcome: 'in_progress', fingerprint: state.fingerprint };
    }
    try {
      await this.write(key, 'IdempotencyKeyReserved', { fingerprint, lockedUntil: new Date(now.getTime() + leaseMs).toISOString() }, revision);
      return { outcome: 'reserved' };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return this.reserve(key, fingerprint, leaseMs);
      throw error;
    }
  }

  async complete(key: string, response: StoredResponse): Promise<void> {
    await this.write(key, 'IdempotentResponseStored', { response }, 'any');
  }

  async release(key: string): Promise<void> {
    await this.write(key, 'IdempotencyKeyReleased', {}, 'any');
  }

  async close(): Promise<void> {}

  private async load(key: string): Promise<{ state: KeyState; revision: bigint | 'no_stream' }> {
    const events = await this.store.readStream(streamOf(key));
    const state = events.reduce<KeyState>(fold, { status: 'free' });
    const last = events[events.length - 1];
    return { state, revision: last ? last.revision : 'no_stream' };
  }

  private async write(key: string, type: string, data: Record<string, unknown>, expected: bigint | 'no_stream' | 'any') {
    const now = this.clock.now().toISOString();
    await this.store.append(
      streamOf(key),
      [
        {
          id: this.ids.uuid(),
          type,
          data,
          metadata: {
            correlationId: key,
            causationId: key,
            actor: { id: 'api', role: 'system' },
            occurredAt: now,
            recordedAt: now,
            schemaVersion: 1,
            creditorId: '',
          },
        },
      ],
      { expectedRevision: expected },
    );
  }
}

const streamOf = (key: string) => `idempotency-${createHash('sha256').update(key).digest('hex')}`;

function fold(state: KeyState, event: RecordedEvent): KeyState {
  const data = event.data as { fingerprint?: string; lockedUntil?: string; response?: StoredResponse };
  switch (event.type) {
    case 'IdempotencyKeyReserved':
      return { status: 'pending', fingerprint: data.fingerprint ?? '', lockedUntil: data.lockedUntil ?? '' };
    case 'IdempotentResponseStored':
      return state.status === 'pending' && data.response ? { status: 'completed', fingerprint: state.fingerprint, response: data.response } : state;
    case 'IdempotencyKeyReleased':
      return { status: 'free' };
    default:
      return state;
  }
}
