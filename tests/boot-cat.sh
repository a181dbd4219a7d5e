# SPDX-License-Identifier: GPL-2.0
#
# The CAT bus driver on the emulated Voyager: the boot inventory in sysfs
# (tests/userland/catinv.c prints it as "# cat: ..." lines), debugfs raw
# register and subaddress access, a raw write seen by the emulator's
# trace, and a module that does not answer (fault-cat-module).
#
# Every expectation is derived here from the -M voyager,... string with
# the rules of the hardware reference (3.3 module ids, 5.2 CPU numbering)
# and the emulator's specification (qemu/docs/system/i386/voyager-cat.rst:
# which modules exist, ASIC chains and type registers, QABC bytes, PSI
# registers, EPROM header bytes), never copied from a boot log.
# Sourced by check.sh.

# cat_expect MACHINE [MEM_MB]: print boot.sh --expect/--reject arguments,
# one per line, for the catinv output on that machine.
cat_expect() {
	python3 - "$1" "${2:-256}" <<'EOF'
import sys

props = dict(p.split("=", 1) for p in sys.argv[1].split(",")[1:] if "=" in p)
mem = int(sys.argv[2])
level = int(props.get("level", "5"))
slots = int(props.get("slots", "4"))
cards = props.get("cards", "dyad").split(":")
fault = int(props.get("fault-cat-module", "0"), 0)
out = []


def expect(regex):
    out.extend(["--expect", regex])


def reject(regex):
    out.extend(["--reject", regex])


def cpu_list(cpus):
    """The kernel's %*pbl format: ranges joined by commas."""
    cpus, parts, i = sorted(cpus), [], 0
    while i < len(cpus):
        j = i
        while j + 1 < len(cpus) and cpus[j + 1] == cpus[j] + 1:
            j += 1
        parts.append(str(cpus[i]) if i == j else "%d-%d" % (cpus[i], cpus[j]))
        i = j + 1
    return ",".join(parts)


if level != 5:
    # Level 4: no CAT probe (reference 3.1, 5.2), no inventory
    expect(r"^# cat: none$")
    reject(r"Voyager CAT:")
    print("\n".join(out))
    sys.exit(0)

modules = {}        # id -> catinv line after "module ID "
extended = set()
for slot, card in enumerate(cards):
    if card == "empty":
        continue
    mid = 0x10 + slot if slot < 4 else 0x1C + slot - 4
    if card == "quad":
        cpus = [slot + slots * j for j in range(4)]   # reference 5.2
        asics = 4                                     # quad baseboard
        extended.add(slot)            # SET = 01h: quad CPU 0, first line
    else:
        cpus = [slot] if card == "mono" else [slot, slot + 4]
        asics = 1
        # 4-slot: both dyad CPUs (5.2); 8-slot: one VIC line per slot
        extended.update([slot, slot + 4] if slots == 4 else [slot])
    modules[mid] = "type processor asics %d card %s slot %d cpus %s" % (
        asics, card, slot, cpu_list(cpus))
    if card == "quad" and mid != fault:
        # QABC type register 03h; bytes 5-7 the CPI area FFF00000h +
        # slot * 1000h, byte 8 SET = 01h (voyager-cat.rst)
        expect(r"^# cat: raw %02x 03 01 03$" % mid)
        base = 0xFFF00000 + slot * 0x1000
        expect(r"^# cat: subaddr %02x 03 0005: %02x %02x %02x 01$" % (
            mid, base >> 24, (base >> 16) & 0xFF, (base >> 8) & 0xFF))
modules[0x14] = "type memory asics 3"
if mem > 2048:
    modules[0x15] = "type memory asics 3"
modules[0x18] = "type mca asics 1"
if slots == 8:
    modules[0x19] = "type mca asics 1"
modules[0x1A] = "type psi asics 1"

for mid, line in modules.items():
    if mid == fault:
        expect(r"Voyager CAT: module %02x \(.*\) does not answer" % mid)
        reject(r"^# cat: module %02x " % mid)
    else:
        expect(r"^# cat: module %02x %s$" % (mid, line))
if fault in modules and (fault < 0x14 or fault >= 0x1C):
    # a missing processor card's CPUs are not on the VIC list
    slot = fault & 3 if fault < 0x1C else fault & 7
    extended -= {slot, slot + 4}
count = len(modules) - (1 if fault in modules else 0)
expect(r"^# cat: modules %d extended %s$" % (count, cpu_list(extended)))
expect(r"Voyager CAT: .*probe took [0-9]+ us")
# PSI CAT ASIC type 06h, MMA type 05h, MMC register 4 plain storage,
# PSI "present" 03h, the MCA bridge's EPROM header: id 18h, submodule 0,
# version 01h, config id 30h
expect(r"^# cat: raw 1a 00 01 06$")
expect(r"^# cat: raw 14 02 01 05$")
expect(r"^# cat: raw 14 01 04 5a$")
expect(r"^# cat: subaddr 1a 00 8002: 03$")
expect(r"^# cat: subaddr 18 00 0000: 18 00 00 00 01 30 00 00$")
print("\n".join(out))
EOF
}

# cat_boot NAME MACHINE CPUS [boot.sh args]: boot with the catinv test and
# the derived expectations.
cat_boot() {
	local name=$1 machine=$2 cpus=$3 args=()
	shift 3
	mapfile -t args < <(cat_expect "$machine")
	boot "$name" --machine "$machine" --cpus "$cpus" --tests catinv,cpus \
		"${args[@]}" "$@"
}

# voyager-lscat on a hand-made inventory tree, and without one.
cat_lscat_check() {
	local d
	d=$(mktemp -d) || return 1
	mkdir -p "$d/module11" "$d/module1a"
	echo 2 >"$d/modules"
	echo 1,5,9,13 >"$d/extended_cpus"
	printf '%s\n' 0x11 processor quad 4 1 1,5,9,13 1 0x00561100 \
		'Processor Slot 1' | {
		for a in id type card asics slot cpus eprom_version tracer name; do
			read -r v
			echo "$v" >"$d/module11/$a"
		done
	}
	echo 0x1a >"$d/module1a/id"
	echo psi >"$d/module1a/type"
	echo 1 >"$d/module1a/asics"
	echo 'Power Supply Interface' >"$d/module1a/name"
	"$top/scripts/voyager-lscat" "$d" >"$d/out" || { rm -rf "$d"; return 1; }
	cat "$d/out"
	grep -Eq '^11 +processor +quad +4 +1 +1,5,9,13 +1 +0x00561100 +Processor Slot 1$' "$d/out" &&
		grep -Eq '^1a +psi +- +1 +- +- +- +- +Power Supply Interface$' "$d/out" &&
		grep -q '^2 modules' "$d/out" &&
		! "$top/scripts/voyager-lscat" "$d/absent" 2>/dev/null
	local rc=$?
	rm -rf "$d"
	return $rc
}

# cat_skipped_card_boot NAME GLOBAL WHY: slot 1's dyad module (11h) is
# broken by the -global GLOBAL but still answers: one line names it and
# WHY, never a false "does not answer"; its CPUs 1 and 5 stay parked,
# slot 0's two run the thread and CPI tests.
cat_skipped_card_boot() {
	boot "$1" --machine voyager,cards=dyad:dyad --cpus 2 \
		--qemu-arg -global --qemu-arg "$2" \
		--tests cpus,threads,cpis --end poweroff \
		--expect "module 11 \\(Processor Slot 1\\): $3" \
		--expect 'present CPUs 00000033 are not all on a card that answered \(00000011\)' \
		--allow 'Voyager SMP: CPU (1|5) is on no VIC line and no quad card: cannot start it$' \
		--reject 'does not answer on the CAT bus'
}

boot_cat_checks() {
	local trace=$BUILD/logs/boot-cat-l5-dyad-quad.log.qemu-stderr

	check cat-lscat cat_lscat_check
	cat_boot cat-l5-mono voyager,cards=mono 1
	# The inventory needs no SMP: quad layouts boot one CPU (nosmp), the
	# SMP matrix (boot-voyager.sh) starts their CPUs.
	cat_boot cat-l5-dyad-quad voyager,cards=dyad:quad 1 --append nosmp \
		--qemu-arg -trace --qemu-arg voyager_cat_reg_write
	# the raw write of catinv reached the emulated MMC register
	check cat-raw-write-traced grep -q \
		'voyager_cat_reg_write module 0x14 ASIC 1 reg 4 <- 0x5a' "$trace"
	cat_boot cat-l5-quad-dyad-mono voyager,cards=quad:dyad:mono 1 \
		--append nosmp
	# 8-slot numbering (5.2): quad CPUs slot + 8 * j, the second MCA
	cat_boot cat-l5-8slot \
		voyager,slots=8,cards=quad:empty:mono:empty:empty:quad 1 \
		--append nosmp
	cat_boot cat-l4-dyad voyager,level=4,cards=dyad 2
	# Module 11h (slot 1's dyad, CPUs 1 and 5) silent: of the present
	# CPUs 0, 1, 4, 5 only slot 0's 0 and 4 are on a card that answered.
	cat_boot cat-l5-fault voyager,cards=dyad:dyad,fault-cat-module=0x11 1 \
		--append nosmp \
		--expect 'present CPUs 00000033 are not all on a card that answered \(00000011\)'
	# A quad card's module (11h: slot 1, CPUs 1, 5, 9, 13) silent on an
	# SMP boot (audit §5): the kernel cannot tell that card's CPUs from
	# the CAT, names each one it leaves parked, and runs on slot 0's.
	cat_boot cat-l5-quad-silent-smp voyager,cards=dyad:quad,fault-cat-module=0x11 2 \
		--tests catinv,cpus,threads,cpis --end poweroff \
		--expect 'present CPUs 00002233 are not all on a card that answered \(00000011\)' \
		--allow 'Voyager SMP: CPU (1|5|9|13) is on no VIC line and no quad card: cannot start it$' \
		--expect 'Voyager SMP: CPU 13 is on no VIC line and no quad card: cannot start it'
	# Fidelity audit D9: every EPROM's tables from 1000h on, beyond the
	# first KiB a kernel once read; the quad card's four CPUs still start.
	cat_boot cat-l5-eprom-high voyager,cards=dyad:quad 6 \
		--qemu-arg -global --qemu-arg voyager-cat.eprom-table-offset=0x1000 \
		--tests catinv,cpus,threads,cpis --end poweroff \
		--reject 'bad EPROM'
	# Fidelity audit D10, connect-sticky=on: a disconnect written through
	# the chain does not take; the kernel keeps reaching the quad card
	# (its QABC at the probe) and the memory card (catinv's raw MMC
	# write) through their chains, and the quad CPUs start.
	cat_boot cat-l5-sticky voyager,cards=dyad:quad 6 \
		--qemu-arg -global --qemu-arg voyager-cat.connect-sticky=on \
		--tests catinv,cpus,threads,cpis --end poweroff \
		--expect 'module 11 \(Processor Slot 1\): scan path stays connected; reached through it from now on$' \
		--expect 'module 14 \(Memory Slot 0\): scan path stays connected; reached through it from now on$'
	# A processor card whose EPROM contradicts itself (test audit 5.3).
	cat_skipped_card_boot cat-l5-bad-eprom voyager-cat.fault-eprom=0x11 \
		'bad EPROM: ASIC count out of range \(1-7\); skipped$'
	# A processor card's CAT module that answers, but with noise (test
	# audit 5.2): what it said instead of the header.
	cat_skipped_card_boot cat-l5-garbage voyager-cat.fault-garbage=0x11 \
		'answers [0-9a-f]{2} instead of 7f to the presence probe, skipped$'
}
