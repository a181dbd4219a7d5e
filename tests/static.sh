# SPDX-License-Identifier: GPL-2.0
#
# Static checks: checkpatch on everything we ship into the kernel and into
# QEMU, a W=1 build of our kernel code, the overlay rule, the config audit.
# Sourced by tests/check.sh.

ksrc=$BUILD/linux-src
qsrc=$BUILD/qemu-src

# Kernel files of the overlay, as repository paths.
kernel_overlay_files() {
	(cd "$top" && find arch-voyager arch-voyager-boot include include-linux drivers Documentation \
		-type f | sort && echo Kconfig)
}

# INCLUDE_LINUX is not judged: x86 platform code needs <asm/nmi.h>
# (register_nmi_handler()), which <linux/nmi.h> does not include here.
# Nor CAMELCASE in SCSI glue: the 53c700 core names its types so
# (struct NCR_700_Host_Parameters).
checkpatch_kernel_files() {
	local f rc=0 ignore
	for f in $(kernel_overlay_files); do
		ignore=INCLUDE_LINUX
		case $f in drivers/scsi/*) ignore+=,CAMELCASE ;; esac
		(cd "$ksrc" && perl scripts/checkpatch.pl --strict --no-summary \
			--show-types --ignore "$ignore" -f "$top/$f") ||
			{ echo "checkpatch: $f"; rc=1; }
	done
	return $rc
}

# patch_touches_obsolete PATCH: PATCH changes a file that MAINTAINERS
# marks obsolete, as checkpatch's OBSOLETE check asks get_maintainer.pl.
patch_touches_obsolete() {
	local f
	while IFS= read -r f; do
		(cd "$ksrc" && perl scripts/get_maintainer.pl --status --nom --nol --nogit \
			--nogit-fallback -f "$f" 2>&1) | grep -qi obsolete && return 0
	done < <(sed -n 's|^+++ b/||p' "$1")
	return 1
}

# OBSOLETE is not judged in a patch to files under a directory MAINTAINERS
# marks obsolete: there every changed line is flagged (the NE/2 patch's
# Kconfig and Makefile hunks in drivers/net/ethernet/8390/), and the 8390
# core is what the card needs all the same.  Every other patch has it.
checkpatch_kernel_patches() {
	local p rc=0 ignore
	for p in $(series_files "$top/patches/linux-6.12"); do
		ignore=()
		if patch_touches_obsolete "$top/patches/linux-6.12/$p"; then
			ignore=(--ignore OBSOLETE)
			echo "$p: changes files MAINTAINERS marks obsolete: OBSOLETE not judged"
		fi
		# The 53c700 core's own names (SCp, NCR_700_Host_Parameters),
		# as for our files under drivers/scsi/.
		if grep -q '^+++ b/drivers/scsi/53c700' "$top/patches/linux-6.12/$p"; then
			ignore+=(--ignore CAMELCASE)
			echo "$p: changes the 53c700 core: CAMELCASE not judged"
		fi
		(cd "$ksrc" && perl scripts/checkpatch.pl --strict --no-summary \
			--show-types "${ignore[@]}" "$top/patches/linux-6.12/$p") ||
			{ echo "checkpatch: $p"; rc=1; }
	done
	return $rc
}

# Every patch says what and why before its diff (DEP-3 / kernel style).
patch_headers() {
	local p rc=0
	for p in $(series_files "$top/patches/linux-6.12") $(series_files "$top/qemu/patches") \
		$(series_files "$top/patches/seabios"); do
		f=$top/patches/linux-6.12/$p
		[ -f "$f" ] || f=$top/qemu/patches/$p
		[ -f "$f" ] || f=$top/patches/seabios/$p
		grep -q '^Subject: ' "$f" || { echo "$p: no Subject:"; rc=1; }
		# At least one line of explanation between the header and the diff.
		awk '/^Subject: /{h=1; next} h && /^---$/{exit} h && NF{n++} END{exit !(n >= 2)}' "$f" ||
			{ echo "$p: no description of why"; rc=1; }
	done
	return $rc
}

# QEMU's own checkpatch on the emulator's C files and patches.
checkpatch_qemu() {
	local f rc=0
	# checkpatch judges a file by its path in the tree (tests/ have other
	# rules), so check the copy in the prepared tree.
	while IFS= read -r f; do
		(cd "$qsrc" && perl scripts/checkpatch.pl --no-tree -f "${f#qemu/}") ||
			{ echo "checkpatch: $f"; rc=1; }
	done < <(cd "$top" && find qemu -name '*.[ch]' -not -path 'qemu/patches/*' | sort)
	for f in $(series_files "$top/qemu/patches"); do
		(cd "$qsrc" && perl scripts/checkpatch.pl --no-tree "$top/qemu/patches/$f") ||
			{ echo "checkpatch: $f"; rc=1; }
	done
	return $rc
}

# The flags W=1 adds in 6.12 (scripts/Makefile.extrawarn), including the
# ones it stops disabling.
W1_FLAGS="-Wmissing-format-attribute -Wmissing-include-dirs -Wunused-const-variable
	-Wundef -Wunused-but-set-variable -Wpacked-not-aligned -Wformat-overflow
	-Wformat-truncation -Wstringop-truncation"

# Our emulator files compile without a single warning.  (QEMU is
# configured with --disable-werror for Debian's own sources.)  Touches our
# C files in the prepared tree and compiles their objects again, and
# nothing more: make check's other lane is running qemu-system-i386, which
# a relink would rewrite under it ("Permission denied" in a boot of a
# fresh clone's two-lane run).  The next make qemu links it again.
qemu_warnings() {
	local f files=() objs=() targets out rc=0
	targets=$(ninja -C "$BUILD/qemu" -t targets all | sed -n 's/^\([^:]*\.c\.o\): .*/\1/p')
	while IFS= read -r f; do
		f=${f#qemu/}
		files+=("$f")
		touch "$qsrc/$f"
		mapfile -t -O ${#objs[@]} objs < <(grep -E "(^|/)${f//\//_}\.o$" <<<"$targets")
	done < <(cd "$top" && find qemu -name '*.c' -not -path 'qemu/patches/*' -not -path 'qemu/tests/*')
	[ "${#objs[@]}" -gt 0 ] || { echo "no object of our files in build.ninja"; return 1; }
	out=$(ninja -C "$BUILD/qemu" "${objs[@]}" 2>&1) || { echo "$out"; return 1; }
	echo "$out"
	# No warning proves nothing unless every file was compiled again
	# (test audit H6): ninja names each object, hw/x/y.c as hw_x_y.c.o.
	for f in "${files[@]}"; do
		grep -qE "Compiling C object .*[/ ]${f//\//_}\.o\b" <<<"$out" ||
			{ echo "$f was not compiled again"; rc=1; }
	done
	[ "${#files[@]}" -gt 0 ] || { echo "no source file found"; rc=1; }
	echo "${#files[@]} files compiled again"
	! grep -E 'warning:' <<<"$out" && [ "$rc" = 0 ]
}

# The model builds where upstream QEMU does (qemu-review D6): none of the
# C library calls Windows' lacks that QEMU's own code avoids.
qemu_portable() {
	local hits
	hits=$(cd "$top" && grep -rnE '\b(memmem|strsep|strndupa|mempcpy|strchrnul)[[:space:]]*\(' \
		qemu --include='*.c' --include='*.h' --exclude-dir=patches) || true
	[ -z "$hits" ] || { echo "not portable to QEMU's Windows build:"; echo "$hits"; return 1; }
	echo "no memmem, strsep, strndupa, mempcpy or strchrnul in qemu/"
}

# A source revision our patches no longer fit stops the preparation with
# one line naming the revision and the patch (apply_series, through
# prepare_patched_tree for the kernel, QEMU and SeaBIOS trees alike); a
# patch that fits goes through.
patch_misfit() {
	local tmp err rc=0
	tmp=$(mktemp -d)
	mkdir -p "$tmp/tree" "$tmp/patches"
	printf 'one\ntwo\nthree\n' >"$tmp/tree/file"
	cat >"$tmp/patches/0001-fits.patch" <<-'EOP'
	Subject: fits
	--- a/file
	+++ b/file
	@@ -1,3 +1,3 @@
	 one
	-two
	+TWO
	 three
	EOP
	cat >"$tmp/patches/0002-misfit.patch" <<-'EOP'
	Subject: misfit
	--- a/file
	+++ b/file
	@@ -1,3 +1,3 @@
	 one
	-deux
	+DEUX
	 three
	EOP
	printf '0001-fits.patch\n0002-misfit.patch\n' >"$tmp/patches/series"
	if (top=$tmp BUILD=$tmp/build; apply_series "$tmp/tree" "$tmp/patches" \
		"Debian qemu 1:99.0+ds-1") 2>"$tmp/err"; then
		echo "a patch that does not fit was applied"; rc=1
	fi
	err=$(cat "$tmp/err")
	echo "$err"
	[ "$(wc -l <"$tmp/err")" = 1 ] || { echo "not one line"; rc=1; }
	grep -q 'Debian qemu 1:99.0+ds-1: patch .*0002-misfit.patch does not apply' "$tmp/err" ||
		{ echo "the line does not name the revision and the patch"; rc=1; }
	grep -q '^TWO$' "$tmp/tree/file" || { echo "the fitting patch was not applied"; rc=1; }
	# The preparation of a whole tree (prepare_patched_tree, as the
	# kernel, QEMU and SeaBIOS builds call it) stops with that same line
	# after its note, and swaps nothing in.
	mkdir -p "$tmp/pristine"
	printf 'one\ntwo\nthree\n' >"$tmp/pristine/file"
	if (top=$tmp BUILD=$tmp/build; prepare_patched_tree "$tmp/src" 1:99.0+ds-1 \
		"$tmp/patches" "Debian qemu 1:99.0+ds-1" cp -a "$tmp/pristine") 2>"$tmp/err2"; then
		echo "prepare_patched_tree applied a patch that does not fit"; rc=1
	fi
	cat "$tmp/err2"
	[ "$(grep -v '^\[voyager\] preparing ' "$tmp/err2")" = "$err" ] ||
		{ echo "prepare_patched_tree did not stop with the same one line"; rc=1; }
	[ ! -e "$tmp/src" ] || { echo "a tree was swapped in"; rc=1; }
	rm -rf "$tmp"
	return $rc
}

# The emulator's pages build with QEMU's own Sphinx step (the whole
# manual, as configured by scripts/build-qemu.sh) without a warning, and
# are reachable from the i386 board index.  Our pages are touched so that
# Sphinx reads them again.
qemu_docs() {
	local f out
	while IFS= read -r f; do
		touch "$qsrc/${f#qemu/}"
	done < <(cd "$top" && find qemu/docs -name '*.rst')
	out=$(ninja -C "$BUILD/qemu" docs/docs.stamp 2>&1) || { echo "$out"; return 1; }
	echo "$out"
	grep -q 'QEMU manual' <<<"$out" || { echo "the manual was not rebuilt"; return 1; }
	! grep -E 'WARNING|ERROR' <<<"$out" || return 1
	grep -q 'i386/voyager.html' "$BUILD/qemu/docs/manual/system/target-i386.html" ||
		{ echo "voyager.html is not linked from system/target-i386.html"; return 1; }
}

# Our kernel code must build with W=1 (which also runs kernel-doc) warning
# free.  The platform directory is rebuilt by Kbuild with W=1, in the
# default kernel's tree, which builds every platform file (the KUnit
# suites too); the MCA bus and the MCA SCSI glue in the MCA kernel's.
# The setup code file cannot be a single Kbuild target (that would drop
# the real-mode flags of arch/x86/boot/Makefile), so its saved compile
# command is run again with the W=1 flags added.
w1_build() {
	local out cmd obj=$BUILD/linux tmp
	# Objects compiled by an earlier W=1 run would not be rebuilt.
	rm -f "$obj"/arch/x86/platform/voyager/*.o
	out=$(make -C "$ksrc" O="$obj" ARCH=i386 -j"$(nproc)" W=1 \
		arch/x86/platform/voyager/ 2>&1) || { echo "$out"; return 1; }
	echo "$out"
	grep -q 'CC .*arch/x86/platform/voyager/' <<<"$out" ||
		{ echo "W=1 rebuilt nothing in arch/x86/platform/voyager/"; return 1; }
	# The MCA bus, NCR's MCA SCSI glue and the NE/2's: in the MCA
	# kernel's tree (configs/mca.config).
	rm -f "$BUILD"/linux-mca/drivers/mca/*.o "$BUILD"/linux-mca/drivers/scsi/ncr_mca.o \
		"$BUILD"/linux-mca/drivers/net/ethernet/8390/ne2_mca.o
	out+=$'\n'$(make -C "$ksrc" O="$BUILD/linux-mca" ARCH=i386 -j"$(nproc)" W=1 \
		drivers/mca/ drivers/scsi/ncr_mca.o \
		drivers/net/ethernet/8390/ne2_mca.o 2>&1) || { echo "$out"; return 1; }
	grep -q 'CC .*drivers/mca/mca.o' <<<"$out" &&
		grep -q 'CC .*drivers/scsi/ncr_mca.o' <<<"$out" &&
		grep -q 'CC .*drivers/net/ethernet/8390/ne2_mca.o' <<<"$out" ||
		{ echo "W=1 did not rebuild drivers/mca/mca.o, drivers/scsi/ncr_mca.o and ne2_mca.o"; return 1; }
	cmd=$(sed -n 's/^savedcmd_arch\/x86\/boot\/voyager.o := //p' \
		"$obj/arch/x86/boot/.voyager.o.cmd")
	[ -n "$cmd" ] || { echo "no saved command for arch/x86/boot/voyager.o"; return 1; }
	tmp=$(mktemp --suffix=.o)
	cmd=$(sed -e 's/-Wp,-MMD,[^ ]*//' -e "s| -o arch/x86/boot/voyager.o | -o $tmp |" <<<"$cmd")
	# shellcheck disable=SC2086
	out+=$'\n'$(cd "$obj" && eval "$cmd $(echo $W1_FLAGS)" 2>&1) || { echo "$out"; rm -f "$tmp"; return 1; }
	rm -f "$tmp"
	echo "$out"
	! grep -E 'warning:|error:' <<<"$out"
}

# The platform files are layered (hardware, services, orchestration): no
# file uses one of a higher layer, and no two files use each other, even
# through others (scripts/layers.py, on the objects w1_build compiled).
layering() {
	python3 "$top/scripts/layers.py" "$BUILD/linux/arch/x86/platform/voyager"
}

# Every overlay file lands on a path the pristine tree does not have, and
# the apply step really refuses one that would overwrite upstream.
overlay_rule() {
	local list=$BUILD/src/linux-source-6.12.files tmp rc=0
	while IFS= read -r f; do
		grep -qxF "$f" "$list" && { echo "overlay overwrites upstream $f"; rc=1; }
	done <"$ksrc/.voyager-overlay"
	[ -s "$ksrc/.voyager-overlay" ] || { echo "empty overlay manifest"; rc=1; }
	# Negative case: a file named like an upstream one must be refused.
	tmp=$(mktemp -d)
	mkdir -p "$tmp/ovl" "$tmp/tree"
	echo "obj-y += x.o" >"$tmp/ovl/Makefile"
	if (copy_overlay "$tmp/ovl" "$tmp/tree" arch/x86/platform "$list" "$tmp/manifest") 2>"$tmp/err"; then
		echo "copy_overlay accepted a file that overwrites arch/x86/platform/Makefile"
		rc=1
	else
		grep -q "would overwrite upstream arch/x86/platform/Makefile" "$tmp/err" ||
			{ echo "refusal did not name the file: $(cat "$tmp/err")"; rc=1; }
	fi
	rm -rf "$tmp"
	return $rc
}

# The audit passes on the real config and fails, naming the option, on a
# fragment asking for something that cannot survive.
config_audit() {
	local tmp rc=0
	"$top/scripts/config-audit.sh" "$BUILD/linux/.config" "$top/configs/voyager.config" || rc=1
	tmp=$(mktemp)
	printf 'CONFIG_X86_VOYAGER=y\nCONFIG_APM=y\n' >"$tmp"
	if "$top/scripts/config-audit.sh" "$BUILD/linux/.config" "$tmp" 2>"$tmp.err"; then
		echo "audit accepted CONFIG_APM=y, which the config does not have"
		rc=1
	else
		grep -q "CONFIG_APM=y" "$tmp.err" || { echo "audit did not name CONFIG_APM"; rc=1; }
	fi
	# A later fragment overrides an earlier one: only its answer counts.
	printf '# CONFIG_APM is not set\n' >"$tmp.off"
	"$top/scripts/config-audit.sh" "$BUILD/linux/.config" "$tmp" "$tmp.off" 2>"$tmp.err" ||
		{ echo "audit refused CONFIG_APM=y overridden by a later 'is not set'"; rc=1; }
	if "$top/scripts/config-audit.sh" "$BUILD/linux/.config" "$top/configs/voyager.config" \
		"$top/configs/novoyager.config" 2>"$tmp.err"; then
		echo "audit accepted novoyager.config's X86_VOYAGER off on a config that has it"
		rc=1
	else
		grep -q "novoyager.config asks for 'CONFIG_X86_VOYAGER' off" "$tmp.err" ||
			{ echo "audit did not name novoyager.config: $(cat "$tmp.err")"; rc=1; }
	fi
	rm -f "$tmp" "$tmp.off" "$tmp.err"
	return $rc
}

# CONFIG_X86_VOYAGER and an APM driver exclude each other, also APM=m:
# the setup code keeps the BIOS table in the zero page's APM area, whose
# segments apm.ko would call.  Kconfig on a copy of the real config with
# APM asked for as a module must drop the platform.
kconfig_apm() {
	local tmp rc=0
	tmp=$(mktemp -d)
	cp "$BUILD/linux/.config" "$tmp/.config"
	"$ksrc/scripts/config" --file "$tmp/.config" --enable MODULES --enable PM \
		--enable SUSPEND --module APM
	make -C "$ksrc" O="$tmp" ARCH=i386 olddefconfig >"$tmp/log" 2>&1 ||
		{ cat "$tmp/log"; rm -rf "$tmp"; return 1; }
	grep -q '^CONFIG_APM=m$' "$tmp/.config" ||
		{ echo "APM=m did not survive: the check proves nothing"; rc=1; }
	if grep -q '^CONFIG_X86_VOYAGER=y$' "$tmp/.config"; then
		echo "CONFIG_X86_VOYAGER=y next to CONFIG_APM=m"
		rc=1
	fi
	rm -rf "$tmp"
	return $rc
}

# The kernel documentation is valid reStructuredText (no warnings).
rst_docs() {
	local f rc=0
	for f in $(cd "$top" && find Documentation -name '*.rst'); do
		python3 - "$top/$f" <<'PY' || { echo "rst: $f"; rc=1; }
import sys
import docutils.core
docutils.core.publish_doctree(open(sys.argv[1]).read(), source_path=sys.argv[1],
                              settings_overrides={"report_level": 2, "halt_level": 2})
PY
	done
	return $rc
}

# make fuzz is not part of make check, yet it configures a second QEMU
# with options of its own: every --enable-X/--disable-X that
# scripts/fuzz.sh names must be an option or a feature of the configure
# script of the QEMU we build (QEMU 8 replaced --enable-sanitizers by
# --enable-asan and --enable-ubsan, and make fuzz failed unnoticed).
fuzz_configure_options() {
	local help opt name tmp n=0 rc=0
	# configure leaves config.log and config-temp/ in the current
	# directory: run it in a scratch one.
	tmp=$(mktemp -d)
	help=$(cd "$tmp" && "$BUILD/qemu-src/configure" --help) ||
		{ echo "configure --help failed in $BUILD/qemu-src"; rm -rf "$tmp"; return 1; }
	rm -rf "$tmp"
	for opt in $(grep -o -- '--\(enable\|disable\)-[a-z0-9-]*' "$top/scripts/fuzz.sh" | sort -u); do
		n=$((n + 1))
		name=${opt#--enable-}
		name=${name#--disable-}
		grep -qE -- "^ +--(enable|disable)-$name( |$)|^ +$name( |$)" <<<"$help" ||
			{ echo "QEMU's configure knows no $opt (scripts/fuzz.sh)"; rc=1; }
	done
	[ $n -ge 3 ] || { echo "only $n options found in scripts/fuzz.sh: nothing checked"; return 1; }
	[ $rc = 0 ] && echo "the $n configure options of scripts/fuzz.sh are known to QEMU's configure"
	return $rc
}

static_checks() {
	check checkpatch-kernel-files checkpatch_kernel_files
	check checkpatch-kernel-patches checkpatch_kernel_patches
	check patch-headers patch_headers
	check checkpatch-qemu checkpatch_qemu
	check qemu-no-warnings qemu_warnings
	check qemu-portable qemu_portable
	check qemu-docs qemu_docs
	check kernel-w1-build w1_build
	check kernel-layering layering
	check overlay-rule overlay_rule
	check patch-misfit patch_misfit
	check config-audit config_audit
	check kconfig-apm-module kconfig_apm
	check kernel-docs-rst rst_docs
	check fuzz-configure-options fuzz_configure_options
}
