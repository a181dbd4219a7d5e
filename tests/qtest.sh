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

# Random machine and device properties and monitor events
# (scripts/fuzz-props.py): a fixed seed here, so a finding is the same
# on every run; `make fuzz` runs it with a new seed.
fuzz_props_seeded() {
	timeout -k 5 "$(scaled 600)" "$top/scripts/fuzz-props.py" --seed 1 \
		--trials 200 "$BUILD/qemu/qemu-system-i386"
}

# fuzz-props.py must see a QEMU that dies after its greeting (SIGABRT) and
# one that refuses in two lines: both are findings.
fuzz_props_sees_findings() {
	local dir out rc=0
	dir=$(mktemp -d)
	printf '#!/bin/sh\necho %s\nkill -ABRT $$\n' "'{\"QMP\": {}}'" >"$dir/abort"
	printf '#!/bin/sh\necho "$(basename "$0"): one" >&2\necho two >&2\nexit 1\n' >"$dir/twolines"
	chmod +x "$dir/abort" "$dir/twolines"
	for q in abort twolines; do
		rc=0
		out=$("$top/scripts/fuzz-props.py" --seed 1 --trials 3 "$dir/$q" 2>&1) || rc=$?
		echo "$out"
		[ $rc = 1 ] && grep -q ', 3 findings$' <<<"$out" || { rm -rf "$dir"; return 1; }
	done
	rm -rf "$dir"
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
	check fuzz-props-sees-findings fuzz_props_sees_findings
	check fuzz-props-seeded fuzz_props_seeded
	# make fuzz's lanes: a count that is not a number is refused in one
	# line, before anything is built or run.
	check fuzz-bad-jobs one_line_error \
		'FUZZ_JOBS=0x2: want a number of fuzzers to run at once, 1 or more$' \
		env FUZZ_JOBS=0x2 "$top/scripts/fuzz.sh" --run-only
}
