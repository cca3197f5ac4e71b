#!/usr/bin/env bash
# Ordered rollout of one overlay: migrations first (a Job, run to completion), then the processes.
#   infra/k8s/deploy.sh production        # or staging
# Needs kubectl with access to the cluster, the Secret `bounce-secrets` in the overlay's namespace (keys:
# database-url, database-direct-url, redis-url, secrets-key, verp-secrets, dashboard-admin-token) and, for
# production, `bounce-smtp` (key smtp-url). KEDA and a Prometheus scraping the pods (prometheus.io/* annotations) drive the autoscaling.
set -euo pipefail
overlay="${1:?usage: deploy.sh <overlay> (production, staging)}"
dir="$(cd "$(dirname "$0")" && pwd)/overlays/$overlay"
[ -d "$dir" ] || { echo "no overlay $overlay in $(dirname "$dir")" >&2; exit 2; }
namespace="$(kubectl kustomize "$dir/migrate" | sed -n 's/^  namespace: //p' | head -1)"

# A Job's template cannot change: the previous run is removed before the new image's run is created.
kubectl -n "$namespace" delete job bounce-migrate --ignore-not-found --wait=true
kubectl apply -k "$dir/migrate"
if ! kubectl -n "$namespace" wait --for=condition=complete job/bounce-migrate --timeout=30m; then
  kubectl -n "$namespace" logs job/bounce-migrate --tail=50 >&2 || true
  echo "migrations failed: the running processes were left untouched" >&2
  exit 1
fi
kubectl apply -k "$dir"
for deployment in $(kubectl -n "$namespace" get deployments -l app.kubernetes.io/name=bounce -o name); do
  kubectl -n "$namespace" rollout status "$deployment" --timeout=10m
done
