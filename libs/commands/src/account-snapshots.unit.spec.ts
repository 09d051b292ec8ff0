import { createHash } from 'node:crypto';
import { accountFoldVersion, evolve, initialAccountState, type AccountEvent } from '@arrears/domain';
import { issued, opened, paymentReceived, planAgreed } from '../../domain/src/account/account.fixtures';

/** A history touching the account's invoices, payments, registries, plan, notes, agent and erasure. */
const history: AccountEvent[] = [
  opened,
  issued('inv-1', 12_000, '2026-01-01', '2026-01-31'),
  issued('inv-2', 8_000, '2026-01-15', '2026-02-14', { graceDays: 5 }),
  paymentReceived(2_500, '2026-02-10', { allocations: [{ invoiceId: 'inv-1', amount: 2_500 }] }),
  planAgreed(
    [
      { invoiceId: 'inv-1', amount: 9_500 },
      { invoiceId: 'inv-2', amount: 8_000 },
    ],
    [
      { dueOn: '2026-03-01', amount: 8_750 },
      { dueOn: '2026-04-01', amount: 8_750 },
    ],
  ),
  paymentReceived(8_750, '2026-03-01', { paymentId: 'pay-2', allocations: [{ invoiceId: 'inv-1', amount: 8_750 }], installmentAllocations: [] }),
  { type: 'NoteAdded', data: { text: 'Promised the rest by April.' } },
  { type: 'AccountAssigned', data: { agentId: 'agent-7' } },
  { type: 'PersonalDataErased', data: { debtorReference: 'D-100', erasedOn: '2026-03-15' } },
];

const fold = (events: AccountEvent[], from = initialAccountState()) => events.reduce(evolve, from);

describe('a snapshot of the folded account', () => {
  it('folds on, once read back from its JSON, as the account itself does, wherever the history is cut', () => {
    for (let cut = 0; cut <= history.length; cut++) {
      const readBack = JSON.parse(JSON.stringify(fold(history.slice(0, cut)))) as ReturnType<typeof fold>;
      expect(fold(history.slice(cut), readBack)).toEqual(fold(history));
    }
  });
});

describe('the fold version snapshots are kept under', () => {
  // Snapshots folded by one version of the fold are read back by the next release: if this history now
  // folds into another state, raise accountFoldVersion (account.state.ts) with the new digest, so that
  // no release builds on a snapshot its own fold would not have made. It reaches the evolvers of these
  // event types only: a change to another one's needs the version raised by hand.
  it('names the state this history folds into', () => {
    const folded = JSON.stringify(fold(history));
    expect({ accountFoldVersion, digest: createHash('sha256').update(folded).digest('hex') }).toEqual({
      accountFoldVersion: 1,
      digest: 'f2f4131afbcd2a491599d62a07e7e1d2099f75f404dcfc3aef601458a4395ef4',
    });
  });
});
