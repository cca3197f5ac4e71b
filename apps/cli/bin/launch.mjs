/**
 * Starts the compiled `bounce` command (dist/bounce.js). When the bundle is missing or older than its sources, it is
 * rebuilt first, so neither `pnpm -s bounce` nor node_modules/.bin/bounce ever runs a stale build; the check stats
 * the bundle's inputs and costs well under a millisecond (../scripts/build-state.mjs).
 */
import { pathToFileURL } from 'node:url';
import { BUNDLE_PATH, staleReason } from '../scripts/build-state.mjs';

const reason = staleReason();
if (reason !== null) {
  try {
    // Other commands started meanwhile may be rebuilding it already: this one waits for them (one build at a time).
    const { buildCliIfStale } = await import('../scripts/build.mjs');
    await buildCliIfStale();
  } catch (err) {
    // Without esbuild (a production install) or without write access, say so: an old build is better than none,
    // but never silently.
    process.stderr.write(`bounce: cannot rebuild (${reason}): ${err instanceof Error ? err.message : err}\n`);
    if (reason === 'not built yet') process.exit(70);
    process.stderr.write('bounce: running the previous build\n');
  }
}
await import(pathToFileURL(BUNDLE_PATH).href);
