#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hand-written traces for scripts/port-count.py: the fasteoi flow passes,
the flows it replaced fail.

Usage: flows.py FLOW DIR -- writes DIR/FLOW.log (console) and
DIR/FLOW.trace (what QEMU's trace events would say): 80 interrupts of
IRQ 3 on hardware CPU 0 of a two-dyad box, inside one marker window.
FLOW is one of:
  fasteoi      handler, then the specific EOI: 1 access
  eoi-first    the kernel-review 1.1 flow: IMR mask, EOI, handler, IMR
               unmask and an enable-IRQ CPI to the three other CPUs,
               each of which EOIs it
  handler-cpi  fasteoi, but the handler wakes a task elsewhere: one
               CPI write before the EOI
"""
import os
import sys

MARK = "voyager_cat_reg_read module 0x1a ASIC 0 reg 1 val 0x0\n"


def episode(flow):
    ack = ["voyager_vic_intack cpu 0 line 3 vector 0x33\n"]
    eoi = ["voyager_vic_dyad_write cpu 0 (by 0) port 0x20 val 0x63\n"]
    if flow == "fasteoi":
        return ack + eoi
    if flow == "handler-cpi":
        return ack + ["voyager_vic_reg_write cpu 0 port 0xfc00 val 0x20\n",
                      "voyager_vic_cpi_send CPI level 0 to mask 0x20\n"] + eoi
    # eoi-first
    lines = ack + ["voyager_vic_dyad_write cpu 0 (by 0) port 0x21 val 0xf8\n"]
    lines += eoi
    lines += ["voyager_vic_dyad_write cpu 0 (by 0) port 0x21 val 0xf0\n",
              "voyager_vic_reg_write cpu 0 port 0xfc00 val 0x32\n",
              "voyager_vic_cpi_send CPI level 0 to mask 0x32\n"]
    for cpu in (1, 4, 5):
        lines += ["voyager_vic_intack cpu %d line 0 vector 0xc0\n" % cpu,
                  "voyager_vic_dyad_write cpu %d (by %d) port 0x20 val 0x60\n"
                  % (cpu, cpu)]
    return lines


def main():
    flow, out = sys.argv[1], sys.argv[2]
    # A CPU whose first access in the window comes before any acknowledge
    # of its own (here an IMR write of CPU 6): charged to no interrupt.
    trace = [MARK, "voyager_vic_dyad_write cpu 6 (by 6) port 0x21 val 0xfb\n"]
    for _ in range(80):
        trace += episode(flow)
    trace += ["voyager_vic_intack cpu 6 line 0 vector 0xc0\n", MARK]
    with open(os.path.join(out, flow + ".trace"), "w") as f:
        f.writelines(trace)
    with open(os.path.join(out, flow + ".log"), "w") as f:
        f.write("# portcount window 1: irq 3, 80 interrupts\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
