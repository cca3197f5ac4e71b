/**
 * The message catalogue, without a browser: every language has every message of the English dictionary (also in the
 * maps the types cannot close, such as a reason the API adds), each a non-empty string or a function taking the same
 * arguments, and no message is left in English except words both languages share (listed here, by value).
 */
import { DICTIONARIES } from '../src/i18n';
import { en } from '../src/messages/en';
import { expect, test } from './fixtures';

/** Messages that read the same in English and the other languages (names, technical terms). */
const SAME_IN_EVERY_LANGUAGE = new Set([
  'Name',
  'Name (optional)',
  'Bounces',
  'Text',
  'Detail',
  'Domain',
  'Webhooks',
  'Port',
  'Code',
  'ok',
  '587 STARTTLS, 465 TLS',
  'TLS (SMTPS, 465)',
]);

type Leaf = { path: string; english: unknown; translated: unknown };

function leaves(english: object, translated: unknown, path = ''): Leaf[] {
  return Object.entries(english).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    const other = (translated as Record<string, unknown> | undefined)?.[key];
    return value !== null && typeof value === 'object'
      ? leaves(value, other, at)
      : [{ path: at, english: value, translated: other }];
  });
}

function keysOf(messages: object, path = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? keysOf(value, `${path}${key}.`) : [`${path}${key}`],
  );
}

for (const [language, messages] of Object.entries(DICTIONARIES).filter(([l]) => l !== 'en')) {
  test(`the ${language} catalogue has every message, translated`, () => {
    // Nothing missing, nothing the English dictionary does not have.
    expect(keysOf(messages).sort()).toEqual(keysOf(en).sort());
    const problems: string[] = [];
    for (const { path, english, translated } of leaves(en, messages)) {
      if (typeof english === 'function') {
        if (typeof translated !== 'function' || translated.length !== english.length) {
          problems.push(`${path}: not a function of ${english.length} argument(s)`);
          continue;
        }
        const sample = Array.from({ length: english.length }, (_, i) => (i === 0 ? 2 : `x${i}`));
        const text = (translated as (...a: unknown[]) => unknown)(...sample);
        if (typeof text !== 'string' || !text.trim()) problems.push(`${path}: says nothing`);
      } else if (typeof translated !== 'string' || !translated.trim()) {
        problems.push(`${path}: empty`);
      } else if (translated === english && !SAME_IN_EVERY_LANGUAGE.has(english as string)) {
        problems.push(`${path}: still English ("${english}")`);
      }
    }
    expect(problems).toEqual([]);
  });
}
