import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { exceedsJsonDepth, problemOf, ProblemException, sendProblem, unstorableFields, ValidationProblem } from '@arrears/platform';

/**
 * Deepest nesting of arrays and objects a JSON body may have. The deepest request the API defines
 * nests three levels (a plan's installments); 32 leaves room for clients' habits and none for a
 * stack-exhausting body.
 */
export const maxJsonDepth = 32;

/**
 * What the HTTP edge refuses before any route runs: JSON nested deeper than `maxJsonDepth` (400
 * JSON_TOO_DEEP, found before parsing), and any path parameter, query parameter or body string (keys
 * included) that cannot be stored (400 VALIDATION_FAILED naming each field). The auth guard, validation
 * and the idempotency fingerprint all run after this, so none of them meets such input.
 */
export function guardEdgeInput(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string, maxJsonDepth)) {
      done(tooDeep(), undefined);
      return;
    }
    // The default parser answers through `done`; only its type allows for parsers that return a promise.
    void parseJson(request, body as string, done);
  });
  fastify.addHook('preValidation', (request, reply, done) => {
    const fields = [...unstorableFields(request.params), ...unstorableFields(request.query), ...unstorableFields(request.body)];
    if (fields.length === 0) done();
    else sendProblem(reply, new ValidationProblem(fields), request.url);
  });
}

const tooDeep = () =>
  new ProblemException(400, 'JSON_TOO_DEEP', 'The request is malformed', `The JSON body nests deeper than ${maxJsonDepth} levels.`, { maxDepth: maxJsonDepth });

/** URLs Fastify's router refuses before a route is found (a malformed escape, a URL too long). */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const code = status === 414 ? 'URI_TOO_LONG' : 'BAD_URL';
  sendProblem(reply, new ProblemException(status, code, 'The request is malformed', error.message), request.url);
}

/**
 * Requests Node's HTTP parser refuses before Fastify has a request (bare CR or LF, NUL or obs-fold in
 * a header, two Content-Lengths, headers past the size limit): answered as problem details when the
 * socket can still take an answer, then closed, since the stream can no longer be trusted.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const code = status === 431 ? 'HEADERS_TOO_LARGE' : status === 408 ? 'REQUEST_TIMEOUT' : 'MALFORMED_HTTP';
  const body = JSON.stringify(problemOf(status, code, 'The request is malformed', 'The HTTP request could not be parsed.'));
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
