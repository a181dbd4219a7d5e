# SPDX-License-Identifier: GPL-2.0
"""Shared by the bench scripts: boot a machine and time it to /init."""

import os
import re
import select
import subprocess
import time

# Printed by the test /init as it starts.
MARKER = b"voyager-init: started"


def boot_to_init(qemu, machine, smp, cpu, kernel, initrd, append, timeout):
    """Boot until the test init starts, never blocking on a silent
    machine.  Returns (seconds or None, console bytes read)."""
    args = [qemu, "-M", machine, "-cpu", cpu, "-m", "256", "-nodefaults",
            "-display", "none", "-monitor", "none", "-serial", "stdio",
            "-no-reboot", "-kernel", kernel, "-initrd", initrd,
            "-append", ("console=ttyS0 voyager_end=reboot " + append).strip()]
    if smp:
        args += ["-smp", smp]
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    elapsed = None
    buf = b""
    try:
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                break
            ready, _, _ = select.select([proc.stdout], [], [], left)
            if not ready:
                break
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                break
            buf += chunk
            if MARKER in buf:
                elapsed = time.monotonic() - start
                break
    finally:
        proc.kill()
        proc.wait()
    return elapsed, buf


# Printed by the KUnit case voyager_ipi (arch-voyager/ipi_kunit.c).
IPI_RE = re.compile(rb"# ipi_roundtrip_ns: (\d+)")
IPI_APPEND = "kunit.enable=1 kunit.filter_glob=voyager_ipi*"


def ipi_ns_in(buf):
    """The round trip (ns) voyager_ipi printed on a console, or None."""
    m = IPI_RE.search(buf)
    return int(m.group(1)) if m else None


def ipi_roundtrip_ns(qemu, machine, smp, cpu, kernel, initrd, timeout):
    """Boot a kunit kernel with only the voyager_ipi suite and return the
    median cross-CPU call round trip it printed (ns), or None."""
    _, buf = boot_to_init(qemu, machine, smp, cpu, kernel, initrd,
                          IPI_APPEND, timeout)
    return ipi_ns_in(buf)
