import { accountStream } from '@arrears/domain';
import type { EventStore, RecordedEvent } from '@arrears/event-store';
import type { PersonalDataVault } from '@arrears/personal-data';
import { Backoff, type Clock } from '@arrears/platform';
import { inBatches } from '@arrears/projections';
import { LeaseLostError, whileLeaseHeld, type Lease, type ReadStore, type WriteOperation } from '@arrears/read-store';
import { retryDelay } from '../outbox/delivery-records';
import { accountOf, payloadOf, signatureHeaderName, signatureOf, subscribedTo } from './webhook-payload';
import {
  deadLetterId,
  deliveryName,
  WEBHOOK_DEAD_LETTERS,
  WEBHOOK_STATUS,
  WEBHOOK_SUBSCRIPTIONS,
  type DeadLetterState,
  type WebhookDeadLetter,
  type WebhookSettings,
  type WebhookStatus,
  type WebhookSubscription,
} from './webhook-records';
import { postToReceiver } from './webhook-sender';

/** What a worker needs: the stores, the vault that opens personal data, the clock, and how to retry. */
export interface WebhookWorkerDeps {
  readStore: ReadStore;
  /** The log as stored, personal data sealed: opened here only for subscriptions allowed it. */
  events: EventStore;
  vault: PersonalDataVault;
  clock: Clock;
  settings: WebhookSettings;
  /** Opens a subscription's sealed signing secret. */
  secretOf: (subscription: WebhookSubscription) => Promise<string>;
  /** Who holds the leases: one id per process. */
  owner: string;
  random: () => number;
  log: (message: string) => void;
  /** Told of each try's outcome, for the metrics. */
  tried: (outcome: 'delivered' | 'failed' | 'dead_lettered') => void;
}

/** One tenure of the lease: what it delivers, where it stands, and which accounts wait behind a dead letter. */
interface Tenure {
  lease: Lease;
  signal: AbortSignal;
  subscription: WebhookSubscription;
  secret: string;
  position: bigint;
  status: WebhookStatus;
  held: Set<string>;
  /** The events with a letter already: one read again (a replay) keeps its letter as it is. */
  lettered: Set<string>;
}

/** Delivered, or given up on after the tries allowed. */
type Outcome = { delivered: true } | { delivered: false; error: string; attempts: number };

/** Events read at once: a batch's accounts go side by side, and it ends with one write of the checkpoint. */
const batchSize = 500;
const batchWaitMs = 5;

/**
 * Delivers one subscription, while it holds the subscription's lease: reads the log from the
 * subscription's checkpoint in batches and POSTs each event it takes, signed. Within a batch the
 * accounts go side by side (up to WEBHOOK_CONCURRENCY), each account's events one after the other
 * in log order, each retried with capped exponential backoff and jitter until delivered or given up
 * on; the checkpoint moves past a batch only once every event of it is delivered or dead-lettered,
 * with the dead letters, in one write fenced by the lease. So delivery is at least once (a crash
 * re-sends the batch in hand), in order per account, and never by two holders at once for long.
 *
 * An event given up on holds its account: the account's later events are not tried but listed behind
 * it (`held`), until a person asks for the account's letters to be tried again, in order.
 */
export class WebhookWorker {
  private readonly stopping = new AbortController();
  private run?: Promise<void>;

  constructor(
    readonly subscriptionId: string,
    private readonly deps: WebhookWorkerDeps,
  ) {}

  start(): void {
    this.run ??= this.work();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.run;
  }

  private stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async work(): Promise<void> {
    const { readStore, owner, settings } = this.deps;
    const name = deliveryName(this.subscriptionId);
    const backoff = new Backoff({
      initialMs: 200,
      maxMs: 30_000,
      onFirstFailure: (error) => {
        this.log(`a store fails (${errorText(error)}); retrying with backoff`);
      },
    });
    let lease: Lease | undefined;
    while (!this.stopped()) {
      lease = await readStore.acquireLease(name, owner, settings.leaseMs).catch(() => undefined);
      if (!lease) {
        await pause(settings.leaseMs / 3, this.stopping.signal);
        continue;
      }
      try {
        await this.deliverUnder(lease);
        backoff.succeeded();
      } catch (error) {
        if (this.stopped() || error instanceof LeaseLostError) continue;
        await pause(backoff.failed(error), this.stopping.signal);
      }
    }
    // Another process takes the subscription over at once, not after the lease would have run out.
    if (lease) await readStore.releaseLease(lease).catch(() => undefined);
  }

  /** Delivers while the lease holds, renewing it; throws LeaseLostError once it has passed to another holder. */
  private deliverUnder(lease: Lease): Promise<void> {
    const { readStore, settings } = this.deps;
    return whileLeaseHeld(readStore, lease, settings.leaseMs, async (lost) => {
      const tenure = await this.begin(lease, AbortSignal.any([this.stopping.signal, lost]));
      if (!tenure) {
        await pause(settings.pollMs, this.stopping.signal);
        return;
      }
      await this.retryQueued(tenure);
      await this.loadLetters(tenure);
      await this.followLog(tenure);
      if (lost.aborted) throw new LeaseLostError(lease.name);
    });
  }

  /** The subscription as stored now, its secret, checkpoint and status; undefined once it is disabled. */
  private async begin(lease: Lease, signal: AbortSignal): Promise<Tenure | undefined> {
    const { readStore, secretOf } = this.deps;
    const subscription = (await readStore.get(WEBHOOK_SUBSCRIPTIONS, this.subscriptionId)) as WebhookSubscription | undefined;
    if (!subscription || subscription.disabled) return undefined;
    const position = (await readStore.checkpoint(lease.name)) ?? BigInt(subscription.startAfter);
    const status = ((await readStore.get(WEBHOOK_STATUS, this.subscriptionId)) as WebhookStatus | undefined) ?? {
      id: this.subscriptionId,
      delivered: 0,
      attempts: 0,
    };
    return { lease, signal, subscription, secret: await secretOf(subscription), position, status, held: new Set(), lettered: new Set() };
  }

  private async followLog(tenure: Tenure): Promise<void> {
    const subscription = this.deps.events.subscribeToAll({ after: tenure.position });
    const close = () => void subscription.close();
    tenure.signal.addEventListener('abort', close, { once: true });
    if (tenure.signal.aborted) close();
    try {
      for await (const batch of inBatches(subscription, batchSize, batchWaitMs)) {
        await this.deliverBatch(tenure, batch);
        if (tenure.signal.aborted) return;
      }
    } finally {
      tenure.signal.removeEventListener('abort', close);
      await subscription.close();
    }
  }

  /** Delivers a batch's events of the subscription, account by account, then stores the checkpoint past it. */
  private async deliverBatch(tenure: Tenure, batch: RecordedEvent[]): Promise<void> {
    const taken = batch.filter((event) => subscribedTo(tenure.subscription, event));
    if (taken.length > 0) await this.confirmLease(tenure);
    const events = tenure.subscription.personalData ? await this.deps.vault.open(taken) : taken;
    const lanes = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const accountId = accountOf(event) as string;
      const lane = lanes.get(accountId);
      if (lane) lane.push(event);
      else lanes.set(accountId, [event]);
    }
    const letters: WriteOperation[] = [];
    await inLanes([...lanes.values()], this.deps.settings.concurrency, async (lane) => {
      for (const event of lane) {
        const accountId = accountOf(event) as string;
        if (tenure.held.has(accountId)) {
          if (!tenure.lettered.has(event.id)) letters.push(this.letter(tenure, event, 'held', { attempts: 0, error: null }));
          continue;
        }
        const outcome = await this.deliver(tenure, event);
        if (outcome.delivered) continue;
        tenure.held.add(accountId);
        letters.push(this.letter(tenure, event, 'failed', { attempts: outcome.attempts, error: outcome.error }));
        this.log(`gave up on event ${event.id} (${event.type}) after ${outcome.attempts} tries: ${outcome.error}; its account's later events wait behind it`);
      }
    });
    const last = batch[batch.length - 1];
    if (!last) return;
    await this.store(tenure, letters, last.position);
    tenure.position = last.position;
  }

  /**
   * Renews the lease before a batch is sent, and stops if it has passed: a disable, a replay or a retry
   * takes it over, and then not one more batch goes out under the old one.
   */
  private async confirmLease({ lease }: Tenure): Promise<void> {
    const renewed = await this.deps.readStore.acquireLease(lease.name, lease.owner, this.deps.settings.leaseMs);
    if (renewed?.token !== lease.token) throw new LeaseLostError(lease.name);
  }

  /** POSTs one event until the receiver takes it or the tries allowed are spent; the status shows each failure. */
  private async deliver(tenure: Tenure, event: RecordedEvent): Promise<Outcome> {
    const { clock, settings, random } = this.deps;
    let body: string;
    try {
      body = JSON.stringify(payloadOf(event));
    } catch (error) {
      // An event whose sealed data cannot be opened (see the vault): no try can send it; its account waits behind it.
      this.deps.tried('dead_lettered');
      return { delivered: false, error: error instanceof Error ? error.message : String(error), attempts: 0 };
    }
    for (let attempt = 1; ; attempt++) {
      if (aborted(tenure.signal)) throw new LeaseLostError(tenure.lease.name);
      const sentAt = Math.floor(clock.now().getTime() / 1000);
      const headers = { [signatureHeaderName]: signatureOf(tenure.secret, sentAt, body), 'Arrears-Event-Id': event.id, 'Arrears-Event-Type': event.type };
      const post = { url: tenure.subscription.url, body, headers, timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivateReceivers };
      const outcome = await postToReceiver(post, tenure.signal);
      // A try cut short by a stop or a lost lease says nothing of the receiver: the next holder tries again.
      if (aborted(tenure.signal)) throw new LeaseLostError(tenure.lease.name);
      const { status } = tenure;
      if (outcome.delivered) {
        Object.assign(status, { delivered: status.delivered + 1, lastDeliveredAt: clock.now().toISOString(), attempts: 0 });
        this.deps.tried('delivered');
        return outcome;
      }
      Object.assign(status, { lastError: outcome.error, lastErrorAt: clock.now().toISOString(), attempts: attempt });
      if (attempt >= settings.maxAttempts) {
        this.deps.tried('dead_lettered');
        return { delivered: false, error: outcome.error, attempts: attempt };
      }
      this.deps.tried('failed');
      await this.store(tenure, [], tenure.position).catch((error: unknown) => {
        if (error instanceof LeaseLostError) throw error; // else only the status shown waits for the next write
      });
      await pause(retryDelay(attempt, settings, random), tenure.signal);
    }
  }

  /**
   * Tries again, in order, every letter of each account a person asked to retry: the account's
   * earliest first, each removed once delivered; the first that fails again stays, and so do the
   * ones behind it. The checkpoint does not move: these events are behind it already.
   */
  private async retryQueued(tenure: Tenure): Promise<void> {
    const { readStore, events, vault } = this.deps;
    const queued = (await readStore.find(WEBHOOK_DEAD_LETTERS, {
      where: [
        { field: 'subscriptionId', op: 'eq', value: this.subscriptionId },
        { field: 'state', op: 'eq', value: 'queued' },
      ],
    })) as WebhookDeadLetter[];
    for (const accountId of new Set(queued.map((letter) => letter.accountId))) {
      const letters = await this.lettersOf(accountId);
      for (const [index, letter] of letters.entries()) {
        const stored = await events.readStream(accountStream(accountId), { fromRevision: BigInt(letter.revision), maxCount: 1 });
        const [event] = tenure.subscription.personalData ? await vault.open(stored) : stored;
        const outcome: Outcome = event ? await this.deliver(tenure, event) : { delivered: true };
        if (outcome.delivered) {
          await this.store(tenure, [{ kind: 'delete', collection: WEBHOOK_DEAD_LETTERS, id: letter.id }], tenure.position);
          continue;
        }
        const failed = { ...letter, state: 'failed', attempts: outcome.attempts, lastError: outcome.error, deadAt: this.deps.clock.now().toISOString() };
        const behind = letters
          .slice(index + 1)
          .map((later): WriteOperation => ({ kind: 'update', collection: WEBHOOK_DEAD_LETTERS, id: later.id, set: { state: 'held' } }));
        await this.store(tenure, [{ kind: 'put', collection: WEBHOOK_DEAD_LETTERS, document: failed }, ...behind], tenure.position);
        break;
      }
    }
  }

  private async lettersOf(accountId: string): Promise<WebhookDeadLetter[]> {
    return (await this.deps.readStore.find(WEBHOOK_DEAD_LETTERS, {
      where: [
        { field: 'subscriptionId', op: 'eq', value: this.subscriptionId },
        { field: 'accountId', op: 'eq', value: accountId },
      ],
      orderBy: [{ field: 'position', direction: 'asc' }],
    })) as WebhookDeadLetter[];
  }

  /** The letters left after the retries: their accounts' later events must wait behind them. */
  private async loadLetters(tenure: Tenure): Promise<void> {
    const letters = (await this.deps.readStore.find(WEBHOOK_DEAD_LETTERS, {
      where: [{ field: 'subscriptionId', op: 'eq', value: this.subscriptionId }],
    })) as WebhookDeadLetter[];
    tenure.held = new Set(letters.map((letter) => letter.accountId));
    tenure.lettered = new Set(letters.map((letter) => letter.eventId));
  }

  private letter(tenure: Tenure, event: RecordedEvent, state: DeadLetterState, failure: { attempts: number; error: string | null }): WriteOperation {
    const document: WebhookDeadLetter = {
      id: deadLetterId(this.subscriptionId, event.id),
      subscriptionId: this.subscriptionId,
      eventId: event.id,
      type: event.type,
      accountId: accountOf(event) as string,
      creditorId: event.metadata.creditorId,
      position: Number(event.position),
      revision: Number(event.revision),
      state,
      attempts: failure.attempts,
      lastError: failure.error,
      deadAt: this.deps.clock.now().toISOString(),
    };
    return { kind: 'put', collection: WEBHOOK_DEAD_LETTERS, document };
  }

  /** The writes, with the status, and the checkpoint at `position`, fenced by the lease: all or nothing. */
  private store(tenure: Tenure, writes: WriteOperation[], position: bigint): Promise<void> {
    const status: WriteOperation = { kind: 'put', collection: WEBHOOK_STATUS, document: { ...tenure.status } };
    return this.deps.readStore.apply([...writes, status], { name: tenure.lease.name, position, fence: tenure.lease.token });
  }

  private log(message: string): void {
    this.deps.log(`Webhook ${this.subscriptionId}: ${message}`);
  }
}

/** Runs `work` on each lane, at most `concurrency` at once; after a failure no further lane starts. */
async function inLanes<T>(lanes: T[], concurrency: number, work: (lane: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const runner = async () => {
    while (!failed && next < lanes.length) {
      const lane = lanes[next++] as T;
      try {
        await work(lane);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, lanes.length) }, runner));
}

/** Asked afresh at each call: a signal aborts while the caller awaits, which a narrowed property would hide. */
const aborted = (signal: AbortSignal) => signal.aborted;

/** Waits `ms`, or less if the signal aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
