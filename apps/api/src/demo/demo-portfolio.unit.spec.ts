import { demoPortfolio } from './demo-portfolio';

describe('the demo portfolio', () => {
  const lines = demoPortfolio('2026-03-01', 7, 30);
  const of = (type: string) => lines.filter((line) => line.type === type);

  it('is the same for the same seed and day, and another for another seed', () => {
    expect(demoPortfolio('2026-03-01', 7, 30)).toEqual(lines);
    expect(demoPortfolio('2026-03-01', 8, 30)).not.toEqual(lines);
  });

  it('has accounts of three creditors, with invoices, payments, promises, plans, contacts and notes', () => {
    expect(of('account')).toHaveLength(90);
    expect(new Set(of('account').map((line) => line.creditorId)).size).toBe(3);
    for (const type of ['invoice', 'payment', 'promise', 'plan', 'contact', 'note']) expect(of(type).length).toBeGreaterThan(0);
  });

  it('dates every fact before the day (a date’s fact happens at noon in the debtor’s zone), and after the account opened', () => {
    const opened = new Map(of('account').map((line) => [line.accountId, line.openedOn as string]));
    const dated = (line: Record<string, string | number>) =>
      String(line.issuedOn ?? line.receivedOn ?? line.madeOn ?? line.agreedOn ?? line.at ?? line.openedOn).slice(0, 10);
    for (const line of lines) {
      expect(dated(line) < '2026-03-01').toBe(true);
      expect(dated(line) >= (opened.get(line.accountId) as string)).toBe(true);
    }
  });

  it('gives each plan installments that sum exactly to what the account owes', () => {
    for (const plan of of('plan')) {
      const owed = lines.filter((line) => line.type === 'invoice' && line.accountId === plan.accountId).reduce((sum, line) => sum + (line.amount as number), 0);
      const installments = String(plan.installments)
        .split(';')
        .reduce((sum, part) => sum + Number(part.split(':')[1]), 0);
      expect(installments).toBe(owed);
    }
  });
});
