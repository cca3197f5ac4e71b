/**
 * Metric names referenced by PromQL expressions (alerts, dashboard panels, autoscaler queries), parsed with
 * Prometheus' own grammar (lezer-promql) rather than matched with a regular expression, so label names, functions
 * and string literals are never mistaken for metrics.
 */
import { parser } from '@prometheus-io/lezer-promql';

export class PromqlSyntaxError extends Error {
  override readonly name = 'PromqlSyntaxError';
}

/** Every metric (or recording rule) name selected by the expression, in order of appearance, without repeats. */
export function metricNamesIn(expr: string): string[] {
  const names: string[] = [];
  const tree = parser.parse(expr);
  let syntaxError: number | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) syntaxError ??= node.from;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') {
        const name = expr.slice(node.from, node.to);
        if (!names.includes(name)) names.push(name);
      }
      if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
        // {__name__="x"}: a metric named through its label.
        const text = expr.slice(node.from, node.to);
        const match = /^__name__\s*=\s*"([^"]+)"$/.exec(text);
        if (match && !names.includes(match[1]!)) names.push(match[1]!);
      }
    },
  });
  if (syntaxError !== undefined) {
    throw new PromqlSyntaxError(`PromQL syntax error at ${syntaxError} in: ${expr}`);
  }
  return names;
}

/** Histograms and summaries are selected by their series' names: `x_bucket`, `x_sum`, `x_count` belong to `x`. */
export function familyOf(seriesName: string, families: ReadonlySet<string>): string | undefined {
  if (families.has(seriesName)) return seriesName;
  for (const suffix of ['_bucket', '_sum', '_count', '_total', '_created']) {
    if (seriesName.endsWith(suffix)) {
      const base = seriesName.slice(0, -suffix.length);
      if (families.has(base)) return base;
    }
  }
  return undefined;
}
