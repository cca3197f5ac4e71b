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

/** Counts for the table's closing summary, in order of first appearance. */
export type Tally = { kinds: Record<string, number>; classes: Record<string, number> };

/**
 * The output of consecutive messages, made where they are parsed (in a parser thread for a large run): one string
 * per batch crosses between threads, and the main thread only joins segments.
 */
export type OutputSegment = {
  text: string;
  /** Messages in `text`. */
  count: number;
  /** Only the table has a summary (less to copy between threads for the others). */
  tally?: Tally;
};

/** Formats messages one by one into a segment (the parsing side). */
export type SegmentBuilder = {
  add(file: string, result: ParseResult): void;
  /** The segment so far; the builder starts a new one. */
  take(): OutputSegment;
};

/** Joins segments into the output, in input order (the JSON array's commas, the table's summary). */
export type OutputAssembler = {
  /** Text written before the first message. */
  start(): string;
  /** Text for the next segment. */
  add(segment: OutputSegment): string;
  /** Text written after the last message. */
  end(): string;
};

/** Both halves in one place, for callers that format one message at a time in one thread. */
export type Formatter = {
  start(): string;
  message(file: string, result: ParseResult): string;
  end(): string;
};

export type FormatterOptions = {
  /** Terminal width for the table; the diagnostic column is cut to fit. Default: no limit (nothing is cut). */
  columns?: number;
};

/** How one message is written, and what goes between two messages of a segment. */
type MessageFormat = { text(file: string, result: ParseResult): string; separator: string; hasTally: boolean };

function messageFormat(format: OutputFormat, options: FormatterOptions): MessageFormat {
  switch (format) {
    case 'ndjson':
      return {
        text: (file, result) => `${JSON.stringify(toEvalRecord(file, result))}\n`,
        separator: '',
        hasTally: false,
      };
    case 'json':
      return {
        text: (file, result) => JSON.stringify({ file, ...result }, null, 2).replace(/\n/g, '\n  '),
        separator: JSON_SEPARATOR,
        hasTally: false,
      };
    case 'table':
      return { text: tableRows(options.columns), separator: '', hasTally: true };
    default: {
      const never: never = format;
      throw new Error(`unknown output format: ${String(never)}`);
    }
  }
}

export function createSegmentBuilder(format: OutputFormat, options: FormatterOptions = {}): SegmentBuilder {
  const { text: formatMessage, separator, hasTally } = messageFormat(format, options);
  let text = '';
  let count = 0;
  let tally: Tally = { kinds: {}, classes: {} };
  return {
    add(file, result) {
      text += (count++ === 0 ? '' : separator) + formatMessage(file, result);
      if (!hasTally) return;
      tally.kinds[result.kind] = (tally.kinds[result.kind] ?? 0) + 1;
      for (const r of result.recipients) tally.classes[r.class] = (tally.classes[r.class] ?? 0) + 1;
    },
    take() {
      const segment: OutputSegment = hasTally ? { text, count, tally } : { text, count };
      text = '';
      count = 0;
      tally = { kinds: {}, classes: {} };
      return segment;
    },
  };
}

export function createAssembler(format: OutputFormat): OutputAssembler {
  switch (format) {
    case 'ndjson':
      return { start: () => '', add: (segment) => segment.text, end: () => '' };
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
  const builder = createSegmentBuilder(format, options);
  const assembler = createAssembler(format);
  return {
    start: () => assembler.start(),
    message: (file, result) => {
      builder.add(file, result);
      return assembler.add(builder.take());
    },
    end: () => assembler.end(),
  };
}

/** Between two elements of the JSON array (each element is indented by two spaces). */
const JSON_SEPARATOR = ',\n  ';

/** A streamed JSON array: "[", then the elements separated by commas, then "]". */
function jsonAssembler(): OutputAssembler {
  let count = 0;
  return {
    start: () => '[',
    add: (segment) => {
      if (segment.count === 0) return '';
      const prefix = count === 0 ? '\n  ' : JSON_SEPARATOR;
      count += segment.count;
      return prefix + segment.text;
    },
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

function tableRows(columns: number | undefined): (file: string, result: ParseResult) => string {
  const diagnosticWidth = columns === undefined ? undefined : Math.max(MIN_DIAGNOSTIC_WIDTH, columns - FIXED_WIDTH - 1);
  return (file, result) => {
    if (result.recipients.length === 0) {
      const note = result.error ? `${result.error.code}: ${result.error.message}` : '';
      return tableRow([file, result.kind, '-', '-', '-', '-', '-'], note, diagnosticWidth);
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
    return text;
  };
}

function tableAssembler(): OutputAssembler {
  const kinds = new Map<string, number>();
  const classes = new Map<string, number>();
  let messages = 0;
  const merge = (into: Map<string, number>, counts: Record<string, number>): void => {
    for (const [name, n] of Object.entries(counts)) into.set(name, (into.get(name) ?? 0) + n);
  };
  return {
    start: () =>
      tableRow(
        TABLE_COLUMNS.map((c) => c.title),
        'DIAGNOSTIC',
      ),
    add: (segment) => {
      messages += segment.count;
      if (segment.tally) {
        merge(kinds, segment.tally.kinds);
        merge(classes, segment.tally.classes);
      }
      return segment.text;
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
