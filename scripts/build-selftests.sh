#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the kernel's own selftests that tests/kselftests.list names, from
# the same Debian linux-source-6.12 tree as the kernel, with the host's
# gcc and its 32-bit glibc (gcc-multilib), linked as the suites link them
# (dynamic; the x86 suite links check_initial_reg_state static), so the
# vDSO tests find the vDSO through the dynamic loader as on a
# distribution; and pack them with the loader and the libraries they
# need, from the host's libc6-i386:
#   build/selftests.cpio.gz            /kselftest/SUITE/PROGRAM and
#                                      /kselftest/list (for /tests/kselftests)
#   build/initramfs-selftests.cpio.gz  the test initramfs with that archive
#                                      appended (the kernel unpacks both)
# Debian's i386 glibc is built for i686 (it uses CMOV): boot the result
# on a Pentium II CPU model or later.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

src=$BUILD/linux-src
sysroot=$BUILD/sysroot
out=$BUILD/selftests
log=$BUILD/logs/selftests.log
selection=$top/tests/kselftests.list
[ -f "$src/Makefile" ] || die "no kernel tree in $src: run scripts/build-kernel.sh first"
[ -f "$sysroot/include/linux/reboot.h" ] ||
	die "no kernel headers in $sysroot: run scripts/build-initramfs.sh first"
[ -f "$BUILD/initramfs.cpio.gz" ] ||
	die "no $BUILD/initramfs.cpio.gz: run scripts/build-initramfs.sh first"
[ -f /lib32/ld-linux.so.2 ] || die "no 32-bit glibc (/lib32/ld-linux.so.2): run scripts/deps.sh"
mkdir -p "$out" "$BUILD/logs"
: >"$log"

# The selftests directory of each suite the list uses.
suite_dir() {
	case $1 in
	futex) echo futex/functional ;;
	*) echo "$1" ;;
	esac
}

# ID, SUITE, PROGRAM, LIMIT, ARGUMENTS per test, by tabs: the list is
# read by tests/kselftests.py alone, which also judges the results.
entries=$(python3 "$top/tests/kselftests.py" --entries "$selection") ||
	die "cannot read $selection"
suites=$(cut -f2 <<<"$entries" | sort -u)
for s in $suites; do
	d=$src/tools/testing/selftests/$(suite_dir "$s")
	[ -f "$d/Makefile" ] || die "$selection: no selftests suite '$s' ($d)"
	mkdir -p "$out/$s"
	# Only the programs the list names (a suite's destructive tests need
	# not even link).  Shell tests are files of the tree, copied.
	progs=()
	for p in $(awk -F '\t' -v s="$s" '$2 == s { print $3 }' <<<"$entries" | sort -u); do
		case $p in
		*.sh) cp "$d/$p" "$out/$s/" || die "$selection: no $d/$p" ;;
		*) progs+=("$out/$s/$p") ;;
		esac
	done
	[ ${#progs[@]} -gt 0 ] || continue
	# CC carries -m32: every suite's own rules then build 32-bit programs
	# (the x86 suite sees that 64-bit cannot be built).
	make -C "$d" OUTPUT="$out/$s" CC="gcc -m32" \
		KHDR_INCLUDES="-isystem $sysroot/include" "${progs[@]}" >>"$log" 2>&1 ||
		{ tail -20 "$log" >&2; die "selftests suite '$s' did not build: see $log"; }
done

# The archive's list and the guest's /kselftest/list (ID, LIMIT,
# DIRECTORY, PROGRAM, ARGUMENTS by tabs, for /tests/kselftests).
list=$out/initramfs.list
echo "dir /kselftest 0755 0 0" >"$list"
for s in $suites; do
	echo "dir /kselftest/$s 0755 0 0"
done >>"$list"
: >"$out/list"
files=()
n=0
while IFS=$'\t' read -r id suite prog limit args; do
	file=$out/$suite/$prog
	[ -f "$file" ] || die "$selection: $suite $prog was not built (see $log)"
	case $prog in
	*.sh) cmd=$'/bin/sh\t'"/kselftest/$suite/$prog" ;;
	*) cmd=/kselftest/$suite/$prog ;;
	esac
	echo "$id"$'\t'"$limit"$'\t'"/kselftest/$suite"$'\t'"$cmd${args:+$'\t'$args}" >>"$out/list"
	case " ${files[*]} " in *" $file "*) ;; *)
		files+=("$file")
		echo "file /kselftest/$suite/$prog $file 0755 0 0" >>"$list"
	esac
	n=$((n + 1))
done <<<"$entries"
echo "file /kselftest/list $out/list 0644 0 0" >>"$list"

# The dynamic loader where the programs look for it, and every library
# they name, where that loader looks (/lib32).
libs=$(for f in "${files[@]}"; do
	case $f in *.sh) continue ;; esac
	objdump -p "$f" | awk '$1 == "NEEDED" { print $2 }'
done | sort -u) || die "objdump cannot read the selftests"
{
	echo "dir /lib 0755 0 0"
	echo "dir /lib32 0755 0 0"
	echo "file /lib/ld-linux.so.2 $(readlink -f /lib32/ld-linux.so.2) 0755 0 0"
	for l in $libs; do
		[ -e "/lib32/$l" ] || die "no /lib32/$l, which the selftests need"
		echo "file /lib32/$l $(readlink -f "/lib32/$l") 0755 0 0"
	done
} >>"$list"

"$BUILD/userland/gen_init_cpio" "$list" | gzip -9 -n >"$BUILD/selftests.cpio.gz.new" ||
	die "gen_init_cpio failed for the selftests"
mv "$BUILD/selftests.cpio.gz.new" "$BUILD/selftests.cpio.gz"
cat "$BUILD/initramfs.cpio.gz" "$BUILD/selftests.cpio.gz" \
	>"$BUILD/initramfs-selftests.cpio.gz.new"
mv "$BUILD/initramfs-selftests.cpio.gz.new" "$BUILD/initramfs-selftests.cpio.gz"
note "selftests ready: $n tests from $(echo "$suites" | wc -w) suites in $BUILD/initramfs-selftests.cpio.gz"
