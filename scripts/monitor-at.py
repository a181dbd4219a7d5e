#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Drive the QEMU monitor from what a test boot prints.

Usage: monitor-at.py SOCKET LOG RECORD REGEX=COMMAND...

Watches the console LOG (as QEMU writes it) as it grows, its lines
joined as the oracle joins them: a user-space line that kernel records
split is one line again, each record one of its own (oracle.Unsplitter).
The REGEX=COMMAND pairs fire in order: the first is armed at once, each
next one once the previous has fired, and a pair fires on the first
console line (after the line that fired the previous pair) that matches
REGEX: COMMAND is then sent to the human monitor on the unix SOCKET.  So the same REGEX given twice means
"its next occurrence".  Every command sent, with the console line that
triggered it and the monitor's reply, is appended to RECORD, which the
test can check.  Ends when all pairs have fired or the monitor socket
goes away (QEMU ended); never blocks on a silent machine for longer than
the boot's own timeout, which kills it.

COMMAND may hold several monitor commands separated by " ;; ": they are
sent in order, each once the previous one answered (a `migrate` answers
when the migration has ended).
"""
import os
import re
import socket
import sys
import time

from oracle import Unsplitter

POLL = 0.1
# Waits are host wall clock; a loaded host stretches them, and
# VOYAGER_TIMEOUT_SCALE (scripts/lib.sh, the boots' own limits) stretches
# them with it (test audit 6, unscaled waits).  Each only bounds a failure:
# a reply or a socket that comes ends the wait at once.
SCALE = max(1.0, float(os.environ.get("VOYAGER_TIMEOUT_SCALE", "1") or 1))
REPLY_WAIT = 30.0 * SCALE
CONNECT_WAIT = 60.0 * SCALE
# A migration of a big guest under a loaded host takes longer.
MIGRATE_WAIT = 300.0 * SCALE


def connect(path):
    """Connect to the monitor socket, waiting for QEMU to create it."""
    deadline = time.monotonic() + CONNECT_WAIT
    while True:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                return None
            time.sleep(POLL)


def read_until_prompt(sock, timeout):
    """What the monitor says up to its next "(qemu) " prompt."""
    sock.settimeout(0.2)
    data = b""
    deadline = time.monotonic() + timeout
    while b"(qemu) " not in data and time.monotonic() < deadline:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            continue
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace")


def monitor_gone(sock):
    """True once QEMU closed the monitor (it ended)."""
    sock.settimeout(0)
    try:
        return sock.recv(4096) == b""
    except (BlockingIOError, socket.timeout):
        return False
    except OSError:
        return True


def main():
    if len(sys.argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    sock_path, log_path, record_path = sys.argv[1:4]
    pairs = []
    for arg in sys.argv[4:]:
        regex, sep, command = arg.partition("=")
        if not sep or not regex or not command:
            print("monitor-at: want REGEX=COMMAND, got %r" % arg,
                  file=sys.stderr)
            return 2
        pairs.append((re.compile(regex), command))

    sock = connect(sock_path)
    if sock is None:
        print("monitor-at: no monitor socket %s" % sock_path, file=sys.stderr)
        return 1
    read_until_prompt(sock, REPLY_WAIT)  # the banner
    start = time.monotonic()
    record = open(record_path, "a")
    pos = 0
    partial = ""
    joined = Unsplitter()
    while pairs:
        try:
            with open(log_path, errors="replace") as f:
                f.seek(pos)
                chunk = f.read()
                pos = f.tell()
        except OSError:
            chunk = ""
        lines = (partial + chunk).split("\n")
        partial = lines.pop()
        lines = [j.rstrip("\n")
                 for raw in lines for j in joined.feed(raw + "\n")]
        for line in lines:
            if not pairs:
                break
            regex, command = pairs[0]
            if not regex.search(line):
                continue
            pairs.pop(0)
            for one in command.split(" ;; "):
                try:
                    sock.sendall((one + "\n").encode())
                except OSError:
                    record.write("monitor gone before %r\n" % one)
                    return 1
                wait = MIGRATE_WAIT if one.startswith("migrate") else REPLY_WAIT
                reply = read_until_prompt(sock, wait)
                reply = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "",
                               reply.replace("(qemu) ", "")).strip()
                record.write("sent %r at %.1f s on: %s\nreply: %s\n"
                             % (one, time.monotonic() - start, line.strip(),
                                reply))
                record.flush()
        if pairs:
            if monitor_gone(sock):
                record.write("QEMU ended before %r was sent\n" % pairs[0][1])
                return 1
            time.sleep(POLL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
