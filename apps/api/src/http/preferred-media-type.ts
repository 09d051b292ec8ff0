/**
 * The media type a client prefers among those offered, by its `Accept` header (RFC 9110 §12.5.1):
 * the highest quality wins, then the more specific range, then the order offered. The first
 * offered when the header is absent, or when nothing offered is acceptable (a 406 would break
 * clients that send only `text/html`).
 */
export function preferredMediaType(accept: string | undefined, offered: readonly [string, ...string[]]): string {
  if (!accept) return offered[0];
  const ranges = accept.split(',').map((part) => {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = Number(parameters.find((parameter) => parameter.startsWith('q='))?.slice(2) ?? '1');
    return { range, q: Number.isFinite(q) ? q : 0 };
  });
  const quality = (type: string): [number, number] => {
    const [main] = type.split('/');
    const match =
      ranges.find(({ range }) => range === type) ?? ranges.find(({ range }) => range === `${main}/*`) ?? ranges.find(({ range }) => range === '*/*');
    return match ? [match.q, match.range === type ? 2 : match.range === '*/*' ? 0 : 1] : [0, 0];
  };
  const scored = offered.map((type, order) => ({ type, order, score: quality(type) }));
  const best = scored.filter(({ score }) => score[0] > 0).sort((a, b) => b.score[0] - a.score[0] || b.score[1] - a.score[1] || a.order - b.order)[0];
  return best?.type ?? offered[0];
}
