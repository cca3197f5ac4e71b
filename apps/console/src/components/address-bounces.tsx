/**
 * An address's bounces, newest first, each with its parsed verdict and the readable raw message (a dialog): on the
 * address page and, per address, on a contact's page.
 */
import { Button, Modal, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api';
import { useI18n } from '../i18n';
import { QueryState } from './page';
import { RawView } from './raw-view';

function RawMessage({ bounceId, onClose }: { bounceId: string; onClose: () => void }) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['bounces', bounceId, 'raw'],
    queryFn: async () => unwrap(await api.GET('/v1/bounces/{id}/raw', { params: { path: { id: bounceId } } })),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t.addresses.rawMessage}
      size="xl"
      closeButtonProps={{ 'aria-label': t.common.close }}
    >
      <QueryState isPending={query.isPending} error={query.error}>
        {() => <RawView raw={query.data!} />}
      </QueryState>
    </Modal>
  );
}

/** The bounces to one address (a table, or a line saying there are none), each with its raw message. */
export function BounceList({ address }: { address: string }) {
  const { t, dateTime } = useI18n();
  const [raw, setRaw] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['bounces', 'recipient', address],
    queryFn: async () =>
      unwrap(await api.GET('/v1/bounces', { params: { query: { recipient: address, limit: 100 } } })),
  });
  return (
    <>
      <QueryState isPending={query.isPending} error={query.error}>
        {() =>
          (query.data?.items.length ?? 0) === 0 ? (
            <Text c="dimmed">{t.common.none}</Text>
          ) : (
            <Table.ScrollContainer minWidth={640} type="native" tabIndex={0}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.addresses.when}</Table.Th>
                    <Table.Th>{t.addresses.verdict}</Table.Th>
                    <Table.Th>{t.addresses.diagnostic}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data?.items.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>{dateTime(b.occurredAt)}</Table.Td>
                      <Table.Td>
                        {b.class} / {b.reason} {b.status ? `(${b.status})` : ''}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" style={{ wordBreak: 'break-word' }}>
                          {b.diagnosticCode ?? '–'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {b.rawMessageId ? (
                          <Button size="xs" variant="light" onClick={() => setRaw(b.id)}>
                            {t.addresses.showRaw}
                          </Button>
                        ) : (
                          <Text size="xs">{b.source}</Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      {raw && <RawMessage bounceId={raw} onClose={() => setRaw(null)} />}
    </>
  );
}

/** An address's bounces as a section of its page. */
export function Bounces({ address }: { address: string }) {
  const { t } = useI18n();
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.addresses.bounces}
      </Title>
      <BounceList address={address} />
    </Paper>
  );
}
