import type { BounceContext } from './format-types.js';

/**
 * `read`, computed once per message: several detectors ask the same question of one context in turn (is it a
 * bounce at all, a challenge-response, whose evidence is on the envelope), and on a 1-2 MB header or text each
 * answer is a full scan. Keyed weakly on the context, so nothing outlives the message.
 */
export function oncePerContext<T>(read: (ctx: BounceContext) => T): (ctx: BounceContext) => T {
  const answers = new WeakMap<BounceContext, T>();
  return (ctx) => {
    if (answers.has(ctx)) return answers.get(ctx) as T;
    const answer = read(ctx);
    answers.set(ctx, answer);
    return answer;
  };
}
