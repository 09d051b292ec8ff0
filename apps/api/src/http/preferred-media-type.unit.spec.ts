import { preferredMediaType } from './preferred-media-type';

const offered = ['application/json', 'text/csv'] as const;

describe('the media type a client prefers (Accept)', () => {
  it.each([
    [undefined, 'application/json'],
    ['text/csv', 'text/csv'],
    ['application/json', 'application/json'],
    ['text/csv;q=0.9, application/json', 'application/json'],
    ['application/json;q=0.5, text/csv', 'text/csv'],
    ['text/*', 'text/csv'],
    ['*/*', 'application/json'],
    ['text/*;q=1, */*;q=0.1', 'text/csv'],
    ['text/html', 'application/json'],
    ['text/csv;q=0, */*', 'application/json'],
    ['text/csv;q=nonsense, application/json;q=0.2', 'application/json'],
  ])('Accept: %s → %s', (accept, expected) => {
    expect(preferredMediaType(accept, offered)).toBe(expected);
  });
});
