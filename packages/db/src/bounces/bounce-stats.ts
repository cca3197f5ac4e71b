/**
 * Aggregates for the console's overview: bounces over time by class or reason, failure rates per receiving domain
 * and per mailbox provider, and the counts of things waiting for a person. Every query is bounded by tenant and time
 * range and served by an index (bounces_tenant_occurred_idx, sends_tenant_sent_idx), so a chart over a month costs
 * the rows of that month, never the table.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { StoreError } from '../sql/errors.js';
import { queryRows } from '../sql/sql-util.js';

export const STAT_BUCKETS = ['hour', 'day', 'week'] as const;
export type StatBucket = (typeof STAT_BUCKETS)[number];

/** A chart has at most this many buckets (an hourly chart over two months; a daily one over five years). */
export const MAX_BUCKETS = 1500;

const BUCKET_MS: Record<StatBucket, number> = { hour: 3600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** The bucket a range gets when the caller asks for none: about 24 to 200 points. */
export function autoBucket(from: Date, to: Date): StatBucket {
  const span = to.getTime() - from.getTime();
  if (span <= 3 * BUCKET_MS.day) return 'hour';
  if (span <= 180 * BUCKET_MS.day) return 'day';
  return 'week';
}

export type BounceSeries = {
  bucket: StatBucket;
  timeZone: string;
  /** Bucket starts (in the time zone's calendar), oldest first. */
  buckets: Date[];
  /** Counts per key (class or reason), aligned with `buckets`; keys with no bounce in the range are absent. */
  series: { key: string; counts: number[]; total: number }[];
};

/**
 * Bounces per bucket and class (or reason) in [from, to), buckets aligned to the calendar of `timeZone` (an IANA
 * name PostgreSQL knows; a day is a local day, across DST changes). Empty buckets are zeros, not gaps.
 */
export async function bounceTimeSeries(
  db: Executor,
  tenantId: string,
  query: { from: Date; to: Date; bucket?: StatBucket; by: 'class' | 'reason'; timeZone: string },
): Promise<BounceSeries> {
  const { from, to, by, timeZone } = query;
  if (!(to > from)) throw new StoreError('invalid-input', 'the range must end after it starts');
  const bucket = query.bucket ?? autoBucket(from, to);
  if ((to.getTime() - from.getTime()) / BUCKET_MS[bucket] > MAX_BUCKETS) {
    throw new StoreError('invalid-input', `more than ${MAX_BUCKETS} ${bucket}s in the range; choose a larger bucket`);
  }
  const column = by === 'class' ? sql`b.class` : sql`b.reason`;
  // Times go in as ISO text with a cast: postgres.js binds raw-template values untyped.
  const fromAt = sql`${from.toISOString()}::timestamptz`;
  const toAt = sql`${to.toISOString()}::timestamptz`;
  // Local bucket starts as timestamptz: truncate in the zone's wall-clock time, then read that wall-clock time back
  // in the zone. generate_series over local timestamps gives the empty buckets too.
  const rows = await queryRows<{ t: Date | string; key: string | null; n: number }>(
    db,
    sql`
      with buckets as (
        select (g at time zone ${timeZone}) as t
        from generate_series(
          date_trunc(${bucket}, ${fromAt} at time zone ${timeZone}),
          (${toAt} - interval '1 microsecond') at time zone ${timeZone},
          ${`1 ${bucket}`}::interval
        ) as g
      ),
      counts as (
        select date_trunc(${bucket}, b.occurred_at at time zone ${timeZone}) at time zone ${timeZone} as t,
               ${column} as key, count(*)::int as n
        from bounces b
        where b.tenant_id = ${tenantId} and b.occurred_at >= ${fromAt} and b.occurred_at < ${toAt}
        group by 1, 2
      )
      select buckets.t, counts.key, coalesce(counts.n, 0)::int as n
      from buckets left join counts on counts.t = buckets.t
      order by buckets.t`,
  );
  const times: number[] = [];
  const index = new Map<number, number>();
  const byKey = new Map<string, number[]>();
  for (const r of rows) {
    const t = new Date(r.t).getTime();
    if (!index.has(t)) {
      index.set(t, times.length);
      times.push(t);
    }
  }
  for (const r of rows) {
    if (r.key === null || r.n === 0) continue;
    let counts = byKey.get(r.key);
    if (!counts) {
      counts = new Array(times.length).fill(0);
      byKey.set(r.key, counts);
    }
    counts[index.get(new Date(r.t).getTime()) as number] = r.n;
  }
  const series = [...byKey.entries()]
    .map(([key, counts]) => ({ key, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  return { bucket, timeZone, buckets: times.map((t) => new Date(t)), series };
}

/**
 * Mailbox providers by the domains of their consumer addresses. Business domains hosted by these providers are not
 * recognised without a DNS (MX) lookup and count under their own domain only.
 */
const PROVIDER_DOMAINS: Record<string, readonly string[]> = {
  Google: ['gmail.com', 'googlemail.com'],
  Microsoft: [
    'outlook.com',
    'outlook.de',
    'hotmail.com',
    'hotmail.de',
    'hotmail.co.uk',
    'live.com',
    'live.de',
    'msn.com',
  ],
  Yahoo: ['yahoo.com', 'yahoo.de', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'rocketmail.com', 'aol.com', 'aol.de'],
  Apple: ['icloud.com', 'me.com', 'mac.com'],
  'GMX / WEB.DE': ['gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.com', 'web.de'],
  'Deutsche Telekom': ['t-online.de', 'magenta.de'],
  freenet: ['freenet.de'],
  'mail.ru': ['mail.ru', 'inbox.ru', 'bk.ru', 'list.ru'],
  Yandex: ['yandex.ru', 'yandex.com', 'ya.ru'],
  Orange: ['orange.fr', 'wanadoo.fr'],
  Proton: ['proton.me', 'protonmail.com'],
};

const PROVIDER_OF = new Map(
  Object.entries(PROVIDER_DOMAINS).flatMap(([provider, domains]) => domains.map((d) => [d, provider] as const)),
);

export function providerOf(domain: string): string {
  return PROVIDER_OF.get(domain.toLowerCase()) ?? 'other';
}

export type FailureRate = {
  name: string;
  sends: number;
  hard: number;
  soft: number;
  complaints: number;
  failures: number;
  /** failures / sends; null without sends in the range (bounces of mail sent before it, or not reported). */
  failureRate: number | null;
};

function rank(rows: FailureRate[], minSends: number, limit: number): FailureRate[] {
  return rows
    .filter((r) => r.failures > 0)
    .sort((a, b) => {
      const ra = a.sends >= minSends ? (a.failureRate ?? 0) : -1;
      const rb = b.sends >= minSends ? (b.failureRate ?? 0) : -1;
      return rb - ra || b.failures - a.failures || a.name.localeCompare(b.name);
    })
    .slice(0, limit);
}

/**
 * Receiving domains and providers with the highest failure rate in [from, to): hard and soft bounces and complaints
 * over sends. Rows with fewer than `minSends` sends rank after the others (a 100% rate on one mail says little),
 * by failure count.
 */
export async function failureRates(
  db: Executor,
  tenantId: string,
  query: { from: Date; to: Date; limit: number; minSends: number },
): Promise<{ domains: FailureRate[]; providers: FailureRate[] }> {
  const fromAt = sql`${query.from.toISOString()}::timestamptz`;
  const toAt = sql`${query.to.toISOString()}::timestamptz`;
  const rows = await queryRows<{ domain: string; sends: number; hard: number; soft: number; complaints: number }>(
    db,
    sql`
      with s as (
        select split_part(recipient, '@', 2) as domain, count(*)::int as n
        from sends where tenant_id = ${tenantId} and sent_at >= ${fromAt} and sent_at < ${toAt}
        group by 1
      ),
      b as (
        select split_part(recipient, '@', 2) as domain,
               count(*) filter (where class = 'hard')::int as hard,
               count(*) filter (where class = 'soft')::int as soft,
               count(*) filter (where class = 'complaint')::int as complaints
        from bounces
        where tenant_id = ${tenantId} and occurred_at >= ${fromAt} and occurred_at < ${toAt}
          and recipient is not null and class in ('hard', 'soft', 'complaint')
        group by 1
      )
      select coalesce(s.domain, b.domain) as domain, coalesce(s.n, 0)::int as sends,
             coalesce(b.hard, 0)::int as hard, coalesce(b.soft, 0)::int as soft,
             coalesce(b.complaints, 0)::int as complaints
      from s full join b on b.domain = s.domain`,
  );
  const toRate = (name: string, r: { sends: number; hard: number; soft: number; complaints: number }) => {
    const failures = r.hard + r.soft + r.complaints;
    return { name, ...r, failures, failureRate: r.sends > 0 ? failures / r.sends : null };
  };
  const byProvider = new Map<string, { sends: number; hard: number; soft: number; complaints: number }>();
  for (const r of rows) {
    const provider = providerOf(r.domain);
    const acc = byProvider.get(provider) ?? { sends: 0, hard: 0, soft: 0, complaints: 0 };
    acc.sends += r.sends;
    acc.hard += r.hard;
    acc.soft += r.soft;
    acc.complaints += r.complaints;
    byProvider.set(provider, acc);
  }
  return {
    domains: rank(
      rows.map((r) => toRate(r.domain, r)),
      query.minSends,
      query.limit,
    ),
    providers: rank(
      [...byProvider.entries()].map(([name, r]) => toRate(name, r)),
      query.minSends,
      query.limit,
    ),
  };
}

export type AttentionCounts = {
  blockedAddresses: number;
  bouncesLast24h: number;
  unmatchedBounces: number;
  manualMessages: number;
  openSenderAlerts: number;
  failingMailboxes: number;
};

/** What waits for a person, in one round trip (each count served by an index). */
export async function attentionCounts(db: Executor, tenantId: string): Promise<AttentionCounts> {
  const [row] = await queryRows<AttentionCounts>(
    db,
    sql`select
      (select count(*) from addresses where tenant_id = ${tenantId} and state = 'blocked')::int as "blockedAddresses",
      (select count(*) from bounces where tenant_id = ${tenantId}
         and occurred_at >= now() - interval '24 hours')::int as "bouncesLast24h",
      (select count(*) from bounces where tenant_id = ${tenantId} and state = 'unmatched')::int as "unmatchedBounces",
      (select count(*) from raw_messages where tenant_id = ${tenantId} and status = 'manual'
         and resolved_at is null)::int as "manualMessages",
      (select count(*) from sender_alerts where tenant_id = ${tenantId}
         and resolved_at is null)::int as "openSenderAlerts",
      (select count(*) from mailboxes where tenant_id = ${tenantId}
         and (not enabled or consecutive_failures > 0))::int as "failingMailboxes"`,
  );
  return row as AttentionCounts;
}

export type SenderAlertEvidence = {
  recipient: string | null;
  status: string | null;
  replyCode: number | null;
  reason: string;
  diagnosticCode: string | null;
  remoteMta: string | null;
  occurredAt: Date;
  bounceId: string;
};

/**
 * The latest bounces behind a sender-side alert: same receiving domain and reason, within the alert's time span.
 * They are the evidence an operator shows a provider's postmaster desk (the remote MTA's own words).
 */
export async function senderAlertEvidence(
  db: Executor,
  tenantId: string,
  alert: { receivingDomain: string; reason: string; firstSeenAt: Date; lastSeenAt: Date },
  limit = 5,
): Promise<SenderAlertEvidence[]> {
  const rows = await queryRows<SenderAlertEvidence & { occurredAt: Date | string }>(
    db,
    sql`select id as "bounceId", recipient, status, reply_code as "replyCode", reason,
          diagnostic_code as "diagnosticCode", remote_mta as "remoteMta", occurred_at as "occurredAt"
        from bounces
        where tenant_id = ${tenantId} and reason = ${alert.reason}
          and occurred_at >= ${alert.firstSeenAt.toISOString()}::timestamptz
          and occurred_at <= ${alert.lastSeenAt.toISOString()}::timestamptz
          and split_part(recipient, '@', 2) = ${alert.receivingDomain}
        order by occurred_at desc limit ${limit}`,
  );
  return rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt) }));
}
