#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""SCSI disk benchmark: the Voyager's MCA adapter against a PC's PCI one.

Issue 15 ("Speed"): sequential write and read of the emulated SCSI disk
on the Voyager against the same on -M pc with its own SCSI controller.
One kernel, build/linux-bench-scsi (configs/mca.config and
configs/bench-scsi.config: the MCA NCR 53C710 glue and the PCI sym53c8xx
driver), boots through scripts/boot.sh, with the test userland's
scsibench (tests/userland/scsibench.c), on

 * -M voyager: Level 5, one dyad card (2 CPUs), the disk on the default
   MCA adapter (01BAh) with -drive if=scsi,
 * -M voyager,level=4: the same on Level 4's on-board 01BBh adapter,
 * -M pc -smp 2: the disk on QEMU's PCI LSI 53C895A,

each with a fresh 64 MiB raw image, alternating machines over the runs
(five by default); each boot must show the kernel driving the adapter
meant.  scsibench writes --mb MiB (48) to /dev/sda in 64 KiB writes and
fsyncs, drops the page cache, reads it back in 64 KiB reads and checks
it; the guest's own clock times each phase (on the two-CPU Voyager that
is jiffies, 4 ms steps, hence 48 MiB rather than the program's 16; the
PC's is the TSC, or jiffies when its calibration fails: the table names
it).  The table gives the median MB/s (10^6 bytes) per machine and phase
and its ratio to -M pc.  These are TCG
wall-clock figures of the emulated adapters, not of the hardware, and
not a target.  The bench fails (one line, exit 1) if a boot fails or a
figure is missing; it never prints a figure it did not measure.

Usage: scripts/bench-scsi.py [--runs N] [--mb MIB] [--cpu MODEL]
                             [--timeout S] [--kernel BZIMAGE]
Environment: VOYAGER_QEMU overrides build/qemu/qemu-system-i386.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("BUILD", os.path.join(TOP, "build"))
IMAGE_MIB = 64
CLOCK_RE = re.compile(r"Switched to clocksource (\S+)")
FIGURE_RE = re.compile(r"# scsibench: (write|read) (\d+) MiB in (\d+) ms "
                       r"\((\d+\.\d+) MB/s\)")


def voyager_disk(img):
    return ["-drive", "file=%s,format=raw,if=scsi" % img]


def pc_disk(img):
    return ["-device", "lsi53c895a,id=scsi0",
            "-drive", "if=none,id=d0,file=%s,format=raw" % img,
            "-device", "scsi-hd,drive=d0,bus=scsi0.0"]


# (label, -M value, -smp value, adapter, QEMU arguments for the disk,
#  the console line that shows the kernel drove that adapter)
MACHINES = [
    ("voyager", "voyager", None, "MCA 53C710 01BAh", voyager_disk,
     r"mca: slot 0: id 01BAh"),
    ("voyager,level=4", "voyager,level=4", None, "MCA 53C710 01BBh",
     voyager_disk, r"mca: slot 0: id 01BBh"),
    ("pc -smp 2", "pc", "2,sockets=2,cores=1,threads=1", "PCI LSI 53C895A",
     pc_disk, r"sym0: <895a>"),
]
CPUS = 2


class BenchError(Exception):
    """A boot that failed or a figure that is missing."""


def run_once(key, machine, smp, disk, adapter_re, args, run):
    """One boot of scsibench on a fresh image.  Returns ({phase: MB/s},
    the guest's clocksource or None)."""
    name = "bench-scsi-%s-%d" % (re.sub(r"[^a-z0-9]+", "-", key), run)
    img = os.path.join(BUILD, name + ".img")
    log = os.path.join(BUILD, "logs", "boot-%s.log" % name)
    with open(img, "wb") as f:
        f.truncate(IMAGE_MIB << 20)
    cmd = [os.path.join(TOP, "scripts", "boot.sh"), "--name", name,
           "--machine", machine, "--cpus", str(CPUS), "--cpu", args.cpu,
           "--kernel", args.kernel, "--initrd", args.initrd,
           "--tests", "scsibench", "--timeout", str(args.timeout),
           "--append", "voyager_scsibench_mb=%d" % args.mb]
    if smp:
        cmd += ["--smp", smp]
    for arg in disk(img):
        cmd += ["--qemu-arg", arg]
    for expect in [adapter_re] + [r"# scsibench: %s %d MiB in \d+ ms"
                                  % (phase, args.mb)
                                  for phase in ("write", "read")]:
        cmd += ["--expect", expect]
    try:
        boot = subprocess.run(cmd, capture_output=True, text=True)
    finally:
        os.unlink(img)
    try:
        with open(log, errors="replace") as f:
            text = f.read()
    except OSError:
        text = ""
    if boot.returncode:
        verdict = (boot.stdout.strip() or boot.stderr.strip()).splitlines()
        said = re.findall(r"# scsibench: .*", text)
        raise BenchError("%s: the boot failed: %s%s" % (
            key, verdict[-1] if verdict else "boot.sh exit %d"
            % boot.returncode, " [%s]" % said[-1].strip() if said else ""))
    found = {m.group(1): float(m.group(4)) for m in FIGURE_RE.finditer(text)
             if int(m.group(2)) == args.mb and int(m.group(3)) > 0}
    for phase in ("write", "read"):
        if phase not in found:
            raise BenchError("%s: no %s figure in %s" % (key, phase, log))
    clock = CLOCK_RE.findall(text)
    return found, clock[-1] if clock else None


def cell(values):
    return "%.2f (%.2f..%.2f)" % (statistics.median(values), min(values),
                                  max(values))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5,
                    help="boots per machine (alternating); the median counts")
    # The guests' clock may step by a jiffy (4 ms): 48 MiB takes some
    # hundreds of ms at the rates seen.
    ap.add_argument("--mb", type=int, default=48,
                    help="MiB written and read per boot (at most %d)"
                    % IMAGE_MIB)
    ap.add_argument("--cpu", default="pentium",
                    help="QEMU CPU model on every machine")
    ap.add_argument("--timeout", type=int, default=300,
                    help="seconds per boot (boot.sh scales it by "
                    "VOYAGER_TIMEOUT_SCALE)")
    ap.add_argument("--kernel",
                    default=os.path.join(BUILD, "linux-bench-scsi/arch/x86/"
                                         "boot/bzImage"))
    ap.add_argument("--initrd", default=os.path.join(BUILD,
                                                     "initramfs.cpio.gz"))
    args = ap.parse_args()
    qemu = os.environ.get("VOYAGER_QEMU",
                          os.path.join(BUILD, "qemu/qemu-system-i386"))
    for f in (qemu, args.kernel, args.initrd):
        if not os.path.exists(f):
            print("bench-scsi: %s does not exist (make bench-scsi builds "
                  "what it needs)" % f, file=sys.stderr)
            return 1
    if args.runs < 1 or not 1 <= args.mb <= IMAGE_MIB:
        print("bench-scsi: want --runs >= 1 and --mb 1..%d" % IMAGE_MIB,
              file=sys.stderr)
        return 1

    rates = {key: {"write": [], "read": []} for key, *_ in MACHINES}
    clocks = {key: set() for key, *_ in MACHINES}
    try:
        for run in range(args.runs):
            for key, machine, smp, _, disk, adapter_re in MACHINES:
                found, clock = run_once(key, machine, smp, disk, adapter_re,
                                        args, run)
                clocks[key].add(clock or "unknown")
                for phase, rate in found.items():
                    rates[key][phase].append(rate)
    except BenchError as e:
        print("bench-scsi: FAIL %s" % e)
        return 1

    med = {key: {phase: statistics.median(v) for phase, v in r.items()}
           for key, r in rates.items()}
    base = med[MACHINES[-1][0]]
    load = os.getloadavg()
    print("SCSI sequential I/O: %d MiB to and from raw /dev/sda in 64 KiB "
          "requests (page cache dropped before the read), -cpu %s, %d CPUs;"
          % (args.mb, args.cpu, CPUS))
    print("median of %d alternating runs; load average %.2f %.2f %.2f, "
          "%d host CPUs" % (args.runs, *load, os.cpu_count()))
    line = "%-16s %-17s %-24s %-24s %8s %8s  %s"
    print(line % ("machine", "adapter", "write MB/s (min..max)",
                  "read MB/s (min..max)", "write/pc", "read/pc",
                  "guest clock"))
    for key, _, _, adapter, _, _ in MACHINES:
        m, r = med[key], rates[key]
        print(line % (key, adapter, cell(r["write"]), cell(r["read"]),
                      "%.2f" % (m["write"] / base["write"]),
                      "%.2f" % (m["read"] / base["read"]),
                      ",".join(sorted(clocks[key]))))
    print("TCG wall-clock figures of the emulated adapters, timed by the "
          "guest (MB = 10^6 bytes); not the hardware's, and no target.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
