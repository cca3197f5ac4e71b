#!/bin/sh
# Builds one Debian 12 chroot per MTA for the corpus generator (dev-only; needs root, debootstrap and Debian's
# mirror). The MTA packages conflict with each other, so each MTA gets its own copy of a minimal base system.
#   sh setup-chroots.sh [MTA...]     (default: all; chroots go to $CORPUS_CHROOTS, default /var/tmp/corpus-chroots)
set -eu
dir=${CORPUS_CHROOTS:-/var/tmp/corpus-chroots}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
mkdir -p "$dir"
cd "$dir"
[ -d base ] || debootstrap --variant=minbase --include=ca-certificates bookworm base "$mirror"

packages_of() {
  case $1 in
    postfix) echo postfix ;;
    exim) echo exim4-daemon-light ;;
    opensmtpd) echo opensmtpd ;;
    sendmail) echo sendmail-bin sendmail-cf m4 make ;;
    courier) echo courier-mta ;;
    dma) echo dma ;;
    nullmailer) echo nullmailer ;;
    *) echo "unknown MTA $1" >&2; exit 2 ;;
  esac
}

for name in ${*:-postfix exim opensmtpd sendmail courier dma nullmailer}; do
  pkgs=$(packages_of "$name")
  rm -rf "$name"
  cp -a base "$name"
  # No service may start during installation.
  printf '#!/bin/sh\nexit 101\n' > "$name/usr/sbin/policy-rc.d"
  chmod +x "$name/usr/sbin/policy-rc.d"
  cp /etc/resolv.conf "$name/etc/resolv.conf"
  echo "mta.$name.test" > "$name/etc/hostname"
  echo "mta.$name.test" > "$name/etc/mailname"
  printf '127.0.0.1 localhost mta.%s.test\n' "$name" > "$name/etc/hosts"
  mount -t proc proc "$name/proc"
  chroot "$name" sh -c "echo 'postfix postfix/main_mailer_type select Local only' | debconf-set-selections
    echo 'postfix postfix/mailname string mta.$name.test' | debconf-set-selections
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $pkgs bsd-mailx" > "$name.log" 2>&1
  umount "$name/proc"
  echo "$name: installed $pkgs"
done
