import { businessDatesOf, type AccountEvent, type AccountState, type ContactChannel, type RenderedMessage } from '@arrears/domain';
import { chained, type ChainKey, type NewEvent } from '@arrears/event-store';
import { debtorSubject, hasSealedFields, type PersonalDataVault } from '@arrears/personal-data';
import { nameBasedUuid, type IdGenerator } from '@arrears/platform';
import type { KnownState } from './account-state.cache';
import type { CommandContext } from './command-context';
import type { OptOutLinks } from './opt-out-links';
import type { PortalLinks } from './portal-links';

const schemaVersion = 1;

/** The id of a command's `index`-th event, derived from its Idempotency-Key: a retry's are the same. */
export const eventIdOf = (key: string, streamId: string, index: number) => nameBasedUuid(`${key}|${streamId}|${index}`);

/**
 * The events as stored: the debtor's personal data sealed (their details on the opening, the personal fields of
 * later events, personalEventFields, and every rendered message, its opt-out and portal links signed first), then
 * each chained to the one before it under the chain key (see hash-chain.ts), so the chain covers the ciphertext and
 * survives the data key's destruction.
 */
export class SealAndChain {
  constructor(
    private readonly vault: PersonalDataVault,
    private readonly ids: IdGenerator,
    private readonly chainKey: ChainKey,
    private readonly links: OptOutLinks,
    private readonly portalLinks?: PortalLinks,
  ) {}

  /**
   * `now` is when the events are recorded; `occurredAt`, when the facts happened in the business (an
   * imported ledger's facts happened long before they are recorded), is `now` unless told.
   */
  async newEvents(events: AccountEvent[], streamId: string, known: KnownState, context: CommandContext, now: Date, occurredAt = now): Promise<NewEvent[]> {
    const { state } = known;
    const firstRevision = known.revision === 'no_stream' ? 0n : known.revision + 1n;
    const debtor = debtorOf(state, events);
    const stored = await Promise.all(events.map((event) => this.stored(event, streamId, debtor, now)));
    const businessDates = businessDatesOf(events, state);
    let previousHash = known.lastHash;
    // Written once for all the events: each toISOString costs about half a microsecond.
    const recordedAtText = now.toISOString();
    const occurredAtText = occurredAt === now ? recordedAtText : occurredAt.toISOString();
    return events.map((event, index) => {
      const occurredOn = businessDates[index];
      const opening = event.type === 'AccountOpened' ? event.data.creditorId : '';
      // Hashed as canonical JSON, which reads the same from this object as from what the store gives back.
      const data = stored[index] as Record<string, unknown>;
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
            occurredAt: occurredAtText,
            ...(occurredOn && { occurredOn }),
            recordedAt: recordedAtText,
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

  private async stored(event: AccountEvent, streamId: string, debtor: DebtorOfEvents | undefined, now: Date): Promise<unknown> {
    if (event.type === 'AccountOpened') return this.vault.seal(event.data);
    if (debtor && hasSealedFields(event.type)) return this.vault.sealFields(debtor.subject, event.type, event.data, streamId);
    const message = 'message' in event.data ? (event.data.message as RenderedMessage | undefined) : undefined;
    if (!message || !debtor) return event.data;
    const { channel } = event.data as { channel: ContactChannel };
    const optedOut = this.links.signed(message, debtor.accountId, channel);
    const signed = this.portalLinks ? this.portalLinks.signed(optedOut, debtor.accountId, now) : optedOut;
    return { ...event.data, message: await this.vault.sealMessage(debtor.subject, signed, streamId) };
  }
}

interface DebtorOfEvents {
  accountId: string;
  /** The debtor's data-key subject. */
  subject: string;
}

/** Whose data key seals the events' messages: the account's debtor, opened before or among these events. */
function debtorOf(state: AccountState, events: AccountEvent[]): DebtorOfEvents | undefined {
  const opened = state.status === 'unopened' ? events.find((event) => event.type === 'AccountOpened')?.data : state;
  return opened && { accountId: opened.accountId, subject: debtorSubject(opened.creditorId, opened.debtor.reference) };
}
