/**
 * The suppression list: blocked addresses with filters and cursor paging, a streamed CSV export of the whole
 * (filtered) list, bulk import from CSV or JSON (e.g. a previous provider's export), and list-only removals.
 */
import { Readable } from 'node:stream';
import {
  type Database,
  importSuppressions,
  listListSuppressions,
  listSuppressedAddresses,
  MAX_PAGE_SIZE,
  type SuppressionFilter,
  type SuppressionImportOptions,
  type SuppressionImportResult,
  type SuppressionImportRow,
} from '@bounce/db';
import { SUPPRESSION_REASONS } from '@bounce/rules';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvAddressRows, csvLine } from '../csv/csv.js';
import { actorOf, authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, reasonSchema, timeRangeQuery } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';
import { addressRecordSchema, listSuppressionSchema } from './views.js';

const TAGS = ['suppressions'];

/** Rows per import request; larger lists are split by the caller (the body limit applies too). */
export const MAX_IMPORT_ROWS = 100_000;

const filterQuery = {
  reason: z.enum(SUPPRESSION_REASONS).optional(),
  domain: z.string().trim().min(1).max(255).optional(),
  ...timeRangeQuery,
};

const importJsonSchema = z.object({
  reason: reasonSchema.meta({ description: 'Where the list comes from; stored in the audit trail' }),
  list: z.string().trim().min(1).max(200).optional().meta({ description: 'Remove from this list only' }),
  items: z
    .array(z.object({ address: z.string().max(320), detail: z.string().max(500).optional() }))
    .min(1)
    .max(MAX_IMPORT_ROWS),
});

/** Thrown to roll the dry run's transaction back, carrying what the import would have done. */
class DryRunRollback extends Error {
  constructor(readonly result: SuppressionImportResult) {
    super('dry run');
  }
}

/**
 * The exact outcome of an import without its effects: the real import runs inside a transaction that is then rolled
 * back, so the preview can never disagree with what the import will do (same normalisation, same idempotency).
 */
async function previewImport(
  db: Database,
  tenantId: string,
  rows: SuppressionImportRow[],
  options: SuppressionImportOptions,
): Promise<SuppressionImportResult> {
  try {
    await db.transaction(async (tx) => {
      throw new DryRunRollback(await importSuppressions(tx as unknown as Database, tenantId, rows, options));
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.result;
    throw err;
  }
  throw new Error('dry run did not roll back');
}

export const EXPORT_COLUMNS = [
  'address',
  'domain',
  'suppression_reason',
  'suppression_detail',
  'suppressed_at',
  'consecutive_soft_failures',
  'last_bounce_at',
] as const;

/** Longest invalid value echoed back by an import (an address is at most 320 characters). */
export const MAX_ECHOED_VALUE_CHARS = 320;

function echoOf(value: string): string {
  return value.length > MAX_ECHOED_VALUE_CHARS ? `${value.slice(0, MAX_ECHOED_VALUE_CHARS)}…` : value;
}

function filterOf(q: { reason?: string; domain?: string; from?: Date; to?: Date }): SuppressionFilter {
  return { reason: q.reason, domain: q.domain, since: q.from, until: q.to };
}

export function suppressionRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    // CSV bodies arrive as text; the JSON form goes through fastify's JSON parser.
    app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      '/suppressions',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Blocked addresses, most recently blocked first',
          description:
            'Keyset paging: every page costs the same, the first or the ten-thousandth. The last page is the first ' +
            'page in the opposite order.',
          querystring: z.object({
            ...filterQuery,
            q: z.string().trim().max(320).optional().meta({ description: 'Addresses starting with this text' }),
            sort: z.enum(['suppressedAt', 'address']).default('suppressedAt'),
            order: z.enum(['asc', 'desc']).optional().meta({ description: 'Default desc by time, asc by address' }),
            ...pagingQuery,
          }),
          response: { 200: pageOf(addressRecordSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { cursor, limit, q, sort, order, ...filter } = request.query;
        return listSuppressedAddresses(db, authOf(request).tenantId, {
          ...filterOf(filter),
          q,
          sort,
          order,
          cursor,
          limit,
        });
      },
    );

    app.get(
      '/suppressions/export',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The whole (filtered) suppression list as CSV, streamed',
          description: `Columns: ${EXPORT_COLUMNS.join(', ')}. Text starting with = + - @ is prefixed with an apostrophe (CSV injection).`,
          querystring: z.object(filterQuery),
          response: {
            200: { description: 'CSV (RFC 4180)', content: { 'text/csv': { schema: z.string() } } },
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request, reply) => {
        const tenantId = authOf(request).tenantId;
        const filter = filterOf(request.query);
        // Read the first page before answering, so a bad filter or a database error is still a problem document.
        const first = await listSuppressedAddresses(db, tenantId, { ...filter, limit: MAX_PAGE_SIZE });
        async function* rows() {
          yield csvLine(EXPORT_COLUMNS);
          let page = first;
          for (;;) {
            // One chunk per page: a few hundred rows per write, and backpressure between pages.
            yield page.items
              .map((a) =>
                csvLine([
                  a.address,
                  a.domain,
                  a.suppressionReason,
                  a.suppressionDetail,
                  a.suppressedAt,
                  a.consecutiveSoftFailures,
                  a.lastBounceAt,
                ]),
              )
              .join('');
            if (!page.nextCursor) return;
            page = await listSuppressedAddresses(db, tenantId, {
              ...filter,
              cursor: page.nextCursor,
              limit: MAX_PAGE_SIZE,
            });
          }
        }
        const date = new Date().toISOString().slice(0, 10);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="suppressions-${tenantId}-${date}.csv"`)
          .send(Readable.from(rows()) as unknown as string); // streamed as is; the cast satisfies the typed reply
      },
    );

    app.post(
      '/suppressions/import',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Import a suppression list (JSON, or CSV with Content-Type text/csv)',
          description:
            'JSON: `{ reason, list?, items: [{ address, detail? }] }`. CSV: the file as body, `reason` (and `list`) in ' +
            'the query; a header row naming an address column (address, email, recipient) and optionally a detail ' +
            'column (detail, reason, error), or no header with the address first and the detail second. Idempotent: ' +
            'addresses already blocked keep their original reason. Invalid addresses are listed, the rest imported.',
          querystring: z.object({
            reason: reasonSchema.optional().meta({ description: 'CSV form: where the list comes from (required)' }),
            list: z.string().trim().min(1).max(200).optional().meta({ description: 'CSV form: remove from this list' }),
            dryRun: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true')
              .meta({ description: 'Preview: the counts an import would give, with nothing changed' }),
          }),
          body: z.union([importJsonSchema, z.string().meta({ description: 'CSV text' })]),
          response: {
            200: z.object({
              dryRun: z.boolean().meta({ description: 'true: a preview, nothing was changed' }),
              suppressed: z.number().int().meta({ description: 'Newly blocked (or newly removed from the list)' }),
              unchanged: z.number().int().meta({ description: 'Already suppressed, left as they were' }),
              invalid: z.array(
                z.object({
                  index: z.number().int().meta({ description: 'Position among the items (JSON) or data rows (CSV)' }),
                  line: z.number().int().optional().meta({ description: 'CSV: line in the file' }),
                  value: z.string().meta({
                    description: `The refused value, cut to ${MAX_ECHOED_VALUE_CHARS} characters (then ending in …)`,
                  }),
                }),
              ),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        let rows: SuppressionImportRow[];
        let reason: string | undefined;
        let listId: string | undefined;
        let lines: number[] | null = null;
        if (typeof request.body === 'string') {
          const parsed = csvAddressRows(request.body);
          if (parsed.length === 0) throw new ApiProblem('invalid-input', 'the CSV holds no rows');
          if (parsed.length > MAX_IMPORT_ROWS) {
            throw new ApiProblem('invalid-input', `at most ${MAX_IMPORT_ROWS} rows per import; split the file`);
          }
          rows = parsed.map((r) => ({ address: r.address, detail: r.detail?.slice(0, 500) ?? null }));
          lines = parsed.map((r) => r.line);
          reason = request.query.reason;
          listId = request.query.list;
          if (!reason) {
            throw new ApiProblem('validation', '/query/reason: required for a CSV import', {
              errors: [{ pointer: '/query/reason', detail: 'required for a CSV import' }],
            });
          }
        } else {
          rows = request.body.items;
          reason = request.body.reason;
          listId = request.body.list ?? request.query.list;
        }
        const options = { actor: actorOf(request), reason, listId: listId ?? null };
        const tenantId = authOf(request).tenantId;
        const result = request.query.dryRun
          ? await previewImport(db, tenantId, rows, options)
          : await importSuppressions(db, tenantId, rows, options);
        return {
          dryRun: request.query.dryRun,
          ...result,
          invalid: result.invalid.map((i) => {
            // The refused value is echoed so the operator can find it, but cut: a CSV field can be megabytes.
            const shown = { ...i, value: echoOf(i.value) };
            return lines ? { ...shown, line: lines[i.index] ?? 0 } : shown;
          }),
        };
      },
    );

    app.get(
      '/lists/:listId/suppressions',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Addresses removed from one list only (still allowed elsewhere), by address',
          params: z.object({ listId: z.string().min(1).max(200) }),
          querystring: z.object(pagingQuery),
          response: { 200: pageOf(listSuppressionSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => listListSuppressions(db, authOf(request).tenantId, request.params.listId, request.query),
    );
  };
}
