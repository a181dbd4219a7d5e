#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot-time benchmark: host seconds from QEMU start to /init.

The same bzImage and initramfs boot on each machine in turn (runs
alternate, so machine noise hits every machine alike); the time is taken
when the test init prints its first line.  Prints the median, min and max
per machine and the ratio of each median to the first machine's.  A
benchmark: it prints figures and never fails on a number.

Usage: scripts/bench-boot.py [--runs N] [--cpu MODEL]
                             [--machine NAME=QEMU-M-VALUE[,-smp SPEC]]...
"""
import argparse
import os
import statistics
import sys

from benchlib import boot_to_init

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD", os.path.join(TOP, "build"))

DEFAULT_MACHINES = [
    "isapc=isapc",
    "pc=pc",
    "voyager=voyager,cards=mono",
]


def boot_once(qemu, machine, smp, cpu, kernel, initrd, timeout):
    return boot_to_init(qemu, machine, smp, cpu, kernel, initrd, "",
                        timeout)[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    # isapc has no APIC, so a Pentium model (APIC bit set) hangs there.
    ap.add_argument("--cpu", default="486")
    ap.add_argument("--machine", action="append", default=None,
                    help="NAME=VALUE[,smp=SPEC]; first one is the baseline")
    ap.add_argument("--kernel",
                    default=os.path.join(BUILD, "linux/arch/x86/boot/bzImage"))
    ap.add_argument("--initrd", default=os.path.join(BUILD, "initramfs.cpio.gz"))
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    qemu = os.path.join(BUILD, "qemu/qemu-system-i386")

    machines = []
    for spec in args.machine or DEFAULT_MACHINES:
        name, value = spec.split("=", 1)
        smp = None
        if ",smp=" in value:
            value, smp = value.split(",smp=", 1)
        machines.append((name, value, smp))

    times = {name: [] for name, _, _ in machines}
    failures = {name: 0 for name, _, _ in machines}
    for run in range(args.runs):
        for name, value, smp in machines:
            t = boot_once(qemu, value, smp, args.cpu, args.kernel, args.initrd,
                          args.timeout)
            if t is None:
                failures[name] += 1
            else:
                times[name].append(t)
    load = os.getloadavg()
    print("Boot to /init, host seconds, -cpu %s, %d runs each (alternating); "
          "load average %.2f %.2f %.2f, %d host CPUs"
          % (args.cpu, args.runs, *load, os.cpu_count()))
    print("%-10s %8s %8s %8s %8s %6s" % ("machine", "median", "min", "max",
                                          "ratio", "fails"))
    base = None
    for name, _, _ in machines:
        t = times[name]
        if not t:
            print("%-10s %8s %8s %8s %8s %6d" % (name, "-", "-", "-", "-",
                                                  failures[name]))
            continue
        med = statistics.median(t)
        if base is None:
            base = med
        print("%-10s %8.3f %8.3f %8.3f %8.2f %6d"
              % (name, med, min(t), max(t), med / base, failures[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
