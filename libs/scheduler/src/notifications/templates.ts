import { formatMoney } from '@arrears/domain';
import type { OutboxDocument } from '@arrears/projections';

type Facts = OutboxDocument['facts'];

const amountDue = (facts: Facts) => formatMoney(Number(facts.amount), String(facts.currency));

/** Subject and body per template; an unknown template still says what it is about. */
const templates: Record<string, (facts: Facts) => { subject: string; body: string }> = {
  'payment-reminder': (facts) => ({
    subject: `Payment reminder: ${amountDue(facts)} due ${facts.dueOn}`,
    body: `Invoice ${facts.invoiceId}: ${amountDue(facts)} is due on ${facts.dueOn}.`,
  }),
  'payment-reminder-sms': (facts) => ({ subject: 'Payment reminder', body: `Reminder: ${amountDue(facts)} due ${facts.dueOn} (invoice ${facts.invoiceId}).` }),
  'past-due-sms': (facts) => ({
    subject: 'Payment past due',
    body: `Invoice ${facts.invoiceId} (${amountDue(facts)}) was due ${facts.dueOn}. Please pay or call us.`,
  }),
  'final-notice': (facts) => ({
    subject: `Final notice: invoice ${facts.invoiceId}`,
    body: `Invoice ${facts.invoiceId} (${amountDue(facts)}, due ${facts.dueOn}) remains unpaid. This is our final notice before further action.`,
  }),
  'validation-notice': (facts) => ({
    subject: 'Validation notice',
    body: `This notice describes the debt we are collecting. You may dispute it until ${facts.periodEndsOn}.`,
  }),
};

/** What a queued notification says: its subject and body (addressing it is addressing.ts's part). */
export function render(queued: OutboxDocument): { subject: string; body: string } {
  return templates[queued.template]?.(queued.facts) ?? { subject: queued.template, body: JSON.stringify(queued.facts) };
}
