/**
 * Addresses: search (prefix or @domain), then one address: its state and why, the verdict per category and list,
 * the soft-bounce count and window, every bounce with its parsed verdict and the readable raw message, every
 * decision with its explanation; unblock with a reason, undo a decision.
 */
import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { api, unwrap } from '../api';
import { Bounces } from '../components/address-bounces';
import { StateBadge, SuppressionReasonText } from '../components/address-state';
import { Page, QueryState } from '../components/page';
import { ReasonForm } from '../components/reason-form';
import { useI18n } from '../i18n';
import { useSession } from '../session';

function SearchResults({ q }: { q: string }) {
  const { t, dateTime } = useI18n();
  const query = useQuery({
    queryKey: ['addresses', q],
    queryFn: async () => unwrap(await api.GET('/v1/addresses', { params: { query: { q, limit: 50 } } })),
    enabled: q.length > 0,
  });
  if (!q) return null;
  return (
    <QueryState isPending={query.isPending} error={query.error}>
      {() =>
        (query.data?.items.length ?? 0) === 0 ? (
          <Text>{t.addresses.noMatch}</Text>
        ) : (
          <Table.ScrollContainer minWidth={500} type="native" tabIndex={0}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.addresses.address}</Table.Th>
                  <Table.Th>{t.common.state}</Table.Th>
                  <Table.Th>{t.addresses.why}</Table.Th>
                  <Table.Th>{t.addresses.lastBounce}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data?.items.map((a) => (
                  <Table.Tr key={a.address}>
                    <Table.Td>
                      <Link href={`/addresses/${encodeURIComponent(a.address)}`}>{a.address}</Link>
                    </Table.Td>
                    <Table.Td>
                      <StateBadge state={a.state} />
                    </Table.Td>
                    <Table.Td>
                      {a.suppressionReason ? <SuppressionReasonText reason={a.suppressionReason} /> : '–'}
                    </Table.Td>
                    <Table.Td>{dateTime(a.lastBounceAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}

function History({ address }: { address: string }) {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [undoing, setUndoing] = useState<number | null>(null);
  const query = useQuery({
    queryKey: ['address', address, 'history'],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/addresses/{address}/history', { params: { path: { address }, query: { limit: 100 } } }),
      ),
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.addresses.decisions}
      </Title>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            {query.data?.items.map((entry) => (
              <Paper withBorder p="xs" key={entry.id} data-testid="decision">
                <Group justify="space-between" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {entry.action} · {dateTime(entry.createdAt)} · {entry.actor}
                  </Text>
                  {can('write') && !entry.revertsId && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setUndoing(undoing === entry.id ? null : entry.id)}
                    >
                      {t.addresses.undo}
                    </Button>
                  )}
                </Group>
                {entry.rule && <Text size="sm">{entry.rule}</Text>}
                {entry.reason && (
                  <Text size="sm">
                    {t.common.reason}: {entry.reason}
                  </Text>
                )}
                {undoing === entry.id && (
                  <ReasonForm
                    submitLabel={t.addresses.undo}
                    onSubmit={async (reason) =>
                      unwrap(
                        await api.POST('/v1/audit/{id}/undo', { params: { path: { id: entry.id } }, body: { reason } }),
                      )
                    }
                    onDone={() => {
                      setUndoing(null);
                      void queryClient.invalidateQueries({ queryKey: ['address', address] });
                    }}
                  />
                )}
              </Paper>
            ))}
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

function AddressDetail({ address }: { address: string }) {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const details = useQuery({
    queryKey: ['address', address, 'details'],
    queryFn: async () => unwrap(await api.GET('/v1/addresses/{address}', { params: { path: { address } } })),
  });
  const verdicts = useQuery({
    queryKey: ['address', address, 'verdicts'],
    queryFn: async () => unwrap(await api.GET('/v1/addresses/{address}/verdicts', { params: { path: { address } } })),
  });
  const record = details.data?.record;
  return (
    <Stack>
      <Paper withBorder p="md">
        <QueryState isPending={details.isPending} error={details.error}>
          {() => (
            <Stack gap="xs">
              <Group>
                <Title order={3} size="h4">
                  {address}
                </Title>
                {record && <StateBadge state={record.state} />}
              </Group>
              {!details.data?.known && <Text>{t.addresses.unknown}</Text>}
              {record?.state === 'blocked' && (
                <Text data-testid="why-blocked">
                  {t.addresses.why}: <SuppressionReasonText reason={record.suppressionReason ?? ''} />{' '}
                  {record.suppressionDetail ? `– ${record.suppressionDetail}` : ''} ({dateTime(record.suppressedAt)})
                </Text>
              )}
              {details.data?.domainBlock && (
                <Text>
                  {t.addresses.domainBlocked}: {details.data.domainBlock.reason}
                </Text>
              )}
              {record?.state === 'blocked' && can('write') && (
                <ReasonForm
                  submitLabel={t.addresses.unblock}
                  onSubmit={async (reason) =>
                    unwrap(
                      await api.POST('/v1/addresses/{address}/unblock', {
                        params: { path: { address } },
                        body: { reason },
                      }),
                    )
                  }
                  onDone={() => void queryClient.invalidateQueries({ queryKey: ['address', address] })}
                />
              )}
            </Stack>
          )}
        </QueryState>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="sm">
          {t.addresses.verdicts}
        </Title>
        <QueryState isPending={verdicts.isPending} error={verdicts.error}>
          {() => {
            const v = verdicts.data!;
            return (
              <Stack gap="xs">
                <Text size="sm">
                  {t.addresses.softCount(v.softFailures.count, v.softFailures.threshold)}
                  {v.softFailures.windowEndsAt
                    ? ` · ${t.addresses.windowEnds} ${dateTime(v.softFailures.windowEndsAt)}`
                    : ''}
                </Text>
                <Table.ScrollContainer minWidth={480} type="native" tabIndex={0}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t.addresses.category}</Table.Th>
                        <Table.Th>{t.addresses.list}</Table.Th>
                        <Table.Th>{t.addresses.allowed}</Table.Th>
                        <Table.Th>{t.addresses.why}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {v.verdicts.map((row) => (
                        <Table.Tr key={`${row.category}-${row.listId}`}>
                          <Table.Td>{row.category}</Table.Td>
                          <Table.Td>{row.listId ?? '–'}</Table.Td>
                          <Table.Td>{row.allowed ? t.common.yes : t.common.no}</Table.Td>
                          <Table.Td>{row.reason}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            );
          }}
        </QueryState>
      </Paper>
      <Bounces address={address} />
      <History address={address} />
    </Stack>
  );
}

export default function AddressesPage() {
  const { t } = useI18n();
  const params = useParams<{ address?: string }>();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  const address = params.address ? decodeURIComponent(params.address) : null;
  function submit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (value.includes('@') && !value.startsWith('@') && !value.endsWith('@')) {
      navigate(`/addresses/${encodeURIComponent(value.toLowerCase())}`);
    } else navigate(`/addresses?q=${encodeURIComponent(value)}`);
  }
  return (
    <Page title={t.nav.addresses}>
      {/* biome-ignore lint/a11y/useSemanticElements: a search landmark around the form (the <search> element is not in React's types) */}
      <form onSubmit={submit} role="search">
        <Group align="flex-end">
          <TextInput
            label={t.addresses.searchLabel}
            description={t.addresses.searchHint}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: '1 1 280px' }}
          />
          <Button type="submit">{t.common.search}</Button>
        </Group>
      </form>
      {address ? <AddressDetail address={address} /> : <SearchResults q={q} />}
    </Page>
  );
}
