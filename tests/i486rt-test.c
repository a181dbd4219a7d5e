// SPDX-License-Identifier: GPL-2.0
/*
 * userland/i486rt.c's 64-bit division against the host's own (x86-64
 * DIV and IDIV): built natively, with the helpers renamed t_* so that
 * the host's operators stay the reference.  Edge values against each
 * other, then pseudo-random pairs of every width.  Prints one line and
 * exits 0 when all agree; else the first disagreement, exit 1.
 *
 *   gcc -O2 -D__udivmoddi4=t_udivmoddi4 ... tests/i486rt-test.c userland/i486rt.c
 */
#include <stdio.h>
#include <stdint.h>

typedef unsigned long long u64;
typedef long long s64;

u64 t_udivmoddi4(u64 n, u64 d, u64 *rem);
s64 t_divmoddi4(s64 a, s64 b, s64 *rem);
u64 t_udivdi3(u64 n, u64 d);
u64 t_umoddi3(u64 n, u64 d);
s64 t_divdi3(s64 a, s64 b);
s64 t_moddi3(s64 a, s64 b);

static unsigned long checked;

static int one(u64 n, u64 d)
{
	s64 a = (s64)n, b = (s64)d, sr;
	u64 ur;

	if (!d)
		return 0;
	if (t_udivdi3(n, d) != n / d || t_umoddi3(n, d) != n % d ||
	    t_udivmoddi4(n, d, &ur) != n / d || ur != n % d) {
		printf("unsigned %llu / %llu: got %llu rem %llu, want %llu rem %llu\n",
		       n, d, t_udivdi3(n, d), t_umoddi3(n, d), n / d, n % d);
		return 1;
	}
	checked++;
	/* INT64_MIN / -1 overflows: undefined in C, a fault on the CPU. */
	if (a == INT64_MIN && b == -1)
		return 0;
	if (t_divdi3(a, b) != a / b || t_moddi3(a, b) != a % b ||
	    t_divmoddi4(a, b, &sr) != a / b || sr != a % b) {
		printf("signed %lld / %lld: got %lld rem %lld, want %lld rem %lld\n",
		       a, b, t_divdi3(a, b), t_moddi3(a, b), a / b, a % b);
		return 1;
	}
	checked++;
	return 0;
}

static u64 state = 0x2545f4914f6cdd1dULL;

static u64 next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

int main(void)
{
	static const u64 edge[] = {
		0, 1, 2, 3, 7, 10, 12345, 0x7fffffffULL, 0x80000000ULL,
		0xffffffffULL, 0x100000000ULL, 0x100000001ULL,
		0x123456789abcdefULL, 1000000000000000000ULL,
		0x7fffffffffffffffULL, 0x8000000000000000ULL,
		0x8000000000000001ULL, 0xfffffffffffffffeULL,
		0xffffffffffffffffULL,
	};
	unsigned int i, j, n = sizeof(edge) / sizeof(edge[0]);

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (one(edge[i], edge[j]) || one(-edge[i], edge[j]) ||
			    one(edge[i], -edge[j]))
				return 1;
	for (i = 0; i < 1000000; i++) {
		/* Widths from 1 to 64 bits on either side. */
		u64 x = next() >> (next() % 64), y = next() >> (next() % 64);

		if (one(x, y))
			return 1;
	}
	printf("%lu divisions agree\n", checked);
	return 0;
}
