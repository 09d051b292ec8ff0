import { Logger } from '@nestjs/common';
import { accountFoldVersion, type AccountState } from '@arrears/domain';
import type { EventStore, RecordedEvent } from '@arrears/event-store';
import { debtorSubject, type PersonalDataVault, type SealedPersonalData } from '@arrears/personal-data';
import type { ReadStore } from '@arrears/read-store';
import type { KnownState } from './account-state.cache';
import { knownStateOf, loadAccount } from './load-account';

/** Where snapshots are kept: derived and disposable, like a read model, so in the read store. */
export const ACCOUNT_SNAPSHOTS = 'account_snapshots';

/** Longest a load waits for the read store's part (finding or keeping a snapshot) before it goes on without. */
const snapshotWaitMs = 1_000;
/** How long loads leave snapshots alone after the read store failed or was slow: one slow load, not each. */
const restMs = 30_000;

/** Where snapshots are kept, what seals them, and how many events a load folds before it leaves one. */
interface Kept {
  store: ReadStore;
  vault: PersonalDataVault;
  every: number;
}

/** A snapshot as read back: the account at a revision the stream holds. */
type Snapshot = KnownState & { revision: bigint };

/** A snapshot as stored: where it stands in its stream, and the folded account sealed. */
interface StoredSnapshot {
  id: string;
  revision: string;
  /** The hash of the event at `revision`: the stream must still hold that event for the snapshot to be used. */
  lastHash: string;
  foldVersion: number;
  sealed: SealedPersonalData;
}

/**
 * Loads accounts from their last snapshot and the events after it, so that a load's cost does not grow
 * with the account's history. A load that folded `every` events or more leaves a snapshot of what it
 * folded; the command path's appends write none.
 *
 * The folded account holds the debtor's personal data opened, so a snapshot is sealed whole under the
 * debtor's live data key, and only while they have one: a snapshot never makes a key, so it cannot
 * outlive an erasure under a new one. The seal (AES-256-GCM) is bound to the stream, the revision, its
 * event's hash and the fold's version: erasing the debtor makes it unreadable, as it does the events,
 * and an altered or moved snapshot fails its tag. A snapshot is also used only while the stream still
 * holds the event it was taken at, with its hash, and only by the fold's own version
 * (`accountFoldVersion`). Anything else, or a read store that fails or is slow, means reading the whole
 * stream, as without snapshots: they only ever save time.
 */
export class AccountSnapshots {
  private readonly logger = new Logger('AccountSnapshots');
  private restingUntil = -Infinity;

  constructor(
    private readonly events: EventStore,
    /** Without it, or with `every` 0, no snapshots: every load reads the whole stream. */
    private readonly kept?: Kept,
  ) {}

  /** The account as its stream now stands: its state, the revision read, and the hash to chain to. */
  async load(streamId: string): Promise<KnownState> {
    const kept = this.kept;
    if (!kept || kept.every === 0 || this.resting()) return loadAccount(this.events, streamId);
    const snapshot = await this.inTime(this.snapshotOf(kept, streamId));
    const after = snapshot && (await this.eventsAfter(streamId, snapshot));
    const [from, folded] = snapshot && after ? [snapshot, after] : [undefined, await this.events.readStream(streamId)];
    const known = knownStateOf(folded, from);
    if (folded.length >= kept.every && !this.resting()) await this.inTime(this.save(kept, streamId, known));
    return known;
  }

  /** The events after the snapshot; undefined when the stream no longer holds the event it was taken at. */
  private async eventsAfter(streamId: string, snapshot: Snapshot): Promise<RecordedEvent[] | undefined> {
    const [taken, ...after] = await this.events.readStream(streamId, { fromRevision: snapshot.revision });
    return taken?.revision === snapshot.revision && taken.metadata.hash === snapshot.lastHash ? after : undefined;
  }

  private async snapshotOf({ store, vault }: Kept, streamId: string): Promise<Snapshot | undefined> {
    const stored = (await store.get(ACCOUNT_SNAPSHOTS, streamId)) as StoredSnapshot | undefined;
    if (!stored || stored.foldVersion !== accountFoldVersion) return undefined;
    const revision = BigInt(stored.revision);
    const state = await this.opened(vault, stored, contextOf(streamId, revision, stored.lastHash));
    // Its key destroyed (the debtor erased), or altered: no later load need find it again.
    if (!state) await store.apply([{ kind: 'delete', collection: ACCOUNT_SNAPSHOTS, id: streamId }]);
    return state && { state, revision, lastHash: stored.lastHash };
  }

  private async opened(vault: PersonalDataVault, { id, sealed }: StoredSnapshot, context: string): Promise<AccountState | undefined> {
    try {
      return (await vault.openValue(sealed, context)) as AccountState | undefined;
    } catch (error) {
      this.logger.warn(`The snapshot of ${id} could not be opened (${(error as Error).message}); it is dropped.`);
      return undefined;
    }
  }

  private async save({ store, vault }: Kept, streamId: string, { state, revision, lastHash }: KnownState): Promise<void> {
    if (state.status === 'unopened' || revision === 'no_stream' || state.debtor.personalDataErased) return;
    const sealed = await vault.sealUnderLiveKey(debtorSubject(state.creditorId, state.debtor.reference), state, contextOf(streamId, revision, lastHash));
    if (!sealed) return;
    const document: StoredSnapshot = { id: streamId, revision: revision.toString(), lastHash, foldVersion: accountFoldVersion, sealed };
    await store.apply([{ kind: 'put', collection: ACCOUNT_SNAPSHOTS, document: { ...document } }]);
  }

  private resting(): boolean {
    return performance.now() < this.restingUntil;
  }

  /**
   * What `work` gives within `snapshotWaitMs`. If it fails or takes longer (it is then left to finish
   * alone), undefined, and loads leave snapshots alone for `restMs`.
   */
  private async inTime<T>(work: Promise<T>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`no answer within ${snapshotWaitMs} ms`));
      }, snapshotWaitMs);
    });
    try {
      return await Promise.race([work, late]);
    } catch (error) {
      this.restingUntil = performance.now() + restMs;
      this.logger.warn(`Snapshots failed (${(error as Error).message}): loads read whole streams for the next ${restMs / 1000} s.`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** What a snapshot is bound to: its stream, its revision and the hash there, and the fold's version. */
const contextOf = (streamId: string, revision: bigint, hash: string) => `${streamId}@${revision}#${hash}/fold-${accountFoldVersion}`;
