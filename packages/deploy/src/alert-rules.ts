import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ALERT_RULES_FILE } from './repo.js';

export type Rule = {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};
type RuleFile = { groups: { name: string; rules: Rule[] }[] };

/** The alerting and recording rules of infra/prometheus/alerts.yml. */
export function loadRules(file = ALERT_RULES_FILE): Rule[] {
  const parsed = parse(readFileSync(file, 'utf8')) as RuleFile;
  return parsed.groups.flatMap((g) => g.rules);
}
