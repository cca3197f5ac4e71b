import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi-document.js';

// The typed client (packages/api-client) is generated from a committed copy of the document: a change to a route's
// schema must come with a regenerated client, or clients and the console drift from the API.
const COMMITTED = new URL('../../../../packages/api-client/openapi.json', import.meta.url);

describe('OpenAPI document for the generated client', () => {
  it('matches packages/api-client/openapi.json (run pnpm generate:api-client)', async () => {
    const live = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
    expect(live === readFileSync(COMMITTED, 'utf8')).toBe(true);
  }, 120_000);
});
