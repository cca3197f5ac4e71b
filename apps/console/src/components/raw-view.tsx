/** A returned message made readable (mailparser on the server): subject, sender, the DSN fields, text, headers. */
import { Code, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { Schema } from '../api';
import { useI18n } from '../i18n';

export function RawView({ raw }: { raw: Schema<'RawMessageView'> }) {
  const { t, dateTime } = useI18n();
  return (
    <Stack gap="sm">
      <Text size="sm">
        <b>{t.addresses.subject}:</b> {raw.subject ?? '–'} · <b>{t.addresses.from}:</b> {raw.from ?? '–'} ·{' '}
        {dateTime(raw.date)}
      </Text>
      {raw.reports.map((report, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one message, never reordered
        <Paper withBorder p="xs" key={`${report.contentType}-${i}`}>
          <Text size="sm" fw={600}>
            {report.contentType}
          </Text>
          {report.groups.map((group, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one report, never reordered
            <Table key={j} withRowBorders={false} fz="xs">
              <Table.Tbody>
                {group.map((field, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the fields of one group, never reordered
                  <Table.Tr key={`${field.name}-${k}`}>
                    <Table.Td fw={600}>{field.name}</Table.Td>
                    <Table.Td>{field.value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ))}
        </Paper>
      ))}
      <Title order={3} size="h5">
        {t.addresses.text}
      </Title>
      <ScrollArea.Autosize mah={300}>
        <Code block>{raw.text ?? ''}</Code>
      </ScrollArea.Autosize>
      <Title order={3} size="h5">
        {t.addresses.headers}
      </Title>
      <ScrollArea.Autosize mah={200}>
        <Code block>{raw.headers.map((h) => `${h.name}: ${h.value}`).join('\n')}</Code>
      </ScrollArea.Autosize>
    </Stack>
  );
}
