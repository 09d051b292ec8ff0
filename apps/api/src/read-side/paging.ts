import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ProblemException, unstorableFields } from '@arrears/platform';

/** Query parameters every read accepts: the position a command answered with, to read one's own writes. */
export class ReadQueryParams {
  @IsOptional()
  @Matches(/^\d{1,15}$/, { message: 'minPosition must be a position as returned by a command (a whole number)' })
  @ApiPropertyOptional({ type: String, example: '42', description: 'Wait (at most 5 s, then 503) until the read model has reached this position.' })
  minPosition?: string;
}

/** Cursor paging: `limit` and the opaque `cursor` of the previous page's `nextCursor`. */
export class PageParams {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(100)
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, example: 20 })
  limit?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,512}$/, { message: 'cursor must be a nextCursor returned by the previous page' })
  @ApiPropertyOptional({ type: String, description: 'The previous page’s nextCursor.' })
  cursor?: string;
}

/** Paging through a read model, which may first be asked to reach a position. */
export class PageQueryParams extends IntersectionType(ReadQueryParams, PageParams) {}

/** Cursors are the last item's sort key, opaque to clients (base64url JSON). */
export const encodeCursor = (key: (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined, shape: ('string' | 'number')[]): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (hasShape(key, shape)) return key;
  } catch {
    // falls through to the refusal
  }
  throw new ProblemException(400, 'INVALID_CURSOR', 'The request is malformed', 'cursor is not one this list returned.', { field: 'cursor' });
}

/**
 * Whether a decoded cursor is a sort key of the list's: one value of each type of `shape`, in order, each one a
 * store can hold. A cursor is the client's to send: its text may decode to a NUL or a lone surrogate, which no
 * list returns and no store keeps (a driver may pass a lone surrogate on as U+FFFD), or to 1e400, which is
 * `Infinity` to JavaScript and no sort key.
 */
const hasShape = (key: unknown, shape: ('string' | 'number')[]): key is (string | number)[] =>
  Array.isArray(key) && key.length === shape.length && key.every((value, i) => typeof value === shape[i] && comparable(value));

const comparable = (value: unknown): boolean => (typeof value === 'number' ? Number.isFinite(value) : unstorableFields(value).length === 0);
