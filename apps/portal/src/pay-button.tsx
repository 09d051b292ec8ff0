import { useState } from 'react';
import { startCheckout, type PortalAccount } from './api';
import { Feedback, useAction } from './feedback';
import { money } from './format';
import type { Language, Words } from './words';

/**
 * Pay: what is due now (the next installment, a settlement's amount, or the balance), through the
 * payment provider's hosted checkout; card details never reach this page or the service.
 */
export function PayButton({ account, words, language }: { account: PortalAccount; words: Words; language: Language }) {
  const [unavailable, setUnavailable] = useState(false);
  const [outcome, run] = useAction();
  const nextInstallment = account.plan?.installments.find((installment) => installment.paid < installment.amount);
  const amount = nextInstallment ? nextInstallment.amount - nextInstallment.paid : (account.settlement?.amount ?? account.balance.total);
  const pay = () =>
    void run(async () => {
      const url = await startCheckout(amount);
      if (url) window.location.assign(url);
      else setUnavailable(true);
    });
  return (
    <>
      <button type="button" className="primary" onClick={pay} disabled={outcome.state === 'busy'}>
        {words.pay}: {money(amount, account.currency, language)}
      </button>
      {unavailable ? (
        <p role="status" className="refused">
          {words.payUnavailable}
        </p>
      ) : (
        outcome.state === 'refused' && <Feedback outcome={outcome} words={words} />
      )}
    </>
  );
}
