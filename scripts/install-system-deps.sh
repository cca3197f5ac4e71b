#!/usr/bin/env bash
# System packages the test suite needs: Postfix (produces real DSNs), Dovecot (IMAP bounce mailbox), redis-server,
# NSD (authoritative DNS for the sender-health tests), redis-sentinel, PgBouncer and Prometheus, started by the tests
# themselves on localhost ports with config kept in infra/test-servers. Nothing starts on install (Debian's service
# scripts need systemd, which is not running here).
set -euo pipefail
need=()
command -v postconf >/dev/null 2>&1 || need+=(postfix)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd)
# POP3 bounce mailboxes are tested against Dovecot's POP3 server.
[ -x /usr/lib/dovecot/pop3 ] || need+=(dovecot-pop3d)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# The fault tests run a private redis-server (with an append-only file) that they can kill and restart.
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# The sender-health tests serve their DNS zones (packages/sender-health/test/zones) from a private NSD.
[ -x /usr/sbin/nsd ] || need+=(nsd)
# The scale tests: a Redis Cluster (redis-cli --cluster create), a Sentinel set, PgBouncer in transaction mode (and
# psql for its admin console), a Prometheus that scrapes every process; promtool checks and unit-tests the alerts.
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
[ -x /usr/bin/redis-sentinel ] || need+=(redis-sentinel)
[ -x /usr/sbin/pgbouncer ] || need+=(pgbouncer)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
{ command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; } || need+=(prometheus)
# `kubectl kustomize` renders infra/k8s in the tests. The machine image may ship a recent kubectl; otherwise Debian's
# kubernetes-client (kubectl 1.20, kustomize v2) renders the same output (the overlays stick to what both support).
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
# The console's browser tests drive Debian's Chromium through Playwright (which never downloads a browser here).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
