#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build make run's i486 userland from Debian's source packages, which
# scripts/deps.sh fetched with apt-get source into build/src:
#
#   build/userland-i486/musl      musl (static only) and the kernel's UAPI
#                                 headers, for gcc -m32 -march=i486
#   build/userland-i486/busybox   busybox, static, against that musl, with
#                                 configs/busybox.config on allnoconfig
#
# The host's gcc and its 32-bit libgcc (gcc-multilib), nothing else.  A
# 486 has no CMOV, FCOMI, RDTSC, CMPXCHG8B, MMX or SSE: the result is
# disassembled and refused if any of them is in it.  Incremental: musl is
# rebuilt when its source version, the compiler or the kernel package
# changes (stamp build/userland-i486/musl/.voyager-stamp), busybox when its
# source version, configs/busybox.config or musl changes (stamp
# build/userland-i486/busybox.stamp).  BUSYBOX_CONFIG names another list
# than configs/busybox.config (tests/userland-i486.sh uses it).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

out=$BUILD/userland-i486
prefix=$out/musl
musl_src=$BUILD/src/musl-debian
bb_src=$BUILD/src/busybox-debian
bb_config=${BUSYBOX_CONFIG:-$top/configs/busybox.config}
ksrc=$BUILD/linux-src
log=$BUILD/logs/userland-i486.log
jobs=${VOYAGER_JOBS:-2}

for p in musl busybox; do
	[ -s "$BUILD/src/$p-apt/version" ] && [ -d "$BUILD/src/$p-debian" ] ||
		die "no $p source in $BUILD/src/$p-debian: run scripts/deps.sh"
done
[ -f "$ksrc/Makefile" ] || die "no kernel tree in $ksrc (for the UAPI headers): run scripts/build-kernel.sh first"
[ -f "$bb_config" ] || die "no $bb_config"
musl_ver=$(cut -d' ' -f1 "$BUILD/src/musl-apt/version")
bb_ver=$(cut -d' ' -f1 "$BUILD/src/busybox-apt/version")
mkdir -p "$out" "$BUILD/logs"

setup_ccache
# No PIE (a register back on the i386), no CET: ENDBR32 is not an
# instruction of the 486.
arch_cc="gcc -m32 -march=i486 -fno-pie -no-pie -fcf-protection=none"
cc="${CCACHE:+$CCACHE }$arch_cc"
rt_src=$top/userland/i486rt.c

musl_stamp="musl $musl_ver; $arch_cc $(gcc -dumpfullversion); linux-source-6.12 $(linux_package_version)"
bb_stamp="busybox $bb_ver; $(cat "$bb_config" "$rt_src" "$0" | sha256sum | cut -c1-16); $musl_stamp"
bb_obj=$out/busybox-build
# The log starts with what is built, whenever anything is.
if [ "$(cat "$prefix/.voyager-stamp" 2>/dev/null)" != "$musl_stamp" ] ||
	[ "$(cat "$out/busybox.stamp" 2>/dev/null)" != "$bb_stamp" ] ||
	[ ! -x "$out/busybox" ]; then
	echo "Debian musl $musl_ver, busybox $bb_ver; ${bb_config#"$top"/}; $arch_cc ($(gcc -dumpfullversion))" >"$log"
fi

# 1. musl, and the kernel's UAPI headers beside its own.
if [ "$(cat "$prefix/.voyager-stamp" 2>/dev/null)" != "$musl_stamp" ]; then
	note "building musl $musl_ver for i486 (log: $log)"
	rm -rf "$out/musl-build" "$prefix" "$out/busybox.stamp"
	mkdir -p "$out/musl-build"
	(
		cd "$out/musl-build" &&
			"$musl_src/configure" --target=i486-linux-musl --prefix="$prefix" \
				--disable-shared --disable-wrapper \
				CC="$cc" AR=ar RANLIB=ranlib &&
			make -j"$jobs" && make install
	) >>"$log" 2>&1 || { tail -n 20 "$log" >&2; die "musl $musl_ver did not build: see $log"; }
	make -C "$ksrc" O="$out/linux-headers" ARCH=i386 \
		INSTALL_HDR_PATH="$prefix" headers_install >>"$log" 2>&1 ||
		die "headers_install into $prefix failed: see $log"
	echo "$musl_stamp" >"$prefix/.voyager-stamp"
fi

# 2. The compiler driver's view of it: musl's headers and start files,
# userland/i486rt.c instead of libgcc, and none of gcc's crtbegin/crtend
# (Debian's 32-bit ones are i686 code; musl runs .init_array itself).
write_specs() {
	cat <<EOF
%rename cpp_options old_cpp_options

*cpp_options:
-nostdinc -isystem $prefix/include -isystem include%s %(old_cpp_options)

*cc1:
%(cc1_cpu) -nostdinc -isystem $prefix/include -isystem include%s

*link_libgcc:
-L$prefix/lib -L$out

*libgcc:
-li486rt

*startfile:
$prefix/lib/crt1.o $prefix/lib/crti.o

*endfile:
$prefix/lib/crtn.o

*link:
-m elf_i386 -nostdlib -static

EOF
}
specs=$out/i486-musl.specs

# bb_configure: busybox's allnoconfig (it ignores KCONFIG_ALLCONFIG),
# then our lines over it and `make oldconfig`, which asks about the options
# our lines made visible (their defaults are taken, then turned off unless
# listed), until no new option comes up.  Every line must then hold.
bb_configure() {
	local cfg=$bb_obj/.config pass before after line
	make -C "$bb_src" O="$bb_obj" allnoconfig >>"$log" 2>&1 ||
		die "busybox $bb_ver: allnoconfig failed: see $log"
	for pass in 1 2 3 4 5 6 7 8; do
		before=$(grep -oE 'CONFIG_[A-Z0-9_]+' "$cfg" | sort -u)
		awk 'FNR == NR { if (/^CONFIG_[A-Z0-9_]+=/) {
				n = $0; sub(/=.*/, "", n); want[n] = $0 }
			next }
		{ n = $0; sub(/^# /, "", n); sub(/[= ].*/, "", n)
			if (n in want) { print want[n]; done[n] = 1 }
			else if ($0 ~ /^CONFIG_[A-Z0-9_]+=y$/) print "# " n " is not set"
			else print }
		END { for (n in want) if (!(n in done)) print want[n] }' \
			"$bb_config" "$cfg" >"$cfg.new"
		mv "$cfg.new" "$cfg"
		make -C "$bb_obj" oldconfig < <(yes "") >>"$log" 2>&1 ||
			die "busybox $bb_ver: make oldconfig with ${bb_config#"$top"/} failed: see $log"
		after=$(grep -oE 'CONFIG_[A-Z0-9_]+' "$cfg" | sort -u)
		[ "$before" != "$after" ] || break
	done
	[ "$before" = "$after" ] ||
		die "busybox $bb_ver: ${bb_config#"$top"/} does not settle after $pass rounds of oldconfig"
	while IFS= read -r line; do
		case $line in CONFIG_*=*) ;; *) continue ;; esac
		grep -qxF "$line" "$cfg" ||
			die "busybox $bb_ver has no $line (${bb_config#"$top"/}: no such option in this version, or one it depends on is off)"
	done <"$bb_config"
}

# 3. busybox: allnoconfig plus our list, every line of which must hold.
if [ "$(cat "$out/busybox.stamp" 2>/dev/null)" != "$bb_stamp" ] || [ ! -x "$out/busybox" ]; then
	note "building busybox $bb_ver for i486 with ${bb_config#"$top"/} (log: $log)"
	rm -rf "$bb_obj" "$out/busybox" "$out/busybox.stamp"
	mkdir -p "$bb_obj"
	write_specs >"$specs"
	$cc -O2 -Wall -Wextra -Werror -c -o "$out/i486rt.o" "$rt_src" >>"$log" 2>&1 ||
		die "cannot build $rt_src: see $log"
	rm -f "$out/libi486rt.a"
	ar rcs "$out/libi486rt.a" "$out/i486rt.o" || die "cannot archive $out/i486rt.o"
	bb_configure
	make -C "$bb_obj" -j"$jobs" \
		CC="$cc -specs $specs" busybox >>"$log" 2>&1 ||
		{ grep -E 'error|Error' "$log" | tail -n 20 >&2; die "busybox $bb_ver did not build against musl $musl_ver: see $log"; }

	bad=$(insns_a_486_lacks "$bb_obj/busybox_unstripped")
	[ -z "$bad" ] || die "busybox $bb_ver uses instructions a 486 lacks: $(echo "$bad" | head -n 1)"
	cp "$bb_obj/busybox" "$out/busybox.new"
	mv "$out/busybox.new" "$out/busybox"
	echo "$bb_stamp" >"$out/busybox.stamp"
fi
note "i486 userland ready: $out/busybox (busybox $bb_ver, musl $musl_ver)"
