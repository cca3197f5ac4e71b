import { readFileSync } from 'node:fs';
import { DASHBOARD_FILE } from './repo.js';

export type DashboardTarget = { refId: string; expr: string; datasource?: { type: string; uid: string } };
export type DashboardPanel = {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  targets?: DashboardTarget[];
  datasource?: { type: string; uid: string };
};
export type Dashboard = {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: DashboardPanel[];
  templating: { list: { name: string; type: string; query?: unknown }[] };
};

export function loadDashboard(file = DASHBOARD_FILE): Dashboard {
  return JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
}

/**
 * Grafana's variables replaced by values Prometheus accepts, so an expression can be parsed as plain PromQL:
 * ranges become a duration, `$app`-style template variables a regular expression.
 */
export function withGrafanaVariablesResolved(expr: string): string {
  return expr
    .replaceAll('$__rate_interval', '1m')
    .replaceAll('$__interval', '1m')
    .replaceAll('$__range', '1h')
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, '.*');
}
