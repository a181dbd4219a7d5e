#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare Debian's linux-source-6.12 with the Voyager overlay, configure it
# from the i386 base plus our fragments, audit the result, and build the
# bzImage out of tree.
#
#   build/linux-src          Debian's tree + patches/linux-6.12 + our files
#   build/linux[-VARIANT]    the object tree (O=); bzImage and .config here
#
# Usage: scripts/build-kernel.sh [-v VARIANT] [-f FRAGMENT]... [make targets]
#   -v VARIANT   object tree build/linux-VARIANT (default: build/linux)
#   -f FRAGMENT  extra config fragment merged after configs/voyager.config
#   -p           prepare and configure only, do not build
# Environment: KCONFIG_BASE (default tinyconfig), VOYAGER_NO_CCACHE=1.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/overlay.sh"

variant=
fragments=("$top/configs/voyager.config")
prepare_only=0
while getopts "v:f:p" opt; do
	case $opt in
	v) variant=$OPTARG ;;
	f) fragments+=("$(readlink -f "$OPTARG")") ;;
	p) prepare_only=1 ;;
	*) die "usage: $0 [-v VARIANT] [-f FRAGMENT]... [-p] [targets]" ;;
	esac
done
shift $((OPTIND - 1))

src=$BUILD/linux-src
obj=$BUILD/linux${variant:+-$variant}
log=$BUILD/logs/kernel${variant:+-$variant}-build.log
cfg_log=$BUILD/logs/kernel${variant:+-$variant}-config.log
base=${KCONFIG_BASE:-tinyconfig}
mkdir -p "$BUILD/logs"

tarball=$(linux_tarball)
[ -n "$tarball" ] || die "no /usr/src/linux-source-6.12.tar.*: run scripts/deps.sh"
pkgver=$(linux_package_version)

# The overlay: repository directory -> tree directory.
overlay_map=(
	"arch-voyager:arch/x86/platform/voyager"
	"arch-voyager-boot:arch/x86/boot"
	"include:arch/x86/include/asm"
	"Documentation:Documentation"
	"drivers:drivers"
	"include-linux:include/linux"
)

# 1. The patched tree, redone from the tarball when it or the series changes.
pristine_list=$BUILD/src/linux-source-6.12.files
# unpack_linux DIR: the tarball's tree in DIR, its file list the pristine one.
unpack_linux() {
	mkdir -p "$1"
	tar -C "$1" --strip-components=1 -xf "$tarball" || die "cannot unpack $tarball"
	(cd "$1" && find . -type f | sed 's|^\./||' | sort) >"$pristine_list"
}
prepare_patched_tree "$src" "$pkgver" "$top/patches/linux-6.12" "linux-source-6.12 $pkgver" \
	unpack_linux
if [ "$PATCHED_TREE_REDONE" = 1 ]; then
	# Object trees built from another source are stale: a reverted patch
	# brings back older time stamps that make would not notice.
	for d in "$BUILD"/linux "$BUILD"/linux-*; do
		[ "$d" = "$src" ] || rm -rf "$d"
	done
fi
[ -s "$pristine_list" ] || die "missing $pristine_list: remove $src and retry"

# 2. Our new files, synchronised on every run.
manifest=$src/.voyager-overlay
: >"$manifest.new"
for m in "${overlay_map[@]}"; do
	copy_overlay "$top/${m%%:*}" "$src" "${m#*:}" "$pristine_list" "$manifest.new"
done
if grep -qxF arch/x86/platform/voyager/Kconfig "$pristine_list"; then
	die "overlay Kconfig would overwrite upstream arch/x86/platform/voyager/Kconfig"
fi
cmp -s "$top/Kconfig" "$src/arch/x86/platform/voyager/Kconfig" ||
	cp "$top/Kconfig" "$src/arch/x86/platform/voyager/Kconfig"
echo arch/x86/platform/voyager/Kconfig >>"$manifest.new"
prune_overlay "$src" "$manifest" "$manifest.new"
mv "$manifest.new" "$manifest"

setup_ccache
kmake=(make -C "$src" O="$obj" ARCH=i386 -j"$(nproc)")
[ -n "$CCACHE" ] && kmake+=(CC="ccache gcc" HOSTCC="ccache gcc")
kver=$("${kmake[@]}" -s kernelversion 2>/dev/null)
note "kernel: Debian linux-source-6.12 $pkgver, tree version $kver"

# 3. Configuration: base, then the fragments, then the audit.
cfg_stamp="$base $(cat "${fragments[@]}" "$top/Kconfig" | sha256sum | cut -c1-16)"
if [ ! -f "$obj/.config" ] || [ "$(cat "$obj/.voyager-config" 2>/dev/null)" != "$cfg_stamp" ]; then
	note "configuring $obj: $base + ${fragments[*]#"$top"/}"
	mkdir -p "$obj"
	{
		"${kmake[@]}" "$base" &&
			"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" \
				"$obj/.config" "${fragments[@]}" &&
			"${kmake[@]}" olddefconfig
	} >"$cfg_log" 2>&1 || die "kernel configuration failed: see $cfg_log"
	echo "$cfg_stamp" >"$obj/.voyager-config"
fi
"$top/scripts/config-audit.sh" "$obj/.config" "${fragments[@]}"

[ $prepare_only = 1 ] && exit 0

# 4. Build.
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(bzImage)
note "building ${targets[*]} in $obj (log: $log)"
{
	echo "linux-source-6.12 $pkgver; kernel $kver; config $base + ${fragments[*]#"$top"/}"
	"${kmake[@]}" "${targets[@]}"
} >"$log" 2>&1 || { grep -E 'error|Error' "$log" | tail -n 20 >&2; die "kernel build failed: see $log"; }
note "kernel ready: $obj/arch/x86/boot/bzImage"
