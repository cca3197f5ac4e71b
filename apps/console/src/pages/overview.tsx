/**
 * What an operator checks first: counts that need attention, bounces over time by class and by reason (in the
 * user's time zone), receiving domains and providers by failure rate, open sender-side alerts with their evidence,
 * queue health (with the queue dashboard's link) and mailbox health.
 */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { api, type Schema, unwrap } from '../api';
import { Page, QueryState } from '../components/page';
import { TIME_ZONE, useI18n } from '../i18n';

// The chart library (uPlot) is its own chunk, requested as soon as this page's code runs: it loads while the
// page's data is fetched, and the tables, alerts and queues show without waiting for it.
const chartModule = import('../components/time-chart');
const TimeChart = lazy(async () => ({ default: (await chartModule).TimeChart }));

const RANGES = {
  '24h': { hours: 24, bucket: 'hour' },
  '7d': { hours: 24 * 7, bucket: 'day' },
  '30d': { hours: 24 * 30, bucket: 'day' },
  '90d': { hours: 24 * 90, bucket: 'week' },
} as const;
type RangeKey = keyof typeof RANGES;

function rangeOf(key: RangeKey) {
  const to = new Date();
  const from = new Date(to.getTime() - RANGES[key].hours * 3600_000);
  return { from: from.toISOString(), to: to.toISOString(), bucket: RANGES[key].bucket };
}

/**
 * The page's data: one request (GET /v1/overview) per range, shared by its components through the query cache and
 * by `prefetch`. One answer instead of seven: one authentication, and the browser's six connections stay free for
 * the page's code.
 */
const overviewQuery = (range: RangeKey) =>
  queryOptions({
    queryKey: ['overview', range],
    queryFn: async () => {
      const { from, to, bucket } = rangeOf(range);
      return unwrap(
        await api.GET('/v1/overview', {
          params: { query: { from, to, bucket, tz: TIME_ZONE, limit: 10, minSends: 1 } },
        }),
      );
    },
  });

const DEFAULT_RANGE: RangeKey = '7d';

/** The request of the page, as soon as its code is loaded (app.tsx calls this), not when React first renders it. */
export function prefetch(client: QueryClient): void {
  void client.prefetchQuery(overviewQuery(DEFAULT_RANGE));
}

/** One part of the overview; the range decides the charts and rankings (the other parts do not depend on it). */
function useOverview<T>(range: RangeKey, select: (overview: Schema<'Overview'>) => T) {
  return useQuery({ ...overviewQuery(range), select });
}

function BounceChart({ range, by, title }: { range: RangeKey; by: 'class' | 'reason'; title: string }) {
  const { t } = useI18n();
  const query = useOverview(range, (o) => (by === 'class' ? o.bouncesByClass : o.bouncesByReason));
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => query.data && <SeriesChart data={query.data} title={title} summary={t.overview.chartSummary} />}
      </QueryState>
    </Paper>
  );
}

function SeriesChart(props: { data: Schema<'BounceSeries'>; title: string; summary: (n: number) => string }) {
  const { data } = props;
  const series = useMemo(() => data.series.map((s) => ({ label: s.key, values: s.counts })), [data]);
  const total = data.series.reduce((sum, s) => sum + s.total, 0);
  return (
    <Stack gap="xs">
      <Suspense fallback={<div style={{ height: 240 }} />}>
        <TimeChart times={data.buckets} series={series} label={`${props.title}: ${props.summary(total)}`} />
      </Suspense>
      <Group gap="xs" data-testid="series-totals">
        {data.series.map((s) => (
          <Badge key={s.key} variant="light" color="gray" c="dark">
            {s.key}: {s.total}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

function Attention({ range }: { range: RangeKey }) {
  const { t, number } = useI18n();
  const query = useOverview(range, (o) => o.attention);
  return (
    <QueryState isPending={query.isPending} error={query.error}>
      {() => (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          {(Object.keys(t.overview.attention) as (keyof typeof t.overview.attention)[]).map((key) => (
            <Card withBorder key={key} padding="sm">
              <Text size="xs" c="dimmed">
                {t.overview.attention[key]}
              </Text>
              <Text size="xl" fw={700} data-testid={`attention-${key}`}>
                {number(query.data?.[key] ?? 0)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </QueryState>
  );
}

function FailureRates({ range }: { range: RangeKey }) {
  const { t, percent, number } = useI18n();
  const query = useOverview(range, (o) => o.failureRates);
  const table = (title: string, rows: Schema<'FailureRate'>[]) => (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t.common.none}</Text>
      ) : (
        <Table.ScrollContainer minWidth={360} type="native" tabIndex={0}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.overview.name}</Table.Th>
                <Table.Th ta="right">{t.overview.sends}</Table.Th>
                <Table.Th ta="right">{t.overview.failures}</Table.Th>
                <Table.Th ta="right">{t.overview.rate}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.name}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td ta="right">{number(r.sends)}</Table.Td>
                  <Table.Td ta="right">{number(r.failures)}</Table.Td>
                  <Table.Td ta="right">{percent(r.failureRate)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
  return (
    <QueryState isPending={query.isPending} error={query.error}>
      {() => (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {table(t.overview.topDomains, query.data?.domains ?? [])}
          {table(t.overview.topProviders, query.data?.providers ?? [])}
        </SimpleGrid>
      )}
    </QueryState>
  );
}

function AlertEvidence({ id }: { id: string }) {
  const { dateTime } = useI18n();
  const query = useQuery({
    queryKey: ['sender-alerts', id, 'evidence'],
    queryFn: async () => unwrap(await api.GET('/v1/sender-alerts/{id}/evidence', { params: { path: { id } } })),
  });
  return (
    <QueryState isPending={query.isPending} error={query.error}>
      {() => (
        <Stack gap={4}>
          {(query.data?.evidence ?? []).map((e, i) => (
            <Text size="sm" key={String(e.bounceId ?? i)}>
              {dateTime(e.occurredAt as string)} · {String(e.recipient ?? '')} ·{' '}
              <Code>{String(e.diagnosticCode ?? e.status ?? '')}</Code>
            </Text>
          ))}
        </Stack>
      )}
    </QueryState>
  );
}

function SenderAlerts({ range }: { range: RangeKey }) {
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState<string | null>(null);
  const query = useOverview(range, (o) => ({ items: o.openSenderAlerts }));
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.overview.alerts}
      </Title>
      <QueryState isPending={query.isPending} error={query.error}>
        {() =>
          (query.data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed">{t.overview.noAlerts}</Text>
          ) : (
            <Stack>
              {query.data?.items.map((a) => (
                <Paper key={a.id} withBorder p="sm">
                  <Group justify="space-between" wrap="wrap">
                    <Text fw={600}>
                      {a.reason} · {a.receivingDomain}
                    </Text>
                    <Text size="sm">
                      {t.overview.count}: {a.count} · {t.overview.lastSeen}: {dateTime(a.lastSeenAt)}
                    </Text>
                  </Group>
                  {a.sampleDiagnostic && <Code block>{a.sampleDiagnostic}</Code>}
                  <Button
                    variant="subtle"
                    size="xs"
                    mt="xs"
                    aria-expanded={open === a.id}
                    onClick={() => setOpen(open === a.id ? null : a.id)}
                  >
                    {t.overview.evidence}
                  </Button>
                  {open === a.id && <AlertEvidence id={a.id} />}
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Paper>
  );
}

function Queues({ range }: { range: RangeKey }) {
  const { t, number } = useI18n();
  const query = useOverview(range, (o) => o.queues);
  // Queue health is the installation's: the API leaves it out for anyone but admins.
  if (query.data === null) return null;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t.overview.queues}
        </Title>
        {query.data?.dashboardUrl && <Anchor href="/dashboard">{t.overview.dashboard}</Anchor>}
      </Group>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Table.ScrollContainer minWidth={420} type="native" tabIndex={0}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.overview.queue}</Table.Th>
                  <Table.Th ta="right">{t.overview.waiting}</Table.Th>
                  <Table.Th ta="right">{t.overview.active}</Table.Th>
                  <Table.Th ta="right">{t.overview.failed}</Table.Th>
                  <Table.Th ta="right">{t.overview.delayed}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data?.queues.map((q) => (
                  <Table.Tr key={q.name}>
                    <Table.Td>{q.name}</Table.Td>
                    <Table.Td ta="right">{number(q.waiting)}</Table.Td>
                    <Table.Td ta="right">{number(q.active)}</Table.Td>
                    <Table.Td ta="right" c={q.failed > 0 ? 'red.9' : undefined}>
                      {number(q.failed)}
                    </Table.Td>
                    <Table.Td ta="right">{number(q.delayed)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Paper>
  );
}

function MailboxHealth({ range }: { range: RangeKey }) {
  const { t, dateTime } = useI18n();
  const query = useOverview(range, (o) => ({ items: o.mailboxes }));
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.overview.mailboxes}
      </Title>
      <QueryState isPending={query.isPending} error={query.error}>
        {() =>
          (query.data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed">{t.common.none}</Text>
          ) : (
            <Stack gap="xs">
              {query.data?.items.map((m) => (
                <Group key={m.id} justify="space-between" wrap="wrap">
                  <Text>
                    {m.name}{' '}
                    <Text span c="dimmed" size="sm">
                      ({m.host})
                    </Text>
                  </Text>
                  <Group gap="xs">
                    <Badge color={!m.enabled ? 'gray' : m.lastError ? 'red' : 'green'} variant="light" c="dark">
                      {!m.enabled ? t.mailboxes.disabled : m.lastError ? t.mailboxes.lastError : t.mailboxes.healthy}
                    </Badge>
                    <Text size="sm">
                      {t.mailboxes.lastSuccess}: {dateTime(m.lastSuccessAt)}
                    </Text>
                  </Group>
                </Group>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Paper>
  );
}

export default function OverviewPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<RangeKey>(DEFAULT_RANGE);
  return (
    <Page
      title={t.overview.title}
      actions={
        <SegmentedControl
          aria-label={t.overview.range}
          value={range}
          onChange={(v) => setRange(v as RangeKey)}
          data={(Object.keys(RANGES) as RangeKey[]).map((k) => ({ value: k, label: t.overview.ranges[k] }))}
        />
      }
    >
      <Attention range={range} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <BounceChart range={range} by="class" title={t.overview.byClass} />
        <BounceChart range={range} by="reason" title={t.overview.byReason} />
      </SimpleGrid>
      <FailureRates range={range} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SenderAlerts range={range} />
        <Queues range={range} />
      </SimpleGrid>
      <MailboxHealth range={range} />
    </Page>
  );
}
