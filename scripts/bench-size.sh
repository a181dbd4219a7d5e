#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# What the Voyager code costs a kernel and a plain PC:
#   1. text size (size vmlinux) of the default kernel with and without
#      CONFIG_X86_VOYAGER, and the difference in KiB (target: < 40 KiB);
#   2. boot time to /init of both kernels on -M pc -smp 2, runs
#      alternating (bench-boot.py's method), medians, ratio, spread;
#   3. the round trip of a cross-CPU function call on -M pc -smp 4 (the
#      KUnit case voyager_ipi, as in bench-smp.py) from the default kernel
#      (which has KUnit) with and without CONFIG_X86_VOYAGER,
#      alternating, medians, ratio.
#
# Like with like: sizes and boot times compare two kernels without KUnit,
# the round trip two with it; the ones without Voyager have
# configs/novoyager.config merged last, which turns off X86_VOYAGER (and
# its platform KUnit suites) and nothing else:
#   build/linux-plain             voyager.config
#   build/linux-novoyager         voyager.config + novoyager.config
#   build/linux                   voyager.config + kunit.config (make kernel)
#   build/linux-novoyager-kunit   voyager.config + kunit.config + novoyager.config
# X86_BIGSMP stays on in all of them; the round-trip test does not need
# the platform (Kconfig: X86_VOYAGER_IPI_KUNIT_TEST).
#
# Usage: scripts/bench-size.sh [--runs N]   (default 5 runs per kernel)
# A benchmark: prints figures, fails only if a build or a boot fails.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/lib.sh"

runs=5
[ "${1:-}" = --runs ] && runs=$2

with=$BUILD/linux-plain
without=$BUILD/linux-novoyager
[ -f "$BUILD/linux/vmlinux" ] || die "bench-size: no $BUILD/linux/vmlinux (make kernel)"
"$top/scripts/build-kernel.sh" -v plain
"$top/scripts/build-kernel.sh" -v novoyager -f "$top/configs/novoyager.config"
"$top/scripts/build-kernel.sh" -v novoyager-kunit -f "$top/configs/kunit.config" \
	-f "$top/configs/novoyager.config"

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

# Boot time and cross-CPU call round trip on -M pc, with and without.
PYTHONPATH=$top/scripts python3 - "$runs" "$BUILD" <<'PYEOF'
import os
import statistics
import sys

from benchlib import boot_to_init, ipi_roundtrip_ns

runs, build = int(sys.argv[1]), sys.argv[2]
qemu = os.path.join(build, "qemu/qemu-system-i386")
initrd = os.path.join(build, "initramfs.cpio.gz")


def bzimage(tree):
    return os.path.join(build, tree, "arch/x86/boot/bzImage")


def table(title, unit_fmt, series, base_name):
    base = statistics.median(series[base_name])
    print("%-38s %9s %9s %9s %7s" % (title, "median", "min", "max", "ratio"))
    for name, vals in series.items():
        med = statistics.median(vals)
        print(("%-38s " + unit_fmt + " " + unit_fmt + " " + unit_fmt + " %7.3f")
              % (name, med, min(vals), max(vals), med / base))
    spread = max((max(v) - min(v)) / statistics.median(v)
                 for v in series.values())
    print("machine noise: the widest min-max spread is %.0f%% of its median, "
          "%d runs each" % (100 * spread, runs))
    print()


boots = {"with Voyager": [], "without": []}
ipis = {"with Voyager": [], "without": []}
trees = {"with Voyager": ("linux-plain", "linux"),
         "without": ("linux-novoyager", "linux-novoyager-kunit")}
for _ in range(runs):
    for name, (plain, kunit) in trees.items():
        t, _ = boot_to_init(qemu, "pc", "2,sockets=2", "pentium",
                            bzimage(plain), initrd, "", 60)
        if t is None:
            sys.exit("bench-size: %s did not reach /init on -M pc" % name)
        boots[name].append(t)
        ns = ipi_roundtrip_ns(qemu, "pc", "4,sockets=4,cores=1,threads=1",
                              "pentium", bzimage(kunit), initrd, 120)
        if ns is None:
            sys.exit("bench-size: the kunit kernel %s printed no round trip "
                     "on -M pc -smp 4" % name)
        ipis[name].append(ns)
load = os.getloadavg()
print("On -M pc, alternating runs; load average %.2f %.2f %.2f, %d host CPUs"
      % (*load, os.cpu_count()))
table("Boot to /init on -M pc -smp 2 (s)", "%9.3f", boots, "without")
table("Cross-CPU call round trip, -smp 4 (ns)", "%9d", ipis, "without")
PYEOF
