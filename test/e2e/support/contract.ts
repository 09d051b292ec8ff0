import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

/** One exchange as the e2e helper saw it. */
export interface Exchange {
  method: string;
  url: string;
  requestBody: unknown;
  status: number;
  contentType: string | undefined;
  responseBody: unknown;
}

interface Operation {
  key: string;
  pattern: RegExp;
  /** Literal segments first: `/accounts/search` before `/accounts/{accountId}`. */
  params: number;
  spec: { requestBody?: { content?: Record<string, { schema?: object }> }; responses: Record<string, { content?: Record<string, { schema?: object }> }> };
}

/**
 * Holds every exchange to the OpenAPI document the service under test publishes: the response must
 * have a declared status, a declared media type and a body its schema accepts; a request the service
 * accepted (2xx) must have a body its schema accepts. Requests it refused may be anything: the specs
 * send malformed ones on purpose. Schemas are compiled once per operation, status and media type.
 */
export class ContractCheck {
  private readonly ajv: Ajv;
  private readonly operations: Operation[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: { schemas: jsonSchemaOf(document.components?.schemas ?? {}) } }, documentId);
    this.operations = Object.entries(document.paths)
      .flatMap(([path, item]) =>
        (['get', 'post'] as const).flatMap((method) => {
          const spec = item[method];
          if (!spec) return [];
          const pattern = new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`);
          return [{ key: `${method.toUpperCase()} ${path}`, pattern, params: path.split('{').length - 1, spec: spec as Operation['spec'] }];
        }),
      )
      .sort((a, b) => a.params - b.params);
  }

  /** What in the exchange the document does not allow (nothing: an empty list). */
  violations(exchange: Exchange): string[] {
    const path = exchange.url.split('?')[0] as string;
    const operation = this.operations.find(({ key, pattern }) => key.startsWith(`${exchange.method} `) && pattern.test(path));
    // Routes the document does not list (Swagger UI, a path the spec made up): what they answer is the router's, checked elsewhere.
    if (!operation) return [];
    const where = `${operation.key} → ${exchange.status}`;
    const declared = operation.spec.responses[String(exchange.status)];
    if (!declared) return [`${where}: status not declared`];
    const problems: string[] = [];
    const mediaType = exchange.contentType?.split(';')[0]?.trim();
    if (declared.content && exchange.responseBody !== undefined) {
      const media = mediaType ? declared.content[mediaType] : undefined;
      if (!media) problems.push(`${where}: content type ${String(mediaType)} not declared (${Object.keys(declared.content).join(', ')})`);
      else problems.push(...this.check(`${operation.key} ${exchange.status} ${String(mediaType)}`, media.schema, exchange.responseBody, `${where} response`));
    } else if (!declared.content && exchange.responseBody !== undefined) {
      problems.push(`${where}: a body where none is declared`);
    }
    const requestSchema = operation.spec.requestBody?.content?.['application/json']?.schema;
    if (exchange.status < 300 && requestSchema && typeof exchange.requestBody === 'object' && exchange.requestBody !== null) {
      problems.push(...this.check(`${operation.key} request`, requestSchema, exchange.requestBody, `${where} request`));
    }
    return problems;
  }

  private check(key: string, schema: object | undefined, value: unknown, where: string): string[] {
    if (!schema) return [];
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(jsonSchemaOf(schema));
      this.validators.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${where}: ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
}

const documentId = 'openapi';

/**
 * An OpenAPI 3.0 schema as JSON Schema for Ajv: `nullable: true` becomes a `null` alternative (Ajv's
 * own `nullable` needs a `type` beside it, which a `$ref` has not), and references point into the
 * document Ajv holds.
 */
function jsonSchemaOf<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(jsonSchemaOf) as T;
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? value.replace(/^#/, `${documentId}#`) : key === 'example' ? value : jsonSchemaOf(value),
    ]),
  );
  return (nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted) as T;
}
