/**
 * Console accounts of the tenant (admins only; the API's /v1/operators): create one (a generated first password is
 * shown once, for the admin to hand over), change its role, disable or re-enable it. The API refuses to demote or
 * disable the last enabled admin (409); that problem is shown on the row it concerns.
 */
import { Alert, Badge, Button, Code, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fieldErrors, problemMessage, type Schema, unwrap } from '../api';
import { ConfirmButton } from '../components/confirm-dialog';
import { Page, QueryState } from '../components/page';
import { useI18n } from '../i18n';
import { useSession } from '../session';

type Account = Schema<'OperatorAccount'>;
type Role = Account['role'];
const ROLES: Role[] = ['viewer', 'operator', 'admin'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function CreateAccount({ onCreated }: { onCreated: (email: string, password: string | null) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!email.trim()) return setErrors({ email: t.signIn.required });
    if (!EMAIL.test(email.trim())) return setErrors({ email: t.signIn.invalidEmail });
    setErrors({});
    setBusy(true);
    try {
      const created = unwrap(
        await api.POST('/v1/operators', { body: { email: email.trim(), name: name.trim() || null, role } }),
      );
      onCreated(created.account.email, created.initialPassword);
      setEmail('');
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['operators'] });
    } catch (e) {
      const fields = fieldErrors(e);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setFailure(problemMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t.accounts.create}>
      {failure && (
        <Alert color="red" role="alert" mb="xs">
          {failure}
        </Alert>
      )}
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label={t.signIn.email}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          required
          style={{ flex: '1 1 220px' }}
        />
        <TextInput
          label={t.accounts.name}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          style={{ flex: '1 1 180px' }}
        />
        <NativeSelect
          label={t.accounts.role}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as Role)}
          data={ROLES.map((r) => ({ value: r, label: t.accounts.roles[r] }))}
        />
        <Button type="submit" loading={busy} mt={24}>
          {t.accounts.create}
        </Button>
      </Group>
    </form>
  );
}

function AccountRow({ account, isSelf }: { account: Account; isSelf: boolean }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function change(body: { role?: Role; disabled?: boolean }) {
    setFailure(null);
    setBusy(true);
    try {
      unwrap(await api.PATCH('/v1/operators/{id}', { params: { path: { id: account.id } }, body }));
      void queryClient.invalidateQueries({ queryKey: ['operators'] });
    } catch (e) {
      setFailure(problemMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const label = account.name ? `${account.name} <${account.email}>` : account.email;
  return (
    <Table.Tr data-testid="account">
      <Table.Td>
        <Text size="sm">{label}</Text>
        {isSelf && (
          <Text size="xs" c="dimmed">
            {t.accounts.you}
          </Text>
        )}
        {failure && (
          <Text size="sm" c="red.9" role="alert">
            {failure}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <NativeSelect
          aria-label={t.accounts.roleOf(account.email)}
          value={account.role}
          disabled={busy}
          onChange={(e) => void change({ role: e.currentTarget.value as Role })}
          data={ROLES.map((r) => ({ value: r, label: t.accounts.roles[r] }))}
        />
      </Table.Td>
      <Table.Td>
        <Badge variant="light" c="dark" color={account.disabledAt ? 'gray' : 'green'}>
          {account.disabledAt ? t.mailboxes.disabled : t.mailboxes.enabled}
        </Badge>
        {account.lockedUntil && new Date(account.lockedUntil) > new Date() && (
          <Text size="xs">{t.accounts.lockedUntil(dateTime(account.lockedUntil))}</Text>
        )}
      </Table.Td>
      <Table.Td>{dateTime(account.lastSignInAt)}</Table.Td>
      <Table.Td>{account.liveSessions}</Table.Td>
      <Table.Td>
        {account.disabledAt ? (
          <Button
            size="xs"
            variant="default"
            loading={busy}
            onClick={() => void change({ disabled: false })}
            aria-label={`${t.accounts.enable} ${account.email}`}
          >
            {t.accounts.enable}
          </Button>
        ) : (
          // Disabling signs the person out at once: asked first. The API's refusal (the last admin) shows in the dialog.
          <ConfirmButton
            label={t.accounts.disable}
            ariaLabel={`${t.accounts.disable} ${account.email}`}
            title={t.accounts.disable}
            message={t.accounts.disableConfirm(account.email)}
            onConfirm={async () => {
              unwrap(
                await api.PATCH('/v1/operators/{id}', {
                  params: { path: { id: account.id } },
                  body: { disabled: true },
                }),
              );
              void queryClient.invalidateQueries({ queryKey: ['operators'] });
            }}
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export default function AccountsPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);
  const query = useQuery({ queryKey: ['operators'], queryFn: async () => unwrap(await api.GET('/v1/operators')) });
  return (
    <Page title={t.nav.accounts}>
      <Paper withBorder p="md">
        <CreateAccount onCreated={(email, password) => setCreated({ email, password })} />
        {created?.password && (
          <Alert color="yellow" role="status" mt="sm" title={t.accounts.passwordOnce(created.email)}>
            <Code data-testid="initial-password">{created.password}</Code>
          </Alert>
        )}
      </Paper>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            <Table.ScrollContainer minWidth={760} type="native" tabIndex={0}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.accounts.account}</Table.Th>
                    <Table.Th>{t.accounts.role}</Table.Th>
                    <Table.Th>{t.common.state}</Table.Th>
                    <Table.Th>{t.accounts.lastSignIn}</Table.Th>
                    <Table.Th>{t.accounts.sessions}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data?.items.map((a) => (
                    <AccountRow key={a.id} account={a} isSelf={a.id === session?.account?.id} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </QueryState>
    </Page>
  );
}
