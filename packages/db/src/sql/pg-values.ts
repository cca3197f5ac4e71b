/**
 * What PostgreSQL can store, checked before a value reaches it: text without NUL (text columns refuse U+0000) and
 * without lone UTF-16 surrogates (they have no UTF-8 form), times inside the range both JavaScript and PostgreSQL
 * write as a four-digit ISO year, row ids that are uuids or safe integers. The API's validation layer, the
 * send-event schemas and the paging cursors share these checks, so a value is refused the same way wherever it
 * enters. `clientFaultOf` is the net behind them: a database error caused by a value (not by the server) names the
 * problem kind it is, so the API answers 4xx instead of 500.
 */
import { z } from 'zod';
import { dbErrorCode } from './sql-util.js';

/**
 * Why a string cannot be stored, or null when it can: U+0000, or a surrogate code unit without its pair. A loop
 * over code units: linear, and no regular expression to keep linear.
 */
export function unstorableTextReason(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return 'contains U+0000 (NUL)';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return 'contains a lone UTF-16 surrogate';
    } else if (c >= 0xdc00 && c <= 0xdfff) return 'contains a lone UTF-16 surrogate';
  }
  return null;
}

export const isStorableText = (s: string): boolean => unstorableTextReason(s) === null;

/** A node of the walk: its value and how it was reached (a parent link, so no path is copied per node). */
type WalkNode = { value: unknown; key: string | number | null; parent: WalkNode | null };

function pathOf(node: WalkNode): (string | number)[] {
  const path: (string | number)[] = [];
  for (let n: WalkNode | null = node; n && n.key !== null; n = n.parent) path.push(n.key);
  return path.reverse();
}

/**
 * The first string (value or object key) inside a JSON-like value that cannot be stored, with its path, or null.
 * Iterative and linear in the size of the value, so a deeply nested body can neither overflow the stack nor cost
 * time quadratic in its depth.
 */
export function findUnstorableText(value: unknown): { path: (string | number)[]; reason: string } | null {
  const stack: WalkNode[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop() as WalkNode;
    const v = node.value;
    if (typeof v === 'string') {
      const reason = unstorableTextReason(v);
      if (reason) return { path: pathOf(node), reason };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node });
    } else if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        const keyReason = unstorableTextReason(k);
        if (keyReason) return { path: pathOf({ value: child, key: k, parent: node }), reason: `key ${keyReason}` };
        stack.push({ value: child, key: k, parent: node });
      }
    }
  }
  return null;
}

/**
 * Earliest and latest storable instants: years 0001 to 9999 in UTC. PostgreSQL's timestamptz reaches further
 * (4713 BC to 294276 AD), but outside four-digit years JavaScript writes "+275760-..." or "0000-..." forms that
 * PostgreSQL refuses, and no e-mail was sent then.
 */
export const MIN_STORABLE_TIME = new Date('0001-01-01T00:00:00.000Z');
export const MAX_STORABLE_TIME = new Date('9999-12-31T23:59:59.999Z');

export function isStorableDate(d: Date): boolean {
  const t = d.getTime();
  return Number.isFinite(t) && t >= MIN_STORABLE_TIME.getTime() && t <= MAX_STORABLE_TIME.getTime();
}

const RANGE_MESSAGE = 'date out of range (years 0001 to 9999)';

/**
 * A time given as a string the Date parser reads (ISO 8601 preferred) or as a Date (internal callers). Numbers,
 * booleans and null are refused: `new Date(true)` is 1970-01-01T00:00:00.001Z, not a time anyone meant.
 */
export const storableTimeSchema = z
  .union([z.date(), z.string().trim().min(1).max(100)])
  .transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'invalid date' });
      return z.NEVER;
    }
    if (!isStorableDate(d)) {
      ctx.addIssue({ code: 'custom', message: RANGE_MESSAGE });
      return z.NEVER;
    }
    return d;
  })
  .meta({ type: 'string', format: 'date-time' });

/** Refinement for schemas that already produce a Date (e.g. ISO-only parsing): inside the storable range. */
export const storableDateRefinement = [isStorableDate, RANGE_MESSAGE] as const;

/** A time string as it is stored in a cursor: parses, inside the storable range. */
export function isStorableTimeString(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 100 && isStorableDate(new Date(v));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuidString = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A bigserial row id as a JSON number: a positive safe integer (fractions and 1e300 are not ids). */
export const isSerialId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** The kinds of problem a database error is when the client's value caused it (see `clientFaultOf`). */
export type ClientFault = 'invalid-input' | 'conflict' | 'too-large';

/**
 * The client's fault a database error shows, or null when it is the server's (connection lost, syntax, missing
 * table...). Class 22 (data exception: invalid text representation 22P02, datetime overflow 22008, untranslatable
 * character 22P05, character not in repertoire 22021, numeric out of range 22003, string too long 22001...) and
 * integrity violations a value causes; 54000 is a value too large for an index row.
 */
export function clientFaultOf(err: unknown): { fault: ClientFault; sqlState: string } | null {
  const code = dbErrorCode(err);
  if (!code) return null;
  if (code.startsWith('22')) return { fault: 'invalid-input', sqlState: code };
  if (code === '23505' || code === '23P01') return { fault: 'conflict', sqlState: code };
  if (code === '23502' || code === '23503' || code === '23514') return { fault: 'invalid-input', sqlState: code };
  if (code === '54000') return { fault: 'too-large', sqlState: code };
  return null;
}
