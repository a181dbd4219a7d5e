# SPDX-License-Identifier: GPL-2.0
#
# make image (issue 17, part 3): build/voyager.img booted through the
# firmware, never -kernel.  The emulated Voyager's SeaBIOS reads the MBR,
# syslinux and the kernel from the SCSI disk behind the NCR 53C710 MCA
# adapter with int 13h (its driver, patches/seabios); syslinux runs the
# kernel's real-mode setup, which asks int 15h AX=FFC0h for the Voyager's
# table; the root is partition 2; the NE/2 network card takes an address
# and reaches the gateway.  On a Level 4 box (3360, 486, one dyad)
# and on the default Level 5 (3450, Pentium), each to a shell and a
# power-off that leaves the ext4 clean.  Each boot starts from a
# syslinux "boot once" command, which syslinux clears by writing its ADV
# back to the disk with int 13h: the firmware's write path.  Then make image's
# bad input: too small, no kernel, no userland, one line each.  Sourced
# by check.sh.

IMAGE=$BUILD/voyager.img
IMAGE_KERNEL_FILE=$BUILD/linux-mca/arch/x86/boot/bzImage

# image_part IMG N FIELD: partition N's first sector (FIELD first) or
# sector count (count), from IMG's MBR.
image_part() {
	local skip=$((446 + 16 * ($2 - 1) + 8))
	[ "$3" = count ] && skip=$((skip + 4))
	od -An -tu4 -j "$skip" -N4 "$1" | tr -d ' '
}

# image_fat_file IMG FILE: FILE of partition 1 of IMG to stdout (mtools).
image_fat_file() {
	mtype -i "$1@@$(($(image_part "$1" 1 first) * 512))" "::$2"
}

# image_session NAME MACHINE IMG [EXTRA-ARG]: boot IMG through the
# firmware (scripts/run.sh, RUN_BOOT=firmware) on MACHINE and run the
# shell script below.  EXTRA-ARG: what syslinux's once-command added to
# the kernel command line.  Every expected output follows from what the
# command must print, not from a run; the comments say how.
image_session() {
	local name=$1 machine=$2 img=$3 extra=${4:-} s=() class level cpu_re sum cfg append
	case $machine in
	*level=4*) class=3360 level=4 cpu_re='^i486$' ;;
	*) class=3450 level=5 cpu_re='^i586$' ;;
	esac
	sum=$(sha256sum <"$IMAGE_KERNEL_FILE" | cut -d' ' -f1)
	# The command line: syslinux puts BOOT_IMAGE=<the LINUX file> first
	# (a -kernel boot has none), then syslinux.cfg's APPEND line as
	# build-image.sh writes it, then what the once-command added.
	cfg=$(image_fat_file "$img" syslinux.cfg) || return 1
	append=$(sed -n 's/^ *APPEND //p' <<<"$cfg")
	[ -n "$append" ] || { echo "no APPEND line in syslinux.cfg"; return 1; }
	# Linux names the machine after the CPU family: i486 on the 486,
	# i586 on the Pentium.
	s+=(--send 'uname -m' --expect "$cpu_re")
	s+=(--send 'cat /proc/cmdline'
		--expect "^BOOT_IMAGE=/bzImage $(sed 's/[.*+?()|[\\^$]/\\&/g' <<<"$append")${extra:+ $extra}\$")
	# The setup code's int 15h FFC0h answer: the class and level the
	# machine was given (voyager.c: 3360 for level=4, 3450 by default).
	s+=(--send "dmesg | grep -c 'Voyager: NCR class $class, Level $level '"
		--expect '^1$')
	# Root on partition 2 of the first SCSI disk: block major 8 (sd),
	# minor 2 (sda2), ext4, read-write (the APPEND line's rw).
	s+=(--send "dmesg | grep 'VFS: Mounted root'"
		--expect 'VFS: Mounted root \(ext4 filesystem\) on device 8:2\.')
	s+=(--send "mount | grep ' on / '" --expect '^/dev/root on / type ext4 \(rw[,)]')
	# Partition 1 as the running system sees it: FAT, the kernel syslinux
	# loaded is the one build/linux-mca built.
	s+=(--send 'mount -t vfat -o ro /dev/sda1 /mnt && sha256sum /mnt/bzImage && umount /mnt'
		--expect "^$sum  /mnt/bzImage\$")
	# Something written to the root, to be found clean on the host.
	s+=(--send 'echo voyager-image >/root/written && cat /root/written'
		--expect '^voyager-image$')
	# The network card of make run (the NE/2 on QEMU's user network):
	# the image's kernel finds it and reaches the gateway
	# (tests/net-ne2.sh).
	s+=(--send "dmesg | grep -c 'eth0: Novell Ethernet Adapter NE/2 at 0x1000, IRQ 5'"
		--expect '^1$')
	net_dhcp_ping_steps
	RUN_BOOT=firmware RUN_MACHINE=$machine RUN_DISK=$img \
		python3 "$top/tests/run-shell.py" --log "$BUILD/logs/$name.log" \
		--timeout "$(scaled 300)" --end 'busybox poweroff' "${s[@]}"
}

# image_console NAME: the console of that boot shows syslinux (its
# banner names the version of Debian's syslinux package) loading the
# kernel ("Loading /bzImage... ok") before Linux starts.
image_console() {
	local log=$BUILD/logs/$1.log ver
	ver=$(dpkg-query -W -f='${Version}' syslinux)
	ver=${ver#*:}
	ver=${ver%%[~+-]*}
	tr -d '\r' <"$log" | grep -a -m1 -e '^SYSLINUX ' -e '^Loading '
	grep -aq "^SYSLINUX ${ver//./\\.} " <(tr -d '\r' <"$log") &&
		awk '/^Loading \/bzImage\.\.\. *ok/ { l = NR } /Linux version 6\.12\./ { if (l) ok = 1; exit }
			END { exit !ok }' <(tr -d '\r' <"$log")
}

# image_root_clean IMG [FILE TEXT]: partition 2 of IMG is ext4 left as an
# orderly end leaves it (clean, no journal to replay, e2fsck finds
# nothing), holding FILE with TEXT.
image_root_clean() {
	local img=$1 part hdr rc=0 got
	part=$(mktemp)
	dd if="$img" of="$part" bs=512 skip="$(image_part "$img" 2 first)" \
		count="$(image_part "$img" 2 count)" status=none || { rm -f "$part"; return 1; }
	hdr=$(dumpe2fs -h "$part" 2>/dev/null)
	grep -E '^Filesystem (state|features):' <<<"$hdr"
	grep -qE '^Filesystem state: +clean$' <<<"$hdr" &&
		! grep -E '^Filesystem features:' <<<"$hdr" | grep -qw needs_recovery || rc=1
	e2fsck -fn "$part" || rc=1
	if [ $# -ge 3 ]; then
		got=$(debugfs -R "cat $2" "$part" 2>/dev/null)
		echo "$2: \"$got\""
		[ "$got" = "$3" ] || rc=1
	fi
	rm -f "$part"
	return $rc
}

# image_adv IMG [CMD]: syslinux's ADV on partition 1 of IMG, the two
# copies of a 512-byte block at the end of ldlinux.sys (magic words
# 5A2D2FA5h at its start, DD28BF64h at its end, the dwords from byte 4 on
# summing to A3041767h).  Prints its "boot once" command (tag 1) or
# nothing; with CMD, writes CMD there first, as `extlinux --once` would
# (syslinux's mtools installer has no --once).  At boot, syslinux runs
# that command instead of its default and clears it by writing the ADV
# back to the disk with int 13h.
image_adv() {
	python3 - "$1" "$(($(image_part "$1" 1 first) * 512))" \
		"$(($(image_part "$1" 1 count) * 512))" "${2-}" "$#" <<'EOP'
import struct, sys
path, off, size, cmd, set_it = sys.argv[1], int(sys.argv[2]), \
    int(sys.argv[3]), sys.argv[4].encode(), sys.argv[5] == "2"
M1, M2, M3 = 0x5A2D2FA5, 0xA3041767, 0xDD28BF64
with open(path, "r+b") as f:
    f.seek(off)
    part = f.read(size)
    found = [s for s in range(0, size - 1023, 512)
             if struct.unpack_from("<I", part, s)[0] == M1
             and struct.unpack_from("<I", part, s + 508)[0] == M3
             and sum(struct.unpack_from("<125I", part, s + 4)) % 2**32 == M2
             and part[s:s + 512] == part[s + 512:s + 1024]]
    if len(found) != 1:
        sys.exit(f"image_adv: {len(found)} ADVs found, not 1")
    at = found[0]
    if set_it:
        body = bytes([1, len(cmd)]) + cmd + bytes([0])
        body += bytes(500 - len(body))
        csum = (M2 - sum(struct.unpack("<125I", body))) % 2**32
        adv = struct.pack("<II", M1, csum) + body + struct.pack("<I", M3)
        f.seek(off + at)
        f.write(adv + adv)
        part = part[:at] + adv + adv + part[at + 1024:]
    i, adv = 8, part[at:at + 512]
    while i < 508 and adv[i] != 0:
        tag, n = adv[i], adv[i + 1]
        if tag == 1:
            print(adv[i + 2:i + 2 + n].decode())
        i += 2 + n
EOP
}

# image_once_set IMG CMD: CMD is IMG's boot-once command;
# image_once_cleared IMG: it has none (any more).
image_once_set() {
	local got
	got=$(image_adv "$1" "$2") || return 1
	echo "boot once: \"$got\""
	[ "$got" = "$2" ]
}
image_once_cleared() {
	local got
	got=$(image_adv "$1") || return 1
	echo "boot once: \"$got\""
	[ -z "$got" ]
}

# image_bad EXPECT-REGEX ENV...: scripts/build-image.sh with ENV fails
# with exactly one line, an ERROR matching EXPECT-REGEX (kept in
# ONE_LINE_ERROR_OUT).
image_bad() {
	local regex=$1
	shift
	one_line_error "$regex" env "$@" "$top/scripts/build-image.sh"
}

# image_too_small: IMAGE_MB=2 (less than the MBR's MiB and a boot
# partition of at least 2) is refused with the size that would do; that
# size makes an image of that size, and one MiB less is refused again
# with the same size: it is the least that fits.
image_too_small() {
	local tmp n rc=0
	tmp=$(mktemp -d)
	image_bad 'image too small: needs [0-9]+ MiB \(IMAGE_MB=2;' \
		IMAGE_MB=2 IMAGE_OUT="$tmp/small.img" || rc=1
	n=$(sed -n 's/.*image too small: needs \([0-9]*\) MiB.*/\1/p' <<<"$ONE_LINE_ERROR_OUT")
	if [ $rc = 0 ] && [ -n "$n" ] && [ "$n" -gt 2 ]; then
		IMAGE_MB=$n IMAGE_OUT="$tmp/small.img" "$top/scripts/build-image.sh" || rc=1
		[ "$(stat -c %s "$tmp/small.img" 2>/dev/null)" = $((n * 1048576)) ] ||
			{ echo "no $n MiB image"; rc=1; }
		image_bad "image too small: needs $n MiB \\(IMAGE_MB=$((n - 1));" \
			IMAGE_MB=$((n - 1)) IMAGE_OUT="$tmp/smaller.img" || rc=1
	else
		echo "no size above 2 MiB in the error"
		rc=1
	fi
	rm -rf "$tmp"
	return $rc
}

# image_no_kernel, image_no_userland: a build directory without the
# kernel, and one with the kernel but no userland.
image_no_kernel() {
	local tmp rc=0
	tmp=$(mktemp -d)
	image_bad "no kernel $tmp/linux-mca/arch/x86/boot/bzImage: run 'make kernel-mca'" \
		BUILD="$tmp" || rc=1
	rm -rf "$tmp"
	return $rc
}
image_no_userland() {
	local tmp rc=0
	tmp=$(mktemp -d)
	mkdir -p "$tmp/linux-mca/arch/x86/boot"
	ln -s "$IMAGE_KERNEL_FILE" "$tmp/linux-mca/arch/x86/boot/bzImage"
	image_bad "no userland $tmp/userland/initramfs.list: run 'make initramfs'" \
		BUILD="$tmp" || rc=1
	rm -rf "$tmp"
	return $rc
}

# The Pentium kernel's fragment configures and passes the audit
# (build-kernel.sh -p: configure only; make image IMAGE_KERNEL=pentium
# builds it).
image_pentium_config() {
	"$top/scripts/build-kernel.sh" -p -v realpentium -f "$top/configs/mca.config" \
		-f "$top/configs/selftests.config" -f "$top/configs/real-486.config" \
		-f "$top/configs/real-pentium.config" &&
		grep -x 'CONFIG_M586TSC=y' "$BUILD/linux-realpentium/.config" &&
		! grep -q '^CONFIG_X86_CMOV=y' "$BUILD/linux-realpentium/.config"
}

image_checks() {
	local img
	# Level 4: a 3360 with its 486s.  The boot-once command adds
	# voyager_l4_poweroff: a Level 4 kernel halts at power-off unless
	# told to use the power-off bit, which the emulator honours.
	img=$BUILD/image-l4.img
	cp "$IMAGE" "$img"
	check image-boot-l4-once-set image_once_set "$img" "voyager voyager_l4_poweroff"
	check image-boot-l4 image_session image-boot-l4 voyager,level=4,cards=dyad "$img" \
		voyager_l4_poweroff
	check image-boot-l4-console image_console image-boot-l4
	check image-boot-l4-clean image_root_clean "$img" /root/written voyager-image
	check image-boot-l4-once-cleared image_once_cleared "$img"
	# Level 5: the default machine, its Pentiums, with every 8259
	# level-sensitive from reset (dyad-trigger=level, fidelity audit D7):
	# the firmware, syslinux and the kernel as on an MCA machine.
	img=$BUILD/image-l5.img
	cp "$IMAGE" "$img"
	check image-boot-l5-once-set image_once_set "$img" "voyager voyager_once=1"
	RUN_QEMU_ARGS='-global voyager-vic.dyad-trigger=level' \
		check image-boot-l5 image_session image-boot-l5 voyager "$img" voyager_once=1
	check image-boot-l5-console image_console image-boot-l5
	check image-boot-l5-clean image_root_clean "$img" /root/written voyager-image
	check image-boot-l5-once-cleared image_once_cleared "$img"
	rm -f "$BUILD/image-l4.img" "$BUILD/image-l5.img"
	check image-too-small image_too_small
	check image-no-kernel image_no_kernel
	check image-no-userland image_no_userland
	check image-pentium-config image_pentium_config
}
