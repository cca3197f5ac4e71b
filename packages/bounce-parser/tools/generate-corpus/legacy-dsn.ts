/**
 * How a hand-written RFC 3464 notice of the blind batches (legacy9.ts, legacy11.ts) becomes an .eml file: the
 * report's recipient blocks, the human text, the returned original; and how a batch of such notices and text-only
 * specs is written with its manifest. Shared so that each batch holds only its messages.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Expected } from './labels.js';
import { render, SENDER, type Spec } from './legacy-render.js';
import { writeManifest } from './manifest-file.js';
import { dateFor, type Header, headerBlock, originalMessage } from './message-builder.js';

/** One recipient block of a delivery-status part. */
export type Rcpt = {
  to: string;
  status: string;
  /** The Diagnostic-Code's text (without the `smtp;` type); absent for a report that names no reply. */
  diag?: string;
  remote?: string;
  delayed?: boolean;
  label: Expected;
};

/** A multipart/report (RFC 3464) notice: a human text, the delivery-status part, the original or its headers. */
export type Dsn = {
  kind: 'dsn';
  file: string;
  engine: string;
  from: string;
  subject: string;
  reportingMta: string;
  text: string;
  rcpts: Rcpt[];
  headers?: Header[];
  /** Whether the original comes back whole (message/rfc822) or as headers only (text/rfc822-headers). */
  returned?: 'message' | 'headers';
  /** Extra per-message fields of the report (X-Postfix-Queue-ID, Received-From-MTA, ...). */
  perMessage?: string[];
};

/** A batch's entry: a report (rendered here) or a text-only spec (rendered by legacy-render.ts). */
export type Entry = Dsn | (Spec & { kind: 'text' });

export function renderDsn(d: Dsn, n: number, batch: string): string {
  const date = dateFor(n);
  const boundary = `${n}.${d.file.length}.1741000000/${d.reportingMta}`;
  const nonAscii = /[^\x00-\x7f]/.test(d.text);
  const original = originalMessage({
    from: SENDER,
    to: d.rcpts.map((r) => r.to).join(', '),
    subject: 'Invoice 2025-0815',
    date: dateFor(n - 1),
    id: `inv${batch.replace('legacy', '')}-${2025_0815 + n}@shop.example.com`,
  });
  const returned = d.returned === 'message' ? original : original.split('\n\n')[0];
  const blocks = d.rcpts.map((r) =>
    [
      `Final-Recipient: rfc822; ${r.to}`,
      `Original-Recipient: rfc822;${r.to}`,
      `Action: ${r.delayed ? 'delayed' : 'failed'}`,
      `Status: ${r.status}`,
      ...(r.remote ? [`Remote-MTA: dns; ${r.remote}`] : []),
      ...(r.diag ? [`Diagnostic-Code: smtp; ${r.diag}`] : []),
      ...(r.delayed ? [`Will-Retry-Until: ${dateFor(n + 96)}`] : []),
    ].join('\n'),
  );
  const headers: Header[] = [
    ['Return-Path', '<>'],
    ['Date', date],
    ['From', d.from],
    ['To', SENDER],
    ['Subject', d.subject],
    ['Message-ID', `<${batch}-${n}.${d.file.replace(/\.eml$/, '')}@${d.reportingMta}>`],
    ...(d.headers ?? []),
    ['MIME-Version', '1.0'],
    ['Content-Type', `multipart/report; report-type=delivery-status;\n\tboundary="${boundary}"`],
  ];
  return `${headerBlock(headers)}

This is a MIME-encapsulated message.

--${boundary}
Content-Description: Notification
Content-Type: text/plain; charset=${nonAscii ? 'utf-8' : 'us-ascii'}
Content-Transfer-Encoding: ${nonAscii ? '8bit' : '7bit'}

${d.text}

--${boundary}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; ${d.reportingMta}
${(d.perMessage ?? []).map((l) => `${l}\n`).join('')}Arrival-Date: ${dateFor(n - 1)}

${blocks.join('\n\n')}

--${boundary}
Content-Description: ${d.returned === 'message' ? 'Undelivered Message' : 'Undelivered Message Headers'}
Content-Type: ${d.returned === 'message' ? 'message/rfc822' : 'text/rfc822-headers'}

${returned}

--${boundary}--
`;
}

/** Writes a batch (emails/*.eml and manifest.json) to `out`, replacing what was there. */
export function writeDsnBatch(batch: string, out: string, entries: Entry[]): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'emails'), { recursive: true });
  const seen = new Set<string>();
  const manifest = entries.map((e, i) => {
    if (seen.has(e.file)) throw new Error(`duplicate file name ${e.file}`);
    seen.add(e.file);
    const eml = e.kind === 'dsn' ? renderDsn(e, i + 1, batch) : render(e, i + 1);
    writeFileSync(join(out, 'emails', e.file), eml);
    const expected = e.kind === 'dsn' ? e.rcpts.map((r) => r.label) : e.expected;
    return { file: e.file, engine: e.engine, expected };
  });
  manifest.sort((a, b) => a.file.localeCompare(b.file));
  writeManifest(join(out, 'manifest.json'), manifest);
  console.log(
    `${batch}: ${manifest.length} messages, ${manifest.filter((m) => m.expected.length === 0).length} not bounces, ` +
      `${manifest.reduce((n, m) => n + m.expected.length, 0)} labelled recipients`,
  );
}
