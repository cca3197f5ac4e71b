/**
 * Notifications: webhook subscriptions (add, rotate the signing secret: shown once), their delivery history with
 * status and re-send, operator e-mail subscriptions (the digests), and the event log with a type filter.
 */
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
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
import { api, fieldErrors, problemMessage, unwrap } from '../api';
import { ConfirmButton } from '../components/confirm-dialog';
import { FilterBar } from '../components/filter-bar';
import { Page, QueryState } from '../components/page';
import { Pager, usePager } from '../components/pager';
import { useI18n } from '../i18n';
import { useSession } from '../session';

function SecretOnce({ secret }: { secret: string }) {
  const { t } = useI18n();
  return (
    <Alert color="yellow" role="status" title={t.notifications.secretOnce}>
      <Code data-testid="webhook-secret">{secret}</Code>
    </Alert>
  );
}

function Webhooks() {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const query = useQuery({ queryKey: ['webhooks'], queryFn: async () => unwrap(await api.GET('/v1/webhooks')) });
  async function add(event: FormEvent) {
    event.preventDefault();
    setSecret(null);
    if (!/^https?:\/\/\S+$/.test(url.trim())) return setError(t.notifications.invalidUrl);
    setError(null);
    try {
      const created = unwrap(await api.POST('/v1/webhooks', { body: { url: url.trim() } }));
      setSecret(created.secret);
      setUrl('');
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    } catch (e) {
      setError(fieldErrors(e).url ?? problemMessage(e));
    }
  }
  async function change(run: () => Promise<unknown>) {
    try {
      await run();
      setError(null);
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    } catch (e) {
      setError(problemMessage(e));
    }
  }
  async function rotate(id: string) {
    try {
      setSecret(
        unwrap(await api.POST('/v1/webhooks/{id}/rotate-secret', { params: { path: { id } }, body: {} })).secret,
      );
      void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
    } catch (e) {
      setError(problemMessage(e));
    }
  }
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.notifications.webhooks}
      </Title>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            {query.data?.items.map((w) => (
              <Group key={w.id} justify="space-between" wrap="wrap" data-testid="webhook">
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {w.url} · {w.eventTypes.length > 0 ? w.eventTypes.join(', ') : t.notifications.allEvents} ·{' '}
                  {w.enabled ? t.notifications.receiving : t.notifications.paused} · {dateTime(w.createdAt)}
                </Text>
                {can('admin') && (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => void rotate(w.id)}>
                      {t.notifications.rotate}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        void change(async () =>
                          unwrap(
                            await api.PATCH('/v1/webhooks/{id}', {
                              params: { path: { id: w.id } },
                              body: { enabled: !w.enabled },
                            }),
                          ),
                        )
                      }
                    >
                      {w.enabled ? t.notifications.pause : t.notifications.resume}
                    </Button>
                    <ConfirmButton
                      label={t.notifications.unsubscribe}
                      ariaLabel={`${t.notifications.unsubscribe} ${w.url}`}
                      title={t.notifications.unsubscribe}
                      message={t.notifications.unsubscribeWebhook(w.url)}
                      onConfirm={async () => {
                        unwrap(await api.DELETE('/v1/webhooks/{id}', { params: { path: { id: w.id } } }));
                        void queryClient.invalidateQueries({ queryKey: ['webhooks'] });
                      }}
                    />
                  </Group>
                )}
              </Group>
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.common.none}</Text>}
          </Stack>
        )}
      </QueryState>
      {secret && <SecretOnce secret={secret} />}
      {can('admin') && (
        <form onSubmit={add} noValidate>
          <Group align="flex-end" mt="sm">
            <TextInput
              label={t.notifications.url}
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={error}
              required
              style={{ flex: '1 1 260px' }}
            />
            <Button type="submit">{t.notifications.addWebhook}</Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}

function Deliveries() {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const pager = usePager(status);
  const query = useQuery({
    queryKey: ['webhook-deliveries', status, pager.page],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/webhook-deliveries', {
          params: {
            query: { status: (status || undefined) as 'failed' | undefined, cursor: pager.page.cursor, limit: 25 },
          },
        }),
      ),
  });
  async function resend(id: string) {
    try {
      unwrap(await api.POST('/v1/webhook-deliveries/{id}/resend', { params: { path: { id } } }));
      setMessage(t.notifications.resent);
      void queryClient.invalidateQueries({ queryKey: ['webhook-deliveries'] });
    } catch (e) {
      setMessage(problemMessage(e));
    }
  }
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t.notifications.deliveries}
        </Title>
        <FilterBar label={t.notifications.deliveries}>
          <NativeSelect
            aria-label={t.common.state}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            data={[{ value: '', label: t.notifications.allStates }, 'pending', 'retrying', 'delivered', 'failed']}
          />
        </FilterBar>
      </Group>
      {message && <Text role="status">{message}</Text>}
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            <Table.ScrollContainer minWidth={600} type="native" tabIndex={0}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.notifications.event}</Table.Th>
                    <Table.Th>{t.common.state}</Table.Th>
                    <Table.Th>{t.notifications.attempts}</Table.Th>
                    <Table.Th>{t.notifications.lastAttempt}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data?.items.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Td>
                        {d.eventType ?? d.eventId} {d.address ? `· ${d.address}` : ''}
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={d.status === 'failed' ? 'red' : d.status === 'delivered' ? 'green' : 'gray'}
                        >
                          {d.status}
                        </Badge>{' '}
                        {d.lastStatusCode ?? ''} {d.lastError ?? ''}
                      </Table.Td>
                      <Table.Td>{d.attempts}</Table.Td>
                      <Table.Td>{dateTime(d.lastAttemptAt)}</Table.Td>
                      <Table.Td>
                        {can('write') && (
                          <Button size="xs" variant="default" onClick={() => void resend(d.id)}>
                            {t.notifications.resend}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.common.none}</Text>}
            <Pager pager={pager} nextCursor={query.data?.nextCursor} />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

function OperatorMail() {
  const { t } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [priority, setPriority] = useState<'normal' | 'high'>('high');
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['operator-subscriptions'],
    queryFn: async () => unwrap(await api.GET('/v1/operator-subscriptions')),
  });
  async function add(event: FormEvent) {
    event.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return setError(t.signIn.invalidEmail);
    setError(null);
    try {
      unwrap(await api.POST('/v1/operator-subscriptions', { body: { email: email.trim(), minPriority: priority } }));
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['operator-subscriptions'] });
    } catch (e) {
      setError(fieldErrors(e).email ?? problemMessage(e));
    }
  }
  async function change(run: () => Promise<unknown>) {
    try {
      await run();
      setError(null);
      void queryClient.invalidateQueries({ queryKey: ['operator-subscriptions'] });
    } catch (e) {
      setError(problemMessage(e));
    }
  }
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t.notifications.operatorMail}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t.notifications.digestHint}
      </Text>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap={4}>
            {query.data?.items.map((s) => (
              <Group key={s.id} justify="space-between" wrap="wrap" data-testid="operator-subscription">
                <Text size="sm" style={{ wordBreak: 'break-all' }}>
                  {s.email} · {t.notifications.priorities[s.minPriority as 'high' | 'normal'] ?? s.minPriority} ·{' '}
                  {s.enabled ? t.notifications.receiving : t.notifications.paused}
                </Text>
                {can('admin') && (
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        void change(async () =>
                          unwrap(
                            await api.PATCH('/v1/operator-subscriptions/{id}', {
                              params: { path: { id: s.id } },
                              body: { enabled: !s.enabled },
                            }),
                          ),
                        )
                      }
                    >
                      {s.enabled ? t.notifications.pause : t.notifications.resume}
                    </Button>
                    <ConfirmButton
                      label={t.notifications.unsubscribe}
                      ariaLabel={`${t.notifications.unsubscribe} ${s.email}`}
                      title={t.notifications.unsubscribe}
                      message={t.notifications.unsubscribeEmail(s.email)}
                      onConfirm={async () => {
                        unwrap(await api.DELETE('/v1/operator-subscriptions/{id}', { params: { path: { id: s.id } } }));
                        void queryClient.invalidateQueries({ queryKey: ['operator-subscriptions'] });
                      }}
                    />
                  </Group>
                )}
              </Group>
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.common.none}</Text>}
          </Stack>
        )}
      </QueryState>
      {can('admin') && (
        <form onSubmit={add} noValidate>
          <Group align="flex-end" mt="sm">
            <TextInput
              label={t.signIn.email}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={error}
              required
              style={{ flex: '1 1 220px' }}
            />
            <NativeSelect
              label={t.notifications.minPriority}
              value={priority}
              onChange={(e) => setPriority(e.currentTarget.value as 'normal' | 'high')}
              data={[
                { value: 'high', label: t.notifications.priorities.high },
                { value: 'normal', label: t.notifications.priorities.normal },
              ]}
            />
            <Button type="submit">{t.notifications.subscribe}</Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}

function EventLog() {
  const { t, dateTime } = useI18n();
  const [type, setType] = useState('');
  const pager = usePager(type);
  const types = useQuery({ queryKey: ['event-types'], queryFn: async () => unwrap(await api.GET('/v1/event-types')) });
  const query = useQuery({
    queryKey: ['events', type, pager.page],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/events', {
          params: { query: { type: type || undefined, cursor: pager.page.cursor, limit: 25 } },
        }),
      ),
  });
  const typeNames = ((types.data as { items?: { type?: string; name?: string }[] } | undefined)?.items ?? []).map(
    (x) => x.type ?? x.name ?? '',
  );
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t.notifications.eventLog}
        </Title>
        <FilterBar label={t.notifications.eventLog}>
          <NativeSelect
            aria-label={t.notifications.eventType}
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
            data={[{ value: '', label: t.notifications.allEvents }, ...typeNames.filter(Boolean)]}
          />
        </FilterBar>
      </Group>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            {query.data?.items.map((e) => (
              <Text size="sm" key={e.eventId} data-testid="event">
                {dateTime(e.createdAt)} · <b>{e.type}</b> {e.address ? `· ${e.address}` : ''}{' '}
                {e.priority === 'high' ? '· high' : ''}
              </Text>
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.common.none}</Text>}
            <Pager pager={pager} nextCursor={query.data?.nextCursor} />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

export default function NotificationsPage() {
  const { t } = useI18n();
  return (
    <Page title={t.nav.notifications}>
      <Webhooks />
      <Deliveries />
      <OperatorMail />
      <EventLog />
    </Page>
  );
}
