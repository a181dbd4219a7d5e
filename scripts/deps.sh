#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, by Debian package name, everything the project builds and tests
# with, and fetch the QEMU 11.1 source and the sources of the i486 userland
# (musl, busybox) and the Voyager's SeaBIOS with `apt-get source`.
# Nothing else is downloaded.
# Quiet and fast when everything is already there.  Works on Debian 12
# (bookworm) and Debian 13 (trixie).
#
# Usage: scripts/deps.sh [--check] [fuzz]
#   --check   only report what is missing (exit 1 if anything is)
#   fuzz      also the optional packages of `make fuzz` (clang, libFuzzer)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

# Kernel build, test userland, emulator build, firmware, helpers (gdb:
# a fault test stops the guest at a kernel function through QEMU's stub).
PACKAGES=(
	linux-source-6.12
	make gcc gcc-multilib bc bison flex libelf-dev libssl-dev cpio
	xz-utils kmod perl python3 rsync ccache
	ninja-build pkg-config libglib2.0-dev libpixman-1-dev libfdt-dev
	libslirp-dev
	zlib1g-dev python3-venv python3-wheel python3-setuptools dpkg-dev
	python3-sphinx python3-sphinx-rtd-theme
	seabios qemu-system-data ipxe-qemu
	e2fsprogs python3-docutils
	syslinux syslinux-common mtools
	gdb
)
# QEMU 11.1 configures with meson >= 1.5 and the Python package pycotap:
# Debian 13 has both, Debian 12 has them in bookworm-backports.
QEMU_BUILD_PACKAGES=(meson python3-pycotap)
QEMU_MESON_MIN=1.5.0
# The QEMU source: the 11.1 series, from the suite that carries it for both
# hosts.  Its build also needs the Python package qemu.qmp, which only that
# suite has (no Debian 12 package): fetched with a private apt state and
# unpacked under build/src/python, never installed.
QEMU_SERIES=11.1
QEMU_SUITE=trixie-backports
QEMU_PY_PACKAGES=(python3-qemu-qmp)
# The sources of `make run`'s i486 userland (scripts/build-userland-i486.sh)
# and of the Voyager's firmware (scripts/build-seabios.sh): the C library,
# busybox and SeaBIOS of the host's own Debian release, with
# `apt-get source PACKAGE/SUITE` into build/src/PACKAGE-apt, the tree
# moved to build/src/PACKAGE-debian.
USERLAND_SOURCES=(musl busybox seabios)
# Optional sets, installed only when named on the command line.
# fuzz: clang with libFuzzer and the sanitizer runtimes, llvm-symbolizer:
# Debian's default LLVM by its unversioned names (14 on Debian 12, 19 on
# Debian 13; there is no clang-14 on Debian 13).
FUZZ_PACKAGES=(clang libclang-rt-dev llvm)

check_only=0
for arg in "$@"; do
	case $arg in
	--check) check_only=1 ;;
	fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
	*) die "unknown argument '$arg' (usage: deps.sh [--check] [fuzz])" ;;
	esac
done
mkdir -p "$BUILD/src"

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
		sudo "$@"
	else
		die "need root for '$*': run as root or configure passwordless sudo"
	fi
}

missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q '^install ok installed$' || echo "$p"
	done
}

# ensure_apt_entry TYPE SUITE FILE WHY: add "TYPE <mirror> SUITE main" as
# FILE unless an entry of that type for that suite is already enabled.
ensure_apt_entry() {
	local type=$1 suite=$2 out=$3 why=$4 mirror
	apt_entries | awk -v t="$type" -v s="$suite" '
		$1 == t { for (i = 2; i <= NF; i++) if ($i == s) found = 1 }
		END { exit !found }' && return 0
	mirror=$(debian_mirror)
	[ -n "$mirror" ] || die "no Debian 'deb' entry found to derive a $suite entry from"
	note "adding $out ($why):"
	note "    $type $mirror $suite main"
	echo "$type $mirror $suite main" | as_root tee -a "$out" >/dev/null
	apt_updated=0
}

apt_updated=0
apt_update() {
	[ $apt_updated = 1 ] && return 0
	local try
	for try in 1 2; do
		note "apt-get update"
		if as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null; then
			apt_updated=1
			return 0
		fi
		sleep 5
	done
	# Some index (often one a mirror is still syncing) failed: go on with
	# what was fetched; the install below names any package that is missing.
	note "warning: apt-get update reported errors; continuing with the lists it fetched"
	apt_updated=1
}

apt_install() {
	note "installing: $*"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "$@" || die "apt-get install $* failed"
}

. /etc/os-release
host_codename=${VERSION_CODENAME:-}

# meson and pycotap: Debian's own where new enough, else bookworm-backports.
qemu_build_release=
version_ge() { dpkg --compare-versions "$1" ge "$2"; }
candidate() { apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p'; }
meson_installed=$(dpkg-query -W -f='${Version}' meson 2>/dev/null || true)
if [ "$host_codename" = bookworm ]; then
	qemu_build_release=bookworm-backports
fi

missing=$(missing_packages "${PACKAGES[@]}")
qemu_build_missing=$(missing_packages "${QEMU_BUILD_PACKAGES[@]}")
if [ -n "$meson_installed" ] && ! version_ge "${meson_installed#*:}" "$QEMU_MESON_MIN"; then
	qemu_build_missing="$qemu_build_missing meson"
fi
py_missing=
for p in "${QEMU_PY_PACKAGES[@]}"; do
	[ -d "$BUILD/src/python/$p" ] || py_missing="$py_missing $p"
done
userland_src_missing=
for p in "${USERLAND_SOURCES[@]}"; do
	[ -s "$BUILD/src/$p-apt/version" ] && [ -d "$BUILD/src/$p-debian" ] ||
		userland_src_missing="$userland_src_missing $p"
done
qemu_src_missing=0
case $(cat "$(qemu_orig_dir)/VERSION" 2>/dev/null) in
"$QEMU_SERIES".*) ;;
*) qemu_src_missing=1 ;;
esac

if [ $check_only = 1 ]; then
	rc=0
	for p in $missing $qemu_build_missing $py_missing; do
		echo "missing package: $p"; rc=1
	done
	[ $qemu_src_missing = 0 ] || { echo "missing: QEMU $QEMU_SERIES source (apt-get source qemu)"; rc=1; }
	for p in $userland_src_missing; do
		echo "missing: $p source (apt-get source $p/$host_codename)"; rc=1
	done
	exit $rc
fi

if [ -n "$missing" ]; then
	apt_update
	# shellcheck disable=SC2086
	apt_install $missing
fi

if [ -n "$qemu_build_missing" ]; then
	if [ -n "$qemu_build_release" ]; then
		ensure_apt_entry deb "$qemu_build_release" \
			/etc/apt/sources.list.d/voyager-backports.list \
			"QEMU $QEMU_SERIES needs meson >= $QEMU_MESON_MIN and pycotap, which Debian 12 has in $qemu_build_release"
		apt_update
		# shellcheck disable=SC2086
		note "installing from $qemu_build_release: $qemu_build_missing"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends -t "$qemu_build_release" $qemu_build_missing ||
			die "apt-get install -t $qemu_build_release $qemu_build_missing failed"
	else
		apt_update
		# shellcheck disable=SC2086
		apt_install $qemu_build_missing
	fi
	m=$(dpkg-query -W -f='${Version}' meson 2>/dev/null || true)
	version_ge "${m#*:}" "$QEMU_MESON_MIN" ||
		die "meson $m is older than $QEMU_MESON_MIN, which QEMU $QEMU_SERIES needs"
fi

# fetch_debs DIR APT-FUNCTION PACKAGE...: apt-get download each package and
# unpack it to DIR/PACKAGE/root.
fetch_debs() {
	local dir=$1 fn=$2 p
	shift 2
	for p in "$@"; do
		note "fetching $p (apt-get download, private apt state)"
		rm -rf "$dir/$p" "$dir/$p.tmp"
		mkdir -p "$dir/$p.tmp"
		(cd "$dir/$p.tmp" && "$fn" download "$p") >"$dir/download.log" 2>&1 ||
			die "apt-get download $p failed: see $dir/download.log"
		dpkg-deb -x "$dir/$p.tmp/"*.deb "$dir/$p.tmp/root" ||
			die "cannot unpack $p"
		mv "$dir/$p.tmp" "$dir/$p"
	done
}

# apt with its own lists and sources: the suite that carries QEMU 11.1.
apt_qemu_suite() {
	local st=$BUILD/src/python/apt
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial"
	echo "deb $(debian_mirror) $QEMU_SUITE main" >"$st/sources.list"
	apt-get -q -o Dir::State::Lists="$st/lists" -o Dir::Cache="$st/cache" \
		-o Dir::Etc::SourceList="$st/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null -o Acquire::Languages=none \
		-o Dir::State::status=/dev/null "$@"
}

if [ -n "$py_missing" ]; then
	mkdir -p "$BUILD/src/python"
	note "apt-get update ($QEMU_SUITE lists, private to build/src/python)"
	apt_qemu_suite update >"$BUILD/src/python/update.log" 2>&1 ||
		note "warning: apt-get update reported errors; see $BUILD/src/python/update.log"
	# shellcheck disable=SC2086
	fetch_debs "$BUILD/src/python" apt_qemu_suite $py_missing
fi

# The QEMU source: the newest Debian revision of the QEMU_SERIES series
# that the archive serves, from QEMU_SUITE's deb-src index; then the
# revisions listed in qemu/debian-source (version and SHA-256 of the .dsc),
# fetched by their pool path when the index has moved past what the
# mirror still holds.
qemu_source_fetch() {
	local dest=$1 v pool dsc sum
	local candidates
	candidates=$(apt-cache showsrc qemu 2>/dev/null |
		sed -n 's/^Version: //p' | grep -E "^([0-9]+:)?${QEMU_SERIES//./\\.}\." |
		sort -u | sort -r -V || true)
	for v in $candidates; do
		note "apt-get source qemu=$v"
		if (cd "$dest" && apt-get source -q "qemu=$v") >>"$dest/apt-get-source.log" 2>&1; then
			echo "$v (apt-get source, $QEMU_SUITE)" >"$dest/version"
			return 0
		fi
		note "    qemu $v: not served by the mirror (see $dest/apt-get-source.log)"
		find "$dest" -mindepth 1 -maxdepth 1 ! -name '*.log' -exec rm -rf {} +
	done
	pool=$(debian_mirror | awk '{ print $NF }')
	pool=${pool%/}/pool/main/q/qemu
	while read -r v sum; do
		case $v in '' | '#'*) continue ;; esac
		dsc=qemu_${v#*:}.dsc
		note "qemu $v from the pool ($pool/$dsc)"
		/usr/lib/apt/apt-helper download-file "$pool/$dsc" "$dest/$dsc" \
			"SHA256:$sum" >>"$dest/apt-get-source.log" 2>&1 || continue
		local ok=1 f
		for f in $(awk '/^Checksums-Sha256:/ { on = 1; next } /^[^ ]/ { on = 0 }
				on && NF == 3 { print $1 ":" $3 }' "$dest/$dsc"); do
			/usr/lib/apt/apt-helper download-file "$pool/${f#*:}" \
				"$dest/${f#*:}" "SHA256:${f%%:*}" >>"$dest/apt-get-source.log" 2>&1 ||
				{ ok=0; break; }
		done
		[ $ok = 1 ] || continue
		(cd "$dest" && dpkg-source -q -x "$dsc") >>"$dest/apt-get-source.log" 2>&1 ||
			die "dpkg-source -x $dsc failed: see $dest/apt-get-source.log"
		echo "$v (pool, pinned in qemu/debian-source)" >"$dest/version"
		return 0
	done <"$top/qemu/debian-source"
	return 1
}

if [ $qemu_src_missing = 1 ]; then
	ensure_apt_entry deb-src "$QEMU_SUITE" \
		/etc/apt/sources.list.d/voyager-qemu-src.list \
		"the QEMU $QEMU_SERIES source comes from $QEMU_SUITE"
	apt_update
	# apt-get source leaves the .dsc and tarballs beside the tree: keep
	# them in a directory of their own.
	dest=$BUILD/src/qemu-apt
	rm -rf "$dest" "$(qemu_orig_dir)"
	mkdir -p "$dest"
	qemu_source_fetch "$dest" ||
		die "no QEMU $QEMU_SERIES source in Debian's archive (tried $QEMU_SUITE and qemu/debian-source): see $dest/apt-get-source.log"
	d=$(find "$dest" -mindepth 1 -maxdepth 1 -type d -name 'qemu-*' | head -n 1)
	[ -n "$d" ] && [ -f "$d/VERSION" ] || die "apt-get source qemu left no source tree in $dest"
	case $(cat "$d/VERSION") in
	"$QEMU_SERIES".*) ;;
	*) die "the QEMU source in $d is $(cat "$d/VERSION"), not $QEMU_SERIES" ;;
	esac
	mv "$d" "$(qemu_orig_dir)"
	note "QEMU source: Debian qemu $(cat "$dest/version")"
fi

# The userland sources: the host's release, whatever revision its deb-src
# index names (the build records it and checks that our config fits).
if [ -n "$userland_src_missing" ]; then
	[ -n "$host_codename" ] || die "no VERSION_CODENAME in /etc/os-release: cannot pick the suite of the musl and busybox sources"
	ensure_apt_entry deb-src "$host_codename" \
		/etc/apt/sources.list.d/voyager-userland-src.list \
		"the i486 userland and the firmware are built from $host_codename's musl, busybox and seabios sources"
	apt_update
	for p in $userland_src_missing; do
		dest=$BUILD/src/$p-apt
		rm -rf "$dest" "$BUILD/src/$p-debian"
		mkdir -p "$dest"
		note "apt-get source $p/$host_codename"
		(cd "$dest" && apt-get source -q "$p/$host_codename") >"$dest/apt-get-source.log" 2>&1 ||
			die "apt-get source $p/$host_codename failed: see $dest/apt-get-source.log"
		dsc=$(ls "$dest"/"${p}"_*.dsc 2>/dev/null | head -n 1)
		[ -n "$dsc" ] || die "apt-get source $p left no .dsc in $dest"
		v=$(sed -n 's/^Version: //p' "$dsc")
		d=$(find "$dest" -mindepth 1 -maxdepth 1 -type d -name "$p-*" | head -n 1)
		[ -n "$d" ] || die "apt-get source $p left no source tree in $dest"
		mv "$d" "$BUILD/src/$p-debian"
		echo "$v (apt-get source, $host_codename)" >"$dest/version"
		note "$p source: Debian $p $v"
	done
fi

# The kernel tarball must be where the package puts it.
[ -n "$(linux_tarball)" ] || die "linux-source-6.12 is installed but no tarball is in /usr/src"
exit 0
