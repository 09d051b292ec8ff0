import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { ImportProgress } from '@arrears/commands';
import { ProblemException } from '@arrears/platform';
import { Caller } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import { ApiProblems } from '../http/api-problems.decorator';
import { IdParam } from '../http/parse-id.pipe';
import { Imports } from './imports';
import { ImportProgressResponse } from './imports.responses';
import { LedgerUpload } from './ledger-upload';

/** Loading an existing ledger (docs/imports.md): a file in, its progress and per-line errors out. */
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: Imports) {}

  @Post()
  @HttpCode(202)
  @ApiConsumes('application/x-ndjson', 'text/csv')
  @ApiOperation({ summary: 'Import a ledger file (NDJSON or CSV, one fact a line): answers at once with the import’s id; follow it at GET /imports/:id' })
  @ApiBody({ description: 'The ledger file: one fact a line (docs/imports.md).', schema: { type: 'string' } })
  @ApiAcceptedResponse({ type: ImportProgressResponse, description: 'The import, started: its id and progress so far.' })
  @ApiProblems({
    413: 'A file larger than 2 GiB (`BODY_TOO_LARGE`).',
    415: 'A body that is neither application/x-ndjson nor text/csv (`UNSUPPORTED_MEDIA_TYPE`).',
  })
  async start(@Req() request: FastifyRequest, @Caller() caller: Principal): Promise<ImportProgress> {
    if (!(request.body instanceof LedgerUpload)) {
      throw new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the ledger as application/x-ndjson or text/csv.');
    }
    return this.imports.start(await request.body.spool(), caller, request.id);
  }

  @Get(':importId')
  @ApiOperation({
    summary: 'An import’s progress: lines read, applied, already present and refused, events appended, lines/s, ETA, and the refused lines’ errors',
  })
  @ApiOkResponse({ type: ImportProgressResponse, description: 'The import’s progress.' })
  @ApiProblems({ 404: 'No such import for the caller’s creditors (`IMPORT_NOT_FOUND`).' })
  progress(@IdParam('importId') importId: string, @Caller() caller: Principal): ImportProgress {
    return this.imports.progress(importId, caller);
  }
}
