import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SkipThrottle } from '@nestjs/throttler';
import { RememberingReflector } from './remembering-reflector';

const skipKey = 'THROTTLER:SKIPdefault';

@SkipThrottle()
class Probes {
  health(): void {}
}

class Accounts {
  @SetMetadata(skipKey, false)
  record(): void {}
  read(): void {}
}

@SkipThrottle()
class SkippedAccounts extends Accounts {}

type Targets = Parameters<Reflector['getAllAndOverride']>[1];
/** A route's handler, as Nest's execution context gives it to a guard. */
const handler = (type: { prototype: unknown }, name: string) => (type.prototype as Record<string, Targets[number]>)[name] as Targets[number];

const questions: [string, Targets][] = [
  ['skipped by its class', [handler(Probes, 'health'), Probes]],
  ['set on the handler', [handler(Accounts, 'record'), Accounts]],
  ['set nowhere', [handler(Accounts, 'read'), Accounts]],
  ['the same handler under a class that skips', [handler(Accounts, 'read'), SkippedAccounts]],
];

describe('the remembering reflector', () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers every question as Nest’s reflector does, each asked twice of one reflector', () => {
    const remembering = new RememberingReflector();
    const asked = () => questions.map(([, targets]) => remembering.getAllAndOverride(skipKey, targets));
    const answers = questions.map(([, targets]) => new Reflector().getAllAndOverride(skipKey, targets));
    expect(answers).toStrictEqual([true, false, undefined, true]);
    expect(asked()).toStrictEqual(answers);
    expect(asked()).toStrictEqual(answers);
  });

  it('reads the metadata once for each key, handler and class', () => {
    const remembering = new RememberingReflector();
    const read = jest.spyOn(Reflector.prototype, 'get');
    for (let i = 0; i < 3; i++) for (const [, targets] of questions) remembering.getAllAndOverride(skipKey, targets);
    remembering.getAllAndOverride('another key', [handler(Accounts, 'read'), Accounts]);
    // Each question stops at the first target that answers: the handler's, else the class's.
    expect(read.mock.calls.length).toBe(2 + 1 + 2 + 2 + 2);
  });

  it('passes on a question about other than a handler and its class, every time it is asked', () => {
    const remembering = new RememberingReflector();
    const read = jest.spyOn(Reflector.prototype, 'get');
    const threeTargets: Targets = [handler(Accounts, 'read'), Accounts, SkippedAccounts];
    for (let i = 0; i < 2; i++) {
      expect(remembering.getAllAndOverride(skipKey, [Probes])).toBe(true);
      expect(remembering.getAllAndOverride(skipKey, threeTargets)).toBe(true);
    }
    // One target read per question alone; three for the question of three (the first two answer nothing).
    expect(read).toHaveBeenCalledTimes(2 * (1 + 3));
  });
});
