#!/usr/bin/env bash
# System packages the test suite needs: Postfix (produces real DSNs), Dovecot (IMAP bounce mailbox), redis-server
# and NSD (authoritative DNS for the sender-health tests), started by the tests themselves on localhost ports with
# config kept in infra/test-servers. Nothing starts on install.
set -euo pipefail
need=()
command -v postconf >/dev/null 2>&1 || need+=(postfix)
command -v dovecot >/dev/null 2>&1 || need+=(dovecot-imapd)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
# The fault tests run a private redis-server (with an append-only file) that they can kill and restart.
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# The sender-health tests serve their DNS zones (packages/sender-health/test/zones) from a private NSD.
[ -x /usr/sbin/nsd ] || need+=(nsd)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
