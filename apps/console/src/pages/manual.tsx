/**
 * Manual processing: messages the pipeline could not match or parse. View one (readable), assign it to a
 * recipient (and a send, when known), mark it as not a bounce, re-parse it after a parser upgrade; or select
 * several and act on all of them at once.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useDeferredValue, useState } from 'react';
import { api, fieldErrors, problemMessage, type Schema, unwrap } from '../api';
import { Page, QueryState } from '../components/page';
import { Pager, usePager } from '../components/pager';
import { RawView } from '../components/raw-view';
import { useI18n } from '../i18n';
import { useSession } from '../session';

type ManualMessage = Schema<'ManualMessage'>;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function AssignForm({ message, onDone }: { message: ManualMessage; onDone: () => void }) {
  const { t } = useI18n();
  const [recipient, setRecipient] = useState(message.bounces[0]?.recipient ?? '');
  const [bounceClass, setBounceClass] = useState<'hard' | 'soft'>('hard');
  const [externalId, setExternalId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const value = recipient.trim().toLowerCase();
    if (!value) return setErrors({ recipient: t.signIn.required });
    if (!EMAIL.test(value)) return setErrors({ recipient: t.signIn.invalidEmail });
    setErrors({});
    setBusy(true);
    try {
      const bounceId = message.bounces.find((b) => b.state === 'unmatched')?.id;
      unwrap(
        await api.POST('/v1/manual-messages/{id}/assign', {
          params: { path: { id: message.id } },
          body: {
            recipient: value,
            ...(bounceId ? { bounceId } : { class: bounceClass }),
            ...(externalId.trim() ? { externalId: externalId.trim() } : {}),
          },
        }),
      );
      onDone();
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t.manual.recipient}
            value={recipient}
            onChange={(e) => setRecipient(e.currentTarget.value)}
            error={errors.recipient}
            required
          />
          <NativeSelect
            label={t.manual.bounceClass}
            value={bounceClass}
            onChange={(e) => setBounceClass(e.currentTarget.value as 'hard' | 'soft')}
            data={['hard', 'soft']}
          />
          <TextInput
            label={t.manual.sendId}
            value={externalId}
            onChange={(e) => setExternalId(e.currentTarget.value)}
            error={errors.externalId}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={busy}>
            {t.manual.assign}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A reply or automatic reply that matched no contact: the person finds the contact (part of the name, external id or
 * an address) and files the message in its archive; it then leaves the list.
 */
function FileAtContact({ message, onDone }: { message: ManualMessage; onDone: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const q = useDeferredValue(text.trim());
  const found = useQuery({
    queryKey: ['contacts', q, 'pick'],
    queryFn: async () => unwrap(await api.GET('/v1/contacts', { params: { query: { q, limit: 5 } } })),
    enabled: q.length >= 3,
  });
  async function file(externalId: string) {
    setFailure(null);
    try {
      unwrap(
        await api.POST('/v1/manual-messages/{id}/archive', {
          params: { path: { id: message.id } },
          body: { externalId },
        }),
      );
      onDone();
    } catch (error) {
      setFailure(problemMessage(error));
    }
  }
  return (
    <Stack gap="xs" data-testid="file-at-contact">
      <Text size="sm" fw={600}>
        {t.manual.fileAtContact}
      </Text>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      <TextInput
        label={t.manual.findContact}
        description={t.contacts.searchHint}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {q.length >= 3 && found.data && (
        <Stack gap={4} role="list" aria-label={t.contacts.results}>
          {found.data.items.length === 0 && <Text size="sm">{t.contacts.noMatch}</Text>}
          {found.data.items.map((c) => (
            <Group key={c.id} role="listitem" justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm">
                {c.name || t.contacts.unnamed} · {c.externalId} · {c.addresses.find((a) => a.primary)?.address ?? ''}
              </Text>
              <Button size="xs" variant="light" onClick={() => void file(c.externalId)}>
                {t.manual.fileAt(c.name || c.externalId)}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

type ReparseResult = {
  kind: string;
  recipients: number;
  outcome: 'applied' | 'unmatched' | 'unchanged';
  resolved: boolean;
};

function MessageDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['manual-messages', id],
    queryFn: async () => unwrap(await api.GET('/v1/manual-messages/{id}', { params: { path: { id } } })),
  });
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: ['manual-messages'] });
    onClose();
  };
  const [reparsed, setReparsed] = useState<ReparseResult | null>(null);
  // A re-parse reports what the parser sees now; the dialog stays open to say it (a settled message leaves the list).
  async function reparse() {
    setNote(null);
    try {
      const result = unwrap(await api.POST('/v1/manual-messages/{id}/reparse', { params: { path: { id } } }));
      setReparsed(result);
      void queryClient.invalidateQueries({ queryKey: ['manual-messages'] });
    } catch (error) {
      setNote(problemMessage(error));
    }
  }
  async function act(run: () => Promise<unknown>) {
    try {
      await run();
      done();
    } catch (error) {
      setNote(problemMessage(error));
    }
  }
  return (
    <Modal
      opened
      onClose={onClose}
      title={t.manual.message}
      size="xl"
      closeButtonProps={{ 'aria-label': t.common.close }}
    >
      <QueryState isPending={query.isPending} error={query.error}>
        {() => {
          const data = query.data!;
          return (
            <Stack>
              {data.message.error && <Text size="sm">{data.message.error}</Text>}
              {can('write') && !data.message.resolvedAt && (
                <Paper withBorder p="sm">
                  {/* A reply (no bounce waits for a recipient): filed at a contact rather than assigned. */}
                  {!data.message.bounces.some((b) => b.state === 'unmatched') && (
                    <Paper withBorder p="sm" mb="sm">
                      <FileAtContact message={data.message} onDone={done} />
                    </Paper>
                  )}
                  <AssignForm message={data.message} onDone={done} />
                  <Group mt="sm">
                    <Button
                      variant="default"
                      onClick={() =>
                        void act(async () =>
                          unwrap(
                            await api.POST('/v1/manual-messages/{id}/not-bounce', {
                              params: { path: { id } },
                              body: {},
                            }),
                          ),
                        )
                      }
                    >
                      {t.manual.notBounce}
                    </Button>
                    <Button variant="default" onClick={() => void reparse()}>
                      {t.manual.reparse}
                    </Button>
                  </Group>
                  {note && (
                    <Text role="alert" c="red.9" size="sm">
                      {note}
                    </Text>
                  )}
                </Paper>
              )}
              {reparsed && (
                <Alert color={reparsed.resolved ? 'green' : 'yellow'} role="status" data-testid="reparse-result">
                  {t.manual.reparsed(reparsed.kind, reparsed.recipients, t.manual.outcomes[reparsed.outcome])}
                </Alert>
              )}
              <RawView raw={data.view} />
            </Stack>
          );
        }}
      </QueryState>
    </Modal>
  );
}

export default function ManualPage() {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [resolved, setResolved] = useState<'false' | 'true'>('false');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [bulkResult, setBulkResult] = useState<string | null>(null);
  const pager = usePager(resolved);
  const query = useQuery({
    queryKey: ['manual-messages', 'list', resolved, pager.page],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/manual-messages', { params: { query: { resolved, cursor: pager.page.cursor, limit: 50 } } }),
      ),
  });
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  async function bulk(action: 'not-bounce' | 'reparse') {
    setBulkResult(null);
    try {
      const result = unwrap(await api.POST('/v1/manual-messages/bulk', { body: { action, ids: [...selected] } }));
      const ok = result.results.filter((r) => r.ok).length;
      setBulkResult(t.manual.bulkDone(ok, result.results.length));
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['manual-messages'] });
    } catch (error) {
      setBulkResult(problemMessage(error));
    }
  }
  return (
    <Page
      title={t.nav.manual}
      actions={
        <NativeSelect
          aria-label={t.manual.show}
          value={resolved}
          onChange={(e) => setResolved(e.currentTarget.value as 'false' | 'true')}
          data={[
            { value: 'false', label: t.manual.open },
            { value: 'true', label: t.manual.resolved },
          ]}
        />
      }
    >
      {can('write') && resolved === 'false' && (
        <Group>
          <Button variant="default" disabled={selected.size === 0} onClick={() => void bulk('not-bounce')}>
            {t.manual.bulkNotBounce(selected.size)}
          </Button>
          <Button variant="default" disabled={selected.size === 0} onClick={() => void bulk('reparse')}>
            {t.manual.bulkReparse(selected.size)}
          </Button>
          {bulkResult && <Text role="status">{bulkResult}</Text>}
        </Group>
      )}
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            {query.data?.items.map((m) => (
              <Paper withBorder p="sm" key={m.id} data-testid="manual-message">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Group wrap="nowrap" align="flex-start">
                    {can('write') && resolved === 'false' && (
                      <Checkbox
                        aria-label={t.manual.select(m.subject ?? m.id)}
                        checked={selected.has(m.id)}
                        onChange={() => toggle(m.id)}
                        mt={4}
                      />
                    )}
                    <Stack gap={2}>
                      <Text fw={600}>{m.subject ?? '–'}</Text>
                      <Text size="sm">
                        {m.from ?? '–'} · {dateTime(m.receivedAt)} · {m.mailboxName ?? '–'}
                      </Text>
                      <Text size="sm">{m.error ?? ''}</Text>
                      {m.resolution && (
                        <Badge variant="light" color="gray" c="dark">
                          {m.resolution} {m.filedAddress ?? ''}
                        </Badge>
                      )}
                    </Stack>
                  </Group>
                  <Button size="xs" variant="light" onClick={() => setOpen(m.id)}>
                    {t.manual.view}
                  </Button>
                </Group>
              </Paper>
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.common.none}</Text>}
            <Pager pager={pager} nextCursor={query.data?.nextCursor} />
          </Stack>
        )}
      </QueryState>
      {open && <MessageDialog id={open} onClose={() => setOpen(null)} />}
    </Page>
  );
}
