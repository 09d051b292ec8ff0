import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationProblem } from '@arrears/platform';

/**
 * For commands that take no body: none, or an empty object. Anything sent in it is a 400 naming each
 * field, as unknown fields are everywhere, rather than silently ignored.
 */
@Injectable()
export class NoBodyPipe implements PipeTransform {
  transform(value: unknown): undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ValidationProblem([{ field: 'body', messages: ['this command takes no body'] }]);
    }
    const fields = Object.keys(value);
    if (fields.length > 0) {
      throw new ValidationProblem(fields.map((field) => ({ field, messages: [`property ${field} should not exist`] })));
    }
    return undefined;
  }
}
