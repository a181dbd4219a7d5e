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

# qemu-review D4: a Voyager never runs under another accelerator than
# TCG (the machine answers acknowledges and starts CPUs on TCG's threads;
# QEMU is built with KVM so that this can be asked).  With a usable
# /dev/kvm the machine itself refuses in one line; without one, QEMU's
# KVM start-up fails before any machine exists, and the check says so.
voyager_never_kvm() {
	local out rc=0
	out=$(timeout 30 "$BUILD/qemu/qemu-system-i386" -M voyager -accel kvm \
		-display none -nodefaults -S -monitor none 2>&1) || rc=$?
	echo "$out"
	if [ $rc -eq 0 ] || [ $rc -eq 124 ]; then
		echo "QEMU ran a Voyager under KVM (exit $rc)"
		return 1
	fi
	if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		[ "$(wc -l <<<"$out")" = 1 ] &&
			grep -q '^qemu-system-i386: voyager: the machine runs under TCG only' <<<"$out"
	else
		echo "no usable /dev/kvm here: QEMU's own KVM start-up refused; the machine's check was not reached"
		grep -qi 'kvm' <<<"$out"
	fi
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
	check qtest-voyager-never-kvm voyager_never_kvm
}
