import { useState, type SyntheticEvent } from 'react';
import { ApiProblem, asProblem, type Problem } from '../api/problem';
import { answer, api } from '../api/client';
import type { DevToken } from '../api/schemas';
import { keepToken, sessionOf, type Role } from './session';
import { ProblemView } from './problem-view';
import { Choice } from './choice';

const roles: Role[] = ['agent', 'supervisor', 'analyst', 'auditor'];

/** Signing in: the development sign-in (where the service offers it), or a token pasted from elsewhere. */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const use = (token: string) => {
    if (!sessionOf(token)) {
      setProblem({ status: 0, title: 'Not a token the console can read', detail: 'Paste the whole bearer token (three parts separated by dots).' });
      return;
    }
    keepToken(token);
    onSignedIn();
  };
  return (
    <main className="sign-in">
      <h1>Arrears console</h1>
      {problem && <ProblemView problem={problem} />}
      <DevSignIn onToken={use} onProblem={setProblem} />
      <PasteToken onToken={use} />
      <p className="muted">Single sign-on with the identity provider is not offered by this console yet: ask for a token, or use the development sign-in.</p>
    </main>
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
  try {
    return answer(await api.POST('/auth/dev-token', { body: { role, creditors: list, ...(sub && { sub }) } }));
  } catch (error) {
    if (error instanceof ApiProblem && error.problem.status === 404) {
      throw new ApiProblem({ status: 404, title: 'Development sign-in is off on this service', detail: 'Paste a token instead.' });
    }
    throw error;
  }
}
