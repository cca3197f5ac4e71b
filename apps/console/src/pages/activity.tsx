/**
 * Who changed what, and when. Two records: the activity log (every change made through the API by a person or a
 * key, and every sign-in; admins only, /v1/activity) and the audit trail of addresses (every block, unblock and
 * rule decision with its reason; everyone, /v1/audit). Actors are shown by name and e-mail or key name (the activity
 * log names them itself; the audit trail through /v1/actors), what was changed by its name (the mailbox's name, the
 * webhook's URL, the account's e-mail, the address), and both lists filter by person.
 */
import { NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api, unwrap } from '../api';
import { FilterBar } from '../components/filter-bar';
import { Page, QueryState } from '../components/page';
import { Pager, usePager } from '../components/pager';
import { useI18n } from '../i18n';
import { useSession } from '../session';

/** Display names of actors ("user:<id>" → "Olga Ops <ops@acme.example>"); unknown actors (rules, system, import) show as they are. */
function useActorLabels() {
  const query = useQuery({ queryKey: ['actors'], queryFn: async () => unwrap(await api.GET('/v1/actors')) });
  const labels = new Map((query.data?.items ?? []).map((a) => [a.actor, a.label]));
  return { items: query.data?.items ?? [], label: (actor: string) => labels.get(actor) ?? actor };
}

function ActorSelect({ value, onChange }: { value: string; onChange: (actor: string) => void }) {
  const { t } = useI18n();
  const actors = useActorLabels();
  return (
    <NativeSelect
      label={t.activity.actor}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[
        { value: '', label: t.activity.everyone },
        ...actors.items.map((a) => ({ value: a.actor, label: a.label })),
      ]}
    />
  );
}

function target(value: Record<string, unknown> | null): string {
  if (!value) return '';
  return Object.entries(value)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

function ChangeLog() {
  const { t, dateTime } = useI18n();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  // A prefix filter: "PATCH /v1/mailboxes" matches every change of a mailbox.
  const deferredAction = useDeferredValue(action.trim());
  const pager = usePager(`${actor}|${deferredAction}`);
  const query = useQuery({
    queryKey: ['activity', actor, deferredAction, pager.page],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/activity', {
          params: {
            query: {
              actor: actor || undefined,
              action: deferredAction ? `${deferredAction}*` : undefined,
              cursor: pager.page.cursor,
              limit: 50,
            },
          },
        }),
      ),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.activity.changes}
      </Title>
      <FilterBar label={t.activity.changes}>
        <ActorSelect value={actor} onChange={setActor} />
        <TextInput
          label={t.activity.actionStartsWith}
          placeholder="PATCH /v1/mailboxes"
          value={action}
          onChange={(e) => setAction(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
      </FilterBar>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs" mt="sm">
            <Table.ScrollContainer minWidth={700} type="native" tabIndex={0}>
              <Table striped data-testid="activity-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.activity.when}</Table.Th>
                    <Table.Th>{t.activity.who}</Table.Th>
                    <Table.Th>{t.activity.what}</Table.Th>
                    <Table.Th>{t.activity.result}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data?.items.map((entry) => (
                    <Table.Tr key={entry.id} data-testid="activity">
                      <Table.Td>{dateTime(entry.createdAt)}</Table.Td>
                      <Table.Td>{entry.actorLabel}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>
                        <Text size="sm" ff="monospace">
                          {entry.action}
                        </Text>
                        <Text size="sm" data-testid="activity-target">
                          {entry.targetLabel ?? target(entry.target)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{entry.status}</Table.Td>
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

function AuditTrail() {
  const { t, dateTime } = useI18n();
  const actors = useActorLabels();
  const [actor, setActor] = useState('');
  const [address, setAddress] = useState('');
  const deferredAddress = useDeferredValue(address.trim());
  // The API wants at least 3 characters of an address; fewer means no filter yet.
  const addressFilter = deferredAddress.length >= 3 ? deferredAddress : undefined;
  const pager = usePager(`${actor}|${addressFilter ?? ''}`);
  const query = useQuery({
    queryKey: ['audit', actor, addressFilter, pager.page],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/audit', {
          params: {
            query: { actor: actor || undefined, address: addressFilter, cursor: pager.page.cursor, limit: 50 },
          },
        }),
      ),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.activity.decisions}
      </Title>
      <FilterBar label={t.activity.decisions}>
        <ActorSelect value={actor} onChange={setActor} />
        <TextInput
          label={t.activity.address}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
      </FilterBar>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs" mt="sm">
            <Table.ScrollContainer minWidth={700} type="native" tabIndex={0}>
              <Table striped data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.activity.when}</Table.Th>
                    <Table.Th>{t.activity.who}</Table.Th>
                    <Table.Th>{t.activity.what}</Table.Th>
                    <Table.Th>{t.common.reason}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data?.items.map((entry) => (
                    <Table.Tr key={entry.id} data-testid="audit">
                      <Table.Td>{dateTime(entry.createdAt)}</Table.Td>
                      <Table.Td>{actors.label(entry.actor)}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>
                        <b>{entry.action}</b> {entry.address ?? ''} {entry.rule ? `(${entry.rule})` : ''}
                      </Table.Td>
                      <Table.Td>{entry.reason ?? ''}</Table.Td>
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

export default function ActivityPage() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <Page title={t.nav.activity}>
      {can('admin') && <ChangeLog />}
      <AuditTrail />
    </Page>
  );
}
