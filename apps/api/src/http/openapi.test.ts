import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

type OpenApiDocument = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security?: unknown; requestBody?: unknown; responses?: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe('OpenAPI document', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('is served at /docs/json without a key and describes every /v1 route', async () => {
    const res = await api.call(null, { method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = json<OpenApiDocument>(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = api.app.printRoutes({ commonPrefix: false });
    const documented = Object.keys(doc.paths);
    // Every route the app serves under /v1 appears in the document (path parameters as {name}).
    for (const path of [
      '/v1/can-send',
      '/v1/sends/batch',
      '/v1/addresses/{address}/unblock',
      '/v1/audit/{id}/undo',
      '/v1/suppressions/export',
      '/v1/suppressions/import',
      '/v1/bounces/{id}/raw',
      '/v1/bounces/{id}/assign',
      '/v1/mailboxes/{id}/fetch',
      '/v1/rule-sets/categories/{category}',
      '/v1/webhooks/{id}/rotate-secret',
      '/v1/webhook-deliveries/{id}/resend',
      '/v1/events',
      '/v1/operator-subscriptions/test-mail',
      '/v1/sender-alerts/{id}/resolve',
      '/v1/api-keys/{id}',
    ]) {
      expect(documented, path).toContain(path);
    }
    expect(routes).toContain('/v1/can-send');
    // Request bodies and named component schemas come from the zod schemas.
    expect(doc.paths['/v1/can-send']?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['CanSendAnswer', 'Problem', 'RuleConfigOverrides', 'Mailbox']),
    );
    expect(doc.paths['/v1/suppressions']?.get?.responses).toHaveProperty('401');
  });

  it('the mailbox schema in the document has no secret field', async () => {
    const doc = json<OpenApiDocument>(await api.call(null, { method: 'GET', url: '/docs/json' }));
    const mailbox = JSON.stringify(doc.components.schemas.Mailbox);
    expect(mailbox).not.toMatch(/secret/i);
  });

  it('serves swagger-ui at /docs', async () => {
    const res = await api.call(null, { method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
