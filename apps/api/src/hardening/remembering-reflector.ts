import { Reflector } from '@nestjs/core';

type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

interface RouteAnswers {
  readonly handler: Target;
  readonly classRef: Target;
  readonly answers: Map<unknown, unknown>;
}

/**
 * Nest's reflector, keeping each answer of `getAllAndOverride` for a handler and its class. Route
 * metadata is written by decorators when the classes are defined and never changes after; the rate
 * limiter's guard asks six questions of it on every request, which were 1.5 % of the service's CPU under
 * the bench's payments (docs/benchmarks.md, thirty-first sitting). It asks them in a row, so the last
 * route's answers are kept at hand. Any other question (not of one handler and its class) is passed on.
 */
export class RememberingReflector extends Reflector {
  private readonly routes = new WeakMap<Target, WeakMap<Target, RouteAnswers>>();
  private last: RouteAnswers | undefined;

  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the generic signature of Nest's Reflector
  override getAllAndOverride<TResult = unknown, TKey = unknown>(key: TKey, targets: Target[]): TResult {
    const [handler, classRef] = targets;
    if (targets.length !== 2 || !handler || !classRef) return super.getAllAndOverride(key, targets);
    const { answers } = this.answersOf(handler, classRef);
    if (!answers.has(key)) answers.set(key, super.getAllAndOverride(key, targets));
    return answers.get(key) as TResult;
  }

  private answersOf(handler: Target, classRef: Target): RouteAnswers {
    if (this.last?.handler === handler && this.last.classRef === classRef) return this.last;
    let ofClass = this.routes.get(handler);
    if (!ofClass) this.routes.set(handler, (ofClass = new WeakMap()));
    let route = ofClass.get(classRef);
    if (!route) ofClass.set(classRef, (route = { handler, classRef, answers: new Map() }));
    return (this.last = route);
  }
}
