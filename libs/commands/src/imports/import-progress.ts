/** A line that was not imported: where, which field, and why. */
export interface LineError {
  line: number;
  field: string | null;
  code: string;
  reason: string;
}

/** How far an import has come: what a client polls and what the command line prints. */
export interface ImportProgress {
  importId: string;
  status: 'running' | 'done' | 'failed';
  linesRead: number;
  linesApplied: number;
  /** Lines whose fact the ledger already holds (a re-run, or a run resumed after a failure). */
  linesAlreadyPresent: number;
  linesRefused: number;
  factsAppended: number;
  bytesRead: number;
  bytesTotal: number | null;
  linesPerSecond: number;
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  failure: string | null;
  /** The first errors found; `errorCount` counts them all. */
  errors: LineError[];
  errorCount: number;
}

/** Errors kept with the progress: enough to correct a file, never a file's worth. */
export const keptErrors = 1000;

export function startingProgress(importId: string, bytesTotal: number | null, startedAt: Date): ImportProgress {
  return {
    importId,
    status: 'running',
    linesRead: 0,
    linesApplied: 0,
    linesAlreadyPresent: 0,
    linesRefused: 0,
    factsAppended: 0,
    bytesRead: 0,
    bytesTotal,
    linesPerSecond: 0,
    etaSeconds: null,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    failure: null,
    errors: [],
    errorCount: 0,
  };
}

/** Lines/s so far, and the seconds left at that pace, by the bytes still to read. */
export function paced(progress: ImportProgress, now: Date): ImportProgress {
  const seconds = Math.max(0.001, (now.getTime() - Date.parse(progress.startedAt)) / 1000);
  const linesPerSecond = Math.round(progress.linesRead / seconds);
  const bytesPerSecond = progress.bytesRead / seconds;
  const left = progress.bytesTotal === null ? null : Math.max(0, progress.bytesTotal - progress.bytesRead);
  return { ...progress, linesPerSecond, etaSeconds: left === null || bytesPerSecond === 0 ? null : Math.round(left / bytesPerSecond) };
}

/** A one-line summary for a terminal. */
export function progressLine(progress: ImportProgress): string {
  const eta = progress.etaSeconds === null ? '' : `, ETA ${progress.etaSeconds} s`;
  return `${progress.linesRead} lines read: ${progress.linesApplied} applied, ${progress.linesAlreadyPresent} already present, ${progress.linesRefused} refused; ${progress.factsAppended} events appended; ${progress.linesPerSecond} lines/s${eta}`;
}
