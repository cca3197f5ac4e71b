import { findAddress, findAddresses } from '../formats/address.js';
import type { BounceContext, Detection } from '../formats/format-types.js';
import { cutAtOriginal } from '../formats/text-blocks.js';
import { decodeHeaderValue } from '../mime/encoded-words.js';
import { type Headers, header, parseHeaderBlock } from '../mime/headers.js';
import type { OriginalMessageRef } from '../types.js';

/** Correlation headers looked up when the caller configures none (see ParseOptions). */
export const DEFAULT_CORRELATION_HEADERS = ['X-Bounce-Correlation', 'X-Send-Id'] as const;

/**
 * Where the returned original's headers are: an embedded message/rfc822 or text/rfc822-headers part; else the
 * inline copy a plain-text detector located; else whatever follows a "copy of the message" marker.
 */
function originalHeaders(ctx: BounceContext, detection: Detection | null): Headers | null {
  for (const leaf of ctx.leaves) if (leaf.embedded && leaf.embedded.headers.size > 0) return leaf.embedded.headers;
  const inline = detection?.originalHeaders ?? null;
  const text = inline ? inline.text.slice(inline.start) : cutAtOriginal(ctx.bounceText()).tail;
  if (!text) return null;
  const trimmed = text.replace(/^\s*\n/, '');
  const { headers } = parseHeaderBlock(trimmed);
  return headers.size > 0 ? headers : null;
}

const MESSAGE_ID = /<[^<>\s]+>/;

function messageIdOf(value: string | null): string | null {
  if (!value) return null;
  const m = MESSAGE_ID.exec(value);
  if (m) return m[0];
  const bare = value.trim().split(/\s+/)[0];
  return bare ? `<${bare.replace(/^<|>$/g, '')}>` : null;
}

export function extractOriginal(
  ctx: BounceContext,
  detection: Detection | null,
  correlationNames: readonly string[],
  keptNames: readonly string[] = [],
): OriginalMessageRef {
  const h = originalHeaders(ctx, detection);
  const correlationHeaders: Record<string, string> = {};
  if (h) {
    for (const name of correlationNames) {
      const value = header(h, name.toLowerCase());
      if (value !== null) correlationHeaders[name.toLowerCase()] = decodeHeaderValue(value).trim();
    }
  }
  // Gmail, Exchange and others reference the original in the bounce's own In-Reply-To/References.
  const ownReference = header(ctx.headers, 'in-reply-to') ?? header(ctx.headers, 'references');
  const returnPath = h ? (header(h, 'return-path') ?? header(h, 'x-envelope-from') ?? header(h, 'sender')) : null;
  const ref: OriginalMessageRef = {
    messageId: messageIdOf(h ? header(h, 'message-id') : null) ?? messageIdOf(ownReference),
    returnPath: returnPath ? findAddress(returnPath) : dsnSender(ctx),
    from: h ? findAddress(decodeHeaderValue(header(h, 'from') ?? '')) : null,
    to: h ? findAddresses(decodeHeaderValue((h.get('to') ?? []).join(', '))).map((a) => a.toLowerCase()) : [],
    subject: h && header(h, 'subject') !== null ? decodeHeaderValue(header(h, 'subject') ?? '').trim() : null,
    correlationHeaders,
  };
  if (keptNames.length > 0) ref.headers = keptHeaders(h, keptNames);
  return ref;
}

function keptHeaders(h: Headers | null, names: readonly string[]): Record<string, string[]> {
  const kept: Record<string, string[]> = {};
  if (!h) return kept;
  for (const name of names) {
    const key = name.toLowerCase();
    const values = h.get(key);
    if (values && values.length > 0) kept[key] = [...values];
  }
  return kept;
}

/** Postfix states the envelope sender in its DSN ("X-Postfix-Sender: rfc822; user@example.com"). */
function dsnSender(ctx: BounceContext): string | null {
  for (const leaf of ctx.leaves) {
    if (leaf.type !== 'message/delivery-status') continue;
    const m = /^X-Postfix-Sender:[ \t]*(?:rfc822;[ \t]*)?(\S+)/im.exec(ctx.textOf(leaf));
    if (m?.[1]) return findAddress(m[1]);
  }
  return null;
}
