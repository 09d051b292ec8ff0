import { useState } from 'react';
import type { ActionProps } from './action-props';
import { LogContactForm } from './log-contact-form';
import { NoteForm } from './note-form';
import { PromiseForm } from './promise-form';
import { PlanForm } from './plan-form';
import { DisputeForm } from './dispute-form';
import { HoldForm } from './hold-form';
import { RestrictionsForm } from './restrictions-form';

const actions = {
  call: { label: 'Call outcome', Form: LogContactForm },
  note: { label: 'Note', Form: NoteForm },
  promise: { label: 'Promise', Form: PromiseForm },
  plan: { label: 'Plan', Form: PlanForm },
  dispute: { label: 'Dispute', Form: DisputeForm },
  hold: { label: 'Hold', Form: HoldForm },
  restrict: { label: 'Cease / block', Form: RestrictionsForm },
};

type Action = keyof typeof actions;

/** What the agent records on the account, one form at a time; each refusal comes back with its rule. */
export function AccountActions({ account, onChange }: ActionProps) {
  const [chosen, choose] = useState<Action>('call');
  const { Form } = actions[chosen];
  return (
    <section aria-labelledby="record-title" className="actions">
      <h2 id="record-title">Record</h2>
      <div className="choices" role="group" aria-label="What to record">
        {(Object.keys(actions) as Action[]).map((action) => (
          <button
            key={action}
            type="button"
            aria-pressed={chosen === action}
            onClick={() => {
              choose(action);
            }}
          >
            {actions[action].label}
          </button>
        ))}
      </div>
      <Form key={chosen} account={account} onChange={onChange} />
    </section>
  );
}
