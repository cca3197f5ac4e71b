/**
 * Generates src/schema.ts (the API's paths, operations and schemas as TypeScript types) from openapi.json with
 * openapi-typescript. The document itself comes from the API: `pnpm generate:api-client` at the repository root
 * refreshes both. `--check` exits 1 when src/schema.ts does not match openapi.json (the test does the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateSchemaSource, SCHEMA_FILE } from './schema-source.js';

const source = await generateSchemaSource();
if (process.argv.includes('--check')) {
  const current = readFileSync(SCHEMA_FILE, 'utf8');
  if (current !== source) {
    console.error('src/schema.ts is stale: run pnpm generate:api-client');
    process.exit(1);
  }
} else {
  writeFileSync(SCHEMA_FILE, source);
  console.error(`wrote ${SCHEMA_FILE}`);
}
