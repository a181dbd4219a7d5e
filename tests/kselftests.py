#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hold a Voyager's kernel selftest results against a PC's.

Usage: kselftests.py LIST PC_LOG VOYAGER_LOG [VOYAGER_LOG...]
       kselftests.py --self-test
       kselftests.py --entries LIST   (the list's tests, for the builder)

LIST is tests/kselftests.list; each LOG is the console of a boot that
ran /tests/kselftests, whose lines "# kselftest ID: pass|skip|fail ..."
give each test's result.  Passes when:
  - every test of LIST has a result in every log (none was lost);
  - every test of LIST passes on the PC, except those marked
    "pc-may-fail" (the PC is the control: a test that fails there
    proves nothing on the Voyager);
  - every test that passes on the PC passes on each Voyager;
  - of an excused test that fails on the PC, every KTAP case that passes
    on the PC ("# kselftest-case ID [N]: pass") passes on each Voyager
    (or the whole test passes there);
  - except for a test marked "voyager-may-fail", whose Voyager results
    are shown and not judged (the list says which limit of the platform
    it runs into).
Prints the table either way.
"""
import re
import sys

RESULT = re.compile(r"^# kselftest (.+): (pass|skip|fail)\b(.*)$")
CASE = re.compile(r"^# kselftest-case (.+) \[([0-9]+)\]: (pass|skip|fail)$")


LIMIT = 180      # seconds a test may run unless the list says limit=


def read_entries(path):
    """The list's tests in order, each a dict: id, suite, prog, args,
    limit (seconds) and excused ("", "pc-may-fail" or
    "voyager-may-fail").  The one reader of the list's format:
    scripts/build-selftests.sh takes it from --entries."""
    entries = []
    for line in open(path):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        excused = ""
        if words[0] in ("pc-may-fail", "voyager-may-fail"):
            excused = words.pop(0)
        limit = LIMIT
        if words[0].startswith("limit="):
            limit = int(words.pop(0)[len("limit="):])
        suite, prog, args = words[0], words[1], words[2:]
        entries.append({"id": " ".join([suite + "/" + prog] + args),
                        "suite": suite, "prog": prog, "args": args,
                        "limit": limit, "excused": excused})
    return entries


def read_list(path):
    """[(id, excused)] in the list's order."""
    return [(e["id"], e["excused"]) for e in read_entries(path)]


def read_results(text):
    """{id: (result, {case: result})} from a console."""
    results = {}
    cases = {}
    for line in text.replace("\r", "").split("\n"):
        m = RESULT.match(line)
        if m:
            results[m.group(1)] = (m.group(2), cases.setdefault(m.group(1), {}))
            continue
        m = CASE.match(line)
        if m:
            cases.setdefault(m.group(1), {})[int(m.group(2))] = m.group(3)
    return results


def case_problems(test, pc, name, voyager):
    """Cases of an excused TEST that pass on the PC but not on VOYAGER."""
    if voyager.get(test, ("missing",))[0] == "pass":
        return []
    pc_cases = pc.get(test, ("missing", {}))[1]
    voy_cases = voyager.get(test, ("missing", {}))[1]
    return ["case %d passes on the PC, %s on %s"
            % (n, voy_cases.get(n, "missing"), name)
            for n, r in sorted(pc_cases.items())
            if r == "pass" and voy_cases.get(n) != "pass"]


def judge(tests, pc, voyagers):
    """(ok, report lines)."""
    lines = []
    ok = True
    names = ["pc"] + ["voyager%d" % i for i in range(len(voyagers))]
    width = max(len(t) for t, _ in tests)
    lines.append("%-*s  %s" % (width, "test", "  ".join(names)))
    for test, may_fail in tests:
        row = [pc.get(test, ("missing", ""))[0]]
        row += [v.get(test, ("missing", ""))[0] for v in voyagers]
        problems = []
        if "missing" in row:
            problems.append("no result")
        if row[0] != "pass" and may_fail != "pc-may-fail":
            problems.append("fails on the PC control")
        if may_fail == "voyager-may-fail":
            pass
        elif row[0] == "pass":
            for name, r in zip(names[1:], row[1:]):
                if r != "pass":
                    problems.append("passes on the PC, %s on %s" % (r, name))
        elif may_fail:
            for name, v in zip(names[1:], voyagers):
                problems += case_problems(test, pc, name, v)
        lines.append("%-*s  %s%s" % (width, test, "  ".join(
            "%-*s" % (len(n), r) for n, r in zip(names, row)),
            ("  <- " + "; ".join(problems)) if problems else ""))
        ok = ok and not problems
    counts = [sum(1 for t, _ in tests
                  if res.get(t, ("",))[0] == "pass")
              for res in [pc] + voyagers]
    lines.append("passed: " + ", ".join("%s %d/%d" % (n, c, len(tests))
                                        for n, c in zip(names, counts)))
    return ok, lines


def self_test():
    """The rules, each shown able to fail."""
    tests = [("x86/a_32", ""), ("timers/b -t 2", ""),
             ("x86/c_32", "pc-may-fail"), ("timers/d", "voyager-may-fail")]

    def log(res):
        lines = []
        for t, r in res.items():
            if isinstance(r, tuple):
                r, cases = r
                lines += ["# kselftest-case %s [%d]: %s" % (t, n, c)
                          for n, c in cases.items()]
            lines.append("# kselftest %s: %s (x)" % (t, r))
        return "\n".join(lines)

    good = {"x86/a_32": "pass", "timers/b -t 2": "pass", "x86/c_32": "fail",
            "timers/d": "pass"}
    cased = dict(good, **{"x86/c_32": ("fail", {1: "pass", 2: "fail",
                                                3: "pass"})})
    cases = [
        ("all pass, may-fail fails", good, [good], True),
        ("voyager fails a PC pass", good,
         [dict(good, **{"x86/a_32": "fail"})], False),
        ("voyager skips a PC pass", good,
         [dict(good, **{"timers/b -t 2": "skip"})], False),
        ("PC fails a required test", dict(good, **{"x86/a_32": "fail"}),
         [good], False),
        ("a result missing", good,
         [{k: v for k, v in good.items() if k != "x86/c_32"}], False),
        ("second voyager fails", good,
         [good, dict(good, **{"x86/a_32": "fail"})], False),
        ("excused test: same cases fail", cased,
         [cased], True),
        ("excused test: voyager fails a case the PC passes", cased,
         [dict(cased, **{"x86/c_32": ("fail", {1: "pass", 2: "fail",
                                               3: "fail"})})], False),
        ("excused test: voyager loses a case", cased,
         [dict(cased, **{"x86/c_32": ("fail", {2: "fail"})})], False),
        ("excused test: voyager passes it whole", cased,
         [dict(cased, **{"x86/c_32": "pass"})], True),
        ("voyager-may-fail: fails on the voyager", good,
         [dict(good, **{"timers/d": "fail"})], True),
        ("voyager-may-fail: fails on the PC", dict(good, **{"timers/d": "fail"}),
         [good], False),
    ]
    bad = 0
    for name, pc, voys, want in cases:
        got, _ = judge(tests, read_results(log(pc)),
                       [read_results(log(v)) for v in voys])
        print("%s %s (want %s, got %s)" % ("ok" if got == want else "WRONG",
                                           name, want, got))
        bad += got != want
    return 1 if bad else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) == 3 and argv[1] == "--entries":
        # For the builder: ID, SUITE, PROGRAM, LIMIT, ARGUMENTS, by tabs.
        for e in read_entries(argv[2]):
            print("\t".join([e["id"], e["suite"], e["prog"],
                             str(e["limit"])] + e["args"]))
        return 0
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    tests = read_list(argv[1])
    pc = read_results(open(argv[2], errors="replace").read())
    voyagers = [read_results(open(p, errors="replace").read())
                for p in argv[3:]]
    ok, lines = judge(tests, pc, voyagers)
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
