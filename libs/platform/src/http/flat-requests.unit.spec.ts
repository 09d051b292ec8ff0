import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { flatRequestOf } from './flat-requests';
import { strictValidationPipe } from './validation';
import { answersAsFullWay, mutantsOf, parsedQuery, queryMutantsOf } from './flat-requests.fixtures';

class Base {
  @IsString()
  @Matches(/^[a-z0-9-]{1,16}$/)
  id!: string;
}

/** Flat: scalars, inherited rules, an optional field, a rule that reads another field. */
class Payment extends Base {
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @IsIn(['card', 'cash'])
  method!: string;

  @IsOptional()
  @IsString()
  note?: string;

  @ValidateIf((payment: Payment) => payment.method === 'card')
  @IsBoolean()
  present?: boolean;

  @ValidateBy({
    name: 'notAboveAmount',
    validator: { validate: (value: unknown, args?: ValidationArguments) => value === undefined || (args?.object as Payment).amount >= (value as number) },
  })
  @IsOptional()
  fee?: number;
}

/** A field the constructor sets, as the whitelist sees it. */
class Defaulted {
  @IsIn(['card', 'cash'])
  method = 'card';
}

class Line {
  @IsString()
  text!: string;
}

class Nested {
  @ValidateNested()
  @Type(() => Line)
  line!: Line;
}

class Trimmed {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  name!: string;
}

/** A rule declared asynchronous. */
class Checked {
  @IsYesLater()
  answer!: string;
}

function IsYesLater() {
  return (object: object, propertyName: string) => {
    const validator = { validate: (value: unknown) => Promise.resolve(value === 'yes') };
    registerDecorator({ name: 'isYesLater', target: object.constructor, propertyName, async: true, validator });
  };
}

/** A rule that answers with a promise without saying so: taken the full way at each call. */
class Promised {
  @ValidateBy({ name: 'yesLater', validator: { validate: (value: unknown) => Promise.resolve(value === 'yes') } })
  answer!: string;
}

/** A query's parameters: flat, as parsed (strings, or arrays of them). */
class Reading {
  @IsOptional()
  @Matches(/^\d{1,15}$/)
  minPosition?: string;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: string;
}

/** A query's parameter read as a number: class-transformer converts it, so it is not flat. */
class Paging {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  limit?: number;
}

/** No rules at all: the full way refuses it (forbidUnknownValues). */
class Bare {
  name?: string;
}

/** The constructor sets a field with no rule: the full way holds it to the whitelist. */
class Opened {
  @IsString()
  id!: string;

  status = 'open';
}

const defaultFormat = () => 'json';

/** The constructor sets a field to a function: class-transformer leaves it as it is, whatever the body says. */
class Formatted {
  @Allow()
  format: unknown = defaultFormat;
}

/** A rule on an accessor of the prototype: class-transformer does not set it. */
class Labelled {
  @IsOptional()
  @IsString()
  get label(): string {
    return 'fixed';
  }
}

/** A field allowed whatever it holds, a defined one, and a rule applied only when another field says so. */
class Mixed {
  @Allow()
  extra?: unknown;

  @IsDefined()
  kind!: string;

  @IsInt({ validateIf: (mixed: Mixed) => mixed.kind === 'number' })
  amount?: unknown;
}

const bodyOf = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
/** A body as the service parses one (structuredClone's objects are of another realm here). */
const copy = <T>(body: T) => JSON.parse(JSON.stringify(body)) as T;
const validPayment = { id: 'pay-1', amount: 5000, method: 'card', note: 'first', present: true, fee: 10 };

describe('flat requests take the short way through strict validation', () => {
  it('builds a valid flat request as the full way does, without taking it', async () => {
    const fullWay = jest.spyOn(ValidationPipe.prototype, 'transform');
    const built = await strictValidationPipe().transform(copy(validPayment), bodyOf(Payment));
    expect(fullWay).not.toHaveBeenCalled();
    fullWay.mockRestore();
    expect(built).toBeInstanceOf(Payment);
    await answersAsFullWay(JSON.stringify(validPayment), bodyOf(Payment));
  });

  it('answers every mutant of a valid flat body as the full way does', async () => {
    for (const text of mutantsOf(validPayment)) await answersAsFullWay(text, bodyOf(Payment));
  });

  it('answers a class whose constructor sets a field as the full way does', async () => {
    expect(flatRequestOf(Defaulted)).toBeDefined();
    for (const text of mutantsOf({ method: 'cash' })) await answersAsFullWay(text, bodyOf(Defaulted));
    for (const text of ['{}', '{"method":"cheque"}']) await answersAsFullWay(text, bodyOf(Defaulted));
  });

  it.each([
    ['a nested class', Nested, { line: { text: 'a' } }],
    ['a transformed field', Trimmed, { name: ' a ' }],
    ['an asynchronous rule', Checked, { answer: 'yes' }],
    ['a field the constructor sets without a rule', Opened, { id: 'a' }],
    ['a field the constructor sets to a function', Formatted, { format: 'csv' }],
    ['a rule on an accessor', Labelled, { label: 'a' }],
  ])('leaves %s to the full way', async (_, type, body) => {
    expect(flatRequestOf(type as new () => object)).toBeUndefined();
    for (const text of mutantsOf(body)) await answersAsFullWay(text, bodyOf(type));
  });

  it('takes the full way for a rule that answers with a promise', async () => {
    const fullWay = jest.spyOn(ValidationPipe.prototype, 'transform');
    await expect(strictValidationPipe().transform({ answer: 'yes' }, bodyOf(Promised))).resolves.toEqual({ answer: 'yes' });
    expect(fullWay).toHaveBeenCalledTimes(1);
    fullWay.mockRestore();
    for (const text of mutantsOf({ answer: 'yes' })) await answersAsFullWay(text, bodyOf(Promised));
  });

  it('reads a flat query’s parameters the short way, and answers each mutant as the full way does', async () => {
    const fullWay = jest.spyOn(ValidationPipe.prototype, 'transform');
    const read = await strictValidationPipe().transform(parsedQuery('minPosition=42&order=desc'), { type: 'query', metatype: Reading });
    expect(fullWay).not.toHaveBeenCalled();
    fullWay.mockRestore();
    expect(read).toStrictEqual(Object.assign(new Reading(), { minPosition: '42', order: 'desc' }));
    for (const query of queryMutantsOf({ minPosition: '42', order: 'desc' })) await answersAsFullWay(query, { type: 'query', metatype: Reading });
  });

  it('leaves a converted query parameter to the full way', async () => {
    expect(flatRequestOf(Paging)).toBeUndefined();
    for (const query of queryMutantsOf({ limit: '20' })) await answersAsFullWay(query, { type: 'query', metatype: Paging });
  });

  it('leaves a class without rules, and a value that is no plain object, to the full way', async () => {
    expect(flatRequestOf(Bare)).toBeUndefined();
    for (const text of ['{}', '{"name":"a"}']) await answersAsFullWay(text, bodyOf(Bare));
    // Reading's fields are all optional: only the value's shape can refuse it.
    for (const text of ['null', '[]', '"text"', '5', 'true', '[{"minPosition":"1"}]']) {
      await answersAsFullWay(text, bodyOf(Reading));
      await answersAsFullWay(text, bodyOf(Payment));
    }
  });

  it('answers an allowed field, a defined one and a rule applied on a condition as the full way does', async () => {
    expect(flatRequestOf(Mixed)).toBeDefined();
    for (const body of [
      { extra: 'a', kind: 'number', amount: 5 },
      { kind: 'text', amount: 'five' },
    ]) {
      for (const text of mutantsOf(body)) await answersAsFullWay(text, bodyOf(Mixed));
    }
  });
});
