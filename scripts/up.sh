#!/usr/bin/env bash
# One command on a fresh machine: installs pnpm and the dependencies, then runs the whole system (migrations,
# fetch/parse/rules/notify workers, API and queue dashboard) against PostgreSQL and Redis on localhost.
# Needs Node.js 20 (>= 20.19), PostgreSQL and Redis; see README.md. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pnpm >/dev/null 2>&1 || npm i -g pnpm@9
pnpm install --frozen-lockfile
exec ./scripts/dev-all.sh "$@"
