# SPDX-License-Identifier: GPL-2.0
#
# The Voyager's front-panel switches and the ways the machine ends, driven
# through the QEMU monitor (boot.sh --monitor-at): the dump switch (`nmi`),
# the power switch (`system_powerdown`) with data on a SCSI disk, the
# PSI power-off, and the restart.  Sourced by check.sh.

# Console lines of the dump switch (arch-voyager/dump_switch.c).
DUMP_DONE_RE='Voyager dump switch: CPU [0-9]+ done$'

# dump_cpus_seen LOG PRESSES CPUS: every press dumped every CPU once.
dump_cpus_seen() {
	local log=$1 presses=$2 cpus=$3 got
	# The serial log ends its lines with CR LF.
	got=$(tr -d '\r' <"$log" | grep -cE "$DUMP_DONE_RE" || true)
	echo "register dumps: $got, want $presses presses x $cpus CPUs"
	[ "$got" = $((presses * cpus)) ] || return 1
	got=$(grep -c 'Voyager dump switch: dump complete' "$log" || true)
	echo "task lists: $got, want $presses"
	[ "$got" = "$presses" ]
}

# sus_registered LOG: the kernel wrote OS interface version 10h (byte 3)
# and "OS has sysint" (flags at 4) into the SUS mailbox, as the old port.
sus_registered() {
	local err=$1.qemu-stderr
	grep -q 'voyager_sus_mmio_write +0x003 size 1 <- 0x10$' "$err" ||
		{ echo "no OS interface version 10h in the SUS mailbox"; return 1; }
	grep -q 'voyager_sus_mmio_write +0x004 size 4 <- 0x1$' "$err" ||
		{ echo "no \"OS has sysint\" flag in the SUS mailbox"; return 1; }
	echo "registered with the SUS mailbox"
}

# dump_boot NAME MACHINE CPUS [boot.sh args]: two presses while the
# tests run.
dump_boot() {
	local name=$1 machine=$2 cpus=$3
	shift 3
	boot "$name" --machine "$machine" --cpus "$cpus" "$@" \
		--tests cpus,dumpswitch,timer --append voyager_dump_presses=2 \
		--monitor-at 'press the dump switch now \(press 1\)=nmi' \
		--monitor-at 'press the dump switch now \(press 2\)=nmi' \
		"${dump_traces[@]}" \
		--qemu-arg -trace --qemu-arg voyager_sus_mmio_write \
		--expect 'Voyager dump switch: pressed \(press 2\)' \
		--expect 'task:init +state:'
	check "$name-every-cpu" dump_cpus_seen "$BUILD/logs/boot-$name.log" 2 "$cpus"
	check "$name-sus-registered" sus_registered "$BUILD/logs/boot-$name.log"
}

# The disk tests run the MCA kernel (configs/mca.config) with a whole-disk
# file system on the machine's own SCSI adapter (-drive if=scsi).
DISK_KERNEL=$BUILD/linux-mca/arch/x86/boot/bzImage

# disk_image IMG TYPE: a fresh 16 MiB file system of TYPE (ext2, ext4).
disk_image() {
	rm -f "$1"
	truncate -s 16M "$1" && mke2fs -q -F -t "${2:-ext2}" "$1"
}

# announced_before_stop LOG: the PSI power-off was announced before
# "reboot: Power down", while the other CPUs still ran.  Said after, when
# they are stopped, the line can be lost: one of them may have stopped
# holding the console.
announced_before_stop() {
	local said down
	said=$(grep -n -m 1 'Voyager PSI: powering off$' "$1" | cut -d: -f1)
	down=$(grep -n -m 1 'reboot: Power down' "$1" | cut -d: -f1)
	[ -n "$said" ] && [ -n "$down" ] && [ "$said" -lt "$down" ] && return 0
	echo "want 'Voyager PSI: powering off' before 'reboot: Power down' (lines ${said:-none}, ${down:-none})"
	return 1
}

# psi_off_ok LOG KERNEL-REGEX...: one press reached the PSI, the kernel
# said each KERNEL-REGEX, and the power went off by the PSI command, not
# by the supply's 3 s deadline nor a second press.
psi_off_ok() {
	local log=$1 err=$1.qemu-stderr re
	shift
	[ "$(grep -c 'voyager_psi_switch power switch: press$' "$err")" = 1 ] ||
		{ echo "want exactly one press at the PSI"; return 1; }
	for re in "$@" 'Voyager PSI: powering off'; do
		grep -q "$re" "$log" || { echo "kernel did not say /$re/"; return 1; }
	done
	announced_before_stop "$log" || return 1
	grep -q 'voyager_psi_power_off power off: PSI power down command' "$err" ||
		{ echo "QEMU saw no PSI power-down command"; return 1; }
	if grep -q 'voyager_psi_power_off power off: \(switch-off not acknowledged\|second press\)' "$err"; then
		echo "the power went off without the guest: $(grep power_off "$err")"
		return 1
	fi
	echo "power-off through the PSI"
}

# psi_orderly LOG TEST: the press during TEST was taken, init asked, the
# PSI powered off.
psi_orderly() {
	psi_off_ok "$1" 'Voyager PSI: power switch pressed: orderly power-off' \
		"voyager-init: end signal 12 during $2"
}

# records_acked LOG: the highest record number the writer acknowledged.
records_acked() {
	tr -d '\r' <"$1" | sed -n 's/^# record \([0-9]*\) acked$/\1/p' |
		sort -n | tail -n 1
}

# records_on_disk IMG ACKED: the host's own reading of /records (not the
# guest's): e2fsck clean, every record numbered in turn with its FNV-1a
# checksum (tests/records.py), at least ACKED of them.
records_on_disk() {
	local img=$1 acked=$2 file
	e2fsck -fn "$img" || return 1
	file=$(mktemp)
	debugfs -R "dump /records $file" "$img" 2>/dev/null
	python3 "$top/tests/records.py" check "$file" "$acked"
	local rc=$?
	rm -f "$file"
	return $rc
}

# records_check_fails: the host's reading fails on a lost acknowledged
# record and on a damaged one (so its pass means something).
records_check_fails() {
	local img=$BUILD/records-selftest.img file rc=0
	file=$(mktemp)
	disk_image "$img" ext4 || return 1
	python3 "$top/tests/records.py" make 3 >"$file"
	debugfs -w -R "write $file records" "$img" >/dev/null 2>&1
	records_on_disk "$img" 3 || { echo "three good records refused"; rc=1; }
	! records_on_disk "$img" 4 || { echo "a lost record not seen"; rc=1; }
	printf 'VR 00000004 00000000 ..........\n' >>"$file"
	debugfs -w -R "rm records" "$img" >/dev/null 2>&1
	debugfs -w -R "write $file records" "$img" >/dev/null 2>&1
	! records_on_disk "$img" 3 || { echo "a damaged record not seen"; rc=1; }
	rm -f "$file" "$img"
	return $rc
}

# records_cycles PREFIX N: data on the power switch.  N times: a writer
# appends numbered, checksummed records to the SCSI disk (write() only, no
# fsync(): they sit in the page cache) and logs each acknowledged number
# while the power switch is pressed (an orderly power-off through the PSI,
# whose sync() alone saves them); the next boot finds every acknowledged
# record (its own check, then the host's e2fsck and reading).
records_cycles() {
	local prefix=$1 cycles=$2 img=$BUILD/$1-disk.img cycle name acked=0 got
	local disk=(--kernel "$DISK_KERNEL" --qemu-arg -drive
		--qemu-arg "file=$img,format=raw,if=scsi")
	local trace=(--qemu-arg -trace --qemu-arg 'voyager_psi_switch'
		--qemu-arg -trace --qemu-arg 'voyager_psi_power_off')
	check "$prefix-disk-image" disk_image "$img" ext4
	for ((cycle = 1; cycle <= cycles; cycle++)); do
		name=$prefix-$cycle
		boot "$name" --machine voyager,cards=dyad:dyad --cpus 4 \
			--tests records --end poweroff --timeout 180 \
			--append "voyager_records=write voyager_records_acked=$acked" \
			"${disk[@]}" "${trace[@]}" \
			--monitor-at 'press the power switch now=system_powerdown' \
			--expect '# records: power-off request after record [0-9]+'
		check "$name-orderly" psi_orderly "$BUILD/logs/boot-$name.log" records
		got=$(records_acked "$BUILD/logs/boot-$name.log")
		[ -n "$got" ] && acked=$got
		echo "    $name: $acked records acknowledged in all"
		boot "$name-check" --machine voyager,cards=dyad:dyad --cpus 4 \
			--tests records --end poweroff "${disk[@]}" \
			--append "voyager_records=check voyager_records_acked=$acked" \
			--expect '# records: every acknowledged record is there'
		check "$name-host" records_on_disk "$img" "$acked"
	done
}

# records_pulled_plug: the control of records_cycles (test audit H1).  The
# same writer on a fresh disk, but the plug pulled (QEMU quits from its
# monitor) where the switch would have been pressed: what it acknowledged
# was in the page cache only, and the next boot must find it lost.  So
# the cycles can see a loss, and what saves their data is the switch's
# orderly path.
records_pulled_plug() {
	local img=$BUILD/records-plug-disk.img name=records-plug acked
	local disk=(--kernel "$DISK_KERNEL" --qemu-arg -drive
		--qemu-arg "file=$img,format=raw,if=scsi")
	disk_image "$img" ext4 || return 1
	"$top/scripts/boot.sh" --name $name --machine voyager,cards=dyad:dyad \
		--cpus 4 --tests records --end poweroff --timeout 120 \
		--append 'voyager_records=write voyager_records_acked=0' "${disk[@]}" \
		--monitor-at 'press the power switch now=quit'
	acked=$(records_acked "$BUILD/logs/boot-$name.log")
	echo "records acknowledged when the plug was pulled: ${acked:-none}"
	[ "${acked:-0}" -ge 20 ] || return 1
	"$top/scripts/boot.sh" --name $name-check --machine voyager,cards=dyad:dyad \
		--cpus 4 --tests records --end poweroff "${disk[@]}" \
		--append "voyager_records=check voyager_records_acked=$acked"
	grep -E '^# records: [0-9]+ intact|acknowledged records lost' \
		"$BUILD/logs/boot-$name-check.log" | tr -d '\r'
	tr -d '\r' <"$BUILD/logs/boot-$name-check.log" |
		grep -qE '^# records: [0-9]+ acknowledged records lost$'
}

# second_boot_ok LOG CPUS: the restarted machine came up, counted its
# second boot on the disk, and its own part of the log passes the oracle.
second_boot_ok() {
	local log=$1 cpus=$2 second=$1.second clean
	# The serial log ends its lines with CR LF.
	clean=$(tr -d '\r' <"$log")
	[ "$(grep -c 'voyager-init: started' <<<"$clean")" = 2 ] ||
		{ echo "want two boots in $log"; return 1; }
	grep -q '^# boot count 1$' <<<"$clean" &&
		grep -q '^# boot count 2$' <<<"$clean" ||
		{ echo "the disk's boot counter did not reach 2"; return 1; }
	# The second boot starts at the second "Linux version" banner.
	awk '/Linux version/ { n++ } n >= 2' <<<"$clean" >"$second"
	python3 "$top/scripts/oracle.py" "$second" --name second-boot \
		--cpus "$cpus" --expect '^# boot count 2$' \
		--expect 'asking init to power off'
}

# Restart through the kernel's path brings the box back; then power-off.
restart_boot() {
	local img=$BUILD/switches-restart.img name=voyager-restart
	check switches-restart-image disk_image "$img"
	boot "$name" --machine voyager,cards=dyad:dyad --cpus 4 --may-reboot \
		--tests disk --end reboot --timeout 120 \
		--kernel "$DISK_KERNEL" --append voyager_disk=count:2 \
		--qemu-arg -drive --qemu-arg "file=$img,format=raw,if=scsi" \
		--expect '^# boot count 1$'
	check "$name-second-boot" second_boot_ok "$BUILD/logs/boot-$name.log" 4
}

# The mains fail and come back while the tests run (audit D17, set at
# run time on the PSI): init is told both times, nothing else happens.
# The return of the mains is sent during `hold`: a console trigger on
# "ok 3 cpis" missed once, when a kernel message split that line.
ac_fail_boot() {
	mains_fail_boot voyager-ac-fail cpus,timer,cpis,hold,threads,hotplug
}

# mains_fail_boot NAME TESTS [boot.sh args]: the mains fail when the
# first test passes and come back at the first hold of TESTS; init is
# told both times.
mains_fail_boot() {
	local name=$1 tests=$2
	shift 2
	boot "$name" --machine voyager,cards=dyad:dyad --cpus 4 \
		--end poweroff --tests "$tests" \
		--monitor-at '^ok 1 cpus=qom-set /machine/cat ac-fail on' \
		--monitor-hold 'qom-set /machine/cat ac-fail off' \
		--allow-level 'AC power failure \(AC fail 0x8[0-9a-f]\): running on batteries' \
		--expect 'AC power failure \(AC fail 0x8[0-9a-f]\): running on batteries' \
		--expect 'Voyager PSI: AC power restored, init told' "$@"
}

# The PSI that counts the 16 reads of its registers per selection (audit
# D11: a write to the select port starts the count again), the reading
# under which a kernel reading each register in its own transaction
# never ends CMN_INT.  The mains fail and come back; at a second hold,
# after the threads and hotplug tests (the kernel looks for the mains
# once a second), the PSI must have let CMN_INT go.
psi_selection_boot() {
	mains_fail_boot voyager-psi-per-selection \
		cpus,hold,timer,cpis,threads,hotplug,hold \
		--qemu-arg -global --qemu-arg voyager-cat.psi-read-all-selection=on \
		--monitor-hold 'qom-get /machine/cat cmn-int'
	check voyager-psi-per-selection-cmn-down monitor_said \
		"$BUILD/logs/boot-voyager-psi-per-selection.log" '^false$'
}

# The PSI's other events at run time (issue 14 item 2): a DC supply
# fails, then the CMOS battery; the kernel reports and clears each, and
# CMN_INT ends.  Under the other readings of the CAT side: the
# acknowledge alone ends CMN_INT (psi-read-all=off, audit D8) and the
# EPROM config id is not the CPU count (config-id-cpus=off, audit D13).
# The events come a test apart: the kernel clears the status register
# with 0 after its report, as the old driver did, so an event latched
# between its read and that write is not reported (on the hardware too,
# if a write of 0 clears every latched bit).
psi_events_boot() {
	local log=$BUILD/logs/boot-voyager-psi-events.log
	boot voyager-psi-events --machine voyager,cards=dyad:dyad --cpus 4 \
		--end poweroff --tests cpus,hold,timer,cpis,hold,threads,hold \
		--qemu-arg -global --qemu-arg voyager-cat.psi-read-all=off \
		--qemu-arg -global --qemu-arg voyager-cat.config-id-cpus=off \
		--monitor-at '^ok 1 cpus=qom-set /machine/cat dc-fail on' \
		--monitor-hold 'qom-set /machine/cat dc-fail off' \
		--monitor-hold 'qom-set /machine/cat battery-fail on' \
		--monitor-hold 'qom-get /machine/cat cmn-int' \
		--allow-level 'power supply status 0x(01|80): clearing it' \
		--expect 'Voyager PSI: power supply status 0x01: clearing it' \
		--expect 'Voyager PSI: power supply status 0x80: clearing it'
	check voyager-psi-events-both psi_status_reports "$log" 2
	check voyager-psi-events-cmn-down monitor_said "$log" '^false$'
}

# The PSI's major fault at run time (fidelity audit A54, reference 7.4):
# the kernel powers off at once, from the interrupt, with no orderly
# shutdown.  So the boot must stop in the hold test, with the oracle
# failing for exactly that and nothing else, and QEMU must have seen the
# PSI power-down command, not a power-off of its own.
psi_major_fault_boot() {
	local name=voyager-psi-major-fault log verdict
	log=$BUILD/logs/boot-$name.log
	verdict=$("$top/scripts/boot.sh" --name $name \
		--machine voyager,cards=dyad:dyad --cpus 4 --tests cpus,hold,timer \
		--end poweroff --timeout 90 "${PSI_TRACE[@]}" \
		--allow-level 'Voyager PSI: major power supply fault: powering off$' \
		--expect 'Voyager PSI: major power supply fault: powering off$' \
		--monitor-hold 'qom-set /machine/cat major-fault on')
	echo "$verdict"
	[ "$verdict" = "FAIL $name: end marker 'voyager-init: done' not reached; KTAP document 1: plan 1..3 but 1 results (log: $log)" ] ||
		return 1
	grep -q 'voyager_psi_power_off power off: PSI power down command' "$log.qemu-stderr" ||
		{ echo "QEMU saw no PSI power-down command"; return 1; }
	if grep -q 'voyager_psi_power_off power off: \(switch-off\|second press\)' "$log.qemu-stderr"; then
		echo "the power went off without the guest"
		return 1
	fi
	echo "powered off through the PSI at the major fault"
}

# psi_status_reports LOG N: the kernel reported and cleared N PSI events.
psi_status_reports() {
	local n
	n=$(grep -c 'Voyager PSI: power supply status 0x[0-9a-f]*: clearing it' "$1" || true)
	[ "$n" = "$2" ] || { echo "want $2 PSI status reports, the kernel made $n"; return 1; }
	echo "$n PSI status reports"
}

boot_switches_checks() {
	dump_boot voyager-dump-switch voyager,cards=dyad:dyad 4
	dump_boot voyager-dump-switch-mono voyager,cards=mono 1 \
		--expect 'status ports F823h/F813h read 01/01'
	# Fidelity audit D1: status bits that stay clear (the historic
	# driver never read them); the press is still an NMI and a dump.
	dump_boot voyager-dump-switch-nostatus voyager,cards=dyad 2 \
		--qemu-arg -global --qemu-arg voyager-cat.dump-status=off \
		--expect 'status ports F823h/F813h read 00/00'
	# The dump switch while a CPU is offline (audit §5): the three
	# online CPUs dump, the offline one is not owed the presses and
	# comes back afterwards; the hotplug test then runs as usual.
	boot voyager-dump-offline --machine voyager,cards=dyad:dyad --cpus 4 \
		--tests cpus,dumpswitch,hotplug,timer \
		--append 'voyager_dump_presses=2 voyager_dump_offline=1' \
		--monitor-at 'press the dump switch now \(press 1\)=nmi' \
		--monitor-at 'press the dump switch now \(press 2\)=nmi' \
		"${dump_traces[@]}" --expect '^# CPU 3 offline for the presses$'
	check voyager-dump-offline-online-cpus dump_cpus_seen \
		"$BUILD/logs/boot-voyager-dump-offline.log" 2 3
	ac_fail_boot
	psi_selection_boot
	psi_events_boot
	check voyager-psi-major-fault psi_major_fault_boot
	check records-check-can-fail records_check_fails
	records_cycles voyager-power-switch 3
	check records-pulled-plug-loses records_pulled_plug
	restart_boot
}

# make soak: the power switch with data, twenty cycles.
boot_soak_checks() {
	records_cycles voyager-soak-power-switch 20
}
