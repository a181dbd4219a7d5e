#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a serial console log of a test boot.

A boot passes only if, on the whole console (the shutdown, restart and
power-off paths after the test userland's end marker included):
  * no splat appears (the lists of rcutorture's console-badness.sh and
    syzkaller's Linux oops table, expedited RCU stalls, dropped printk
    messages), and no message of level crit, alert or emerg (the console
    is run with console_msg_format=syslog so every line carries its
    level) but the kernel's own "reboot: ..." notice at the very end,
  * no error or warning of the port itself ("Voyager ...: ", "mca: ",
    "ncr_mca: ") that the boot does not declare with --expect, --allow or
    --allow-level,
and, before the end marker:
  * /init was reached,
  * the kernel brought up the expected number of CPUs,
  * a KTAP block was printed whose plan is complete, with at least one
    test and every line "ok", none "# SKIP" unless --allow-skip names it,
  * every --expect pattern was seen and no --reject pattern was.

--allow REGEX exempts the lines matching REGEX from the splat list, for a
boot that expects a line such as a port warning on purpose.  It is per
boot, never global, it does not exempt anything from the level check, and
it may not exempt a stack dump's own lines ("Call Trace:", "Tainted:"):
those are accepted only inside a window the boot names.

--allow-trace START[=>END] is that window, for a boot that asks for stack
dumps (the Voyager dump switch prints one for every CPU and task, sysrq-l
one per CPU): from a line matching START to the next one matching END (at
most TRACE_MAX_LINES lines), or the TRACE_OPEN_LINES lines after START
when there is no END, the stack dump lines are accepted, any number of
times.  A stack dump outside every window fails, and so does any other
splat inside one (a WARNING, a BUG, a lockup, a stall).

--expect-report START=>END (a report that must appear once, such as
genirq's "nobody cared") accepts the report's stack dump lines and its own
crit/alert/emerg lines, and nothing else: a new splat inside it fails.

Prints one verdict line ("PASS name: ..." or "FAIL name: reason (log: ...)")
and exits 0 or 1.
"""
import argparse
import json
import re
import sys

END_MARKER = "voyager-init: done"
INIT_MARKERS = ("Run /init as init process", "voyager-init: started")

# rcutorture console-badness.sh, plus syzkaller's oops titles.
BAD = [
    r"Badness", r"WARNING:", r"\bBUG\b", r"={11}", r"Call Trace:", r"Oops:",
    r"Oops\b", r"detected stalls on CPUs/tasks:",
    r"self-detected stall on CPU", r"Stall ended before state dump start",
    r"\?\?\? Writer stall state", r"rcu_.*kthread starved for", r"!!!",
    r"kernel BUG at", r"general protection fault", r"Unable to handle kernel",
    r"Kernel panic", r"BUG: unable to handle", r"invalid opcode:",
    r"divide error:", r"INFO: task .* blocked for more than",
    r"INFO: rcu_.* detected stalls", r"possible circular locking dependency",
    r"possible recursive locking", r"inconsistent lock state",
    r"sleeping function called from invalid context",
    r"scheduling while atomic", r"soft lockup", r"hard LOCKUP",
    r"UBSAN:", r"list_add corruption", r"list_del corruption",
    r"refcount_t:", r"trap invalid opcode", r"segfault at",
    r"Attempted to kill init", r"ODEBUG:", r"\bTainted:",
    r"detected expedited stalls", r"printk messages dropped",
]
# Lines that match BAD but are benign (from console-badness.sh).
BENIGN = [
    r"This means that this is a DEBUG kernel and it is",
    r"Warning: unable to open an initial console",
    r"Warning: Failed to add ttynull console",
    r"NOHZ tick-stop error: Non-RCU local softirq work is pending",
    r"Good, all \d+ testcases passed",
]
# How every boot ends, said at emergency level (kernel/reboot.c).
ENDINGS_RE = re.compile(r"^reboot: (?:Restarting system|Power down|System "
                        r"halted)")
# The port's own messages (the pr_fmt prefixes of arch-voyager and the
# MCA glue): an error or warning of these is a failure unless the boot
# declares it (--expect, --allow or --allow-level matches it).
PORT_RE = re.compile(r"^(?:Voyager[A-Za-z ]*|mca|ncr_mca): ")
BAD_RE = re.compile("|".join("(?:%s)" % p for p in BAD))
# The splat patterns a stack dump itself prints (dump_stack(), show_regs()):
# accepted inside a report or a trace window, where any other splat still
# starts a report of its own and fails.
STACK = [r"Call Trace:", r"\bTainted:"]
STACK_RE = re.compile("|".join("(?:%s)" % p for p in STACK))
BENIGN_RE = re.compile("|".join("(?:%s)" % p for p in BENIGN))
# "<N>" syslog prefix (console_msg_format=syslog), after a printk timestamp
# or at the start of the line.
LEVEL_RE = re.compile(r"^<(\d+)>")
CPUS_RE = re.compile(r"smp: Brought up \d+ nodes?, (\d+) CPUs?")
KTAP_RESULT_RE = re.compile(r"^(not ok|ok) (\d+)\b(.*)$")
KTAP_PLAN_RE = re.compile(r"^1\.\.(\d+)$")


def strip_line(line):
    """The message text: no CR, no syslog level prefix."""
    line = line.rstrip("\r\n")
    m = LEVEL_RE.match(line)
    level = None
    if m:
        level = int(m.group(1)) & 7
        line = line[m.end():]
    return level, line


REPORT_MAX_LINES = 80
# A trace window with an END: longer than this, it was not closed (the
# dump switch's task list is about 30 lines a task); without an END, its
# length (show_regs() prints about 15 lines before "Call Trace:").
TRACE_MAX_LINES = 4000
TRACE_OPEN_LINES = 40

# A kernel message that lands in the middle of a user-space line on the
# shared console: the kernel writes whole records ("<6>[   1.24] ...\n"),
# user space writes bytes, so "1..3\n" can come out as "1.." + records +
# "3\n" (or "KTAP version 1" + records + "\n").  Give each record its own
# line and join the user fragment with the rest of its line, the next
# line that is not a kernel record.
KMSG_START_RE = re.compile(r"(?<=.)(?=<[0-7]>\[\s*\d+\.\d+\])")
KMSG_LINE_RE = re.compile(r"^<[0-7]>\[\s*\d+\.\d+\]")


class Unsplitter:
    """The joining one console line at a time, as it is printed:
    feed(line) returns the lines it completes, end() what is left."""

    def __init__(self):
        self.fragment = ""

    def feed(self, line):
        out = []
        parts = KMSG_START_RE.split(line)
        if len(parts) > 1 and not KMSG_LINE_RE.match(parts[0]):
            self.fragment += parts.pop(0)
        for p in parts:
            if self.fragment and not KMSG_LINE_RE.match(p):
                p, self.fragment = self.fragment + p, ""
            out.append(p if p.endswith("\n") else p + "\n")
        return out

    def end(self):
        return [self.fragment + "\n"] if self.fragment else []


def split_interleaved(lines):
    u = Unsplitter()
    out = []
    for line in lines:
        out += u.feed(line)
    return out + u.end()


class TraceWindows:
    """The --allow-trace windows: feed(body) before judging each line,
    then inside says whether a stack dump line is accepted there."""

    def __init__(self, specs, reasons):
        self.specs = []
        self.reasons = reasons
        for spec in specs:
            start, sep, end = spec.partition("=>")
            if not start:
                reasons.append("--allow-trace %r: want START[=>END]" % spec)
                continue
            self.specs.append((start, end if sep else None))
        # Open windows: spec index -> lines left (END-less) or read.
        self.open = {}

    def feed(self, body):
        for i, (start, end) in enumerate(self.specs):
            if i in self.open:
                self.open[i] += 1
                if end is not None and re.search(end, body):
                    del self.open[i]
                    continue
                limit = TRACE_MAX_LINES if end else TRACE_OPEN_LINES
                if self.open[i] > limit:
                    del self.open[i]
                    if end:
                        self.reasons.append(
                            "trace window /%s/ not closed by /%s/ within "
                            "%d lines" % (start, end, limit))
            if re.search(start, body):
                self.open[i] = 0

    @property
    def inside(self):
        return bool(self.open)

    def finish(self):
        for i in self.open:
            start, end = self.specs[i]
            if end is not None:
                self.reasons.append("trace window /%s/ not closed by /%s/"
                                    % (start, end))


def judge(lines, cpus, expect, reject, allow_level=(), reports=(),
          allow=(), allow_skip=(), allow_trace=()):
    """Return a list of failure reasons (empty means pass) and facts.

    The whole console counts: after the end marker (the shutdown, restart
    and power-off paths, a second boot) splats, crit/alert/emerg lines
    other than the reboot notice and the port's undeclared errors still
    fail; the KTAP results, --expect and --reject are of the part before
    it.  A "# SKIP" result fails unless an allow_skip "TEST=REASON" names
    its test.
    """
    reasons = []
    facts = {}
    seen_init = False
    seen_end = False
    cpus_up = None
    # Each top-level "KTAP version 1" starts a document (KUnit prints one,
    # the test init another); indented lines are subtests, judged through
    # their parent's result line.
    docs = []
    seen_expect = set()
    # Expected reports ("START=>END"): splat and crit/alert/emerg lines
    # from a line matching START up to the next one matching END are
    # accepted, once each (genirq's "Disabling IRQ #N" is emerg).
    reports = [r.split("=>", 1) for r in reports]
    report_open = None
    report_lines = 0
    reports_seen = set()
    allow_re = re.compile("|".join("(?:%s)" % p for p in allow)) \
        if allow else None
    for a in allow:
        if re.search(a, "Call Trace:") or re.search(a, "Tainted: G W"):
            reasons.append("--allow %r exempts stack dumps everywhere: "
                           "name their window with --allow-trace" % a)
    traces = TraceWindows(allow_trace, reasons)
    skips = []
    for a in allow_skip:
        test, _, why = a.partition("=")
        if not test or not why.strip():
            reasons.append("--allow-skip %r: want TEST=REASON" % a)
            continue
        skips.append(test)

    def declared(body):
        return any(re.search(p, body) for p in
                   list(expect) + list(allow) + list(allow_level))

    for raw in lines:
        level, line = strip_line(raw)
        if END_MARKER in line:
            seen_end = True
            continue
        body = re.sub(r"^\[\s*\d+\.\d+\]\s?", "", line)
        traces.feed(body)
        stack_ok = traces.inside and STACK_RE.search(body)
        if seen_end:
            # no report is expected after the end marker
            if BAD_RE.search(body) and not BENIGN_RE.search(body) and \
                    not stack_ok and \
                    not (allow_re and allow_re.search(body)):
                reasons.append("splat after the end marker: %s"
                               % body.strip())
            elif level is not None and level <= 2 and \
                    not ENDINGS_RE.search(body) and \
                    not any(re.search(p, body) for p in allow_level):
                reasons.append("level %d message after the end marker: %s"
                               % (level, body.strip()))
            elif level is not None and level <= 4 and \
                    PORT_RE.search(body) and not declared(body):
                reasons.append("port error after the end marker: %s"
                               % body.strip())
            continue
        if report_open is None:
            for i, (start, end) in enumerate(reports):
                if i not in reports_seen and re.search(start, body):
                    report_open, report_lines = i, 0
                    reports_seen.add(i)
                    break
        in_report = report_open is not None
        if in_report:
            report_lines += 1
            if re.search(reports[report_open][1], body):
                report_open = None
            elif report_lines > REPORT_MAX_LINES:
                reasons.append("expected report /%s/ not closed by /%s/ "
                               "within %d lines" % (reports[report_open][0],
                                                    reports[report_open][1],
                                                    REPORT_MAX_LINES))
                report_open = None
                in_report = False
        if in_report:
            stack_ok = STACK_RE.search(body)
        if BAD_RE.search(body) and not BENIGN_RE.search(body) and \
                not stack_ok and not (allow_re and allow_re.search(body)):
            reasons.append("splat: %s" % body.strip())
        if level is not None and level <= 2 and not in_report and \
                not any(re.search(p, body) for p in allow_level):
            reasons.append("level %d message: %s" % (level, body.strip()))
        elif level is not None and level <= 4 and not in_report and \
                PORT_RE.search(body) and not declared(body):
            reasons.append("port error: %s" % body.strip())
        if any(m in body for m in INIT_MARKERS):
            seen_init = True
        m = CPUS_RE.search(body)
        if m:
            cpus_up = int(m.group(1))
        for pat in expect:
            if re.search(pat, body):
                seen_expect.add(pat)
        for pat in reject:
            if re.search(pat, body):
                reasons.append("rejected pattern /%s/: %s" % (pat, body.strip()))
        if body == "KTAP version 1":
            docs.append({"plan": None, "results": []})
            continue
        if docs:
            doc = docs[-1]
            m = KTAP_PLAN_RE.match(body)
            if m and doc["plan"] is None:
                doc["plan"] = int(m.group(1))
                continue
            m = KTAP_RESULT_RE.match(body)
            if m:
                doc["results"].append((m.group(1), int(m.group(2)),
                                       m.group(3).strip()))
    traces.finish()
    for i, (start, end) in enumerate(reports):
        if i not in reports_seen:
            reasons.append("expected report /%s/ not seen" % start)
    if report_open is not None:
        reasons.append("expected report /%s/ not closed by /%s/"
                       % tuple(reports[report_open]))
    if not seen_end:
        reasons.append("end marker '%s' not reached" % END_MARKER)
    if not seen_init:
        reasons.append("/init was not reached")
    if cpus is not None:
        if cpus_up is None and cpus == 1:
            # A UP boot (nosmp, or one CPU) may not print the smp line.
            cpus_up = 1
        if cpus_up != cpus:
            reasons.append("expected %d CPUs brought up, kernel said %s"
                           % (cpus, cpus_up))
    if not docs:
        reasons.append("no KTAP output")
    for i, doc in enumerate(docs):
        where = "KTAP document %d" % (i + 1)
        plan, results = doc["plan"], doc["results"]
        if plan is None:
            reasons.append("%s: plan missing" % where)
            continue
        if plan < 1:
            reasons.append("%s: plan runs no test" % where)
        if len(results) != plan:
            reasons.append("%s: plan 1..%d but %d results"
                           % (where, plan, len(results)))
        for res, num, desc in results:
            if res != "ok":
                reasons.append("%s: not ok %d %s" % (where, num, desc))
            elif re.search(r"#\s*SKIP", desc, re.I) and not any(
                    re.match(r"(?:%s)\b" % t, desc) for t in skips):
                reasons.append("%s: ok %d %s: a skip this boot does not "
                               "allow" % (where, num, desc))
    for pat in expect:
        if pat not in seen_expect:
            reasons.append("expected pattern /%s/ not seen" % pat)
    facts["cpus"] = cpus_up
    facts["tests"] = sum(len(d["results"]) for d in docs)
    facts["results"] = [{"document": i + 1, "number": num,
                         "name": desc.split("#")[0].strip(),
                         "result": "skip" if res == "ok" and
                         re.search(r"#\s*SKIP", desc, re.I) else
                         "pass" if res == "ok" else "fail",
                         "line": "%s %d %s" % (res, num, desc)}
                        for i, d in enumerate(docs)
                        for res, num, desc in d["results"]]
    return reasons, facts


def write_report(path, name, log, reasons, facts):
    """The verdict as data, one JSON file per boot (KernelCI-style: the
    boot, its result, the reasons and every KTAP result)."""
    report = {"name": name, "log": log,
              "result": "fail" if reasons else "pass",
              "reasons": reasons, "cpus": facts.get("cpus"),
              "tests": facts.get("results", [])}
    with open(path, "w") as f:
        json.dump(report, f, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("log")
    ap.add_argument("--name", default=None)
    ap.add_argument("--cpus", type=int, default=None,
                    help="CPUs the kernel must bring up")
    ap.add_argument("--expect", action="append", default=[],
                    help="regex that must appear before the end marker")
    ap.add_argument("--reject", action="append", default=[],
                    help="regex that must not appear before the end marker")
    ap.add_argument("--allow-level", action="append", default=[],
                    help="regex of crit/alert/emerg lines that are expected "
                    "(the torture suites report at alert level); the splat "
                    "patterns still apply to them")
    ap.add_argument("--expect-report", action="append", default=[],
                    metavar="START=>END",
                    help="a report that must appear once (e.g. genirq's "
                    "'nobody cared' stack dump): splat and crit/alert/emerg "
                    "lines from a line "
                    "matching START to the next matching END are accepted")
    ap.add_argument("--allow", action="append", default=[],
                    help="regex of splat lines this boot requests on purpose")
    ap.add_argument("--allow-trace", action="append", default=[],
                    metavar="START[=>END]",
                    help="stack dumps this boot asks for (the dump switch, "
                    "sysrq-l): their lines are accepted from a line "
                    "matching START to the next matching END, or the %d "
                    "lines after START; any other splat there still fails"
                    % TRACE_OPEN_LINES)
    ap.add_argument("--allow-skip", action="append", default=[],
                    metavar="TEST=REASON",
                    help="a test that may report # SKIP here, and why")
    ap.add_argument("--json", default=None, metavar="FILE",
                    help="also write the verdict, its reasons and every "
                    "KTAP result to FILE as JSON")
    ap.add_argument("--note", default="",
                    help="extra reason to report (e.g. a timeout)")
    ap.add_argument("--unsplit", action="store_true",
                    help="only print the console with each kernel record "
                    "on a line of its own and the user-space lines it "
                    "split joined again (scripts/boot.sh writes the log "
                    "that the checks read so)")
    args = ap.parse_args()
    name = args.name or args.log
    if args.unsplit:
        with open(args.log, errors="replace") as f:
            sys.stdout.writelines(split_interleaved(f.readlines()))
        return 0
    try:
        with open(args.log, errors="replace") as f:
            lines = split_interleaved(f.readlines())
    except OSError as e:
        print("FAIL %s: cannot read log: %s" % (name, e))
        if args.json:
            write_report(args.json, name, args.log,
                         ["cannot read log: %s" % e], {})
        return 1
    reasons, facts = judge(lines, args.cpus, args.expect, args.reject,
                           args.allow_level, args.expect_report,
                           args.allow, args.allow_skip, args.allow_trace)
    if args.note:
        reasons.insert(0, args.note)
    if args.json:
        write_report(args.json, name, args.log, reasons, facts)
    if reasons:
        more = " (+%d more)" % (len(reasons) - 3) if len(reasons) > 3 else ""
        print("FAIL %s: %s%s (log: %s)" % (name, "; ".join(reasons[:3]), more,
                                          args.log))
        return 1
    print("PASS %s: %s CPUs, %d KTAP tests ok (log: %s)"
          % (name, facts["cpus"], facts["tests"], args.log))
    return 0


if __name__ == "__main__":
    sys.exit(main())
