#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Drive `make run`'s shell (scripts/run.sh) from a script.

    run-shell.py --log FILE [--timeout S] [--end CMD]
                 [--send CMD --expect REGEX]...

Starts scripts/run.sh (its environment picks the machine, the root and
the disk), waits for the shell's prompt, then for each --send types CMD
and requires REGEX in what the console prints before the next prompt.
Ends with `poweroff` (or the --end command) and requires the emulator
to exit by itself with status 0.  The whole console goes to --log.
Exit 0 when every step held,
1 with one line naming the step that did not.
"""

import argparse
import os
import re
import select
import subprocess
import sys
import time

PROMPT = b"voyager# "


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--timeout", type=float, default=180.0,
                    help="seconds for the whole session")
    ap.add_argument("--end", default="poweroff",
                    help="the command that ends the machine")
    ap.add_argument("--send", action="append", default=[])
    ap.add_argument("--expect", action="append", default=[])
    args = ap.parse_args()
    if len(args.send) != len(args.expect):
        sys.exit("run-shell.py: one --expect per --send, please")

    top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([os.path.join(top, "scripts", "run.sh")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + args.timeout
    out = bytearray()
    log = open(args.log, "wb")

    def read_until(pred, what):
        """Read the console until pred(out) holds; False on EOF/timeout."""
        while not pred(out):
            left = deadline - time.monotonic()
            if left <= 0:
                print(f"run-shell: timed out waiting for {what}")
                return False
            ready, _, _ = select.select([proc.stdout], [], [], left)
            if not ready:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                print(f"run-shell: the emulator ended while waiting for {what}")
                return False
            out.extend(chunk)
            log.write(chunk)
            log.flush()
        return True

    def send(cmd):
        proc.stdin.write(cmd.encode() + b"\n")
        proc.stdin.flush()

    ok = read_until(lambda o: PROMPT in o, "the first prompt")
    for cmd, regex in zip(args.send, args.expect):
        if not ok:
            break
        start = len(out)
        send(cmd)
        # The echo of the command, then its output, then a new prompt.
        ok = read_until(lambda o: PROMPT in o[start + len(cmd):],
                        f"the prompt after \"{cmd}\"")
        answer = out[start:].decode(errors="replace").replace("\r", "")
        if ok and not re.search(regex, answer, re.M):
            print(f"run-shell: \"{cmd}\" did not print /{regex}/:")
            print(answer)
            ok = False
        elif ok:
            print(f"ok: \"{cmd}\" printed /{regex}/")
    if ok:
        send(args.end)
        try:
            rest, _ = proc.communicate(timeout=max(deadline - time.monotonic(), 1))
            log.write(rest)
            out.extend(rest)
        except subprocess.TimeoutExpired:
            print("run-shell: the machine did not power off")
            ok = False
        if ok and proc.returncode != 0:
            print(f"run-shell: the emulator exited with status {proc.returncode}")
            ok = False
        if ok and b"voyager-init: done" not in out:
            print("run-shell: init did not end the machine")
            ok = False
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    log.close()
    print("run-shell: every step held" if ok else f"run-shell: see {args.log}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
