/** `bounce` command: `pnpm -s bounce parse ...` from the repository root (runs with tsx, no build step). */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: () => process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
