#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What the Voyager code costs a kernel and a plain PC:
#   1. text size (size vmlinux) of the default kernel with and without
#      CONFIG_X86_VOYAGER, and the difference in KiB (target: < 40 KiB);
#   2. boot time to /init of both kernels on -M pc, runs alternating
#      (bench-boot.py's method), medians, ratio, spread (machine noise).
#
# Like with like: X86_VOYAGER selects X86_BIGSMP, and voyager.config asks
# for X86_BIGSMP, X86_EXTENDED_PLATFORM and X86_32_NON_STANDARD itself,
# so the kernel without Voyager (build/linux-novoyager) is the default
# configuration with only X86_VOYAGER off (configs/novoyager.config):
# BIGSMP stays on in both.  build-kernel.sh always merges voyager.config,
# whose X86_VOYAGER=y the audit would then miss, so this script configures
# that tree itself: tinyconfig + voyager.config without its X86_VOYAGER
# line + novoyager.config, audited the same way.
#
# Usage: scripts/bench-size.sh [--runs N]   (default 5 runs per kernel)
# A benchmark: prints figures, fails only if a build or a boot fails.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

runs=5
[ "${1:-}" = --runs ] && runs=$2

src=$BUILD/linux-src
with=$BUILD/linux
without=$BUILD/linux-novoyager
log=$BUILD/logs/kernel-novoyager-build.log
[ -f "$with/vmlinux" ] || die "bench-size: no $with/vmlinux (make kernel)"

frag=$BUILD/logs/novoyager-fragment.config
grep -v '^CONFIG_X86_VOYAGER=' "$top/configs/voyager.config" >"$frag"
cat "$top/configs/novoyager.config" >>"$frag"
setup_ccache
kmake=(make -C "$src" O="$without" ARCH=i386 -j"$(nproc)")
[ -n "$CCACHE" ] && kmake+=(CC="ccache gcc" HOSTCC="ccache gcc")
stamp=$(cat "$frag" "$top/Kconfig" | sha256sum | cut -c1-16)
if [ "$(cat "$without/.voyager-config" 2>/dev/null)" != "$stamp" ]; then
	mkdir -p "$without"
	{
		"${kmake[@]}" tinyconfig &&
			"$src/scripts/kconfig/merge_config.sh" -m -O "$without" \
				"$without/.config" "$frag" &&
			"${kmake[@]}" olddefconfig
	} >"$log" 2>&1 || die "bench-size: configuring $without failed: see $log"
	echo "$stamp" >"$without/.voyager-config"
fi
"$top/scripts/config-audit.sh" "$without/.config" "$frag"
note "building $without (log: $log)"
"${kmake[@]}" bzImage >>"$log" 2>&1 || die "bench-size: build failed: see $log"

# The options that differ between the two configurations.
echo "Configuration differences (with -> without Voyager):"
diff <(grep -E '^CONFIG_|is not set' "$with/.config" | sort) \
	<(grep -E '^CONFIG_|is not set' "$without/.config" | sort) |
	sed -n 's/^[<>] /  /p' | sort -u || true
echo
text() { size -A "$1" | awk '$1 == ".text" { print $2 }'; }
t_with=$(text "$with/vmlinux")
t_without=$(text "$without/vmlinux")
read -r _ _ _ all_with _ < <(size "$with/vmlinux" | tail -n 1)
read -r _ _ _ all_without _ < <(size "$without/vmlinux" | tail -n 1)
awk -v tw="$t_with" -v to="$t_without" -v aw="$all_with" -v ao="$all_without" 'BEGIN {
	printf "%-34s %12s %12s %10s\n", "Kernel size (bytes)", "with", "without", "added KiB"
	printf "%-34s %12d %12d %10.1f\n", ".text", tw, to, (tw - to) / 1024
	printf "%-34s %12d %12d %10.1f\n", "text+data+bss (size dec)", aw, ao, (aw - ao) / 1024
	printf "target: under 40 KiB added: %s\n", (aw - ao) < 40 * 1024 ? "met" : "NOT met"
}'
echo

# Boot time on -M pc, both kernels, alternating.
python3 - "$top/scripts/bench-boot.py" "$runs" "$BUILD/qemu/qemu-system-i386" \
	"$BUILD/initramfs.cpio.gz" "$with/arch/x86/boot/bzImage" \
	"$without/arch/x86/boot/bzImage" <<'PYEOF'
import importlib.util
import statistics
import sys

path, runs, qemu, initrd = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
kernels = {"with Voyager": sys.argv[5], "without": sys.argv[6]}
spec = importlib.util.spec_from_file_location("bench_boot", path)
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
times = {k: [] for k in kernels}
for _ in range(runs):
    for name, kernel in kernels.items():
        t = bench.boot_once(qemu, "pc", "2,sockets=2", "pentium", kernel,
                            initrd, 60)
        if t is None:
            sys.exit("bench-size: %s did not reach /init on -M pc" % name)
        times[name].append(t)
base = statistics.median(times["without"])
print("%-34s %8s %8s %8s %8s" % ("Boot to /init on -M pc -smp 2 (s)",
                                  "median", "min", "max", "ratio"))
for name, ts in times.items():
    med = statistics.median(ts)
    print("%-34s %8.3f %8.3f %8.3f %8.3f" % (name, med, min(ts), max(ts),
                                              med / base))
spread = max((max(ts) - min(ts)) / statistics.median(ts)
             for ts in times.values())
print("machine noise: the widest min-max spread is %.0f%% of its median, "
      "%d runs each" % (100 * spread, runs))
PYEOF
