import { useCallback, useEffect, useState } from 'react';
import { asProblem, type Problem } from '../../console/src/api/problem';
import { answer, api, openStatement, type PortalAccount } from './api';
import { Actions } from './actions';
import { Feedback } from './feedback';
import { money, day } from './format';
import { Offers } from './offers';
import { PayButton } from './pay-button';
import type { Language, Words } from './words';

/** The account as the debtor sees it, read again after each action so what they did shows at once. */
export function AccountPage({ words, language }: { words: Words; language: Language }) {
  const [account, setAccount] = useState<PortalAccount | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const reload = useCallback(() => {
    api
      .GET('/portal/api/account')
      .then((result) => {
        setAccount(answer(result));
      })
      .catch((error: unknown) => {
        setProblem(asProblem(error));
      });
  }, []);
  useEffect(reload, [reload]);
  if (problem) return <Feedback outcome={{ state: 'refused', problem }} words={words} />;
  if (!account) return <p role="status">…</p>;
  const amount = (minor: number) => money(minor, account.currency, language);
  const on = (date: string) => day(date, language);
  return (
    <>
      <section aria-labelledby="balance-title" className="card balance">
        <h2 id="balance-title">{words.youOwe}</h2>
        <p className="figure">{amount(account.balance.total)}</p>
        {account.balance.overdue > 0 && (
          <p>
            {words.overdue}: {amount(account.balance.overdue)}
          </p>
        )}
        <p>
          {words.owedTo}: {account.creditor.name}
        </p>
        {account.dueNow > 0 && <PayButton account={account} words={words} language={language} />}
        {account.promise && <p>{words.yourPromise(amount(account.promise.amount), on(account.promise.dueOn))}</p>}
        {account.settlement && <p>{words.yourSettlement(amount(account.settlement.amount), on(account.settlement.dueOn))}</p>}
      </section>
      <Offers account={account} words={words} language={language} onChange={reload} />
      {account.plan && (
        <section aria-labelledby="plan-title" className="card">
          <h2 id="plan-title">{words.yourPlan}</h2>
          <ol>
            {account.plan.installments.map((installment) => (
              <li key={installment.number}>
                {on(installment.dueOn)}: {amount(installment.amount)}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="invoices-title" className="card">
        <h2 id="invoices-title">{words.invoices}</h2>
        <div className="scroll" role="region" aria-labelledby="invoices-title" tabIndex={0}>
          <table>
            <thead>
              <tr>
                {[words.invoice, words.due, words.amount, words.fees, words.discounts, words.paid, words.left].map((heading) => (
                  <th scope="col" key={heading}>
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {account.invoices.map((invoice) => (
                <tr key={invoice.invoiceId}>
                  <th scope="row">{invoice.invoiceId}</th>
                  <td>{on(invoice.dueOn)}</td>
                  <td>{amount(invoice.amount)}</td>
                  <td>{amount(invoice.lateFees)}</td>
                  <td>{amount(invoice.discounted)}</td>
                  <td>{amount(invoice.paid)}</td>
                  <td>{amount(invoice.outstanding)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{words.payments}</h3>
        {account.payments.length === 0 ? (
          <p>{words.noPayments}</p>
        ) : (
          <ul>
            {account.payments.map((payment) => (
              <li key={payment.paymentId}>
                {on(payment.receivedOn)}: {amount(payment.amount)}
                {payment.reversed > 0 && `; ${words.reversed(amount(payment.reversed))}`}
              </li>
            ))}
          </ul>
        )}
        <button type="button" className="secondary" onClick={() => void openStatement()}>
          {words.statement}
        </button>
      </section>
      {account.validation && (
        <section aria-labelledby="validation-title" className="card">
          <h2 id="validation-title">{words.validation}</h2>
          <p>{words.validationPeriod(on(account.validation.periodEndsOn))}</p>
          {account.validation.itemization && (
            <p>{words.itemization(on(account.validation.itemization.itemizationDate), amount(account.validation.itemization.amountOnItemizationDate))}</p>
          )}
        </section>
      )}
      <Actions account={account} words={words} onChange={reload} />
      <footer>
        <p>
          {words.questions} {account.collector.name}: {[account.collector.phone, account.collector.email].filter(Boolean).join(' · ')}
        </p>
      </footer>
    </>
  );
}
