#!/usr/bin/env bash
# One command: install dependencies on a fresh machine, then run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pnpm >/dev/null 2>&1 || npm i -g pnpm@9
pnpm install --frozen-lockfile
exec pnpm -s bounce parse --table "${@:-../shared/corpus/dev/emails}"
