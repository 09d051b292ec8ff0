import { useEffect, useState, type SyntheticEvent } from 'react';
import { asProblem, type Problem } from '../api/problem';
import { answer, api } from '../api/client';
import type { DevToken, IdentityProvider } from '../api/schemas';
import { ReadView } from './read-view';
import { useRead } from './use-read';
import { finishSingleSignOn, isSingleSignOnReturn, startSingleSignOn } from './single-sign-on';
import { keepToken, sessionOf, type Role } from './session';
import { ProblemView } from './problem-view';
import { Choice } from './choice';

const roles: Role[] = ['agent', 'supervisor', 'analyst', 'auditor'];

/** Signing in, as the whole page before anything else. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  return (
    <main className="sign-in">
      <h1>Arrears console</h1>
      <SignInChoices onSignedIn={onSignedIn} />
    </main>
  );
}

/** The ways to sign in: single sign-on, the development sign-in (each where the service offers it), or a token pasted from elsewhere. */
export function SignInChoices({ onSignedIn }: { onSignedIn: () => void }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const { read } = useRead(async () => answer(await api.GET('/auth/sign-in-options')), []);
  const use = (token: string) => {
    const session = sessionOf(token);
    if (!session) {
      setProblem({
        status: 0,
        title: 'Not a token the console can read',
        detail: 'It needs the claims sub and role (and creditors); ask for a token that carries them.',
      });
      return;
    }
    if (session.expiresAt !== null && session.expiresAt < Date.now()) {
      setProblem({ status: 0, title: 'This token has expired', detail: 'Ask for a fresh one.' });
      return;
    }
    keepToken(token);
    onSignedIn();
  };
  useSingleSignOnReturn(use, setProblem);
  return (
    <>
      {problem && <ProblemView problem={problem} />}
      <ReadView read={read}>
        {(options) => (
          <>
            {options.identityProvider && <SingleSignOn provider={options.identityProvider} onProblem={setProblem} />}
            {options.devSignIn && <DevSignIn onToken={use} onProblem={setProblem} />}
          </>
        )}
      </ReadView>
      <PasteToken onToken={use} />
    </>
  );
}

/** Back from the identity provider: the code becomes a token, and the address loses the code. */
function useSingleSignOnReturn(use: (token: string) => void, onProblem: (problem: Problem) => void) {
  useEffect(() => {
    const query = new URLSearchParams(window.location.search);
    if (!isSingleSignOnReturn(query)) return;
    window.history.replaceState(null, '', window.location.pathname);
    finishSingleSignOn(query).then(use, (error: unknown) => {
      onProblem(asProblem(error));
    });
    // Once, on the page the provider sent the browser back to.
  }, []);
}

function SingleSignOn({ provider, onProblem }: { provider: IdentityProvider; onProblem: (problem: Problem) => void }) {
  return (
    <section aria-labelledby="sso-title">
      <h2 id="sso-title">Single sign-on</h2>
      <button
        type="button"
        onClick={() => {
          startSingleSignOn(provider).catch((error: unknown) => {
            onProblem(asProblem(error));
          });
        }}
      >
        Sign in with {new URL(provider.issuer).host}
      </button>
    </section>
  );
}

function DevSignIn({ onToken, onProblem }: { onToken: (token: string) => void; onProblem: (problem: Problem) => void }) {
  const [role, setRole] = useState<Role>('agent');
  const [creditors, setCreditors] = useState('*');
  const [sub, setSub] = useState('');
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    try {
      onToken((await devToken(role, creditors, sub.trim())).token);
    } catch (error) {
      onProblem(asProblem(error));
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="dev-title">
      <h2 id="dev-title">Development sign-in</h2>
      <Choice label="Role" value={role} options={roles} onChange={setRole} />
      <label>
        Creditors (comma-separated, or * for all)
        <input
          value={creditors}
          onChange={(e) => {
            setCreditors(e.target.value);
          }}
          required
        />
      </label>
      <label>
        Your id (optional)
        <input
          value={sub}
          onChange={(e) => {
            setSub(e.target.value);
          }}
          pattern="[A-Za-z0-9._\-]{1,64}"
          placeholder={`dev-${role}`}
        />
      </label>
      <button type="submit">Sign in</button>
    </form>
  );
}

function PasteToken({ onToken }: { onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onToken(token.trim());
      }}
      aria-labelledby="paste-title"
    >
      <h2 id="paste-title">Paste a token</h2>
      <label>
        Bearer token
        <textarea
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
          }}
          rows={3}
          required
          spellCheck={false}
        />
      </label>
      <button type="submit">Use this token</button>
    </form>
  );
}

async function devToken(role: Role, creditors: string, sub: string): Promise<DevToken> {
  const list =
    creditors.trim() === '*'
      ? '*'
      : creditors
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
  return answer(await api.POST('/auth/dev-token', { body: { role, creditors: list, ...(sub && { sub }) } }));
}
