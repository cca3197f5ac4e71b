/**
 * Entry of the `bounce` command (bundled into dist/bounce.js by scripts/build.mjs; bin/bounce runs it). Parser
 * threads have their own entry (parse-thread.ts), so this one loads only what a command needs.
 */
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdin: () => process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
