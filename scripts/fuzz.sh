#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz the Voyager devices with QEMU's generic-fuzz target (libFuzzer).
#
# A separate clang build of the prepared tree build/qemu-src lands in
# build/qemu-fuzz (qemu-fuzz-i386, with AddressSanitizer and UBSan unless
# FUZZ_SANITIZERS=0); it then fuzzes the port and MMIO regions of the VIC,
# QIC, CAT, SUS, port 61h, the MCA bus and its SCSI adapters on several
# machine layouts in turn, and reports the edge coverage of our device
# files.  No guest
# code runs: every input is a sequence of PIO/MMIO accesses and clock steps
# (qemu-model-map.md 3h).
#
#   build/fuzz/<layout>/corpus     the inputs kept (reused by the next run)
#   build/fuzz/<layout>/crash-*    crash, timeout (hang), oom, leak inputs
#   build/fuzz/<layout>/fuzz.log   libFuzzer's output
#   build/fuzz/regress.log         the replay of the regression inputs
#
# Before fuzzing, the inputs of earlier findings that were fixed
# (qemu/tests/fuzz-voyager/regress/, see its README) are replayed, each
# on its layout: one that crashes or runs longer than FUZZ_TIMEOUT is a
# finding again.
#
# Reproduce a crash input:
#   QEMU_FUZZ_ARGS="-M voyager,<layout> -nodefaults" \
#   QEMU_FUZZ_OBJECTS="<objects>" QTEST_LOG=1 FUZZ_SERIALIZE_QTEST=1 \
#   build/qemu-fuzz/qemu-fuzz-i386 --fuzz-target=generic-fuzz FILE
# QTEST_LOG=1 with FUZZ_SERIALIZE_QTEST=1 prints the access sequence as
# qtest commands (without the latter the accesses bypass the qtest server
# and nothing is printed).
#
# Usage: scripts/fuzz.sh [--build-only | --run-only | --regress-only] [LAYOUT...]
#   LAYOUT          -M voyager properties, e.g. cards=quad:dyad:mono,
#                   optionally followed by "|OBJECTS" (the QOM types to fuzz
#                   instead of FUZZ_OBJECTS) and "|EXTRA" (more QEMU
#                   arguments, e.g. -global voyager-cat.ac-fail=on)
#                   (default: the layouts in DEFAULT_LAYOUTS below)
#
# The runs with OBJECTS = voyager-cat start from seeds and a dictionary
# (qemu/tests/fuzz-voyager/mkseeds.py): the CAT transactions that select a
# module and shift an instruction, which random inputs almost never find.
# generic-fuzz only does port/memory accesses and clock steps, so the
# CAT's run-time properties (qom-set) are reached by starting layouts with
# them set (-global), which raises the PSI events at reset.
# Environment:
#   FUZZ_SECONDS    total fuzzing time, shared by the layouts (default 600)
#   FUZZ_JOBS       layouts fuzzed at once, one fuzzer process each
#                   (default: the number of CPUs); each layout gets
#                   FUZZ_SECONDS / ceil(layouts / FUZZ_JOBS) seconds
#   FUZZ_TIMEOUT    seconds one input may run before it is a hang (default 10)
#   FUZZ_SANITIZERS 1 (default): build with --enable-asan --enable-ubsan; 0: without
#   FUZZ_MIN_EXECS_PER_SEC  the floor: a layout that averaged fewer inputs a
#                   second fails (default 10: a stalled harness runs none;
#                   the sanitizer build ran 60-1,600 a second on two busy
#                   cores, the least on the D700 replaying its corpus)
#   FUZZ_OBJECTS    QOM types / memory regions to fuzz (default below)
#   FUZZ_PROPS_TRIALS  trials of scripts/fuzz-props.py after the layouts
#                   (default 2000, about 5 minutes): random machine and
#                   device properties and monitor events, a new seed each
#                   run, against build/qemu (make fuzz builds it)
# Exits 1 if any run found a crash, a hang or a sanitizer report.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

# A disk with no file behind it: reads return zeroes.
FUZZ_NULL_DRIVE="file=null-co://,format=raw,file.read-zeroes=on"
FUZZ_NULL_DISK="-drive if=scsi,$FUZZ_NULL_DRIVE"
# The MCA layouts, named for the regression inputs (regress_layout).
LAYOUT_MCA_L5="cards=dyad|voyager-mca ncr53c710-mca|$FUZZ_NULL_DISK"
LAYOUT_MCA_L4="level=4|voyager-mca ncr53c710-mca|$FUZZ_NULL_DISK"
LAYOUT_D700="cards=dyad|voyager-mca ncr-d700-mca ncr53c710-mca|-device ncr-d700-mca,slot=5,id=d7 -drive if=none,id=d0,$FUZZ_NULL_DRIVE -device scsi-hd,drive=d0,bus=d7.0,scsi-id=0 -device ncr53c710-mca,slot=3,card-id=0x01bb,fault-pos=4=04"
LAYOUT_NE2="cards=dyad|voyager-mca ne2-mca*|-device ne2-mca,slot=2 -device ne2-mca,slot=4,iobase=0xc3d0,irq=9,card-id=0x70de"
DEFAULT_LAYOUTS=(
	cards=dyad
	cards=quad:dyad:mono
	level=4
	"slots=8,cards=quad:mono:empty:mono"
	# The fault timers and lines (CPI storm, stuck IRQ) run on clock steps.
	"cards=quad:dyad,fault-cpi-storm=1000,fault-stuck-irq=5"
	# The CAT scan engine alone, from seeds: quad baseboard, PSI.
	"cards=quad:dyad:mono|voyager-cat"
	# The PSI events and choices of issue 14, standing from reset.
	"cards=quad2:dyad,fault-cat-module=0x11|voyager-cat|-global voyager-cat.ac-fail=on -global voyager-cat.battery-fail=on -global voyager-cat.dc-fail=on -global voyager-cat.cmn-repeat-us=100 -global voyager-cat.dump-status=off"
	"level=4|voyager-cat"
	# The other readings of the hardware (fidelity rows D6, D7, D8, D9,
	# D10, D11, D13, D30) and the run-time faults, standing from reset:
	# generic-fuzz cannot qom-set within an input.
	"cards=quad:dyad,fault-dead-cpu=1||-global voyager-vic.dyad-trigger=level -global voyager-vic.masquerade=global -global voyager-qic.cpi-trigger=read-write -global voyager-vic.glitch-irq=4"
	"cards=quad:dyad:mono|voyager-cat|-global voyager-cat.psi-read-all=off -global voyager-cat.psi-read-all-selection=on -global voyager-cat.major-fault=on -global voyager-cat.config-id-cpus=off -global voyager-cat.connect-sticky=on -global voyager-cat.eprom-table-offset=0x1000 -global voyager-cat.fault-eprom=0x12"
	# A CAT module that shifts out noise, and SYS_INT held at the VIC and
	# the QICs (a level: it latches again at every acknowledge).
	"cards=quad:dyad,fault-sys-int=on|voyager-cat|-global voyager-cat.fault-garbage=0x11"
	# The MCA bus and NCR's SCSI adapters, each with a disk (null-co: no
	# file, reads return zeroes): the setup ports and POS, the 53C710's
	# registers with SCRIPTS fetched and data moved by DMA from the
	# fuzzer's memory.  Level 5 (01BAh card in slot 0), Level 4 (the
	# on-board 01BBh), and a D700 beside a card with malformed POS.
	"$LAYOUT_MCA_L5"
	"$LAYOUT_MCA_L4"
	"$LAYOUT_D700"
	# The NE/2 network card (its 8390 core, the reset port, POS moving
	# it), with no network behind it: what it sends is dropped.
	"$LAYOUT_NE2"
)
# A name matches a QOM type or a memory region's path component, which
# ends in "[0]": the machine's own regions (the QIC registers, port 61h)
# need the "*".  A name that matches nothing stops generic-fuzz (core
# patch 0017); split_layout drops the QIC's name where there is no quad.
FUZZ_OBJECTS=${FUZZ_OBJECTS:-voyager-vic voyager-qic* voyager-cat voyager-sus voyager-port61*}
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
FUZZ_SANITIZERS=${FUZZ_SANITIZERS:-1}
FUZZ_MIN_EXECS_PER_SEC=${FUZZ_MIN_EXECS_PER_SEC:-10}
FUZZ_PROPS_TRIALS=${FUZZ_PROPS_TRIALS:-2000}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc)}
case $FUZZ_JOBS in
'' | *[!0-9]* | 0) die "FUZZ_JOBS=$FUZZ_JOBS: want a number of fuzzers to run at once, 1 or more" ;;
esac

do_build=1
do_run=1
do_fuzz=1
layouts=()
for arg in "$@"; do
	case $arg in
	--build-only) do_run=0 ;;
	--run-only) do_build=0 ;;
	--regress-only) do_build=0; do_fuzz=0 ;;
	-*) die "unknown option $arg" ;;
	*) layouts+=("$arg") ;;
	esac
done
[ ${#layouts[@]} -gt 0 ] || layouts=("${DEFAULT_LAYOUTS[@]}")

src=$BUILD/qemu-src
obj=$BUILD/qemu-fuzz
bin=$obj/qemu-fuzz-i386
log=$BUILD/logs/qemu-fuzz-build.log
out=$BUILD/fuzz
mkdir -p "$BUILD/logs" "$out"

# Debian's default LLVM (packages clang, llvm, libclang-rt-dev: 14 on
# Debian 12, 19 on Debian 13): LLVM_BIN (its tools, llvm-symbolizer among
# them) and the versioned compiler names.
llvm_setup() {
	local real
	real=$(readlink -f "$(command -v clang || true)")
	case $real in
	/usr/lib/llvm-*/bin/clang) ;;
	*) die "no Debian clang (found '${real:-nothing}'): run scripts/deps.sh fuzz" ;;
	esac
	LLVM_BIN=${real%/clang}
	LLVM_VERSION=${LLVM_BIN#/usr/lib/llvm-}
	LLVM_VERSION=${LLVM_VERSION%/bin}
	[ -x "$LLVM_BIN/llvm-symbolizer" ] ||
		die "no llvm-symbolizer in $LLVM_BIN: run scripts/deps.sh fuzz"
	CLANG=clang-$LLVM_VERSION
	CLANGXX=clang++-$LLVM_VERSION
}

build() {
	# The prepared tree, our current overlay files, and the option ROMs
	# (voyager.bin) the machine needs, from the ordinary gcc build.
	"$top/scripts/build-qemu.sh"
	[ -f "$src/.voyager-stamp" ] || die "no prepared tree in $src"

	setup_ccache
	local cc=$CLANG cxx=$CLANGXX
	[ -n "$CCACHE" ] && { cc="ccache $CLANG"; cxx="ccache $CLANGXX"; }
	# The options of scripts/build-qemu.sh, plus libFuzzer.
	qemu_configure_setup
	local cfg_args=("${QEMU_CFG_ARGS[@]}" --disable-docs
		--enable-fuzzing "--cc=$cc" "--cxx=$cxx")
	[ "$FUZZ_SANITIZERS" = 1 ] && cfg_args+=(--enable-asan --enable-ubsan)
	local cfg_stamp
	cfg_stamp="$(cat "$src/.voyager-stamp") ${cfg_args[*]}"
	if [ ! -f "$obj/build.ninja" ] ||
		[ "$(cat "$obj/.voyager-config" 2>/dev/null)" != "$cfg_stamp" ]; then
		note "configuring the fuzzing QEMU in $obj (log: $log)"
		rm -rf "$obj"
		mkdir -p "$obj"
		(cd "$obj" && CC=$CLANG CXX=$CLANGXX "$src/configure" "${cfg_args[@]}") \
			>"$log" 2>&1 || die "QEMU fuzz configure failed: see $log"
		echo "$cfg_stamp" >"$obj/.voyager-config"
	fi
	note "building qemu-fuzz-i386 (log: $log)"
	make -C "$obj" -j"$(nproc)" qemu-fuzz-i386 >>"$log" 2>&1 ||
		{ tail -n 30 "$log" >&2; die "QEMU fuzz build failed: see $log"; }

	# Firmware: the same blobs as the ordinary build (see build-qemu.sh).
	local f from=$BUILD/qemu/qemu-bundle/usr/local/share/qemu
	local to=$obj/qemu-bundle/usr/local/share/qemu
	mkdir -p "$to"
	for f in "$from"/*; do
		[ -e "$f" ] && ln -sfn "$(readlink -f "$f")" "$to/$(basename "$f")"
	done
	note "fuzzer ready: $bin"
}

# Our device files, whose edge coverage each run reports (libFuzzer's
# -print_coverage, symbolized with llvm-symbolizer at the end of a run).
OUR_FILES="voyager.c voyager_vic.c voyager_qic.c voyager_cat.c voyager_sus.c voyager_mca.c voyager_mca_ncr710.c ncr53c710.c voyager_mca_ne2.c"

# file_coverage LOG: "file covered/total" for each of OUR_FILES that the
# run's coverage dump names, from its COVERED_FUNC/UNCOVERED_FUNC lines
# ("...FUNC: hits: N edges: COVERED/TOTAL NAME PATH:LINE").
file_coverage() {
	awk -v files="$OUR_FILES" '
		BEGIN { n = split(files, f, " "); for (i = 1; i <= n; i++) want[f[i]] = 1 }
		/^(UN)?COVERED_FUNC: / {
			split($5, e, "/"); path = $NF; sub(/:[0-9]+$/, "", path)
			k = split(path, parts, "/"); base = parts[k]
			if (!(base in want)) next
			cov[base] += e[1]; tot[base] += e[2]
		}
		END { for (i = 1; i <= n; i++) if (f[i] in tot)
			printf "%s %d/%d\n", f[i], cov[f[i]], tot[f[i]] }' "$1"
}

# stat NAME LOG: the last value libFuzzer printed for stat::NAME.
stat_of() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

# split_layout LAYOUT: set the caller's mopts, objects (FUZZ_OBJECTS
# when LAYOUT names none) and extra from "MOPTS|OBJECTS|EXTRA".  A
# machine without a quad card has no QIC: its name is dropped, as a name
# that matches nothing stops generic-fuzz (core patch 0017).
split_layout() {
	IFS='|' read -r mopts objects extra <<<"$1"
	objects=${objects:-$FUZZ_OBJECTS}
	case $mopts in
	*quad*) ;;
	*) objects=$(sed -E 's/(^| )voyager-qic[^ ]*//g; s/^ +//' <<<"$objects") ;;
	esac
}

# fuzz_env LAYOUT: export generic-fuzz's environment for the machine
# LAYOUT (in a subshell that then runs the fuzzer).
fuzz_env() {
	local mopts objects extra
	split_layout "$1"
	export QEMU_FUZZ_ARGS="-M voyager,$mopts -nodefaults $extra"
	export QEMU_FUZZ_OBJECTS="$objects"
	export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
	# A UBSan report stops the input, so that libFuzzer keeps it as a
	# crash-* file (reporting and going on left no input to replay).
	export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
	export PATH=$LLVM_BIN:$PATH
}

# layout_dir LAYOUT: the directory name of LAYOUT under build/fuzz.
layout_dir() {
	local mopts objects extra
	split_layout "$1"
	printf '%s' "$mopts${objects:+_$objects}${extra:+_x$(printf '%s' "$extra" | cksum | cut -d' ' -f1)}" |
		tr '=,: *|' '-_.__.' | cut -c1-120
}

# run_layout LAYOUT SECONDS: fuzz one machine layout; prints its summary
# and edge-coverage lines; returns 1 if something was found.
run_layout() {
	local layout=$1 secs=$2 dir flog before after found pid rc
	local mopts objects extra dict=()
	split_layout "$layout"
	dir=$out/$(layout_dir "$layout")
	flog=$dir/fuzz.log
	mkdir -p "$dir/corpus"
	if [ "$objects" = voyager-cat ]; then
		# seeds (rewritten each run) and the dictionary: see mkseeds.py
		python3 "$top/qemu/tests/fuzz-voyager/mkseeds.py" "$dir/corpus" \
			"$dir/cat.dict" || die "mkseeds.py failed"
		dict=(-dict="$dir/cat.dict")
	fi
	before=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' \
		-o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
	note "fuzzing -M voyager,$mopts $extra on $objects for ${secs}s (log: $flog)"
	# A last resort for a fuzzer that hangs past its own time-outs (an
	# input that holds QEMU's main loop delays libFuzzer's alarm: QEMU
	# takes SIGALRM through its signalfd): timeout(1) runs it in a process
	# group of its own, killed with it.
	(fuzz_env "$layout"
	exec timeout -k 10 $((secs + 4 * FUZZ_TIMEOUT + 600)) \
		"$bin" --fuzz-target=generic-fuzz -max_total_time="$secs" \
		-timeout="$FUZZ_TIMEOUT" -rss_limit_mb=4096 -print_final_stats=1 -print_coverage=1 \
		-artifact_prefix="$dir/" "${dict[@]}" "$dir/corpus") >"$flog" 2>&1 &
	pid=$!
	rc=0
	wait $pid || rc=$?
	kill -KILL -- -"$pid" 2>/dev/null || true
	after=$(find "$dir" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' \
		-o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
	found=$((after - before))
	# A UBSan report also counts (halt_on_error=1 makes it a crash too).
	local ub
	ub=$(grep -c 'runtime error:' "$flog" || true)
	local runs eps cov corp
	runs=$(stat_of number_of_executed_units "$flog")
	eps=$(stat_of average_exec_per_sec "$flog")
	cov=$(grep -o 'cov: [0-9]*' "$flog" | tail -n 1 | cut -d' ' -f2)
	corp=$(find "$dir/corpus" -type f | wc -l)
	printf '%-36s %9s execs %6s exec/s  cov %5s  corpus %5s  crashes %s  ubsan %s  rc %s\n' \
		"$mopts${objects:+ [$objects]}${extra:+ +args}" "${runs:-?}" "${eps:-?}" \
		"${cov:-?}" "$corp" "$found" "$ub" "$rc"
	file_coverage "$flog" >"$dir/coverage.txt"
	if [ -s "$dir/coverage.txt" ]; then
		# "   edges: voyager_vic.c 812/1500 (54%) ..."
		awk '{ split($2, e, "/"); pct = e[2] ? 100 * e[1] / e[2] : 0
			printf "%s%s %s (%d%%)", (NR > 1 ? ", " : "   edges: "), $1, $2, pct }
			END { print "" }' "$dir/coverage.txt"
	else
		echo "   edges: no coverage dump in $flog (is llvm-symbolizer on PATH?)"
	fi
	if ! grep -q 'fuzzable\|MemoryRegions' "$flog"; then
		tail -n 20 "$flog" >&2
	fi
	# A name that matches nothing (core patch 0017) ends the fuzzer at its
	# first input, which libFuzzer reports as "fuzz target exited".
	grep -m1 '^QEMU_FUZZ_OBJECTS:' "$flog" | sed 's/^/   /' || true
	# The floor (test audit 5.4): fewer than FUZZ_MIN_EXECS_PER_SEC
	# inputs a second on average is a run that did not fuzz (a harness
	# that stalls on every input, a layout that does not start), and
	# fails like a finding.
	local floor=$((secs * FUZZ_MIN_EXECS_PER_SEC)) low=0
	if [ "${runs:-0}" -lt "$floor" ]; then
		echo "   floor: ${runs:-0} executions in ${secs} s, fewer than $floor ($FUZZ_MIN_EXECS_PER_SEC a second)"
		low=1
	fi
	[ "$found" = 0 ] && [ "$ub" = 0 ] && [ "$rc" = 0 ] && [ "$low" = 0 ]
}

# regress_layout NAME: the layout a regression input was found on, from
# its name's prefix (qemu/tests/fuzz-voyager/regress/README).
regress_layout() {
	case $1 in
	ncr710-l5-*) printf '%s' "$LAYOUT_MCA_L5" ;;
	ncr710-l4-*) printf '%s' "$LAYOUT_MCA_L4" ;;
	d700-*) printf '%s' "$LAYOUT_D700" ;;
	ne2-*) printf '%s' "$LAYOUT_NE2" ;;
	*) return 1 ;;
	esac
}

# regress: replay each regression input once on its layout; prints one
# line per input and a summary; returns 1 if one failed (a crash, a
# sanitizer report, or longer than FUZZ_TIMEOUT).
regress() {
	local f name layout t0 t1 rc n=0 bad=0
	local rlog=$out/regress.log
	: >"$rlog"
	for f in "$top"/qemu/tests/fuzz-voyager/regress/*; do
		name=$(basename "$f")
		[ "$name" = README ] && continue
		layout=$(regress_layout "$name") ||
			die "regress/$name: no layout for this name (see regress/README)"
		n=$((n + 1))
		t0=$(date +%s%N)
		rc=0
		(fuzz_env "$layout"
		exec timeout -k 10 $((4 * FUZZ_TIMEOUT + 60)) \
			"$bin" --fuzz-target=generic-fuzz -timeout="$FUZZ_TIMEOUT" \
			-rss_limit_mb=4096 "$f") >"$rlog.one" 2>&1 || rc=$?
		t1=$(date +%s%N)
		# a UBSan report, whether or not it stopped the input
		if [ "$rc" = 0 ] && grep -q 'runtime error:' "$rlog.one"; then
			rc=ubsan
		fi
		cat "$rlog.one" >>"$rlog"
		rm -f "$rlog.one"
		printf 'regress %-32s %6d ms  rc %s\n' "$name" $(((t1 - t0) / 1000000)) "$rc"
		[ "$rc" = 0 ] || bad=$((bad + 1))
	done
	printf 'regress: %d inputs replayed, %d failed (log: %s)\n' "$n" "$bad" "$rlog"
	[ "$bad" = 0 ]
}

llvm_setup
note "LLVM $LLVM_VERSION ($LLVM_BIN)"
[ $do_build = 1 ] && build
[ $do_run = 1 ] || exit 0
[ -x "$bin" ] || die "no $bin: run scripts/fuzz.sh --build-only"

status=0
summary=$out/summary.txt
: >"$summary"
regress | tee -a "$summary" || status=1
[ $do_fuzz = 1 ] || exit $status

# FUZZ_JOBS lanes take the layouts in turn: each layout gets the same
# time, and the rounds of FUZZ_JOBS layouts fill FUZZ_SECONDS.
rounds=$(((${#layouts[@]} + FUZZ_JOBS - 1) / FUZZ_JOBS))
per=$((FUZZ_SECONDS / rounds))
[ $per -ge 1 ] || per=1
note "objects: $FUZZ_OBJECTS"
note "${#layouts[@]} layouts, ${per}s each, $FUZZ_JOBS at a time"
# Each lane prints its layout's lines when it ends and keeps them in
# result.txt/result.rc in the layout's directory (dirs[], named once);
# the summary takes them in layout order once every lane has ended.
dirs=()
for layout in "${layouts[@]}"; do
	dirs+=("$out/$(layout_dir "$layout")")
done
lane() {
	local rc=0
	run_layout "$1" "$per" >"$2/result.txt" || rc=$?
	echo "$rc" >"$2/result.rc"
	cat "$2/result.txt"
}
for i in "${!layouts[@]}"; do
	mkdir -p "${dirs[i]}"
	rm -f "${dirs[i]}/result.rc"
	while [ "$(jobs -pr | wc -l)" -ge "$FUZZ_JOBS" ]; do
		wait -n || true
	done
	lane "${layouts[i]}" "${dirs[i]}" &
done
wait
for dir in "${dirs[@]}"; do
	cat "$dir/result.txt" >>"$summary" 2>/dev/null || true
	# a lane that left no status did not finish: a failure too
	[ "$(cat "$dir/result.rc" 2>/dev/null)" = 0 ] || status=1
done
# The totals: executions over all layouts, and what was found.
awk '{ for (i = 2; i <= NF; i++) {
		if ($i == "execs" && $(i - 1) ~ /^[0-9]+$/) execs += $(i - 1)
		if ($i == "crashes") crashes += $(i + 1)
		if ($i == "ubsan") ubsan += $(i + 1) } }
	END { printf "total: %d executions, %d crashes/hangs, %d UBSan reports\n",
		execs, crashes, ubsan }' "$summary" | tee -a "$summary"
# The best coverage of each of our files over this run's layouts.
for dir in "${dirs[@]}"; do
	cat "$dir/coverage.txt" 2>/dev/null || true
done | awk '{ split($2, e, "/"); if (!($1 in best) || e[1] > best[$1]) { best[$1] = e[1]; tot[$1] = e[2] } }
	END { for (f in best) { pct = tot[f] ? 100 * best[f] / tot[f] : 0
		printf "best edge coverage: %-22s %5d/%-5d %3d%%\n", f, best[f], tot[f], pct } }' |
	sort | tee -a "$summary"
# What generic-fuzz does not reach: random machine and device properties
# and monitor events, against the ordinary build (scripts/fuzz-props.py).
"$top/scripts/fuzz-props.py" --trials "$FUZZ_PROPS_TRIALS" \
	"$BUILD/qemu/qemu-system-i386" 2>&1 | tee "$out/props.log" |
	grep -v '^  ' | tee -a "$summary" || true
grep -q ', 0 findings$' "$out/props.log" || status=1
[ $status = 0 ] || note "findings: see the crash-*/timeout-* files and fuzz.log under $out, and $out/props.log"
exit $status
