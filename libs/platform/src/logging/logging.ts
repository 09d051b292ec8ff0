import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { stdTimeFunctions, type DestinationStream } from 'pino';
import type { AppConfig } from '../config/config';

export const correlationHeader = 'x-correlation-id';
const correlationPattern = /^[A-Za-z0-9._:@-]{1,128}$/;

/** The client's X-Correlation-Id when well-formed, else a new one: the HTTP server's request id. */
export function correlationIdOf(request: IncomingMessage): string {
  const given = request.headers[correlationHeader];
  return typeof given === 'string' && correlationPattern.test(given) ? given : randomUUID();
}

/**
 * JSON lines (pino) for every log of the process. Within a request each line carries the
 * correlation id (the request id, see correlationIdOf), and once the token is verified the actor and
 * the route. Requests are logged by method, URL and
 * status only: no header (so no token) and no body (so no personal data) is ever written.
 */
export function loggingModule(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: [
      {
        level: config.logLevel,
        base: { service: 'arrears' },
        timestamp: stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        genReqId: (request: IncomingMessage) => (request as { id?: string }).id ?? correlationIdOf(request),
        customProps: (request: IncomingMessage) => ({ correlationId: (request as { id?: string }).id }),
        serializers: {
          req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url }),
          res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
        },
        customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
        // Belt and braces: should a header ever be logged, its secrets are not.
        redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
      },
      destination as DestinationStream,
    ],
    assignResponse: true,
  });
}
