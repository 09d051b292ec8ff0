import { businessDatesOf, type AccountEvent } from '@arrears/domain';
import { chained, type ChainKey, type NewEvent } from '@arrears/event-store';
import type { PersonalDataVault } from '@arrears/personal-data';
import { nameBasedUuid, type IdGenerator } from '@arrears/platform';
import type { KnownState } from './account-state.cache';
import type { CommandContext } from './command-context';

const schemaVersion = 1;

/** The id of a command's `index`-th event, derived from its Idempotency-Key: a retry's are the same. */
export const eventIdOf = (key: string, streamId: string, index: number) => nameBasedUuid(`${key}|${streamId}|${index}`);

/**
 * The events as stored: the debtor's personal data sealed, then each chained to the one before it
 * under the chain key (see hash-chain.ts), so the chain covers the ciphertext and survives the data
 * key's destruction.
 */
export class SealAndChain {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly ids: IdGenerator,
    private readonly chainKey: ChainKey,
  ) {}

  /**
   * `now` is when the events are recorded; `occurredAt`, when the facts happened in the business (an
   * imported ledger's facts happened long before they are recorded), is `now` unless told.
   */
  async newEvents(events: AccountEvent[], streamId: string, known: KnownState, context: CommandContext, now: Date, occurredAt = now): Promise<NewEvent[]> {
    const { state } = known;
    const firstRevision = known.revision === 'no_stream' ? 0n : known.revision + 1n;
    const stored = await Promise.all(events.map((event) => (event.type === 'AccountOpened' ? this.vault.seal(event.data) : Promise.resolve(event.data))));
    const businessDates = businessDatesOf(events, state);
    let previousHash = known.lastHash;
    return events.map((event, index) => {
      const occurredOn = businessDates[index];
      const opening = event.type === 'AccountOpened' ? event.data.creditorId : '';
      // Hashed as canonical JSON, which reads the same from this object as from what the store gives back.
      const data = stored[index] as unknown as Record<string, unknown>;
      // Derived from the Idempotency-Key when there is one, so two racing copies of a request append once.
      const id = context.idempotencyKey ? eventIdOf(context.idempotencyKey, streamId, index) : this.ids.uuid();
      const metadata = chained(
        {
          streamId,
          revision: firstRevision + BigInt(index),
          id,
          type: event.type,
          data,
          metadata: {
            correlationId: context.correlationId,
            causationId: context.causationId,
            actor: context.actor,
            occurredAt: occurredAt.toISOString(),
            ...(occurredOn && { occurredOn }),
            recordedAt: now.toISOString(),
            schemaVersion,
            creditorId: state.status === 'unopened' ? opening : state.creditorId,
          },
        },
        previousHash,
        this.chainKey,
      );
      previousHash = metadata.hash as string;
      return { id, type: event.type, data, metadata };
    });
  }
}
