# SPDX-License-Identifier: GPL-2.0
#
# The Micro Channel bus and NCR's SCSI adapters (issue 15), with the
# kernel variant build/linux-mca (configs/mca.config): the cards the
# kernel enumerates against the -device layout (ids, slots, IRQs and
# their level trigger, from sysfs), sub-addressed POS reads (the D700's
# bases), a disk on Level 4 and Level 5 and two on a D700's two SIOPs
# (partition table, mke2fs, mount, write, read back; e2fsck clean on the
# host), a card with malformed POS data, a SCSI bus without a disk, and
# a PC, which has no MCA.  Sourced by check.sh.

MCA_KERNEL=${MCA_KERNEL:-$BUILD/linux-mca/arch/x86/boot/bzImage}

# The lines of tests/userland/mca.c, without the serial CRs.
mca_lines() {
	tr -d '\r' <"$1" | sed -n 's/^# mca: //p'
}

# mca_layout LOG LINE...: the "slot S id ... irq ... trigger ..." lines
# of the boot are exactly LINE... (in slot order).
mca_layout() {
	local log=$1 got want
	shift
	got=$(mca_lines "$log" | grep '^slot [0-7] id ' || true)
	want=$(printf '%s\n' "$@")
	echo "sysfs:"
	echo "$got"
	[ "$got" = "$want" ] || { echo "want:"; echo "$want"; return 1; }
}

# n_lines LOG N REGEX: the console says REGEX exactly N times.
n_lines() {
	local n
	n=$(tr -d '\r' <"$1" | grep -cE "$3" || true)
	echo "/$3/: $n lines, want $2"
	[ "$n" = "$2" ]
}

# one_line LOG REGEX: the console says REGEX exactly once.
one_line() {
	n_lines "$1" 1 "$2"
}

# An empty disk image for the guest to partition and format.
mca_disk_image() {
	rm -f "$1"
	truncate -s 16M "$1"
}

# part_file_ok IMG FILE TEXT: partition 1 of IMG (sector 2048 on) is a
# clean ext2/ext4 file system whose FILE holds TEXT.
part_file_ok() {
	local img=$1 file=$2 text=$3 part got
	part=$(mktemp)
	dd if="$img" of="$part" bs=512 skip=2048 status=none || return 1
	e2fsck -fn "$part" || { rm -f "$part"; return 1; }
	got=$(debugfs -R "cat $file" "$part" 2>/dev/null)
	rm -f "$part"
	echo "$file: \"$got\""
	[ "$got" = "$text" ]
}

# mca_disk_ok IMG TEXT: /data of partition 1 holds TEXT.
mca_disk_ok() {
	part_file_ok "$1" /data "$2"
}

# mca_disk_boot NAME MACHINE CPUS CARD-LINE: a disk (-drive if=scsi) on
# the machine's default adapter, from empty disk to data read back.
mca_disk_boot() {
	local name=$1 machine=$2 cpus=$3 card=$4 img text
	img=$BUILD/$name.img
	text="$name-$RANDOM$RANDOM"
	check "$name-image" mca_disk_image "$img"
	# On the level's own CPU model: 486 (Level 4), Pentium (Level 5);
	# busybox (and its mke2fs) is built for the i486.
	boot "$name" --machine "$machine" --cpus "$cpus" \
		--kernel "$MCA_KERNEL" --tests mca,scsidisk --timeout 180 \
		--append "voyager_scsidisk_text=$text" \
		--qemu-arg -drive --qemu-arg "file=$img,format=raw,if=scsi" \
		--expect 'mca: Micro Channel bus \(NCR Voyager\): 1 of 8 slots occupied' \
		--expect "# sda: read back \"$text on sda\" intact"
	check "$name-sysfs" mca_layout "$BUILD/logs/boot-$name.log" "$card"
	check "$name-fsck" mca_disk_ok "$img" "$text on sda"
}

# Four cards in a Level 5 box: the default 01BAh adapter in slot 0, a
# 004Fh in slot 2, a D700 in slot 5 with both SIOPs differential, board
# and SIOP bases that only the sub-addressed POS reads can give, and a
# disk on each SIOP, and an 01BBh in slot 7.
mca_layout_boot() {
	local name=voyager-mca-layout img0 img1 text log
	img0=$BUILD/$name-0.img
	img1=$BUILD/$name-1.img
	text="layout-$RANDOM$RANDOM"
	check "$name-image0" mca_disk_image "$img0"
	check "$name-image1" mca_disk_image "$img1"
	boot "$name" --machine voyager,cards=dyad:dyad --cpus 4 \
		--kernel "$MCA_KERNEL" --tests mca,scsidisk --timeout 240 \
		--append "voyager_scsidisk_text=$text voyager_scsidisks=sda,sdb" \
		--qemu-arg -device --qemu-arg ncr53c710-mca,slot=2,card-id=0x004f,iobase=0x300,irq=9 \
		--qemu-arg -device --qemu-arg ncr-d700-mca,slot=5,id=d7,iobase=0x7a30,siop-base=0x5270,irq=15,differential=3 \
		--qemu-arg -device --qemu-arg ncr53c710-mca,slot=7,card-id=0x01bb,iobase=0x1c00,irq=5 \
		--qemu-arg -drive --qemu-arg "if=none,id=disk0,file=$img0,format=raw" \
		--qemu-arg -device --qemu-arg scsi-hd,drive=disk0,bus=d7.0,scsi-id=0 \
		--qemu-arg -drive --qemu-arg "if=none,id=disk1,file=$img1,format=raw" \
		--qemu-arg -device --qemu-arg scsi-hd,drive=disk1,bus=d7.1,scsi-id=2 \
		--expect 'mca: Micro Channel bus \(NCR Voyager\): 4 of 8 slots occupied' \
		--expect 'slot 5: NCR Dual 700 \(D700\) SCSI, board 7A30h, SIOPs 5270h and 52F0h, IRQ 15, differential both' \
		--expect 'slot 2: NCR 53c710 SCSI Host Adapter Board, I/O 0300h, IRQ 9' \
		--expect 'slot 7: NCR 3360/3430 SCSI SubSystem, I/O 1C00h, IRQ 5' \
		--expect '53c710 rev [0-9]+ \(Differential\)' \
		--expect "# sda: read back \"$text on sda\" intact" \
		--expect "# sdb: read back \"$text on sdb\" intact"
	log=$BUILD/logs/boot-$name.log
	check "$name-sysfs" mca_layout "$log" \
		'slot 0 id 0x01ba irq 11 trigger level' \
		'slot 2 id 0x004f irq 9 trigger level' \
		'slot 5 id 0x0092 irq 15 trigger level' \
		'slot 7 id 0x01bb irq 5 trigger level'
	# POS as the D700 holds it after the probe: interrupt enabled (POS4
	# 07h), sub-address 1 (the SIOP base's low byte, 70h) last selected.
	check "$name-d700-pos" one_line "$log" '^# mca: slot 5 pos 9200017007c00100$'
	# Both SIOPs strapped differential (the module control byte).
	check "$name-d700-differential" n_lines "$log" 2 '53c710 rev [0-9]+ \(Differential\)'
	check "$name-fsck0" mca_disk_ok "$img0" "$text on sda"
	check "$name-fsck1" mca_disk_ok "$img1" "$text on sdb"
}

# Malformed POS data (the emulator's fault-pos): an 01BBh whose POS4
# selects I/O base index 1 and a 004Fh whose POS2 selects index 0 are
# refused, one line each naming the slot and the value; the good
# adapter in slot 0 still works and the bus still lists all three.
mca_fault_boot() {
	local name=voyager-mca-fault-pos log
	boot "$name" --machine voyager,cards=dyad --cpus 2 \
		--kernel "$MCA_KERNEL" --tests mca \
		--qemu-arg -device --qemu-arg ncr53c710-mca,slot=3,card-id=0x01bb,fault-pos=4=04 \
		--qemu-arg -device --qemu-arg ncr53c710-mca,slot=4,card-id=0x004f,iobase=0x200,irq=5,fault-pos=2=71 \
		--expect 'slot 0: NCR Dual SIOP SCSI Host Adapter Board, I/O 0800h, IRQ 11' \
		--allow 'ncr_mca: slot [34]: POS[24] [0-9A-F]{2}h selects no I/O base \(index [01]\), refused'
	log=$BUILD/logs/boot-$name.log
	check "$name-one-line-slot3" one_line "$log" \
		'ncr_mca: slot 3: POS4 04h selects no I/O base \(index 1\), refused'
	check "$name-one-line-slot4" one_line "$log" \
		'ncr_mca: slot 4: POS2 71h selects no I/O base \(index 0\), refused'
	# Nothing else about either card from its driver.
	check "$name-only-line-slot3" one_line "$log" 'ncr_mca.*slot 3'
	check "$name-only-line-slot4" one_line "$log" 'ncr_mca.*slot 4'
	check "$name-sysfs" mca_layout "$log" \
		'slot 0 id 0x01ba irq 11 trigger level' \
		'slot 3 id 0x01bb irq -1 trigger none' \
		'slot 4 id 0x004f irq -1 trigger none'
}

# run_root_session NAME LEVEL IMG STEP...: one `make run` session
# (scripts/run.sh, root on IMG) driven by tests/run-shell.py; STEP is
# "--send CMD --expect REGEX" pairs.
# Sixteen processes write, flush and read back /dev/sda with O_DIRECT
# for 10 s of guest time (tests/userland/scsistress.c), on the Level 4
# on-board adapter: several tagged commands in turn on the 53C710, every
# read checked against the last write, and SYNCHRONIZE CACHE among them.
# A flush's status given before the host's flush ended made reads that
# moved nothing (QEMU core patch 0020).
mca_stress_boot() {
	local name=voyager-mca-scsistress img
	img=$BUILD/$name.img
	check "$name-image" mca_disk_image "$img"
	boot "$name" --machine voyager,level=4,cards=dyad --cpus 2 \
		--kernel "$MCA_KERNEL" --tests scsistress --timeout 180 \
		--append "voyager_scsistress_workers=16 voyager_scsistress_seconds=10" \
		--qemu-arg -drive --qemu-arg "file=$img,format=raw,if=scsi" \
		--expect '# scsistress: [0-9]+ writes, [1-9][0-9]* flushes, [1-9][0-9]* reads, [0-9]+ sectors checked, ok'
	# The same with a host reset (SG_SCSI_RESET) 3 s in: the 53c700
	# core waited for ever for a "SCSI reset detected" interrupt that
	# the chip reset took away (kernel core patch 0019); the commands
	# the reset cut off are retried and every read still checks.  The
	# mid-layer's settle time (10 s) keeps it to one reset.
	mca_stress_reset_boot "$name-reset" "$img" \
		--expect 'no bus reset interrupt after the host reset'
	# The other reading of the chip (rst-outlives-reset): the
	# condition outlives the chip reset and interrupts, and the host
	# reset ends on the interrupt, not on the 2 s wait.
	mca_stress_reset_boot "$name-reset-latched" "$img" \
		--qemu-arg -global --qemu-arg ncr53c710-mca.rst-outlives-reset=on \
		--reject 'no bus reset interrupt after the host reset'
	rm -f "$img"
}

# One SG_SCSI_RESET 3 s into scsistress on a fresh IMG; the rest of the
# arguments go to boot.
mca_stress_reset_boot() {
	local name=$1 img=$2
	shift 2
	check "$name-image" mca_disk_image "$img"
	boot "$name" --machine voyager,level=4,cards=dyad --cpus 2 \
		--kernel "$MCA_KERNEL" --tests scsistress --timeout 180 \
		--append "voyager_scsistress_workers=16 voyager_scsistress_seconds=10 voyager_scsistress_reset_ms=3000" \
		--qemu-arg -drive --qemu-arg "file=$img,format=raw,if=scsi" \
		--expect '# scsistress: [1-9][0-9]* host resets' \
		--expect '# scsistress: [0-9]+ writes, [1-9][0-9]* flushes, [1-9][0-9]* reads, [0-9]+ sectors checked, ok' \
		"$@"
}

run_root_session() {
	local name=$1 level=$2 img=$3
	shift 3
	RUN_MACHINE=voyager,level=$level,cards=dyad RUN_DISK=$img \
		python3 "$top/tests/run-shell.py" --log "$BUILD/logs/$name.log" "$@"
}

# make run with its root on the SCSI disk, on Level LEVEL: the shell runs
# from partition 1, writes a file; a second session finds it; the host's
# e2fsck finds the file system clean.
run_root_checks() {
	local level=$1 name=run-root-l$1 img text
	img=$BUILD/$name.img
	text="$name-$RANDOM$RANDOM"
	cp "$BUILD/rootfs-template.img" "$img"
	check "$name-write" run_root_session "$name-write" "$level" "$img" \
		--send 'cat /proc/mounts; cat /proc/cmdline' \
		--expect '^/dev/root / ext4 rw(.|\n)*root=/dev/sda1 ' \
		--send 'cat /sys/bus/mca/devices/*/id' --expect "^0x01b$([ "$level" = 4 ] && echo b || echo a)$" \
		--send "echo $text >/root/note; sync; cat /root/note" --expect "^$text$"
	check "$name-read" run_root_session "$name-read" "$level" "$img" \
		--send 'cat /root/note' --expect "^$text$"
	check "$name-fsck" part_file_ok "$img" /root/note "$text"
}

boot_mca_checks() {
	run_root_checks 5
	run_root_checks 4
	mca_disk_boot voyager-mca-l4-disk voyager,level=4,cards=dyad 2 \
		'slot 0 id 0x01bb irq 11 trigger level'
	mca_disk_boot voyager-mca-l5-disk voyager,cards=dyad 2 \
		'slot 0 id 0x01ba irq 11 trigger level'
	mca_stress_boot
	mca_layout_boot
	mca_fault_boot
	# No disk on the adapter's bus: said once, and the boot goes on.
	boot voyager-mca-no-disk --machine voyager,cards=dyad --cpus 2 \
		--kernel "$MCA_KERNEL" --tests mca,cpus \
		--expect 'slot 0: SIOP0 \(scsi0\): no device on its SCSI bus' \
		--expect '^# mca: slot 0 id 0x01ba irq 11 trigger level'
	# A PC's BIOS says "no Micro Channel" (int 15h AH=C0h).
	boot pc-mca-none --machine pc --cpus 1 --kernel "$MCA_KERNEL" \
		--tests mca --expect '^# mca: none' --reject 'Micro Channel bus'
}
