import { fileURLToPath } from 'node:url';

/** The repository root (packages/deploy/src → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const INFRA_DIR = fileURLToPath(new URL('../../../infra/', import.meta.url));
export const ALERT_RULES_FILE = `${INFRA_DIR}prometheus/alerts.yml`;
export const ALERT_TESTS_FILE = `${INFRA_DIR}prometheus/alerts.test.yml`;
export const DASHBOARD_FILE = `${INFRA_DIR}grafana/bounce-pipeline.json`;
export const K8S_DIR = `${INFRA_DIR}k8s/`;
