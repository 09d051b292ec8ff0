import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { daysBetween } from '@arrears/domain';
import { ProblemException } from '@arrears/platform';
import { kpiCsv, kpiReadModel, kpiReport, PORTFOLIO, windowStart } from '@arrears/projections';
import { requireCreditorInScope } from '@arrears/commands';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { preferredMediaType } from '../http/preferred-media-type';
import { QueryEndpoint } from '../read-side/query-endpoint.decorator';
import { ReadConsistency } from '../read-side/read-consistency';
import { KpiAnswers } from './kpi-answers';
import { KpiDocuments } from './kpi-documents';
import { KpiParams } from './kpis.requests';
import { KpiCurrencyResponse, KpisResponse } from './kpis.responses';

const maxDays = 3 * 366;

/**
 * The daily KPI series of a creditor or the portfolio, one per currency: reads the scope's month
 * totals before the period's window and its day documents in it (small: what each business day
 * changed; re-read only when changed, see KpiDocuments), so its cost does not grow with the
 * portfolio's age, and computes its figures: as JSON, only the days a change since the same report
 * reaches (see KpiAnswers); as CSV, for spreadsheets when the client asks for `text/csv`, every day.
 */
@ApiTags('kpis')
@Controller('kpis')
export class KpisController {
  constructor(
    private readonly documents: KpiDocuments,
    private readonly answers: KpiAnswers,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get()
  @QueryEndpoint(
    'Daily KPI series per currency, by business day in the creditor’s reporting zone: receivables, aging buckets, collected, credit sales, late fees, DSO (count-back by calendar months and by 30 days, simple), Best Possible DSO, ADD, CEI, roll, cure and plan completion rates; `Accept: text/csv` or `format=csv` gives one row per day and currency',
    KpisResponse,
    {
      400: 'Malformed parameters, or a period that ends before it starts or is longer than 3 × 366 days (`INVALID_PERIOD`).',
      403: 'The role may not read KPIs, or a token for some creditors names none, or one it may not act for (`CREDITOR_REQUIRED`, `CREDITOR_NOT_ALLOWED`).',
    },
  )
  @ApiProduces('application/json', 'text/csv')
  @ApiExtraModels(KpiCurrencyResponse)
  async kpis(
    @Query() params: KpiParams,
    @Caller() caller: Principal,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const { from, to } = params;
    const length = daysBetween(from, to);
    if (length < 0 || length >= maxDays) {
      throw new ProblemException(400, 'INVALID_PERIOD', 'The request is malformed', `from must not be after to, and the period is at most ${maxDays} days.`, {
        from,
        to,
      });
    }
    await this.consistency.reach(params.minPosition, [kpiReadModel.name]);
    const scope = scopeFor(params.creditorId, caller);
    const window = await this.documents.window(scope, windowStart(from), to);
    const csv = params.format ? params.format === 'csv' : preferredMediaType(accept, ['application/json', 'text/csv']) === 'text/csv';
    if (csv) {
      void reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="kpis-${from}-${to}.csv"`);
      return kpiCsv(kpiReport(window.days, from, to, window.months));
    }
    void reply.type('application/json; charset=utf-8');
    return this.answers.json({ scope, from, to }, window);
  }
}

/**
 * The creditor asked for, or the portfolio. A token for some creditors only sees those: without a
 * creditorId it gets its one creditor's series, and the portfolio (everyone's) is not for it.
 */
function scopeFor(creditorId: string | undefined, caller: Principal): string {
  const { creditors } = caller;
  if (creditors === '*') return creditorId ?? PORTFOLIO;
  const asked = creditorId ?? (creditors.length === 1 ? creditors[0] : undefined);
  if (asked === undefined) {
    throw new ProblemException(403, 'CREDITOR_REQUIRED', 'Forbidden', 'This token acts for some creditors only: name one with creditorId.', { creditors });
  }
  requireCreditorInScope(caller, asked);
  return asked;
}
