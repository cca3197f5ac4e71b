/**
 * Sender health (issue 19): the diagnosed sender alerts (one per receiving provider and cause: what is wrong, what to
 * do, in the console's language, with the evidence the bounces gave and each DNS check's result; closed by the
 * operator or by themselves when the check passes again) and the watched sending setups (checked on a schedule,
 * with their latest report; add and stop watching).
 */
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fieldErrors, problemMessage, type Schema, unwrap } from '../api';
import { ConfirmButton } from '../components/confirm-dialog';
import { FilterBar } from '../components/filter-bar';
import { Page, QueryState } from '../components/page';
import { Pager, usePager } from '../components/pager';
import { type Language, useI18n } from '../i18n';
import { useSession } from '../session';

type Localized = { en: string; de: string };
type Finding = { code: string; severity: 'fail' | 'warn' | 'info'; text: Localized; fix?: Localized };
type CheckResult = Schema<'SenderCheckResult'> & { findings: Finding[] };
type Evidence = {
  recipient?: string;
  replyText?: string | null;
  remoteMta?: string | null;
  sendingIp?: { address: string; source: string } | null;
  sendingHost?: { name: string; source: string } | null;
  envelopeDomain?: { domain: string; source: string } | null;
  headerFromDomain?: string | null;
  dkimSignatures?: { domain: string; selector: string; algorithm?: string | null }[];
  namedLists?: string[];
  replyUrls?: string[];
};
/** The stored diagnosis as the API shows it (JSON of @bounce/sender-health's Diagnosis without its plan). */
type Diagnosis = {
  headline?: Localized;
  explanation?: Localized;
  actions?: Localized[];
  confirmed?: boolean;
  resolved?: boolean | null;
  evidence?: Evidence;
  checks?: CheckResult[];
};
type SenderAlert = Schema<'SenderHealthAlert'>;
type Watch = Schema<'SenderSetupWatch'>;

/** Columns as wide as their content (name and badge), the findings take the rest. */
const NARROW = { width: '1%', whiteSpace: 'nowrap' } as const;

const STATUS_COLOR: Record<string, string> = { pass: 'green', fail: 'red', warn: 'yellow', error: 'orange' };

function StatusBadge({ status }: { status: string | null | undefined }) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status ?? ''] ?? 'gray'}>
      {status ?? '–'}
    </Badge>
  );
}

/** One line per check: its status and what its findings say, in the console's language. */
function ChecksTable({ checks, language }: { checks: CheckResult[]; language: Language }) {
  const { t } = useI18n();
  return (
    <Table.ScrollContainer minWidth={520} type="native" tabIndex={0}>
      <Table striped data-testid="checks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t.senderHealth.check}</Table.Th>
            <Table.Th>{t.common.state}</Table.Th>
            <Table.Th>{t.senderHealth.finding}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {checks.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: checks have no id and never reorder within a report
            <Table.Tr key={i}>
              <Table.Td style={NARROW}>{c.check}</Table.Td>
              <Table.Td style={NARROW}>
                <StatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>
                {c.findings.map((f) => (
                  <Text size="sm" key={f.code}>
                    {f.text[language]}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EvidenceList({ evidence }: { evidence: Evidence }) {
  const { t } = useI18n();
  const rows: [string, string | null | undefined][] = [
    [t.senderHealth.reply, evidence.replyText],
    [t.senderHealth.remoteMta, evidence.remoteMta],
    [
      t.senderHealth.sendingIp,
      evidence.sendingIp ? `${evidence.sendingIp.address} (${evidence.sendingIp.source})` : null,
    ],
    [
      t.senderHealth.sendingHost,
      evidence.sendingHost ? `${evidence.sendingHost.name} (${evidence.sendingHost.source})` : null,
    ],
    [
      t.senderHealth.envelopeDomain,
      evidence.envelopeDomain ? `${evidence.envelopeDomain.domain} (${evidence.envelopeDomain.source})` : null,
    ],
    [t.senderHealth.headerFrom, evidence.headerFromDomain],
    [t.senderHealth.dkim, evidence.dkimSignatures?.map((s) => `d=${s.domain} s=${s.selector}`).join(', ') || null],
    [t.senderHealth.namedLists, evidence.namedLists?.join(', ') || null],
  ];
  return (
    <dl className="evidence" data-testid="evidence">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>
              <Text size="sm" fw={600} component="span">
                {label}
              </Text>
            </dt>
            <dd>
              <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{value}</Code>
            </dd>
          </div>
        ))}
    </dl>
  );
}

function AlertCard({ alert, onClose }: { alert: SenderAlert; onClose: (id: string) => void }) {
  const { t, language, dateTime, number } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const d = alert.diagnosis as Diagnosis;
  const headline = d.headline?.[language] ?? `${alert.providerName}: ${alert.cause}`;
  return (
    <Paper withBorder p="md" data-testid="sender-alert">
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Stack gap={4} style={{ flex: '1 1 320px' }}>
          <Title order={4} size="h5">
            {headline}
          </Title>
          <Group gap="xs" wrap="wrap">
            <Badge variant="light" color={alert.state === 'open' ? 'red' : 'gray'}>
              {alert.state === 'open' ? t.senderHealth.open : t.senderHealth.closed}
            </Badge>
            <Badge variant="outline">{alert.cause}</Badge>
            <Text size="sm">
              {alert.providerName} · {t.senderHealth.count(number(alert.count))} · {dateTime(alert.firstSeenAt)} –{' '}
              {dateTime(alert.lastSeenAt)}
            </Text>
          </Group>
          {alert.state === 'closed' && alert.closeReason && (
            <Text size="sm" c="dimmed">
              {t.senderHealth.closeReasons[alert.closeReason]} · {dateTime(alert.closedAt)}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? t.senderHealth.hideDetails : t.senderHealth.showDetails}
          </Button>
          {alert.state === 'open' && can('write') && (
            <Button size="xs" variant="default" onClick={() => onClose(alert.id)}>
              {t.senderHealth.closeAlert}
            </Button>
          )}
        </Group>
      </Group>
      {(d.actions?.length ?? 0) > 0 && (
        <Stack gap={2} mt="sm">
          <Text size="sm" fw={600}>
            {t.senderHealth.whatToDo}
          </Text>
          <List size="sm" data-testid="actions">
            {d.actions?.map((a) => (
              <List.Item key={a.en}>{a[language]}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {open && (
        <Stack gap="sm" mt="sm">
          {d.explanation && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="explanation">
              {d.explanation[language]}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t.senderHealth.lastChecked}: {dateTime(alert.lastCheckedAt)}
            {alert.nextCheckAt ? ` · ${t.senderHealth.nextCheck}: ${dateTime(alert.nextCheckAt)}` : ''}
          </Text>
          {d.evidence && <EvidenceList evidence={d.evidence} />}
          {d.checks && d.checks.length > 0 && <ChecksTable checks={d.checks} language={language} />}
        </Stack>
      )}
    </Paper>
  );
}

function Alerts() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [state, setState] = useState<'open' | 'closed' | ''>('open');
  const pager = usePager(state);
  const [message, setMessage] = useState<string | null>(null);
  const cursor = pager.page.cursor;
  const query = useQuery({
    queryKey: ['sender-alerts', state, cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/sender-health/alerts', {
          params: { query: { state: state || undefined, cursor, limit: 20 } },
        }),
      ),
  });
  async function close(id: string) {
    try {
      unwrap(await api.POST('/v1/sender-health/alerts/{id}/close', { params: { path: { id } } }));
      setMessage(t.senderHealth.closedByYou);
      void queryClient.invalidateQueries({ queryKey: ['sender-alerts'] });
    } catch (e) {
      setMessage(problemMessage(e));
    }
  }
  const next = query.data?.nextCursor;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t.senderHealth.alerts}
        </Title>
        <FilterBar label={t.senderHealth.alerts}>
          <NativeSelect
            aria-label={t.common.state}
            value={state}
            onChange={(e) => setState(e.currentTarget.value as typeof state)}
            data={[
              { value: 'open', label: t.senderHealth.open },
              { value: 'closed', label: t.senderHealth.closed },
              { value: '', label: t.senderHealth.all },
            ]}
          />
        </FilterBar>
      </Group>
      {message && <Text role="status">{message}</Text>}
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="sm">
            {query.data?.items.map((a) => (
              <AlertCard key={a.id} alert={a} onClose={(id) => void close(id)} />
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.senderHealth.noAlerts}</Text>}
            {(pager.page.index > 0 || next) && <Pager pager={pager} nextCursor={next} />}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

const splitList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

function WatchForm() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [domain, setDomain] = useState('');
  const [ips, setIps] = useState('');
  const [selectors, setSelectors] = useState('');
  const [bounceDomain, setBounceDomain] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const e: Record<string, string> = {};
    if (!domain.trim()) e.domain = t.signIn.required;
    if (splitList(ips).length === 0) e.ips = t.signIn.required;
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    setBusy(true);
    try {
      unwrap(
        await api.POST('/v1/sender-health/setups', {
          body: {
            domain: domain.trim(),
            ips: splitList(ips),
            selectors: splitList(selectors),
            ...(bounceDomain.trim() ? { bounceDomain: bounceDomain.trim() } : {}),
          },
        }),
      );
      setDomain('');
      setIps('');
      setSelectors('');
      setBounceDomain('');
      void queryClient.invalidateQueries({ queryKey: ['sender-setups'] });
    } catch (error) {
      const fields = fieldErrors(error);
      // Array fields report per item ("ips.0"): shown at the field.
      const byField: Record<string, string> = {};
      for (const [key, value] of Object.entries(fields)) byField[key.split('.')[0] ?? key] = value;
      setErrors(byField);
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t.senderHealth.watch}>
      <Group align="flex-start" wrap="wrap" gap="sm">
        <TextInput
          label={t.senderHealth.domain}
          value={domain}
          onChange={(e) => setDomain(e.currentTarget.value)}
          error={errors.domain}
          required
          style={{ flex: '1 1 180px' }}
        />
        <TextInput
          label={t.senderHealth.ips}
          description={t.senderHealth.listHint}
          value={ips}
          onChange={(e) => setIps(e.currentTarget.value)}
          error={errors.ips}
          required
          style={{ flex: '1 1 200px' }}
        />
        <TextInput
          label={t.senderHealth.selectors}
          description={t.senderHealth.listHint}
          value={selectors}
          onChange={(e) => setSelectors(e.currentTarget.value)}
          error={errors.selectors}
          style={{ flex: '1 1 140px' }}
        />
        <TextInput
          label={t.senderHealth.bounceDomain}
          description={t.senderHealth.bounceDomainHint}
          value={bounceDomain}
          onChange={(e) => setBounceDomain(e.currentTarget.value)}
          error={errors.bounceDomain}
          style={{ flex: '1 1 180px' }}
        />
      </Group>
      {failure && (
        <Alert color="red" role="alert" mt="sm">
          {failure}
        </Alert>
      )}
      <Button type="submit" mt="sm" loading={busy}>
        {t.senderHealth.watch}
      </Button>
    </form>
  );
}

function WatchRow({ watch, onRemove }: { watch: Watch; onRemove: (id: string) => Promise<unknown> }) {
  const { t, language, dateTime } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder p="sm" data-testid="watched-setup">
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{watch.domain}</Text>
          <StatusBadge status={watch.status} />
          <Text size="sm">
            {watch.request.ips.join(', ')}
            {watch.request.selectors.length > 0 ? ` · DKIM ${watch.request.selectors.join(', ')}` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {t.senderHealth.lastChecked}: {dateTime(watch.lastCheckedAt)} · {t.senderHealth.nextCheck}:{' '}
            {dateTime(watch.nextCheckAt)}
          </Text>
        </Group>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? t.senderHealth.hideDetails : t.senderHealth.showDetails}
          </Button>
          {can('write') && (
            <ConfirmButton
              label={t.senderHealth.unwatch}
              title={t.senderHealth.unwatch}
              message={t.senderHealth.unwatchConfirm(watch.domain)}
              onConfirm={() => onRemove(watch.id)}
            />
          )}
        </Group>
      </Group>
      {open && watch.report && (
        <Stack gap="sm" mt="sm">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="report-summary">
            {watch.report.summary[language]}
          </Text>
          <ChecksTable checks={watch.report.checks as CheckResult[]} language={language} />
        </Stack>
      )}
    </Paper>
  );
}

function WatchedSetups() {
  const { t } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['sender-setups'],
    queryFn: async () => unwrap(await api.GET('/v1/sender-health/setups')),
  });
  // Failures are shown in the confirm dialog.
  async function remove(id: string) {
    unwrap(await api.DELETE('/v1/sender-health/setups/{id}', { params: { path: { id } } }));
    void queryClient.invalidateQueries({ queryKey: ['sender-setups'] });
  }
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t.senderHealth.setups}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t.senderHealth.setupsHint}
      </Text>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs" mb="md">
            {query.data?.items.map((w) => (
              <WatchRow key={w.id} watch={w} onRemove={remove} />
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.senderHealth.noSetups}</Text>}
          </Stack>
        )}
      </QueryState>
      {can('write') && <WatchForm />}
    </Paper>
  );
}

export default function SenderHealthPage() {
  const { t } = useI18n();
  return (
    <Page title={t.senderHealth.title}>
      <Alerts />
      <WatchedSetups />
    </Page>
  );
}
