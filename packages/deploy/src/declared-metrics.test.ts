import { describe, expect, it } from 'vitest';
import { declaredMetrics, knownMetricFamilies } from './declared-metrics.js';
import { familyOf, metricNamesIn, PromqlSyntaxError } from './promql.js';

describe('metric references', () => {
  it('finds the metric families declared in the sources, and Node defaults', () => {
    const declared = declaredMetrics();
    expect(declared.find((m) => m.name === 'bounce_jobs_total')?.file).toBe('packages/queue/src/queue-metrics.ts');
    expect(declared.map((m) => m.name)).toContain('bounce_queue_jobs');
    const known = knownMetricFamilies();
    expect(known.has('process_start_time_seconds')).toBe(true);
    expect(known.has('up')).toBe(true);
  });

  it('extracts metric names from PromQL with its grammar, not label names or strings', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.9, sum by (le) (rate(a_seconds_bucket{queue="b_total"}[5m]))) > on() group_left c:rec and {__name__="d"}',
      ),
    ).toEqual(['a_seconds_bucket', 'c:rec', 'd']);
    expect(() => metricNamesIn('sum(rate(x[5m])')).toThrow(PromqlSyntaxError);
  });

  it('maps histogram series to their family', () => {
    const families = new Set(['a_seconds', 'b_total']);
    expect(familyOf('a_seconds_bucket', families)).toBe('a_seconds');
    expect(familyOf('a_seconds_count', families)).toBe('a_seconds');
    expect(familyOf('b_total', families)).toBe('b_total');
    expect(familyOf('c', families)).toBeUndefined();
  });
});

describe('referenced metrics', () => {
  it('collects the metrics of the alerts, the dashboard and the autoscalers', async () => {
    const { referencedMetrics, autoscalerQueries } = await import('./referenced-metrics.js');
    const refs = referencedMetrics();
    const users = new Set(refs.map((r) => r.usedBy.split(' ')[0]));
    expect([...users].sort()).toEqual(['ScaledObject', 'alert', 'dashboard']);
    expect(autoscalerQueries()).toHaveLength(4);
    const known = knownMetricFamilies();
    expect(refs.filter((r) => familyOf(r.metric, known) === undefined)).toEqual([]);
  });
});
