/**
 * Command line of `bounce`: turns argv into a typed command or a UsageError. No I/O here, so it is tested with plain
 * arrays.
 */
import { parseSenderCheckArgs, type SenderCheckCommand } from './sender-check-args.js';
import { parseSenderHealthArgs, type SenderHealthCommand } from './sender-health-args.js';
import { parseCommandLine, UsageError } from './usage-error.js';

export { UsageError } from './usage-error.js';

/** Output formats (see output-formats.ts); listed here so that `--help` does not load the parser. */
export const OUTPUT_FORMATS = ['ndjson', 'json', 'table'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type ParseCommand = {
  command: 'parse';
  /** Files, folders, Maildirs, mboxes, or "-" for standard input, in the order given. */
  paths: string[];
  /** Explicit output format; null: a table when stdout is a terminal, else ndjson. */
  format: OutputFormat | null;
  /** --correlation-header values; empty: the parser's defaults. */
  correlationHeaders: string[];
  /** --max-bytes; null: the parser's default. */
  maxBytes: number | null;
  /** False with --no-progress. */
  isProgressAllowed: boolean;
  /** --jobs: parser threads for a large run (1: none, parse in the main thread); null: one per idle core. */
  threads: number | null;
};

export type CliCommand =
  | { command: 'help' }
  | { command: 'version' }
  | ParseCommand
  | SenderCheckCommand
  | SenderHealthCommand;

const OPTIONS = {
  ndjson: { type: 'boolean' },
  json: { type: 'boolean' },
  table: { type: 'boolean' },
  'correlation-header': { type: 'string', multiple: true },
  'max-bytes': { type: 'string' },
  'no-progress': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** More threads than this would only cost memory: each holds its own copy of the parser. */
const MAX_THREADS = 64;

/** RFC 5322 section 3.6.8: a field name is printable US-ASCII except ":" (and so no spaces). */
const HEADER_NAME_RE = /^[\x21-\x39\x3b-\x7e]+$/;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  // `sender-check` has options of its own: it must come first ("bounce sender-check DOMAIN --ip ...").
  if (argv[0] === 'sender-check') {
    if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
    return parseSenderCheckArgs(argv.slice(1));
  }
  if (argv[0] === 'sender-health') {
    if (argv.includes('--help') || argv.includes('-h')) return { command: 'help' };
    return parseSenderHealthArgs(argv.slice(1));
  }
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command (try: bounce parse PATH...)');
  if (command === 'help') return { command: 'help' };
  if (command !== 'parse')
    throw new UsageError(`unknown command '${command}' (the commands are 'parse', 'sender-check' and 'sender-health')`);
  if (paths.length === 0) throw new UsageError("missing PATH (a file, a folder, a Maildir, an mbox, or '-')");
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError("'-' (standard input) can be given only once");

  const formats = OUTPUT_FORMATS.filter((f) => values[f]);
  if (formats.length > 1)
    throw new UsageError(`choose one output format, not ${formats.map((f) => `--${f}`).join(' and ')}`);

  const correlationHeaders = values['correlation-header'] ?? [];
  for (const name of correlationHeaders) {
    if (!HEADER_NAME_RE.test(name)) throw new UsageError(`--correlation-header: '${name}' is not a header name`);
  }

  const maxBytes = values['max-bytes'] === undefined ? null : positiveInteger('--max-bytes', values['max-bytes']);
  const threads = values.jobs === undefined ? null : positiveInteger('--jobs', values.jobs);
  if (threads !== null && threads > MAX_THREADS) throw new UsageError(`--jobs: at most ${MAX_THREADS}`);

  return {
    command: 'parse',
    paths,
    format: formats[0] ?? null,
    correlationHeaders,
    maxBytes,
    isProgressAllowed: !values['no-progress'],
    threads,
  };
}

function positiveInteger(option: string, text: string): number {
  const value = /^[1-9][0-9]*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${option}: '${text}' is not a positive whole number`);
  return value;
}
