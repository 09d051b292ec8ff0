import { ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem';
import { strictValidationOptions, strictValidationPipe } from './validation';

/**
 * The short way's specs: bodies made from a valid one, and the check that two pipes answer each alike.
 * Test support only (a fixtures file: not built).
 */

/** What the world sends in place of a field's value: each as JSON text. */
const strangeValues = [
  'null',
  '""',
  '"a\\u0000b"',
  '"\\ud800"',
  '"__proto__"',
  '"a very long value that goes well past sixty-four characters, which ids may not"',
  '0',
  '-1',
  '1.5',
  '9007199254740993',
  '1e308',
  'true',
  'false',
  '[]',
  '["card"]',
  '{}',
  '{"__proto__":{"polluted":true}}',
];

/**
 * The body as JSON text, and bodies made from it: each field left out, and each given every strange
 * value; a field unknown to any request; an own `__proto__` and a `constructor` field. Text, so that
 * each pipe parses a body of its own (pipes change what they are given).
 */
export function mutantsOf(body: Record<string, unknown>): string[] {
  const text = JSON.stringify(body);
  const keys = Object.keys(body);
  const withoutKey = (key: string) => JSON.stringify({ ...body, [key]: undefined });
  const without = keys.map(withoutKey);
  const strange = keys.flatMap((key) => strangeValues.map((value) => withField(withoutKey(key), key, value)));
  const extra = ['"unknownField"', '"__proto__"', '"constructor"', '"prototype"'].map((key) => withField(text, JSON.parse(key) as string, '1'));
  return [text, ...without, ...strange, ...extra];
}

/** The object's text with one more field, written as text so that `__proto__` is an own field once parsed. */
function withField(objectText: string, key: string, valueText: string): string {
  const rest = objectText.slice(1, -1);
  return `{${JSON.stringify(key)}:${valueText}${rest ? `,${rest}` : ''}}`;
}

/** What the world sends in a query parameter: each as the text after `=`, before decoding. */
const strangeParameters = ['', '%00', '%ED%A0%80', '__proto__', 'a+b', '-1', '1.5', '9007199254740993', 'true', 'x'.repeat(600)];

/**
 * A query string's parameters and ones made from them: each left out, given every strange value, or
 * repeated (an array); a parameter unknown to any route, `__proto__` and `constructor`.
 */
export function queryMutantsOf(parameters: Record<string, string>): string[] {
  const pairs = Object.entries(parameters).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  const keys = Object.keys(parameters);
  const without = (key: string) => pairs.filter((pair) => !pair.startsWith(`${key}=`));
  const mutants = [
    pairs,
    ...keys.map(without),
    ...keys.flatMap((key) => strangeParameters.map((value) => [...without(key), `${key}=${value}`])),
    ...keys.map((key) => [...pairs, pairs.find((pair) => pair.startsWith(`${key}=`)) ?? '']),
    ...['unknownParameter', '__proto__', 'constructor', 'prototype'].map((key) => [...pairs, `${key}=1`]),
  ];
  return mutants.map((query) => query.join('&'));
}

/**
 * A query string's parameters in the shape Fastify's parser gives them: on an empty prototype of their own,
 * a repeated key's values in an array. Decoded by URLSearchParams, which replaces a malformed escape where
 * Fastify's parser keeps it as sent: both are only text to a pipe.
 */
export function parsedQuery(query: string): Record<string, string | string[]> {
  const parsed = Object.create(QueryParameters.prototype) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(query)) {
    const before = parsed[key];
    parsed[key] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return parsed;
}

function QueryParameters() {}
QueryParameters.prototype = Object.create(null) as object;

/**
 * How a pipe answers a body: the value it builds (and its class), the problem it raises, or whatever else
 * it throws (the edge refuses NUL and lone surrogates before any pipe, so a rule may never have met them).
 */
async function outcome(pipe: PipeTransform, text: string, metadata: ArgumentMetadata) {
  try {
    const value: unknown = await pipe.transform(metadata.type === 'query' ? parsedQuery(text) : JSON.parse(text), metadata);
    return { built: value, prototype: value === null || typeof value !== 'object' ? null : (Object.getPrototypeOf(value) as unknown) };
  } catch (error) {
    if (error instanceof ProblemException) return { status: error.getStatus(), problem: error.getResponse() };
    return { thrown: error instanceof Error ? `${error.name}: ${error.message}` : error };
  }
}

/** The strict pipe answers the body (JSON text) or query (a query string) as the full way alone does: Nest's pipe with the same options. */
export async function answersAsFullWay(text: string, metadata: ArgumentMetadata): Promise<void> {
  // The strict pipe, made first, has class-validator remember each class's rules for both.
  await outcomesAgree(strictValidationPipe(), new ValidationPipe(strictValidationOptions), text, metadata);
}

/** The two pipes answer alike: the same value of the same class, the same problem, or the same throw. */
async function outcomesAgree(pipe: PipeTransform, reference: PipeTransform, text: string, metadata: ArgumentMetadata): Promise<void> {
  const [answer, expected] = [await outcome(pipe, text, metadata), await outcome(reference, text, metadata)];
  try {
    expect(answer).toStrictEqual(expected);
  } catch (error) {
    throw new Error(`For the ${metadata.type} ${text}: ${(error as Error).message}`, { cause: error });
  }
}
