#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the layering of the Voyager platform files from their objects.

The platform directory is layered (Documentation/arch/x86/i386/voyager.rst,
"Source layout"):

  0 hardware       files that touch one block of registers, or pure code
  1 services       the kernel roles built on them (interrupts, CPIs, time,
                   NMI, power, memory, the CAT inventory's interfaces)
  2 orchestration  start-up, CPU bring-up and hotplug, hook installation

A file may use a file of its own or a lower layer, never a higher one, and
the graph of uses between files must have no cycle.  Uses are read from
the objects: file A uses file B if A has an undefined symbol that B
defines (nm).  KUnit test objects (*_kunit.o) may use anything and are not
checked.

Usage: layers.py OBJDIR [--dot]
OBJDIR is a built arch/x86/platform/voyager/: the members of its
built-in.a are checked (every *.o if it has none).
Prints every use between files with its symbols, then the violations;
exits 1 on an unknown file, an upward use or a cycle.
"""
import argparse
import collections
import glob
import os
import subprocess
import sys

LAYERS = {
    # 0: hardware blocks and pure code
    "vic": 0, "qic": 0, "cat": 0, "cat_encode": 0, "sus": 0, "bios_table": 0,
    # 1: services
    "irq": 1, "ipi": 1, "time": 1, "nmi": 1, "power": 1, "memory": 1,
    "cat_sysfs": 1, "cat_debugfs": 1,
    # 2: orchestration
    "smpboot": 2, "setup": 2,
}
NAMES = {0: "hardware", 1: "service", 2: "orchestration"}


def symbols(obj):
    """(defined, undefined) global symbol sets of an object."""
    out = subprocess.run(["nm", obj], check=True, capture_output=True,
                         text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBRGSVW":
            defined.add(parts[2])
    return defined, undefined


def cycles(graph):
    """The strongly connected components with more than one file (Tarjan)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(n):
        index[n] = low[n] = counter[0]
        counter[0] += 1
        stack.append(n)
        on_stack.add(n)
        for m in sorted(graph.get(n, ())):
            if m not in index:
                visit(m)
                low[n] = min(low[n], low[m])
            elif m in on_stack:
                low[n] = min(low[n], index[m])
        if low[n] == index[n]:
            comp = []
            while True:
                m = stack.pop()
                on_stack.discard(m)
                comp.append(m)
                if m == n:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for n in sorted(graph):
        if n not in index:
            visit(n)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("objdir", help="the built arch/x86/platform/voyager/")
    ap.add_argument("--dot", action="store_true", help="print a dot graph")
    args = ap.parse_args()

    objs = {}
    # The objects the kernel links (built-in.a), not stale ones of files
    # that were renamed or removed; every *.o if there is no archive.
    archive = os.path.join(args.objdir, "built-in.a")
    if os.path.exists(archive):
        members = subprocess.run(["ar", "t", archive], check=True,
                                 capture_output=True, text=True).stdout.split()
        paths = [os.path.join(args.objdir, os.path.basename(m)) for m in members]
    else:
        paths = glob.glob(os.path.join(args.objdir, "*.o"))
    for o in sorted(paths):
        name = os.path.basename(o)[:-2]
        if name.endswith("_kunit") or name in ("built-in", "modules"):
            continue
        objs[name] = symbols(o)
    if not objs:
        print("layers: no objects in %s" % args.objdir)
        return 1
    owner = {}
    for name, (defined, _) in objs.items():
        for s in defined:
            owner[s] = name
    uses = collections.defaultdict(lambda: collections.defaultdict(set))
    for name, (_, undefined) in objs.items():
        for s in undefined:
            if s in owner and owner[s] != name:
                uses[name][owner[s]].add(s)

    rc = 0
    for name in sorted(objs):
        for dep in sorted(uses[name]):
            print("%s -> %s: %s" % (name, dep, " ".join(sorted(uses[name][dep]))))
    if args.dot:
        print("digraph voyager {")
        for name in sorted(uses):
            for dep in sorted(uses[name]):
                print('  "%s" -> "%s";' % (name, dep))
        print("}")
    for name in sorted(objs):
        if name not in LAYERS:
            print("FAIL: %s.o is in no layer (scripts/layers.py LAYERS)" % name)
            rc = 1
    for name in sorted(uses):
        for dep in sorted(uses[name]):
            if name in LAYERS and dep in LAYERS and LAYERS[dep] > LAYERS[name]:
                print("FAIL: %s (%s) calls up into %s (%s): %s"
                      % (name, NAMES[LAYERS[name]], dep, NAMES[LAYERS[dep]],
                         " ".join(sorted(uses[name][dep]))))
                rc = 1
    for comp in cycles({n: set(d) for n, d in uses.items()}):
        print("FAIL: cycle between " + ", ".join(comp))
        rc = 1
    if not rc:
        print("layers: %d files, no upward use, no cycle" % len(objs))
    return rc


if __name__ == "__main__":
    sys.exit(main())
