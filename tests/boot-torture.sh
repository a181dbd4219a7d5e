# SPDX-License-Identifier: GPL-2.0
#
# The kernel's torture suites, short runs (scripts/torture.sh; `make
# torture` runs the long ones): rcutorture, locktorture and scftorture
# (smp_call_function*(), which is the CPI path on a Voyager) on an 8-CPU
# Voyager of four dyads and one of two quad cards, and the same suites on
# a 4-CPU PC as the control, and rcutorture with CPU hotplug on the mixed
# layout and the PC.  Plus
# the oracle options the torture and fault runs rely on, judged on the
# hand-written good log.  Sourced by check.sh.

# TORTURE_CHECK_SECONDS: how long each short run lasts (default 12: long
# enough for rcutorture's forward-progress test, 2 s in and at most 8 s;
# make torture runs 1,800 s).
torture_short=${TORTURE_CHECK_SECONDS:-12}

# torture_run NAME ARGS...: one scripts/torture.sh run, counted.
torture_run() {
	local name=$1 start=$SECONDS
	shift
	if "$top/scripts/torture.sh" -n "$name" "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("torture-$name")
	fi
	durations+=("$((SECONDS - start)) torture-$name")
}

# A torture report line at alert level passes with --allow-level; a
# "!!!" line (a suite's error) fails even then.
torture_oracle_judges() {
	local want=$1 line=$2 log=$BUILD/logs/oracle-torture.log out
	sed "/Run \\/init/i $line" "$top/tests/oracle/good.log" >"$log"
	out=$(python3 "$top/scripts/oracle.py" "$log" --cpus 2 --allow-level torture)
	echo "$out"
	[[ $out == "$want"* ]]
}

# torture_onoff_done LOG: rcutorture's last statistics line says that
# CPUs went off and on line, and that every attempt succeeded
# ("onoff: OFFOK/OFFTRIED:ONOK/ONTRIED").
torture_onoff_done() {
	local last
	last=$(tr -d '\r' <"$1" | grep -o 'onoff: [0-9]*/[0-9]*:[0-9]*/[0-9]*' | tail -n 1)
	echo "last rcutorture hotplug count: ${last:-none}"
	[[ $last =~ ^onoff:\ ([0-9]+)/([0-9]+):([0-9]+)/([0-9]+)$ ]] || return 1
	[ "${BASH_REMATCH[1]}" -gt 0 ] && [ "${BASH_REMATCH[3]}" -gt 0 ] &&
		[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] &&
		[ "${BASH_REMATCH[3]}" = "${BASH_REMATCH[4]}" ]
}

# torture_hotplug NAME MACHINE CPUS: rcutorture with a CPU taken off or
# brought back every 200 ms (onoff_interval is in jiffies, HZ=250), and
# the proof that it happened.
torture_hotplug() {
	local name=rcutorture-hotplug-$1
	torture_run "$name" -t "$torture_short" \
		-a 'rcutorture.onoff_interval=50 rcutorture.onoff_holdoff=1' \
		rcutorture "$2" "$3"
	check "torture-$name-onoff" torture_onoff_done \
		"$BUILD/logs/boot-torture-$name.log"
}

boot_torture_checks() {
	local s box=voyager,cards=dyad:dyad:dyad:dyad

	check oracle-allow-level torture_oracle_judges PASS \
		'<1>[    1.000000] rcu-torture: rtc: 00000000 ver: 12 tfle: 0'
	check oracle-allow-level-bang torture_oracle_judges FAIL \
		'<1>[    1.000000] rcu-torture: !!! Reader Pipe: 1 2'
	check oracle-level-still-judged torture_oracle_judges FAIL \
		'<1>[    1.000000] Voyager: something alarming'
	# A shift QEMU's -icount does not take is refused in one line.
	check torture-bad-icount one_line_error \
		'torture.sh: -i needs a shift from 0 to 10 .*, not .11.$' \
		"$top/scripts/torture.sh" -i 11 rcutorture pc 4
	for s in rcutorture locktorture scftorture; do
		torture_run "$s-voyager8" -t "$torture_short" "$s" "$box" 8
		# Quad cards: the CPIs are the QIC's (one per kind, no mailbox).
		torture_run "$s-quads8" -t "$torture_short" "$s" \
			voyager,cards=quad:quad 8
		torture_run "$s-pc4" -t "$torture_short" "$s" pc 4
	done
	# CPU hotplug under rcutorture on the mixed layout, which has every
	# card type (a quad, a dyad, a mono), and on the PC as the control.
	torture_hotplug mixed7 voyager,cards=quad:dyad:mono 7
	torture_hotplug pc4 pc 4
}
