import type { AccountEvent } from '@arrears/domain';
import { reportingZones } from '@arrears/platform';
import type { Projection } from '../../projection';
import type { RecordedAccountEvent } from '../account-events';
import { eventLog, facts, projectAll } from '../read-model.fixtures';
import { teamActivityProjectionFor, teamDayId, teamRosterId, type TeamDocument } from './team-activity.projection';

const projection = teamActivityProjectionFor(reportingZones({ 'cred-1': 'America/New_York' })) as unknown as Projection<TeamDocument, AccountEvent>;
const on = eventLog();
const by =
  (role: string, id: string) =>
  (event: RecordedAccountEvent): RecordedAccountEvent => ({ ...event, metadata: { ...event.metadata, actor: { id, role } } });
const [acc1, acc2] = [on('acc-1'), on('acc-2')];
const promise = (promiseId: string) => ({ promiseId, amount: 5000, currency: 'EUR', dueOn: '2026-03-10', graceDays: 0, madeOn: '2026-03-01' });
// 2026-03-02T03:00Z is still 1 March in New York: the creditor's business day.
const lateEvening = '2026-03-02T03:00:00.000Z';

const history = [
  acc1('AccountOpened', facts.opened('acc-1')),
  acc2('AccountOpened', facts.opened('acc-2')),
  by('supervisor', 'sup-1')(acc1('AccountAssigned', { agentId: 'agent-7' })),
  by('supervisor', 'sup-1')(acc2('AccountAssigned', { agentId: 'agent-7' })),
  by('supervisor', 'sup-1')(acc2('AccountAssigned', { agentId: 'agent-9' })),
  by('agent', 'agent-7')(acc1('ContactAttempted', { channel: 'call', direction: 'outbound', outcome: 'right_party_contact', at: lateEvening }, lateEvening)),
  by('system', 'scheduler')(acc1('ContactAttempted', { channel: 'email', direction: 'outbound', outcome: 'no_answer', at: lateEvening }, lateEvening)),
  by('agent', 'agent-7')(acc1('PromiseToPayMade', promise('p-1'))),
  by('agent', 'agent-9')(acc2('PromiseToPayMade', promise('p-2'))),
  by('system', 'scheduler')(acc1('PromiseKept', { promiseId: 'p-1', paid: 5000 })),
  by('system', 'scheduler')(acc2('PromiseBroken', { promiseId: 'p-2', amount: 5000, paid: 0 })),
];

describe('team activity read model', () => {
  const documents = projectAll(projection, history);
  const document = (id: string) => documents.get(`team_activity/${id}`);

  it('counts the open accounts assigned to each agent, moving one when it is reassigned', () => {
    expect(document(teamRosterId('cred-1'))).toMatchObject({ kind: 'roster', creditorId: 'cred-1', assigned: { 'agent-7': 1, 'agent-9': 1 } });
    expect(Object.keys((document(teamRosterId('cred-1')) as { assigned: object }).assigned)).toHaveLength(2);
  });

  it('counts contacts and promises of people on the creditor’s business day; a promise kept or broken counts for whoever took it', () => {
    expect(document(teamDayId('cred-1', '2026-03-01'))).toMatchObject({
      agents: {
        'agent-7': { contacts: 1, promisesTaken: 1, promisesKept: 1, promisesBroken: 0 },
        'agent-9': { contacts: 0, promisesTaken: 1, promisesKept: 0, promisesBroken: 1 },
      },
    });
  });

  it('stops counting an account as assigned once it is closed', () => {
    const closed = projectAll(projection, [...history, acc2('AccountClosed', { closedOn: '2026-03-05' })]);
    expect(closed.get(`team_activity/${teamRosterId('cred-1')}`)).toMatchObject({ assigned: { 'agent-7': 1 } });
    expect(closed.get(`team_activity/${teamRosterId('cred-1')}`)).not.toHaveProperty(['assigned', 'agent-9']);
  });

  it('counts it for its agent again once a payment after closing reopens it, and a reassignment then moves it', () => {
    const reopened = projectAll(projection, [
      ...history,
      acc2('AccountClosed', { closedOn: '2026-03-05' }),
      acc2('AccountReopened', { reopenedOn: '2026-03-06', reason: 'payment_received', paymentId: 'pay-late' }),
      acc2('AccountAssigned', { agentId: 'agent-7' }),
    ]);
    expect(reopened.get(`team_activity/${teamRosterId('cred-1')}`)).toMatchObject({ assigned: { 'agent-7': 2 } });
    expect(reopened.get(`team_activity/${teamRosterId('cred-1')}`)).not.toHaveProperty(['assigned', 'agent-9']);
  });
});

describe('team activity read model: ids a client may choose', () => {
  // Valid ids (letters, digits, dots, dashes, underscores) that a plain property lookup takes for Object.prototype's.
  const [acc3, acc4] = [on('acc-3', 'cred-2'), on('acc-4', 'cred-2')];
  const documents = projectAll(projection, [
    acc3('AccountOpened', facts.opened('acc-3', 'cred-2')),
    acc4('AccountOpened', facts.opened('acc-4', 'cred-2')),
    by('supervisor', 'sup-1')(acc3('AccountAssigned', { agentId: 'constructor' })),
    by('supervisor', 'sup-1')(acc4('AccountAssigned', { agentId: '__proto__' })),
    by('agent', 'constructor')(acc3('PromiseToPayMade', promise('constructor'))),
    by('agent', '__proto__')(acc4('ContactAttempted', { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-03-01T15:00:00.000Z' })),
    by('system', 'scheduler')(acc3('PromiseKept', { promiseId: 'constructor', paid: 5000 })),
    by('system', 'scheduler')(acc4('PromiseKept', { promiseId: 'toString', paid: 5000 })),
    by('agent', '__proto__')(acc4('PromiseToPayMade', promise('__proto__'))),
    by('system', 'scheduler')(acc4('PromiseBroken', { promiseId: '__proto__', amount: 5000, paid: 0 })),
  ]);

  it('counts agents named `constructor` and `__proto__` like any other, and a promise named so for whoever took it', () => {
    const roster = documents.get(`team_activity/${teamRosterId('cred-2')}`) as { assigned: Record<string, number> };
    expect(Object.entries(roster.assigned)).toEqual([
      ['constructor', 1],
      ['__proto__', 1],
    ]);
    const day = documents.get(`team_activity/${teamDayId('cred-2', '2026-03-01')}`) as { agents: Record<string, unknown> };
    expect(Object.entries(day.agents)).toEqual([
      ['constructor', { contacts: 0, promisesTaken: 1, promisesKept: 1, promisesBroken: 0 }],
      ['__proto__', { contacts: 1, promisesTaken: 1, promisesKept: 0, promisesBroken: 1 }],
    ]);
  });

  it('moves an account away from an agent named `constructor`, who then has none', () => {
    const reassigned = projectAll(projection, [by('supervisor', 'sup-1')(acc3('AccountAssigned', { agentId: 'agent-1' }))], new Map(documents));
    const roster = reassigned.get(`team_activity/${teamRosterId('cred-2')}`) as { assigned: Record<string, number> };
    expect(Object.entries(roster.assigned)).toEqual([
      ['__proto__', 1],
      ['agent-1', 1],
    ]);
  });
});
