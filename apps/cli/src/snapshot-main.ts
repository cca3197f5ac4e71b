/**
 * Entry of the `bounce` command's start-up snapshot (dist/bounce.blob). scripts/build.mjs bundles this file into
 * one CommonJS script and runs it under `node --build-snapshot`: the parser is loaded (its modules evaluated, its
 * wording tables built) and warmed up on a few messages, and the heap is saved. bin/bounce starts `parse`, `--help`
 * and `--version` from the blob, as `node --snapshot-blob dist/bounce.blob CLI_DIR ARGS...`, which skips loading the
 * bundle and compiling the parser's common paths (bytecode survives in a snapshot; compiled regular expressions do
 * not). Output is the same as the bundle's (parse-command.ts either way).
 *
 * When the sources changed since the blob was built, or for the commands it does not hold (sender-check and
 * sender-health, whose dependencies stay out of it), this runs the regular launcher (bin/launch.mjs) instead.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startupSnapshot } from 'node:v8';
import { staleReason } from '../scripts/build-state.mjs';
import { runCli } from './run-cli.js';
import { warmUpParser } from './snapshot-warmup.js';

declare global {
  /** What `import.meta.url` stands for in this bundle (scripts/build.mjs defines it): dist/bounce.js's URL. */
  var __bounceBundleUrl: string | undefined;
}

/** Commands the snapshot runs itself; any other first argument goes to the launcher. */
const SNAPSHOT_COMMANDS = new Set(['parse', '--help', '-h', '--version', '-V']);

warmUpParser();

startupSnapshot.setDeserializeMainFunction(async () => {
  // bin/bounce passes the package folder first: node stops reading its own options at the first plain argument,
  // so the command's arguments (`--help`, ...) are never taken for node's.
  const cliDir = process.argv[1] ?? '';
  const argv = process.argv.slice(2);
  if (!SNAPSHOT_COMMANDS.has(argv[0] ?? '') || staleReason(cliDir) !== null) {
    process.exitCode = runLauncher(cliDir, argv);
    return;
  }
  globalThis.__bounceBundleUrl = pathToFileURL(join(cliDir, 'dist/bounce.js')).href;
  process.exitCode = await runCli(argv, { stdin: () => process.stdin, stdout: process.stdout, stderr: process.stderr });
});

/** The regular start (which rebuilds a stale bundle and blob first), in a child sharing this process's stdio. */
function runLauncher(cliDir: string, argv: readonly string[]): number {
  const execArgv = process.execArgv.filter(
    (arg, i, all) => arg !== '--snapshot-blob' && all[i - 1] !== '--snapshot-blob',
  );
  // Loaded here, not imported: the snapshot holds only what a parse needs.
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const run = spawnSync(process.execPath, [...execArgv, join(cliDir, 'bin/launch.mjs'), ...argv], { stdio: 'inherit' });
  if (run.error) {
    process.stderr.write(`bounce: cannot start ${process.execPath}: ${run.error.message}\n`);
    return 70;
  }
  return run.status ?? 128 + 15;
}
