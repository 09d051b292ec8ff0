import { LineRefused } from './import-fact';

export type LedgerFormat = 'ndjson' | 'csv';

/** One line of the file: its fields, or why they cannot be read. `bytes` is how far into the file it ends. */
export type LedgerLine = { number: number; bytes: number } & ({ fields: Record<string, unknown> } | { refused: LineRefused });

/** Longer lines are refused unread: no line can take the memory a whole file would. */
export const maxLineBytes = 64 * 1024;

/**
 * The lines of a ledger file, read as it streams in: NDJSON (one JSON object a line) or CSV (a
 * header naming the fields, one of them `type`; quoted cells may hold commas and doubled quotes, not
 * line breaks). Blank lines are skipped; bad UTF-8, bad JSON or a row of the wrong width is refused
 * for that line alone.
 */
export async function* ledgerLines(source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, format: LedgerFormat): AsyncGenerator<LedgerLine> {
  let header: string[] | undefined;
  for await (const { number, bytes, raw } of rawLines(source)) {
    const at = { number, bytes };
    try {
      if (raw === undefined) throw new LineRefused(undefined, 'LINE_TOO_LONG', `The line is longer than ${maxLineBytes} bytes.`);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(raw).replace(/\r$/, '');
      if (text.trim() === '') continue;
      if (format === 'ndjson') {
        yield { ...at, fields: jsonObject(text) };
      } else if (header === undefined) {
        header = csvHeader(text);
      } else {
        yield { ...at, fields: csvRow(header, text) };
      }
    } catch (error) {
      const refused = error instanceof LineRefused ? error : new LineRefused(undefined, 'MALFORMED_LINE', 'The line cannot be read as text.');
      yield { ...at, refused };
    }
  }
}

/** Splits the stream on newlines, counting bytes; an over-long line comes as `raw: undefined`. */
async function* rawLines(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<{ number: number; bytes: number; raw: Buffer | undefined }> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 0;
  let bytes = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(10); end !== -1; end = buffer.indexOf(10, start)) {
      const piece = buffer.subarray(start, end);
      bytes += end + 1 - start;
      const whole = tooLong || pendingBytes + piece.length > maxLineBytes ? undefined : Buffer.concat([...pending, piece]);
      yield { number: ++number, bytes, raw: whole };
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      start = end + 1;
    }
    const rest = buffer.subarray(start);
    bytes += rest.length;
    if (!tooLong) pending.push(Buffer.from(rest));
    pendingBytes += rest.length;
    if (pendingBytes > maxLineBytes) {
      tooLong = true;
      pending = [];
    }
  }
  if (pendingBytes > 0) yield { number: number + 1, bytes, raw: tooLong ? undefined : Buffer.concat(pending) };
}

function jsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new LineRefused(undefined, 'MALFORMED_JSON', 'The line is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LineRefused(undefined, 'MALFORMED_JSON', 'The line is not a JSON object.');
  return value as Record<string, unknown>;
}

function csvHeader(text: string): string[] {
  const names = csvCells(text);
  if (!names.includes('type')) throw new LineRefused('type', 'MISSING_FIELD', 'The CSV header names no `type` column.');
  return names;
}

/** A row as a line of named fields; empty cells are absent fields. */
function csvRow(header: string[], text: string): Record<string, unknown> {
  const cells = csvCells(text);
  if (cells.length !== header.length)
    throw new LineRefused(undefined, 'MALFORMED_CSV', `The row has ${cells.length} cells; the header names ${header.length}.`);
  const fields: Record<string, unknown> = {};
  header.forEach((name, index) => {
    const cell = cells[index];
    if (cell !== undefined && cell !== '') Object.defineProperty(fields, name, { value: cell, enumerable: true, writable: true, configurable: true });
  });
  return fields;
}

/** RFC 4180 cells of one line. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  let index = 0;
  for (;;) {
    if (text[index] === '"') {
      let cell = '';
      index++;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close === -1) throw new LineRefused(undefined, 'MALFORMED_CSV', 'A quoted cell is never closed.');
        cell += text.slice(index, close);
        index = close + 1;
        if (text[index] !== '"') break;
        cell += '"';
        index++;
      }
      cells.push(cell);
      if (index < text.length && text[index] !== ',') throw new LineRefused(undefined, 'MALFORMED_CSV', 'A quoted cell is followed by more than a comma.');
    } else {
      const comma = text.indexOf(',', index);
      cells.push(text.slice(index, comma === -1 ? text.length : comma));
      index = comma === -1 ? text.length : comma;
    }
    if (index >= text.length) return cells;
    index++;
  }
}
