import { Body, Controller, Inject, Param, ParseIntPipe, Req, Res, type PipeTransform, type Type } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@arrears/commands';
import { CommandEndpoint } from '../http/command-endpoint.decorator';
import { NoBodyPipe } from '../http/no-body.pipe';
import { OptionalBodyPipe } from '../http/optional-body.pipe';
import { ParseIdPipe } from '../http/parse-id.pipe';
import type { CommandDeclaration, CommandDeclarations } from './account-command.declaration';
import { AccountCommandsRunner } from './account-commands.runner';
import { Context } from './command-context';
import { CommandReceipt } from './command-receipt';
import { CommandResponses } from './command-responses';

/** A declared command's route: its path parameters and body, each with its pipes, and the method that answers it. */
export interface CommandRoute {
  readonly path: string;
  readonly declaration: CommandDeclaration;
  readonly params: readonly { readonly name: string; readonly pipe: PipeTransform; readonly type: StringConstructor | NumberConstructor }[];
  readonly body: { readonly type: Type<unknown> | ObjectConstructor; readonly pipes: readonly PipeTransform[] };
  readonly controller: Type<unknown>;
  readonly method: string;
}

const routesOf = new WeakMap<Type<unknown>, readonly CommandRoute[]>();

/** The routes `commandController` made, by path: what the direct command path answers (see direct-command-routes.ts). */
export function commandRoutes(controllers: readonly Type<unknown>[]): ReadonlyMap<string, CommandRoute> {
  return new Map(controllers.flatMap((controller) => routesOf.get(controller) ?? []).map((route) => [route.path, route]));
}

/**
 * The Nest controller of a capability's declared commands, tagged with the capability in the OpenAPI
 * document: one POST route per declaration, whose handler takes the path parameters (each through its
 * pipe), the body (validated as the request class) and the command context, as a hand-written
 * controller method would.
 */
export function commandController(capability: string, declarations: CommandDeclarations): Type<unknown> {
  @ApiTags(capability)
  @Controller()
  class CommandsController {
    constructor(
      @Inject(AccountCommandsRunner) readonly runner: AccountCommandsRunner,
      @Inject(CommandResponses) readonly responses: CommandResponses,
    ) {}
  }
  Object.defineProperty(CommandsController, 'name', { value: `${capitalized(capability)}CommandsController` });
  const routes = Object.entries(declarations).map(([name, declaration]) => routeOf(CommandsController, name, declaration));
  for (const route of routes) addRoute(CommandsController.prototype, route);
  routesOf.set(CommandsController, routes);
  return CommandsController;
}

function routeOf(controller: Type<unknown>, method: string, declaration: CommandDeclaration): CommandRoute {
  const path = declaration.route.slice('POST '.length);
  const params = [...path.matchAll(/:(\w+)/g)].map(([, name = '']) => {
    const pipe = ('pipes' in declaration ? declaration.pipes[name] : undefined) ?? new ParseIdPipe(name);
    return { name, pipe, type: pipe instanceof ParseIntPipe ? Number : String };
  });
  const request = 'request' in declaration ? declaration.request : undefined;
  return { path, declaration, params, body: { type: request ?? Object, pipes: bodyPipes(declaration) }, controller, method };
}

/** The method `route.method` on the controller's prototype, with the decorators its declaration calls for. */
function addRoute(prototype: object, route: CommandRoute): void {
  const { declaration, params, method } = route;
  // After the path parameters: the body, the command context, the request and the reply.
  const bodyAt = params.length;
  const [contextAt, requestAt, replyAt] = [bodyAt + 1, bodyAt + 2, bodyAt + 3];
  function handle(this: { runner: AccountCommandsRunner; responses: CommandResponses }, ...args: unknown[]): Promise<unknown> {
    const values = Object.fromEntries(params.map(({ name }, i) => [name, args[i] as string]));
    const run = () => this.runner.run(declaration, args[bodyAt], values, args[contextAt] as CommandContext);
    return this.responses.respond(args[requestAt] as FastifyRequest, args[replyAt] as FastifyReply, declaration.status, run);
  }
  Object.defineProperty(handle, 'name', { value: method });
  Object.defineProperty(prototype, method, { value: handle, writable: true, configurable: true });
  // What the compiler records for a written method: the validation pipe and the OpenAPI document read it.
  Reflect.defineMetadata('design:paramtypes', [...params.map(({ type }) => type), route.body.type, Object, Object, Object], prototype, method);
  // Last parameter first, as the compiler applies parameter decorators: the OpenAPI document lists them in path order.
  // The reply passes through: the handler sets headers on it, Nest still sends what the handler returns.
  Res({ passthrough: true })(prototype, method, replyAt);
  Req()(prototype, method, requestAt);
  Context()(prototype, method, contextAt);
  Body(...route.body.pipes)(prototype, method, bodyAt);
  for (let i = params.length - 1; i >= 0; i--) {
    const { name, pipe } = params[i] as CommandRoute['params'][number];
    Param(name, pipe)(prototype, method, i);
  }
  const response = 'process' in declaration ? declaration.response : (declaration.response?.type ?? CommandReceipt);
  const { summary, status } = declaration;
  CommandEndpoint(route.path, { summary, status, response })(prototype, method, Object.getOwnPropertyDescriptor(prototype, method) as PropertyDescriptor);
}

/** A command without a request takes no body; one whose fields are all optional may be sent without one. */
function bodyPipes(declaration: CommandDeclaration): PipeTransform[] {
  if (!('request' in declaration)) return [new NoBodyPipe()];
  return 'process' in declaration || !declaration.optionalBody ? [] : [new OptionalBodyPipe()];
}

const capitalized = (capability: string) => capability.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
