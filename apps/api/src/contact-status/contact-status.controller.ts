import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ContactPoliciesInForce } from '@arrears/commands';
import { contactRefusals, nextAllowedContact, notFound, wallClockIn } from '@arrears/domain';
import { Clock } from '@arrears/platform';
import { accountReadModel, foldOnlyAccountFields, type AccountDocument } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { IdParam } from '../http/parse-id.pipe';
import { QueryEndpoint, unknownAccount } from '../read-side/query-endpoint.decorator';
import { ReadConsistency } from '../read-side/read-consistency';
import { ContactStatusParams } from './contact-status.requests';
import { ContactStatus } from './contact-status.responses';

/**
 * "May I call now?": the account's contact rules asked about a contact at this instant, by the same
 * functions that refuse a contact command, so the answer and a command's refusal cannot differ.
 */
@ApiTags('accounts')
@Controller('accounts')
export class ContactStatusController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
    private readonly contactPolicies: ContactPoliciesInForce,
  ) {}

  @Get(':accountId/contact-status')
  @QueryEndpoint(
    'May I contact the debtor now? Every rule refusing it, with its code, and the next allowed instant, also on the debtor’s clock',
    ContactStatus,
    unknownAccount,
  )
  async contactStatus(@IdParam('accountId') accountId: string, @Query() params: ContactStatusParams): Promise<ContactStatus> {
    await this.consistency.reach(params.minPosition, [accountReadModel.name]);
    // The rules read a ContactSubject, which holds nothing only the fold reads.
    const document = (await this.readStore.get(accountReadModel.collection, accountId, { omit: foldOnlyAccountFields })) as AccountDocument | null;
    if (!document) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    const { account } = document;
    const now = this.clock.now().toISOString();
    const contact = { channel: params.channel ?? 'call', at: now };
    const policy = this.contactPolicies.policyFor(account.creditorId);
    const refusals = contactRefusals(account, contact, policy);
    const nextAllowedAt = nextAllowedContact(account, contact, policy);
    return {
      accountId,
      channel: contact.channel,
      asOf: now,
      allowedNow: refusals.length === 0,
      refusals,
      nextAllowedAt,
      nextAllowedLocal: nextAllowedAt === null ? null : onClockOf(nextAllowedAt, account.debtor.timeZone),
    };
  }
}

function onClockOf(instant: string, timeZone: string) {
  const { date, minutes } = wallClockIn(instant, timeZone);
  return { timeZone, date, time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` };
}
