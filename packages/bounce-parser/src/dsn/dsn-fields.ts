/**
 * RFC 3464 section 2.2/2.3: a message/delivery-status body is one group of per-message fields followed by one
 * group of per-recipient fields per recipient, groups separated by blank lines. Real reports bend this: groups
 * without blank lines between them, recipient fields mixed into the first group, fields pasted into a
 * text/plain part. Recipient groups are therefore split on every new Final-Recipient/Original-Recipient too.
 */
export type DsnRecipientFields = {
  finalRecipient: string | null;
  originalRecipient: string | null;
  actualRecipient: string | null;
  action: string | null;
  status: string | null;
  remoteMta: string | null;
  diagnosticCode: string | null;
  diagnosticType: string | null;
  lastAttemptDate: string | null;
  willRetryUntil: string | null;
  /** PowerMTA's own verdict per recipient ("X-PowerMTA-BounceCategory: bad-mailbox"), lower-cased. */
  bounceCategory: string | null;
};

export type DsnReport = {
  reportingMta: string | null;
  arrivalDate: string | null;
  recipients: DsnRecipientFields[];
};

const RECIPIENT_FIELDS = new Set([
  'final-recipient',
  'original-recipient',
  'x-actual-recipient',
  'action',
  'status',
  'remote-mta',
  'diagnostic-code',
  'last-attempt-date',
  'will-retry-until',
  'final-log-id',
  'x-powermta-bouncecategory',
]);

function emptyRecipient(): DsnRecipientFields {
  return {
    finalRecipient: null,
    originalRecipient: null,
    actualRecipient: null,
    action: null,
    status: null,
    remoteMta: null,
    diagnosticCode: null,
    diagnosticType: null,
    lastAttemptDate: null,
    willRetryUntil: null,
    bounceCategory: null,
  };
}

/** "rfc822; user@example.com" -> "user@example.com" (the address-type prefix is optional in the wild). */
export function stripTypePrefix(value: string): { type: string | null; value: string } {
  const semi = value.indexOf(';');
  if (semi > 0 && semi < 24 && /^[\w.-]+$/.test(value.slice(0, semi).trim())) {
    return { type: value.slice(0, semi).trim().toLowerCase(), value: value.slice(semi + 1).trim() };
  }
  return { type: null, value: value.trim() };
}

/** A report naming more recipients than this is hostile or broken: the rest is ignored. */
const MAX_RECIPIENTS = 1000;

type ParseState = { report: DsnReport; current: DsnRecipientFields | null };

/** Parses the fields of a delivery-status body (already decoded text with "\n" line ends). */
export function parseDsnFields(body: string): DsnReport {
  const state: ParseState = { report: { reportingMta: null, arrivalDate: null, recipients: [] }, current: null };
  let name: string | null = null;
  let value = '';
  // The reply code of a multi-line reply whose last line read so far was a "550-" line: more lines follow.
  let replyGoesOn: string | null = null;
  let pos = 0;
  const n = body.length;
  for (let lines = 0; pos < n && lines < 5000; lines++) {
    let nl = body.indexOf('\n', pos);
    if (nl === -1) nl = n;
    const c = body.charCodeAt(pos);
    if (c === 0x20 || c === 0x09) {
      const cont = body.slice(pos, nl).trim();
      if (cont === '') {
        // A whitespace-only line separates groups like an empty one.
        if (name !== null) applyField(state, name, value);
        name = null;
        state.current = null;
      } else if (name !== null) value = value ? `${value} ${cont}` : cont;
    } else if (replyGoesOn !== null && name !== null && isReplyLine(body, pos, replyGoesOn)) {
      // nullmailer writes a multi-line reply into Diagnostic-Code unfolded ("550-5.7.1 ..." then "550 5.7.1 ..." at
      // the start of the line): the lines that carry the same reply code are the rest of the reply, not fields.
      value = `${value} ${body.slice(pos, nl).trim()}`;
      if (body.charCodeAt(pos + 3) !== 0x2d) replyGoesOn = null;
    } else if (nl === pos || (nl === pos + 1 && c === 0x0d)) {
      if (name !== null) applyField(state, name, value);
      name = null;
      state.current = null; // a blank line ends the recipient group
    } else {
      if (name !== null) applyField(state, name, value);
      name = null;
      const colon = body.indexOf(':', pos);
      if (colon > pos && colon < nl && colon - pos < 64) {
        const candidate = body.slice(pos, colon).trim().toLowerCase();
        if (candidate && !candidate.includes(' ')) {
          name = candidate;
          value = body.slice(colon + 1, nl).trim();
        }
      }
      replyGoesOn = name === 'diagnostic-code' ? (MULTILINE_REPLY_START.exec(value)?.[1] ?? null) : null;
    }
    pos = nl + 1;
  }
  if (name !== null) applyField(state, name, value);
  const { report } = state;
  return { ...report, recipients: report.recipients.filter((r) => r.finalRecipient || r.originalRecipient) };
}

// "smtp; 550-5.7.1 ...": the first line of a multi-line SMTP reply (RFC 5321 4.2.1), whose code the next lines repeat.
const MULTILINE_REPLY_START = /^(?:[\w.-]{1,20};\s*)?([245]\d\d)-/;

/** Whether the line at `pos` is a line of the reply `code` ("550-..." or the last one, "550 ..."). */
function isReplyLine(body: string, pos: number, code: string): boolean {
  const next = body.charCodeAt(pos + 3);
  return body.startsWith(code, pos) && (next === 0x2d || next === 0x20);
}

function applyField(state: ParseState, name: string, value: string): void {
  if (!RECIPIENT_FIELDS.has(name)) {
    if (name === 'reporting-mta' && !state.report.reportingMta)
      state.report.reportingMta = stripTypePrefix(value).value;
    else if (name === 'arrival-date' && !state.report.arrivalDate) state.report.arrivalDate = value;
    return;
  }
  // A field the current recipient already has means the next recipient's group started without a blank line.
  if (state.current === null || hasField(state.current, name)) {
    if (state.report.recipients.length >= MAX_RECIPIENTS) return;
    state.current = emptyRecipient();
    state.report.recipients.push(state.current);
  }
  assignField(state.current, name, value);
}

const FIELD_KEYS: Record<string, keyof DsnRecipientFields> = {
  'final-recipient': 'finalRecipient',
  'original-recipient': 'originalRecipient',
  'x-actual-recipient': 'actualRecipient',
  action: 'action',
  status: 'status',
  'remote-mta': 'remoteMta',
  'diagnostic-code': 'diagnosticCode',
  'last-attempt-date': 'lastAttemptDate',
  'will-retry-until': 'willRetryUntil',
  'x-powermta-bouncecategory': 'bounceCategory',
};

function hasField(r: DsnRecipientFields, name: string): boolean {
  const key = FIELD_KEYS[name];
  return key !== undefined && r[key] !== null;
}

function assignField(r: DsnRecipientFields, name: string, value: string): void {
  switch (name) {
    case 'final-recipient':
      r.finalRecipient ??= stripTypePrefix(value).value;
      break;
    case 'original-recipient':
      r.originalRecipient ??= stripTypePrefix(value).value;
      break;
    case 'x-actual-recipient':
      r.actualRecipient ??= stripTypePrefix(value).value;
      break;
    case 'action':
      r.action ??= value.trim().toLowerCase();
      break;
    case 'status':
      r.status ??= value.trim();
      break;
    case 'remote-mta':
      r.remoteMta ??= stripTypePrefix(value).value;
      break;
    case 'diagnostic-code': {
      if (r.diagnosticCode === null) {
        const { type, value: text } = stripTypePrefix(value);
        r.diagnosticType = type;
        r.diagnosticCode = text;
      }
      break;
    }
    case 'last-attempt-date':
      r.lastAttemptDate ??= value.trim();
      break;
    case 'will-retry-until':
      r.willRetryUntil ??= value.trim();
      break;
    case 'x-powermta-bouncecategory':
      r.bounceCategory ??= value.trim().toLowerCase();
      break;
  }
}
