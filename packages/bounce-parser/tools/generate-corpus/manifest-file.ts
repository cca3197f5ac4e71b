/**
 * Writes a corpus manifest as the repository's formatter (biome) lays out JSON, so that `pnpm test`'s format
 * check passes on freshly generated corpora.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIOME = fileURLToPath(new URL('../../../../node_modules/.bin/biome', import.meta.url));

export function writeManifest(path: string, entries: unknown[]): void {
  writeFileSync(path, `${JSON.stringify(entries, null, 2)}\n`);
  execFileSync(BIOME, ['format', '--write', path], { stdio: 'ignore' });
}
