import { StoreError } from '@bounce/db';
import { WebhookUrlError } from '@bounce/webhooks';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiProblem, PROBLEM_CODES, problemType, toProblem } from './problem-details.js';

describe('toProblem', () => {
  it('maps store errors to their statuses', () => {
    expect(toProblem(new StoreError('not-found', 'bounce x not found'), '/v1/bounces/x')).toEqual({
      type: 'urn:bounce:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: 'bounce x not found',
      instance: '/v1/bounces/x',
      code: 'not-found',
    });
    expect(toProblem(new StoreError('already-undone', 'done'), '/').status).toBe(409);
    expect(toProblem(new StoreError('not-undoable', 'no'), '/').status).toBe(422);
    expect(toProblem(new StoreError('invalid-input', 'invalid cursor'), '/').code).toBe('invalid-cursor');
  });

  it('lists zod issues with JSON pointers', () => {
    const result = z.object({ items: z.array(z.object({ 'a/b': z.string() })) }).safeParse({ items: [{ 'a/b': 1 }] });
    const problem = toProblem(result.error, '/v1/x');
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ pointer: '/body/items/0/a~1b', detail: expect.stringContaining('string') }]);
  });

  it('names the refused webhook URL reason', () => {
    const problem = toProblem(new WebhookUrlError('forbidden-address', '10.0.0.1 is private'), '/v1/webhooks');
    expect(problem).toMatchObject({ status: 400, code: 'webhook-url-refused', reason: 'forbidden-address' });
  });

  it('keeps client errors raised by fastify and hides the message of unexpected errors', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413 });
    expect(toProblem(tooLarge, '/')).toMatchObject({ status: 413, code: 'payload-too-large' });
    const crash = toProblem(new Error('connection string postgres://user:secret@db leaked'), '/');
    expect(crash).toMatchObject({ status: 500, code: 'internal' });
    expect(crash.detail).not.toContain('secret');
  });

  it('carries ApiProblem extensions', () => {
    expect(toProblem(new ApiProblem('forbidden', 'needs admin', { requiredScope: 'admin' }), '/')).toMatchObject({
      status: 403,
      requiredScope: 'admin',
      type: problemType('forbidden'),
    });
  });

  it('has a distinct title and a 4xx/5xx status for every code', () => {
    for (const [code, { status, title }] of Object.entries(PROBLEM_CODES)) {
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(title.length, code).toBeGreaterThan(0);
    }
  });
});
