import { ForbiddenException, type ArgumentMetadata, type CanActivate, type ExceptionFilter, type PipeTransform } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isObservable, lastValueFrom } from 'rxjs';
import { AccountCommandsRunner } from './account-commands.runner';
import { readCommandContext } from './command-context';
import { CommandResponses } from './command-responses';
import type { CommandRoute } from './command-routes';

/** What Nest runs around every route, as the application is configured: resolved once it is built. */
export interface RequestPipeline {
  /** The global guards, in the order Nest runs them. */
  readonly guards: readonly CanActivate[];
  /** The global pipes, run before a parameter's own. */
  readonly pipes: readonly PipeTransform[];
  /** The global exception filter: the one place errors become answers. */
  readonly filter: ExceptionFilter;
  readonly runner: AccountCommandsRunner;
  readonly responses: CommandResponses;
}

/**
 * Command routes answered by Fastify directly. Nest still declares them (the OpenAPI document, the
 * access matrix and the route table are unchanged), but its per-request machinery (an execution
 * context per call, rxjs around the handler, parameter factories, the response controller) costs
 * every command CPU that buys a command route nothing. The handler here runs the same steps in Nest's
 * order, with the same guard, pipe and filter instances: the global guards; the command context from
 * the headers (Nest reads it first too: it needs no pipe); each path parameter, then the body, through
 * the global pipes and then its own; the command; the declared status. Any failure goes to the filter.
 */
export function answerCommandsDirectly(fastify: FastifyInstance, routes: ReadonlyMap<string, CommandRoute>, pipelineOf: () => RequestPipeline): void {
  // Resolved at the first command: the application's providers exist by then, not when routes are added.
  let resolved: RequestPipeline | undefined;
  const pipeline = () => (resolved ??= pipelineOf());
  fastify.addHook('onRoute', (options: RouteOptions) => {
    const route = options.method === 'POST' ? routes.get(options.url) : undefined;
    if (route) options.handler = directHandler(route, pipeline);
  });
}

function directHandler(route: CommandRoute, pipeline: () => RequestPipeline) {
  const handler = (route.controller.prototype as Record<string, () => unknown>)[route.method] as () => unknown;
  const { declaration } = route;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    // As Nest's Fastify adapter answers a route with an empty path parameter (`/accounts//close`): not found.
    if (Object.values(request.params as Record<string, string>).includes('')) {
      reply.callNotFound();
      return reply;
    }
    const { guards, pipes, filter, runner, responses } = pipeline();
    const host = new ExecutionContextHost([request, reply, undefined], route.controller, handler);
    host.setType('http');
    try {
      for (const guard of guards) {
        if (!(await allows(guard, host))) throw new ForbiddenException('Forbidden resource');
      }
      const context = readCommandContext(request);
      const { params, body } = await argumentsOf(route, request, pipes);
      // Set first, as Nest does: a replayed answer (Idempotency-Key) sets the status it was first given.
      void reply.status(declaration.status);
      const answer = await responses.respond(request, reply, declaration.status, () => runner.run(declaration, body, params, context));
      void reply.send(answer);
    } catch (error) {
      filter.catch(error, host);
    }
    return reply;
  };
}

/** Each path parameter, then the body, through the global pipes and then its own. */
async function argumentsOf(route: CommandRoute, request: FastifyRequest, globalPipes: readonly PipeTransform[]) {
  const given = request.params as Record<string, string>;
  const params: Record<string, string> = {};
  for (const { name, pipe, type } of route.params) {
    const metadata: ArgumentMetadata = { type: 'param', data: name, metatype: type };
    params[name] = (await piped(await piped(given[name], globalPipes, metadata), [pipe], metadata)) as string;
  }
  const metadata: ArgumentMetadata = { type: 'body', metatype: route.body.type };
  const body = await piped(await piped(request.body, globalPipes, metadata), route.body.pipes, metadata);
  return { params, body };
}

/** A guard's answer as Nest reads it: any truthy value, or the last value of an Observable, lets the request through. */
async function allows(guard: CanActivate, host: ExecutionContextHost): Promise<boolean> {
  const answer = await guard.canActivate(host);
  return isObservable(answer) ? await lastValueFrom(answer) : answer;
}

async function piped(value: unknown, pipes: readonly PipeTransform[], metadata: ArgumentMetadata): Promise<unknown> {
  let result = value;
  for (const pipe of pipes) result = await pipe.transform(result, metadata);
  return result;
}
