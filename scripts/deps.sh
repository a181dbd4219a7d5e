#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install, by Debian package name, everything the project builds and tests
# with, and fetch the QEMU source with `apt-get source`.  Nothing else is
# downloaded.  Quiet and fast when everything is already there.
#
# Usage: scripts/deps.sh [--check] [fuzz]
#   --check   only report what is missing (exit 1 if anything is)
#   fuzz      also the optional packages of `make fuzz` (clang, libFuzzer)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

# Kernel build, test userland, emulator build, firmware, helpers.
PACKAGES=(
	linux-source-6.12
	make gcc gcc-multilib bc bison flex libelf-dev libssl-dev cpio
	xz-utils kmod perl python3 rsync ccache
	meson ninja-build pkg-config libglib2.0-dev libpixman-1-dev libfdt-dev
	zlib1g-dev python3-venv dpkg-dev
	seabios qemu-system-data ipxe-qemu
	e2fsprogs python3-docutils
)
# Debian's i386 busybox gives `make run` its interactive shell.  It is
# fetched with a private apt state (the machine's dpkg architectures are
# left alone) and unpacked under build/src/.
I386_PACKAGES=(busybox-static)
# Optional sets, installed only when named on the command line.
# fuzz: clang with libFuzzer and the sanitizer runtimes, llvm-symbolizer.
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev llvm-14)

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

have_deb_src() {
	grep -rqsE '^[[:space:]]*deb-src[[:space:]]' /etc/apt/sources.list \
		/etc/apt/sources.list.d/*.list && return 0
	grep -rqsE '^Types:.*deb-src' /etc/apt/sources.list.d/*.sources
}

# Add deb-src entries for the same mirrors and suites as the enabled deb ones.
add_deb_src() {
	local out=/etc/apt/sources.list.d/voyager-deb-src.list tmp
	tmp=$(mktemp)
	# One-line format.
	grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list \
		/etc/apt/sources.list.d/*.list |
		sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' >>"$tmp" || true
	# deb822 format: one stanza per blank-line separated block.
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && uris != "" && suites != "") {
				n = split(uris, u, " "); m = split(suites, s, " ")
				for (i = 1; i <= n; i++) for (j = 1; j <= m; j++)
					printf "deb-src %s%s %s %s\n", opts, u[i], s[j], comps
			}
			types = uris = suites = comps = opts = ""
		}
		/^[[:space:]]*$/ { flush(); next }
		/^#/ { next }
		/^Types:/ { sub(/^Types:[[:space:]]*/, ""); types = $0 }
		/^URIs:/ { sub(/^URIs:[[:space:]]*/, ""); uris = $0 }
		/^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0 }
		/^Components:/ { sub(/^Components:[[:space:]]*/, ""); comps = $0 }
		/^Signed-By:/ { sub(/^Signed-By:[[:space:]]*/, "");
			opts = "[signed-by=" $0 "] " }
		END { flush() }' "$f" >>"$tmp"
	done
	# Only Debian's own archive carries the sources we need.
	grep -E 'debian' "$tmp" | sort -u >"$tmp.debian" || true
	[ -s "$tmp.debian" ] || die "no Debian 'deb' entries found to derive deb-src entries from"
	note "no deb-src entries: adding $out for the same mirrors and suites:"
	sed 's/^/    /' "$tmp.debian"
	as_root install -m 644 "$tmp.debian" "$out"
	rm -f "$tmp" "$tmp.debian"
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

missing=$(missing_packages "${PACKAGES[@]}")
i386_missing=
for p in "${I386_PACKAGES[@]}"; do
	[ -d "$BUILD/src/i386/$p" ] || i386_missing="$i386_missing $p"
done
qemu_src_missing=0
[ -f "$(qemu_orig_dir)/VERSION" ] || qemu_src_missing=1

if [ $check_only = 1 ]; then
	rc=0
	for p in $missing $i386_missing; do echo "missing package: $p"; rc=1; done
	[ $qemu_src_missing = 0 ] || { echo "missing: QEMU source (apt-get source qemu)"; rc=1; }
	exit $rc
fi

if [ -n "$missing" ]; then
	apt_update
	# shellcheck disable=SC2086
	apt_install $missing
fi

# apt with its own lists and cache, for the i386 architecture only.
apt_i386() {
	local st=$BUILD/src/i386/apt
	mkdir -p "$st/lists/partial" "$st/cache/archives/partial"
	apt-get -q -o Dir::State::Lists="$st/lists" -o Dir::Cache="$st/cache" \
		-o APT::Architecture=i386 -o APT::Architectures::=i386 \
		-o Acquire::Languages=none -o Dir::State::status=/dev/null "$@"
}

if [ -n "$i386_missing" ]; then
	note "apt-get update (i386 lists, private to build/src/i386)"
	apt_i386 update >"$BUILD/src/i386-update.log" 2>&1 ||
		note "warning: i386 apt-get update reported errors; see $BUILD/src/i386-update.log"
	for p in $i386_missing; do
		note "fetching $p:i386 (apt-get download)"
		rm -rf "$BUILD/src/i386/$p" "$BUILD/src/i386/$p.tmp"
		mkdir -p "$BUILD/src/i386/$p.tmp"
		(cd "$BUILD/src/i386/$p.tmp" && apt_i386 download "$p") \
			>"$BUILD/src/i386-download.log" 2>&1 ||
			die "apt-get download $p:i386 failed: see $BUILD/src/i386-download.log"
		dpkg-deb -x "$BUILD/src/i386/$p.tmp/"*.deb "$BUILD/src/i386/$p.tmp/root" ||
			die "cannot unpack $p:i386"
		mv "$BUILD/src/i386/$p.tmp" "$BUILD/src/i386/$p"
	done
fi

if [ $qemu_src_missing = 1 ]; then
	have_deb_src || { add_deb_src; apt_updated=0; }
	apt_update
	# apt-get source leaves the .dsc and tarballs beside the tree: keep
	# them in a directory of their own.
	dest=$BUILD/src/qemu-apt
	rm -rf "$dest" "$(qemu_orig_dir)"
	mkdir -p "$dest"
	note "apt-get source qemu (into $dest)"
	(cd "$dest" && apt-get source -q qemu >"$dest/apt-get-source.log" 2>&1) ||
		die "apt-get source qemu failed: see $dest/apt-get-source.log"
	d=$(find "$dest" -mindepth 1 -maxdepth 1 -type d -name 'qemu-*' | head -n 1)
	[ -n "$d" ] && [ -f "$d/VERSION" ] || die "apt-get source qemu left no source tree in $dest"
	mv "$d" "$(qemu_orig_dir)"
fi

# The kernel tarball must be where the package puts it.
[ -n "$(linux_tarball)" ] || die "linux-source-6.12 is installed but no tarball is in /usr/src"
exit 0
