/**
 * Every metric family the deployment artefacts rely on: the alert rules, the Grafana dashboard and the autoscalers'
 * queries. The scrape test (packages/e2e) checks each against what a real Prometheus scraped from the running
 * processes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadRules } from './alert-rules.js';
import { loadDashboard, withGrafanaVariablesResolved } from './grafana-dashboard.js';
import { metricNamesIn } from './promql.js';
import { K8S_DIR } from './repo.js';

export type MetricReference = { metric: string; usedBy: string };

export function referencedMetrics(): MetricReference[] {
  const refs: MetricReference[] = [];
  const rules = loadRules();
  const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
  for (const rule of rules) {
    for (const metric of metricNamesIn(rule.expr)) {
      if (!recorded.has(metric)) refs.push({ metric, usedBy: `alert rule ${rule.alert ?? rule.record}` });
    }
  }
  for (const panel of loadDashboard().panels) {
    for (const target of panel.targets ?? []) {
      for (const metric of metricNamesIn(withGrafanaVariablesResolved(target.expr))) {
        refs.push({ metric, usedBy: `dashboard panel "${panel.title}"` });
      }
    }
  }
  for (const query of autoscalerQueries()) {
    for (const metric of metricNamesIn(query.query)) refs.push({ metric, usedBy: `ScaledObject ${query.name}` });
  }
  return refs;
}

/** The Prometheus queries of the KEDA ScaledObjects in the Kustomize base (read from the files, no rendering). */
export function autoscalerQueries(): { name: string; query: string }[] {
  const base = join(K8S_DIR, 'base');
  const out: { name: string; query: string }[] = [];
  for (const file of readdirSync(base).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(readFileSync(join(base, file), 'utf8'))) {
      const o = doc.toJS() as {
        kind?: string;
        metadata?: { name: string };
        spec?: { triggers?: { type: string; metadata: { query?: string } }[] };
      } | null;
      if (o?.kind !== 'ScaledObject') continue;
      for (const t of o.spec?.triggers ?? []) {
        if (t.type === 'prometheus' && t.metadata.query) out.push({ name: o.metadata!.name, query: t.metadata.query });
      }
    }
  }
  return out;
}
