# SPDX-License-Identifier: GPL-2.0
#
# The emulator's qtests: every qemu/tests/qtest/voyager-*-test.c is built
# in build/qemu and run against the built qemu-system-i386, plus QEMU's
# generic machine tests, which visit every machine type (voyager among
# them).  Sourced by tests/check.sh.

QTEST_GENERIC=(qom-test device-introspect-test test-hmp)

# qtest_names: our qtests, from the files in the repository.
qtest_names() {
	local f
	for f in "$top"/qemu/tests/qtest/voyager-*-test.c; do
		[ -e "$f" ] && basename "$f" .c
	done
}

qtest_run() {
	local name=$1 bin=$BUILD/qemu/tests/qtest/$1
	[ -x "$bin" ] || { echo "$bin was not built"; return 1; }
	(cd "$BUILD/qemu" && QTEST_QEMU_BINARY=./qemu-system-i386 \
		QTEST_QEMU_STORAGE_DAEMON_BINARY=/bin/false \
		timeout -k 5 "$(scaled 600)" "$bin" --tap -k)
}

qtest_checks() {
	local names=() n out
	mapfile -t names < <(qtest_names)
	names+=("${QTEST_GENERIC[@]}")
	out=$(make -C "$BUILD/qemu" -j"$(nproc)" \
		$(printf 'tests/qtest/%s ' "${names[@]}") 2>&1) || {
		echo "$out" | tail -n 30
		check qtest-build false
		return
	}
	for n in "${names[@]}"; do
		check "qtest-$n" qtest_run "$n"
	done
}
