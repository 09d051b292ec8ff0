import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ContactPoliciesInForce, OptOutLinks, requireAccountInScope } from '@arrears/commands';
import {
  factsOf,
  missingElements,
  notFound,
  paragraphTemplateIds,
  profileFor,
  renderTemplate,
  sampleAccount,
  sampleFacts,
  sampleToday,
  templateFor,
  templatesIn,
  dateIn,
  valuesFor,
  variablesOf,
  type MessageSubject,
} from '@arrears/domain';
import { Clock, ValidationProblem } from '@arrears/platform';
import { accountReadModel, foldOnlyAccountFields, type AccountDocument } from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../http/api-problems.decorator';
import { PreviewTemplateRequest } from './notices.requests';
import { TemplatePreview, TemplatesResponse, type TemplateSummary } from './templates.responses';

const templateIdPattern = /^[a-z][a-z0-9-]{0,63}$/;

/** The message templates in force, for a supervisor to list and preview (with sample data, or an account's). */
@ApiTags('notices')
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly rules: ContactPoliciesInForce,
    private readonly links: OptOutLinks,
    private readonly clock: Clock,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every template in force: id, version, channel, language, purpose, whether it is an escalation, the variables it names' })
  @ApiOkResponse({ type: TemplatesResponse, description: 'The templates.' })
  list(): { templates: TemplateSummary[] } {
    return {
      templates: templatesIn(this.rules.policies).map(({ id, version, channel, language, purpose, escalation, subject, body }) => ({
        id,
        version,
        channel,
        language,
        purpose,
        escalation: escalation === true,
        variables: variablesOf(`${subject}\n${body}`),
      })),
    };
  }

  @Post(':templateId/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Render a template for a channel and language, with an account’s data or sample data, and list the elements the law requires that it lacks',
  })
  @ApiOkResponse({ type: TemplatePreview, description: 'The rendered message.' })
  @ApiProblems({
    400: 'A malformed template id, channel, language or account id: one entry per bad field.',
    404: 'No such template for that channel (`TEMPLATE_NOT_FOUND`), or no such account for the caller (`ACCOUNT_NOT_FOUND`).',
  })
  async preview(@Param('templateId') templateId: string, @Body() request: PreviewTemplateRequest, @Caller() caller: Principal): Promise<TemplatePreview> {
    if (!templateIdPattern.test(templateId))
      throw new ValidationProblem([{ field: 'templateId', messages: ['templateId must be a template id such as payment-reminder'] }]);
    const { channel } = request;
    const account = request.accountId ? await this.account(request.accountId, caller) : sampleAccount(request.language);
    const policies = this.rules.policies;
    const template = paragraphTemplateIds.includes(templateId)
      ? undefined
      : templateFor(templatesIn(policies), templateId, channel, request.language ?? account.debtor.language);
    if (!template) throw notFound('TEMPLATE_NOT_FOUND', `No template ${templateId} goes by ${channel}.`, { templateId, channel });
    const today = request.accountId ? dateIn(this.clock.now().toISOString(), account.debtor.timeZone) : sampleToday;
    const facts = request.accountId ? factsOf(account, today) : sampleFacts;
    const values = valuesFor({ account, policies, today }, { templateId, channel, facts }, template);
    const rendered = renderTemplate(template, values);
    const { debtCollector } = profileFor(policies.profiles, account.creditorId);
    const missing = missingElements(rendered, { templateId, channel, debtCollector, values, timeBarredDisclosure: false });
    const { subject, body } = this.links.signed(rendered, account.accountId, channel);
    return { templateId, version: template.version, channel, language: template.language, escalation: template.escalation === true, subject, body, missing };
  }

  private async account(accountId: string, caller: Principal): Promise<MessageSubject> {
    const document = (await this.readStore.get(accountReadModel.collection, accountId, { omit: foldOnlyAccountFields })) as AccountDocument | undefined;
    requireAccountInScope(caller, accountId, document?.creditorId);
    if (!document) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    return document.account;
  }
}
