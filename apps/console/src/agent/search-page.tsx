import { useState, type SyntheticEvent } from 'react';
import { answer } from '../api/client';
import type { SearchHit } from '../api/reads';
import { asProblem, ApiProblem, problemFrom, type Problem } from '../api/problem';
import { storedSession } from '../shared/session';
import { Link, navigate } from '../shared/router';
import { Empty, ProblemView } from '../shared/problem-view';

/** Finds an account for an inbound call: by account id, debtor reference, name or phone. */
export function SearchPage() {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      setHits(await search(q));
    } catch (error) {
      setHits(null);
      setProblem(asProblem(error));
    }
  };
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Find an account</h1>
      <form onSubmit={(e) => void submit(e)} className="inline" role="search">
        <label>
          Account id, debtor reference, name or phone
          <input
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
            }}
            required
            minLength={2}
          />
        </label>
        <button type="submit">Search</button>
        <button
          type="button"
          onClick={() => {
            navigate(`/accounts/${encodeURIComponent(q.trim())}`);
          }}
          disabled={!q.trim()}
        >
          Open by account id
        </button>
      </form>
      {problem && <ProblemView problem={problem} />}
      {hits &&
        (hits.length === 0 ? (
          <Empty>No account matches “{q}”.</Empty>
        ) : (
          <ul className="hits">
            {hits.map((hit) => (
              <li key={hit.accountId}>
                <Link to={`/accounts/${encodeURIComponent(hit.accountId)}`}>{hit.accountId}</Link> · {hit.debtorName ?? '—'} · {hit.debtorReference} ·{' '}
                {hit.phone ?? ''} <span className="muted">({hit.creditorId})</span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

// until the document types this read: GET /accounts/search is not in the generated paths yet.
async function search(q: string): Promise<SearchHit[]> {
  const response = await fetch(`/accounts/search?${new URLSearchParams({ q: q.trim() })}`, {
    headers: { authorization: `Bearer ${storedSession()?.token ?? ''}` },
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiProblem(problemFrom(response.status, body));
  const found = answer({ data: body as { items?: SearchHit[]; accounts?: SearchHit[] }, response });
  return found.items ?? found.accounts ?? [];
}
