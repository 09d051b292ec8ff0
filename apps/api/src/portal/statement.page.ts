import { createHash } from 'node:crypto';
import { formatDate, formatMoney } from '@arrears/domain';
import type { PortalAccountView } from './portal-account.view';

const words = {
  en: {
    title: 'Account statement',
    asOf: 'As of',
    owed: 'You owe',
    invoice: 'Invoice',
    issued: 'Issued',
    due: 'Due',
    amount: 'Amount',
    fees: 'Fees',
    discounts: 'Discounts',
    paid: 'Paid',
    left: 'Left to pay',
    payments: 'Payments',
    reversed: 'returned',
    none: 'None',
    plan: 'Payment plan',
    creditor: 'Creditor',
    contact: 'Questions',
  },
  es: {
    title: 'Estado de cuenta',
    asOf: 'Al',
    owed: 'Usted debe',
    invoice: 'Factura',
    issued: 'Emitida',
    due: 'Vence',
    amount: 'Importe',
    fees: 'Cargos',
    discounts: 'Descuentos',
    paid: 'Pagado',
    left: 'Pendiente',
    payments: 'Pagos',
    reversed: 'devuelto',
    none: 'Ninguno',
    plan: 'Plan de pagos',
    creditor: 'Acreedor',
    contact: 'Preguntas',
  },
} as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const statementStyle =
  'body{font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #555;padding:.3rem;text-align:left}';

/**
 * The one inline style a policy lets the statement keep, by its hash: the portal opens the statement
 * in a tab of its own (a blob), which inherits the portal's policy, so that policy names it too.
 */
export const statementStyleSource = `'sha256-${createHash('sha256').update(statementStyle).digest('base64')}'`;

/** A statement the debtor can print or save (as PDF, from the browser): plain HTML, no script, in their language. */
export function statementPage(view: PortalAccountView, today: string): string {
  const language = view.language === 'es' ? 'es' : 'en';
  const w = words[language];
  const money = (amount: number) => escape(formatMoney(amount, view.currency));
  const day = (date: string) => escape(formatDate(date, language));
  const rows = view.invoices
    .map(
      (i) =>
        `<tr><td>${escape(i.invoiceId)}</td><td>${day(i.issuedOn)}</td><td>${day(i.dueOn)}</td><td>${money(i.amount)}</td><td>${money(i.lateFees)}</td><td>${money(i.discounted)}</td><td>${money(i.paid)}</td><td>${money(i.outstanding)}</td></tr>`,
    )
    .join('');
  const payments = view.payments.length
    ? `<ul>${view.payments.map((p) => `<li>${day(p.receivedOn)}: ${money(p.amount)} (${escape(p.method)})${p.reversed > 0 ? `, ${money(p.reversed)} ${w.reversed}` : ''}</li>`).join('')}</ul>`
    : `<p>${w.none}</p>`;
  const plan = view.plan ? `<h2>${w.plan}</h2><ol>${view.plan.installments.map((i) => `<li>${day(i.dueOn)}: ${money(i.amount)}</li>`).join('')}</ol>` : '';
  const contact = [view.collector.phone, view.collector.email, view.collector.website]
    .filter(Boolean)
    .map((c) => escape(c as string))
    .join(' · ');
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${w.title}</title>
<style>${statementStyle}</style></head>
<body><h1>${w.title}</h1><p>${w.asOf} ${day(today)} · ${w.creditor}: ${escape(view.creditor.name)}</p>
<p><strong>${w.owed}: ${money(view.balance.total)}</strong></p>
<table><thead><tr><th>${w.invoice}</th><th>${w.issued}</th><th>${w.due}</th><th>${w.amount}</th><th>${w.fees}</th><th>${w.discounts}</th><th>${w.paid}</th><th>${w.left}</th></tr></thead><tbody>${rows}</tbody></table>
<h2>${w.payments}</h2>${payments}${plan}
<p>${w.contact}: ${escape(view.collector.name)} ${contact}</p></body></html>
`;
}
