import { useEffect, useRef } from 'react';
import type { Session } from './session';
import { SignInChoices } from './sign-in-page';

/**
 * Signing in again once the token expired, in a modal dialog over the page: the page stays mounted beneath
 * it, so what was typed there survives, and the person carries on where they were.
 */
export function SignInAgain({ session, onSignedIn, onSignOut }: { session: Session; onSignedIn: () => void; onSignOut: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // Modal: the page beneath is inert until the person signs in again (or out).
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="sign-in-again"
      aria-labelledby="sign-in-again-title"
      onCancel={(e) => {
        // Escape would only uncover a page whose every request is refused.
        e.preventDefault();
      }}
    >
      <h1 id="sign-in-again-title">Sign in again</h1>
      <p>Your session as {session.subject} has ended. Sign in again to carry on: the page and what you typed stay as they are.</p>
      <SignInChoices onSignedIn={onSignedIn} />
      <p>
        <button type="button" onClick={onSignOut}>
          Sign out instead
        </button>
      </p>
    </dialog>
  );
}
