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

export type Formatter = {
  /** Text written before the first message. */
  start(): string;
  /** Text for one message. */
  message(file: string, result: ParseResult): string;
  /** Text written after the last message. */
  end(): string;
};

export type FormatterOptions = {
  /** Terminal width for the table; the diagnostic column is cut to fit. Default: no limit (nothing is cut). */
  columns?: number;
};

export function createFormatter(format: OutputFormat, options: FormatterOptions = {}): Formatter {
  switch (format) {
    case 'ndjson':
      return ndjsonFormatter();
    case 'json':
      return jsonFormatter();
    case 'table':
      return tableFormatter(options.columns);
    default: {
      const never: never = format;
      throw new Error(`unknown output format: ${String(never)}`);
    }
  }
}

function ndjsonFormatter(): Formatter {
  return {
    start: () => '',
    message: (file, result) => `${JSON.stringify(toEvalRecord(file, result))}\n`,
    end: () => '',
  };
}

/** A streamed JSON array: "[", then the elements separated by commas, then "]". */
function jsonFormatter(): Formatter {
  let count = 0;
  return {
    start: () => '[',
    message: (file, result) => {
      const text = JSON.stringify({ file, ...result }, null, 2).replace(/\n/g, '\n  ');
      return `${count++ === 0 ? '' : ','}\n  ${text}`;
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

function tableFormatter(columns: number | undefined): Formatter {
  const diagnosticWidth = columns === undefined ? undefined : Math.max(MIN_DIAGNOSTIC_WIDTH, columns - FIXED_WIDTH - 1);
  const kinds = new Map<string, number>();
  const classes = new Map<string, number>();
  let messages = 0;

  const row = (cells: string[], diagnostic: string): string => {
    const fixed = cells.map((cell, i) => fit(cell, TABLE_COLUMNS[i]!.width)).join(TABLE_GAP);
    const clean = sanitizeCell(diagnostic);
    const last = diagnosticWidth !== undefined && clean.length > diagnosticWidth ? fit(clean, diagnosticWidth) : clean;
    return `${fixed}${TABLE_GAP}${last}`.trimEnd() + '\n';
  };

  return {
    start: () =>
      row(
        TABLE_COLUMNS.map((c) => c.title),
        'DIAGNOSTIC',
      ),
    message: (file, result) => {
      messages++;
      kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
      if (result.recipients.length === 0) {
        const note = result.error ? `${result.error.code}: ${result.error.message}` : '';
        return row([file, result.kind, '-', '-', '-', '-', '-'], note);
      }
      let out = '';
      for (const r of result.recipients) {
        classes.set(r.class, (classes.get(r.class) ?? 0) + 1);
        out += row(
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
        );
      }
      return out;
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
