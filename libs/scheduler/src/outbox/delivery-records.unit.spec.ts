import { redactedError, retryDelay } from './delivery-records';

describe('the outbox’s retry delays', () => {
  const settings = { maxAttempts: 8, retryBaseMs: 60_000, retryMaxMs: 3_600_000 };

  it('double from the base with each failed try, drawn between half the ceiling and the ceiling', () => {
    const lowest = [1, 2, 3, 4].map((attempts) => retryDelay(attempts, settings, () => 0));
    const highest = [1, 2, 3, 4].map((attempts) => retryDelay(attempts, settings, () => 1));
    expect(lowest).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(highest).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('never pass the cap, however many tries failed', () => {
    expect(retryDelay(7, settings, () => 1)).toBe(3_600_000);
    expect(retryDelay(100, settings, () => 0)).toBe(1_800_000);
  });
});

describe('a delivery error as it is kept and logged', () => {
  it('holds none of the addresses a provider quoted', () => {
    const quoted = new Error("The 'To' number +15551234567 is not a valid phone number; ada@example.com bounced; 5559876543 too");
    expect(redactedError(quoted, ['+15551234567'])).toBe("The 'To' number [address] is not a valid phone number; [e-mail] bounced; [number] too");
  });

  it('takes a letter’s recipient out, and keeps the rest (codes, ports, dates)', () => {
    const error = new Error('Ada Lovelace at 12 Analytical Row refused: code 21211, 127.0.0.1:4010 on 2026-04-02');
    expect(redactedError(error, ['Ada Lovelace', '12 Analytical Row'])).toBe('[address] at [address] refused: code 21211, 127.0.0.1:4010 on 2026-04-02');
  });
});
