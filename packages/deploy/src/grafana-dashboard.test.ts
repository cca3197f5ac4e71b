import { describe, expect, it } from 'vitest';
import { knownMetricFamilies } from './declared-metrics.js';
import { loadDashboard, withGrafanaVariablesResolved } from './grafana-dashboard.js';
import { familyOf, metricNamesIn } from './promql.js';

describe('Grafana dashboard (infra/grafana/bounce-pipeline.json)', () => {
  const dashboard = loadDashboard();
  const panels = dashboard.panels.filter((p) => p.type !== 'row');
  const targets = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, ...t })));

  it('is a dashboard with a stable uid, unique panel ids and panels that do not overlap', () => {
    expect(dashboard.uid).toBe('bounce-pipeline');
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      expect(p.gridPos.x + p.gridPos.w, p.title).toBeLessThanOrEqual(24);
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`), `${p.title} overlaps another panel`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('queries the Prometheus data source chosen in its variable', () => {
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')?.type).toBe('datasource');
    expect(targets.length).toBeGreaterThan(15);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a JS template.
    for (const t of targets) expect(t.datasource?.uid, t.panel).toBe('${datasource}');
  });

  it('has valid PromQL that selects only metrics the processes export', () => {
    const families = knownMetricFamilies();
    const unknown: string[] = [];
    for (const t of targets) {
      const names = metricNamesIn(withGrafanaVariablesResolved(t.expr));
      expect(names.length, t.panel).toBeGreaterThan(0);
      for (const name of names) if (familyOf(name, families) === undefined) unknown.push(`${t.panel}: ${name}`);
    }
    expect(unknown).toEqual([]);
  });

  it('shows each stage of the pipeline and its backlog', () => {
    const all = targets.map((t) => t.expr).join('\n');
    for (const metric of [
      'bounce_jobs_total',
      'bounce_queue_jobs',
      'bounce_fetch_messages_total',
      'bounce_parsed_messages_total',
      'bounce_bounces_total',
      'bounce_webhook_attempts_total',
      'bounce_outbox_publish_lag_seconds_bucket',
    ]) {
      expect(all).toContain(metric);
    }
  });
});
