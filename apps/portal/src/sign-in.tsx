import { Field } from './field';
import { useState, type SyntheticEvent } from 'react';
import { answer, api, setToken } from './api';
import { Feedback, useAction } from './feedback';
import type { Words } from './words';

/** The second factor: the link is in the address, the postal code on file is asked. */
export function SignIn({ link, words, onSignedIn }: { link: string; words: Words; onSignedIn: (language: string) => void }) {
  const [postalCode, setPostalCode] = useState('');
  const [outcome, run] = useAction();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run(async () => {
      const session = answer(await api.POST('/portal/api/sessions', { body: { link, postalCode } }));
      setToken(session.token);
      onSignedIn(session.language);
    });
  };
  const attemptsLeft = outcome.state === 'refused' ? (outcome.problem as { attemptsLeft?: number }).attemptsLeft : undefined;
  return (
    <section aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{words.signInTitle}</h2>
      <p>{words.signInHelp}</p>
      <form onSubmit={submit}>
        <Field
          id="postal-code"
          label={words.postalCode}
          name="postalCode"
          autoComplete="postal-code"
          required
          maxLength={12}
          value={postalCode}
          onChange={setPostalCode}
        />
        <button type="submit" disabled={outcome.state === 'busy'}>
          {words.continue}
        </button>
      </form>
      {attemptsLeft !== undefined ? (
        <p role="alert" className="refused">
          {words.attemptsLeft(attemptsLeft)}
        </p>
      ) : (
        <Feedback outcome={outcome.state === 'done' ? { state: 'idle' } : outcome} words={words} />
      )}
    </section>
  );
}
