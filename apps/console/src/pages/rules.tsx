/**
 * Rules per tenant, category or list: the soft-bounce threshold and window, the actions, the exempt categories
 * and the sender-side reasons. Before saving, the API's preview says how many addresses the change would block or
 * release (and which settings apply to future bounces only).
 */
import {
  Alert,
  Button,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api, fieldErrors, problemMessage, type Schema, unwrap } from '../api';
import { Page, QueryState } from '../components/page';
import { useI18n } from '../i18n';
import { useSession } from '../session';

type Action = 'block' | 'remove-from-list' | 'notify-only';
const ACTIONS: Action[] = ['block', 'remove-from-list', 'notify-only'];
type ScopeKind = 'tenant' | 'category' | 'list';

type Draft = {
  softBounceThreshold: number | string;
  softFailureWindowDays: number | string;
  hardBounceAction: Action;
  softThresholdAction: Action;
  complaintAction: Action;
  exemptCategories: string;
  senderSideReasons: string;
};

function draftOf(config: Record<string, unknown>): Draft {
  return {
    softBounceThreshold: Number(config.softBounceThreshold ?? 5),
    softFailureWindowDays: config.softFailureWindowDays == null ? '' : Number(config.softFailureWindowDays),
    hardBounceAction: (config.hardBounceAction as Action) ?? 'block',
    softThresholdAction: (config.softThresholdAction as Action) ?? 'block',
    complaintAction: (config.complaintAction as Action) ?? 'block',
    exemptCategories: ((config.exemptCategories as string[]) ?? []).join(', '),
    senderSideReasons: ((config.senderSideReasons as string[]) ?? []).join(', '),
  };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export default function RulesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState<ScopeKind>('tenant');
  const [name, setName] = useState('');
  const scopeName = name.trim();
  const ready = scope === 'tenant' || scopeName.length > 0;
  const effective = useQuery({
    queryKey: ['rule-sets', 'effective', scope, scopeName],
    queryFn: async () =>
      unwrap(
        await api.GET('/v1/rule-sets/effective', {
          params: {
            query: {
              ...(scope === 'category' ? { category: scopeName } : {}),
              ...(scope === 'list' ? { list: scopeName } : {}),
            },
          },
        }),
      ) as Record<string, unknown>,
    enabled: ready,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (effective.data) setDraft(draftOf(effective.data));
  }, [effective.data]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [preview, setPreview] = useState<Schema<'RulePreview'> | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  function config() {
    if (!draft) return null;
    const e: Record<string, string> = {};
    const threshold = Number(draft.softBounceThreshold);
    if (!Number.isInteger(threshold) || threshold < 1) e.softBounceThreshold = t.rules.invalidThreshold;
    const windowDays = draft.softFailureWindowDays === '' ? null : Number(draft.softFailureWindowDays);
    if (windowDays !== null && (!Number.isInteger(windowDays) || windowDays < 1))
      e.softFailureWindowDays = t.rules.invalidWindow;
    setErrors(e);
    if (Object.keys(e).length > 0) return null;
    return {
      softBounceThreshold: threshold,
      softFailureWindowDays: windowDays,
      hardBounceAction: draft.hardBounceAction,
      softThresholdAction: draft.softThresholdAction,
      complaintAction: draft.complaintAction,
      exemptCategories: list(draft.exemptCategories),
      senderSideReasons: list(draft.senderSideReasons) as never,
    };
  }
  const target =
    scope === 'tenant'
      ? ({ scope: 'tenant' } as const)
      : scope === 'category'
        ? ({ scope: 'category', category: scopeName } as const)
        : ({ scope: 'list', listId: scopeName } as const);

  async function run(step: 'preview' | 'save') {
    setFailure(null);
    setSaved(false);
    const body = config();
    if (!body) return;
    setBusy(true);
    try {
      if (step === 'preview') {
        setPreview(unwrap(await api.POST('/v1/rule-sets/preview', { body: { target, config: body } })));
      } else {
        if (scope === 'tenant') unwrap(await api.PUT('/v1/rule-sets/tenant', { body }));
        else if (scope === 'category')
          unwrap(
            await api.PUT('/v1/rule-sets/categories/{category}', { params: { path: { category: scopeName } }, body }),
          );
        else unwrap(await api.PUT('/v1/rule-sets/lists/{listId}', { params: { path: { listId: scopeName } }, body }));
        setPreview(null);
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: ['rule-sets'] });
      }
    } catch (error) {
      const fields = fieldErrors(error);
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^config\./, ''), v])));
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setPreview(null);
    setDraft((d) => (d ? { ...d, [key]: value } : d));
  };
  const actionSelect = (key: 'hardBounceAction' | 'softThresholdAction' | 'complaintAction', label: string) => (
    <NativeSelect
      label={label}
      value={draft?.[key]}
      onChange={(e) => set(key, e.currentTarget.value as Action)}
      data={ACTIONS.map((a) => ({ value: a, label: t.rules.actions[a] }))}
    />
  );
  return (
    <Page title={t.nav.rules}>
      <Paper withBorder p="md">
        <Group align="flex-end" mb="md">
          <NativeSelect
            label={t.rules.scope}
            value={scope}
            onChange={(e) => setScope(e.currentTarget.value as ScopeKind)}
            data={[
              { value: 'tenant', label: t.rules.scopes.tenant },
              { value: 'category', label: t.rules.scopes.category },
              { value: 'list', label: t.rules.scopes.list },
            ]}
          />
          {scope !== 'tenant' && (
            <TextInput
              label={t.rules.scopeName}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
            />
          )}
        </Group>
        {ready && (
          <QueryState isPending={effective.isPending || !draft} error={effective.error}>
            {() => (
              <form
                noValidate
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  void run('preview');
                }}
              >
                <Stack gap="sm">
                  {failure && (
                    <Alert color="red" role="alert">
                      {failure}
                    </Alert>
                  )}
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <NumberInput
                      label={t.rules.threshold}
                      value={draft?.softBounceThreshold}
                      onChange={(v) => set('softBounceThreshold', v)}
                      error={errors.softBounceThreshold}
                      allowDecimal={false}
                    />
                    <NumberInput
                      label={t.rules.window}
                      description={t.rules.windowHint}
                      value={draft?.softFailureWindowDays}
                      onChange={(v) => set('softFailureWindowDays', v)}
                      error={errors.softFailureWindowDays}
                      allowDecimal={false}
                    />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    {actionSelect('hardBounceAction', t.rules.hardAction)}
                    {actionSelect('softThresholdAction', t.rules.softAction)}
                    {actionSelect('complaintAction', t.rules.complaintAction)}
                  </SimpleGrid>
                  <TextInput
                    label={t.rules.exempt}
                    description={t.rules.commaList}
                    value={draft?.exemptCategories}
                    onChange={(e) => set('exemptCategories', e.currentTarget.value)}
                    error={errors.exemptCategories}
                  />
                  <TextInput
                    label={t.rules.senderSide}
                    description={t.rules.commaList}
                    value={draft?.senderSideReasons}
                    onChange={(e) => set('senderSideReasons', e.currentTarget.value)}
                    error={errors.senderSideReasons}
                  />
                  {preview && (
                    <Alert color="blue" role="status" title={t.rules.previewTitle} data-testid="rule-preview">
                      <Text>{t.rules.previewCounts(preview.wouldBlock, preview.wouldRelease)}</Text>
                      <List size="sm">
                        {preview.changes.map((c) => (
                          <List.Item key={c.setting}>
                            {c.setting}: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
                          </List.Item>
                        ))}
                      </List>
                      {preview.futureOnly.length > 0 && (
                        <Text size="sm">
                          {t.rules.futureOnly}: {preview.futureOnly.join(', ')}
                        </Text>
                      )}
                    </Alert>
                  )}
                  {saved && (
                    <Alert color="green" role="status">
                      {t.rules.saved}
                    </Alert>
                  )}
                  {can('admin') && (
                    <Group>
                      <Button type="submit" variant="light" loading={busy}>
                        {t.rules.preview}
                      </Button>
                      <Button onClick={() => void run('save')} disabled={!preview} loading={busy}>
                        {t.common.save}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </form>
            )}
          </QueryState>
        )}
      </Paper>
    </Page>
  );
}
