/** Rewrites the event-type table of apps/notify-worker/WEBHOOKS.md from the registry (`pnpm --filter @bounce/events docs`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { withEventTypeTable } from '../src/webhooks-doc.js';

const path = new URL('../../../apps/notify-worker/WEBHOOKS.md', import.meta.url);
writeFileSync(path, withEventTypeTable(readFileSync(path, 'utf8')));
console.log(`updated ${path.pathname}`);
