import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { accessMatrix, publicRoute } from '../auth/access-matrix';
import { documentWithoutStores } from './document-only';
import { bearerScheme } from './openapi-document';

describe('the OpenAPI document', () => {
  let document: OpenAPIObject;
  let operations: { route: string; operation: OperationObject }[];
  beforeAll(async () => {
    document = await documentWithoutStores();
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post'] as const).flatMap((method) => {
        const operation = item[method];
        return operation ? [{ route: `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, operation }] : [];
      }),
    );
  });
  const responsesOf = (operation: OperationObject) => Object.entries(operation.responses as Record<string, ResponseObject>);

  it('is made without a database: every route of the access matrix is in it', () => {
    expect(operations.map(({ route }) => route).sort()).toEqual(Object.keys(accessMatrix).sort());
  });

  it('defines the bearer scheme, and requires it on every route but the public ones, which answer 401 and 403 without it', () => {
    expect(document.components?.securitySchemes?.[bearerScheme]).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { route, operation } of operations) {
      const isPublic = accessMatrix[route] === publicRoute;
      expect({ route, security: operation.security }).toEqual({ route, security: isPublic ? [] : [{ [bearerScheme]: [] }] });
      if (!isPublic) expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('gives every success a schema, and every error the ProblemDetails schema as application/problem+json', () => {
    for (const { route, operation } of operations) {
      for (const [status, response] of responsesOf(operation)) {
        const media = Object.values(response.content ?? {});
        expect({ route, status, schemas: media.length > 0 && media.every(({ schema }) => schema !== undefined) }).toEqual({ route, status, schemas: true });
        if (Number(status) >= 400) {
          expect({ route, status, content: response.content }).toEqual({
            route,
            status,
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
          });
        }
      }
    }
  });

  it('says when to come back on a 429 or 503, and gives every answer its correlation id', () => {
    for (const { operation } of operations) {
      for (const [status, response] of responsesOf(operation)) {
        expect(Object.keys(response.headers ?? {})).toContain('X-Correlation-Id');
        if (status === '429' || status === '503') expect(Object.keys(response.headers ?? {})).toContain('Retry-After');
      }
    }
  });
});
