/**
 * Malformed requests generated from the API's own OpenAPI document (test-only): for every operation, every path
 * parameter, query parameter and body property (nested objects and array items included) is replaced, one at a
 * time, by values that no schema of ours accepts: NUL, lone surrogates, wrong JSON types, fractional, negative,
 * huge and infinite numbers, dates outside what PostgreSQL stores, forged paging cursors, strings one past their
 * maximum length, values outside an enum. The rest of the request is kept valid where the schema says how, so the
 * malformed value is what the API has to refuse. Each case names its kind, so a suite can count them.
 */
import { randomUUID } from 'node:crypto';

type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

export type MalformedCase = {
  /** "GET /v1/bounces" */
  operation: string;
  /** Where the malformed value sits: "query.cursor", "body.items.0.sentAt", "path.id", "header". */
  where: string;
  /** What is wrong with it: "nul", "lone-surrogate-high", "date-year-0", ... */
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
};

/** A JSON text stand-in for a number JSON.stringify cannot write: replaced by `1e400` (parsed as Infinity). */
const INFINITY = '\u2063infinity\u2063';
const UUID_FOR_PATHS = randomUUID();

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
/** Cursors no listing accepts, whatever its cursor's shape. */
const FORGED_CURSORS: [string, string][] = [
  ['cursor-not-base64-json', '!!not-a-cursor!!'],
  ['cursor-json-number', cursorOf(12)],
  ['cursor-uuid-not-uuid', cursorOf({ at: '2025-01-01T00:00:00Z', id: 'not-a-uuid', t: 'x', a: 1 })],
  ['cursor-invalid-date', cursorOf({ at: 'not a date', id: randomUUID() })],
  ['cursor-date-year-0', cursorOf({ at: '0000-01-01T00:00:00Z', t: '0000-01-01T00:00:00.000000Z', id: '1' })],
  ['cursor-fractional-id', cursorOf({ id: 1.5 })],
  ['cursor-huge-id', cursorOf({ id: 1e300 })],
  ['cursor-huge-numeric-string-id', cursorOf({ at: '2025-01-01T00:00:00Z', id: '99999999999999999999' })],
  ['cursor-nul-inside', cursorOf({ a: 'x\u0000', address: 'x\u0000', id: 'x\u0000' })],
  ['cursor-lone-surrogate-inside', cursorOf({ a: 'x\ud800', address: 'x\ud800' })],
];

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.split('/').pop() ?? '';
    s = doc.components?.schemas?.[name] ?? {};
  }
  const branches = s.anyOf ?? s.oneOf;
  if (branches && !s.type) {
    const first = branches.map((b) => resolve(doc, b)).find((b) => b.type !== 'null');
    return { ...first, ...(branches.some((b) => b.type === 'null') ? { nullable: true } : {}) } as Schema;
  }
  return s;
}

const isNullable = (s: Schema) => (s as { nullable?: boolean }).nullable === true;
const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const isDate = (s: Schema) => s.format === 'date-time' || s.format === 'date';

/** A valid-looking value for a schema, by its type, format and (for strings) the field's name. */
function sample(doc: OpenApiDocument, raw: Schema | undefined, name: string, depth = 0): unknown {
  const s = resolve(doc, raw);
  if (s.default !== undefined) return s.default;
  if (s.enum) return s.enum[0];
  switch (typeOf(s)) {
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, (s.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(doc, s.items, name, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const key of s.required ?? []) out[key] = sample(doc, s.properties?.[key], key, depth + 1);
      return out;
    }
    default: {
      if (isDate(s)) return '2025-01-01T00:00:00Z';
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'email' || /address|recipient|email|^to$/i.test(name)) return 'someone@example.com';
      if (/domain/i.test(name)) return 'example.com';
      if (/url/i.test(name)) return 'https://hooks.example.com/bounce';
      if (/password/i.test(name)) return 'Correct-horse-battery-9';
      if (/host/i.test(name)) return 'imap.example.com';
      return 'value-1'.padEnd(Math.max(s.minLength ?? 0, 7), 'x');
    }
  }
}

type Variant = { kind: string; value: unknown };

/** The values no schema of this shape accepts. `inUrl`: the value travels as text in a path or query string. */
function variantsFor(s: Schema, name: string, inUrl: boolean): Variant[] {
  const out: Variant[] = [
    { kind: 'nul', value: 'a\u0000b' },
    { kind: 'lone-surrogate-high', value: 'a\ud800' },
    { kind: 'lone-surrogate-low', value: '\udc00a' },
  ];
  const type = typeOf(s);
  if (name === 'cursor') for (const [kind, value] of FORGED_CURSORS) out.push({ kind, value });
  if (s.enum) out.push({ kind: 'not-in-enum', value: 'zz-not-a-member' });
  if (isDate(s)) {
    out.push(
      { kind: 'date-year-0', value: '0000-01-01' },
      { kind: 'date-year-0-datetime', value: '0000-01-01T00:00:00Z' },
      { kind: 'date-beyond-9999', value: '+275760-09-13T00:00:00Z' },
      { kind: 'date-invalid-month', value: '2025-13-45' },
      { kind: 'date-garbage', value: 'yesterday' },
    );
    if (!inUrl) {
      out.push({ kind: 'date-as-number-8.64e15', value: 8.64e15 }, { kind: 'date-as-true', value: true });
      if (!isNullable(s)) out.push({ kind: 'date-as-null', value: null });
    }
  }
  if (s.format === 'uuid') out.push({ kind: 'uuid-malformed', value: 'not-a-uuid' });
  if (s.format === 'uuid') out.push({ kind: 'uuid-too-long', value: `${UUID_FOR_PATHS}0` });
  if (type === 'integer' || type === 'number') {
    out.push({ kind: 'number-not-numeric', value: 'abc' });
    out.push({ kind: 'number-huge', value: inUrl ? '1e400' : INFINITY });
    out.push({ kind: 'number-beyond-int64', value: inUrl ? '99999999999999999999999' : 1e23 });
    if (type === 'integer') out.push({ kind: 'number-fractional', value: inUrl ? '1.5' : 1.5 });
    if ((s.minimum ?? s.exclusiveMinimum ?? -1) >= 0) out.push({ kind: 'number-negative', value: inUrl ? '-1' : -1 });
    if (s.maximum !== undefined && s.maximum < 1e15) {
      out.push({ kind: 'number-above-maximum', value: inUrl ? String(s.maximum + 1) : s.maximum + 1 });
    }
    if (!inUrl) out.push({ kind: 'number-as-string', value: '12' });
  }
  if (type === 'string' && !isDate(s) && s.maxLength !== undefined && !s.enum) {
    out.push({ kind: 'string-too-long', value: 'a'.repeat(s.maxLength + 1) });
  }
  if (!inUrl) {
    if (type === 'string')
      out.push({ kind: 'string-as-number', value: 12345 }, { kind: 'string-as-object', value: {} });
    if (type === 'boolean') out.push({ kind: 'boolean-as-string', value: 'yes' });
    if (type === 'array') out.push({ kind: 'array-as-string', value: 'x' }, { kind: 'array-as-object', value: {} });
    if (type === 'object') out.push({ kind: 'object-as-array', value: [] }, { kind: 'object-as-string', value: 'x' });
  }
  return out;
}

/** URL text of a value: percent-encoded, a lone surrogate as its WTF-8 bytes (encodeURIComponent refuses it). */
function urlText(value: unknown): string {
  const s = String(value);
  if (s === 'a\ud800') return 'a%ED%A0%80';
  if (s === '\udc00a') return '%ED%B0%80a';
  return encodeURIComponent(s);
}

function setAt(base: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container = (Array.isArray(base) ? [...base] : { ...((base as object | null) ?? {}) }) as Record<
    string | number,
    unknown
  >;
  container[head] = setAt(container[head], rest, value);
  return container;
}

/** Every property path of a body schema (objects' properties, arrays' first item), to depth 4. */
function bodyPaths(doc: OpenApiDocument, raw: Schema | undefined, path: (string | number)[] = []) {
  const out: { path: (string | number)[]; schema: Schema; name: string }[] = [];
  const s = resolve(doc, raw);
  if (path.length > 4) return out;
  const type = typeOf(s);
  if (type === 'object' && s.properties) {
    for (const [key, child] of Object.entries(s.properties)) {
      out.push({ path: [...path, key], schema: resolve(doc, child), name: key });
      out.push(...bodyPaths(doc, child, [...path, key]));
    }
  } else if (type === 'array' && s.items) {
    const item = resolve(doc, s.items);
    if (typeOf(item) === 'object') out.push(...bodyPaths(doc, s.items, [...path, 0]));
    else out.push({ path: [...path, 0], schema: item, name: String(path[path.length - 1] ?? 'item') });
  }
  return out;
}

const jsonText = (body: unknown) => JSON.stringify(body).replaceAll(JSON.stringify(INFINITY), '1e400');

/** All malformed cases of a document. */
export function malformedCases(doc: OpenApiDocument): MalformedCase[] {
  const cases: MalformedCase[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const operation = `${method.toUpperCase()} ${template}`;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const jsonSchema = op.requestBody?.content['application/json']?.schema;
      const baseBody = jsonSchema ? sample(doc, jsonSchema, 'body') : undefined;
      const basePath = Object.fromEntries(
        pathParams.map((p) => [p.name, urlText(sample(doc, p.schema, p.name) ?? UUID_FOR_PATHS)]),
      );
      const baseQuery = Object.fromEntries(
        queryParams.filter((p) => p.required).map((p) => [p.name, urlText(sample(doc, p.schema, p.name))]),
      );
      const build = (
        where: string,
        kind: string,
        pathValues: Record<string, string>,
        query: Record<string, string>,
        body: unknown,
        headers: Record<string, string> = {},
      ) => {
        const path = template.replace(/\{(\w+)\}/g, (_, n: string) => pathValues[n] ?? '');
        const qs = Object.entries(query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&');
        cases.push({
          operation,
          where,
          kind,
          method: method.toUpperCase(),
          url: qs ? `${path}?${qs}` : path,
          headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
          ...(body !== undefined ? { payload: typeof body === 'string' ? body : jsonText(body) } : {}),
        });
      };
      const base = (where: string, kind: string, headers: Record<string, string>) =>
        build(where, kind, basePath, baseQuery, baseBody, headers);

      base('header', 'header-nul', { 'user-agent': 'agent\u0000x' });
      for (const p of pathParams) {
        for (const v of variantsFor(resolve(doc, p.schema), p.name, true)) {
          build(`path.${p.name}`, v.kind, { ...basePath, [p.name]: urlText(v.value) }, baseQuery, baseBody);
        }
      }
      for (const p of queryParams) {
        for (const v of variantsFor(resolve(doc, p.schema), p.name, true)) {
          build(`query.${p.name}`, v.kind, basePath, { ...baseQuery, [p.name]: urlText(v.value) }, baseBody);
        }
      }
      if (jsonSchema) {
        build('body', 'body-not-json', basePath, baseQuery, '{"unterminated": ');
        build('body', 'body-json-array-for-object', basePath, baseQuery, '[]');
        for (const { path, schema, name } of bodyPaths(doc, jsonSchema)) {
          for (const v of variantsFor(schema, name, false)) {
            build(`body.${path.join('.')}`, v.kind, basePath, baseQuery, setAt(baseBody, path, v.value));
          }
        }
      }
    }
  }
  return cases;
}
