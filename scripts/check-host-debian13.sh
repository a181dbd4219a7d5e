#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The README's two commands on a fresh Debian 13 (trixie): build a new
# trixie root with debootstrap from this machine's Debian mirror, clone
# this repository (its committed HEAD) into it, and run `make check` there
# as root, exactly as on a new machine.  Not part of `make check` (it
# builds everything from nothing: about an hour on 2 cores).
#
#   build/debian13/root          the trixie root (kept; --fresh redoes it)
#   build/logs/debian13-check.log   everything the run printed
#
# Usage: scripts/check-host-debian13.sh [--fresh] [TARGET]
#   TARGET   the make target to run inside (default: check)
# Needs root (debootstrap, chroot, mounts).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

fresh=0
target=check
for arg in "$@"; do
	case $arg in
	--fresh) fresh=1 ;;
	-*) die "unknown option $arg (usage: check-host-debian13.sh [--fresh] [TARGET])" ;;
	*) target=$arg ;;
	esac
done
[ "$(id -u)" -eq 0 ] || die "check-host-debian13.sh needs root (debootstrap, chroot)"

dir=$BUILD/debian13
root=$dir/root
log=$BUILD/logs/debian13-check.log
mkdir -p "$dir" "$BUILD/logs"

# This machine's Debian mirror, the URI alone (debootstrap takes no
# apt options): debian_mirror of lib.sh, which deps.sh uses too.
mirror=$(debian_mirror | awk '{ print $NF }')
[ -n "$mirror" ] || die "no Debian mirror found in the apt sources"

if ! command -v debootstrap >/dev/null; then
	note "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		debootstrap >/dev/null || die "apt-get install debootstrap failed"
fi

mounts=()
cleanup() {
	local m i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
		m=${mounts[i]}
		umount -l "$m" 2>/dev/null || true
	done
}
trap cleanup EXIT

if [ $fresh = 1 ] || [ ! -x "$root/usr/bin/apt-get" ]; then
	rm -rf "$root"
	note "debootstrap trixie into $root from $mirror (log: $log)"
	debootstrap --variant=minbase --include=ca-certificates,git,make,sudo \
		trixie "$root" "$mirror" >"$log" 2>&1 ||
		{ tail -n 20 "$log" >&2; die "debootstrap failed: see $log"; }
fi

for m in proc sys dev dev/pts; do
	mkdir -p "$root/$m"
	case $m in
	proc) mount -t proc proc "$root/proc" ;;
	sys) mount -t sysfs sys "$root/sys" ;;
	dev) mount --bind /dev "$root/dev" ;;
	dev/pts) mount -t devpts devpts "$root/dev/pts" ;;
	esac
	mounts+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# The repository as a fresh clone of the committed HEAD.
rm -rf "$root/root/voyager"
git clone -q "$top" "$root/root/voyager" || die "git clone into the trixie root failed"
commit=$(git -C "$top" rev-parse --short HEAD)

note "running 'make $target' in the trixie root at $commit (log: $log)"
start=$(date +%s)
rc=0
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
	TERM=dumb /bin/bash -c "cd /root/voyager && cat /etc/debian_version && make $target" \
	>>"$log" 2>&1 || rc=$?
secs=$(($(date +%s) - start))
tail -n 5 "$log"
note "Debian 13 (trixie), commit $commit: make $target exit $rc in $((secs / 60)) min $((secs % 60)) s"
exit $rc
