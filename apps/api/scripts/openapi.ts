/**
 * Prints the API's OpenAPI 3.1 document as JSON (keys in a stable order), without a database server or Redis: the
 * document comes from the route schemas alone. `pnpm generate:api-client` (repository root) writes it to
 * packages/api-client/openapi.json and regenerates the typed client from it; a test fails when they are stale.
 *
 *   pnpm -s --filter @bounce/api openapi > openapi.json
 */
import { openApiDocument } from '../src/http/openapi-document.js';

process.stdout.write(`${JSON.stringify(await openApiDocument(), null, 2)}\n`);
