/**
 * The one way the console asks before an action that cannot be taken back (erasing a contact's archive, removing a
 * webhook, disabling an account, ...): a dialog that names what will happen, with Cancel focused first (Enter or
 * Escape never destroys by accident), the action's own label on the confirm button, and the API's problem shown in
 * the dialog when the action fails.
 */
import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { problemMessage } from '../api';
import { useI18n } from '../i18n';

export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  /** What will happen, in words (what is lost, whether it can be undone). */
  message: ReactNode;
  confirmLabel: string;
  /** Red for what destroys data (the default), another colour for a change that is only weighty. */
  color?: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const close = () => {
    setFailure(null);
    props.onClose();
  };
  async function confirm() {
    setFailure(null);
    setBusy(true);
    try {
      await props.onConfirm();
      props.onClose();
    } catch (error) {
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={props.title}
      centered
      closeButtonProps={{ 'aria-label': t.common.close }}
    >
      <Text size="sm" mb="md">
        {props.message}
      </Text>
      {failure && (
        <Alert color="red" role="alert" mb="sm">
          {failure}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={close} data-autofocus>
          {t.common.cancel}
        </Button>
        <Button color={props.color ?? 'red'} loading={busy} onClick={() => void confirm()}>
          {props.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}

/** A button that asks first (ConfirmDialog) and acts only once confirmed. */
export function ConfirmButton(props: {
  /** The button's text; `ariaLabel` names the thing it acts on when the text alone does not (one per row). */
  label: string;
  ariaLabel?: string;
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  color?: string;
  variant?: string;
  size?: string;
  onConfirm: () => Promise<unknown>;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size={props.size ?? 'xs'}
        variant={props.variant ?? 'default'}
        color={props.variant ? props.color : undefined}
        aria-label={props.ariaLabel}
        aria-haspopup="dialog"
        onClick={() => setOpened(true)}
      >
        {props.label}
      </Button>
      <ConfirmDialog
        opened={opened}
        title={props.title}
        message={props.message}
        confirmLabel={props.confirmLabel ?? props.label}
        color={props.color}
        onConfirm={props.onConfirm}
        onClose={() => setOpened(false)}
      />
    </>
  );
}
