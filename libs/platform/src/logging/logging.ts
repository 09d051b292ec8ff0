import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pino, stdTimeFunctions, type DestinationStream, type Level, type Logger } from 'pino';
import { ConfigError, type AppConfig } from '../config/config';

export const correlationHeader = 'x-correlation-id';
const correlationPattern = /^[A-Za-z0-9._:@-]{1,128}$/;

/** The client's X-Correlation-Id when well-formed, else a new one: the HTTP server's request id. */
export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers[correlationHeader];
  return typeof given === 'string' && correlationPattern.test(given) ? given : randomUUID();
}

/** What every line written while serving a request carries; the access guard adds the route and actor. */
export interface RequestLogContext {
  correlationId: string;
  route?: string;
  actor?: { id: string; role: string };
}

const requestContext = new AsyncLocalStorage<RequestLogContext>();
const contextKey = Symbol('log context');

/**
 * JSON lines (pino) for every log of the process. A line written while serving a request carries
 * its context (a mixin reads it from async-local storage: no child logger per request).
 */
export function jsonLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'arrears' },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => requestContext.getStore() ?? {},
      // Belt and braces: should a header ever be logged, its secrets are not.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * One line per request, when it is answered: method, URL, status and time, with the request's
 * context. No header (so no token) and no body (so no personal data) is ever written. Refusals are
 * warnings, failures errors.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const context: RequestLogContext = { correlationId: request.id };
    (request as unknown as Record<symbol, RequestLogContext>)[contextKey] = context;
    requestContext.run(context, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level)) {
      const fields = {
        ...logContextOf(request),
        req: { method: request.method, url: request.url },
        res: { statusCode: status },
        responseTime: Math.round(reply.elapsedTime),
      };
      logger[level](fields, 'request completed');
    }
    done();
  });
}

/** The request's log context, for the access guard to name the route and the actor in. */
export const logContextOf = (request: FastifyRequest): RequestLogContext =>
  (request as unknown as Record<symbol, RequestLogContext>)[contextKey] ?? { correlationId: request.id };

/** Nest's logger interface over pino: each line with its context (the Nest class that wrote it). */
export class JsonLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context last (and, for errors, a stack before it). */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}

/**
 * JSON lines from a process's first log line on: until an application has a logger, Nest's own would
 * write coloured text, and a log collector would drop the one line that says why a start failed.
 */
export function useJsonLogs(config: Pick<AppConfig, 'logLevel'> = { logLevel: 'info' }): void {
  NestLogger.overrideLogger(new JsonLogger(jsonLogger(config)));
}

/** Logs why the process could not start, as one JSON line (every configuration problem listed), and exits 1. */
export function exitOnStartFailure(context: string, error: unknown): never {
  const problems = error instanceof ConfigError ? { problems: error.problems } : {};
  jsonLogger({ logLevel: 'info' }).fatal({ context, ...problems }, error instanceof Error ? error.message : String(error));
  process.exit(1);
}
