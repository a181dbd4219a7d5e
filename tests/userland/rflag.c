// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the resume flag (EFLAGS.RF) is not set by a device interrupt.
 * The CPU sets RF in the EFLAGS image it pushes for a fault, and for an
 * interrupt or trap that arrives between two iterations of a repeated
 * string instruction; for any other interrupt it pushes RF as it was,
 * which in user code is 0 (Intel SDM vol. 3B, "Instruction-Breakpoint
 * Exception Condition").  The kernel's return from the interrupt then
 * gives the interrupted code back its RF unchanged.  An emulator that
 * pushes RF=1 for a device interrupt hands it to the next user
 * instruction, and an int3 there reports it: the kernel's x86 selftest
 * sigreturn_32 failed so on two quad cards,
 * "requested 0x246; got 0x10246".
 *
 * This runs blocks of int3 for voyager_rflag_s seconds (default 2), each
 * caught by a SIGTRAP handler that looks at the saved EFLAGS, while the
 * timer and the other CPUs' interrupts land among them.  Any int3 that
 * reports RF fails the test.
 */
#include "voyager_test.h"
#include <asm/sigcontext.h>
#include <asm/ucontext.h>

#define EFLAGS_RF 0x10000UL

/* Written by the handler, read with atomics in main(). */
static unsigned long traps, rf_seen;

static void trap_handler(int sig, void *info, void *context)
{
	struct ucontext *uc = context;
	struct sigcontext *sc = &uc->uc_mcontext;

	(void)sig;
	(void)info;
	__atomic_add_fetch(&traps, 1, __ATOMIC_SEQ_CST);
	if (sc->eflags & EFLAGS_RF) {
		__atomic_add_fetch(&rf_seen, 1, __ATOMIC_SEQ_CST);
		/* Count each one once: sigreturn would restore it. */
		sc->eflags &= ~EFLAGS_RF;
	}
}

/*
 * Every return from the handler lands on the next int3.  One copy of the
 * code (a naked function is never inlined), so that a first run brings
 * its pages in.
 */
static void __attribute__((naked)) int3_block(void)
{
	__asm__ volatile(".rept 64\n\tint3\n\t.endr\n\tret");
}

int main(void)
{
	int secs = voyager_env_int("voyager_rflag_s", 2);
	long long start, end;
	long ticks_before, ticks_after;
	unsigned long n_traps, n_rf;

	if (voyager_catch_signal(SIGTRAP, trap_handler, 0) < 0) {
		printf("# cannot catch SIGTRAP\n");
		return 1;
	}
	/*
	 * A fault pushes RF=1 by right, and an int3 that faulted on its
	 * fetch reports it when it runs again: run the block once first so
	 * that its pages are in, and count from then on.
	 */
	int3_block();
	__atomic_store_n(&traps, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&rf_seen, 0, __ATOMIC_SEQ_CST);
	ticks_before = voyager_irq_total("LOC");
	start = voyager_now_ms();
	end = start + secs * 1000LL;
	do
		int3_block();
	while (voyager_now_ms() < end);
	ticks_after = voyager_irq_total("LOC");
	n_traps = __atomic_load_n(&traps, __ATOMIC_SEQ_CST);
	n_rf = __atomic_load_n(&rf_seen, __ATOMIC_SEQ_CST);
	printf("# %lu int3 traps in %lld ms, %lu with EFLAGS.RF set\n",
	       n_traps, voyager_now_ms() - start, n_rf);
	printf("# timer interrupts (LOC): %ld -> %ld\n", ticks_before,
	       ticks_after);
	if (n_traps < 64) {
		printf("# the int3 traps were not caught\n");
		return 1;
	}
	if (ticks_after <= ticks_before) {
		printf("# no timer interrupt came during the run: nothing was tested\n");
		return 1;
	}
	if (n_rf) {
		printf("# an interrupt pushed EFLAGS.RF=1 into user code\n");
		return 1;
	}
	return 0;
}
