import { ValidationTypes, getMetadataStorage, type ValidationArguments } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

type Class = new () => object;
type Check = (entity: object, value: unknown) => boolean;

/** A flat request class's fields by name, each with its rules. */
type Rules = ReadonlyMap<string, FieldRules>;

/** One field of a flat request: whether it is checked at all (IsOptional, ValidateIf), then its checks. */
interface FieldRules {
  applies: ((entity: object, value: unknown) => unknown)[];
  checks: Check[];
}

/** Builds a flat request from a body, or declines it (undefined): the full way then answers. */
export type FlatRequest = (body: unknown) => object | undefined;

/**
 * The valid request's short way through strict validation (a body, or a query's parameters).
 * class-transformer and class-validator rebuild and walk a request's class on every call (an executor,
 * an error per field, the metadata grouped anew, promises): on a payment, about a fifth of the service's
 * CPU under load and the largest share of its garbage. A flat request (a class of scalar fields, with no
 * nested classes and no transformation rules) is checked here with the class's own constraint instances,
 * as class-validator calls them, and built as class-transformer builds it: a new instance with the body's
 * fields.
 *
 * It never refuses: any body it does not find valid (a field unknown, missing or failing, a value that
 * is not a scalar, a value that is not a plain object) is declined and takes the full way, which says
 * why. So it never accepts what the full way would refuse, nor builds other than it would
 * (flat-requests.unit.spec.ts holds it to that). It assumes the strict options (`strictValidationOptions`,
 * frozen): no groups, no implicit conversion, no key prefixes left out.
 */
export function flatRequestOf(type: Class): FlatRequest | undefined {
  let flat = compiled.get(type);
  if (flat === undefined) compiled.set(type, (flat = compile(type)));
  return flat ?? undefined;
}

const compiled = new WeakMap<Class, FlatRequest | null>();

/** The class's short way, or null when it has none (its rules need the full way, or reading them failed: the full way says how). */
function compile(type: Class): FlatRequest | null {
  try {
    const fields = rulesOf(type);
    return fields ? (body) => built(type, fields, body) : null;
  } catch {
    return null;
  }
}

function built(type: Class, fields: Rules, body: unknown): object | undefined {
  if (!isParsedObject(body)) return undefined;
  const keys = Object.keys(body);
  // Only the class's fields (whitelist, forbidNonWhitelisted), each a scalar, before any is set.
  for (const key of keys) if (!fields.has(key) || !isScalar(body[key])) return undefined;
  const entity = new type() as Record<string, unknown>;
  for (const key of keys) entity[key] = body[key];
  for (const [name, field] of fields) {
    const value = entity[name];
    if (!field.applies.every((applies) => applies(entity, value))) continue;
    if (!field.checks.every((check) => check(entity, value))) return undefined;
  }
  return entity;
}

/**
 * A JSON body's object, or a query string's (Fastify's parser makes those on an empty prototype of their own):
 * stricter than the values' `isPlainObject`, which takes any object but an array (a Buffer, a class's instance).
 */
const isParsedObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === Object.prototype || prototype === null || (Object.getPrototypeOf(prototype) === null && Reflect.ownKeys(prototype).length === 0);
};

const isScalar = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The class's rules as field checks, or nothing when any of them needs the full way. */
function rulesOf(type: Class): Rules | undefined {
  if (transformed(type)) return undefined;
  const storage = getMetadataStorage();
  // The arguments the full way's executor asks with (no schema, no groups).
  const metadatas = storage.getTargetValidationMetadatas(type, undefined as unknown as string, false, false, undefined);
  if (metadatas.length === 0) return undefined;
  const byField = new Map<string, ValidationMetadata[]>();
  for (const metadata of metadatas) byField.set(metadata.propertyName, [...(byField.get(metadata.propertyName) ?? []), metadata]);
  const fields = new Map<string, FieldRules>();
  for (const [name, own] of byField) {
    const field = fieldRules(type, name, own);
    if (!field) return undefined;
    fields.set(name, field);
  }
  // A field the constructor sets is one the full way holds to the whitelist too; one it sets to a function, class-transformer leaves as it is.
  const blank = Object.entries(new type());
  return blank.every(([key, value]) => fields.has(key) && typeof value !== 'function') ? fields : undefined;
}

function fieldRules(type: Class, name: string, metadatas: ValidationMetadata[]): FieldRules | undefined {
  // A field named like one of the prototype's members (a method, an accessor) is left to the full way.
  if (['__proto__', 'constructor', 'prototype'].includes(name) || name in type.prototype) return undefined;
  if (transformed(type, name)) return undefined;
  const field: FieldRules = { applies: [], checks: [] };
  // class-validator checks IsDefined before the other constraints; both must hold here, so order is moot.
  for (const metadata of metadatas) {
    if (metadata.type === ValidationTypes.WHITELIST) continue;
    if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      field.applies.push(metadata.constraints[0] as (entity: object, value: unknown) => unknown);
      continue;
    }
    if (metadata.type !== ValidationTypes.CUSTOM_VALIDATION && metadata.type !== ValidationTypes.IS_DEFINED) return undefined;
    if (metadata.each) return undefined;
    const check = constraintCheck(type, metadata);
    if (!check) return undefined;
    field.checks.push(check);
  }
  return field;
}

/**
 * A constraint's own instances, called as class-validator calls them; none may be asynchronous. Each
 * instance is found once (class-validator looks it up in its container on every call).
 */
function constraintCheck(type: Class, metadata: ValidationMetadata): Check | undefined {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.some((constraint) => constraint.async)) return undefined;
  const instances = constraints.map((constraint) => constraint.instance);
  const { validateIf } = metadata;
  return (entity, value) => {
    if (validateIf && !validateIf(entity, value)) return true;
    const args: ValidationArguments = { targetName: type.name, property: metadata.propertyName, object: entity, value, constraints: metadata.constraints };
    return instances.every((instance) => {
      const valid: unknown = instance.validate(value, args);
      // A promise (anything with a then, as class-validator tells one) is never taken for a pass: the full way awaits it.
      return Boolean(valid) && !(typeof valid === 'object' && typeof (valid as { then?: unknown }).then === 'function');
    });
  };
}

/** Whether class-transformer would do more than copy the field (or, without a name, any field). */
function transformed(type: Class, name?: string): boolean {
  const storage = defaultMetadataStorage;
  if (name === undefined) {
    return storage.getStrategy(type) !== 'none' || storage.getExposedMetadatas(type).length > 0 || storage.getExcludedMetadatas(type).length > 0;
  }
  return (
    // Typed as always found; undefined when there is none.
    (storage.findTypeMetadata(type, name) as unknown) !== undefined || storage.findTransformMetadatas(type, name, TransformationType.PLAIN_TO_CLASS).length > 0
  );
}
