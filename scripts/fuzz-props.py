#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Random machine properties, device properties and monitor events against
the emulated Voyager: what generic-fuzz does not reach (it fuzzes the
guest's port and memory accesses of one machine layout).

Each trial starts QEMU with random values for the Voyager machine's
properties (-M voyager,...), the memory size, -global values of the CAT
and VIC, and up to three Micro Channel cards with random properties.
QEMU must either start or refuse with exactly one line on stderr and
exit status 1.  Every --run-every'th trial that starts runs the firmware
(no kernel: SeaBIOS finds nothing to boot) and gets a random sequence of
monitor events: qom-set of every property of the Voyager's devices and
machine (the run-time faults, the PSI events, values out of range, the
properties that may not change), the power and dump switches, stop,
cont, system_reset and the `info voyager` queries.  QEMU must answer
every command, still answer query-status at the end, and quit with
status 0.  A crash, a hang (10 s without an answer), a refusal that is
not one line, or an exit status other than 0 or 1 is a finding: the
trial's command line and events are printed, and the exit status is 1.

Usage: scripts/fuzz-props.py [--seed N] [--trials N] [--run-every N]
                             [--events N] [--trial N] QEMU
"""

import argparse
import json
import os
import random
import select
import subprocess
import sys
import time

ANSWER_S = 10

INTS = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 127, 128, 254,
        255, 256, 4095, 65535, 65536, 2**31 - 1, 2**31, 2**32 - 1, 2**32,
        2**64 - 1, -1, -128]
JUNK = ["", "x", "0x", "-", ":", "=", "0x1g", "1e3", " 1", "on", "auto",
        "9" * 30]
CARDS = ["mono", "dyad", "quad", "quad2", "empty", "Dyad", "", "x"]
CHOICES = {
    "cpu-cr4": ["auto", "on", "off"],
    "apicbase-bsp": ["boot", "all", "none"],
    "irq0-ack": ["port61", "inta", "auto"],
    "fault-bios-table": ["on", "off", "level3", "absent"],
}
MACHINE_PROPS = ["level", "class", "slots", "cards", "boot-cpu", "park-acks",
                 "cpu-cr4", "apicbase-bsp", "irq0-ack", "fault-dead-cpu",
                 "fault-stuck-irq", "fault-cat-module", "fault-cpi-storm",
                 "fault-bios-table", "fault-clickmap", "fault-sys-int",
                 "mca-scsi"]
# The machine properties of the trials that run: those whose plausible
# values all start a machine, so that most runs reach the events.
RUN_PROPS = ["cards", "cpu-cr4", "apicbase-bsp", "irq0-ack",
             "fault-stuck-irq", "fault-cpi-storm", "fault-clickmap",
             "fault-sys-int", "mca-scsi"]
GLOBALS = {
    "voyager-cat": ["ac-fail", "battery-fail", "dc-fail", "dump-status",
                    "major-fault", "psi-read-all", "psi-read-all-selection",
                    "cmn-repeat-us", "connect-sticky", "config-id-cpus",
                    "eprom-table-offset", "fault-eprom", "fault-garbage",
                    "fault-module"],
    "voyager-vic": ["cpi-storm", "glitch-irq", "stuck-irq", "masquerade",
                    "dyad-trigger"],
}
CARD_PROPS = {
    "ncr53c710-mca": ["slot", "card-id", "fault-pos", "iobase", "irq"],
    "ncr-d700-mca": ["slot", "fault-pos", "iobase", "irq", "differential",
                     "siop-base"],
    "ne2-mca": ["slot", "card-id", "fault-pos", "iobase", "irq"],
}
MEMORY_MB = [1, 2, 4, 16, 64, 256, 1024, 2048, 3072, 3584, 4096, 8192]
# QOM properties no user sets on a running device: setting them is a
# different test (device unplug), not a property's value.
QOM_SKIP = {"realized", "hotpluggable", "hotplugged", "parent_bus", "type",
            "memory", "container"}
HMP = ["info voyager", "info voyager vic", "info voyager cat",
       "info irq", "info pic", "info mtree -f", "nmi", "info cpus"]


# Values a user would plausibly give, per property: a trial made of these
# alone mostly starts, so the run-time events reach a running machine.
SANE = {
    "level": ["4", "5"],
    "class": ["0x3360", "0x3430", "0x3435", "0x3450", "0x3451", "0x3500"],
    "slots": ["4", "8"],
    "boot-cpu": ["0", "1", "4", "5"],
    "park-acks": ["0", "1", "2", "8"],
    "fault-dead-cpu": ["1", "4", "5", "8", "9", "255"],
    "fault-stuck-irq": ["3", "5", "7", "9", "15", "255"],
    "fault-cat-module": ["0", "16", "17", "26", "0x43"],
    "fault-cpi-storm": ["0", "100", "3000"],
    "cmn-repeat-us": ["0", "1000", "100000"],
    "eprom-table-offset": ["88", "0", "4096"],
    "fault-eprom": ["0", "1", "2", "3"],
    "fault-garbage": ["0", "1", "16", "26"],
    "fault-module": ["0", "16", "17", "26"],
    "cpi-storm": ["0", "10", "1000"],
    "glitch-irq": ["-1", "3", "7", "15"],
    "stuck-irq": ["-1", "3", "7", "15"],
    "slot": ["1", "2", "3", "4", "5", "6", "7"],
    "iobase": ["0x800", "0x1000", "0x6000", "0xc3d0"],
    "irq": ["3", "5", "9", "11", "12", "14", "15"],
    "differential": ["0", "2", "3"],
    "siop-base": ["0x6100", "0x6200"],
    "card-id": ["0x1ba", "0x1bb", "0x4f", "0x7154", "0x6354", "0x70de"],
    "fault-pos": ["4=04", "2=00", "3=ff", "5=0", "4=04:5=01"],
}


def value(rnd, name, sane=False):
    """A random value for the property NAME: with SANE, one a user would
    plausibly give; else mostly plausible, some out of range, some junk."""
    if sane:
        if name == "cards":
            return ":".join(rnd.choice(["mono", "dyad", "quad", "quad2",
                                        "empty"])
                            for _ in range(rnd.randint(1, 4)))
        if name in CHOICES:
            return rnd.choice(CHOICES[name])
        if name in SANE:
            return rnd.choice(SANE[name])
        return rnd.choice(["on", "off"])
    if rnd.random() < 0.1:
        return rnd.choice(JUNK)
    if name in SANE and rnd.random() < 0.5:
        return rnd.choice(SANE[name])
    if name == "cards":
        return ":".join(rnd.choice(CARDS) for _ in range(rnd.randint(0, 9)))
    if name == "class":
        return rnd.choice(["0x%04x" % rnd.randrange(65536),
                           "0x3450", "0x3360", "0x3430", "0x3400",
                           "%x" % rnd.randrange(2**20)])
    if name in CHOICES:
        return rnd.choice(CHOICES[name] + ["maybe"])
    if name == "fault-pos":
        return ":".join("%d=%x" % (rnd.randint(0, 9), rnd.randrange(512))
                        for _ in range(rnd.randint(1, 4)))
    if name in ("masquerade", "dyad-trigger"):
        return rnd.choice(["on", "off", "level", "edge", "0", "1", "x"])
    if name == "card-id":
        return "0x%x" % rnd.choice([0x1ba, 0x1bb, 0x4f, 0x7154, 0x6354,
                                    0x70de, 0, 0xffff, rnd.randrange(2**17)])
    if name.endswith("fail") or name.startswith("psi-") or name in (
            "dump-status", "major-fault", "connect-sticky",
            "config-id-cpus", "fault-clickmap", "fault-sys-int",
            "mca-scsi"):
        return rnd.choice(["on", "off", "true", "false", "yes", "2"])
    return str(rnd.choice(INTS + [rnd.randrange(2**16)]))


def command_line(rnd, qemu, sane, run):
    """A random QEMU command line for one trial (SANE: plausible values;
    RUN: a machine that should start, for the events)."""
    props = rnd.sample(RUN_PROPS if run else MACHINE_PROPS,
                       rnd.randint(0, 2 if run else 4))
    machine = ",".join(["voyager"] + ["%s=%s" % (p, value(rnd, p, sane))
                                      for p in props])
    mem = rnd.choice(MEMORY_MB[3:9] if sane else MEMORY_MB)
    args = [qemu, "-M", machine, "-m", str(mem),
            "-nodefaults", "-display", "none", "-qmp", "stdio"]
    for _ in range(rnd.randint(0, 2)):
        dev = rnd.choice(list(GLOBALS))
        p = rnd.choice(GLOBALS[dev])
        args += ["-global", "%s.%s=%s" % (dev, p, value(rnd, p, sane))]
    for _ in range(rnd.randint(0, 3)):
        card = rnd.choice(list(CARD_PROPS))
        ps = rnd.sample(CARD_PROPS[card], rnd.randint(0, 3))
        args += ["-device", ",".join(
            [card] + ["%s=%s" % (p, value(rnd, p, sane)) for p in ps])]
    return args


class Qmp:
    """QMP over the child's stdin and stdout, each answer within ANSWER_S."""

    def __init__(self, proc):
        self.proc = proc
        self.buf = b""

    def _line(self):
        end = time.monotonic() + ANSWER_S
        while b"\n" not in self.buf:
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer in %d s" % ANSWER_S)
            ready, _, _ = select.select([self.proc.stdout], [], [], left)
            if ready:
                data = os.read(self.proc.stdout.fileno(), 65536)
                if not data:
                    raise EOFError("QEMU closed the monitor")
                self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def greeting(self):
        return self._line()

    def cmd(self, name, **arguments):
        msg = {"execute": name}
        if arguments:
            msg["arguments"] = arguments
        self.proc.stdin.write(json.dumps(msg).encode() + b"\n")
        self.proc.stdin.flush()
        while True:
            reply = self._line()
            if "return" in reply or "error" in reply:
                return reply


def qom_targets(qmp):
    """(path, property, type) of every property of the machine and of the
    Voyager's own devices (the types named voyager-*, the MCA cards)."""
    found = []
    todo = ["/machine"]
    while todo:
        path = todo.pop()
        owner = None
        reply = qmp.cmd("qom-list", path=path)
        for p in reply.get("return", []):
            t = p["type"]
            if t.startswith("child<"):
                todo.append(path.rstrip("/") + "/" + p["name"])
                continue
            if t.startswith("link<") or p["name"] in QOM_SKIP:
                continue
            if owner is None:
                owner = qmp.cmd("qom-get", path=path,
                                property="type").get("return", "")
            if path == "/machine" or owner.startswith("voyager-") or \
                    owner in CARD_PROPS or owner.startswith("ncr-d700"):
                found.append((path, p["name"], t))
    return found


def qom_value(rnd, name, kind):
    """A JSON value for qom-set of NAME, of QOM type KIND (or a wrong one)."""
    if rnd.random() < 0.1:
        return rnd.choice(["x", -1, 2**40, True, [], {}])
    if kind == "bool":
        return rnd.choice([True, False])
    if kind in ("str", "string"):
        return value(rnd, name)
    return rnd.choice(INTS + [rnd.randrange(2**16)])


def events(rnd, qmp, count, log):
    """COUNT random monitor events; every one must be answered."""
    targets = qom_targets(qmp)
    for _ in range(count):
        r = rnd.random()
        if r < 0.7 and targets:
            path, name, kind = rnd.choice(targets)
            args = {"path": path, "property": name,
                    "value": qom_value(rnd, name, kind)}
            log.append(("qom-set", args))
            qmp.cmd("qom-set", **args)
        elif r < 0.85:
            hmp = rnd.choice(HMP)
            log.append(("human-monitor-command", hmp))
            qmp.cmd("human-monitor-command", **{"command-line": hmp})
        else:
            name = rnd.choice(["stop", "cont", "system_reset",
                               "inject-nmi"] * 3 + ["system_powerdown"])
            log.append((name, None))
            qmp.cmd(name)
        time.sleep(rnd.choice([0, 0, 0.001, 0.01, 0.05]))


def trial(rnd, qemu, run, nevents):
    """One trial; returns (outcome, description) with outcome one of
    "refused", "started", "ran", "off" (the machine powered itself off
    during the events) or "finding"."""
    # Half the trials plausible, and every one that runs the machine.
    args = command_line(rnd, qemu, run or rnd.random() < 0.5, run)
    if not run:
        args.append("-S")
    log = []
    proc = subprocess.Popen(args, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    qmp = Qmp(proc)
    phase = "start"
    try:
        # QEMU greets before it builds the machine: a refusal ends the
        # monitor after the greeting.
        qmp.greeting()
        qmp.cmd("qmp_capabilities")
        phase = "run"
        if run:
            events(rnd, qmp, nevents, log)
        status = qmp.cmd("query-status")
        if "return" not in status:
            raise RuntimeError("query-status: %s" % status)
        phase = "quit"
        qmp.cmd("quit")
    except (EOFError, BrokenPipeError):
        pass
    except (TimeoutError, RuntimeError) as e:
        proc.kill()
        proc.wait()
        err = proc.stderr.read().decode(errors="replace")
        return "finding", describe(args, log, "%s; stderr: %s" % (e, err))
    try:
        rc = proc.wait(ANSWER_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return "finding", describe(args, log, "still running %d s after %s"
                                   % (ANSWER_S, phase))
    err = proc.stderr.read().decode(errors="replace")
    lines = [x for x in err.splitlines() if x.strip()]
    if phase == "start":
        if rc == 1 and len(lines) == 1 and lines[0].startswith(
                os.path.basename(qemu) + ": "):
            return "refused", ""
        return "finding", describe(
            args, log, "ended at start with status %d and %d stderr "
            "lines: %s" % (rc, len(lines), err))
    if rc != 0:
        return "finding", describe(args, log, "ended with status %d in %s: "
                                   "%s" % (rc, phase, err))
    if phase == "run" and not run:
        return "finding", describe(args, log, "a stopped machine ended: "
                                   + err)
    if phase == "run":
        return "off", ""
    return ("ran" if run else "started"), ""


def describe(args, log, what):
    shown = " ".join("'%s'" % a if (" " in a or not a) else a for a in args)
    text = "%s\n  command: %s" % (what, shown)
    for name, arg in log:
        text += "\n  event: %s %s" % (name, json.dumps(arg))
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("qemu")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--trials", type=int, default=200)
    ap.add_argument("--run-every", type=int, default=8,
                    help="every Nth trial runs the machine with events")
    ap.add_argument("--events", type=int, default=40)
    ap.add_argument("--trial", type=int, default=None,
                    help="run only trial N of the seed (to reproduce one)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    print("fuzz-props: seed %d, %d trials" % (seed, args.trials), flush=True)
    counts = {"refused": 0, "started": 0, "ran": 0, "off": 0, "finding": 0}
    wanted = range(args.trials) if args.trial is None else [args.trial]
    for i in wanted:
        rnd = random.Random("%d/%d" % (seed, i))
        run = args.run_every > 0 and i % args.run_every == 0
        outcome, text = trial(rnd, args.qemu, run, args.events)
        counts[outcome] += 1
        if outcome == "finding":
            print("FINDING in trial %d (--seed %d): %s" % (i, seed, text),
                  flush=True)
    print("fuzz-props: %d refused with one line, %d started, %d ran %d "
          "events, %d powered off during them, %d findings"
          % (counts["refused"], counts["started"], counts["ran"],
             args.events, counts["off"], counts["finding"]))
    return 1 if counts["finding"] else 0


if __name__ == "__main__":
    sys.exit(main())
