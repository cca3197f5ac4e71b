/**
 * Schemas shared by the routes: paging, time filters, reasons, and the problem document as it appears in the
 * OpenAPI description. Query-string values arrive as strings, hence the coercions.
 */
import { MAX_PAGE_SIZE, storableDateRefinement } from '@bounce/db';
import { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from './problem-details.js';

/**
 * An ISO 8601 date-time with offset ("2025-01-31T12:00:00Z") or a plain date ("2025-01-31", midnight UTC), inside
 * the range PostgreSQL stores (years 0001 to 9999: `0000-01-01` is a 400, not a database error).
 */
export const isoTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((s) => new Date(s))
  .refine(...storableDateRefinement)
  .meta({ description: 'ISO 8601 date-time with offset, or a date (midnight UTC)' });

export const pagingQuery = {
  cursor: z.string().min(1).max(2000).optional().meta({ description: 'nextCursor of the previous page (opaque)' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .optional()
    .meta({ description: `Page size, default 50, at most ${MAX_PAGE_SIZE}` }),
};

export const timeRangeQuery = {
  from: isoTime.optional().meta({ description: 'At or after this time' }),
  to: isoTime.optional().meta({ description: 'Before this time' }),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  });
}

/** Why an operator acts: stored in the audit trail. */
export const reasonSchema = z.string().trim().min(1).max(1000);
export const reasonBody = z.object({ reason: reasonSchema });

export const uuidParam = z.object({ id: z.uuid() });

/** Event id (outbox `event_id`), bounce, send, delivery ids are UUIDs; audit entries are numbers. */
export const auditIdParam = z.object({ id: z.coerce.number().int().positive() });

export const jsonObject = z.record(z.string(), z.unknown());

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const problemResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
});

/** Error responses every authenticated route can give, for the OpenAPI document. */
export const PROBLEM_RESPONSES = {
  400: problemResponse('Invalid request (validation problems listed in `errors`)'),
  401: problemResponse('Missing, unknown or revoked API key'),
  403: problemResponse('The API key lacks the required scope'),
  404: problemResponse('Not found (or owned by another tenant)'),
  429: problemResponse('Rate limit of the API key exceeded'),
} as const;
