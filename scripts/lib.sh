# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for the project's shell scripts.  Sourced, not run.

: "${top:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
BUILD=${BUILD:-$top/build}

note() { printf '[voyager] %s\n' "$*" >&2; }
die() { printf '[voyager] ERROR: %s\n' "$*" >&2; exit 1; }

# minutes SECONDS: SECONDS as minutes, to one decimal.
minutes() { awk -v s="$1" 'BEGIN { printf "%.1f", s / 60 }'; }

# insns_a_486_lacks ELF: print (up to 5 lines, "function instruction") the
# instructions in ELF that a 486 does not have: P6 CMOV/FCMOV/FCOMI and
# long NOPs, Pentium RDTSC/CMPXCHG8B, MMX and SSE (their registers), the
# fast system calls, CET's ENDBR32.  On a real 486 each is an invalid
# opcode; QEMU's TCG decodes some of them whatever the CPU model says.
insns_a_486_lacks() {
	objdump -d --no-show-raw-insn "$1" | awk '
		/^[0-9a-f]+ <.*>:$/ { fn = $2 }
		/^ *[0-9a-f]+:\t/ {
			split($0, f, "\t"); insn = f[2]
			if (insn ~ /^(cmov|fcmov|fu?comip?[ \t]|rdtsc|rdpmc|cmpxchg8b|sysenter|sysexit|prefetch|[lms]fence|endbr|(cs )?nop[wl])/ ||
			    insn ~ /%x?mm[0-9]/) print fn " " insn
		}' | head -n 5
}

# rootfs_tree LIST TREE: make TREE (emptied first) the root file system the
# initramfs list LIST describes, for mke2fs -d (build-rootfs.sh for make
# run's disk, build-image.sh for build/voyager.img): its "dir", "file" and
# "slink" entries, and the mount points the shell's root needs; device
# nodes come from devtmpfs (CONFIG_DEVTMPFS_MOUNT).
rootfs_tree() {
	local list=$1 tree=$2 kind dest src mode
	rm -rf "$tree"
	mkdir -p "$tree"/{dev,proc,sys,tmp,mnt,root}
	chmod 1777 "$tree/tmp"
	while read -r kind dest src mode _; do
		case $kind in
		dir) mkdir -p "$tree$dest" && chmod "$mode" "$tree$dest" ;;
		file) install -D -m "$mode" "$src" "$tree$dest" ;;
		slink) ln -sfn "$src" "$tree$dest" ;;
		nod) ;;
		*) die "$list: unknown entry \"$kind\"" ;;
		esac
	done <"$list"
}

# Pristine Debian QEMU source as unpacked by `apt-get source qemu`.
qemu_orig_dir() { echo "$BUILD/src/qemu-debian"; }

# The configure options every QEMU build of the project shares (the
# ordinary one, scripts/build-qemu.sh; the fuzzing one, scripts/fuzz.sh),
# in QEMU_CFG_ARGS, and the environment its configure needs.  Debian's
# python3 (its meson, pycotap and Sphinx), not another python3 on the
# PATH; the Python package qemu.qmp from build/src/python (deps.sh); no
# blobs: Debian's source package has none (its firmware packages do).
# slirp is the one optional feature: -nic user for the network card.
qemu_configure_setup() {
	local qmp_py
	QEMU_CFG_ARGS=(--python=/usr/bin/python3 --target-list=i386-softmmu
		--without-default-features --without-default-devices
		--with-devices-i386=voyager --disable-install-blobs
		--enable-fdt=system --enable-slirp --enable-kvm --disable-werror)
	qmp_py=$(ls -d "$BUILD"/src/python/python3-qemu-qmp/root/usr/lib/python3/dist-packages 2>/dev/null || true)
	[ -n "$qmp_py" ] || die "no python3-qemu-qmp in build/src/python: run scripts/deps.sh"
	export PYTHONPATH=$qmp_py${PYTHONPATH:+:$PYTHONPATH}
}

# The newest linux-source-6.12 tarball the package installed.
linux_tarball() {
	ls -1 /usr/src/linux-source-6.12.tar.* 2>/dev/null | sort | tail -n 1
}

linux_package_version() {
	dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null
}

# Timeouts scale with VOYAGER_TIMEOUT_SCALE (e.g. 3 on a slow machine).
scaled() {
	local scale=${VOYAGER_TIMEOUT_SCALE:-1}
	awk -v t="$1" -v s="$scale" 'BEGIN { printf "%d\n", t * s + 0.5 }'
}

# Use ccache when present; never depend on it.  Its cache lives outside
# the repository so a fresh clone on the same machine reuses it.  Sets
# CCACHE (empty without ccache) in the calling shell.
setup_ccache() {
	CCACHE=
	if command -v ccache >/dev/null 2>&1 && [ "${VOYAGER_NO_CCACHE:-0}" != 1 ]; then
		export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/voyager-ccache}
		export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
		# Paths below the build directory are hashed relative to it, so
		# fresh clones in other directories share hits.
		export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$BUILD}
		export CCACHE_NOHASHDIR=1
		CCACHE=ccache
	fi
}

# apt_entries: every enabled apt source as one line "TYPE [OPTS ]URI SUITE
# COMPONENTS", from both the one-line and the deb822 format.
apt_entries() {
	grep -hsE '^[[:space:]]*deb(-src)?[[:space:]]' /etc/apt/sources.list \
		/etc/apt/sources.list.d/*.list | sed -E 's/^[[:space:]]*//' || true
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '
		function flush() {
			if (uris != "" && suites != "" && enabled != "no") {
				t = split(types, ty, " ")
				n = split(uris, u, " "); m = split(suites, s, " ")
				for (k = 1; k <= t; k++) for (i = 1; i <= n; i++)
					for (j = 1; j <= m; j++)
						printf "%s %s%s %s %s\n", ty[k], opts, u[i], s[j], comps
			}
			types = uris = suites = comps = opts = enabled = ""
		}
		/^[[:space:]]*$/ { flush(); next }
		/^#/ { next }
		/^Types:/ { sub(/^Types:[[:space:]]*/, ""); types = $0 }
		/^URIs:/ { sub(/^URIs:[[:space:]]*/, ""); uris = $0 }
		/^Suites:/ { sub(/^Suites:[[:space:]]*/, ""); suites = $0 }
		/^Components:/ { sub(/^Components:[[:space:]]*/, ""); comps = $0 }
		/^Enabled:/ { sub(/^Enabled:[[:space:]]*/, ""); enabled = $0 }
		/^Signed-By:/ { sub(/^Signed-By:[[:space:]]*/, "");
			opts = "[signed-by=" $0 "] " }
		END { flush() }' "$f"
	done
}

# debian_mirror: "[OPTS ]URI" of the machine's Debian archive (the first
# deb entry of Debian's main archive, not its security archive).
debian_mirror() {
	apt_entries | awk '$1 == "deb" {
		opts = ""; i = 2
		if ($2 ~ /^\[/) { while ($i !~ /\]$/) { opts = opts $i " "; i++ }
			opts = opts $i " "; i++ }
		if ($i ~ /debian\/?$/ && $i !~ /security/) { print opts $i; exit }
	}'
}
