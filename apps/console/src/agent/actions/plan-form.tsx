import { useState, type SyntheticEvent } from 'react';
import { answer, api } from '../../api/client';
import { localDate, majorUnits, minorUnits, money } from '../../shared/format';
import { CommandOutcome } from '../../shared/command-outcome';
import { useCommand } from '../../shared/use-command';
import { needsCurrency, type AmountProps } from './needs-currency';
import { dueDates, splitEvenly, sum, type Interval } from './installments';
import { Choice } from '../../shared/choice';

const intervals: Interval[] = ['weekly', 'fortnightly', 'monthly'];
const describedIntervals: Record<Interval, string> = { weekly: 'week', fortnightly: 'two weeks', monthly: 'month' };

interface Row {
  dueOn: string;
  amount: string;
}

/** What the schedule is built from: how many installments, the first one's date, and how far apart. */
interface Schedule {
  count: number;
  first: string;
  interval: Interval;
}

/** `covered` split evenly over the schedule's dates, as the rows the agent may then adjust. */
function rowsOf({ count, first, interval }: Schedule, covered: number, currency: string): Row[] {
  const dates = dueDates(first, count, interval);
  return splitEvenly(covered, count).map((amount, i) => ({ dueOn: dates[i] ?? first, amount: majorUnits(amount, currency) }));
}

/**
 * A payment plan over every open invoice: built evenly, adjusted by hand, sent only when it adds up to what is owed.
 * Changing the schedule, or what is owed, builds the rows again (hand edits of a row last until then), so what is
 * sent is what the schedule shows.
 */
export const PlanForm = needsCurrency(function PlanForm({ account, currency, onChange }: AmountProps) {
  const covered = account.invoices.reduce((total, invoice) => total + invoice.outstanding, 0);
  const [schedule, setSchedule] = useState<Schedule>({ count: 3, first: localDate(7), interval: 'monthly' });
  const [rows, setRows] = useState<Row[]>(() => rowsOf(schedule, covered, currency));
  const [builtFor, setBuiltFor] = useState(covered);
  // What is owed changed (a payment came in, say): the rows are built again for it, as for a new schedule.
  if (builtFor !== covered && schedule.first !== '') {
    setBuiltFor(covered);
    setRows(rowsOf(schedule, covered, currency));
  }
  const reschedule = (change: Partial<Schedule>) => {
    const next = { ...schedule, ...change };
    setSchedule(next);
    // A date input holds '' until its date is whole: the rows wait for one.
    if (next.first === '') return;
    setBuiltFor(covered);
    setRows(rowsOf(next, covered, currency));
  };
  const amounts = rows.map((row) => minorUnits(row.amount, currency));
  const total = amounts.every((a) => a !== null) ? sum(amounts) : null;
  const command = useCommand(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (total !== covered) return;
    const installments = rows.map((row, i) => ({ dueOn: row.dueOn, amount: amounts[i] as number }));
    const body = { planId: command.draftId('plan'), currency, installments };
    void command.send(
      async () =>
        answer(
          await api.POST('/accounts/{accountId}/plans', {
            params: { path: { accountId: account.accountId }, header: { 'Idempotency-Key': command.idempotencyKey(body) } },
            body,
          }),
        ),
      'Plan agreed.',
    );
  };
  const edit = (index: number, change: Partial<Row>) => {
    setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  };
  return (
    <form onSubmit={submit} aria-label="Agree a payment plan">
      <p>Covers every open invoice: {money(covered, currency)}.</p>
      <div className="inline">
        <label>
          Installments
          <input
            type="number"
            min={1}
            max={120}
            value={schedule.count}
            onChange={(e) => {
              reschedule({ count: Math.max(1, Math.min(120, Number(e.target.value) || 1)) });
            }}
          />
        </label>
        <label>
          First due
          <input
            type="date"
            value={schedule.first}
            onChange={(e) => {
              reschedule({ first: e.target.value });
            }}
            required
          />
        </label>
        <Choice
          label="Every"
          value={schedule.interval}
          options={intervals}
          onChange={(interval) => {
            reschedule({ interval });
          }}
          describe={(every) => describedIntervals[every]}
        />
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Due</th>
            <th scope="col">Amount ({currency})</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>
                <input
                  type="date"
                  aria-label={`Installment ${i + 1} due`}
                  value={row.dueOn}
                  onChange={(e) => {
                    edit(i, { dueOn: e.target.value });
                  }}
                />
              </td>
              <td>
                <input
                  inputMode="decimal"
                  aria-label={`Installment ${i + 1} amount`}
                  value={row.amount}
                  onChange={(e) => {
                    edit(i, { amount: e.target.value });
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">
        {total === null
          ? 'An amount does not read as one.'
          : total === covered
            ? `Adds up to ${money(total, currency)}.`
            : `Adds up to ${money(total, currency)}: ${money(Math.abs(covered - total), currency)} ${total < covered ? 'short' : 'over'}.`}
      </p>
      <button type="submit" disabled={command.sending || total !== covered}>
        Agree plan
      </button>
      <CommandOutcome outcome={command.outcome} />
    </form>
  );
});
