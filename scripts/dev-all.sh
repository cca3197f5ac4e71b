#!/usr/bin/env bash
# Runs the whole system locally in one terminal: migrates the database, then starts every worker, the queue
# dashboard, the API and the notification worker against local PostgreSQL and Redis. Each line
# of output is prefixed with the process name; Ctrl-C stops everything (SIGTERM, so in-flight jobs finish).
#
#   ./scripts/dev-all.sh            # after `pnpm install`
#   ./scripts/dev-all.sh --help
#
# Environment (all optional):
#   DATABASE_URL   PostgreSQL database, created when missing. Default postgres://postgres@127.0.0.1:5432/bounce
#   REDIS_URL      Default redis://127.0.0.1:6379
#   QUEUE_PREFIX   BullMQ key prefix. Default bounce
#   LOG_LEVEL      Default info
#   LOG_PRETTY     Readable, colourised log lines (pino-pretty) instead of JSON. Default true
#   HOST, HEALTH_HOST  Listen address of the HTTP servers and health endpoints. Default 127.0.0.1
#   SECRETS_KEY, DASHBOARD_ADMIN_TOKEN, BOOTSTRAP_ADMIN_KEY, VERP_SECRETS
#                  Generated once into data/dev.env (git-ignored) when not set, and reused on the next runs.
#   DASHBOARD_URL  Where GET /dashboard on the API redirects. Default http://127.0.0.1:3100/
#   VERP_DOMAIN    Domain of the VERP return paths the API hands out with each recorded send. Default localhost
#   API_PORT, DASHBOARD_PORT  Default 3000 and 3100
#   HEALTH_PORT_BASE  Health/metrics ports of the workers: fetch +0, parse +1, rules +2, notify +4. Default 9100
#   DEV_DATA_DIR   Where dev.env (the generated secrets) lives. Default data
#   CONSOLE_BUILD  Build the console when it has no build. Default true (false: the API serves no /console)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 0
fi

TSX="$ROOT/node_modules/.bin/tsx"
if [[ ! -x "$TSX" ]]; then
  echo "dev-all: dependencies are missing, run 'pnpm install' first" >&2
  exit 1
fi

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bounce}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export QUEUE_PREFIX="${QUEUE_PREFIX:-bounce}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
# Local use: HTTP servers and health endpoints listen on the loopback interface only.
export HOST="${HOST:-127.0.0.1}" HEALTH_HOST="${HEALTH_HOST:-127.0.0.1}"
API_PORT=${API_PORT:-3000} DASHBOARD_PORT=${DASHBOARD_PORT:-3100} HEALTH_PORT_BASE=${HEALTH_PORT_BASE:-9100}
DEV_DATA_DIR=${DEV_DATA_DIR:-data}
DEV_ENV="$DEV_DATA_DIR/dev.env"

# Development secrets: generated once, kept in data/dev.env so encrypted mailbox passwords stay readable across
# runs. Values already in the environment win.
mkdir -p "$DEV_DATA_DIR"
touch "$DEV_ENV" && chmod 600 "$DEV_ENV"
gen() { node -e "console.log(require('node:crypto').randomBytes($1).toString('base64url'))"; }
grep -q '^SECRETS_KEY=' "$DEV_ENV" || echo "SECRETS_KEY=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")" >>"$DEV_ENV"
grep -q '^DASHBOARD_ADMIN_TOKEN=' "$DEV_ENV" || echo "DASHBOARD_ADMIN_TOKEN=$(gen 24)" >>"$DEV_ENV"
# The API creates this admin key (tenant "default") at start: use it for the API (the dashboard takes DASHBOARD_ADMIN_TOKEN).
grep -q '^BOOTSTRAP_ADMIN_KEY=' "$DEV_ENV" || echo "BOOTSTRAP_ADMIN_KEY=$(gen 32)" >>"$DEV_ENV"
# VERP on by default: the API signs each send's return path, the rules worker verifies it (same secret).
grep -q '^VERP_SECRETS=' "$DEV_ENV" || echo "VERP_SECRETS=$(gen 24)" >>"$DEV_ENV"
while IFS='=' read -r key value; do
  [[ -z "$key" || -n "${!key:-}" ]] || export "$key=$value"
done <"$DEV_ENV"

export VERP_DOMAIN="${VERP_DOMAIN:-localhost}"

# --- services -----------------------------------------------------------------------------------------------------
redis_host_port=$(node -e "const u = new URL(process.argv[1]); console.log(u.hostname + ' ' + (u.port || 6379))" "$REDIS_URL")
read -r redis_host redis_port <<<"$redis_host_port"
if ! (exec 3<>"/dev/tcp/$redis_host/$redis_port") 2>/dev/null; then
  echo "dev-all: Redis is not reachable at $redis_host:$redis_port (start it, or set REDIS_URL)" >&2
  exit 1
fi

# Create the database when missing, through the `postgres` client @bounce/db already depends on (no psql needed).
(
  cd packages/db
  node --input-type=module -e "
    import postgres from 'postgres';
    const target = new URL(process.env.DATABASE_URL);
    const name = decodeURIComponent(target.pathname.slice(1));
    const admin = new URL(target); admin.pathname = '/postgres';
    const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
    try {
      const rows = await sql\`select 1 from pg_database where datname = \${name}\`;
      if (rows.length === 0) { await sql.unsafe('create database \"' + name.replaceAll('\"', '\"\"') + '\"'); console.log('dev-all: created database ' + name); }
    } catch (err) {
      console.error('dev-all: PostgreSQL is not usable at ' + target.host + ': ' + err.message); process.exit(1);
    } finally { await sql.end({ timeout: 5 }); }
  "
)
pnpm -s --filter @bounce/db migrate

# The console the API serves under /console: built once (a checkout has no dist/); its first admin account is
# created on the first start only (--if-none), with the password printed once in the ready banner below.
[[ -f apps/console/dist/index.html || "${CONSOLE_BUILD:-true}" != "true" ]] || pnpm -s --filter @bounce/console build
CONSOLE_ADMIN_EMAIL=${CONSOLE_ADMIN_EMAIL:-admin@localhost}
CONSOLE_ADMIN_PASSWORD=$(pnpm -s --filter @bounce/api create-operator --tenant default --email "$CONSOLE_ADMIN_EMAIL" --if-none)

# --- processes ----------------------------------------------------------------------------------------------------
# name, directory, extra environment.
declare -a NAMES=() DIRS=() ENVS=()
add() { NAMES+=("$1"); DIRS+=("$2"); ENVS+=("${3:-}"); }

DASHBOARD_URL=${DASHBOARD_URL:-http://127.0.0.1:$DASHBOARD_PORT/}
add fetch apps/fetch-worker "HEALTH_PORT=$HEALTH_PORT_BASE"
add parse apps/parse-worker "HEALTH_PORT=$((HEALTH_PORT_BASE + 1))"
add rules apps/rules-worker "HEALTH_PORT=$((HEALTH_PORT_BASE + 2))"
add notify apps/notify-worker "HEALTH_PORT=$((HEALTH_PORT_BASE + 4))"
add api apps/api "PORT=$API_PORT DASHBOARD_URL=$DASHBOARD_URL"
add dashboard apps/dashboard "PORT=$DASHBOARD_PORT"

declare -a PIDS=() STARTED=() CRASHES=()
width=0
for n in "${NAMES[@]}"; do ((${#n} > width)) && width=${#n}; done
PRETTY="$ROOT/node_modules/.bin/pino-pretty"
[[ "${LOG_PRETTY:-true}" == "true" && -x "$PRETTY" ]] || PRETTY=""

start_process() {
  local i=$1 name=${NAMES[$1]} label
  label=$(printf "%-${width}s |" "$name")
  # `node --import tsx` (not the tsx CLI, which adds a parent process relaying signals) and process substitution
  # (not a pipeline) keep $! the worker's own PID, so each signal reaches it exactly once. The prefixing seds (and
  # pino-pretty) ignore Ctrl-C and end when the worker closes its output, so the last log lines are not lost.
  if [[ -n "$PRETTY" ]]; then
    # shellcheck disable=SC2086
    (cd "${DIRS[$i]}" && exec env ${ENVS[$i]} node --import tsx src/main.ts) \
      > >(trap '' INT; "$PRETTY" --colorize --singleLine --translateTime SYS:HH:MM:ss.l --ignore pid,hostname | sed -u "s/^/$label /") \
      2> >(trap '' INT; exec sed -u "s/^/$label /" >&2) &
  else
    # shellcheck disable=SC2086
    (cd "${DIRS[$i]}" && exec env ${ENVS[$i]} node --import tsx src/main.ts) \
      > >(trap '' INT; exec sed -u "s/^/$label /") 2> >(trap '' INT; exec sed -u "s/^/$label /" >&2) &
  fi
  PIDS[$i]=$!
  STARTED[$i]=$SECONDS
}

for i in "${!NAMES[@]}"; do
  CRASHES[$i]=0
  start_process "$i"
done

echo "dev-all: started ${NAMES[*]}"

stopping=0
stop_all() {
  ((stopping)) && return
  stopping=1
  echo "dev-all: stopping ${NAMES[*]}"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Workers drain in-flight jobs for up to 20 s; past 40 s, kill what is left.
  for _ in $(seq 1 400); do
    alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

# Once the API answers: everything needed to start, printed once.
(
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$API_PORT") 2>/dev/null; then
      cat <<EOT

dev-all: ready
  API          http://127.0.0.1:$API_PORT        (OpenAPI docs http://127.0.0.1:$API_PORT/docs)
  Console      http://127.0.0.1:$API_PORT/console
${CONSOLE_ADMIN_PASSWORD:+  Console sign-in  ${CONSOLE_ADMIN_EMAIL} / ${CONSOLE_ADMIN_PASSWORD}   (shown this once; tenant "default")
}  Dashboard    ${DASHBOARD_URL}  (any user name; password DASHBOARD_ADMIN_TOKEN=${DASHBOARD_ADMIN_TOKEN})
  Admin key    ${BOOTSTRAP_ADMIN_KEY}   (Authorization: Bearer <key>; tenant "default")
  VERP         return paths bounces+<token>@${VERP_DOMAIN} (POST /v1/sends hands them out)
  Secrets are in $DEV_ENV. Ctrl-C stops everything.

EOT
      exit 0
    fi
    sleep 0.2
  done
) &

# A process that ends on its own is restarted after a back-off (1 s, doubling to 30 s; reset once it ran a minute),
# so one crash does not stop the others. A configuration error (exit 78) is not retried: it would fail again.
set +e
while :; do
  wait -n -p finished "${PIDS[@]}"
  code=$?
  ((stopping)) && break
  for i in "${!PIDS[@]}"; do
    [[ "${PIDS[$i]}" == "${finished:-}" ]] || continue
    name=${NAMES[$i]}
    if ((code == 78)); then
      echo "dev-all: $name has an invalid configuration (see above), stopping the others" >&2
      stop_all
      exit "$code"
    fi
    if ((SECONDS - STARTED[i] >= 60)); then CRASHES[$i]=0; fi
    delay=$((1 << CRASHES[i]))
    ((delay > 30)) && delay=30
    CRASHES[$i]=$((CRASHES[i] + 1))
    echo "dev-all: $name exited (code $code), restarting in ${delay} s" >&2
    sleep "$delay" &
    wait $!
    ((stopping)) && break 2
    start_process "$i"
  done
done
