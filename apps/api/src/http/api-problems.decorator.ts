import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/** The error statuses a route may declare beside those the edge answers for every route (see openapi-document.ts). */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 503;

/**
 * The problems a route answers of its own making, by status, each with what it means there. The
 * OpenAPI document gives every error answer the shared ProblemDetails schema as
 * `application/problem+json`; 400, 401, 403, 429 and 503 from the edge, the guards and the stores are
 * added to every route they apply to, so a route names only its own (a 400 it adds says more).
 */
export const ApiProblems = (problems: Partial<Record<ProblemStatus, string>>) =>
  applyDecorators(...Object.entries(problems).map(([status, description]) => ApiResponse({ status: Number(status), description })));
