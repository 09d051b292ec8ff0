import type { PipeTransform, Type } from '@nestjs/common';
import type { AccountCommandInput, CallerRole, CommandContext, CommandOutcome } from '@arrears/commands';
import type { ContactPolicies } from '@arrears/domain';
import type { AppConfig } from '@arrears/platform';
import type { CommandReceipt } from './command-receipt';

/** A route's path parameters, after their pipes (e.g. `{ accountId: 'acc-1', holdId: 'hold-1' }`). */
export type PathParams<Route extends string = string> = Readonly<Record<ParamsOf<Route>, string>>;

/** The names of a route's `:parameters`, from its text: `'POST /a/:x/b/:y'` → `'x' | 'y'`. */
type ParamsOf<Route extends string> = string extends Route
  ? string
  : Route extends `${string}:${infer Param}/${infer Rest}`
    ? Param | ParamsOf<Rest>
    : Route extends `${string}:${infer Param}`
      ? Param
      : never;

type CommandRoute = `POST /${string}`;

/** What a command is built from: the validated request, the path, the caller, and the configuration. */
export interface CommandSources<Request, Route extends string = string> {
  request: Request;
  params: PathParams<Route>;
  context: CommandContext;
  config: AppConfig;
  /** The contact rules in force, which outbound contacts are checked against. */
  policies: ContactPolicies;
  /** A fresh id, for what the caller may leave unnamed. */
  newId: () => string;
}

/** The sources, with the account the command is for. */
export type AccountCommandSources<Request, Route extends string = string> = CommandSources<Request, Route> & { accountId: string };

/**
 * What a command reads before it is built, for a figure its own stream does not hold (the debtor's
 * exposure on their other accounts, from the read side): a provider, asked after the request is
 * validated; its answer reaches `command` as `found`.
 */
export interface CommandLookup<Request = unknown, Found = unknown> {
  find(sources: AccountCommandSources<Request>): Promise<Found>;
}

/**
 * One account command over HTTP, declared once: its route and who may call it, what the OpenAPI
 * document says of it, its request, how the domain command is built from it, and what it answers.
 * The controller routes and the access matrix are both made from these declarations.
 */
export interface AccountCommandDeclaration<
  Request = unknown,
  Response extends CommandReceipt = CommandReceipt,
  Route extends CommandRoute = CommandRoute,
  Found = unknown,
> {
  route: Route;
  roles: readonly CallerRole[];
  summary: string;
  status: 200 | 201;
  /** The body's class (class-validator rules, OpenAPI schema); a command without one takes no body. */
  request?: Type<Request>;
  /** No body at all reads as `{}`: for requests whose every field is optional. */
  optionalBody?: true;
  /** Path parameters checked otherwise than as ids. */
  pipes?: Readonly<Record<string, PipeTransform>>;
  /** The account, when it is not the path's `:accountId` (opening one). */
  accountId?(sources: CommandSources<Request, Route>): string;
  /** What the command reads first, if anything (see CommandLookup). */
  lookup?: Type<CommandLookup<NoInfer<Request>, Found>>;
  command(sources: AccountCommandSources<Request, Route> & { found?: Found }): AccountCommandInput;
  /** The answer, when it says more than where the events landed. */
  response?: {
    type: Type<Response>;
    from(outcome: CommandOutcome, sources: AccountCommandSources<Request, Route>): Response;
  };
}

/**
 * A command that spans accounts (erasing a debtor's personal data in each of their accounts): run
 * by a provider rather than built as one domain command.
 */
export interface AccountProcessDeclaration<Response extends CommandReceipt = CommandReceipt, Request = unknown> {
  route: CommandRoute;
  roles: readonly CallerRole[];
  summary: string;
  status: 200 | 201;
  /** The body's class, as for a command; a process without one takes no body. */
  request?: Type<Request>;
  process: Type<AccountProcess<Response, Request>>;
  response: Type<Response>;
}

export interface AccountProcess<Response, Request = unknown> {
  run(accountId: string, context: CommandContext, request: Request): Promise<Response>;
}

export type CommandDeclaration = AccountCommandDeclaration | AccountProcessDeclaration;

/** A capability's commands, by name (the name is the route handler's, and its OpenAPI operation's). */
export type CommandDeclarations = Readonly<Record<string, CommandDeclaration>>;

/** Declares a command, inferring its request type for the mapping. */
export const accountCommand = <Request, Response extends CommandReceipt = CommandReceipt, Route extends CommandRoute = CommandRoute, Found = unknown>(
  declaration: AccountCommandDeclaration<Request, Response, Route, Found>,
): AccountCommandDeclaration<Request, Response, Route, Found> => declaration;
