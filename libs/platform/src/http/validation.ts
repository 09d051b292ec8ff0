import { ValidationPipe, type ArgumentMetadata, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { flatRequestOf } from './flat-requests';
import type { FieldError } from './problem';
import { ProblemException } from './problem';

/** Flattens class-validator's tree into one entry per bad field, named by its path (`debtor.timeZone`). */
function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export class ValidationProblem extends ProblemException {
  constructor(readonly fields: FieldError[]) {
    super(
      400,
      'VALIDATION_FAILED',
      'The request is malformed',
      `${fields.length} field${fields.length === 1 ? ' is' : 's are'} invalid: ${fields.map((f) => f.field).join(', ')}.`,
      { errors: fields },
    );
  }
}

/** What strict validation asks of class-transformer and class-validator; frozen, since the short way (flatRequestOf) assumes it. */
export const strictValidationOptions: Readonly<ValidationPipeOptions> = Object.freeze({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) => new ValidationProblem(fieldErrors(errors)),
});

/**
 * Strict validation at the edge: unknown fields are rejected (not silently dropped), values are not
 * coerced from strings, and each bad field is reported by name. A valid flat body or query takes the
 * short way (see flatRequestOf); every other value, and every refusal, the full one.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    rememberValidationRules();
    super(strictValidationOptions);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const flat = this.readsIntoClass(metadata) ? flatRequestOf(metadata.metatype as new () => object)?.(value) : undefined;
    return flat ?? (await super.transform(value, metadata));
  }

  /** A body or a query's parameters, read into a class the full way would validate (a path parameter's type is a primitive's). */
  private readsIntoClass(metadata: ArgumentMetadata): boolean {
    return (metadata.type === 'body' || metadata.type === 'query') && typeof metadata.metatype === 'function' && this.toValidate(metadata);
  }
}

export const strictValidationPipe = () => new StrictValidationPipe();

let remembering = false;

/**
 * class-validator finds a class's rules anew on every validation, testing the class against every
 * class it holds rules for (for inherited rules): the largest cost of a command's validation, for an
 * answer that never changes, since a class's rules and its ancestors' are all declared by the time it
 * exists. Each answer is kept, by class and by the options asked with.
 */
export function rememberValidationRules(): void {
  if (remembering) return;
  remembering = true;
  const storage = getMetadataStorage();
  const find = storage.getTargetValidationMetadatas.bind(storage);
  const known = new Map<unknown, Map<string, ValidationMetadata[]>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    const ofTarget = known.get(target) ?? new Map<string, ValidationMetadata[]>();
    known.set(target, ofTarget);
    let rules = ofTarget.get(options);
    if (!rules) ofTarget.set(options, (rules = find(target, schema, always, strictGroups, groups)));
    return rules;
  };
}
