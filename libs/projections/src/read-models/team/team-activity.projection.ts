import { businessDayOf, entryOf, setEntry, type AccountEvent, type IsoDate } from '@arrears/domain';
import type { ReportingZones } from '@arrears/platform';
import type { DocumentRef, Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountIdOf, type RecordedAccountEvent } from '../account-events';

/** What an agent did on a business day: contacts logged, promises taken, and promises they took that were kept or broken that day. */
export interface AgentDay {
  contacts: number;
  promisesTaken: number;
  promisesKept: number;
  promisesBroken: number;
}

/** A creditor's business day (in its reporting zone), by agent. */
export interface TeamDayDocument extends ProjectedDocument {
  kind: 'day';
  creditorId: string;
  date: IsoDate;
  agents: Record<string, AgentDay>;
}

/** How many open accounts of a creditor are assigned to each agent. */
export interface TeamRosterDocument extends ProjectedDocument {
  kind: 'roster';
  creditorId: string;
  assigned: Record<string, number>;
}

/** What the team view remembers of an account: its assignee, and who took each promise (kept or broken later, by the scheduler). */
export interface TeamAccountDocument extends ProjectedDocument {
  kind: 'account';
  creditorId: string;
  open: boolean;
  assignedAgentId: string | null;
  promiseTakers: Record<string, string>;
}

export type TeamDocument = TeamDayDocument | TeamRosterDocument | TeamAccountDocument;

const TEAM_ACTIVITY = 'team_activity';
const handled = ['AccountAssigned', 'AccountClosed', 'AccountReopened', 'ContactAttempted', 'PromiseToPayMade', 'PromiseKept', 'PromiseBroken'] as const;
type TeamEvent = Extract<AccountEvent, { type: (typeof handled)[number] }>;
type Recorded = RecordedAccountEvent & TeamEvent;

export const teamDayId = (creditorId: string, date: IsoDate) => `day:${creditorId}:${date}`;
export const teamRosterId = (creditorId: string) => `roster:${creditorId}`;
const accountRef = (accountId: string): DocumentRef => ({ collection: TEAM_ACTIVITY, id: `account:${accountId}` });
const ref = (id: string): DocumentRef => ({ collection: TEAM_ACTIVITY, id });

/** Only people work a team's accounts: the scheduler's and the feeds' facts are not anyone's contacts. */
const byPerson = ({ metadata }: Recorded) => metadata.actor.role === 'agent' || metadata.actor.role === 'supervisor';

/**
 * The supervisor's team view: per creditor, accounts assigned to each agent, and per business day (in
 * the creditor's reporting zone, as the KPIs and the audit trail date facts) each agent's contacts and
 * promises. A promise kept or broken counts for the agent who took it, on the day it was settled.
 */
export const teamActivityProjectionFor = (zones: ReportingZones): Projection<TeamDocument, TeamEvent> => {
  const dayOf = (event: Recorded) => teamDayId(event.metadata.creditorId, businessDayOf(event, event.metadata, zones(event.metadata.creditorId)));
  return {
    name: TEAM_ACTIVITY,
    // 2: agents and promises named like Object.prototype's members (`constructor`, `__proto__`) count like any other.
    // 3: an account reopened (a payment after it closed) counts for its agent again.
    version: 3,
    collection: TEAM_ACTIVITY,
    indexes: [],
    handles: handled,
    documentIds: (event) => {
      const accountId = accountIdOf(event);
      if (!accountId) return [];
      const { creditorId } = event.metadata;
      switch (event.type) {
        case 'AccountAssigned':
        case 'AccountClosed':
        case 'AccountReopened':
          return [accountRef(accountId), ref(teamRosterId(creditorId))];
        case 'ContactAttempted':
          return byPerson(event) ? [ref(dayOf(event))] : [];
        default:
          return [accountRef(accountId), ref(dayOf(event))];
      }
    },
    evolve: (documents, event) => evolveTeam(documents, event, dayOf(event)),
  };
};

function evolveTeam(documents: (TeamDocument | null)[], event: Recorded, dayId: string): Evolved<TeamDocument>[] {
  const { creditorId } = event.metadata;
  if (event.type === 'ContactAttempted') return [counted(documents[0] as TeamDayDocument | null, creditorId, dayId, event.metadata.actor.id, 'contacts')];
  const account: TeamAccountDocument = (documents[0] as TeamAccountDocument | null) ?? {
    id: `account:${accountIdOf(event) as string}`,
    kind: 'account',
    creditorId,
    open: true,
    assignedAgentId: null,
    promiseTakers: {},
    position: 0,
  };
  switch (event.type) {
    case 'AccountAssigned':
    case 'AccountClosed':
    case 'AccountReopened': {
      const roster = (documents[1] as TeamRosterDocument | null) ?? { id: teamRosterId(creditorId), kind: 'roster', creditorId, assigned: {}, position: 0 };
      const next =
        event.type === 'AccountAssigned' ? { ...account, assignedAgentId: event.data.agentId } : { ...account, open: event.type === 'AccountReopened' };
      // An open account counts for its agent: the one it counted for before, and the one after.
      const [before, after] = [account, next].map(({ open, assignedAgentId }) => (open ? assignedAgentId : null));
      const assigned = { ...roster.assigned };
      if (before) setEntry(assigned, before, (entryOf(assigned, before) ?? 1) - 1);
      if (after) setEntry(assigned, after, (entryOf(assigned, after) ?? 0) + 1);
      return [next, { ...roster, assigned: Object.fromEntries(Object.entries(assigned).filter(([, count]) => count > 0)) }];
    }
    case 'PromiseToPayMade': {
      const day = documents[1] as TeamDayDocument | null;
      if (!byPerson(event)) return [account, day];
      const taker = event.metadata.actor.id;
      return [
        { ...account, promiseTakers: { ...account.promiseTakers, [event.data.promiseId]: taker } },
        counted(day, creditorId, dayId, taker, 'promisesTaken'),
      ];
    }
    default: {
      const day = documents[1] as TeamDayDocument | null;
      const taker = entryOf(account.promiseTakers, event.data.promiseId);
      if (!taker) return [account, day];
      return [account, counted(day, creditorId, dayId, taker, event.type === 'PromiseKept' ? 'promisesKept' : 'promisesBroken')];
    }
  }
}

const noActivity = (): AgentDay => ({ contacts: 0, promisesTaken: 0, promisesKept: 0, promisesBroken: 0 });

function counted(day: TeamDayDocument | null, creditorId: string, id: string, agentId: string, what: keyof AgentDay): TeamDayDocument {
  const base = day ?? { id, kind: 'day' as const, creditorId, date: id.slice(id.lastIndexOf(':') + 1), agents: {}, position: 0 };
  const agent = entryOf(base.agents, agentId) ?? noActivity();
  return { ...base, agents: { ...base.agents, [agentId]: { ...agent, [what]: agent[what] + 1 } } };
}

/** Where readers find the team's activity. */
export const teamActivityReadModel = { name: TEAM_ACTIVITY, collection: TEAM_ACTIVITY } as const;
