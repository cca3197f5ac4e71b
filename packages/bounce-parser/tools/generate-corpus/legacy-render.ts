/**
 * How a hand-written legacy or text-only bounce (legacy.ts, legacy2.ts) becomes an .eml file: the spec of one
 * message, its labels, and the rendering (headers, body encoding, the returned original) shared by both corpora.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classOf, type Expected } from './labels.js';
import { writeManifest } from './manifest-file.js';
import { dateFor, type Header, headerBlock, originalMessage } from './message-builder.js';

export type Spec = {
  file: string;
  engine: string;
  from: string;
  to?: string;
  subject: string;
  /** Extra headers (after the standard ones). */
  headers?: Header[];
  /** The human text; `{original}` is replaced by the returned message when `returned` is 'inline'. */
  body: string;
  /** How the original message comes back: quoted inline after the text, as a message/rfc822 part, or not at all. */
  returned?: 'inline' | 'attached' | 'none';
  /** Body charset and transfer encoding for non-ASCII text. */
  encoding?: 'quoted-printable' | 'base64' | '8bit';
  originalTo: string;
  originalSubject?: string;
  /**
   * Envelope sender of the notice; default: the null path for a bounce or auto-reply, the From address otherwise. A
   * bounce forwarded by a person comes from that person's address.
   */
  returnPath?: string;
  expected: Expected[];
};

export const SENDER = 'billing@shop.example.com';

/** A recipient's label; the class follows from the reason (and reply code for notaccept). */
export function L(reason: string, status: string | null, replyCode: number | null = null): Expected {
  return { status, replyCode, reason, class: classOf(reason, replyCode) };
}

export function render(spec: Spec, n: number): string {
  const date = dateFor(n);
  const id = `<legacy-${n}.${spec.file.replace(/\.eml$/, '')}@${spec.from.replace(/.*@|>.*/g, '') || 'example.net'}>`;
  const originalId = `inv-${2025_0815 + n}@shop.example.com`;
  const original = originalMessage({
    from: SENDER,
    to: spec.originalTo,
    subject: spec.originalSubject ?? 'Invoice 2025-0815',
    date: dateFor(n - 1),
    id: originalId,
  });
  const headers: Header[] = [
    [
      'Return-Path',
      spec.returnPath
        ? `<${spec.returnPath}>`
        : spec.expected.length
          ? '<>'
          : `<${spec.from.replace(/.*</, '').replace(/>.*/, '')}>`,
    ],
    ['Date', date],
    ['From', spec.from],
    ['To', SENDER],
    ['Subject', spec.subject],
    ['Message-ID', id],
    ...(spec.headers ?? []),
    ['MIME-Version', '1.0'],
  ];
  const text = spec.body.replace('{original}', spec.returned === 'inline' ? original : '');
  const encoding = spec.encoding ?? '7bit';
  const encoded =
    encoding === 'base64'
      ? (
          Buffer.from(text, 'utf8')
            .toString('base64')
            .match(/.{1,76}/g) ?? []
        ).join('\n')
      : encoding === 'quoted-printable'
        ? quotedPrintable(text)
        : text;
  const charset = encoding === '7bit' ? 'us-ascii' : 'utf-8';
  if (spec.returned === 'attached') {
    const boundary = `----=_Part_${n}_${spec.file.length}`;
    return `${headerBlock([...headers, ['Content-Type', `multipart/mixed; boundary="${boundary}"`]])}

This is a multi-part message in MIME format.

--${boundary}
Content-Type: text/plain; charset=${charset}
Content-Transfer-Encoding: ${encoding}

${encoded}
--${boundary}
Content-Type: message/rfc822

${original}
--${boundary}--
`;
  }
  return `${headerBlock([
    ...headers,
    ['Content-Type', `text/plain; charset=${charset}`],
    ['Content-Transfer-Encoding', encoding],
  ])}

${encoded}`;
}

/** RFC 2045 quoted-printable, soft line breaks at 76 characters. */
function quotedPrintable(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const byte of Buffer.from(line, 'utf8')) {
        const ch = String.fromCharCode(byte);
        out +=
          byte === 61 || byte > 126 || (byte < 32 && byte !== 9)
            ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
            : ch;
      }
      const lines: string[] = [];
      while (out.length > 75) {
        let cut = 75;
        if (out[cut - 1] === '=') cut -= 1;
        else if (out[cut - 2] === '=') cut -= 2;
        lines.push(`${out.slice(0, cut)}=`);
        out = out.slice(cut);
      }
      lines.push(out);
      return lines.join('\n');
    })
    .join('\n');
}

/** A message that is not a bounce: nothing returned, no recipient may be reported. */
export function notBounceSpec(
  file: string,
  engine: string,
  from: string,
  subject: string,
  body: string,
  headers: Header[] = [],
): Spec {
  return { file, engine, from, subject, body, headers, originalTo: '', returned: 'none', expected: [] };
}

/** An Exim "Mail delivery failed" text bounce without a report (old Exim, cPanel, webmail fronts). */
export function eximFailureSpec(o: {
  file: string;
  engine: string;
  host: string;
  to: string;
  detail: string;
  expected: Expected;
  subject?: string;
  headers?: Header[];
}): Spec {
  return {
    file: o.file,
    engine: o.engine,
    from: `Mail Delivery System <Mailer-Daemon@${o.host}>`,
    subject: o.subject ?? 'Mail delivery failed: returning message to sender',
    originalTo: o.to,
    returned: 'inline',
    ...(o.headers ? { headers: o.headers } : {}),
    body: `This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ${o.to}
    ${o.detail}

------ This is a copy of the message, including all the headers. ------

{original}`,
    expected: [o.expected],
  };
}

/** qmail-send's text notice (no report part): its greeting, the per-address blocks, the original quoted below. */
export function qmailFailureSpec(o: {
  file: string;
  engine?: string;
  host: string;
  blocks: string;
  to: string;
  expected: Expected[];
}): Spec {
  return {
    file: o.file,
    engine: o.engine ?? 'qmail',
    from: `MAILER-DAEMON@${o.host}`,
    subject: 'failure notice',
    originalTo: o.to,
    returned: 'inline',
    body: `Hi. This is the qmail-send program at ${o.host}.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

${o.blocks}

--- Below this line is a copy of the message.

{original}`,
    expected: o.expected,
  };
}

/** Writes a legacy corpus (emails/*.eml and manifest.json) to `out`, replacing what was there. */
export function writeLegacyCorpus(name: string, out: string, specs: Spec[]): void {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'emails'), { recursive: true });
  const manifest = specs.map((spec, i) => {
    writeFileSync(join(out, 'emails', spec.file), render(spec, i + 1));
    return { file: spec.file, engine: spec.engine, expected: spec.expected };
  });
  manifest.sort((a, b) => a.file.localeCompare(b.file));
  writeManifest(join(out, 'manifest.json'), manifest);
  console.log(
    `${name}: ${manifest.length} messages, ${manifest.filter((m) => m.expected.length === 0).length} not bounces`,
  );
}

/** The text of a Postfix bounce (its default template): the greeting, then one "<recipient>: detail" line. */
export function postfixBounceText(host: string, to: string, detail: string): string {
  return `This is the mail system at host ${host}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<${to}>: ${detail}
`;
}
