#!/usr/bin/env bash
# Installs the Asterisk lab: the host tools the tests use (debootstrap, sipp, espeak-ng, sox) and a
# Debian sid chroot with Asterisk 22 under .cache/asterisk/root (override with RINGFLOW_ASTERISK_ROOT).
#
# Idempotent and safe to re-run: the chroot is built in a temporary sibling folder and renamed into
# place only once complete, so a half-made chroot is never used. A stamp file records the Asterisk
# version; when it is present the script is a fast no-op.
#
# Environment:
#   RINGFLOW_ASTERISK_ROOT   chroot folder (default: <repo>/.cache/asterisk/root)
#   RINGFLOW_DEBIAN_MIRROR   Debian mirror (default: http://deb.debian.org/debian)
#   RINGFLOW_DEBIAN_SUITE    Debian suite (default: sid, which carries Asterisk 22)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
root="${RINGFLOW_ASTERISK_ROOT:-$repo/.cache/asterisk/root}"
mirror="${RINGFLOW_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
suite="${RINGFLOW_DEBIAN_SUITE:-sid}"
stamp="$root/.ringflow-asterisk-version"
attempts=3

say() { echo "asterisk-install: $*"; }
die() {
  echo "asterisk-install: error: $*" >&2
  exit 1
}

# Host tool -> Debian package that provides it.
declare -A host_packages=([debootstrap]=debootstrap [sipp]=sip-tester [espeak-ng]=espeak-ng [sox]=sox)
missing=()
for tool in "${!host_packages[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${host_packages[$tool]}")
done
# sox reads the flows' .mp3 background music (TTS mixing) only with this format library.
sox -h 2>/dev/null | grep -w mp3 >/dev/null || missing+=(libsox-fmt-mp3)

if [ ${#missing[@]} -eq 0 ] && [ -s "$stamp" ]; then
  say "already installed: $(cat "$stamp") in $root"
  exit 0
fi

[ "$(id -u)" -eq 0 ] || die "needs root (apt-get, debootstrap and chroot); run it with sudo"

if [ ${#missing[@]} -gt 0 ]; then
  say "installing host packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  for i in $(seq 1 "$attempts"); do
    if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
      break
    fi
    [ "$i" -lt "$attempts" ] || die "apt-get could not install ${missing[*]} after $attempts attempts"
    say "apt-get failed (attempt $i/$attempts), retrying in $((i * 5)) s"
    sleep $((i * 5))
  done
else
  say "host packages present: ${!host_packages[*]}"
fi

if [ -s "$stamp" ]; then
  say "chroot already installed: $(cat "$stamp") in $root"
  exit 0
fi

[ -e "$root" ] && die "$root exists but has no stamp file (not made by this script?); remove it and re-run"

parent="$(dirname "$root")"
mkdir -p "$parent"
# Leftovers of an interrupted run are never reused.
rm -rf "$root".partial.*
for i in $(seq 1 "$attempts"); do
  work="$root.partial.$$.$i"
  say "debootstrap $suite from $mirror into $work (attempt $i/$attempts)"
  started=$SECONDS
  if debootstrap --variant=minbase --include=asterisk "$suite" "$work" "$mirror" >"$work.log" 2>&1; then
    say "debootstrap done in $((SECONDS - started)) s"
    break
  fi
  tail -n 20 "$work.log" >&2 || true
  rm -rf "$work"
  [ "$i" -lt "$attempts" ] || die "debootstrap failed $attempts times (network to $mirror?); last log: $work.log"
  say "debootstrap failed, retrying in $((i * 10)) s"
  sleep $((i * 10))
done
rm -f "$work.log"

# Root in some sandboxes cannot read files owned by other users (the Debian packages create an
# asterisk user inside the chroot whose uid means nothing on the host).
# chown runs inside the chroot: var/run is an absolute symlink (/run) that must not resolve on the host.
chroot "$work" /bin/sh -c 'for d in /etc/asterisk /var/lib/asterisk /var/spool/asterisk /var/log/asterisk \
  /var/run/asterisk /usr/share/asterisk; do if [ -e "$d" ]; then chown -R root:root "$d/"; fi; done'


version="$(chroot "$work" /usr/sbin/asterisk -V)" || die "the new chroot cannot run /usr/sbin/asterisk -V"
case "$version" in
  "Asterisk "*) ;;
  *) die "unexpected output of asterisk -V: $version" ;;
esac
echo "$version" >"$work/.ringflow-asterisk-version"
mv -T "$work" "$root"
say "installed $version in $root"
