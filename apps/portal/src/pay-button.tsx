import { useState } from 'react';
import { startCheckout, type PortalAccount } from './api';
import { Feedback, useAction } from './feedback';
import { money } from './format';
import type { Language, Words } from './words';

/**
 * Pay: what is due now, as the service works it out (the rest of the next installment or of a
 * settlement, or the balance less credit), through the payment provider's hosted checkout; card details never reach this page or the service.
 */
export function PayButton({ account, words, language }: { account: PortalAccount; words: Words; language: Language }) {
  const [unavailable, setUnavailable] = useState(false);
  const [outcome, run] = useAction();
  const amount = account.dueNow;
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
