import { useState, type SyntheticEvent } from 'react';
import { money } from '../shared/format';
import type { SearchHit } from '../api/schemas';
import { asProblem, type Problem } from '../api/problem';
import { answer, api } from '../api/client';
import { Link, navigate } from '../shared/router';
import { Empty, ProblemView } from '../shared/problem-view';
import { ShowMore, usePages, type Page } from '../shared/pages';

interface Found {
  q: string;
  first: Page<SearchHit>;
}

/** Finds an account for an inbound call: by account id, debtor reference, name or phone. */
export function SearchPage() {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const first = await search(q);
      setFound({ q: q.trim(), first });
    } catch (error) {
      setFound(null);
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
      {found && <SearchHits q={found.q} first={found.first} />}
    </section>
  );
}

function SearchHits({ q, first }: { q: string; first: Page<SearchHit> }) {
  const pages = usePages(first, (cursor) => search(q, cursor));
  if (pages.items.length === 0) return <Empty>No account matches “{q}”.</Empty>;
  return (
    <>
      <ul className="hits">
        {pages.items.map((hit) => (
          <li key={hit.accountId}>
            <Link to={`/accounts/${encodeURIComponent(hit.accountId)}`}>{hit.accountId}</Link> · {hit.debtorName ?? '—'} · {hit.debtorReference} ·{' '}
            {hit.currency ? money(hit.balance, hit.currency) : 'nothing owed'} · {hit.status}{' '}
            <span className="muted">
              ({hit.creditorId}; matched by {hit.matchedBy.join(', ')})
            </span>
          </li>
        ))}
      </ul>
      <ShowMore pages={pages} label="Show more" />
    </>
  );
}

const search = async (q: string, cursor?: string) =>
  answer(await api.GET('/accounts/search', { params: { query: { q: q.trim(), ...(cursor && { cursor }) } } }));
