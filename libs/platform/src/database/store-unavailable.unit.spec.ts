import { isStoreUnavailable, spoilsConnection, StoreBusyError } from './store-unavailable';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['an unknown host', withCode('ENOTFOUND')],
    ['a broken pipe', withCode('EPIPE')],
    ['a timed-out socket', withCode('ETIMEDOUT')],
    ['a missing Unix socket', Object.assign(withCode('ENOENT'), { syscall: 'connect' })],
    ['PostgreSQL connection exception (08006)', withCode('08006')],
    ['PostgreSQL admin shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL crash shutdown (57P02)', withCode('57P02')],
    ['PostgreSQL cannot connect now (57P03)', withCode('57P03', 'the database system is starting up')],
    ['PostgreSQL too many connections (53300)', withCode('53300')],
    ['PostgreSQL cancelling a statement (57014)', withCode('57014', 'canceling statement due to user request')],
    ['PostgreSQL out of disk (53100)', withCode('53100')],
    ['PostgreSQL out of memory (53200)', withCode('53200')],
    ['PostgreSQL read-only (25006)', withCode('25006', 'cannot execute INSERT in a read-only transaction')],
    ['PostgreSQL serialization failure (40001)', withCode('40001')],
    ['PostgreSQL deadlock (40P01)', withCode('40P01')],
    ['pg losing its connection', new Error('Connection terminated unexpectedly')],
    ['pg timing out a connection', new Error('timeout exceeded when trying to connect')],
    ['a statement unanswered past its bound', new Error('Query read timeout: no answer from PostgreSQL within 15000 ms')],
    ['pg reusing a broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['MongoDB losing the network', Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' })],
    ['MongoDB finding no server', Object.assign(new Error('Server selection timed out'), { name: 'MongoServerSelectionError' })],
    ['EventStoreDB down', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { type: 'unavailable' })],
    ['EventStoreDB too slow', Object.assign(new Error('4 DEADLINE_EXCEEDED'), { type: 'deadline-exceeded' })],
    ['an EventStoreDB follower asked to write', Object.assign(new Error('Not leader'), { type: 'not-leader' })],
    ['a wrapped cause', new Error('append failed', { cause: withCode('ECONNREFUSED') })],
    ['one of several addresses', new AggregateError([withCode('ECONNREFUSED')], 'connect failed')],
    ['a read that kept finding its documents written meanwhile', new StoreBusyError('Documents of accounts kept changing while their parts were read')],
  ])('is true for %s', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key')],
    ['a syntax error', withCode('42601')],
    ['a missing file', withCode('ENOENT')],
    ['a plain error', new Error('Something broke')],
    ['an EventStoreDB stream deleted', Object.assign(new Error('Stream is deleted'), { type: 'stream-deleted' })],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('is false for %s', (_, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});

describe('spoilsConnection', () => {
  it('drops a connection lost, refused or left read-only, and keeps one whose statement was only cancelled or rolled back', () => {
    for (const code of ['08006', '57P01', '25006', 'ECONNRESET']) expect(spoilsConnection(withCode(code))).toBe(true);
    expect(spoilsConnection(new Error('Query read timeout: no answer from PostgreSQL within 15000 ms'))).toBe(true);
    for (const code of ['57014', '40001', '40P01', '23505']) expect(spoilsConnection(withCode(code))).toBe(false);
  });
});
