/**
 * Cold-start cost of the parser: `pnpm --filter @bounce/cli bench:cold [CORPUS_DIR] [--passes N]`. Bundles the
 * parser with esbuild (as the `bounce` command does), then in a fresh `node` (the command's V8 flags) parses every
 * message of the corpus once per pass and prints the CPU time per message of each pass: pass 1 is what a short run
 * of the command pays for first use (regular expressions compiled on first exec, lazy tables, JIT tiers), later
 * passes are warm. Prints figures only, with `uptime`; for load-independent figures run the printed child command
 * under `valgrind --tool=callgrind`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
// bin/bounce's V8 flags, so the child compiles as the command does.
import { NODE_FLAGS } from '../scripts/build-state.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '../../..');
const PARSER_ENTRY = resolve(REPO_ROOT, 'packages/bounce-parser/src/index.ts');
const DEFAULT_CORPUS = resolve(REPO_ROOT, '../shared/corpus/dev/emails');

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { passes: { type: 'string' } },
  allowPositionals: true,
});
const corpus = resolve(positionals[0] ?? DEFAULT_CORPUS);
const passes = Number(values.passes ?? 5);

const dir = mkdtempSync(join(tmpdir(), 'bounce-cold-'));
const bundle = join(dir, 'parser.mjs');
await build({
  entryPoints: [PARSER_ENTRY],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'error',
});
const child = join(dir, 'cold-child.mjs');
writeFileSync(
  child,
  `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const [corpus, passes] = [process.argv[2], Number(process.argv[3])];
const raws = readdirSync(corpus).sort().map((n) => readFileSync(join(corpus, n)));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = cpu();
const { parseBounce } = await import(${JSON.stringify(bundle)});
console.log('load ' + (cpu() - t0).toFixed(1) + ' ms CPU');
for (let p = 1; p <= passes; p++) {
  const t = cpu();
  for (const raw of raws) parseBounce(raw);
  const ms = cpu() - t;
  console.log('pass ' + p + ': ' + ms.toFixed(1) + ' ms CPU, ' + ((ms * 1000) / raws.length).toFixed(1) + ' µs/message');
}
`,
);
const args = [...NODE_FLAGS, child, corpus, String(passes)];
console.log(`uptime: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
console.log(`child: node ${args.join(' ')}`);
const run = spawnSync('node', args, { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
console.log(`uptime: ${execFileSync('uptime', { encoding: 'utf8' }).trim()}`);
process.exitCode = run.status ?? 1;
