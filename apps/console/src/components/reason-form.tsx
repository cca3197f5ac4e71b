/**
 * A change that needs a reason (unblock, undo, domain block removal): the reason is checked here (required, at
 * most 1000 characters), then the API's problem is shown at the field it points at, or above the form.
 */
import { Alert, Button, Group, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldErrors, problemMessage } from '../api';
import { useI18n } from '../i18n';

export function ReasonForm(props: {
  submitLabel: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onDone?: () => void;
  color?: string;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    if (!reason.trim()) return setError(t.signIn.required);
    if (reason.length > 1000) return setError(t.forms.tooLong(1000));
    setError(null);
    setBusy(true);
    try {
      await props.onSubmit(reason.trim());
      setReason('');
      props.onDone?.();
    } catch (e) {
      const fields = fieldErrors(e);
      if (fields.reason) setError(fields.reason);
      else setFailure(problemMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} noValidate>
      {failure && (
        <Alert color="red" role="alert" mb="xs">
          {failure}
        </Alert>
      )}
      <Group align="flex-end" wrap="wrap">
        <Textarea
          label={t.common.reason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          autosize
          minRows={1}
          required
          style={{ flex: '1 1 260px' }}
        />
        <Button type="submit" loading={busy} color={props.color}>
          {props.submitLabel}
        </Button>
      </Group>
    </form>
  );
}
