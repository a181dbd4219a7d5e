#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Count the VIC port accesses of each interrupt path from an emulator trace.

Input: the console log of a boot that ran tests/userland/portcount.c and the
QEMU trace of the same boot (-trace 'voyager_vic_*' -trace
voyager_cat_reg_read, log backend, on QEMU's stderr).

portcount brackets each measurement window with a read of the PSI's CAT
register 1 through debugfs (the trace's voyager_cat_reg_read ... reg 1)
and prints "# portcount window N: irq
I, C interrupts" (C from /proc/interrupts).  Inside a window every VIC port
access (the dyad's 20h/21h/A0h/A1h, the VIC registers FCxxh) is charged to
the interrupt its CPU last acknowledged (voyager_vic_intack), up to the
specific EOI that ends a device interrupt (its master line's, or the
cascade's for a slave IRQ); what that CPU does after the EOI and before
its next acknowledge (softirqs, the task it returns to) is counted apart.  A CPI
(vector C0h) is charged to the interrupt of the CPU that sent it, so the
"enable IRQ" CPIs a device interrupt causes, and what their receivers do,
count for that device interrupt.  Port 61h (the PIT latch on IRQ 0) is not
a VIC port and not counted.

Prints, per window, the accesses per handled interrupt of its IRQ, and over
all windows, per tick (IRQ 0 with its timer CPIs) and per CPI received.
--expect IRQ=N fails (exit 1) unless in every window of IRQ the CPU that
took an interrupt made at most N accesses for it up to its EOI, at most
AFTER_EOI_LIMIT per interrupt after it, and no interrupt was pushed on to
another CPU (taken by more CPUs than handled).  tests/port-count/flows.py
holds hand-written traces that show each rule failing.
"""
import argparse
import collections
import json
import re
import sys

CPI_VECTOR = 0xC0
# What the CPU that took an interrupt may do on the VIC after its EOI, per
# interrupt, before the next acknowledge: the odd reschedule CPI of a
# softirq or of the task it returned to (up to 3 in 80 seen), never the
# IMR unmask or the enable-IRQ CPIs of a flow that EOIs before its
# handler (2 or more on every interrupt).
AFTER_EOI_LIMIT = 0.25
IRQ_BASE = 0x30

INTACK = re.compile(r"voyager_vic_intack cpu (\d+) line (\d+) vector 0x([0-9a-f]+)")
DYAD = re.compile(r"voyager_vic_dyad_(read|write) cpu -?\d+ \(by (\d+)\) "
                  r"port 0x([0-9a-f]+) val 0x([0-9a-f]+)")
REG = re.compile(r"voyager_vic_reg_(read|write) cpu (-?\d+) port 0x([0-9a-f]+)")
CPI_SEND = re.compile(r"voyager_vic_cpi_send CPI level 0 to mask 0x([0-9a-f]+)")
QIC_PORT = re.compile(r"voyager_qic_reg_(?:read|write) ")
QIC_MMIO = re.compile(r"voyager_qic_area_(?:read|write) ")
QIC_CPI = re.compile(r"voyager_qic_cpi_send ")
MARKER = re.compile(r"voyager_cat_reg_read module 0x1a ASIC 0 reg 1 ")
WINDOW = re.compile(r"# portcount window (\d+): irq (\d+), (\d+) interrupts")


def kind_of(vector):
    if IRQ_BASE <= vector < IRQ_BASE + 16:
        return "irq%d" % (vector - IRQ_BASE)
    if vector == CPI_VECTOR:
        return "cpi"
    return "vector%02x" % vector


def windows_in_trace(lines):
    """Split the trace at the markers: the last 2*W reads bracket W windows."""
    marks = [i for i, line in enumerate(lines) if MARKER.search(line)]
    return marks


def closes(kind, port, val):
    """Is this dyad write the EOI that ends a device interrupt of kind?

    The specific EOI of its master line, or for a slave IRQ the cascade's
    (line 2), which the flow sends after the slave's own.
    """
    if not kind.startswith("irq") or port != 0x20 or val & 0xf8 != 0x60:
        return False
    irq = int(kind[3:])
    return val & 7 == (irq if irq < 8 else 2)


def count_window(lines):
    """Accesses charged to each interrupt kind, in one pass over a window.

    Returns a dict: Counters keyed by kind, "own" (the accesses of the CPU
    that took the interrupt, from its acknowledge to the EOI that ends it,
    CPI sends included), "after" (that CPU's accesses after the EOI until
    its next acknowledge: softirqs and the task it returned to), "fanout"
    (what the receivers of the CPIs sent before the EOI did), "episodes"
    (acknowledges); "cpi_episodes" and "cpi_access", the CPIs received and
    the accesses of their receivers; "cpi_sends", the VIC CPIs sent;
    "qic_port", "qic_mmio" and "qic_cpis", the QIC port and CPI-area
    accesses and the QIC CPIs raised; "episode_lines", the trace lines of
    every episode, for --explain.
    """
    current = {}          # cpu -> (what, kind charged)
    pending = collections.defaultdict(collections.deque)  # cpu -> origins
    own = collections.Counter()
    after = collections.Counter()
    fanout = collections.Counter()
    episodes = collections.Counter()
    cpi_episodes = 0
    cpi_access = 0
    last_reg_cpu = None
    trail = {}            # cpu -> trace lines of its current episode
    episode_lines = []    # (kind, lines) of every finished episode
    cpi_sends = qic_port = qic_mmio = qic_cpis = 0

    def charge(cpu, line):
        nonlocal cpi_access
        trail.setdefault(cpu, []).append(line)
        what, kind = current.get(cpu, ("none", "none"))
        if what == "cpi":
            fanout[kind] += 1
            cpi_access += 1
        elif what == "after":
            after[kind] += 1
        else:
            own[kind] += 1

    for line in lines:
        if QIC_PORT.search(line):
            qic_port += 1
        elif QIC_MMIO.search(line):
            qic_mmio += 1
        elif QIC_CPI.search(line):
            qic_cpis += 1
        m = INTACK.search(line)
        if m:
            cpu, vector = int(m.group(1)), int(m.group(3), 16)
            kind = kind_of(vector)
            if cpu in trail:
                episode_lines.append((current.get(cpu, ("none", "none")),
                                      trail.pop(cpu)))
            trail[cpu] = [line]
            if kind == "cpi":
                cpi_episodes += 1
                origin = pending[cpu].popleft() if pending[cpu] else "cpi?"
                current[cpu] = ("cpi", origin)
            else:
                episodes[kind] += 1
                current[cpu] = (kind, kind)
            continue
        m = DYAD.search(line)
        if m:
            cpu = int(m.group(2))
            charge(cpu, line)
            what, kind = current.get(cpu, ("none", "none"))
            if (m.group(1) == "write" and what == kind and
                    closes(kind, int(m.group(3), 16), int(m.group(4), 16))):
                current[cpu] = ("after", kind)
            continue
        m = REG.search(line)
        if m:
            last_reg_cpu = int(m.group(2))
            charge(last_reg_cpu, line)
            continue
        m = CPI_SEND.search(line)
        if m:
            cpi_sends += 1
        if m and last_reg_cpu is not None:
            what, origin = current.get(last_reg_cpu, ("none", "none"))
            if what == "after":
                origin = "after-" + origin
            mask = int(m.group(1), 16)
            for target in range(8):
                if mask & (1 << target):
                    pending[target].append(origin)
            trail.setdefault(last_reg_cpu, []).append(line)
    for cpu in trail:
        if cpu in current:
            episode_lines.append((current[cpu], trail[cpu]))
    return {"own": own, "after": after, "fanout": fanout,
            "episodes": episodes, "cpi_episodes": cpi_episodes,
            "cpi_access": cpi_access, "cpi_sends": cpi_sends,
            "qic_port": qic_port, "qic_mmio": qic_mmio, "qic_cpis": qic_cpis,
            "episode_lines": episode_lines}


def explain(episode_lines, kind, limit):
    """Print the trace lines of the episodes of kind that cost more."""
    shown = 0
    for (what, charged), lines in episode_lines:
        cost = 0
        for l in lines[1:]:
            m = DYAD.search(l)
            if m or REG.search(l):
                cost += 1
            if m and m.group(1) == "write" and closes(
                    kind, int(m.group(3), 16), int(m.group(4), 16)):
                break
        if what in (kind, "after") and charged == kind and cost > limit:
            print("  episode of %s, %d accesses up to its EOI:" % (kind, cost))
            for l in lines:
                print("    " + l.rstrip())
            shown += 1
            if shown == 5:
                print("  (only the first 5)")
                return


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("log", help="console log with the portcount lines")
    ap.add_argument("trace", help="QEMU trace (stderr of the boot)")
    ap.add_argument("--expect", action="append", default=[],
                    help="IRQ=N: at most N accesses per interrupt of IRQ")
    ap.add_argument("--json", metavar="FILE",
                    help="also write the figures as JSON (make bench)")
    ap.add_argument("--explain", action="store_true",
                    help="print the trace of every episode over its limit")
    args = ap.parse_args()

    with open(args.log, errors="replace") as f:
        wins = [tuple(int(g) for g in m.groups())
                for m in (WINDOW.search(l) for l in f) if m]
    with open(args.trace, errors="replace") as f:
        lines = f.readlines()
    marks = windows_in_trace(lines)
    if not wins or len(marks) < 2 * len(wins):
        print("port-count: %d windows on the console, %d markers in the trace"
              % (len(wins), len(marks)))
        return 1
    marks = marks[-2 * len(wins):]
    limits = {}
    for e in args.expect:
        irq, n = e.split("=")
        limits[int(irq)] = float(n)

    rc = 0
    ticks = tick_access = tick_own = cpis = cpi_access = cpi_sends = 0
    qic_port = qic_mmio = qic_cpis = 0
    figures = {"irq": {}}
    for i, (n, irq, handled) in enumerate(wins):
        w = count_window(lines[marks[2 * i] + 1:marks[2 * i + 1]])
        own, aft, fan, eps = w["own"], w["after"], w["fanout"], w["episodes"]
        kind = "irq%d" % irq
        if not handled:
            print("window %d: IRQ %d: no interrupt handled" % (n, irq))
            rc = 1
            continue
        per = own[kind] / handled
        later = aft[kind] / handled
        figures["irq"][irq] = {"handled": handled, "own": per,
                               "pushed_on": eps[kind] - handled,
                               "elsewhere": fan[kind] / handled,
                               "after_eoi": later}
        print("window %d: IRQ %d: %d handled, %d taken by a CPU (%d pushed "
              "on), %.2f VIC port accesses per interrupt on the CPU that "
              "took it up to its EOI, %.2f in CPIs it caused elsewhere, "
              "%.2f on that CPU after the EOI"
              % (n, irq, handled, eps[kind], eps[kind] - handled, per,
                 fan[kind] / handled, later))
        if irq in limits and (per > limits[irq] or eps[kind] > handled or
                              later > AFTER_EOI_LIMIT):
            print("  FAIL: want at most %g per interrupt up to its EOI, at "
                  "most %g after it, and none pushed on"
                  % (limits[irq], AFTER_EOI_LIMIT))
            rc = 1
            if args.explain:
                explain(w["episode_lines"], kind, limits[irq])
        ticks += eps["irq0"]
        tick_own += own["irq0"]
        tick_access += own["irq0"] + fan["irq0"]
        cpis += w["cpi_episodes"]
        cpi_access += w["cpi_access"]
        cpi_sends += w["cpi_sends"]
        qic_port += w["qic_port"]
        qic_mmio += w["qic_mmio"]
        qic_cpis += w["qic_cpis"]
    if ticks:
        print("tick: %d IRQ 0, %.2f VIC port accesses each (its EOI, the "
              "timer CPI write, the receivers' EOIs)" % (ticks, tick_access / ticks))
    if cpis:
        print("CPI received: %d, %.2f VIC port accesses each on the receiver"
              % (cpis, cpi_access / cpis))
    if qic_cpis:
        print("QIC CPIs: %d, %.2f QIC port and %.2f CPI-area accesses each"
              % (qic_cpis, qic_port / qic_cpis, qic_mmio / qic_cpis))
    figures.update({
        "ticks": ticks,
        "tick_own": tick_own / ticks if ticks else None,
        "tick_all": tick_access / ticks if ticks else None,
        "cpis_received": cpis,
        "cpi_receive": cpi_access / cpis if cpis else None,
        "cpi_send": cpi_sends / cpis if cpis else None,
        "qic_cpis": qic_cpis,
        "qic_port": qic_port / qic_cpis if qic_cpis else None,
        "qic_mmio": qic_mmio / qic_cpis if qic_cpis else None,
    })
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)
    return rc


if __name__ == "__main__":
    sys.exit(main())
