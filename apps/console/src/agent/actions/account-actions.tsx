import { useState } from 'react';
import type { ActionProps } from './action-props';
import { LogContactForm } from './log-contact-form';
import { NoteForm } from './note-form';
import { PromiseForm } from './promise-form';
import { PlanForm } from './plan-form';
import { DisputeForm } from './dispute-form';
import { HoldForm } from './hold-form';
import { RestrictionsForm } from './restrictions-form';
import { signedIn, type Role } from '../../shared/session';

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

/** Placing a hold is a supervisor's decision (the service refuses it to agents): agents are not offered it. */
const offeredTo = (role: Role | undefined): Action[] => (Object.keys(actions) as Action[]).filter((action) => action !== 'hold' || role === 'supervisor');

/**
 * What the agent records on the account, one form at a time; each refusal comes back with its rule.
 * Every form stays mounted, hidden when another is chosen, so that switching keeps what was typed.
 */
export function AccountActions({ account, onChange }: ActionProps) {
  const [chosen, choose] = useState<Action>('call');
  const offered = offeredTo(signedIn()?.role);
  return (
    <section aria-labelledby="record-title" className="actions">
      <h2 id="record-title">Record</h2>
      <div className="choices" role="group" aria-label="What to record">
        {offered.map((action) => (
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
      {offered.map((action) => {
        const { Form } = actions[action];
        return (
          <div key={action} hidden={chosen !== action}>
            <Form account={account} onChange={onChange} />
          </div>
        );
      })}
    </section>
  );
}
