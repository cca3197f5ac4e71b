/**
 * Output formats of `bounce parse`. Each formatter turns results into text as they arrive (no buffering of the whole
 * run), so output streams and memory stays flat.
 *
 * - ndjson: one line per message, exactly the record of shared/eval/README.md (`toEvalRecord`).
 * - json: one JSON array of `{ file, ...ParseResult }` (the full result, incl. original-message references).
 * - table: one row per recipient (a message without recipients gets one row), for people; control characters in
 *   message-supplied text are replaced so that a hostile bounce cannot send escape sequences to the terminal.
 */
import { type ParseResult, toEvalRecord } from '@bounce/parser';
import type { OutputFormat } from './cli-args.js';

/**
 * Text for one message, made where the message is parsed (in a parser thread for large runs), so that the main thread
 * only joins strings.
 */
export type FormattedMessage = {
  text: string;
  /** The table's closing summary counts these (other formats leave it out: less to copy between threads). */
  tally?: { kind: string; classes: string[] };
};

export type MessageFormatter = (file: string, result: ParseResult) => FormattedMessage;

/** Joins formatted messages into the output, in input order (the JSON array's commas, the table's summary). */
export type OutputAssembler = {
  /** Text written before the first message. */
  start(): string;
  /** Text for one message, given its formatted form. */
  add(message: FormattedMessage): string;
  /** Text written after the last message. */
  end(): string;
};

/** Both halves in one place, for callers that parse and print in the same thread. */
export type Formatter = {
  start(): string;
  message(file: string, result: ParseResult): string;
  end(): string;
};

export type FormatterOptions = {
  /** Terminal width for the table; the diagnostic column is cut to fit. Default: no limit (nothing is cut). */
  columns?: number;
};

export function createMessageFormatter(format: OutputFormat, options: FormatterOptions = {}): MessageFormatter {
  switch (format) {
    case 'ndjson':
      return (file, result) => ({ text: `${JSON.stringify(toEvalRecord(file, result))}\n` });
    case 'json':
      return (file, result) => ({ text: JSON.stringify({ file, ...result }, null, 2).replace(/\n/g, '\n  ') });
    case 'table':
      return tableMessageFormatter(options.columns);
    default: {
      const never: never = format;
      throw new Error(`unknown output format: ${String(never)}`);
    }
  }
}

export function createAssembler(format: OutputFormat): OutputAssembler {
  switch (format) {
    case 'ndjson':
      return { start: () => '', add: (message) => message.text, end: () => '' };
    case 'json':
      return jsonAssembler();
    case 'table':
      return tableAssembler();
    default: {
      const never: never = format;
      throw new Error(`unknown output format: ${String(never)}`);
    }
  }
}

export function createFormatter(format: OutputFormat, options: FormatterOptions = {}): Formatter {
  const formatMessage = createMessageFormatter(format, options);
  const assembler = createAssembler(format);
  return {
    start: () => assembler.start(),
    message: (file, result) => assembler.add(formatMessage(file, result)),
    end: () => assembler.end(),
  };
}

/** A streamed JSON array: "[", then the elements separated by commas, then "]". */
function jsonAssembler(): OutputAssembler {
  let count = 0;
  return {
    start: () => '[',
    add: (message) => `${count++ === 0 ? '' : ','}\n  ${message.text}`,
    end: () => (count === 0 ? ']\n' : '\n]\n'),
  };
}

/** Fixed widths (the table streams, so it cannot measure every row first); sized for the common values. */
const TABLE_COLUMNS = [
  { title: 'FILE', width: 28 },
  { title: 'KIND', width: 15 }, // "delivery-report"
  { title: 'RECIPIENT', width: 32 },
  { title: 'STATUS', width: 7 }, // "5.7.509"
  { title: 'CODE', width: 4 },
  { title: 'REASON', width: 15 }, // "notcompliantrfc", "policyviolation"
  { title: 'CLASS', width: 10 }, // "auto-reply"
] as const;
const TABLE_GAP = '  ';
const FIXED_WIDTH = TABLE_COLUMNS.reduce((sum, c) => sum + c.width + TABLE_GAP.length, 0);
/** Narrowest diagnostic column kept on a small terminal (the row then wraps, which beats showing nothing). */
const MIN_DIAGNOSTIC_WIDTH = 20;

/** C0/C1 control characters and DEL: message text must not move the cursor or recolour the terminal. */
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]+/g;

export function sanitizeCell(text: string): string {
  return text.replace(CONTROL_RE, ' ');
}

function fit(text: string, width: number): string {
  const clean = sanitizeCell(text);
  if (clean.length <= width) return clean.padEnd(width);
  return `${clean.slice(0, Math.max(0, width - 1))}…`;
}

/** One table row: fixed-width cells, then the diagnostic cut to `diagnosticWidth` when given. */
function tableRow(cells: string[], diagnostic: string, diagnosticWidth?: number): string {
  const fixed = cells.map((cell, i) => fit(cell, TABLE_COLUMNS[i]!.width)).join(TABLE_GAP);
  const clean = sanitizeCell(diagnostic);
  const last = diagnosticWidth !== undefined && clean.length > diagnosticWidth ? fit(clean, diagnosticWidth) : clean;
  return `${fixed}${TABLE_GAP}${last}`.trimEnd() + '\n';
}

function tableMessageFormatter(columns: number | undefined): MessageFormatter {
  const diagnosticWidth = columns === undefined ? undefined : Math.max(MIN_DIAGNOSTIC_WIDTH, columns - FIXED_WIDTH - 1);
  return (file, result) => {
    if (result.recipients.length === 0) {
      const note = result.error ? `${result.error.code}: ${result.error.message}` : '';
      return {
        text: tableRow([file, result.kind, '-', '-', '-', '-', '-'], note, diagnosticWidth),
        tally: { kind: result.kind, classes: [] },
      };
    }
    let text = '';
    for (const r of result.recipients) {
      text += tableRow(
        [
          file,
          result.kind,
          r.recipient || '-', // an ARF report may redact the address
          r.status ?? '-',
          r.replyCode === null ? '-' : String(r.replyCode),
          r.reason,
          r.class,
        ],
        r.diagnosticCode ?? '',
        diagnosticWidth,
      );
    }
    return { text, tally: { kind: result.kind, classes: result.recipients.map((r) => r.class) } };
  };
}

function tableAssembler(): OutputAssembler {
  const kinds = new Map<string, number>();
  const classes = new Map<string, number>();
  let messages = 0;
  return {
    start: () =>
      tableRow(
        TABLE_COLUMNS.map((c) => c.title),
        'DIAGNOSTIC',
      ),
    add: (message) => {
      messages++;
      if (message.tally) {
        kinds.set(message.tally.kind, (kinds.get(message.tally.kind) ?? 0) + 1);
        for (const name of message.tally.classes) classes.set(name, (classes.get(name) ?? 0) + 1);
      }
      return message.text;
    },
    end: () => {
      const list = (counts: Map<string, number>): string =>
        [...counts].map(([name, n]) => `${n} ${name}`).join(', ') || 'none';
      const recipients = [...classes.values()].reduce((a, b) => a + b, 0);
      return (
        `\n${messages} message${messages === 1 ? '' : 's'} (${list(kinds)}); ` +
        `${recipients} recipient${recipients === 1 ? '' : 's'} (${list(classes)})\n`
      );
    },
  };
}
