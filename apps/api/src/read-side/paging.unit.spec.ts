import { ProblemException } from '@arrears/platform';
import { decodeCursor, encodeCursor } from './paging';

/** A cursor as a client could make one: any JSON, base64url-encoded. */
const cursorOf = (json: string) => Buffer.from(json).toString('base64url');

const refusal = (cursor: string, shape: ('string' | 'number')[]) => {
  try {
    decodeCursor(cursor, shape);
  } catch (error) {
    return error instanceof ProblemException ? { status: error.getStatus(), code: error.code, ...error.extensions } : error;
  }
  return undefined;
};

describe('decodeCursor', () => {
  it('gives back the sort key a page encoded', () => {
    expect(decodeCursor(encodeCursor([12, 'acc-1']), ['number', 'string'])).toEqual([12, 'acc-1']);
  });

  it.each([
    ['a NUL in a string', '[1,"\\u0000"]'],
    ['a lone surrogate in a string', '[1,"\\ud800"]'],
    ['a number past the largest double', '[1e400,"acc-1"]'],
    ['a value of the wrong type', '["1","acc-1"]'],
    ['too few values', '[1]'],
    ['an object', '{"__proto__":[1,"acc-1"]}'],
  ])('refuses %s with 400 INVALID_CURSOR, naming the cursor', (_, json) => {
    expect(refusal(cursorOf(json), ['number', 'string'])).toEqual({ status: 400, code: 'INVALID_CURSOR', field: 'cursor' });
  });
});
