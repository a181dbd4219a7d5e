# SPDX-License-Identifier: GPL-2.0
#
# The oracle judged on hand-written console logs: the good fixture passes,
# and each way a boot can go wrong makes it fail.  Sourced by check.sh.

# variant NAME SED-SCRIPT: the good log changed by a sed script.
oracle_variant() {
	sed "$2" "$top/tests/oracle/good.log" >"$BUILD/logs/oracle-$1.log"
	echo "$BUILD/logs/oracle-$1.log"
}

oracle_judges() {
	local want=$1 name=$2 script=$3 log out
	shift 3
	log=$(oracle_variant "$name" "$script")
	out=$(python3 "$top/scripts/oracle.py" "$log" --name "$name" --cpus 2 "$@")
	echo "$out"
	case $want in
	pass) [[ $out == PASS* ]] ;;
	fail) [[ $out == FAIL* ]] ;;
	esac
}

# port_count_judges pass|fail FLOW: scripts/port-count.py on a hand-written
# trace of one interrupt flow (tests/port-count/flows.py).
port_count_judges() {
	local want=$1 flow=$2 dir=$BUILD/logs/port-count-selftest rc=0
	mkdir -p "$dir"
	python3 "$top/tests/port-count/flows.py" "$flow" "$dir" || return 1
	python3 "$top/scripts/port-count.py" "$dir/$flow.log" "$dir/$flow.trace" \
		--expect 3=1 || rc=$?
	case $want in
	pass) [ "$rc" = 0 ] ;;
	fail) [ "$rc" = 1 ] ;;
	esac
}

# storm_judges pass|fail SPU: fault-cpi-storm-counted's judge on a
# hand-written VIC record (tests/oracle/storm-vic.monitor: 2866 storm
# CPIs taken alone, CPI 0 taken less sent and in flight 2832) and a
# kernel that counted SPU empty CPIs.  2865 is the count CI saw: fewer
# than the 2866 taken alone, the old bound, which a sender's post
# landing between a storm CPI's acknowledge and its own send can break.
storm_judges() {
	local want=$1 log=$BUILD/logs/storm-selftest-$2.log rc=0
	echo "# $2 spurious CPIs counted for a storm of 3000" >"$log"
	cp "$top/tests/oracle/storm-vic.monitor" "$log.monitor"
	storm_counted "$log" || rc=$?
	case $want in
	pass) [ "$rc" = 0 ] ;;
	fail) [ "$rc" = 1 ] ;;
	esac
}

# oracle_json_report: the JSON verdict of a failing boot names the boot,
# its result, the reason and each KTAP result with its own result.
oracle_json_report() {
	local log json
	log=$(oracle_variant json-report 's/^ok 2 timer/not ok 2 timer/')
	json=$BUILD/logs/oracle-json-report.json
	rm -f "$json"
	python3 "$top/scripts/oracle.py" "$log" --name json-report --cpus 2 \
		--json "$json" && return 1
	cat "$json"
	python3 - "$json" <<-'EOP'
	import json, sys
	r = json.load(open(sys.argv[1]))
	assert r["name"] == "json-report" and r["result"] == "fail", r
	assert any("not ok 2 timer" in x for x in r["reasons"]), r
	assert [(t["name"], t["result"]) for t in r["tests"]] == \
	    [("cpus", "pass"), ("timer", "fail")], r["tests"]
	assert r["cpus"] == 2, r
	EOP
}

# failure_context_shows: boot_failure_context (check.sh) on hand-written
# logs prints the last 20 "# " lines of the first failing test, that
# test's result line and the console's end, and nothing of the test that
# passed before it or of the tests after it.
failure_context_shows() {
	local log=$BUILD/logs/failure-context.log out i
	# A long failing test: only its last 20 lines.
	{
		echo 'ok 1 cpus'
		for i in $(seq 1 25); do echo "# timer line $i"; done
		echo 'not ok 2 timer'
		echo '# serial: after'
		echo 'not ok 3 serial'
		for i in $(seq 1 12); do echo "console $i"; done
	} >"$log"
	out=$(boot_failure_context "$log")
	echo "$out"
	grep -qx 'first failure:' <<<"$out" || return 1
	grep -qx '# timer line 6' <<<"$out" || return 1
	! grep -qx '# timer line 5' <<<"$out" || return 1
	! grep -q 'serial: after\|not ok 3' <<<"$out" || return 1
	[ "$(grep -A1 -x '# timer line 25' <<<"$out" | tail -n 1)" = 'not ok 2 timer' ] || return 1
	[ "$(sed -n '/^console end:$/,$p' <<<"$out" | sed 1d)" = "$(tail -n 10 "$log")" ] || return 1
	# A short failing test after a passing one: none of the latter's.
	printf '%s\n' '# cpus: before' 'ok 1 cpus' '# timer: lost' 'not ok 2 timer' >"$log"
	out=$(boot_failure_context "$log")
	echo "$out"
	[ "$(sed -n '/^first failure:$/,/^not ok/p' <<<"$out")" = \
		"$(printf '%s\n' 'first failure:' '# timer: lost' 'not ok 2 timer')" ]
}

# lanes_add_up: make check's second lane (CHECK_LANES=2, check.sh) adds
# its passes and failures to the first lane's and names its failures, and
# a lane that dies without its counts is a failure itself.  On the probe
# groups of check.sh, in a build directory of its own.
lanes_add_up() {
	local tmp out rc=0
	tmp=$(mktemp -d)
	# lanes SECOND GROUP...: check.sh in two lanes, SECOND in the second.
	lanes() {
		local second=$1
		shift
		env -u CHECK_LANE_STATE BUILD="$tmp" CHECK_LANES=2 \
			CHECK_SECOND_LANE="$second" "$top/tests/check.sh" "$@" 2>&1
	}
	# The second lane's passes count ...
	out=$(lanes lane-probe-pass lane-probe-fail lane-probe-pass lane-probe-pass) && rc=1
	echo "$out"
	grep -qx 'second lane (lane-probe-pass lane-probe-pass):' <<<"$out" &&
		grep -qx '2 passed, 1 failed' <<<"$out" || rc=1
	# ... and so do its failures, by name ...
	out=$(lanes lane-probe-fail lane-probe-pass lane-probe-fail lane-probe-pass) && rc=1
	echo "$out"
	grep -qx 'second lane (lane-probe-fail):' <<<"$out" &&
		grep -qx 'failed: lane-probe-fail' <<<"$out" &&
		grep -qx '2 passed, 1 failed' <<<"$out" || rc=1
	# ... and a lane that died is a failure.
	out=$(lanes lane-probe-dies lane-probe-pass lane-probe-dies) && rc=1
	echo "$out"
	grep -q '^FAIL check-lane-2: the second lane ended without its counts' <<<"$out" &&
		grep -qx 'failed: check-lane-2' <<<"$out" &&
		grep -qx '1 passed, 1 failed' <<<"$out" || rc=1
	rm -rf "$tmp"
	return $rc
}

oracle_checks() {
	mkdir -p "$BUILD/logs"
	# The interrupt-cost counter (irq-cost-*-counted): the fasteoi flow
	# passes; the flow that EOIs before the handler and unmasks with CPIs
	# after it, and a handler that sends a CPI, fail.
	check storm-count-merged-post storm_judges pass 2865
	check storm-count-short storm_judges fail 2831
	check port-count-fasteoi port_count_judges pass fasteoi
	check port-count-eoi-first port_count_judges fail eoi-first
	check port-count-handler-cpi port_count_judges fail handler-cpi
	check oracle-good oracle_judges pass good ''
	check boot-failure-context failure_context_shows
	check lanes-add-up lanes_add_up
	check oracle-json-report oracle_json_report
	# The emergency "reboot: Restarting system" after the end marker is
	# the kernel's own notice: it passes.
	check oracle-oops oracle_judges fail oops \
		'/ok 1 cpus/a <1>[    1.000000] BUG: kernel NULL pointer dereference, address: 00000000\n<4>[    1.000000] Oops: 0002 [#1] SMP\n<4>[    1.000000] Call Trace:'
	check oracle-warning oracle_judges fail warning \
		'/Run \/init/i <4>[    0.800000] WARNING: CPU: 1 PID: 1 at kernel/smp.c:100 smp_call_function_many+0x1/0x2'
	check oracle-crit-level oracle_judges fail crit-level \
		'/Run \/init/i <2>[    0.800000] Voyager: something critical'
	check oracle-rcu-stall oracle_judges fail rcu-stall \
		'/ok 2/i <3>[    1.000000] rcu: INFO: rcu_sched self-detected stall on CPU'
	check oracle-not-ok oracle_judges fail not-ok 's/^ok 2 timer/not ok 2 timer/'
	check oracle-missing-result oracle_judges fail missing-result '/^ok 2 timer/d'
	check oracle-no-tests oracle_judges fail no-tests 's/^1\.\.2/1..0/; /^ok /d'
	check oracle-no-end oracle_judges fail no-end '/voyager-init: done/,$d'
	# Kernel records landing inside KTAP lines on the shared console: the
	# user's bytes before them, then the rest of the line after them.
	check oracle-interleaved oracle_judges pass interleaved \
		's/^KTAP version 1$/KTAP version 1<6>[    1.100000] input: ImExPS\/2 Mouse\n/; s/^1\.\.2$/1..<6>[    1.100001] ? kthread+0xa6\/0xab\n<6>[    1.100002] ? ret_from_fork+0x1a\/0x29\n2/'
	check oracle-interleaved-splat oracle_judges fail interleaved-splat \
		's/^KTAP version 1$/KTAP version 1<4>[    1.100000] WARNING: CPU: 1 PID: 1 at x.c:1 f+0x1\/0x2/'
	check oracle-no-init oracle_judges fail no-init '/Run \/init/d; /voyager-init: started/d'
	check oracle-cpu-count oracle_judges fail cpu-count 's/2 CPUs$/1 CPUs/'
	check oracle-expect-missing oracle_judges fail expect-missing '' \
		--expect 'Voyager: NCR class'
	check oracle-expect-seen oracle_judges pass expect-seen '' \
		--expect 'Voyager: not detected'
	# KUnit prints its own KTAP document before the init's: both count.
	local kunit='/Run \/init/i <6>[    0.700000] KTAP version 1\n<6>[    0.700000] 1..1\n<6>[    0.700000]     KTAP version 1\n<6>[    0.700000]     # Subtest: voyager\n<6>[    0.700000]     1..1\n<6>[    0.700000]     ok 1 who_am_i\n<6>[    0.700000] ok 1 voyager'
	check oracle-two-documents oracle_judges pass two-documents "$kunit"
	check oracle-kunit-fails oracle_judges fail kunit-fails \
		"${kunit//ok 1 /not ok 1 }"
	# --allow-trace: a dump the boot asked for (the Voyager dump switch)
	# is not a splat inside its window; a warning in the window, a trace
	# outside it, and an --allow that would exempt every trace still fail.
	local regs='<6>[    1.000000] Voyager dump switch: CPU 1 (hardware CPU 1) registers:\n'
	local trace='<4>[    1.000000] Call Trace:\n<4>[    1.000000]  default_idle+0x5/0x10\n'
	local done='<6>[    1.000000] Voyager dump switch: CPU 1 done'
	local warn='<4>[    1.000000] WARNING: CPU: 0 PID: 1 at x.c:1 f+0x1/0x2\n'
	local window='Voyager dump switch: CPU [0-9]+ \(hardware CPU [0-9]+\) registers:$=>Voyager dump switch: CPU [0-9]+ done$'
	check oracle-dump-not-allowed oracle_judges fail dump-not-allowed \
		"/ok 1 cpus/a $regs$trace$done"
	check oracle-dump-allowed oracle_judges pass dump-allowed \
		"/ok 1 cpus/a $regs$trace$done" --allow-trace "$window"
	check oracle-allow-narrow oracle_judges fail allow-narrow \
		"/ok 1 cpus/a $regs$trace$warn$done" --allow-trace "$window"
	check oracle-trace-outside-window oracle_judges fail trace-outside-window \
		"/ok 1 cpus/a $regs$done\n${trace%\\n}" --allow-trace "$window"
	check oracle-trace-window-unclosed oracle_judges fail trace-window-unclosed \
		"/ok 1 cpus/a ${regs}${trace%\\n}" --allow-trace "$window"
	check oracle-trace-window-no-end oracle_judges pass trace-window-no-end \
		"/ok 1 cpus/a <4>[    1.000000] NMI backtrace for cpu 1\n${trace%\\n}" \
		--allow-trace 'NMI backtrace for cpu [0-9]+$'
	check oracle-allow-call-trace-refused oracle_judges fail allow-call-trace-refused \
		"/ok 1 cpus/a $regs$trace$done" --allow '^ *Call Trace:$'
	# --expect-report: the report's own stack dump and emergency line
	# pass; another splat inside its window fails.
	local report="/ok 1 cpus/a <3>[    1.000000] irq 3: nobody cared (try booting with the \"irqpoll\" option)\n$trace"
	local disabling='<0>[    1.000000] Disabling IRQ #3'
	check oracle-report-seen oracle_judges pass report-seen \
		"$report$disabling" --expect-report 'irq 3: nobody cared=>Disabling IRQ #3'
	check oracle-report-missing oracle_judges fail report-missing '' \
		--expect-report 'irq 3: nobody cared=>Disabling IRQ #3'
	check oracle-report-other-splat oracle_judges fail report-other-splat \
		"$report$warn$disabling" --expect-report 'irq 3: nobody cared=>Disabling IRQ #3'
	check oracle-report-panic oracle_judges fail report-panic \
		"$report<0>[    1.000000] Kernel panic - not syncing: Fatal exception in interrupt\n$disabling" \
		--expect-report 'irq 3: nobody cared=>Disabling IRQ #3'
	# The detectors of a debug kernel, --reject and a runner's note.
	check oracle-hung-task oracle_judges fail hung-task \
		'/ok 1 cpus/a <3>[  150.000000] INFO: task kworker/0:1:12 blocked for more than 122 seconds.'
	check oracle-soft-lockup oracle_judges fail soft-lockup \
		'/ok 1 cpus/a <0>[   30.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [threads:80]'
	check oracle-soft-lockup-warning oracle_judges fail soft-lockup-warning \
		'/ok 1 cpus/a <4>[   30.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 22s! [threads:80]'
	check oracle-hard-lockup oracle_judges fail hard-lockup \
		'/ok 1 cpus/a <4>[   30.000000] watchdog: CPU3: Watchdog detected hard LOCKUP on cpu 2'
	check oracle-lockdep-circular oracle_judges fail lockdep-circular \
		'/ok 1 cpus/a <4>[    1.000000] ======================================================\n<4>[    1.000000] WARNING: possible circular locking dependency detected'
	check oracle-lockdep-inconsistent oracle_judges fail lockdep-inconsistent \
		'/ok 1 cpus/a <4>[    1.000000] [ INFO: inconsistent lock state ]'
	check oracle-reject-seen oracle_judges fail reject-seen '' \
		--reject 'BIOS says not a Voyager'
	check oracle-reject-not-seen oracle_judges pass reject-not-seen '' \
		--reject 'Voyager: NCR class'
	check oracle-timeout-note oracle_judges fail timeout-note '' \
		--note 'timeout: QEMU still running after 240 s'
	# The whole console: a splat, an emergency line or a port error
	# after the end marker fails; the reboot notice there does not.
	check oracle-after-end-splat oracle_judges fail after-end-splat \
		'$a <4>[    1.300000] WARNING: CPU: 0 PID: 1 at kernel/reboot.c:1 f+0x1/0x2'
	check oracle-after-end-emerg oracle_judges fail after-end-emerg \
		'$a <0>[    1.300000] Kernel panic - not syncing: Attempted to kill init!'
	check oracle-after-end-port-error oracle_judges fail after-end-port-error \
		'$a <3>[    1.300000] Voyager PSI: the power-down command did not reach the PSI'
	# The port's own errors and warnings fail unless the boot declares
	# them; other subsystems' warnings do not.
	local cpi='/ok 1 cpus/a <3>[    1.000000] Voyager SMP: CPU 3 (hardware 5) has neither VIC line nor QIC: CPI 2 not sent'
	check oracle-port-error oracle_judges fail port-error "$cpi"
	check oracle-port-error-expected oracle_judges pass port-error-expected \
		"$cpi" --expect 'CPI 2 not sent'
	check oracle-port-warning oracle_judges fail port-warning \
		'/ok 1 cpus/a <4>[    1.000000] Voyager VIC: IPI vector 0xf3 has no Voyager CPI, not sent'
	check oracle-other-warning oracle_judges pass other-warning \
		'/ok 1 cpus/a <4>[    1.000000] tsc: Fast TSC calibration failed'
	check oracle-port-info oracle_judges pass port-info \
		'/ok 1 cpus/a <6>[    1.000000] Voyager SMP: CPU 1 is hardware CPU 4'
	check oracle-expedited-stall oracle_judges fail expedited-stall \
		'/ok 1 cpus/a <3>[    1.000000] rcu: INFO: rcu_sched detected expedited stalls on CPUs/tasks: { 1-... } 21003 jiffies s: 93 root: 0x2/.'
	check oracle-printk-dropped oracle_judges fail printk-dropped \
		'/ok 1 cpus/a <4>[    1.000000] ** 12 printk messages dropped **'
	# A skip fails unless the boot allows that test's skip, with a reason.
	check oracle-skip oracle_judges fail skip 's/^ok 2 timer$/ok 2 timer # SKIP no PIT/'
	check oracle-skip-allowed oracle_judges pass skip-allowed \
		's/^ok 2 timer$/ok 2 timer # SKIP no PIT/' --allow-skip 'timer=the fixture has no PIT'
	check oracle-skip-other oracle_judges fail skip-other \
		's/^ok 2 timer$/ok 2 timer # SKIP no PIT/' --allow-skip 'cpus=one CPU'
	check oracle-skip-no-reason oracle_judges fail skip-no-reason \
		's/^ok 2 timer$/ok 2 timer # SKIP no PIT/' --allow-skip 'timer'
}
