import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AccountCommandService, ContactPoliciesInForce, type CommandContext } from '@arrears/commands';
import { APP_CONFIG, IdGenerator, type AppConfig } from '@arrears/platform';
import type { CommandDeclaration, CommandSources, PathParams } from './account-command.declaration';
import { receiptOf, type CommandReceipt } from './command-receipt';

/** Runs a declared command: reads what it looks up, builds the domain command and hands it to the account command service. */
@Injectable()
export class AccountCommandsRunner {
  constructor(
    private readonly accounts: AccountCommandService,
    private readonly contactPolicies: ContactPoliciesInForce,
    private readonly ids: IdGenerator,
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(declaration: CommandDeclaration, request: unknown, params: PathParams, context: CommandContext): Promise<CommandReceipt> {
    if ('process' in declaration) return this.modules.get(declaration.process, { strict: false }).run(pathAccountId(params), context, request);
    const sources: CommandSources<unknown> = {
      request,
      params,
      context,
      config: this.config,
      policies: this.contactPolicies.policies,
      newId: () => this.ids.uuid(),
    };
    const withAccount = { ...sources, accountId: declaration.accountId?.(sources) ?? pathAccountId(params) };
    const found: unknown = declaration.lookup ? await this.modules.get(declaration.lookup, { strict: false }).find(withAccount) : undefined;
    const outcome = await this.accounts.handle(withAccount.accountId, declaration.command({ ...withAccount, found }), context);
    return declaration.response ? declaration.response.from(outcome, withAccount) : receiptOf(outcome);
  }
}

function pathAccountId({ accountId }: PathParams): string {
  if (accountId === undefined) throw new Error('A command route without :accountId must declare how it finds its account.');
  return accountId;
}
