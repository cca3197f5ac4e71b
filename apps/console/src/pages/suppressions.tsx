/**
 * The suppression list: filter by reason and address prefix, sort, keyset paging (server side, so the millionth
 * row costs what the first does), CSV export of the filtered list, CSV import with a dry-run preview before the
 * real import, and domain blocks.
 */
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { api, fieldErrors, problemMessage, type Schema, unwrap } from '../api';
import { SuppressionReasonText } from '../components/address-state';
import { Page, QueryState } from '../components/page';
import { Pager, usePager } from '../components/pager';
import { ReasonForm } from '../components/reason-form';
import { useI18n } from '../i18n';
import { SUPPRESSION_REASONS, type SuppressionReason } from '../messages/vocabulary';
import { useSession } from '../session';

type Sort = 'suppressedAt' | 'address';

function SuppressionTable() {
  const { t, dateTime } = useI18n();
  const [q, setQ] = useState('');
  const [reason, setReason] = useState<SuppressionReason | ''>('');
  const [sort, setSort] = useState<Sort>('suppressedAt');
  const filterKey = JSON.stringify({ q, reason, sort });
  const pager = usePager(filterKey);
  const defaultOrder = sort === 'address' ? 'asc' : 'desc';
  const order = pager.page.fromEnd ? (defaultOrder === 'asc' ? 'desc' : 'asc') : defaultOrder;
  const query = useQuery({
    queryKey: ['suppressions', filterKey, pager.page],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/suppressions', {
          params: {
            query: {
              q: q || undefined,
              reason: reason || undefined,
              sort,
              order,
              cursor: pager.page.cursor,
              limit: 50,
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  const items = query.data ? (pager.page.fromEnd ? [...query.data.items].reverse() : query.data.items) : [];
  const exportQuery = new URLSearchParams({ ...(reason ? { reason } : {}) }).toString();
  return (
    <Paper withBorder p="md">
      <Group align="flex-end" mb="sm" wrap="wrap">
        <TextInput
          label={t.suppressions.filterAddress}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value.trim())}
          style={{ flex: '1 1 200px' }}
        />
        <NativeSelect
          label={t.suppressions.reason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value as SuppressionReason | '')}
          data={[
            { value: '', label: t.suppressions.allReasons },
            ...SUPPRESSION_REASONS.map((r) => ({ value: r, label: t.addresses.suppressionReasons[r] })),
          ]}
        />
        <NativeSelect
          label={t.suppressions.sort}
          value={sort}
          onChange={(e) => setSort(e.currentTarget.value as Sort)}
          data={[
            { value: 'suppressedAt', label: t.suppressions.sortTime },
            { value: 'address', label: t.suppressions.sortAddress },
          ]}
        />
        <Anchor href={`/v1/suppressions/export${exportQuery ? `?${exportQuery}` : ''}`} download="suppressions.csv">
          {t.suppressions.export}
        </Anchor>
      </Group>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            <Table.ScrollContainer minWidth={560} type="native" tabIndex={0}>
              <Table striped data-testid="suppression-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.addresses.address}</Table.Th>
                    <Table.Th>{t.suppressions.reason}</Table.Th>
                    <Table.Th>{t.suppressions.detail}</Table.Th>
                    <Table.Th>{t.suppressions.since}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((a) => (
                    <Table.Tr key={a.address}>
                      <Table.Td>
                        <Link href={`/addresses/${encodeURIComponent(a.address)}`}>{a.address}</Link>
                      </Table.Td>
                      <Table.Td>
                        <SuppressionReasonText reason={a.suppressionReason ?? ''} />
                      </Table.Td>
                      <Table.Td>{a.suppressionDetail ?? '–'}</Table.Td>
                      <Table.Td>{dateTime(a.suppressedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {items.length === 0 && <Text c="dimmed">{t.common.none}</Text>}
            <Pager pager={pager} nextCursor={query.data?.nextCursor} reversible />
          </Stack>
        )}
      </QueryState>
    </Paper>
  );
}

type ImportResult = {
  dryRun: boolean;
  suppressed: number;
  unchanged: number;
  invalid: { index: number; line?: number; value: string }[];
};

function ImportForm() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    const local: Record<string, string> = {};
    if (!csv.trim()) local.csv = t.signIn.required;
    if (!reason.trim()) local.reason = t.signIn.required;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const response = await api.POST('/v1/suppressions/import', {
        params: { query: { reason: reason.trim(), dryRun: dryRun ? 'true' : 'false' } },
        body: csv,
        bodySerializer: (body) => body as string,
        headers: { 'content-type': 'text/csv' },
      });
      setResult(unwrap(response));
      if (!dryRun) {
        setCsv('');
        void queryClient.invalidateQueries({ queryKey: ['suppressions'] });
      }
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors({ reason: fields.reason ?? '', csv: fields[''] ?? '' });
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.suppressions.import}
      </Title>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <Stack gap="sm">
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <FileInput
            label={t.suppressions.csvFile}
            accept=".csv,text/csv,text/plain"
            onChange={async (file) => {
              setResult(null);
              setCsv(file ? await file.text() : '');
            }}
            clearable
          />
          <Textarea
            label={t.suppressions.csvText}
            description={t.suppressions.csvHint}
            value={csv}
            onChange={(e) => {
              setResult(null);
              setCsv(e.currentTarget.value);
            }}
            error={errors.csv || undefined}
            autosize
            minRows={3}
            maxRows={10}
            required
          />
          <TextInput
            label={t.suppressions.importReason}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason || undefined}
            required
          />
          <Group>
            <Button type="submit" variant="light" loading={busy}>
              {t.suppressions.preview}
            </Button>
            <Button onClick={() => void run(false)} disabled={!result?.dryRun} loading={busy}>
              {t.suppressions.runImport}
            </Button>
          </Group>
          {result && (
            <Alert color={result.dryRun ? 'blue' : 'green'} role="status" data-testid="import-result">
              {result.dryRun ? t.suppressions.previewResult : t.suppressions.importResult}:{' '}
              {t.suppressions.counts(result.suppressed, result.unchanged, result.invalid.length)}
              {result.invalid.length > 0 && (
                <Text size="sm">
                  {t.suppressions.invalidRows}:{' '}
                  {result.invalid.map((i) => `${i.line ?? i.index}: ${i.value}`).join(', ')}
                </Text>
              )}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function DomainBlocks() {
  const { t, dateTime } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<string | null>(null);
  const [domain, setDomain] = useState('');
  const [domainError, setDomainError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['domain-blocks'],
    queryFn: async () => unwrap(await api.GET('/v1/domain-blocks')),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['domain-blocks'] });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        {t.suppressions.domainBlocks}
      </Title>
      <QueryState isPending={query.isPending} error={query.error}>
        {() => (
          <Stack gap="xs">
            {(query.data?.items ?? []).map((b: Schema<'DomainBlock'>) => (
              <Paper withBorder p="xs" key={b.domain}>
                <Group justify="space-between" wrap="wrap">
                  <Text size="sm">
                    <b>{b.domain}</b> · {b.reason} · {dateTime(b.createdAt)}
                  </Text>
                  {can('write') && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setRemoving(removing === b.domain ? null : b.domain)}
                    >
                      {t.suppressions.removeBlock}
                    </Button>
                  )}
                </Group>
                {removing === b.domain && (
                  <ReasonForm
                    submitLabel={t.suppressions.removeBlock}
                    onSubmit={async (reason) =>
                      unwrap(
                        await api.DELETE('/v1/domain-blocks/{domain}', {
                          params: { path: { domain: b.domain }, query: { reason } },
                        }),
                      )
                    }
                    onDone={refresh}
                  />
                )}
              </Paper>
            ))}
            {(query.data?.items.length ?? 0) === 0 && <Text c="dimmed">{t.common.none}</Text>}
          </Stack>
        )}
      </QueryState>
      {can('write') && (
        <Stack gap="xs" mt="md">
          <TextInput
            label={t.suppressions.domain}
            value={domain}
            onChange={(e) => setDomain(e.currentTarget.value)}
            error={domainError}
            required
          />
          <ReasonForm
            submitLabel={t.suppressions.addBlock}
            onSubmit={async (reason) => {
              const value = domain.trim().toLowerCase();
              if (!/^[a-z0-9.-]+\.[a-z0-9-]+$/.test(value)) {
                setDomainError(t.suppressions.invalidDomain);
                throw new Error(t.suppressions.invalidDomain);
              }
              setDomainError(null);
              try {
                return unwrap(await api.POST('/v1/domain-blocks', { body: { domain: value, reason } }));
              } catch (error) {
                const fields = fieldErrors(error);
                if (fields.domain) setDomainError(fields.domain);
                throw error;
              }
            }}
            onDone={() => {
              setDomain('');
              refresh();
            }}
          />
        </Stack>
      )}
    </Paper>
  );
}

export default function SuppressionsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <Page title={t.nav.suppressions}>
      <SuppressionTable />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {can('write') && <ImportForm />}
        <DomainBlocks />
      </SimpleGrid>
    </Page>
  );
}
