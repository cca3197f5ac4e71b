import { decodeHeaderValue } from '../mime/encoded-words.js';
import { header } from '../mime/headers.js';
import type { BounceContext } from './format-types.js';

/**
 * The To field of the returned original, decoded: the attached message's (message/rfc822 or text/rfc822-headers),
 * else the first To line of the original returned inline (`returnedText`: the text after the notice). Notices that
 * name a recipient only by a name (an Exchange display name, a Notes name, a screen name without a domain) are
 * about an address of this field.
 */
export function returnedOriginalTo(ctx: BounceContext, returnedText: string | null): string | null {
  const attached = ctx.leaves.find((l) => l.embedded)?.embedded?.headers;
  const value = attached
    ? header(attached, 'to')
    : returnedText
      ? (/^to:[ \t]*([^\n]+)$/im.exec(returnedText.slice(0, 20000))?.[1] ?? null)
      : null;
  return value ? decodeHeaderValue(value) : null;
}
