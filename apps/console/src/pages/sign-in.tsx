import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, fieldErrors, problemMessage, unwrap } from '../api';
import { LanguageSelect } from '../components/language-select';
import { useI18n } from '../i18n';
import { useSession } from '../session';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** E-mail and password; validated here first, then the API's answer (wrong credentials, throttled) shown. */
export function SignInForm() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!email.trim()) local.email = t.signIn.required;
    else if (!EMAIL.test(email.trim())) local.email = t.signIn.invalidEmail;
    if (!password) local.password = t.signIn.required;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const session = unwrap(await api.POST('/v1/session', { body: { email: email.trim(), password } }));
      signedIn(session);
    } catch (error) {
      const status = (error as { status?: number }).status;
      setErrors(fieldErrors(error));
      setFailure(status === 401 ? t.signIn.failed : status === 429 ? t.signIn.throttled : problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t.signIn.title}>
      <Stack>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <TextInput
          label={t.signIn.email}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          required
        />
        <PasswordInput
          label={t.signIn.password}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          required
        />
        <Button type="submit" loading={busy}>
          {t.signIn.submit}
        </Button>
      </Stack>
    </form>
  );
}

export function SignInPage() {
  const { t } = useI18n();
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder p="xl" w="100%" maw={400}>
        <Group justify="flex-end" mb="xs">
          <LanguageSelect />
        </Group>
        <Title order={1} size="h3" mb="md">
          {t.appName} – {t.signIn.title}
        </Title>
        <SignInForm />
      </Paper>
    </Center>
  );
}
