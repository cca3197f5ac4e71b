#!/bin/bash
# Parse the blind generalisation set with the project's CLI and score it with the shared scorer.
# Usage (from anywhere): bash packages/bounce-parser/test/generalization-blind/run.sh [--json]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out=$(mktemp); trap 'rm -f "$out"' EXIT
(cd "$repo" && pnpm -s bounce parse --ndjson "$here/emails") >"$out"
node "${SCORE_MJS:-$repo/../shared/eval/score.mjs}" --manifest "$here/manifest.json" --results "$out" --verbose "$@"
