import { useState, type SyntheticEvent } from 'react';
import { api, answer } from '../api/client';
import type { AccountAsOf } from '../api/schemas';
import { asProblem, type Problem } from '../api/problem';
import { businessDate, instant, localDate, money } from '../shared/format';
import { ProblemView } from '../shared/problem-view';
import { Figures } from '../shared/figures';

interface Cut {
  asOf?: string;
  asAt?: string;
}

/**
 * Two cuts of the account side by side: in record time (what had been recorded by an instant) and in
 * business time (as of the end of a date, with everything recorded since).
 */
export function AsOfComparison({ accountId }: { accountId: string }) {
  return (
    <section aria-labelledby="asof-title">
      <h2 id="asof-title">The account as it stood</h2>
      <div className="columns">
        <CutColumn accountId={accountId} kind="asOf" />
        <CutColumn accountId={accountId} kind="asAt" />
      </div>
    </section>
  );
}

function CutColumn({ accountId, kind }: { accountId: string; kind: 'asOf' | 'asAt' }) {
  const [value, setValue] = useState(kind === 'asAt' ? localDate(-30) : '');
  const [state, setState] = useState<{ account: AccountAsOf } | { problem: Problem } | null>(null);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    // datetime-local is the auditor's wall clock; the service wants an instant with its offset.
    const cut: Cut = kind === 'asOf' ? { asOf: new Date(value).toISOString() } : { asAt: value };
    try {
      setState({ account: answer(await api.GET('/accounts/{accountId}/state', { params: { path: { accountId }, query: cut } })) });
    } catch (error) {
      setState({ problem: asProblem(error) });
    }
  };
  const label = kind === 'asOf' ? 'Recorded by (instant, your time)' : 'As at the end of (business date)';
  return (
    <div className="cut" data-cut={kind}>
      <form onSubmit={(e) => void submit(e)} className="inline">
        <label>
          {label}
          <input
            type={kind === 'asOf' ? 'datetime-local' : 'date'}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
            }}
            required
          />
        </label>
        <button type="submit">Show {kind === 'asOf' ? 'as of' : 'as at'}</button>
      </form>
      {state && ('problem' in state ? <ProblemView problem={state.problem} /> : <CutSummary account={state.account} />)}
    </div>
  );
}

function CutSummary({ account }: { account: AccountAsOf }) {
  const { lastPayment } = account;
  return (
    <Figures
      className="figures cut-summary"
      figures={[
        [
          'Cut',
          <>
            {account.asOf && <>recorded by {instant(account.asOf)} </>}
            {account.asAt && <>as at {businessDate(account.asAt)}</>} · revision {account.revision}
          </>,
        ],
        ['Owed', money(account.balances.total, account.currency)],
        ['Overdue', money(account.balances.overdue, account.currency)],
        ['Days past due', account.daysPastDue],
        ['Invoices', account.invoices.map((invoice) => `${invoice.invoiceId} ${money(invoice.outstanding, invoice.currency)}`).join(', ') || '—'],
        ['Last payment', lastPayment ? `${money(lastPayment.amount, lastPayment.currency)} on ${businessDate(lastPayment.receivedOn)}` : '—'],
      ]}
    />
  );
}
