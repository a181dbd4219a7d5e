#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The project's test driver: runs the named groups of checks, prints one
# verdict line per check and a closing "N passed, N failed" line.
#
# Usage: tests/check.sh all|static|oracle|qtest|boot|voyager|irq|cat|switches|faults|mca|userland|net|image|kselftests|torture|open|soak [...]
# Not in all: "open", the runs that reproduced a former failure; "soak", the
# power switch with data twenty times (make soak).
# Expects the builds (make all) to exist for static and boot.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"
. "$top/scripts/overlay.sh"

passed=0
failed=0
failures=()
# Seconds each check and boot took, "SECONDS NAME", for the closing table
# (what the time budget of make check is spent on).
durations=()

# check NAME COMMAND...: run one check; its output goes to a log.
check() {
	local name=$1 log start=$SECONDS
	shift
	log=$BUILD/logs/check-$name.log
	mkdir -p "$BUILD/logs"
	if "$@" >"$log" 2>&1; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name (log: $log)"
		tail -n 15 "$log" | sed 's/^/    /'
		failed=$((failed + 1))
		failures+=("$name")
	fi
	durations+=("$((SECONDS - start)) $name")
}

# boot NAME ARGS...: one boot through scripts/boot.sh (it prints the verdict).
boot() {
	local name=$1 start=$SECONDS
	shift
	if "$top/scripts/boot.sh" --name "$name" "$@"; then
		passed=$((passed + 1))
	else
		# CI keeps only this output, not the logs: the tests' own
		# diagnostics up to the first failure, and the console's end.
		boot_failure_context "$BUILD/logs/boot-$name.log" | sed 's/^/    /'
		failed=$((failed + 1))
		failures+=("boot-$name")
	fi
	durations+=("$((SECONDS - start)) boot-$name")
}

# boot_failure_context LOG: the "# " lines of the KTAP test that failed
# first (its last 20) and the last 10 lines of the console.
boot_failure_context() {
	[ -r "$1" ] || return 0
	awk '/^# / { keep[n++ % 20] = $0 }
		/^ok / { n = 0 }
		/^not ok / { print "first failure:"; s = n > 20 ? n - 20 : 0
			for (i = s; i < n; i++) print keep[i % 20]
			print; exit }' "$1"
	echo "console end:"
	tail -n 10 "$1"
}

# boot_fails_with NAME REGEX ARGS...: a boot that must fail, with a line
# matching the extended REGEX in its log (a test shown able to fail).
boot_fails_with() {
	local name=$1 regex=$2
	shift 2
	if "$top/scripts/boot.sh" --name "$name" "$@"; then
		echo "boot $name passed: it should have failed"
		return 1
	fi
	grep -E "$regex" "$BUILD/logs/boot-$name.log"
}

# one_line_error [-n NOTE-REGEX] REGEX COMMAND...: COMMAND fails (exits
# non-zero) and says why in exactly one line of stderr, an ERROR matching
# the extended REGEX after "[voyager] ERROR: "; lines matching NOTE-REGEX
# (the notes that the step started) are not counted.  The stderr is kept
# in ONE_LINE_ERROR_OUT.
one_line_error() {
	local notes='' regex rc=0 rest
	if [ "$1" = -n ]; then
		notes=$2
		shift 2
	fi
	regex=$1
	shift
	ONE_LINE_ERROR_OUT=$("$@" 2>&1 >/dev/null) || rc=$?
	echo "exit status $rc; stderr:"
	echo "$ONE_LINE_ERROR_OUT"
	rest=$ONE_LINE_ERROR_OUT
	[ -z "$notes" ] || rest=$(grep -Ev "$notes" <<<"$ONE_LINE_ERROR_OUT")
	[ "$rc" != 0 ] && [ "$(wc -l <<<"$rest")" = 1 ] &&
		grep -qE "^\[voyager\] ERROR: $regex" <<<"$rest"
}

# The IRQ-affinity stress (tests/userland/irqstress.c) as the PC and Voyager
# boots run it, and what its report must say: every IRQ moved, CPUs went off
# and on line, and nothing was lost (the test fails on a lost message).
irqstress="voyager_irqstress_s=12 voyager_irqstress_ms=2 voyager_irqstress_hotplug=100"
irqstress_moved='^# [1-9][0-9]{3,} messages echoed; [1-9][0-9]{3,} affinity writes accepted, [0-9]+ refused; [1-9][0-9]* CPUs offline'

# The stack dumps the Voyager dump switch asks for (arch-voyager/nmi.c):
# each CPU's registers between its "registers:" and "done" lines, the
# tasks between "tasks on the machine" and "dump complete"; a call trace
# anywhere else, or any other splat inside them, fails the boot.
dump_traces=(--allow-trace 'Voyager dump switch: CPU [0-9]+ \(hardware CPU [0-9]+\) registers:$=>Voyager dump switch: CPU [0-9]+ done$'
	--allow-trace 'Voyager dump switch: tasks on the machine \(sysrq-t\):$=>Voyager dump switch: dump complete')

# shellcheck source=tests/static.sh
. "$top/tests/static.sh"
# shellcheck source=tests/oracle-selftest.sh
. "$top/tests/oracle-selftest.sh"
# shellcheck source=tests/boot-pc.sh
. "$top/tests/boot-pc.sh"
# shellcheck source=tests/qtest.sh
. "$top/tests/qtest.sh"
# shellcheck source=tests/boot-voyager.sh
. "$top/tests/boot-voyager.sh"
# shellcheck source=tests/boot-irq.sh
. "$top/tests/boot-irq.sh"
# shellcheck source=tests/boot-cat.sh
. "$top/tests/boot-cat.sh"
# shellcheck source=tests/boot-switches.sh
. "$top/tests/boot-switches.sh"
# shellcheck source=tests/boot-faults.sh
. "$top/tests/boot-faults.sh"
# shellcheck source=tests/boot-torture.sh
. "$top/tests/boot-torture.sh"
# shellcheck source=tests/boot-mca.sh
. "$top/tests/boot-mca.sh"
# shellcheck source=tests/userland-i486.sh
. "$top/tests/userland-i486.sh"
# shellcheck source=tests/net-ne2.sh
. "$top/tests/net-ne2.sh"
# shellcheck source=tests/boot-kselftests.sh
. "$top/tests/boot-kselftests.sh"
# shellcheck source=tests/image.sh
. "$top/tests/image.sh"

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(all)
[ "${groups[0]}" = all ] && groups=(static oracle qtest boot voyager irq cat switches faults mca userland net image kselftests torture)

# With CHECK_LANES=2 (the default of make check), the groups of
# CHECK_SECOND_LANE run in a second check.sh beside the others, and its
# verdict lines are printed when it ends.  Most boots keep one host core
# busy, so the two lanes fill both cores.  Measured on 2 cores from
# fresh clones (warm, 317 checks, 2026-12-06): with faults in the first
# lane it took 15.3 minutes (voyager 7.9, faults 2.6) and the second
# 11.0 (torture 5.9, kselftests 2.5); with faults moved to the second,
# the checks took 12.9 minutes in all.  The torture runs keep both cores busy;
# their wall-clock limit allows guest time at a third of real time.
read -ra second_lane <<<"${CHECK_SECOND_LANE:-irq faults mca userland net image kselftests torture}"
lane_pid='' lane_out=$BUILD/logs/check-lane-2.out lane_state=$BUILD/logs/check-lane-2.state
if [ "${CHECK_LANES:-1}" = 2 ] && [ -z "${CHECK_LANE_STATE:-}" ]; then
	mine=() theirs=()
	for g in "${groups[@]}"; do
		if [[ " ${second_lane[*]} " == *" $g "* ]]; then
			theirs+=("$g")
		else
			mine+=("$g")
		fi
	done
	if [ ${#theirs[@]} -gt 0 ] && [ ${#mine[@]} -gt 0 ]; then
		mkdir -p "$BUILD/logs"
		rm -f "$lane_state"
		# Its own session, so that an interrupted make check stops
		# the lane's QEMUs too.
		CHECK_LANE_STATE=$lane_state setsid "$0" "${theirs[@]}" >"$lane_out" 2>&1 &
		lane_pid=$!
		trap 'kill -- -"$lane_pid" 2>/dev/null' EXIT
		trap 'exit 130' INT TERM
		groups=("${mine[@]}")
	fi
fi

checks_start=$SECONDS
group_minutes=()
for g in "${groups[@]}"; do
	group_start=$SECONDS
	case $g in
	static) static_checks ;;
	oracle) oracle_checks ;;
	qtest) qtest_checks ;;
	boot) boot_pc_checks ;;
	voyager) boot_voyager_checks ;;
	irq) boot_irq_checks ;;
	cat) boot_cat_checks ;;
	switches) boot_switches_checks ;;
	faults) boot_faults_checks ;;
	torture) boot_torture_checks ;;
	mca) boot_mca_checks ;;
	userland) userland_i486_checks ;;
	net) net_checks ;;
	image) image_checks ;;
	kselftests) boot_kselftests_checks ;;
	open) boot_open_checks ;;
	soak) boot_soak_checks ;;
	# For the lanes' own self-test (lanes_add_up), not in all.
	lane-probe-pass) check lane-probe-pass true ;;
	lane-probe-fail) check lane-probe-fail false ;;
	lane-probe-dies) kill -KILL $$ ;;
	*) die "unknown check group $g (static, oracle, qtest, boot, voyager, irq, cat, switches, faults, mca, userland, net, image, kselftests, torture, all; open, soak)" ;;
	esac
	group_minutes+=("$g $(minutes $((SECONDS - group_start)))")
done

# In the second lane: hand the counts to the first and print nothing more.
if [ -n "${CHECK_LANE_STATE:-}" ]; then
	{
		printf 'lane_passed=%d lane_failed=%d\n' "$passed" "$failed"
		declare -p failures durations group_minutes | sed 's/^declare -a /lane_/'
	} >"$CHECK_LANE_STATE"
	exit 0
fi
if [ -n "$lane_pid" ]; then
	wait "$lane_pid"
	echo
	echo "second lane (${theirs[*]}):"
	cat "$lane_out"
	lane_passed=0 lane_failed=0 lane_failures=() lane_durations=() lane_group_minutes=()
	if [ -r "$lane_state" ]; then
		# shellcheck source=/dev/null
		. "$lane_state"
		passed=$((passed + lane_passed))
		failed=$((failed + lane_failed))
		failures+=("${lane_failures[@]}")
		durations+=("${lane_durations[@]}")
		group_minutes+=("${lane_group_minutes[@]}")
	else
		echo "FAIL check-lane-2: the second lane ended without its counts (output: $lane_out)"
		failed=$((failed + 1))
		failures+=(check-lane-2)
	fi
	echo "minutes of the checks, both lanes at once: $(minutes $((SECONDS - checks_start)))"
fi

echo
echo "minutes per group: $(printf '%s, ' "${group_minutes[@]}" | sed 's/, $//')"
[ ${#durations[@]} = 0 ] ||
	echo "slowest: $(printf '%s\n' "${durations[@]}" | sort -rn | head -n 10 |
		awk '{ printf "%s%s %ss", n++ ? ", " : "", $2, $1 }')"
[ $failed = 0 ] || echo "failed: ${failures[*]}"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
