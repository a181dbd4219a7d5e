# SPDX-License-Identifier: GPL-2.0
#
# The network card (check group net): `make run`'s own path
# (scripts/run.sh: root on the SCSI disk, the MCA kernel, the i486
# busybox) with its default network, a Novell NE/2 on QEMU's user-mode
# network.  On a Level 4 box (486) and a Level 5 box (Pentium) the guest
# takes an address by DHCP, pings the user-mode gateway, and fetches over
# TCP a file that the host serves (10.0.2.2 is the host's 127.0.0.1);
# the card interrupted, and its name and settings are in sysfs.  Bad POS
# data on the card is refused with one line and the rest of the boot
# goes on.  Sourced by tests/check.sh.

# The slirp network's fixed plan (QEMU's user networking): the guest's
# first DHCP lease, the netmask, the gateway that is also the host.
NET_GUEST=10.0.2.15
NET_MASK=255.255.255.0
NET_HOST=10.0.2.2

# serve_dir DIR PORTFILE: an HTTP server on 127.0.0.1 for DIR, on a free
# port that it writes to PORTFILE; runs until killed (exec: the caller's
# $! is the server itself, so killing it leaves no server behind).
serve_dir() {
	exec python3 - "$1" "$2" <<'EOF'
import functools, http.server, os, sys
directory, portfile = sys.argv[1], sys.argv[2]
handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                            directory=directory)
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
with open(portfile + ".new", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(portfile + ".new", portfile)
srv.serve_forever()
EOF
}

# net_dhcp_ping_steps: append to the caller's run-shell.py steps (its
# array s) DHCP on eth0, the address it gave, three pings to the gateway.
net_dhcp_ping_steps() {
	# DHCP: udhcpc runs scripts/udhcpc.script, which reports the lease.
	s+=(--send 'udhcpc -i eth0 -n -q -t 5 2>/dev/null | grep "^udhcpc: eth0 is"'
		--expect "^udhcpc: eth0 is ${NET_GUEST//./\\.}/${NET_MASK//./\\.}, router ${NET_HOST//./\\.}\$")
	s+=(--send 'ip -4 addr show dev eth0 | grep -o "inet [0-9./]*"'
		--expect "^inet ${NET_GUEST//./\\.}/24\$")
	s+=(--send "ping -c 3 -W 5 $NET_HOST | grep 'packets transmitted'"
		--expect '^3 packets transmitted, 3 packets received, 0% packet loss$')
}

# net_session NAME MACHINE: one make run session that uses the network.
net_session() {
	local name=$1 machine=$2 img dir port token sum rc pid s=()
	img=$BUILD/$name.img
	cp "$BUILD/rootfs-template.img" "$img" || return 1
	dir=$(mktemp -d)
	# What the guest must fetch: a random token, and 192 KiB of random
	# data (more than the card's 16 KiB ring many times over) whose
	# SHA-256 the host computes.
	token=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	echo "$token" >"$dir/token"
	head -c 196608 /dev/urandom >"$dir/blob"
	sum=$(sha256sum "$dir/blob" | cut -d' ' -f1)
	serve_dir "$dir" "$dir/port" &
	pid=$!
	for _ in $(seq 50); do
		[ -s "$dir/port" ] && break
		sleep 0.1
	done
	port=$(cat "$dir/port" 2>/dev/null)
	if [ -z "$port" ]; then
		kill "$pid" 2>/dev/null
		rm -rf "$dir"
		echo "the host's HTTP server did not start"
		return 1
	fi

	# The card, found on the bus and named by its driver.
	s+=(--send 'cat /sys/class/net/eth0/device/name'
		--expect '^Novell Ethernet Adapter NE/2$')
	s+=(--send "dmesg | grep -c 'eth0: Novell Ethernet Adapter NE/2 at 0x1000, IRQ 5, MAC 52:54:00:12:34:56'"
		--expect '^1$')
	net_dhcp_ping_steps
	s+=(--send "wget -q -T 20 -O - http://$NET_HOST:$port/token"
		--expect "^$token\$")
	s+=(--send "wget -q -T 60 -O /root/blob http://$NET_HOST:$port/blob; sha256sum /root/blob"
		--expect "^$sum  /root/blob\$")
	# The card's interrupt was taken (a sum over every CPU's column).
	s+=(--send "awk '/ne2_mca/ { for (i = 2; i <= NF && \$i ~ /^[0-9]+\$/; i++) n += \$i } END { print (n > 0) }' /proc/interrupts"
		--expect '^1$')
	rc=0
	RUN_MACHINE=$machine RUN_DISK=$img \
		RUN_NET="-nic user,model=ne2,mac=52:54:00:12:34:56" \
		python3 "$top/tests/run-shell.py" --log "$BUILD/logs/$name.log" \
		--timeout "$(scaled 300)" --end 'busybox poweroff' "${s[@]}" || rc=$?
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rm -rf "$dir" "$img"
	return "$rc"
}

# net_bad_pos NAME POS2 MESSAGE: the NE/2 with POS2 forced to POS2 at
# power-on; the kernel says MESSAGE (an ERE), makes no eth0, and the
# shell comes up.
net_bad_pos() {
	local name=$1 pos2=$2 msg=$3 img rc=0 s=()
	img=$BUILD/$name.img
	cp "$BUILD/rootfs-template.img" "$img" || return 1
	s+=(--send "dmesg | grep -cE 'ne2_mca 00:01: $msg'" --expect '^1$')
	s+=(--send 'ls /sys/class/net | tr "\n" " "; echo' --expect '^lo $')
	s+=(--send 'cat /sys/bus/mca/devices/00:01/id' --expect '^0x7154$')
	RUN_MACHINE=voyager RUN_DISK=$img \
		RUN_NET="-netdev user,id=n0 -device ne2-mca,netdev=n0,fault-pos=2=$pos2" \
		python3 "$top/tests/run-shell.py" --log "$BUILD/logs/$name.log" \
		--timeout "$(scaled 300)" --end 'busybox poweroff' "${s[@]}" || rc=$?
	rm -f "$img"
	return "$rc"
}

net_checks() {
	check run-net-l4 net_session run-net-l4 voyager,level=4,cards=dyad
	check run-net-l5 net_session run-net-l5 voyager
	# POS2 61h: enabled, IRQ 9, base index 0 (no base); 6Eh: base index
	# 7 (C3D0h), but bit 0 clear: the card is disabled.
	check run-net-bad-pos-base net_bad_pos run-net-bad-pos-base 61 \
		'POS2 0x61 selects no I/O base'
	check run-net-bad-pos-disabled net_bad_pos run-net-bad-pos-disabled 6e \
		'disabled \(POS2 0x6e\)'
}
