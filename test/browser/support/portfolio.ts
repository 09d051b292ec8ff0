import type { BuiltService } from '../../e2e/support/built-service';

/** Zones an hour or two apart around the world: at any instant it is night (before 06:00) in one of them. */
const zonesAroundTheWorld = [
  'Pacific/Kiritimati',
  'Pacific/Auckland',
  'Australia/Sydney',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Bangkok',
  'Asia/Dhaka',
  'Asia/Karachi',
  'Asia/Dubai',
  'Europe/Moscow',
  'Europe/Athens',
  'Europe/Berlin',
  'Europe/London',
  'Atlantic/Azores',
  'America/Noronha',
  'America/Sao_Paulo',
  'America/Halifax',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'Pacific/Pago_Pago',
];

export const hourIn = (zone: string, at: Date) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(at));

/**
 * A debtor zone where it is the middle of the night now and stays so for the next half hour (the flow's
 * length): calls are refused there (08:00–21:00 only), whatever time the suite runs.
 */
export function zoneAtNight(now = new Date()): string {
  const later = new Date(now.getTime() + 30 * 60_000);
  const zone = zonesAroundTheWorld.find((z) => hourIn(z, now) >= 1 && hourIn(z, now) < 5 && hourIn(z, later) < 6);
  if (!zone) throw new Error(`No listed zone is at night at ${now.toISOString()}`);
  return zone;
}

/** The latest whole minute, at least an hour ago, that was mid-afternoon (14:00–15:59) in `zone`: a call then was allowed. */
export function afternoonBefore(zone: string, now = new Date()): Date {
  for (let at = Math.floor(now.getTime() / 60_000) * 60_000 - 3_600_000; ; at -= 15 * 60_000) {
    const hour = hourIn(zone, new Date(at));
    if (hour >= 14 && hour < 16) return new Date(at);
  }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface SeededAccount {
  accountId: string;
  name: string;
  timeZone: string;
  /** Owed, in minor units, on one invoice issued 75 days ago and due 45 days ago. */
  owed: number;
  /** USD unless said. */
  currency?: string;
}

async function posted(service: BuiltService, path: string, body: unknown): Promise<{ position: number }> {
  const response = await service.request(path, { body });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { position: number };
}

/** Opens the accounts, each with an overdue invoice and a part payment, as the billing feed would; returns the last position. */
export async function seedPortfolio(service: BuiltService, accounts: SeededAccount[]): Promise<number> {
  let position = 0;
  for (const [i, account] of accounts.entries()) {
    await posted(service, '/accounts', {
      accountId: account.accountId,
      creditorId: 'cred-1',
      openedOn: day(-80),
      debtor: { reference: `D-${100 + i}`, name: account.name, timeZone: account.timeZone, phone: `+1555000${1000 + i}` },
    });
    await posted(service, `/accounts/${account.accountId}/invoices`, {
      invoiceId: 'inv-1',
      amount: account.owed + 5000,
      currency: account.currency ?? 'USD',
      issuedOn: day(-75),
      dueOn: day(-45),
    });
    ({ position } = await posted(service, `/accounts/${account.accountId}/payments`, {
      paymentId: 'pay-1',
      amount: 5000,
      currency: account.currency ?? 'USD',
      receivedOn: day(-20),
      method: 'card',
    }));
  }
  return position;
}
