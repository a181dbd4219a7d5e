#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Port accesses per interrupt path on the emulated Voyager (make bench).

Boots the portcount test (tests/userland/portcount.c) on each layout with
the VIC and QIC trace events on, and reads the counts with
scripts/port-count.py: deterministic figures that carry to the hardware,
where a port access costs about a microsecond.  Printed beside the
hardware minimum of kernel-review.md section 3.  A benchmark, not a test:
the limits are checked by make check (irq-cost-*-counted).
"""
import json
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD", os.path.join(TOP, "build"))

TRACE = ["-trace", "voyager_vic_*", "-trace", "voyager_qic_*",
         "-trace", "voyager_cat_reg_read",
         "-chardev", "null,id=com3",
         "-device", "isa-serial,iobase=0x3e8,irq=10,chardev=com3"]

LAYOUTS = [
    ("mono", "voyager,cards=mono", 1, []),
    ("2 dyads", "voyager,cards=dyad:dyad", 4, []),
    ("4 dyads", "voyager,cards=dyad:dyad:dyad:dyad", 8, []),
    ("2 quads", "voyager,cards=quad:quad", 8, []),
    ("8 quads", "voyager,class=0x5100,slots=8,cards="
     + ":".join(["quad"] * 8), 32, ["-accel", "tcg,thread=single"]),
]

MINIMUM = {"master": "1", "slave": "2", "vic_cpi": "2", "qic_cpi": "1+2",
           "tick_own": "2", "tick_other": "1"}


def run_layout(label, machine, cpus, extra):
    name = "bench-ports-%d" % cpus + ("q" if "quad" in machine else "")
    cmd = [os.path.join(TOP, "scripts", "boot.sh"), "--name", name,
           "--machine", machine, "--cpus", str(cpus), "--tests", "portcount",
           "--timeout", "300", "--append",
           "voyager_portcount=/dev/ttyS1:3,/dev/ttyS2:10"]
    for arg in TRACE + extra:
        cmd += ["--qemu-arg", arg]
    boot = subprocess.run(cmd, capture_output=True, text=True)
    log = os.path.join(BUILD, "logs", "boot-%s.log" % name)
    out = log + ".ports.json"
    if boot.returncode:
        print("%s: the boot failed: %s" % (label, boot.stdout.strip()))
        return None
    count = subprocess.run(
        [sys.executable, os.path.join(TOP, "scripts", "port-count.py"),
         log, log + ".qemu-stderr", "--json", out],
        capture_output=True, text=True)
    if not os.path.exists(out):
        print("%s: port-count.py: %s" % (label, count.stdout.strip()))
        return None
    with open(out) as f:
        return json.load(f)


def fmt(value):
    return "-" if value is None else "%.2f" % value


def main():
    rows = []
    for label, machine, cpus, extra in LAYOUTS:
        fig = run_layout(label, machine, cpus, extra)
        if fig:
            rows.append((label, cpus, fig))
    print("Port accesses per path (VIC/QIC ports and the QIC CPI area, from "
          "the emulator's trace;")
    print("port 61h, the IRQ 0 latch, is not counted; minimum: "
          "kernel-review.md section 3)")
    head = ("layout", "CPUs", "master", "slave", "VIC CPI", "QIC CPI",
            "tick CPU0", "tick rest")
    line = "%-9s %4s %7s %7s %8s %11s %9s %9s"
    print(line % head)
    print(line % ("minimum", "", MINIMUM["master"], MINIMUM["slave"],
                  MINIMUM["vic_cpi"], MINIMUM["qic_cpi"],
                  MINIMUM["tick_own"], "1 each"))
    for label, cpus, fig in rows:
        irq = fig["irq"]
        vic_cpi = None
        if fig["cpi_receive"] is not None:
            vic_cpi = fig["cpi_receive"] + fig["cpi_send"]
        qic = "-"
        if fig["qic_port"] is not None:
            qic = "%.2f+%.2f" % (fig["qic_port"], fig["qic_mmio"])
        rest = None
        if fig["tick_all"] is not None:
            rest = fig["tick_all"] - fig["tick_own"]
        print(line % (label, cpus, fmt(irq.get("3", {}).get("own")),
                      fmt(irq.get("10", {}).get("own")), fmt(vic_cpi), qic,
                      fmt(fig["tick_own"]), fmt(rest)))
    print("VIC CPI: the FC00h writes per CPI delivered plus the receiver's "
          "accesses; QIC CPI: port + CPI-area")
    print("accesses per QIC CPI raised; tick rest: all receivers of one "
          "tick together.")
    return 0 if len(rows) == len(LAYOUTS) else 1


if __name__ == "__main__":
    sys.exit(main())
