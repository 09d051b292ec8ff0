import { createHash } from 'node:crypto';
import { addDays, demoCreditorProfile, regulationFEverywhere } from '@arrears/domain';
import { omittedPaths, withoutPaths } from '@arrears/read-store';
import { everyEventHistory } from '../../../../domain/src/account/every-event.fixtures';
import type { ProjectedDocument } from '../../projection';
import { applyEvent } from '../../runner/batch-writes';
import { accountProjection, eventLog, facts, projectAll } from '../read-model.fixtures';
import { foldOnlyAccountFields, type AccountDocument } from './account.projection';
import { accountView } from './account.view';

const on = eventLog();
const acc = on('acc-1');
const opened = acc('AccountOpened', facts.opened('acc-1'), '2026-01-05T09:00:00.000Z');
const issued = acc('InvoiceIssued', facts.invoice('inv-1', 10_000, '2026-01-05', '2026-02-04'));
const issued2 = acc('InvoiceIssued', facts.invoice('inv-2', 4_000, '2026-02-01', '2026-03-03'));
const paid = acc('PaymentReceived', facts.payment('pay-1', 3_000, '2026-02-10', [{ invoiceId: 'inv-1', amount: 3_000 }]), '2026-02-10T10:00:00.000Z');
const missed = acc('PaymentMissed', { invoiceId: 'inv-1', dueOn: '2026-02-04', overdueAmount: 7_000, currency: 'EUR', missedOn: '2026-02-05' });
const claimed = acc('AccountClaimed', { agentId: 'agent-1', until: '2026-03-10T10:30:00.000Z' });
const history = [opened, issued, issued2, paid, missed, claimed];

const project = (events = history) => projectAll(accountProjection, events).get('accounts/acc-1') as AccountDocument;

describe('account read model', () => {
  it('opens the document when the account opens', () => {
    expect(project([opened])).toMatchObject({ id: 'acc-1', creditorId: 'cred-1', lastPayment: null, openedAt: '2026-01-05T09:00:00.000Z', position: 1 });
  });

  it('keeps balances by the domain’s own rules, and remembers the last payment', () => {
    const document = project();
    expect(document.account.invoices['inv-1']).toMatchObject({ paid: 3_000, missed: true });
    expect(document.lastPayment).toEqual({ paymentId: 'pay-1', amount: 3_000, currency: 'EUR', receivedOn: '2026-02-10', method: 'card' });
    expect(document.position).toBe(Number(claimed.position));
  });

  it('shows days past due, overdue and aging as of the day asked, and the agent holding the claim', () => {
    const view = accountView(project(), '2026-03-10T10:00:00.000Z', regulationFEverywhere);
    expect(view.balances).toEqual({ total: 11_000, overdue: 11_000, credit: 0 });
    expect(view.invoices.map((i) => [i.invoiceId, i.outstanding, i.daysPastDue, i.agingBucket])).toEqual([
      ['inv-1', 7_000, 34, '31-60'],
      ['inv-2', 4_000, 7, '1-30'],
    ]);
    expect(view).toMatchObject({ daysPastDue: 34, agingBucket: '31-60', claim: { agentId: 'agent-1' }, assignedAgentId: null });
    const earlier = accountView(project(), '2026-02-04T10:00:00.000Z', regulationFEverywhere);
    expect(earlier.balances.overdue).toBe(0);
    expect(earlier).toMatchObject({ agingBucket: 'current', claim: { agentId: 'agent-1' } });
    expect(accountView(project(), '2026-03-10T10:30:00.000Z', regulationFEverywhere).claim).toBeNull();
    const assigned = acc('AccountAssigned', { agentId: 'agent-9' });
    expect(accountView(project([...history, assigned]), '2026-03-10T10:30:00.000Z', regulationFEverywhere).assignedAgentId).toBe('agent-9');
  });

  it('shows whether the account holds a time-barred debt as of the day asked (12 CFR 1006.26)', () => {
    // The creditor's state is New York (3 years, CPLR 214-i): inv-1, in default from 2026-02-05, is time-barred from 2029-02-05.
    const inNewYork = { ...regulationFEverywhere, profiles: { default: { ...demoCreditorProfile, jurisdiction: 'US-NY' }, byCreditor: {} } };
    expect(accountView(project(), '2029-02-04T15:00:00.000Z', inNewYork).timeBar).toEqual({
      timeBarred: false,
      since: null,
      disclosureRequired: false,
      jurisdiction: 'US-NY',
    });
    expect(accountView(project(), '2029-02-05T15:00:00.000Z', inNewYork).timeBar).toEqual({
      timeBarred: true,
      since: '2029-02-05',
      disclosureRequired: true,
      jurisdiction: 'US-NY',
    });
  });

  it('ignores events before the account opens and events of other streams', () => {
    expect(projectAll(accountProjection, [issued]).size).toBe(0);
    const other = { ...issued, streamId: 'idempotency-x' };
    expect(accountProjection.documentIds(other)).toEqual([]);
  });

  it('shows the same view of an account read without the fields only the fold reads, after every event', () => {
    const record = eventLog()('acc-1');
    const documents = new Map<string, ProjectedDocument | null>();
    const policies = { ...regulationFEverywhere, profiles: { default: { ...demoCreditorProfile, jurisdiction: 'US-NY' }, byCreditor: {} } };
    everyEventHistory.forEach((event, day) => {
      applyEvent(accountProjection, documents, record(event.type, event.data, `${addDays('2026-01-01', day)}T12:00:00.000Z`));
      const whole = documents.get('accounts/acc-1') as AccountDocument;
      const slim = withoutPaths(whole, omittedPaths(foldOnlyAccountFields));
      expect(slim).not.toHaveProperty('account.payments');
      for (const now of [`${addDays('2026-01-01', day)}T18:00:00.000Z`, '2030-01-01T12:00:00.000Z'])
        expect(accountView(slim, now, policies)).toStrictEqual(accountView(whole, now, policies));
    });
  });

  it('changes nothing when events are delivered again, in whole or in part', () => {
    const once = projectAll(accountProjection, history);
    const again = projectAll(accountProjection, [...history.slice(0, 3), ...history, ...history.slice(2)]);
    expect(again).toEqual(once);
  });
});

describe('the version the account fold is stored under', () => {
  // A rebuild makes the fold's documents again only when its version changes, and a worklist line is written only
  // when it differs from the one made again from the stored account: both need every release that changes what
  // the fold makes to raise its version. The digest covers the account, its line and its KPI documents after each
  // event of a history holding every event type, one a day. If it changes while the history did not, raise
  // `version` (account.projection.ts) with the new digest; if only the history changed, change the digest alone.
  it('names the documents this history makes', () => {
    const record = eventLog()('acc-1');
    const documents = new Map<string, ProjectedDocument | null>();
    const digest = createHash('sha256');
    everyEventHistory.forEach((event, day) => {
      applyEvent(accountProjection, documents, record(event.type, event.data, `${addDays('2026-01-01', day)}T12:00:00.000Z`));
      digest.update(JSON.stringify([...documents])).update('\n');
    });
    expect({ version: accountProjection.version, digest: digest.digest('hex') }).toEqual({
      version: 20,
      digest: '1a97742f2d95dad0e4853f87db59c86b9c0949e7c21c2a05fae8b8fa8fddf452',
    });
  });
});
