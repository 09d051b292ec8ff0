import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { ValidationProblem } from '@arrears/platform';
import { idPattern } from '@arrears/domain';

/** Path ids are checked like body ids: a malformed one is a 400 naming the parameter, never a lookup. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!idPattern.test(value)) {
      throw new ValidationProblem([{ field: this.name, messages: [`${this.name} must be 1–64 letters, digits, dots, dashes or underscores`] }]);
    }
    return value;
  }
}

/** A path id, checked by ParseIdPipe: `@IdParam('accountId') accountId: string`. */
export const IdParam = (name: string) => Param(name, new ParseIdPipe(name));
