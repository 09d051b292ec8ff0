import { useState } from 'react';
import { api, answer } from '../api/client';
import { asProblem, type Problem } from '../api/problem';
import { ProblemView } from '../shared/problem-view';
import type { KpiQuery } from './kpi-query';

/** The same series as CSV (the service answers `Accept: text/csv`), saved as a file. */
export function CsvDownload({ query }: { query: KpiQuery }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const download = async () => {
    setProblem(null);
    try {
      const file = await kpiCsv(query);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = `kpis-${query.creditorId ?? 'portfolio'}-${query.from}-${query.to}.csv`;
      link.click();
      setTimeout(() => {
        URL.revokeObjectURL(link.href);
      }, 10_000);
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  return (
    <>
      <button type="button" onClick={() => void download()}>
        Download CSV
      </button>
      {problem && <ProblemView problem={problem} />}
    </>
  );
}

/** The series as the service writes it for spreadsheets, read as text. */
async function kpiCsv(query: KpiQuery): Promise<Blob> {
  const csv = answer(await api.GET('/kpis', { params: { query }, headers: { accept: 'text/csv' }, parseAs: 'text' }));
  return new Blob([csv], { type: 'text/csv' });
}
