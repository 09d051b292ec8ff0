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
  for (const [name, declaration] of Object.entries(declarations)) addRoute(CommandsController.prototype, name, declaration);
  return CommandsController;
}

/** The method `name` on the controller's prototype, with the decorators its declaration calls for. */
function addRoute(prototype: object, name: string, declaration: CommandDeclaration): void {
  const path = declaration.route.slice('POST '.length);
  const paramNames = [...path.matchAll(/:(\w+)/g)].map(([, param]) => param as string);
  const pipes = paramNames.map((param) => ('pipes' in declaration ? declaration.pipes[param] : undefined) ?? new ParseIdPipe(param));
  const request = 'request' in declaration ? declaration.request : undefined;
  // After the path parameters: the body, the command context, the request and the reply.
  const bodyAt = paramNames.length;
  const [contextAt, requestAt, replyAt] = [bodyAt + 1, bodyAt + 2, bodyAt + 3];
  function handle(this: { runner: AccountCommandsRunner; responses: CommandResponses }, ...args: unknown[]): Promise<unknown> {
    const params = Object.fromEntries(paramNames.map((param, i) => [param, args[i] as string]));
    const run = () => this.runner.run(declaration, args[bodyAt], params, args[contextAt] as CommandContext);
    return this.responses.respond(args[requestAt] as FastifyRequest, args[replyAt] as FastifyReply, declaration.status, run);
  }
  Object.defineProperty(handle, 'name', { value: name });
  Object.defineProperty(prototype, name, { value: handle, writable: true, configurable: true });
  // What the compiler records for a written method: the validation pipe and the OpenAPI document read it.
  Reflect.defineMetadata('design:paramtypes', [...pipes.map(designTypeOf), request ?? Object, Object, Object, Object], prototype, name);
  // Last parameter first, as the compiler applies parameter decorators: the OpenAPI document lists them in path order.
  // The reply passes through: the handler sets headers on it, Nest still sends what the handler returns.
  Res({ passthrough: true })(prototype, name, replyAt);
  Req()(prototype, name, requestAt);
  Context()(prototype, name, contextAt);
  Body(...bodyPipes(declaration))(prototype, name, bodyAt);
  for (let i = pipes.length - 1; i >= 0; i--) Param(paramNames[i] as string, pipes[i] as PipeTransform)(prototype, name, i);
  const response = 'process' in declaration ? declaration.response : (declaration.response?.type ?? CommandReceipt);
  const { summary, status } = declaration;
  CommandEndpoint(path, { summary, status, response })(prototype, name, Object.getOwnPropertyDescriptor(prototype, name) as PropertyDescriptor);
}

/** A command without a request takes no body; one whose fields are all optional may be sent without one. */
function bodyPipes(declaration: CommandDeclaration): Type<PipeTransform>[] {
  if (!('request' in declaration)) return [NoBodyPipe];
  return 'process' in declaration || !declaration.optionalBody ? [] : [OptionalBodyPipe];
}

const designTypeOf = (pipe: PipeTransform) => (pipe instanceof ParseIntPipe ? Number : String);

const capitalized = (capability: string) => capability.replace(/(^|-)(\w)/g, (_, __, letter: string) => letter.toUpperCase());
