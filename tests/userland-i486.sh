# SPDX-License-Identifier: GPL-2.0
#
# make run's i486 userland (issue 17): busybox on musl, built from
# Debian's source packages by scripts/build-userland-i486.sh.  The shell
# on the emulated Level 4 Voyager with -cpu 486, through make run's own
# path (scripts/run.sh, root on the SCSI disk), a script of commands and
# what each must print; the disk clean afterwards on the host; and a
# busybox configuration line the source does not know, which must stop
# the build with one line naming it.  Sourced by check.sh.

# The applets make run's userland must have (the issue's list, and what
# the test programs use: scsidisk's mke2fs, the selftests' shell).
I486_APPLETS=(sh ash ls cat echo cp mv rm mkdir ln chmod sync sleep dd
	head tail grep sed awk sort wc uname dmesg mount umount fsck fsck.minix
	mkfs.minix mke2fs ip ifconfig ping wget udhcpc vi poweroff reboot halt
	ps kill free top)

# i486_shell_session NAME IMG: one make run session on a 3360 (Level 4,
# one dyad card), root on IMG, the CPU model run.sh picks for Level 4.
# Every expected output follows from what the command must print, not
# from a run; the comments say how.
i486_shell_session() {
	local name=$1 img=$2 applets s=()
	applets=$(IFS='|'; echo "${I486_APPLETS[*]}")
	# Linux names the machine i<family>86: family 4 on a 486; both CPUs
	# of the dyad are 486s, and neither has CMOV.
	s+=(--send 'uname -m' --expect '^i486$')
	s+=(--send "grep -c '^cpu family.*: 4\$' /proc/cpuinfo; grep -cw cmov /proc/cpuinfo"
		--expect '^2\n0$')
	# Sums per key, sorted: apple 1+4, fig 2, pear 3.
	s+=(--send "printf 'pear 3\\napple 1\\nfig 2\\napple 4\\n' | awk '{ n[\$1] += \$2 } END { for (k in n) print k, n[k] }' | sort | sed 's/ /=/' | tr '\\n' ' '; echo"
		--expect '^apple=5 fig=2 pear=3 $')
	# 1..100 with a 7 in them: 7 17 27 37 47 57 67 87 97 and 70..79.
	s+=(--send 'seq 1 100 | grep 7 | wc -l' --expect '^ *19$')
	# The x87 through musl's libm: pi to three places; 2^10.
	s+=(--send "awk 'BEGIN { printf \"%.3f %d\\n\", atan2(0, -1), 2^10 }'"
		--expect '^3\.142 1024$')
	# The root: partition 1 of the SCSI disk, ext4, read-write.
	s+=(--send "mount | grep ' on / '" --expect '^/dev/root on / type ext4 \(rw[,)]')
	s+=(--send 'mount -t proc' --expect '^proc on /proc type proc \(rw[,)]')
	# Files on the root disk: a; b, a copy, renamed c; d, a link to c.
	# "voyager-486\n" is 12 bytes; mode 600 is -rw-------.
	s+=(--send 'mkdir -p /root/t && cd /root/t && echo voyager-486 >a && cp a b && mv b c && ln -s c d && chmod 600 c && ls | tr "\n" " "; echo'
		--expect '^a c d $')
	s+=(--send 'cat d; wc -c <c; ls -l c | cut -c1-10'
		--expect '^voyager-486\n *12\n-rw-------$')
	s+=(--send 'dd if=/dev/zero bs=1024 count=64 2>/dev/null | wc -c; seq 1 10 | head -n 3 | tail -n 1'
		--expect '^ *65536\n3$')
	# Every applet of the list, once each in busybox's own list.
	s+=(--send "busybox --list | grep -cxE '($applets)'"
		--expect "^${#I486_APPLETS[@]}\$")
	s+=(--send 'command -v vi' --expect '^/bin/vi$')
	# The loopback: up, the kernel gives it 127.0.0.1/8; one echo
	# answered; nothing listens on port 1, so wget is refused (status 1).
	s+=(--send 'ifconfig lo up && ip addr show dev lo'
		--expect 'inet 127\.0\.0\.1/8 scope host lo')
	s+=(--send 'ifconfig lo' --expect 'inet addr:127\.0\.0\.1 +Mask:255\.0\.0\.0')
	s+=(--send 'ping -c1 127.0.0.1'
		--expect '^1 packets transmitted, 1 packets received, 0% packet loss$')
	s+=(--send 'wget -O- http://127.0.0.1:1/; echo rc=$?'
		--expect "^wget: can't connect to remote host \\(127\\.0\\.0\\.1\\): Connection refused\\nrc=1$")
	# fsck: a new minix file system is clean (0), through the fsck
	# driver and forced; without its superblock (block 1) fsck.minix
	# stops, status 8.
	s+=(--send 'dd if=/dev/zero of=m.img bs=1024 count=360 2>/dev/null && mkfs.minix m.img >/dev/null && fsck -t minix m.img >/dev/null; echo rc=$?'
		--expect '^rc=0$')
	s+=(--send 'fsck.minix -f m.img; echo rc=$?'
		--expect '^Forcing filesystem check on m\.img\nrc=0$')
	s+=(--send 'dd if=/dev/zero of=m.img bs=1024 seek=1 count=1 conv=notrunc 2>/dev/null; fsck.minix m.img; echo rc=$?'
		--expect '^fsck\.minix: bad magic number in superblock\nrc=8$')
	# 64-bit division on the 486 (userland/i486rt.c, through ash's
	# arithmetic); the host's shell, on its own 64-bit CPU, says what
	# it must be.
	local div='$(( 0x123456789abcdef / 12345 )) $(( -9000000000000000000 % 7 )) $(( -9000000000000000000 / -7 )) $(( 0xfedcba9876543210 / 0x123456789 ))'
	s+=(--send "echo $div" --expect "^$(eval "echo $div")\$")
	# Processes: SIGTERM ends sleep, status 128 + 15; PID 1 is /init.
	# A second first: the interactive shell ignores SIGTERM, and its
	# child does so until it has set up after fork; a kill in that
	# window was lost on a loaded host (the sleep ran its 60 s, rc=0).
	s+=(--send 'sleep 60 & p=$!; sleep 1; kill $p; wait $p; echo rc=$?' --expect '^rc=143$')
	s+=(--send "ps | awk '\$1 == 1 { print \$NF }'" --expect '^/init$')
	s+=(--send "free | awk '\$1 == \"Mem:\" { print (\$2 > 0) }'" --expect '^1$')
	s+=(--send "dmesg | grep -c 'Linux version 6\\.12\\.'" --expect '^1$')
	# Then busybox's own poweroff (SIGUSR2 to init): a clean end.
	RUN_MACHINE=voyager,level=4,cards=dyad RUN_DISK=$img \
		python3 "$top/tests/run-shell.py" --log "$BUILD/logs/$name.log" \
		--timeout "$(scaled 300)" --end 'busybox poweroff' "${s[@]}"
}

# i486_bad_config: a configs/busybox.config line that busybox does not
# have stops the build with one line naming it.  In a scratch build
# directory that borrows the sources and the built musl, so the real
# busybox is left alone.
i486_bad_config() {
	local tmp rc=0
	tmp=$(mktemp -d)
	mkdir -p "$tmp/src" "$tmp/userland-i486" "$tmp/cfg/configs"
	for p in musl-apt musl-debian busybox-apt busybox-debian; do
		ln -s "$BUILD/src/$p" "$tmp/src/$p"
	done
	ln -s "$BUILD/linux-src" "$tmp/linux-src"
	ln -s "$BUILD/userland-i486/musl" "$tmp/userland-i486/musl"
	{ cat "$top/configs/busybox.config"; echo CONFIG_NO_SUCH_APPLET=y; } \
		>"$tmp/cfg/configs/busybox.config"
	# The note that the build starts, then the one line of the error.
	one_line_error -n '^\[voyager\] building busybox' \
		'busybox .* has no CONFIG_NO_SUCH_APPLET=y \(' \
		env BUILD="$tmp" BUSYBOX_CONFIG="$tmp/cfg/configs/busybox.config" \
		"$top/scripts/build-userland-i486.sh" || rc=1
	rm -rf "$tmp"
	return $rc
}

# i486_divide: userland/i486rt.c, built for the host with its functions
# renamed, agrees with the host's own 64-bit division
# (tests/i486rt-test.c).
i486_divide() {
	local f d=() exe=$BUILD/userland-i486/i486rt-test
	for f in udivmoddi4 divmoddi4 udivdi3 umoddi3 divdi3 moddi3; do
		d+=("-D__$f=t_$f")
	done
	gcc -O2 -Wall -Wextra -Werror "${d[@]}" -o "$exe" \
		"$top/tests/i486rt-test.c" "$top/userland/i486rt.c" && "$exe"
}

# part_unmounted_clean IMG: the ext4 of partition 1 of IMG was left as
# an orderly end leaves it: state clean, and no journal to replay.
part_unmounted_clean() {
	local part hdr
	part=$(mktemp)
	dd if="$1" of="$part" bs=512 skip=2048 status=none || { rm -f "$part"; return 1; }
	hdr=$(dumpe2fs -h "$part" 2>/dev/null)
	rm -f "$part"
	grep -E '^Filesystem (state|features):' <<<"$hdr"
	grep -qE '^Filesystem state: +clean$' <<<"$hdr" &&
		! grep -E '^Filesystem features:' <<<"$hdr" | grep -qw needs_recovery
}

userland_i486_checks() {
	local name=run-i486-shell-l4 img
	img=$BUILD/$name.img
	check userland-i486-divide i486_divide
	check userland-i486-bad-config i486_bad_config
	cp "$BUILD/rootfs-template.img" "$img"
	check "$name" i486_shell_session "$name" "$img"
	# busybox poweroff left the root clean, with the file written.
	check "$name-clean" part_unmounted_clean "$img"
	check "$name-fsck" part_file_ok "$img" /root/t/a voyager-486
}
