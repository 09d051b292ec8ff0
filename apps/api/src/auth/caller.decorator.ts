import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { principalOf } from './principal';

/** `@Caller() caller: Principal` in a controller: who the verified token says is calling. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext) => principalOf(ctx.switchToHttp().getRequest<FastifyRequest>()));
