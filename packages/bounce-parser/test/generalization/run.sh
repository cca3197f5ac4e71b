#!/usr/bin/env bash
# Parses the generalisation challenge set with the `bounce` CLI and scores it with shared/eval/score.mjs.
# Usage: bash packages/bounce-parser/test/generalization/run.sh [--verbose] [--json]
# Extra arguments go to score.mjs. SCORE_MJS overrides the scorer's path (default: shared/ beside the repository).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../../.." && pwd)"
SCORE_MJS="${SCORE_MJS:-$REPO/../shared/eval/score.mjs}"
if [[ ! -f "$SCORE_MJS" ]]; then
  echo "score.mjs not found at $SCORE_MJS (set SCORE_MJS)" >&2
  exit 2
fi
OUT="$(mktemp "${TMPDIR:-/tmp}/generalization.XXXXXX.ndjson")"
trap 'rm -f "$OUT"' EXIT
(cd "$REPO" && pnpm -s bounce parse --ndjson "$HERE/emails") >"$OUT"
node "$SCORE_MJS" --manifest "$HERE/manifest.json" --results "$OUT" "$@"
