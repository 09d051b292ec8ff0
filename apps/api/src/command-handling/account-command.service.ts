import { Inject, Injectable } from '@nestjs/common';
import {
  accountStream,
  decide,
  evolve,
  initialAccountState,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
} from '@arrears/domain';
import {
  EVENT_STORE,
  WrongExpectedVersionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@arrears/event-store';
import { APP_CONFIG } from '../backends/tokens';
import { Clock, IdGenerator, nameBasedUuid, ProblemException, type AppConfig } from '@arrears/platform';
import type { CommandContext } from './command-context';

/** A command without its `now`: the service stamps it from the clock. */
export type AccountCommandInput = AccountCommand extends infer C ? (C extends AccountCommand ? Omit<C, 'now'> : never) : never;

/** What a command did: its events, and where they landed. */
export interface CommandOutcome {
  accountId: string;
  events: AccountEvent[];
  revision: bigint;
  position: bigint;
}

const schemaVersion = 1;

/**
 * The write path, the same for every account command: read the stream, fold it into state, decide,
 * append at the revision that was read. Losing a race to another writer means deciding again on the
 * new state, a bounded number of times; with If-Match, the client's revision is the only one allowed.
 */
@Injectable()
export class AccountCommandService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async handle(accountId: string, input: AccountCommandInput, context: CommandContext): Promise<CommandOutcome> {
    const streamId = accountStream(accountId);
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.store.readStream(streamId);
      const current = recorded.length === 0 ? 'no_stream' : (recorded[recorded.length - 1] as RecordedEvent).revision;
      // An account that does not exist answers 404 from the decider, whatever If-Match says.
      if (context.expectedRevision !== undefined && current !== 'no_stream' && current !== context.expectedRevision) {
        throw staleRevision(context.expectedRevision, current);
      }
      const state = recorded.reduce((s, e) => evolve(s, e as unknown as AccountEvent), initialAccountState());
      const now = this.clock.now();
      const events = decide({ ...input, now: now.toISOString() } as AccountCommand, state);
      const toAppend = events.map((event, index) => this.toNewEvent(event, index, streamId, state, context, now));
      try {
        const result = await this.store.append(streamId, toAppend, { expectedRevision: current });
        return { accountId, events, revision: result.nextExpectedRevision, position: result.position };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedRevision !== undefined) throw staleRevision(context.expectedRevision, error.actual);
        if (attempt >= this.config.commandMaxAttempts) throw error;
      }
    }
  }

  private toNewEvent(
    event: AccountEvent,
    index: number,
    streamId: string,
    state: AccountState,
    context: CommandContext,
    now: Date,
  ): NewEvent {
    const opening = event.type === 'AccountOpened' ? event.data.creditorId : '';
    const creditorId = state.status === 'unopened' ? opening : state.creditorId;
    return {
      // Derived from the Idempotency-Key when there is one, so two racing copies of a request append once.
      id: context.idempotencyKey ? nameBasedUuid(`${context.idempotencyKey}|${streamId}|${index}`) : this.ids.uuid(),
      type: event.type,
      data: event.data as unknown as Record<string, unknown>,
      metadata: {
        correlationId: context.correlationId,
        causationId: context.causationId,
        actor: context.actor,
        occurredAt: now.toISOString(),
        recordedAt: now.toISOString(),
        schemaVersion,
        creditorId,
      },
    };
  }
}

function staleRevision(expected: bigint, actual: bigint | 'no_stream'): ProblemException {
  return new ProblemException(
    412,
    'WRONG_EXPECTED_REVISION',
    'Precondition failed',
    `If-Match named revision ${expected}, but the account is at ${actual === 'no_stream' ? 'no revision (it does not exist)' : `revision ${actual}`}.`,
    { expectedRevision: Number(expected), actualRevision: actual === 'no_stream' ? null : Number(actual) },
  );
}
