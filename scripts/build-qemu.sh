#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare Debian's QEMU 11.1 source with our overlay and build a minimal
# qemu-system-i386 (plus the x86 option ROMs and the HTML manual) in
# build/qemu/.
#
#   build/src/qemu-debian   pristine `apt-get source qemu` tree (deps.sh)
#   build/qemu-src          pristine + qemu/patches/series + qemu/ files
#   build/qemu              meson build directory; qemu-system-i386 here
#
# Usage: scripts/build-qemu.sh [extra make targets...]
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/overlay.sh"

orig=$(qemu_orig_dir)
src=$BUILD/qemu-src
obj=$BUILD/qemu
log=$BUILD/logs/qemu-build.log
mkdir -p "$BUILD/logs"

[ -f "$orig/VERSION" ] || die "no QEMU source in $orig: run scripts/deps.sh"

deb_version=$(sed -n '1s/^qemu (\([^)]*\)).*/\1/p' "$orig/debian/changelog")
note "QEMU: Debian package $deb_version, upstream $(cat "$orig/VERSION")"
echo "QEMU: Debian package $deb_version, upstream $(cat "$orig/VERSION")" >"$log.head"

pristine_list=$BUILD/src/qemu-debian.files
if [ ! -s "$pristine_list" ] || [ "$pristine_list" -ot "$orig/VERSION" ]; then
	(cd "$orig" && find . -type f | sed 's|^\./||' | sort) >"$pristine_list.tmp"
	mv "$pristine_list.tmp" "$pristine_list"
fi

# 1. The patched tree, redone from pristine whenever the series changes.
prepare_patched_tree "$src" "$deb_version" "$top/qemu/patches" "Debian qemu $deb_version" \
	cp -a "$orig"
[ "$PATCHED_TREE_REDONE" = 0 ] || rm -rf "$obj"
stamp=$(cat "$src/.voyager-stamp")

# 2. Our new files, synchronised on every run (cheap; keeps time stamps).
manifest=$src/.voyager-overlay
: >"$manifest.new"
for d in "$top"/qemu/*/; do
	d=${d%/}
	[ "$(basename "$d")" = patches ] && continue
	copy_overlay "$d" "$src" "$(basename "$d")" "$pristine_list" "$manifest.new"
done
prune_overlay "$src" "$manifest" "$manifest.new"
mv "$manifest.new" "$manifest"

setup_ccache
[ -n "$CCACHE" ] && note "using ccache ($CCACHE_DIR)"

# 3. Configure: i386 system emulator only, no optional features, only the
#    devices our boards select (configs/devices/i386-softmmu/voyager.mak).
qemu_configure_setup
cfg_args=("${QEMU_CFG_ARGS[@]}" --enable-docs)
[ -n "$CCACHE" ] && cfg_args+=(--cc="ccache gcc")
cfg_stamp="$stamp ${cfg_args[*]}"
if [ ! -f "$obj/build.ninja" ] || [ "$(cat "$obj/.voyager-config" 2>/dev/null)" != "$cfg_stamp" ]; then
	note "configuring QEMU in $obj (log: $log)"
	rm -rf "$obj"
	mkdir -p "$obj"
	(cd "$obj" && cat "$log.head" && "$src/configure" "${cfg_args[@]}") >"$log" 2>&1 ||
		die "QEMU configure failed: see $log"
	echo "$cfg_stamp" >"$obj/.voyager-config"
fi

# 4. Build the emulator, the option ROMs, and whatever else was asked for.
note "building qemu-system-i386 and the manual (log: $log)"
{
	cat "$log.head"
	make -C "$obj" -j"$(nproc)" qemu-system-i386 "$@" &&
		make -C "$obj/pc-bios/optionrom" -j"$(nproc)"
} >>"$log" 2>&1 || { tail -n 30 "$log" >&2; die "QEMU build failed: see $log"; }
# The manual (QEMU's own Sphinx step); its warnings are judged by
# tests/static.sh (qemu-docs-no-warnings) from this log.
ninja -C "$obj" docs/docs.stamp >"$BUILD/logs/qemu-docs.log" 2>&1 ||
	{ tail -n 30 "$BUILD/logs/qemu-docs.log" >&2; die "QEMU manual build failed: see $BUILD/logs/qemu-docs.log"; }

# 5. Firmware: the binary run from the build tree looks in
#    <build>/qemu-bundle/<datadir>, so the blobs Debian ships (SeaBIOS,
#    VGA BIOS), the option ROMs we built and the Voyager's SeaBIOS are
#    linked there: no -L needed.
datadir=$obj/qemu-bundle/usr/local/share/qemu
mkdir -p "$datadir"
# Later entries win: our own ROMs replace Debian's copies of the same name.
# The iPXE ROMs (efi-e1000.rom, which QEMU's generic qtests load) are in
# /usr/lib/ipxe/qemu on Debian 12 and in /usr/share/qemu on Debian 13.
for f in /usr/share/seabios/*.bin /usr/share/qemu/*.bin /usr/share/qemu/*.rom \
	/usr/lib/ipxe/qemu/*.rom "$obj"/pc-bios/optionrom/*.bin; do
	[ -e "$f" ] && ln -sfn "$(readlink -f "$f")" "$datadir/$(basename "$f")"
done
[ -e "$datadir/bios-256k.bin" ] || die "no SeaBIOS image found (package seabios)"
# The Voyager's own firmware: SeaBIOS with the NCR 53C710 MCA SCSI driver
# (scripts/build-seabios.sh), under the name the voyager machine loads.
voyager_bios=$BUILD/seabios/out/bios.bin
[ -f "$voyager_bios" ] || die "no $voyager_bios: run scripts/build-seabios.sh"
ln -sfn "$voyager_bios" "$datadir/voyager-bios.bin"
[ -e "$datadir/efi-e1000.rom" ] ||
	die "no efi-e1000.rom in /usr/lib/ipxe/qemu or /usr/share/qemu (package ipxe-qemu)"
note "QEMU ready: $obj/qemu-system-i386"
