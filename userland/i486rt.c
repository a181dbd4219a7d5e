// SPDX-License-Identifier: GPL-2.0
/*
 * The run-time helpers gcc calls for 64-bit division on i386, for make
 * run's i486 userland (scripts/build-userland-i486.sh), in place of
 * libgcc.  Debian's 32-bit libgcc (gcc-multilib) is built for the i686:
 * every function of it starts with ENDBR32, which a 486 (and a Pentium)
 * does not decode, and some use CMOV.
 *
 * Built with -march=i486; nothing here divides 64 bits by 64 bits with
 * the C operators, which would call back into these functions.
 */

typedef unsigned long long u64;
typedef long long s64;
typedef unsigned int u32;

u64 __udivmoddi4(u64 n, u64 d, u64 *rem);
s64 __divmoddi4(s64 a, s64 b, s64 *rem);
u64 __udivdi3(u64 n, u64 d);
u64 __umoddi3(u64 n, u64 d);
s64 __divdi3(s64 a, s64 b);
s64 __moddi3(s64 a, s64 b);

/* Position of the highest set bit of a non-zero value (BSR). */
static int top_bit(u64 x)
{
	u32 hi = x >> 32, lo = x;

	return hi ? 32 + (31 - __builtin_clz(hi)) : 31 - __builtin_clz(lo);
}

u64 __udivmoddi4(u64 n, u64 d, u64 *rem)
{
	u64 q = 0;
	int shift;

	if (!(d >> 32)) {
		/*
		 * A 32-bit divisor: two DIVLs, high half then low half.  A
		 * zero divisor faults in the first, as a division by zero
		 * does (SIGFPE).
		 */
		u32 dl = d, nh = n >> 32, nl = n, qh, ql, r;

		qh = nh / dl;
		r = nh % dl;
		asm("divl %4" : "=a"(ql), "=d"(r) : "a"(nl), "d"(r), "rm"(dl));
		if (rem)
			*rem = r;
		return (u64)qh << 32 | ql;
	}
	if (n < d) {
		if (rem)
			*rem = n;
		return 0;
	}
	/* d has bits above 32: the quotient fits in 32 bits; one per round. */
	shift = top_bit(n) - top_bit(d);
	d <<= shift;
	for (; shift >= 0; shift--) {
		q <<= 1;
		if (n >= d) {
			n -= d;
			q |= 1;
		}
		d >>= 1;
	}
	if (rem)
		*rem = n;
	return q;
}

/* C's truncating division: the remainder has the dividend's sign. */
s64 __divmoddi4(s64 a, s64 b, s64 *rem)
{
	u64 ua = a < 0 ? -(u64)a : (u64)a;
	u64 ub = b < 0 ? -(u64)b : (u64)b;
	u64 q, r;

	q = __udivmoddi4(ua, ub, &r);
	if (rem)
		*rem = a < 0 ? -(s64)r : (s64)r;
	return (a < 0) != (b < 0) ? -(s64)q : (s64)q;
}

u64 __udivdi3(u64 n, u64 d)
{
	return __udivmoddi4(n, d, 0);
}

u64 __umoddi3(u64 n, u64 d)
{
	u64 r;

	__udivmoddi4(n, d, &r);
	return r;
}

s64 __divdi3(s64 a, s64 b)
{
	return __divmoddi4(a, b, 0);
}

s64 __moddi3(s64 a, s64 b)
{
	s64 r;

	__divmoddi4(a, b, &r);
	return r;
}
