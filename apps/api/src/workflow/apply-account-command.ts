import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { APP_CONFIG } from '@arrears/backends';
import { stricterPolicy, type ContactPolicies } from '@arrears/domain';
import type { AppConfig } from '@arrears/platform';
import { AccountCommandService, type AccountCommandInput } from '../command-handling/account-command.service';
import type { CommandContext } from '../command-handling/command-context';
import { CommandReceipt, receiptOf } from '../command-handling/command-receipt';

/**
 * A workflow command for one account, as it travels on the CommandBus: the domain command is built
 * at the edge from the validated request, so one handler serves every workflow route.
 */
export class ApplyAccountCommand {
  constructor(
    readonly accountId: string,
    readonly input: AccountCommandInput,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ApplyAccountCommand)
export class ApplyAccountCommandHandler implements ICommandHandler<ApplyAccountCommand, CommandReceipt> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, input, context }: ApplyAccountCommand): Promise<CommandReceipt> {
    return receiptOf(await this.accounts.handle(accountId, input, context));
  }
}

/** The contact rule sets from `CONTACT_POLICIES`, checked at boot: none may be looser than Regulation F. */
@Injectable()
export class ContactPoliciesInForce {
  readonly policies: ContactPolicies;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { default: defaults = {}, ...byCreditor } = config.contactPolicies;
    const base = stricterPolicy(defaults);
    this.policies = {
      default: base,
      byCreditor: Object.fromEntries(Object.entries(byCreditor).map(([creditorId, overrides]) => [creditorId, stricterPolicy({ ...base, ...overrides })])),
    };
  }
}
