import { decodeHeaderValue } from '../mime/encoded-words.js';
import { type Entity, entityText, leaves } from '../mime/entity.js';
import { header } from '../mime/headers.js';
import type { BounceContext } from './format-types.js';

const READABLE = new Set([
  'text/plain',
  'text/html',
  'text/enriched',
  'message/delivery-status',
  'message/global-delivery-status',
]);

/** Builds the shared detector context over a parsed message. */
export function createContext(text: string, root: Entity): BounceContext {
  const all = leaves(root);
  let bounceText: string | null = null;
  let allText: string | null = null;
  const textOf = (e: Entity) => entityText(text, e);
  return {
    text,
    root,
    leaves: all,
    headers: root.headers,
    subject: decodeHeaderValue(header(root.headers, 'subject') ?? ''),
    from: decodeHeaderValue(header(root.headers, 'from') ?? ''),
    textOf,
    bounceText() {
      if (bounceText !== null) return bounceText;
      const plain = all.find((e) => e.type === 'text/plain' && !e.embedded);
      if (plain) bounceText = textOf(plain);
      else {
        const html = all.find((e) => e.type === 'text/html');
        bounceText = html ? htmlToText(textOf(html)) : '';
      }
      return bounceText;
    },
    allText() {
      if (allText !== null) return allText;
      const parts: string[] = [];
      for (const e of all) {
        if (!READABLE.has(e.type)) continue;
        parts.push(e.type === 'text/html' ? htmlToText(textOf(e)) : textOf(e));
      }
      allText = parts.join('\n');
      return allText;
    },
  };
}

// Bounded, "<"-free tag bodies keep every pattern linear on hostile markup (runs of "<" or "<p").
const TAG = /<(?:br|p|div|tr|li|h\d)\b[^<>]{0,500}>|<\/(?:p|div|tr|li|h\d|table)>/gi;
const ANY_TAG = /<[^<>]{0,500}>/g;
const ENTITY = /&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|nbsp|apos);/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', apos: "'" };

/** Rough HTML to text: enough to read an error message out of an HTML-only bounce. */
export function htmlToText(html: string): string {
  // A bounce's HTML part carries a short notice: 256 KiB is plenty and bounds the regex work.
  return stripInvisible(html.slice(0, 262144))
    .replace(TAG, '\n')
    .replace(ANY_TAG, '')
    .replace(ENTITY, (_m, e: string) => {
      const k = e.toLowerCase();
      if (k.startsWith('#x')) return String.fromCodePoint(Number.parseInt(k.slice(2), 16) || 32);
      if (k.startsWith('#')) return String.fromCodePoint(Number(k.slice(1)) || 32);
      return ENTITIES[k] ?? ' ';
    })
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Drops <style>, <script> and <head> elements with indexOf scans (a lazy regex would be quadratic). */
function stripInvisible(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let pos = 0;
  for (let guard = 0; guard < 10000; guard++) {
    let start = -1;
    let tag = '';
    for (const t of ['<style', '<script', '<head']) {
      const i = lower.indexOf(t, pos);
      if (i !== -1 && (start === -1 || i < start)) {
        start = i;
        tag = t.slice(1);
      }
    }
    if (start === -1) break;
    out += html.slice(pos, start);
    const close = lower.indexOf(`</${tag}`, start);
    if (close === -1) return out;
    const gt = lower.indexOf('>', close);
    pos = gt === -1 ? html.length : gt + 1;
  }
  return out + html.slice(pos);
}
