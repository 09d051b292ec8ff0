import type { AccountRead } from '../api/schemas';
import { businessDate, money } from '../shared/format';
import { Empty } from '../shared/problem-view';

export function InvoicesTable({ account }: { account: AccountRead }) {
  return (
    <section aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoices</h2>
      {account.invoices.length === 0 ? (
        <Empty>No invoice on this account.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col">Due</th>
                <th scope="col">Amount</th>
                <th scope="col">Outstanding</th>
                <th scope="col">Days past due</th>
              </tr>
            </thead>
            <tbody>
              {account.invoices.map((invoice) => (
                <tr key={invoice.invoiceId}>
                  <td>{invoice.invoiceId}</td>
                  <td>{businessDate(invoice.dueOn)}</td>
                  <td>{money(invoice.amount, invoice.currency)}</td>
                  <td>{money(invoice.outstanding, invoice.currency)}</td>
                  <td>
                    {invoice.daysPastDue}
                    {invoice.missed && ' (missed)'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
