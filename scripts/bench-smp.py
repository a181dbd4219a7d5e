#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""SMP benchmark: the Voyager against a PC, same kernel, same CPU count.

In one run, alternating machines so that host noise hits both alike:

 * boot time to /init (host seconds from QEMU start to the test init's
   first line) of the default bzImage on -M voyager and on -M pc with 1,
   4 and 8 CPUs (Voyager layouts mono, dyad:dyad, dyad:dyad:dyad:dyad;
   PC -smp N), medians and the ratio voyager/pc (target <= 1.25);
 * the Voyager alone with 32 CPUs (an eight-slot 51xx with eight quad
   cards; a 32-CPU pc has no MP table from SeaBIOS, and the kernel no
   ACPI).  A cell where fewer CPUs came up than asked prints
   "n/a (fewer CPUs came up)";
 * the round trip of a cross-CPU function call, smp_call_function_single
   to a remote CPU, as the KUnit case voyager_ipi reports it
   ("# ipi_roundtrip_ns: N", the median of its batches) from the kunit
   bzImage on -M voyager,cards=dyad:dyad and on -M pc -smp 4; the median
   over the boots and the ratio (target <= 1.5);
 * the CAT probe time the kernel prints at every Level 5 boot ("probe
   took N us", measured with PIT channel 2 before the CPUs start), from
   the Voyager boots of the first table, per layout.

A benchmark: it prints a table and never fails on a number (exit 0 unless
the files it needs are missing).  It boots many machines: on a shared host
run it alone.

Usage: scripts/bench-smp.py [--runs N] [--ipi-runs N] [--cpu MODEL]
                            [--no-32] [--timeout S]
Environment: VOYAGER_QEMU overrides build/qemu/qemu-system-i386.
"""
import argparse
import os
import re
import statistics
import sys

from benchlib import IPI_APPEND, boot_to_init, ipi_ns_in

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD", os.path.join(TOP, "build"))
CPUS_RE = re.compile(rb"smp: Brought up \d+ nodes?, (\d+) CPUs?")
PROBE_RE = re.compile(rb"Voyager CAT: .*probe took (\d+) us")

# (CPUs, Voyager machine value); the PC is -M pc -smp N,sockets=N.
BOOT_ROWS = [
    (1, "voyager,cards=mono"),
    (4, "voyager,cards=dyad:dyad"),
    (8, "voyager,cards=dyad:dyad:dyad:dyad"),
]
# The 51xx: eight slots, class 5100h (qemu/docs/system/i386/voyager.rst).
# No PC baseline: SeaBIOS gives a 32-CPU pc no MP table and this kernel
# has no ACPI, so the PC comes up on one CPU.
ROW_32 = (32, "voyager,slots=8,class=0x5100,cards=" + ":".join(["quad"] * 8))
IPI_MACHINES = [
    ("voyager", "voyager,cards=dyad:dyad", None),
    ("pc", "pc", "4,sockets=4,cores=1,threads=1"),
]
BOOT_TARGET = 1.25
IPI_TARGET = 1.5


def boot_once(qemu, machine, smp, cpu, kernel, initrd, append, timeout):
    """Boot until the test init starts.  Returns (seconds or None,
    CPUs brought up or None, console bytes)."""
    elapsed, buf = boot_to_init(qemu, machine, smp, cpu, kernel, initrd,
                                append, timeout)
    m = CPUS_RE.search(buf)
    return elapsed, int(m.group(1)) if m else None, buf


def cat_probe_us(buf):
    """The CAT probe time a Level 5 boot printed, or None."""
    m = PROBE_RE.search(buf)
    return int(m.group(1)) if m else None


class Series:
    """Timings of one machine in one row, and why runs did not count."""

    def __init__(self):
        self.values = []
        self.short = 0      # fewer CPUs than asked
        self.fails = 0      # no /init (or no figure) before the timeout

    def median(self):
        return statistics.median(self.values) if self.values else None

    def cell(self, fmt):
        med = self.median()
        if not (self.values or self.short or self.fails):
            return "-"
        if med is None:
            return "n/a (fewer CPUs came up)" if self.short else "n/a (no /init)"
        return fmt % (med, min(self.values), max(self.values))


def pc_smp(n):
    return None if n == 1 else "%d,sockets=%d,cores=1,threads=1" % (n, n)


def ratio(a, b):
    return "%.2f" % (a / b) if a is not None and b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3,
                    help="boots per machine and CPU count")
    ap.add_argument("--ipi-runs", type=int, default=3,
                    help="kunit boots per machine for the round trip")
    ap.add_argument("--cpu", default="pentium",
                    help="QEMU CPU model on both machines")
    ap.add_argument("--no-32", action="store_true",
                    help="leave out the 32-CPU row")
    ap.add_argument("--timeout", type=float, default=120,
                    help="seconds per boot (32 CPUs get three times this)")
    ap.add_argument("--kernel",
                    default=os.path.join(BUILD, "linux/arch/x86/boot/bzImage"))
    ap.add_argument("--kunit-kernel",
                    default=os.path.join(BUILD, "linux/arch/x86/boot/bzImage"))
    ap.add_argument("--initrd", default=os.path.join(BUILD, "initramfs.cpio.gz"))
    args = ap.parse_args()
    qemu = os.environ.get("VOYAGER_QEMU",
                          os.path.join(BUILD, "qemu/qemu-system-i386"))
    for f in (qemu, args.kernel, args.initrd):
        if not os.path.exists(f):
            print("bench-smp: %s does not exist (make kernel qemu initramfs)" % f,
                  file=sys.stderr)
            return 1
    have_kunit = os.path.exists(args.kunit_kernel)

    rows = list(BOOT_ROWS) + ([] if args.no_32 else [ROW_32])
    boots = {(n, m): Series() for n, _ in rows for m in ("voyager", "pc")}
    ipi = {name: Series() for name, _, _ in IPI_MACHINES}
    probe = {n: Series() for n, _ in rows}

    for run in range(max(args.runs, args.ipi_runs if have_kunit else 0)):
        for n, vmachine in rows if run < args.runs else []:
            timeout = args.timeout * (3 if n > 8 else 1)
            machines = [("voyager", vmachine, None)]
            if n <= 8:
                machines.append(("pc", "pc", pc_smp(n)))
            for name, machine, smp in machines:
                t, up, buf = boot_once(qemu, machine, smp, args.cpu,
                                       args.kernel, args.initrd, "", timeout)
                if name == "voyager":
                    us = cat_probe_us(buf)
                    if us is None:
                        probe[n].fails += 1
                    else:
                        probe[n].values.append(us)
                s = boots[(n, name)]
                if up is not None and up < n:
                    s.short += 1
                elif t is None:
                    s.fails += 1
                else:
                    s.values.append(t)
        if not have_kunit or run >= args.ipi_runs:
            continue
        for name, machine, smp in IPI_MACHINES:
            t, up, buf = boot_once(qemu, machine, smp, args.cpu,
                                   args.kunit_kernel, args.initrd,
                                   IPI_APPEND,
                                   args.timeout)
            ns = ipi_ns_in(buf)
            s = ipi[name]
            if up is not None and up < 4:
                s.short += 1
            elif ns is None:
                s.fails += 1
            else:
                s.values.append(ns)

    load = os.getloadavg()
    print("SMP benchmark, -cpu %s, alternating runs; load average "
          "%.2f %.2f %.2f, %d host CPUs" % (args.cpu, *load, os.cpu_count()))
    print()
    print("Boot to /init, host seconds: median (min..max) of %d runs"
          % args.runs)
    print("%-5s %-34s %-26s %6s %7s %s" % ("CPUs", "voyager", "pc", "ratio",
                                          "target", "layout"))
    for n, vmachine in rows:
        v, p = boots[(n, "voyager")], boots[(n, "pc")]
        fmt = "%.3f (%.3f..%.3f)"
        notes = []
        for label, s in (("voyager", v), ("pc", p)):
            if s.short or s.fails:
                notes.append("%s: %d short, %d failed" % (label, s.short,
                                                          s.fails))
        print("%-5d %-34s %-26s %6s %7s %s%s"
              % (n, v.cell(fmt), p.cell(fmt), ratio(v.median(), p.median()),
                 "<= %.2f" % BOOT_TARGET if p.values else "-",
                 vmachine.split("cards=")[-1],
                 "  [" + "; ".join(notes) + "]" if notes else ""))
    print()
    print("CAT probe at boot (the kernel's own figure), us: median (min..max) "
          "of the Voyager boots above")
    print("%-5s %-26s %s" % ("CPUs", "probe", "layout"))
    for n, vmachine in rows:
        print("%-5d %-26s %s%s" % (n, probe[n].cell("%d (%d..%d)"),
                                   vmachine.split("cards=")[-1],
                                   "  [%d boots without the line]"
                                   % probe[n].fails if probe[n].fails else ""))
    print()
    if not have_kunit:
        print("Cross-CPU call round trip: no %s (make kernel)"
              % args.kunit_kernel)
        return 0
    print("Cross-CPU call round trip (smp_call_function_single, wait=1), ns: "
          "median (min..max) over %d kunit boots" % args.ipi_runs)
    fmt = "%d (%d..%d)"
    v, p = ipi["voyager"], ipi["pc"]
    print("%-26s %-26s %6s %7s" % ("voyager dyad:dyad (CPIs)",
                                   "pc -smp 4 (APIC)", "ratio", "target"))
    print("%-26s %-26s %6s %7s" % (v.cell(fmt), p.cell(fmt),
                                   ratio(v.median(), p.median()),
                                   "<= %.2f" % IPI_TARGET))
    return 0


if __name__ == "__main__":
    sys.exit(main())
