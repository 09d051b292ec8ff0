import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Strict validation at the edge: unknown fields are rejected (not silently dropped), values are not
 * coerced from strings, and each bad field is reported by name.
 */
export const strictValidationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(fieldErrors(errors)),
  });
