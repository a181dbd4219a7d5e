#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a kernel + initramfs under the project's QEMU with a timeout,
# capture the serial console (LOG.raw), write it once as the log every
# check reads (LOG: each kernel record on a line of its own, the
# user-space lines that records split joined again), and judge that
# (scripts/oracle.py).  Prints one verdict line; exit 0 on PASS.  The
# verdict is also written as data next to the log (boot-NAME.json: the
# result, the reasons and every KTAP result).
#
# Usage: scripts/boot.sh --name NAME --machine M --cpus N [options]
#   --name NAME        test name; log in build/logs/boot-NAME.log
#   --machine M        QEMU -M value (e.g. pc, isapc, voyager,...)
#   --cpus N           CPUs the kernel must bring up (passed to the tests)
#   --cpu MODEL        QEMU -cpu (default: the machine's)
#   --smp SPEC         QEMU -smp (default: none)
#   --mem MB           memory (default 256)
#   --tests LIST       comma-separated /tests programs for the test init
#   --append ARGS      extra kernel command line
#   --end reboot|poweroff  how the test init ends (default reboot)
#   --timeout SECS     wall-clock limit before scaling (default 240)
#   --expect REGEX     must appear in the console log (repeatable)
#   --reject REGEX     must not appear (repeatable)
#   --allow-level REGEX  crit/alert/emerg lines that are expected (repeatable)
#   --expect-report 'START=>END'  a report (stack dump) that must appear once
#   --qemu-arg ARG     extra QEMU argument (repeatable)
#   --kernel FILE      default build/linux/arch/x86/boot/bzImage
#   --initrd FILE      default build/initramfs.cpio.gz
#   --monitor-at REGEX=COMMAND  when the console first prints a line
#                      matching REGEX, send COMMAND to the QEMU monitor
#                      (repeatable; the pairs fire in order, each armed
#                      once the previous fired; record in LOG.monitor)
#   --monitor-hold COMMAND  send COMMAND while a test of --tests holds
#                      the run (`hold`, or `cpistorm` after its storm:
#                      "# hold for the monitor"), then release it: a query
#                      that must find the machine mid-run (in order with
#                      the --monitor-at pairs)
#   --allow REGEX      a splat line this boot asks for on purpose: lines
#                      matching REGEX are not splats (repeatable; never a
#                      stack dump's lines: see oracle.py)
#   --allow-trace START[=>END]  stack dumps this boot asks for (the dump
#                      switch, sysrq-l), accepted only from a line matching
#                      START to one matching END (repeatable; oracle.py)
#   --allow-skip TEST=REASON  TEST may report "# SKIP" here, for REASON
#                      (any other skip fails the boot; repeatable)
#   --may-reboot       run QEMU without -no-reboot: a guest restart
#                      boots the machine again
#   --migrate-at REGEX when the console prints a line matching REGEX,
#                      migrate the running machine to a file and end
#                      QEMU, then start a second QEMU with the same
#                      command line from that file (-incoming), whose
#                      console continues the same log: the boot must
#                      complete on the restored machine
#   --savevm-at REGEX  the same with a snapshot: stop the machine, savevm
#                      into a qcow2 drive made for it (LOG.qcow2), end
#                      QEMU, and start a second QEMU with -loadvm
# Environment: VOYAGER_QEMU overrides build/qemu/qemu-system-i386.
# Environment: VOYAGER_TIMEOUT_SCALE multiplies every timeout.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

name= machine= cpus= cpu= smp= mem=256 tests= append= end=reboot timeout=240
kernel=$BUILD/linux/arch/x86/boot/bzImage
initrd=$BUILD/initramfs.cpio.gz
qemu=${VOYAGER_QEMU:-$BUILD/qemu/qemu-system-i386}
oracle_args=()
qemu_extra=()
monitor_at=()
migrate_at=
restore=
restore_args=()
no_reboot=-no-reboot
while [ $# -gt 0 ]; do
	case $1 in
	--name) name=$2 ;;
	--machine) machine=$2 ;;
	--cpus) cpus=$2 ;;
	--cpu) cpu=$2 ;;
	--smp) smp=$2 ;;
	--mem) mem=$2 ;;
	--tests) tests=$2 ;;
	--append) append=$2 ;;
	--end) end=$2 ;;
	--timeout) timeout=$2 ;;
	--expect) oracle_args+=(--expect "$2") ;;
	--reject) oracle_args+=(--reject "$2") ;;
	--allow-level) oracle_args+=(--allow-level "$2") ;;
	--expect-report) oracle_args+=(--expect-report "$2") ;;
	--qemu-arg) qemu_extra+=("$2") ;;
	--kernel) kernel=$2 ;;
	--initrd) initrd=$2 ;;
	--monitor-at) monitor_at+=("$2") ;;
	# tests/userland/hold.c waits for 5Ah in the second UART's scratch
	# register (port 2FFh).
	--monitor-hold) monitor_at+=("^# hold for the monitor=$2 ;; o /b 0x2ff 0x5a") ;;
	--allow) oracle_args+=(--allow "$2") ;;
	--allow-trace) oracle_args+=(--allow-trace "$2") ;;
	--allow-skip) oracle_args+=(--allow-skip "$2") ;;
	--may-reboot) no_reboot= ; shift; continue ;;
	--migrate-at) migrate_at=$2 restore=incoming ;;
	--savevm-at) migrate_at=$2 restore=loadvm ;;
	*) die "boot.sh: unknown option $1" ;;
	esac
	shift 2
done
[ -n "$name" ] && [ -n "$machine" ] && [ -n "$cpus" ] ||
	die "boot.sh: --name, --machine and --cpus are required"
for f in "$kernel" "$initrd" "$qemu"; do
	[ -f "$f" ] || die "boot.sh: $f does not exist (make kernel qemu initramfs)"
done

log=$BUILD/logs/boot-$name.log
raw=$log.raw
mig=$log.migration
snapshot=$log.qcow2
mkdir -p "$BUILD/logs"
rm -f "$mig" "$snapshot"
# The machine is stopped first, so that the guest cannot run on to its
# end (and QEMU exit) while the state is written; without the global run
# state in the stream the restored machine starts by itself.
case $restore in
incoming)
	monitor_at+=("$migrate_at=stop ;; migrate file:$mig ;; quit")
	restore_args=(-incoming "file:$mig") ;;
loadvm)
	monitor_at+=("$migrate_at=stop ;; info voyager config ;; savevm mid-run ;; quit")
	python3 "$top/scripts/mkqcow2.py" "$snapshot" 1
	qemu_extra+=(-drive "if=none,id=snapshots,format=qcow2,file=$snapshot")
	restore_args=(-loadvm mid-run) ;;
esac
limit=$(scaled "$timeout")

cmdline="console=ttyS0,115200 console_msg_format=syslog printk.time=1"
cmdline+=" panic=-1 oops=panic voyager_cpus=$cpus voyager_end=$end"
[ -n "$tests" ] && cmdline+=" voyager_tests=$tests"
# No test may outlast the limit: init reports one still running 30 s
# before it (half-way on a limit of a minute or less) as a TIMEOUT, and
# the machine ends in the margin.  An --append that sets it wins (0: no
# deadline, the runner's kill alone).
case " $append " in
*" voyager_test_deadline="*) ;;
*) cmdline+=" voyager_test_deadline=$((limit > 60 ? limit - 30 : limit / 2))" ;;
esac
[ -n "$append" ] && cmdline+=" $append"

monitor=(-monitor none)
sock=
if [ ${#monitor_at[@]} -gt 0 ]; then
	sock=$(mktemp -u "${TMPDIR:-/tmp}/voyager-monitor-XXXXXX")
	monitor=(-monitor "unix:$sock,server=on,wait=off")
fi
# The console is appended to, so that a machine restored from a
# migration (--migrate-at) continues the log of the one it came from.
machine_args=(-M "$machine" -m "$mem" -nodefaults -display none
	-chardev "file,id=console,path=$raw,append=on" -serial chardev:console
	-serial null ${no_reboot:+"$no_reboot"}
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline")
[ -n "$cpu" ] && machine_args+=(-cpu "$cpu")
[ -n "$smp" ] && machine_args+=(-smp "$smp")
machine_args+=("${qemu_extra[@]}")
args=("${machine_args[@]}" "${monitor[@]}")
[ -n "$migrate_at" ] && args+=(-global migration.store-global-state=off)

: >"$raw"
: >"$log"
rm -f "$log.monitor"
watcher=
if [ -n "$sock" ]; then
	: >"$log.monitor"
	python3 "$top/scripts/monitor-at.py" "$sock" "$raw" "$log.monitor" \
		"${monitor_at[@]}" 2>>"$log.monitor" &
	watcher=$!
fi
rc=0
started=$SECONDS
timeout -k 5 "$limit" "$qemu" "${args[@]}" 2>"$log.qemu-stderr" || rc=$?
# The watcher first: its record of what it sent is read below, and it
# may write the last line ("sent 'quit'") after QEMU has already quit.
if [ -n "$watcher" ]; then
	# It ends by itself once QEMU closed the socket; never wait long.
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		kill -0 "$watcher" 2>/dev/null || break
		sleep 0.2
	done
	kill "$watcher" 2>/dev/null || true
	wait "$watcher" 2>/dev/null || true
	rm -f "$sock"
fi
if [ -n "$migrate_at" ] && [ "$rc" = 0 ]; then
	if { [ -s "$mig" ] || [ "$restore" = loadvm ]; } &&
		grep -q "^sent 'quit'" "$log.monitor" 2>/dev/null &&
		! grep -q 'Error: ' "$log.monitor"; then
		# The rest of the run on a machine restored from the file.
		rest=$((limit - (SECONDS - started)))
		[ "$rest" -gt 30 ] || rest=30
		timeout -k 5 "$rest" "$qemu" "${machine_args[@]}" -monitor none \
			"${restore_args[@]}" 2>>"$log.qemu-stderr" || rc=$?
	else
		note_mig="the $restore did not happen (see $log.monitor)"
	fi
fi
# The console as the checks read it, written once (the oracle's joining;
# monitor-at.py joined the same way as the console grew).
python3 "$top/scripts/oracle.py" --unsplit "$raw" >"$log"
# running_test: the test of --tests the test init had started and not
# ended when QEMU was stopped (its KTAP plan printed, fewer results than
# tests), as "NAME (N of M)"; nothing before the plan or after the last.
running_test() {
	local done n list
	[ -n "$tests" ] && grep -q '^1\.\.[0-9]' "$log" 2>/dev/null || return 0
	IFS=, read -r -a list <<<"$tests"
	done=$(tr -d '\r' <"$log" | grep -cE '^(not )?ok [0-9]+ ' || true)
	n=${#list[@]}
	[ "$done" -lt "$n" ] || return 0
	echo "${list[$done]} ($((done + 1)) of $n)"
}
note=${note_mig:-}
case $rc in
0) ;;
124 | 137)
	note="timeout: QEMU still running after ${limit} s"
	running=$(running_test)
	[ -z "$running" ] || note+="; test ${running} had not ended"
	;;
*) note="QEMU exited with status $rc: $(head -c 300 "$log.qemu-stderr" | tr '\n' ' ')" ;;
esac
# Keep the exact command with the log, for reproducing by hand.
printf '%q ' "$qemu" "${args[@]}" >"$log.cmd"
[ -n "$migrate_at" ] && printf '\n%q ' "$qemu" "${machine_args[@]}" \
	"${restore_args[@]}" >>"$log.cmd"
echo >>"$log.cmd"

exec python3 "$top/scripts/oracle.py" "$log" --name "$name" --cpus "$cpus" \
	--json "${log%.log}.json" ${note:+--note "$note"} "${oracle_args[@]}"
