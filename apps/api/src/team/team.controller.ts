import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { requireCreditorInScope, type CommandContext } from '@arrears/commands';
import { dateIn, DomainError } from '@arrears/domain';
import { APP_CONFIG, Clock, reportingZones, type AppConfig } from '@arrears/platform';
import { teamActivityReadModel, worklistReadModel } from '@arrears/projections';
import { accountsCommands } from '../accounts/accounts.commands';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import type { CommandDeclaration } from '../command-handling/account-command.declaration';
import { AccountCommandsRunner } from '../command-handling/account-commands.runner';
import { Context } from '../command-handling/command-context';
import { domainStatus } from '../http/problem-details.filter';
import { QueryEndpoint } from '../read-side/query-endpoint.decorator';
import { ReadConsistency } from '../read-side/read-consistency';
import { TeamActivity } from './team-activity';
import { ReassignRequest, TeamParams } from './team.requests';
import { ReassignOutcome, ReassignResponse, TeamView } from './team.responses';

/** The single route's declaration: what each account of a bulk reassignment goes through. */
const assignCommand = accountsCommands.assign as CommandDeclaration;

/** A supervisor's view of a creditor's team, and moving accounts between its agents. */
@ApiTags('team')
@Controller('team')
export class TeamController {
  constructor(
    private readonly activity: TeamActivity,
    private readonly consistency: ReadConsistency,
    private readonly runner: AccountCommandsRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @QueryEndpoint(
    'Per agent: accounts claimed now and assigned, contacts logged and promises taken, kept and broken on a business day of the creditor',
    TeamView,
  )
  async team(@Query() params: TeamParams, @Caller() caller: Principal): Promise<TeamView> {
    requireCreditorInScope(caller, params.creditorId);
    await this.consistency.reach(params.minPosition, [teamActivityReadModel.name, worklistReadModel.name]);
    const asOf = this.clock.now().toISOString();
    const timeZone = reportingZones(this.config.reportingTimeZones)(params.creditorId);
    const date = params.date ?? dateIn(asOf, timeZone);
    return { creditorId: params.creditorId, date, timeZone, asOf, agents: await this.activity.agents(params.creditorId, date, asOf) };
  }

  /**
   * Each account goes through the one assign command in turn, so its rules, creditor scope and audit
   * trail are the single route's. An Idempotency-Key is made one per account (`key:accountId`): a retry
   * gets each first outcome back and assigns nothing twice.
   */
  @Post('reassign')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign up to 100 accounts to an agent, each through POST /accounts/:accountId/assign; one outcome per account' })
  @ApiBearerAuth()
  @ApiProduces('application/json', 'application/problem+json')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key gets each account’s first outcome and assigns nothing twice.',
  })
  @ApiOkResponse({ type: ReassignResponse, description: 'One outcome per account: 200 assigned, else the refusal the single route would answer.' })
  @ApiProblems({
    400: 'Malformed body: one entry per bad field.',
    503: 'A store cannot be reached; the accounts done so far stay done (retry with the same Idempotency-Key).',
  })
  async reassign(@Body() request: ReassignRequest, @Context() context: CommandContext): Promise<ReassignResponse> {
    const results: ReassignOutcome[] = [];
    for (const accountId of request.accountIds) results.push(await this.assignOne(accountId, request.agentId, context));
    const positions = results.flatMap((result) => (result.position === undefined ? [] : [result.position]));
    return { agentId: request.agentId, results, position: positions.length ? Math.max(...positions) : null };
  }

  private async assignOne(accountId: string, agentId: string, context: CommandContext): Promise<ReassignOutcome> {
    const idempotencyKey = context.idempotencyKey && `${context.idempotencyKey}:${accountId}`;
    try {
      const receipt = await this.runner.run(assignCommand, { agentId }, { accountId }, { ...context, idempotencyKey, expectedRevision: undefined });
      return { accountId, status: 200, revision: receipt.revision, position: receipt.position };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { accountId, status: domainStatus[error.kind], code: error.code, detail: error.message };
    }
  }
}
