/**
 * Contacts (the CRM's people): search by part of the name, external id or an address; then one contact: its
 * addresses with their delivery state, the replacement addresses automatic replies suggested (accept or dismiss),
 * the bounces to each address, and its archived mail (replies and automatic replies filed at it: filter by subject
 * and dates, download the original .eml and each attachment, delete the whole archive on request: GDPR).
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { Link, useLocation, useParams, useSearch } from 'wouter';
import { api, type Schema, unwrap } from '../api';
import { BounceList } from '../components/address-bounces';
import { StateBadge, SuppressionReasonText } from '../components/address-state';
import { ConfirmButton } from '../components/confirm-dialog';
import { FilterBar } from '../components/filter-bar';
import { Page, QueryState } from '../components/page';
import { Pager, usePager } from '../components/pager';
import { useI18n } from '../i18n';
import { useSession } from '../session';

type FoundContact = Schema<'FoundContact'>;
type Suggestion = Schema<'AddressSuggestion'>;

// One character is enough: one or two find the words of names and external ids that start with them (the API).
const MIN_SEARCH = 1;
const ARCHIVE_PAGE = 25;

const contactPath = (externalId: string) => `/contacts/${encodeURIComponent(externalId)}`;

function ContactState({ contact }: { contact: FoundContact }) {
  const { t } = useI18n();
  const primary = contact.addresses.find((a) => a.primary)?.address;
  if (primary && contact.blockedAddresses.includes(primary)) return <StateBadge state="blocked" />;
  if (contact.blockedAddresses.length > 0) {
    return (
      <Badge color="orange" variant="light" c="dark">
        {t.contacts.someBlocked(contact.blockedAddresses.length)}
      </Badge>
    );
  }
  return <StateBadge state="active" />;
}

function SearchResults({ q }: { q: string }) {
  const { t } = useI18n();
  const pager = usePager(q);
  const query = useQuery({
    queryKey: ['contacts', q, pager.page],
    queryFn: async () =>
      unwrap(await api.GET('/v1/contacts', { params: { query: { q, cursor: pager.page.cursor, limit: 50 } } })),
    enabled: q.length >= MIN_SEARCH,
  });
  if (q.length < MIN_SEARCH) return null;
  return (
    <QueryState isPending={query.isPending} error={query.error}>
      {() =>
        (query.data?.items.length ?? 0) === 0 ? (
          <Text role="status">{t.contacts.noMatch}</Text>
        ) : (
          <Stack gap="xs">
            <Table.ScrollContainer minWidth={620} type="native" tabIndex={0}>
              <Table striped aria-label={t.contacts.results} data-testid="contact-results">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.contacts.name}</Table.Th>
                    <Table.Th>{t.contacts.externalId}</Table.Th>
                    <Table.Th>{t.contacts.primaryAddress}</Table.Th>
                    <Table.Th>{t.common.state}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data?.items.map((c) => (
                    <Table.Tr key={c.id} data-testid="contact">
                      <Table.Td>
                        <Anchor component={Link} href={contactPath(c.externalId)}>
                          {c.name || t.contacts.unnamed}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {c.externalId}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>
                        {c.addresses.find((a) => a.primary)?.address ?? '–'}
                      </Table.Td>
                      <Table.Td>
                        <ContactState contact={c} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager pager={pager} nextCursor={query.data?.nextCursor} />
          </Stack>
        )
      }
    </QueryState>
  );
}

function ContactSearch() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const q = (new URLSearchParams(useSearch()).get('q') ?? '').trim();
  const [text, setText] = useState(q);
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (value.length < MIN_SEARCH) return setError(t.contacts.searchHint);
    setError(null);
    navigate(`/contacts?q=${encodeURIComponent(value)}`);
  }
  return (
    <Page title={t.nav.contacts}>
      <form onSubmit={submit} noValidate>
        <FilterBar label={t.nav.contacts}>
          <TextInput
            label={t.contacts.search}
            description={t.contacts.searchHint}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
            style={{ flex: '1 1 280px' }}
          />
          <Button type="submit">{t.common.search}</Button>
        </FilterBar>
      </form>
      <SearchResults q={q} />
    </Page>
  );
}

function Addresses({ contact }: { contact: Schema<'Contact'> & { addressStates: Schema<'ContactAddressState'>[] } }) {
  const { t, date } = useI18n();
  const states = new Map(contact.addressStates.map((s) => [s.address, s]));
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.contacts.addresses}
      </Title>
      <Table.ScrollContainer minWidth={520} type="native" tabIndex={0}>
        <Table striped data-testid="contact-addresses">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.contacts.address}</Table.Th>
              <Table.Th>{t.common.state}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contact.addresses.map((a) => {
              const state = states.get(a.address);
              return (
                <Table.Tr key={a.address} data-testid="contact-address">
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    <Anchor component={Link} href={`/addresses/${encodeURIComponent(a.address)}`}>
                      {a.address}
                    </Anchor>{' '}
                    {a.primary && (
                      <Badge variant="outline" size="sm" c="dark">
                        {t.contacts.primary}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="wrap">
                      {state ? (
                        <StateBadge state={state.state} />
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t.contacts.notSeen}
                        </Text>
                      )}
                      {state?.suppressionReason && (
                        <Text size="sm">
                          <SuppressionReasonText reason={state.suppressionReason} />
                        </Text>
                      )}
                      {state?.absentUntil && (
                        <Text size="sm">{t.contacts.absent(date(state.absentFrom), date(state.absentUntil))}</Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function Suggestions({ externalId, suggestions }: { externalId: string; suggestions: Suggestion[] }) {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  async function decide(id: string, decision: 'accept' | 'dismiss') {
    const params = { path: { externalId, suggestionId: id } };
    unwrap(
      decision === 'accept'
        ? await api.POST('/v1/contacts/{externalId}/suggestions/{suggestionId}/accept', { params })
        : await api.POST('/v1/contacts/{externalId}/suggestions/{suggestionId}/dismiss', { params }),
    );
    void queryClient.invalidateQueries({ queryKey: ['contact', externalId] });
  }
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t.contacts.suggestions}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t.contacts.suggestionsHint}
      </Text>
      {suggestions.length === 0 && <Text c="dimmed">{t.contacts.noSuggestions}</Text>}
      <Stack gap="xs">
        {suggestions.map((s) => (
          <Paper withBorder p="sm" key={s.id} data-testid="suggestion">
            <Group justify="space-between" wrap="wrap" align="flex-start">
              <Stack gap={4} style={{ flex: '1 1 320px' }}>
                <Text size="sm">
                  <b>{s.suggested}</b> {t.contacts.instead} {s.address} · {t.contacts.reasons[s.reason]} ·{' '}
                  {dateTime(s.createdAt)}
                </Text>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {t.contacts.evidence}: “{s.evidence}”
                </Text>
              </Stack>
              {s.status === 'suggested' && can('write') ? (
                <Group gap="xs">
                  <ConfirmButton
                    label={t.contacts.accept}
                    ariaLabel={`${t.contacts.accept} ${s.suggested}`}
                    title={t.contacts.accept}
                    message={t.contacts.acceptConfirm(s.suggested, s.address)}
                    color="blue"
                    onConfirm={() => decide(s.id, 'accept')}
                  />
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={`${t.contacts.dismiss} ${s.suggested}`}
                    onClick={() => void decide(s.id, 'dismiss')}
                  >
                    {t.contacts.dismiss}
                  </Button>
                </Group>
              ) : (
                <Badge variant="light" c="dark" color={s.status === 'dismissed' ? 'gray' : 'green'}>
                  {t.contacts.statuses[s.status]}
                </Badge>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

/** A date field's value (yyyy-mm-dd, the browser's day) as the start or the end of that day in the browser's zone. */
function dayBound(value: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const at = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function Archive({ externalId, name }: { externalId: string; name: string }) {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [erased, setErased] = useState<string | null>(null);
  const deferredSubject = useDeferredValue(subject.trim());
  const filter = { subject: deferredSubject || undefined, from: dayBound(from, false), to: dayBound(to, true) };
  // The archive pages by offset: the pager's cursor is the next page's offset.
  const pager = usePager(JSON.stringify(filter));
  const offset = Number(pager.page.cursor ?? 0);
  const query = useQuery({
    queryKey: ['contact', externalId, 'messages', filter, offset],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/contacts/{externalId}/messages', {
          params: { path: { externalId }, query: { ...filter, limit: ARCHIVE_PAGE + 1, offset } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items.slice(0, ARCHIVE_PAGE) ?? [];
  const nextCursor = (query.data?.items.length ?? 0) > ARCHIVE_PAGE ? String(offset + ARCHIVE_PAGE) : null;
  const base = `/v1/archived-messages`;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" wrap="wrap" mb="xs">
        <Title order={3} size="h4">
          {t.contacts.archive}
        </Title>
        {can('write') && (
          <ConfirmButton
            label={t.contacts.erase}
            title={t.contacts.eraseTitle}
            message={t.contacts.eraseConfirm(name)}
            confirmLabel={t.contacts.eraseConfirmLabel}
            variant="light"
            color="red"
            onConfirm={async () => {
              const result = unwrap(
                await api.DELETE('/v1/contacts/{externalId}/messages', { params: { path: { externalId } } }),
              );
              setErased(t.contacts.erased(result.messages));
              void queryClient.invalidateQueries({ queryKey: ['contact', externalId, 'messages'] });
            }}
          />
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t.contacts.archiveHint}
      </Text>
      {erased && (
        <Alert color="green" role="status" mb="sm">
          {erased}
        </Alert>
      )}
      <FilterBar label={t.contacts.archive}>
        <TextInput
          label={t.contacts.subject}
          value={subject}
          onChange={(e) => setSubject(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <TextInput type="date" label={t.contacts.from} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t.contacts.to} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </FilterBar>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs" mt="sm">
            <Table.ScrollContainer minWidth={760} type="native" tabIndex={0}>
              <Table striped data-testid="archive-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.contacts.date}</Table.Th>
                    <Table.Th>{t.contacts.sender}</Table.Th>
                    <Table.Th>{t.contacts.subjectColumn}</Table.Th>
                    <Table.Th>{t.contacts.attachments}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((m) => (
                    <Table.Tr key={m.id} data-testid="archived-message">
                      <Table.Td>{dateTime(m.messageDate ?? m.archivedAt)}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-all' }}>{m.address}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>
                        <Text size="sm">{m.subject || t.contacts.noSubject}</Text>
                        <Text size="xs" c="dimmed">
                          {t.contacts.kinds[m.kind]}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {m.attachments.map((a) =>
                            a.stored ? (
                              <Anchor
                                key={a.position}
                                size="sm"
                                href={`${base}/${m.id}/attachments/${a.position}`}
                                download={a.filename ?? `attachment-${a.position}`}
                                style={{ wordBreak: 'break-all' }}
                              >
                                {a.filename ?? a.contentType}
                              </Anchor>
                            ) : (
                              <Text key={a.position} size="sm" c="dimmed">
                                {a.filename ?? a.contentType} ({t.contacts.notKept})
                              </Text>
                            ),
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          size="sm"
                          href={`${base}/${m.id}/source`}
                          download={`${m.id}.eml`}
                          aria-label={t.contacts.downloadOf(m.subject || t.contacts.noSubject)}
                        >
                          {t.contacts.download}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {items.length === 0 && <Text c="dimmed">{t.common.none}</Text>}
            <Pager pager={pager} nextCursor={nextCursor} />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

function ContactDetails({ externalId }: { externalId: string }) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['contact', externalId],
    queryFn: async () => unwrap(await api.GET('/v1/contacts/{externalId}', { params: { path: { externalId } } })),
  });
  const title = query.data ? query.data.name || query.data.externalId : externalId;
  return (
    <Page
      title={title}
      actions={
        <Anchor component={Link} href="/contacts">
          {t.contacts.back}
        </Anchor>
      }
    >
      <QueryState isPending={query.isPending} error={query.error}>
        {() => {
          const contact = query.data!;
          return (
            <Stack gap="lg">
              <Text size="sm">
                {t.contacts.externalId}:{' '}
                <Text span ff="monospace" size="sm">
                  {contact.externalId}
                </Text>
              </Text>
              <Addresses contact={contact} />
              <Suggestions externalId={contact.externalId} suggestions={contact.suggestions} />
              <Archive externalId={contact.externalId} name={title} />
              <Paper withBorder p="md">
                <Title order={3} size="h4" mb="sm">
                  {t.addresses.bounces}
                </Title>
                <Stack gap="md">
                  {contact.addresses.map((a) => (
                    <Stack gap={4} key={a.address} data-testid="contact-bounces">
                      <Title order={4} size="h6" style={{ wordBreak: 'break-all' }}>
                        {t.contacts.bouncesTo(a.address)}
                      </Title>
                      <BounceList address={a.address} />
                    </Stack>
                  ))}
                </Stack>
              </Paper>
            </Stack>
          );
        }}
      </QueryState>
    </Page>
  );
}

export default function ContactsPage() {
  const params = useParams<{ externalId?: string }>();
  return params.externalId ? <ContactDetails externalId={decodeURIComponent(params.externalId)} /> : <ContactSearch />;
}
