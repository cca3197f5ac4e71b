export { knownMetricFamilies } from './declared-metrics.js';
export { familyOf, metricNamesIn } from './promql.js';
export { autoscalerQueries, type MetricReference, referencedMetrics } from './referenced-metrics.js';
export { ALERT_RULES_FILE, DASHBOARD_FILE, INFRA_DIR, K8S_DIR } from './repo.js';
