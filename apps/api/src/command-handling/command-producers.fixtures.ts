import type { ArgumentMetadata } from '@nestjs/common';
import { ContactPoliciesInForce, type AccountCommandInput, type CommandContext } from '@arrears/commands';
import { decide, dueWork, evolve, initialAccountState, type AccountState, type IsoDate, type OpenedAccount } from '@arrears/domain';
import { loadConfig, strictValidationPipe } from '@arrears/platform';
import { SchedulerSettingsInForce } from '@arrears/scheduler';
import { everyAccountCommand } from '../account-commands';
import type { CommandSources } from './account-command.declaration';

/**
 * The ways a domain command is made, for the spec that proves every field of every command can be set:
 * an HTTP request through its declaration, or the scheduler's due work on an account. Test support only (a fixtures file: not built).
 */
export const config = loadConfig({});
export const contactPolicies = new ContactPoliciesInForce(config).policies;
const schedulerSettings = new SchedulerSettingsInForce(config, new ContactPoliciesInForce(config)).settings;

/** A supervisor acting for every creditor, retrying with an Idempotency-Key. */
const context: CommandContext = {
  correlationId: 'correlation-1',
  causationId: 'causation-1',
  actor: { id: 'supervisor-1', role: 'supervisor' },
  creditors: '*',
  idempotencyKey: 'supervisor-1:key-1',
  expectedRevision: undefined,
};

/**
 * The command a request to `route` makes: the body goes through the API's validation pipe (so the
 * request class must accept every field sent) and then through the route's declaration, with what its
 * lookup would have `found`.
 */
export async function viaHttp(route: string, body: object | undefined, params: Record<string, string> = {}, found?: unknown): Promise<AccountCommandInput> {
  const declaration = everyAccountCommand.find((declared) => declared.route === route);
  if (!declaration) throw new Error(`No command is declared at ${route}.`);
  if ('process' in declaration) throw new Error(`${route} runs a process, not one command.`);
  const metadata: ArgumentMetadata = { type: 'body', metatype: declaration.request ?? Object };
  const request: unknown = declaration.request ? await strictValidationPipe().transform(body, metadata) : undefined;
  const sources: CommandSources<unknown> = {
    request,
    params: { accountId: 'acc-1', ...params },
    // The portal's routes take the debtor of the account, by a portal token.
    context: route.startsWith('POST /portal/') ? { ...context, actor: { id: 'debtor:acc-1', role: 'debtor' } } : context,
    config,
    policies: contactPolicies,
    newId: () => 'acc-new',
  };
  return declaration.command({ ...sources, accountId: declaration.accountId?.(sources) ?? 'acc-1', found });
}

/** Opens an account and issues it one invoice of 100.00 USD, due 2026-01-31, before `setup`. */
const opened: AccountCommandInput[] = [
  {
    type: 'OpenAccount',
    data: {
      accountId: 'acc-1',
      creditorId: 'cred-1',
      debtor: { reference: 'D-1', name: 'Ada Lovelace', timeZone: 'UTC', address: { lines: ['1 Main St'], city: 'Albany', country: 'US' } },
    },
  },
  { type: 'IssueInvoice', data: { invoiceId: 'inv-1', amount: 10_000, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31' } },
];

/**
 * The commands the scheduler sends on `today` for an account the `setup` commands (decided on
 * 2026-01-05) left behind: dueWork is what the TimelineScheduler runs on every account due.
 */
export function viaScheduler(setup: AccountCommandInput[], today: IsoDate): AccountCommandInput[] {
  let state: AccountState = initialAccountState();
  for (const command of [...opened, ...setup]) {
    for (const event of decide({ ...command, now: '2026-01-05T12:00:00Z' }, state)) state = evolve(state, event);
  }
  return dueWork(state as OpenedAccount, today, schedulerSettings);
}
