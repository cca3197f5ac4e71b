/**
 * Entry logic of the `bounce` command, separate from main.ts so that it can be called with any argv and streams.
 * The parser is loaded only for `parse` (the DNS checks only for `sender-check`), so `--help` and `--version` answer
 * at once.
 */
import { readFileSync } from 'node:fs';
import { parseCliArgs, UsageError } from './cli-args.js';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { HELP_TEXT } from './help-text.js';
import type { CliIo } from './parse-command.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`bounce: ${err.message}\nTry 'bounce --help' for more information.\n`);
    return EXIT_USAGE;
  }
  switch (command.command) {
    case 'help':
      io.stdout.write(HELP_TEXT);
      return EXIT_OK;
    case 'version':
      io.stdout.write(`bounce ${version()}\n`);
      return EXIT_OK;
    case 'parse': {
      const { runParse } = await import('./parse-command.js');
      return runParse(command, io);
    }
    case 'sender-check': {
      const { runSenderCheck } = await import('./sender-check-command.js');
      return runSenderCheck(command, io);
    }
    case 'sender-health': {
      const { runSenderHealth } = await import('./sender-health-command.js');
      return runSenderHealth(command, io);
    }
    default: {
      const never: never = command;
      throw new Error(`unexpected command ${JSON.stringify(never)}`);
    }
  }
}
