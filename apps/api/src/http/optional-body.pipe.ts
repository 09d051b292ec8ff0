import { Injectable, type PipeTransform } from '@nestjs/common';

/** For commands whose body is optional: no body at all reads as `{}` and is then validated as usual. */
@Injectable()
export class OptionalBodyPipe implements PipeTransform {
  transform(value: unknown): unknown {
    return value === undefined || value === null || value === '' ? {} : value;
  }
}
