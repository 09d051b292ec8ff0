import type { Scoring } from '@arrears/domain';
import type { ReportingZones } from '@arrears/platform';
import type { Projection } from '../projection';
import type { PoisonPolicy } from '../runner/projection-worker';
import { accountProjectionFor, accountReadModel } from './account/account.projection';
import { accountSearchProjectionFor } from './account-search/account-search.projection';
import type { AccountSearchKey } from './account-search/search-tokens';
import { teamActivityProjectionFor } from './team/team-activity.projection';
import { auditTrailProjectionFor } from './audit-trail/audit-trail.projection';
import { outboxProjection } from './outbox/outbox.projection';
import { accountDocumentShape, accountPartedFields } from './account/account.stored-shape';
import { worklistLineShape } from './worklist/worklist.stored-shape';
import { WORKLIST } from './worklist/worklist-line';
import type { StoredShape } from '../stored-shapes/stored-shape';
import { ShapedReadStore } from '../stored-shapes/shaped-read-store';
import type { PartedCollection } from '../stored-shapes/stored-parts.store';
import type { ReadStore } from '@arrears/read-store';

export * from './account/account.projection';
export * from './account/account.view';
export * from './account-search/account-search.projection';
export * from './account-search/search-tokens';
export * from './audit-trail/audit-trail.projection';
export * from './kpis/kpi-days';
export * from './kpis/kpi-months';
export * from './kpis/kpi-series';
export * from './kpis/kpi-csv';
export * from './outbox/outbox.projection';
export * from './team/team-activity.projection';
export * from './worklist/priority';
export * from './worklist/worklist-line';
export * from './worklist/worklist.view';
export * from './worklist/expected-recovery';
export { accountIdOf, isAccountEvent, type RecordedAccountEvent } from './account-events';

/**
 * The collections stored slim (see stored-shapes): the account fold's documents, rewritten whole at
 * every event of their account, are mostly the defaults every account starts with.
 */
export const readModelShapes: ReadonlyMap<string, StoredShape> = new Map([
  [accountReadModel.collection, accountDocumentShape],
  [WORKLIST, worklistLineShape],
]);

/** The collections whose documents keep what grows with their history in parts (see stored-parts). */
export const readModelParts: ReadonlyMap<string, PartedCollection> = new Map([
  [accountReadModel.collection, { parts: 'account_parts', fields: accountPartedFields }],
]);

/** `store` as the read models use it: the account fold's documents stored slim, their history in parts. */
export const withStoredShapes = (store: ReadStore): ReadStore => new ShapedReadStore(store, readModelShapes, readModelParts);

/**
 * The read models the service keeps: the account fold (accounts, with the worklist and the KPIs it
 * derives), the account search's blind index, the audit trail, the outbox and the team's activity. A poison event holds its own stream in a model that folds
 * each account (balances, the worklist, KPIs, notifications), whose answers for that account would be
 * wrong without it, while every other account goes on; one that only lists facts (the audit trail) skips it.
 */
export interface ReadModel {
  projection: Projection;
  poison: PoisonPolicy;
}

/**
 * The read models, dating business days in each creditor's reporting zone, the search's digests keyed by
 * `searchKey`, accounts scored by `scoring` (none when absent).
 */
export const readModelsFor = (zones: ReportingZones, searchKey: AccountSearchKey, scoring?: Scoring): ReadModel[] => [
  { projection: accountProjectionFor(zones, scoring), poison: 'quarantine' },
  // Skipping an event would leave an erased debtor findable: it holds the account's stream instead.
  { projection: accountSearchProjectionFor(searchKey), poison: 'quarantine' },
  { projection: auditTrailProjectionFor(zones), poison: 'skip' },
  { projection: outboxProjection, poison: 'quarantine' },
  // Skipping an event would leave an assignment counted for the wrong agent from then on.
  { projection: teamActivityProjectionFor(zones), poison: 'quarantine' },
];
