import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ContactPoliciesInForce } from '@arrears/commands';
import { notFound } from '@arrears/domain';
import { Clock } from '@arrears/platform';
import { accountReadModel, accountView, foldOnlyAccountFields, type AccountDocument, type AccountView } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import type { FastifyRequest } from 'fastify';
import { accountAtHand } from '../auth/account-at-hand';
import { debtorAccountsOf } from '../credit/debtor-accounts';
import { IdParam } from '../http/parse-id.pipe';
import { AccountResponse } from './account.responses';
import { ReadQueryParams } from '../read-side/paging';
import { QueryEndpoint, unknownAccount } from '../read-side/query-endpoint.decorator';
import { ReadConsistency } from '../read-side/read-consistency';

/** The account read model, with what depends on the day worked out for now. */
@ApiTags('accounts')
@Controller('accounts')
export class AccountController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
    private readonly contactPolicies: ContactPoliciesInForce,
  ) {}

  @Get(':accountId')
  @QueryEndpoint(
    'The account: status, balances (total, overdue, credit), invoices with days past due, aging, plan, last payment, assigned agent',
    AccountResponse,
    unknownAccount,
  )
  async account(@IdParam('accountId') accountId: string, @Query() params: ReadQueryParams, @Req() request: FastifyRequest): Promise<AccountView> {
    // A position to wait for may lie past the document the access guard read; without one, that read will do.
    const atHand = params.minPosition === undefined ? accountAtHand(request, accountId) : undefined;
    await this.consistency.reach(params.minPosition, [accountReadModel.name]);
    const document = atHand ?? (await this.readStore.get(accountReadModel.collection, accountId, { omit: foldOnlyAccountFields }));
    if (!document) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    const account = document as AccountDocument;
    // Only an account whose debtor has a limit across their accounts pays for reading the others.
    const debtorAccounts = account.account.debtorCreditLimit ? await debtorAccountsOf(this.readStore, account) : undefined;
    return accountView(account, this.clock.now().toISOString(), this.contactPolicies.policies, debtorAccounts);
  }
}
