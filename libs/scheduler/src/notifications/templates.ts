import { entryOf, formatMoney, type RenderedMessage } from '@arrears/domain';
import type { OutboxDocument } from '@arrears/projections';

type Facts = OutboxDocument['facts'];

const amountDue = (facts: Facts) => formatMoney(Number(facts.amount), String(facts.currency));

/** For events recorded before messages were rendered and stored: subject and body per template; an unknown template still says what it is about. */
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

/**
 * What a queued notification says (addressing it is addressing.ts's part): exactly what was stored
 * with the event (`stored`), not a rendering of today's templates; only an event recorded before
 * messages were stored is rendered here from its facts.
 */
export function render(queued: OutboxDocument, stored?: RenderedMessage): { subject: string; body: string } {
  if (stored) return { subject: stored.subject, body: stored.body };
  return entryOf(templates, queued.template)?.(queued.facts) ?? { subject: queued.template, body: JSON.stringify(queued.facts) };
}
