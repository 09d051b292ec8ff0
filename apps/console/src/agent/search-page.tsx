import { useState, type SyntheticEvent } from 'react';
import { money } from '../shared/format';
import type { SearchHit } from '../api/schemas';
import { asProblem, type Problem } from '../api/problem';
import { answer, api } from '../api/client';
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
                {hit.currency ? money(hit.balance, hit.currency) : 'nothing owed'} · {hit.status}{' '}
                <span className="muted">
                  ({hit.creditorId}; matched by {hit.matchedBy.join(', ')})
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

// until the document types this read: GET /accounts/search is not in the generated paths yet.
const search = async (q: string) => answer(await api.GET('/accounts/search', { params: { query: { q: q.trim() } } })).items;
