import type { CanActivate, ExecutionContext, PipeTransform } from '@nestjs/common';
import { IsInt } from 'class-validator';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { strictValidationPipe } from '@arrears/platform';
import { attachPrincipal } from '../auth/principal';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { accountCommand, type CommandDeclaration } from './account-command.declaration';
import type { AccountCommandsRunner } from './account-commands.runner';
import type { CommandResponses } from './command-responses';
import { commandController, commandRoutes } from './command-routes';
import { answerCommandsDirectly } from './direct-command-routes';

class NoteRequest {
  @IsInt() minutes!: number;
}

const declarations = {
  addNote: accountCommand({
    route: 'POST /accounts/:accountId/notes',
    roles: ['agent'],
    summary: 'A test command',
    status: 201,
    request: NoteRequest,
    command: () => ({ type: 'AddNote', data: {} }) as never,
  }),
};

/** A command route as Nest would add it, with what ran, in order. */
async function serve(options: { allow: boolean }): Promise<{ app: FastifyInstance; steps: string[]; ran: unknown[] }> {
  const steps: string[] = [];
  const ran: unknown[] = [];
  const guard = (name: string, allow: boolean): CanActivate => ({
    canActivate: (context: ExecutionContext) => {
      steps.push(`guard ${name}`);
      attachPrincipal(context.switchToHttp().getRequest<FastifyRequest>(), { id: 'agent-7', role: 'agent', creditors: '*' });
      return allow;
    },
  });
  const validation = strictValidationPipe();
  const traced: PipeTransform = {
    transform: (value: unknown, metadata) => {
      steps.push(`pipe ${metadata.type} ${metadata.data ?? ''}`.trim());
      return validation.transform(value, metadata);
    },
  };
  const runner = {
    run: (declaration: CommandDeclaration, body: unknown, params: unknown) => {
      ran.push({ route: declaration.route, body, params });
      return Promise.resolve({ accountId: 'acc-1', revision: 4, position: '9', events: [] });
    },
  } as unknown as AccountCommandsRunner;
  const responses = { respond: (_request: unknown, _reply: unknown, _status: number, handle: () => Promise<unknown>) => handle() } as CommandResponses;
  const app = Fastify();
  const routes = commandRoutes([commandController('notes', declarations)]);
  answerCommandsDirectly(app, routes, () => ({
    guards: [guard('rate limit', true), guard('auth', options.allow)],
    pipes: [traced],
    filter: new ProblemDetailsFilter(),
    runner,
    responses,
  }));
  // What Nest adds for the route; the direct handler takes its place.
  app.post('/accounts/:accountId/notes', () => ({ answeredBy: 'nest' }));
  await app.ready();
  return { app, steps, ran };
}

describe('command routes answered directly', () => {
  it('given a valid command, runs the guards in order, then each path parameter and the body through the pipes, then the command', async () => {
    const { app, steps, ran } = await serve({ allow: true });
    const response = await app.inject({ method: 'POST', url: '/accounts/acc-1/notes', payload: { minutes: 5 } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ accountId: 'acc-1', revision: 4, position: '9', events: [] });
    expect(steps).toEqual(['guard rate limit', 'guard auth', 'pipe param accountId', 'pipe body']);
    expect(ran).toEqual([{ route: declarations.addNote.route, body: Object.assign(new NoteRequest(), { minutes: 5 }), params: { accountId: 'acc-1' } }]);
  });

  it('given a guard that refuses, answers 403 through the filter and never reads the body', async () => {
    const { app, steps, ran } = await serve({ allow: false });
    const response = await app.inject({ method: 'POST', url: '/accounts/acc-1/notes', payload: { minutes: 'five' } });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(steps).toEqual(['guard rate limit', 'guard auth']);
    expect(ran).toEqual([]);
  });

  it('given a body its request class refuses, answers 400 naming the field and runs nothing', async () => {
    const { app, ran } = await serve({ allow: true });
    const response = await app.inject({ method: 'POST', url: '/accounts/acc-1/notes', payload: { minutes: 'five', extra: 1 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'minutes' }), expect.objectContaining({ field: 'extra' })]),
    });
    expect(ran).toEqual([]);
  });

  it('given an empty path parameter, answers not found as Nest’s adapter does, before any guard', async () => {
    const { app, steps } = await serve({ allow: true });
    const response = await app.inject({ method: 'POST', url: '/accounts//notes', payload: { minutes: 5 } });
    expect(response.statusCode).toBe(404);
    expect(steps).toEqual([]);
  });

  it('given a malformed path id, answers 400 naming the parameter before the body is validated', async () => {
    const { app, steps } = await serve({ allow: true });
    const response = await app.inject({ method: 'POST', url: '/accounts/acc%201/notes', payload: { minutes: 'five' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ errors: [{ field: 'accountId' }] });
    expect(steps).not.toContain('pipe body');
  });
});
