import { Alert, Center, Loader, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { problemMessage } from '../api';
import { useI18n } from '../i18n';

/** A page: its heading (the document's h2; h1 is the app's name) and its content. */
export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Stack gap="lg" maw={1400}>
      <Stack gap="xs" style={{ flexDirection: 'row', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Title order={2}>{title}</Title>
        {actions}
      </Stack>
      {children}
    </Stack>
  );
}

/** What a query shows while it loads or after it failed; its children once there is data. */
export function QueryState(props: { isPending: boolean; error: unknown; children: () => ReactNode }) {
  const { t } = useI18n();
  if (props.error) {
    return (
      <Alert color="red" title={t.common.error} role="alert">
        {problemMessage(props.error)}
      </Alert>
    );
  }
  if (props.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t.common.loading} />
      </Center>
    );
  }
  return <>{props.children()}</>;
}
