#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Seeds and a dictionary for QEMU's generic-fuzz target that reach the
# Voyager CAT scan engine (scripts/fuzz.sh, the "cat" runs).
#
# generic-fuzz reads its input as commands separated by "FUZZ"; the first
# byte of a command selects the operation (tests/qtest/fuzz/generic_fuzz.c:
# 0 = in, 1 = out, 9 = clock step), then
#   in:  size (0 = byte), region index, 16-bit offset
#   out: size, region index, 16-bit offset, 32-bit value
# all little-endian.  The region index counts the fuzzed port regions in
# address order.  With QEMU_FUZZ_OBJECTS=voyager-cat there are exactly
# two: 0 = ports 96h-98h, 1 = the SSPB F800h-F8FFh.  The sequences below
# are the transactions of the hardware reference (sections 3.7-3.10,
# 7.3-7.5, Appendix B): random inputs almost never select a module and
# shift a valid instruction, these do.
#
# Usage: mkseeds.py CORPUS_DIR DICT_FILE

import os
import struct
import sys

SEP = b"FUZZ"
MC, SSPB = 0, 1
SEL = (MC, 1)
DATA = (SSPB, 0x0D)
CMD = (SSPB, 0x0E)
IRCYC, DRCYC, RUN, END = 0x01, 0x02, 0x0F, 0x80


def out(port, val):
    return bytes([1, 0, port[0]]) + struct.pack("<HI", port[1], val)


def inp(port):
    return bytes([0, 0, port[0]]) + struct.pack("<H", port[1])


def step():
    return bytes([9])


def inst(reg, write):
    v = (reg << 2) | (2 if write else 1)
    return v | (0x80 if bin(v).count("1") & 1 else 0)


def select(mod):
    return [out(SEL, 0xFF), out(SEL, mod)]


def probe(mod):
    # 3.7 presence probe
    return select(mod) + [out(CMD, RUN), out(CMD, IRCYC), out(DATA, 0x7F),
                          out(DATA, 0xAA), inp(DATA), out(CMD, END)]


def load(i):
    return [out(CMD, IRCYC), out(DATA, 0x7F), out(DATA, i), inp(DATA)]


def read_reg(reg):
    seq = load(inst(reg, False))
    if reg > 7:
        seq.append(out(CMD, RUN))
    return seq + [out(CMD, DRCYC), out(DATA, 0x7F), inp(DATA),
                  out(DATA, 0xAA), inp(DATA)]


def write_reg(reg, val):
    seq = load(inst(reg, True)) + [out(CMD, DRCYC), out(DATA, 0x7F),
                                   out(DATA, val), inp(DATA)]
    if reg > 7:
        seq += [out(CMD, RUN), out(CMD, END), out(CMD, RUN)]
    return seq


def sub_setup(off):
    return (read_reg(2) + write_reg(6, off & 0xFF) + write_reg(7, off >> 8) +
            read_reg(7) + read_reg(6))


def sub_read(off, n):
    seq = sub_setup(off) + load(inst(3, False))
    for _ in range(n):
        seq += [out(CMD, RUN), out(CMD, DRCYC), out(DATA, 0x7F), inp(DATA),
                out(DATA, 0xAA), inp(DATA)]
    return seq


def sub_write(off, val):
    return sub_setup(off) + write_reg(3, val)


def c_load(n, t, i):
    # 3.8: header, then locations N-1 .. 0, BYPASS but the target
    seq = [out(CMD, IRCYC), out(DATA, 0x7F)]
    for k in range(n - 1, -1, -1):
        seq.append(out(DATA, i if k == t else 0xFF))
    return seq + [inp(DATA)]


def c_read(n, t, reg):
    return c_load(n, t, inst(reg, False)) + [
        out(CMD, DRCYC), out(DATA, 0x01), inp(DATA), out(DATA, 0xAA),
        inp(DATA), out(DATA, 0xAA), inp(DATA)]


def seeds():
    s = {}
    s["probe-all"] = sum((probe(m) for m in range(0x10, 0x20)), [])
    s["eprom-len"] = (select(0x10) + [out(CMD, RUN)] + sub_read(0x2A, 2) +
                      [out(CMD, END)])
    s["eprom-head"] = (select(0x14) + [out(CMD, RUN)] + sub_read(0, 0x30) +
                       [out(CMD, END)])
    # 3.12 steps 5-10: a quad card in slot 0 (layouts with cards=quad...)
    s["quad-qabc"] = (select(0x10) + [out(CMD, RUN)] + read_reg(9) +
                      read_reg(8) + write_reg(8, 0x01) + [out(CMD, END)] +
                      [out(CMD, RUN)] + sub_read(0x2A, 2) + [out(CMD, END),
                      out(CMD, RUN)] + read_reg(5) + write_reg(5, 0x01) +
                      [out(CMD, END), out(CMD, RUN)] + c_read(4, 3, 2) +
                      c_load(4, 3, inst(3, False)) +
                      sum(([out(CMD, DRCYC), out(DATA, 0x01), inp(DATA),
                            out(DATA, 0xAA), inp(DATA)] for _ in range(9)),
                          []) + [out(CMD, END)])
    # 7.4: the CMN_INT handler: registers 0-15, 8000h-8007h, acknowledge
    psi = select(0x1A) + [out(CMD, RUN)]
    for r in range(16):
        psi += read_reg(r)
    psi += [out(CMD, END)]
    for a in range(0x8000, 0x8008):
        psi += [out(CMD, RUN)] + sub_read(a, 1) + [out(CMD, END)]
    psi += [out(CMD, RUN)] + sub_write(0x8000, 0x13) + [out(CMD, END)]
    psi += [out(CMD, RUN)] + sub_write(0x8007, 0x80) + [out(CMD, END)]
    psi += [out(CMD, RUN)] + write_reg(8, 0x00) + [out(CMD, END)]
    psi += [step(), step()]
    s["psi-handler"] = psi
    s["psi-clear"] = (select(0x1A) + [out(CMD, RUN)] +
                      sub_write(0x8007, 0x12) + [out(CMD, END), step()])
    # the Level 4 DINO window and restart register (8.2, 7.7)
    s["l4-dino"] = [out(SEL, 0x43), inp((SSPB, 0)), inp((SSPB, 4)),
                    inp((SSPB, 5)), inp((SSPB, 0x23)), inp((SSPB, 0x13)),
                    out((SSPB, 0x13), 0xFF)]
    return s


def dictionary():
    d = {"sep": SEP}
    for name, port in (("sel", SEL), ("data", DATA), ("cmd", CMD)):
        d["in_" + name] = inp(port) + SEP
    for v, n in ((IRCYC, "ircyc"), (DRCYC, "drcyc"), (RUN, "run"),
                 (END, "end")):
        d["cmd_" + n] = out(CMD, v) + SEP
    for v in (0x7F, 0xAA, 0x01, 0xFF, 0x13, 0x80, 0x00):
        d["data_%02x" % v] = out(DATA, v) + SEP
    for r in range(16):
        d["inst_rd%d" % r] = out(DATA, inst(r, False)) + SEP
        d["inst_wr%d" % r] = out(DATA, inst(r, True)) + SEP
    for m in list(range(0x10, 0x20)) + [0xFF, 0x43]:
        d["sel_%02x" % m] = out(SEL, m) + SEP
    d["step"] = step() + SEP
    return d


def main():
    corpus, dict_file = sys.argv[1], sys.argv[2]
    os.makedirs(corpus, exist_ok=True)
    for name, seq in seeds().items():
        with open(os.path.join(corpus, "seed-" + name), "wb") as f:
            f.write(SEP.join(seq))
    with open(dict_file, "w") as f:
        f.write("# generic-fuzz commands for the Voyager CAT (mkseeds.py)\n")
        for name, tok in dictionary().items():
            f.write('%s="%s"\n' % (name, "".join("\\x%02x" % b for b in tok)))


if __name__ == "__main__":
    main()
