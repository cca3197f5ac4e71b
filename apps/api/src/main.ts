/**
 * Operator HTTP API: API keys with scopes, canSend, send events, suppressions, bounces, mailboxes, rule sets,
 * webhooks, event log. Configuration: see env.ts. OpenAPI document at /docs (UI) and /docs/json.
 */
import { runMain } from '@bounce/runtime';
import { apiService } from './api-process.js';

await runMain(apiService);
