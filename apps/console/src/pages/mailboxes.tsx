/**
 * Bounce mailboxes: list with state and last error; add and edit (the password is write-only: left empty on edit
 * it stays as it is); the account test, step by step with each step's diagnosis, both in the dialog (the form's
 * values before saving) and on a saved mailbox: receiving (DNS, TCP, TLS, authentication, folders), then, where an
 * SMTP server is configured, sending a test message through it and finding it in the mailbox; fetch now; re-enable
 * after failures.
 * Microsoft 365 and Google mailboxes sign in with OAuth instead of a password (docs/oauth-mailboxes.md): saved
 * without one, then "Connect": Microsoft's device sign-in shows a link and a code and the page watches the sign-in's
 * state until it is connected; Google's sends the browser to Google, which sends it back to the API.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  Loader,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { api, fieldErrors, problemMessage, type Schema, unwrap } from '../api';
import { Page, QueryState } from '../components/page';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { type AccountTest, readAccountTest, STREAMED, type StepLine } from './account-test-stream';
import { serverAddressErrors } from './server-address';
import { SmtpServerSection } from './smtp-server';

type Mailbox = Schema<'Mailbox'>;
type TestStep = AccountTest['receiving']['steps'][number] | AccountTest['sending']['steps'][number];
type TlsMode = Mailbox['tlsMode'];
type Protocol = Mailbox['protocol'];
type AuthMethod = Mailbox['authMethod'];
type OAuthGrant = Schema<'MailboxOAuthGrant'>;
type SignIn = Schema<'MailboxSignIn'>;

type Draft = {
  name: string;
  protocol: Protocol;
  host: string;
  port: number | string;
  tlsMode: TlsMode;
  tlsAllowInvalid: boolean;
  authMethod: AuthMethod;
  username: string;
  secret: string;
  sourceFolder: string;
  processedFolder: string;
  manualFolder: string;
  pollIntervalSeconds: number | string;
  /** POP3 only: keep each message on the server after it is processed (else it is deleted then). */
  leaveOnServer: boolean;
};

const EMPTY: Draft = {
  name: '',
  protocol: 'imap',
  host: '',
  port: 993,
  tlsMode: 'implicit',
  tlsAllowInvalid: false,
  authMethod: 'password',
  username: '',
  secret: '',
  sourceFolder: 'INBOX',
  processedFolder: 'Processed',
  manualFolder: 'Manual',
  pollIntervalSeconds: 1200,
  leaveOnServer: true,
};

/** The well-known port of a protocol with implicit TLS, else the plain one (STARTTLS or none). */
const DEFAULT_PORTS: Record<Protocol, { implicit: number; plain: number }> = {
  imap: { implicit: 993, plain: 143 },
  pop3: { implicit: 995, plain: 110 },
};

function defaultPort(protocol: Protocol, tlsMode: TlsMode): number {
  return DEFAULT_PORTS[protocol][tlsMode === 'implicit' ? 'implicit' : 'plain'];
}

/**
 * A change of account type or encryption: the port follows when it was the well-known port of the old choice; a port
 * typed by the operator (a non-standard one) is kept.
 */
function withConnection(draft: Draft, change: { protocol?: Protocol; tlsMode?: TlsMode }): Draft {
  const next = { ...draft, ...change };
  const followsDefault = Number(draft.port) === defaultPort(draft.protocol, draft.tlsMode) || draft.port === '';
  return followsDefault ? { ...next, port: defaultPort(next.protocol, next.tlsMode) } : next;
}

function draftOf(m: Mailbox): Draft {
  return { ...EMPTY, ...m, secret: '' };
}

/** One half's steps, each with its status and diagnosis. */
function StepList({ steps, testId }: { steps: TestStep[]; testId: string }) {
  const { t } = useI18n();
  return (
    <List size="sm" data-testid={testId}>
      {steps.map((s) => (
        <List.Item key={s.step}>
          <b>{t.mailboxes.steps[s.step]}</b>: {t.mailboxes.stepStatus[s.status]} – {s.message}
          {s.status === 'skipped' ? '' : ` (${Math.round(s.ms)} ms)`}
        </List.Item>
      ))}
    </List>
  );
}

/** An account test as it runs: the steps finished so far (streamed), then the result. */
type TestRun = { running: boolean; steps: StepLine[]; result: AccountTest | null };

const IDLE: TestRun = { running: false, steps: [], result: null };

/**
 * Runs a test route (called with STREAMED) into `set`: each step shown as it finishes, then the result. Failures
 * are thrown to the caller (they are shown where the form shows its problems).
 */
async function runAccountTest(
  call: () => Promise<{ data?: ReadableStream<Uint8Array> | null; error?: unknown; response: Response }>,
  set: (update: (run: TestRun) => TestRun) => void,
): Promise<void> {
  set(() => ({ running: true, steps: [], result: null }));
  try {
    const result = await readAccountTest(await call(), (step) => set((r) => ({ ...r, steps: [...r.steps, step] })));
    set((r) => ({ ...r, running: false, result }));
  } catch (error) {
    set(() => IDLE);
    throw error;
  }
}

/** One part's heading, with a spinner while that part runs. */
function PartTitle({ children, running }: { children: ReactNode; running: boolean }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={600}>
        {children}
      </Text>
      {running && <Loader size="xs" aria-hidden data-testid="part-running" />}
    </Group>
  );
}

/**
 * The account test (in the dialog and on a saved mailbox's row): while it runs, each step as it finishes, a spinner
 * on the part that runs and the latest step announced to screen readers; then the result: receiving, then sending
 * (or why sending was not run).
 */
function AccountTestPanel({ run }: { run: TestRun }) {
  const { t } = useI18n();
  const { running, result } = run;
  if (!running && !result) return null;
  const receivingSteps = result?.receiving.steps ?? run.steps.filter((s) => s.part === 'receiving');
  const sendingSteps = result?.sending.steps ?? run.steps.filter((s) => s.part === 'sending');
  // "folders" is always receiving's last step (skipped ones are streamed too): after it, sending runs.
  const receivingDone = receivingSteps.some((s) => s.step === 'folders');
  const latest = run.steps.at(-1);
  const title = !result
    ? t.mailboxes.accountTestRunning
    : !result.ok
      ? t.mailboxes.accountTestFailed
      : result.sending.status === 'skipped'
        ? t.mailboxes.accountTestReceivingOnly
        : t.mailboxes.accountTestOk;
  return (
    <Alert
      color={!result ? 'blue' : result.ok ? 'green' : 'red'}
      // While running the live region below speaks step by step; the result is announced once, as a whole.
      role={result ? 'status' : undefined}
      mt="xs"
      data-testid="account-test"
      data-state={result ? 'done' : 'running'}
      title={title}
    >
      {running && (
        <VisuallyHidden aria-live="polite" data-testid="account-test-progress">
          {latest
            ? `${latest.part === 'receiving' ? t.mailboxes.receiving : t.mailboxes.sending}: ${t.mailboxes.steps[latest.step]}: ${t.mailboxes.stepStatus[latest.status]}`
            : t.mailboxes.receiving}
        </VisuallyHidden>
      )}
      <Stack gap="xs">
        <div>
          <PartTitle running={running && !receivingDone}>{t.mailboxes.receiving}</PartTitle>
          <StepList steps={receivingSteps} testId="receiving-steps" />
        </div>
        <div>
          <PartTitle running={running && receivingDone}>
            {t.mailboxes.sending}
            {result?.sending.to ? ` → ${result.sending.to}` : ''}
          </PartTitle>
          {result?.sending.status === 'skipped' && result.sending.reason ? (
            <Text size="sm" data-testid="sending-steps">
              {t.mailboxes.stepStatus.skipped}: {result.sending.reason}
            </Text>
          ) : (
            <StepList steps={sendingSteps} testId="sending-steps" />
          )}
        </div>
      </Stack>
    </Alert>
  );
}

/** Where the sending half sends its test message: asked only when the user name is not the mailbox's address. */
function TestAddressInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <TextInput
      size="xs"
      aria-label={t.mailboxes.testAddress}
      placeholder={t.mailboxes.testAddress}
      type="email"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={{ base: '100%', xs: 260 }}
    />
  );
}

function MailboxForm({ mailbox, onClose }: { mailbox: Mailbox | null; onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(mailbox ? draftOf(mailbox) : EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [test, setTest] = useState<TestRun>(IDLE);
  const [testAddress, setTestAddress] = useState('');
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function validate(): boolean {
    const e = serverAddressErrors(draft, t);
    const required = t.signIn.required;
    if (!draft.name.trim()) e.name = required;
    if (!draft.username.trim()) e.username = required;
    if (!mailbox && !draft.secret && draft.authMethod !== 'oauth2') e.secret = required;
    if (draft.protocol === 'imap') {
      for (const f of ['sourceFolder', 'processedFolder', 'manualFolder'] as const)
        if (!draft[f].trim()) e[f] = required;
    }
    const poll = Number(draft.pollIntervalSeconds);
    if (!Number.isInteger(poll) || poll < 0 || poll > 604800) e.pollIntervalSeconds = t.mailboxes.invalidPoll;
    setErrors(e);
    return Object.keys(e).length === 0;
  }

  function body() {
    return {
      name: draft.name.trim(),
      protocol: draft.protocol,
      host: draft.host.trim(),
      port: Number(draft.port),
      tlsMode: draft.tlsMode,
      tlsAllowInvalid: draft.tlsAllowInvalid,
      authMethod: draft.authMethod,
      username: draft.username.trim(),
      sourceFolder: draft.sourceFolder.trim(),
      processedFolder: draft.processedFolder.trim(),
      manualFolder: draft.manualFolder.trim(),
      pollIntervalSeconds: Number(draft.pollIntervalSeconds),
      leaveOnServer: draft.leaveOnServer,
    };
  }

  function showProblem(error: unknown) {
    const fields = fieldErrors(error);
    setErrors(fields);
    setFailure(problemMessage(error));
  }

  async function runTest() {
    setFailure(null);
    if (!validate()) return;
    setBusy('test');
    try {
      const to = testAddress.trim() ? { to: testAddress.trim() } : {};
      // A saved mailbox without a new password is tested with its stored one.
      await runAccountTest(
        () =>
          mailbox && !draft.secret
            ? api.POST('/v1/mailboxes/{id}/account-test', {
                params: { path: { id: mailbox.id } },
                body: to,
                ...STREAMED,
              })
            : api.POST('/v1/mailboxes/account-test', { body: { ...body(), secret: draft.secret, ...to }, ...STREAMED }),
        setTest,
      );
    } catch (error) {
      showProblem(error);
    } finally {
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!validate()) return;
    setBusy('save');
    try {
      if (mailbox) {
        unwrap(
          await api.PATCH('/v1/mailboxes/{id}', {
            params: { path: { id: mailbox.id } },
            body: { ...body(), ...(draft.secret ? { secret: draft.secret } : {}) },
          }),
        );
      } else {
        const oauth = draft.authMethod === 'oauth2';
        unwrap(await api.POST('/v1/mailboxes', { body: { ...body(), ...(oauth ? {} : { secret: draft.secret }) } }));
      }
      void queryClient.invalidateQueries({ queryKey: ['mailboxes'] });
      onClose();
    } catch (error) {
      showProblem(error);
    } finally {
      setBusy(null);
    }
  }

  const text = (
    key: 'name' | 'host' | 'username' | 'sourceFolder' | 'processedFolder' | 'manualFolder',
    label: string,
  ) => (
    <TextInput
      label={label}
      value={draft[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
      required
    />
  );
  return (
    <form onSubmit={save} noValidate>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        {text('name', t.mailboxes.name)}
        <NativeSelect
          label={t.mailboxes.accountType}
          value={draft.protocol}
          onChange={(e) => {
            const protocol = e.currentTarget.value as Protocol; // read now: currentTarget is gone when the update runs
            setDraft((d) => withConnection(d, { protocol }));
          }}
          data={[
            { value: 'imap', label: 'IMAP' },
            { value: 'pop3', label: 'POP3' },
          ]}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {text('host', t.mailboxes.host)}
          <NumberInput
            label={t.mailboxes.port}
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
            onChange={(e) => {
              const tlsMode = e.currentTarget.value as TlsMode;
              setDraft((d) => withConnection(d, { tlsMode }));
            }}
            data={[
              { value: 'implicit', label: draft.protocol === 'pop3' ? 'TLS (POP3S)' : 'TLS (IMAPS)' },
              { value: 'starttls', label: 'STARTTLS' },
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
          description={draft.authMethod === 'oauth2' ? t.mailboxes.oauthHint : undefined}
          data={[
            { value: 'password', label: t.mailboxes.methodPassword },
            { value: 'oauth2', label: t.mailboxes.methodOAuth },
            // An access token obtained elsewhere (API only); kept when such a mailbox is edited.
            ...(draft.authMethod === 'xoauth2' ? [{ value: 'xoauth2', label: 'XOAUTH2' }] : []),
          ]}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {text('username', t.mailboxes.username)}
          {draft.authMethod !== 'oauth2' && (
            <PasswordInput
              label={t.mailboxes.password}
              description={mailbox ? t.mailboxes.passwordKept : undefined}
              value={draft.secret}
              onChange={(e) => set('secret', e.currentTarget.value)}
              error={errors.secret}
              required={!mailbox}
              autoComplete="new-password"
            />
          )}
        </SimpleGrid>
        {/* POP3 has one maildrop and no folders: what is processed is kept or deleted there instead. */}
        {draft.protocol === 'imap' ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {text('sourceFolder', t.mailboxes.sourceFolder)}
            {text('processedFolder', t.mailboxes.processedFolder)}
            {text('manualFolder', t.mailboxes.manualFolder)}
          </SimpleGrid>
        ) : (
          <Checkbox
            label={t.mailboxes.leaveOnServer}
            description={t.mailboxes.leaveOnServerHint}
            checked={draft.leaveOnServer}
            onChange={(e) => set('leaveOnServer', e.currentTarget.checked)}
          />
        )}
        <NumberInput
          label={t.mailboxes.pollInterval}
          description={t.mailboxes.pollHint}
          value={draft.pollIntervalSeconds}
          onChange={(v) => set('pollIntervalSeconds', v)}
          error={errors.pollIntervalSeconds}
          min={0}
          allowDecimal={false}
        />
        <AccountTestPanel run={test} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t.common.cancel}
          </Button>
          {/* An OAuth mailbox is tested once it is connected (from its row). */}
          {draft.authMethod !== 'oauth2' && (
            <>
              {!draft.username.includes('@') && <TestAddressInput value={testAddress} onChange={setTestAddress} />}
              <Button variant="light" onClick={() => void runTest()} loading={busy === 'test'}>
                {t.mailboxes.accountTest}
              </Button>
            </>
          )}
          <Button type="submit" loading={busy === 'save'}>
            {t.common.save}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How an oauth2 mailbox's sign-in stands (none yet: 404), watched while it is pending. */
function useOAuthGrant(id: string, watching: boolean) {
  return useQuery({
    queryKey: ['mailboxes', id, 'oauth'],
    queryFn: async () => {
      const result = await api.GET('/v1/mailboxes/{id}/oauth', { params: { path: { id } } });
      if (result.response.status === 404) return null;
      return unwrap(result);
    },
    // Microsoft's device sign-in completes elsewhere (the fetch worker polls Microsoft): asked again until it is done.
    refetchInterval: (query) => (watching || query.state.data?.status === 'pending' ? 2000 : false),
  });
}

function OAuthConnect({ mailbox }: { mailbox: Mailbox }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [signIn, setSignIn] = useState<SignIn | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const grant = useOAuthGrant(mailbox.id, signIn?.flow === 'device');
  const status: OAuthGrant['status'] | null = grant.data?.status ?? null;
  const connected = status === 'connected';
  useEffect(() => {
    // Connected: the mailbox is enabled by the sign-in; its row shows that.
    if (connected && signIn) {
      setSignIn(null);
      void queryClient.invalidateQueries({ queryKey: ['mailboxes'], exact: true });
    }
  }, [connected, signIn, queryClient]);
  async function connect(provider: 'microsoft' | 'google') {
    setBusy(true);
    setFailure(null);
    try {
      const started = unwrap(
        await api.POST('/v1/mailboxes/{id}/oauth/sign-in', {
          params: { path: { id: mailbox.id } },
          body: { provider },
        }),
      );
      if (started.flow === 'code') {
        // Google: sign in there; Google sends the browser back to the API's callback.
        window.location.assign(started.authorizationUrl);
        return;
      }
      setSignIn(started);
      void grant.refetch();
    } catch (error) {
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap="xs" mt="xs" data-testid="oauth">
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color={connected ? 'green' : status === 'pending' ? 'yellow' : 'gray'} c="dark">
          {status ? t.mailboxes.oauthStatus[status] : t.mailboxes.notConnected}
        </Badge>
        {grant.data?.connectedAt && connected && <Text size="sm">{dateTime(grant.data.connectedAt)}</Text>}
        <Button size="xs" variant="default" loading={busy} onClick={() => void connect('microsoft')}>
          {t.mailboxes.connectMicrosoft}
        </Button>
        <Button size="xs" variant="default" loading={busy} onClick={() => void connect('google')}>
          {t.mailboxes.connectGoogle}
        </Button>
      </Group>
      {grant.data?.lastError && !connected && (
        <Text size="sm" c="red.9">
          {grant.data.lastError}
        </Text>
      )}
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      {signIn?.flow === 'device' && !connected && (
        <Alert color="blue" role="status" data-testid="device-sign-in">
          <Text size="sm">{t.mailboxes.deviceInstructions}</Text>
          <Group gap="md" mt="xs" wrap="wrap">
            <Anchor href={signIn.verificationUriComplete ?? signIn.verificationUri} target="_blank" rel="noreferrer">
              {signIn.verificationUri}
            </Anchor>
            <Text size="sm">
              {t.mailboxes.deviceCode}:{' '}
              <Code fz="lg" data-testid="device-code">
                {signIn.userCode}
              </Code>
            </Text>
          </Group>
          <Text size="sm" mt="xs">
            {t.mailboxes.waitingForSignIn}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}

function MailboxRow({ mailbox, onEdit }: { mailbox: Mailbox; onEdit: () => void }) {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [test, setTest] = useState<TestRun>(IDLE);
  const [testAddress, setTestAddress] = useState('');
  const needsAddress = !mailbox.username.includes('@');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function act(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setMessage(null);
    try {
      await run();
      setMessage(done);
      void queryClient.invalidateQueries({ queryKey: ['mailboxes'] });
    } catch (error) {
      setMessage(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }
  const id = mailbox.id;
  return (
    <Paper withBorder p="sm" data-testid="mailbox">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Text fw={600}>{mailbox.name}</Text>
          <Text size="sm">
            {mailbox.protocol === 'pop3' ? 'POP3' : 'IMAP'} · {mailbox.username}@{mailbox.host}:{mailbox.port} ·{' '}
            {mailbox.protocol === 'pop3'
              ? mailbox.leaveOnServer
                ? t.mailboxes.copyLeftOnServer
                : t.mailboxes.deletedFromServer
              : mailbox.sourceFolder}{' '}
            ·{' '}
            {mailbox.pollIntervalSeconds === 0
              ? t.mailboxes.manualOnly
              : t.mailboxes.every(mailbox.pollIntervalSeconds)}
          </Text>
          <Text size="sm">
            {t.mailboxes.lastSuccess}: {dateTime(mailbox.lastSuccessAt)}
            {mailbox.lastError ? ` · ${t.mailboxes.lastError}: ${mailbox.lastError}` : ''}
          </Text>
        </Stack>
        <Badge color={!mailbox.enabled ? 'gray' : mailbox.lastError ? 'red' : 'green'} variant="light" c="dark">
          {!mailbox.enabled
            ? `${t.mailboxes.disabled}${mailbox.disabledReason ? `: ${mailbox.disabledReason}` : ''}`
            : t.mailboxes.enabled}
        </Badge>
      </Group>
      {can('write') && (
        <Group gap="xs" mt="xs">
          {can('admin') && (
            <>
              <Button size="xs" variant="default" onClick={onEdit}>
                {t.mailboxes.edit}
              </Button>
              <Button
                size="xs"
                variant="default"
                loading={test.running}
                onClick={() =>
                  void act(async () => {
                    const body = testAddress.trim() ? { to: testAddress.trim() } : {};
                    const call = () =>
                      api.POST('/v1/mailboxes/{id}/account-test', { params: { path: { id } }, body, ...STREAMED });
                    await runAccountTest(call, setTest);
                  }, '')
                }
              >
                {t.mailboxes.accountTest}
              </Button>
              {needsAddress && <TestAddressInput value={testAddress} onChange={setTestAddress} />}
            </>
          )}
          <Button
            size="xs"
            variant="default"
            loading={busy}
            onClick={() =>
              void act(
                async () => unwrap(await api.POST('/v1/mailboxes/{id}/fetch', { params: { path: { id } } })),
                t.mailboxes.fetchQueued,
              )
            }
          >
            {t.mailboxes.fetchNow}
          </Button>
          {can('admin') && !mailbox.enabled && (
            <Button
              size="xs"
              loading={busy}
              onClick={() =>
                void act(
                  async () => unwrap(await api.POST('/v1/mailboxes/{id}/enable', { params: { path: { id } } })),
                  t.mailboxes.enabledAgain,
                )
              }
            >
              {t.mailboxes.reEnable}
            </Button>
          )}
        </Group>
      )}
      {mailbox.authMethod === 'oauth2' && can('admin') && <OAuthConnect mailbox={mailbox} />}
      {message && (
        <Text size="sm" role="status" mt="xs">
          {message}
        </Text>
      )}
      <AccountTestPanel run={test} />
    </Paper>
  );
}

export default function MailboxesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const query = useQuery({ queryKey: ['mailboxes'], queryFn: async () => unwrap(await api.GET('/v1/mailboxes')) });
  return (
    <Page
      title={t.mailboxes.title}
      actions={can('admin') && <Button onClick={() => setEditing('new')}>{t.mailboxes.add}</Button>}
    >
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack>
            {query.data?.items.map((m) => (
              <MailboxRow key={m.id} mailbox={m} onEdit={() => setEditing(m)} />
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.common.none}</Text>}
            <SmtpServerSection mailboxes={query.data?.items ?? []} />
          </Stack>
        )}
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t.mailboxes.add : t.mailboxes.edit}
        size="lg"
        closeButtonProps={{ 'aria-label': t.common.close }}
      >
        {editing !== null && (
          <MailboxForm mailbox={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        )}
      </Modal>
    </Page>
  );
}
