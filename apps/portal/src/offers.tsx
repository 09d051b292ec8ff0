import { useState } from 'react';
import { answer, api, newId, type PortalAccount } from './api';
import { Feedback, useAction } from './feedback';
import { day, money } from './format';
import type { Language, Words } from './words';

/** What the debtor may accept: the plans the creditor offers today, and a supervisor's settlement offers. */
export function Offers({ account, words, language, onChange }: { account: PortalAccount; words: Words; language: Language; onChange: () => void }) {
  const [chosen, setChosen] = useState(account.planOffers[0]?.installmentCount ?? 0);
  const [planOutcome, runPlan] = useAction(onChange);
  const [offerOutcome, runOffer] = useAction(onChange);
  const amount = (minor: number) => money(minor, account.currency, language);
  if (account.plan || account.settlement) return null;
  const acceptPlan = () => void runPlan(async () => answer(await api.POST('/portal/api/plans', { body: { planId: newId('plan'), installmentCount: chosen } })));
  const acceptOffer = (offerId: string) =>
    void runOffer(async () => answer(await api.POST('/portal/api/settlement-offers/{offerId}/accept', { params: { path: { offerId } } })));
  return (
    <>
      {account.settlementOffers.map((offer) => (
        <section key={offer.offerId} aria-labelledby={`offer-${offer.offerId}`} className="card">
          <h2 id={`offer-${offer.offerId}`}>{words.settlementOffers}</h2>
          <p>{words.settlementOffer(amount(offer.amount), day(offer.dueOn, language), day(offer.expiresOn, language))}</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              acceptOffer(offer.offerId);
            }}
          >
            {words.acceptOffer}
          </button>
        </section>
      ))}
      <Feedback outcome={offerOutcome} words={words} />
      <section aria-labelledby="plans-title" className="card">
        <h2 id="plans-title">{words.plans}</h2>
        {account.planOffers.length === 0 ? (
          <p>{words.noPlans}</p>
        ) : (
          <fieldset>
            <legend>{words.plansHelp}</legend>
            {account.planOffers.map((offer) => (
              <div className="choice" key={offer.installmentCount}>
                <input
                  type="radio"
                  id={`plan-${offer.installmentCount}`}
                  name="plan"
                  checked={chosen === offer.installmentCount}
                  onChange={() => {
                    setChosen(offer.installmentCount);
                  }}
                />
                <label htmlFor={`plan-${offer.installmentCount}`}>
                  {words.installments(offer.installmentCount)}: {offer.installments.map((i) => amount(i.amount)).join(' + ')}, {words.first}{' '}
                  {day(offer.installments[0]?.dueOn ?? '', language)}
                </label>
              </div>
            ))}
            <button type="button" className="primary" onClick={acceptPlan} disabled={planOutcome.state === 'busy'}>
              {words.acceptPlan}
            </button>
          </fieldset>
        )}
        <Feedback outcome={planOutcome} words={words} />
      </section>
    </>
  );
}
