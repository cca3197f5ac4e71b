/**
 * Renders operator digest mail: plain text, high-priority events first (then oldest first), each with what a human
 * needs to act without opening the dashboard: address, bounce class/reason/status/reply code, diagnostic text, the
 * matched send and the rule's decision. Pure: events in, subject and body out.
 */

export type DigestEvent = {
  eventId: string;
  type: string;
  priority: string;
  address: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

export type DigestMail = { subject: string; text: string };

/** Long diagnostic texts are cut here; the full text is in the event log. */
const MAX_FIELD_CHARS = 500;

export function renderDigest(tenantId: string, events: readonly DigestEvent[]): DigestMail {
  const sorted = [...events].sort(
    (a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime() || (a.eventId < b.eventId ? -1 : 1),
  );
  const high = sorted.filter((e) => e.priority === 'high').length;
  const first = sorted[0];
  const subject =
    sorted.length === 1 && first
      ? `[Bounce]${first.priority === 'high' ? ' [HIGH]' : ''} ${first.type}${first.address ? `: ${first.address}` : ''} (${tenantId})`
      : `[Bounce] ${sorted.length} events for ${tenantId}${high > 0 ? ` (${high} high priority)` : ''}`;

  const counts = new Map<string, number>();
  for (const e of sorted) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const lines: string[] = [
    `${sorted.length} event${sorted.length === 1 ? '' : 's'} for tenant ${tenantId}:`,
    ...[...counts.entries()].map(([type, n]) => `  ${n} × ${type}`),
    '',
  ];
  for (const e of sorted) lines.push(...renderEvent(e), '');
  lines.push('Full details: the event log (API /events) by event id.');
  return { subject: oneLine(subject), text: lines.join('\n') };
}

function rank(e: DigestEvent): number {
  return e.priority === 'high' ? 0 : 1;
}

function renderEvent(e: DigestEvent): string[] {
  const out = [`${e.priority === 'high' ? '[HIGH] ' : ''}${e.type} at ${e.createdAt.toISOString()}`];
  const field = (label: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    out.push(`  ${label}: ${clip(typeof value === 'string' ? value : JSON.stringify(value))}`);
  };
  const p = e.payload;
  field('Address', e.address);
  const bounce = record(p.bounce);
  if (bounce) {
    const codes = [
      bounce.status ? `status ${String(bounce.status)}` : null,
      bounce.replyCode ? `reply ${String(bounce.replyCode)}` : null,
    ].filter(Boolean);
    field(
      'Bounce',
      `${String(bounce.class ?? '?')} / ${String(bounce.reason ?? '?')}${codes.length ? `, ${codes.join(', ')}` : ''}`,
    );
    field('Diagnostic', bounce.diagnosticCode);
    field('Remote MTA', bounce.remoteMta);
  }
  const send = record(p.send);
  if (send) {
    field(
      'Send',
      [send.category, send.externalId ? `id ${String(send.externalId)}` : null, send.messageId]
        .filter(Boolean)
        .join(', '),
    );
  }
  const decision = record(p.decision);
  if (decision) field('Decision', [decision.rule, decision.explanation].filter(Boolean).join(': '));
  renderSenderHealth(p, field);
  // Type-specific scalars (sender.blocked: receivingDomain, count; list removal: listId; notify-only: notify; ...).
  const shown = new Set(['type', 'tenantId', 'address', 'bounce', 'send', 'decision', 'addressState', 'firstEvent']);
  for (const [key, value] of Object.entries(p)) {
    if (shown.has(key) || value === null || typeof value === 'object') continue;
    field(key, value);
  }
  field('Event id', e.eventId);
  return out;
}

type Localized = { en: string; de: string };

function localized(v: unknown): Localized | null {
  const r = record(v);
  return r && typeof r.en === 'string' && typeof r.de === 'string' ? { en: r.en, de: r.de } : null;
}

/**
 * Sender alerts (sender_alert.*) say what is wrong and what to do in English and German (issue 19): the digest carries
 * both, so the operator reads the words, not only the group key; a changed sending setup (sender_setup.changed) lists
 * which checks changed and the report's findings.
 */
function renderSenderHealth(p: Record<string, unknown>, field: (label: string, value: unknown) => void): void {
  const provider = record(p.provider);
  if (provider) field('Provider', provider.name);
  const diagnosis = record(p.diagnosis);
  if (diagnosis) {
    const headline = localized(diagnosis.headline);
    if (headline) {
      field('What is wrong', headline.en);
      field('Was los ist', headline.de);
    }
    const actions = Array.isArray(diagnosis.actions) ? diagnosis.actions.map(localized) : [];
    for (const action of actions) if (action) field('What to do', action.en);
    for (const action of actions) if (action) field('Was zu tun ist', action.de);
  }
  if (Array.isArray(p.changes)) {
    for (const change of p.changes.map(record)) {
      if (change)
        field('Changed', `${String(change.key)}: ${String(change.from ?? 'new')} -> ${String(change.to ?? 'gone')}`);
    }
  }
  const summary = localized(record(p.report)?.summary);
  if (summary) {
    for (const line of summary.en.split('\n').filter(Boolean)) field('Report', line);
    for (const line of summary.de.split('\n').filter(Boolean)) field('Bericht', line);
  }
}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function clip(s: string): string {
  const flat = oneLine(s);
  return flat.length > MAX_FIELD_CHARS ? `${flat.slice(0, MAX_FIELD_CHARS)}…` : flat;
}

/** Event data comes from bounce messages: no line breaks reach a header or break the layout. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').trim();
}
