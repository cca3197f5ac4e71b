/**
 * The tenant's SMTP server (`/v1/smtp-server`), through which the account test sends its test message: shown on the
 * Mailboxes page, set up and changed in a dialog (host, port, TLS, sign-in: none, password, or the OAuth sign-in of
 * one of the tenant's Microsoft 365 / Google mailboxes), removed. The password is write-only: the API only says
 * whether one is stored, and the field stays empty (left empty, the stored one is kept where the API allows it).
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fieldErrors, problemMessage, type Schema, unwrap } from '../api';
import { QueryState } from '../components/page';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { serverAddressErrors } from './server-address';

type SmtpServer = Schema<'TenantSmtpServer'>;
type Mailbox = Schema<'Mailbox'>;
type TlsMode = SmtpServer['tlsMode'];
type AuthMethod = SmtpServer['authMethod'];

type Draft = {
  host: string;
  port: number | string;
  tlsMode: TlsMode;
  tlsAllowInvalid: boolean;
  authMethod: AuthMethod;
  username: string;
  secret: string;
  oauthMailboxId: string;
  fromAddress: string;
};

const EMPTY: Draft = {
  host: '',
  port: 587,
  tlsMode: 'starttls',
  tlsAllowInvalid: false,
  authMethod: 'password',
  username: '',
  secret: '',
  oauthMailboxId: '',
  fromAddress: '',
};

const SMTP_SERVER_KEY = ['smtp-server'];

/** A sender as the API accepts it: "a@b.example" or "Name <a@b.example>" (the same rule as the store's). */
const FROM_ADDRESS = /^[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>$|^[^\s<>@]+@[^\s<>@]+$/;

function SmtpServerForm({
  server,
  oauthMailboxes,
  onClose,
}: {
  server: SmtpServer | null;
  oauthMailboxes: Mailbox[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const m = t.smtpServer;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(
    server
      ? {
          ...EMPTY,
          ...server,
          username: server.username ?? '',
          oauthMailboxId: server.oauthMailboxId ?? '',
          secret: '',
        }
      : EMPTY,
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    // A field's message goes once it is changed; the rest stay until the next save.
    setErrors(({ [key]: _changed, ...rest }) => rest);
  };
  const keepsPassword = server?.authMethod === 'password' && server.hasPassword;

  function validate(): boolean {
    const e = serverAddressErrors(draft, t);
    const required = t.signIn.required;
    if (!draft.fromAddress.trim()) e.fromAddress = required;
    else if (!FROM_ADDRESS.test(draft.fromAddress.trim())) e.fromAddress = m.invalidFrom;
    if (draft.authMethod === 'password') {
      if (!draft.username.trim()) e.username = required;
      if (!draft.secret && !keepsPassword) e.secret = required;
    }
    if (draft.authMethod === 'oauth2' && !draft.oauthMailboxId) e.oauthMailboxId = m.chooseMailbox;
    setErrors(e);
    return Object.keys(e).length === 0;
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!validate()) return;
    setBusy(true);
    try {
      const username = draft.username.trim();
      unwrap(
        await api.PUT('/v1/smtp-server', {
          body: {
            host: draft.host.trim(),
            port: Number(draft.port),
            tlsMode: draft.tlsMode,
            tlsAllowInvalid: draft.tlsAllowInvalid,
            authMethod: draft.authMethod,
            fromAddress: draft.fromAddress.trim(),
            ...(draft.authMethod === 'password' ? { username, ...(draft.secret ? { secret: draft.secret } : {}) } : {}),
            ...(draft.authMethod === 'oauth2'
              ? { oauthMailboxId: draft.oauthMailboxId, ...(username ? { username } : {}) }
              : {}),
          },
        }),
      );
      void queryClient.invalidateQueries({ queryKey: SMTP_SERVER_KEY });
      onClose();
    } catch (error) {
      setErrors(fieldErrors(error));
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} noValidate>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t.mailboxes.host}
            value={draft.host}
            onChange={(e) => set('host', e.currentTarget.value)}
            error={errors.host}
            required
          />
          <NumberInput
            label={t.mailboxes.port}
            description={m.portHint}
            value={draft.port}
            onChange={(v) => set('port', v)}
            error={errors.port}
            min={1}
            max={65535}
            allowDecimal={false}
            required
          />
          <NativeSelect
            label={t.mailboxes.tlsMode}
            value={draft.tlsMode}
            onChange={(e) => set('tlsMode', e.currentTarget.value as TlsMode)}
            error={errors.tlsMode}
            data={[
              { value: 'starttls', label: 'STARTTLS' },
              { value: 'implicit', label: m.implicitTls },
              { value: 'none', label: t.mailboxes.noTls },
            ]}
          />
        </SimpleGrid>
        <Checkbox
          label={t.mailboxes.allowInvalid}
          checked={draft.tlsAllowInvalid}
          onChange={(e) => set('tlsAllowInvalid', e.currentTarget.checked)}
        />
        <NativeSelect
          label={t.mailboxes.signInMethod}
          value={draft.authMethod}
          onChange={(e) => set('authMethod', e.currentTarget.value as AuthMethod)}
          description={draft.authMethod === 'oauth2' ? m.oauthHint : undefined}
          data={[
            { value: 'password', label: t.mailboxes.methodPassword },
            { value: 'oauth2', label: m.methodOAuth },
            { value: 'none', label: m.methodNone },
          ]}
        />
        {draft.authMethod === 'oauth2' && (
          <NativeSelect
            label={m.oauthMailbox}
            value={draft.oauthMailboxId}
            onChange={(e) => set('oauthMailboxId', e.currentTarget.value)}
            error={errors.oauthMailboxId}
            data={[
              { value: '', label: oauthMailboxes.length ? m.chooseMailbox : m.noOAuthMailbox },
              ...oauthMailboxes.map((box) => ({ value: box.id, label: `${box.name} (${box.username})` })),
            ]}
          />
        )}
        {draft.authMethod !== 'none' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t.mailboxes.username}
              description={draft.authMethod === 'oauth2' ? m.usernameOAuthHint : undefined}
              value={draft.username}
              onChange={(e) => set('username', e.currentTarget.value)}
              error={errors.username}
              required={draft.authMethod === 'password'}
            />
            {draft.authMethod === 'password' && (
              <PasswordInput
                label={t.mailboxes.password}
                description={keepsPassword ? m.passwordStored : undefined}
                value={draft.secret}
                onChange={(e) => set('secret', e.currentTarget.value)}
                error={errors.secret}
                required={!keepsPassword}
                autoComplete="new-password"
              />
            )}
          </SimpleGrid>
        )}
        <TextInput
          label={m.fromAddress}
          description={m.fromHint}
          value={draft.fromAddress}
          onChange={(e) => set('fromAddress', e.currentTarget.value)}
          error={errors.fromAddress}
          required
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={busy}>
            {t.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The section on the Mailboxes page: the server as stored (never its password), and for admins edit/remove. */
export function SmtpServerSection({ mailboxes }: { mailboxes: Mailbox[] }) {
  const { t } = useI18n();
  const m = t.smtpServer;
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const query = useQuery({
    queryKey: SMTP_SERVER_KEY,
    queryFn: async () => {
      const result = await api.GET('/v1/smtp-server');
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
  });
  const server = query.data ?? null;
  async function remove() {
    setFailure(null);
    try {
      unwrap(await api.DELETE('/v1/smtp-server'));
      void queryClient.invalidateQueries({ queryKey: SMTP_SERVER_KEY });
    } catch (error) {
      setFailure(problemMessage(error));
    }
  }
  const authText = (s: SmtpServer) =>
    s.authMethod === 'none'
      ? m.methodNone
      : s.authMethod === 'oauth2'
        ? `${m.methodOAuth}: ${mailboxes.find((box) => box.id === s.oauthMailboxId)?.name ?? m.mailboxGone} (${s.username ?? ''})`
        : `${t.mailboxes.methodPassword}: ${s.username ?? ''} · ${s.hasPassword ? m.passwordSet : m.passwordMissing}`;
  return (
    <Paper withBorder p="sm" data-testid="smtp-server" component="section" aria-labelledby="smtp-server-title">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id="smtp-server-title">
            {m.title}
          </Title>
          {can('admin') && !query.isPending && (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setEditing(true)}>
                {server ? m.edit : m.setUp}
              </Button>
              {server && (
                <Button size="xs" variant="default" color="red" onClick={() => void remove()}>
                  {m.remove}
                </Button>
              )}
            </Group>
          )}
        </Group>
        <Text size="sm">{m.intro}</Text>
        <QueryState isPending={query.isPending} error={query.error}>
          {() =>
            server ? (
              <Stack gap={2} data-testid="smtp-server-summary">
                <Text size="sm">
                  {server.host}:{server.port} ·{' '}
                  {server.tlsMode === 'implicit'
                    ? m.implicitTls
                    : server.tlsMode === 'starttls'
                      ? 'STARTTLS'
                      : t.mailboxes.noTls}
                  {server.tlsAllowInvalid ? ` · ${t.mailboxes.allowInvalid}` : ''}
                </Text>
                <Text size="sm">{authText(server)}</Text>
                <Text size="sm">
                  {m.fromAddress}: {server.fromAddress}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" data-testid="smtp-server-summary">
                {m.none}
              </Text>
            )
          }
        </QueryState>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
      </Stack>
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={m.title}
        size="lg"
        closeButtonProps={{ 'aria-label': t.common.close }}
      >
        {editing && (
          <SmtpServerForm
            server={server}
            oauthMailboxes={mailboxes.filter((box) => box.authMethod === 'oauth2')}
            onClose={() => setEditing(false)}
          />
        )}
      </Modal>
    </Paper>
  );
}
