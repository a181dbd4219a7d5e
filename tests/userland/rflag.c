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
#define STR(x) #x
#define XSTR(x) STR(x)

/* Written by the handler; the int3 blocks clobber memory, so read fresh. */
static unsigned long traps, rf_seen;

/* The signal return, as the C library's restorer would do it. */
static void __attribute__((naked)) rflag_sigreturn(void)
{
	__asm__ volatile("movl $" XSTR(__NR_rt_sigreturn) ", %eax\n\t"
			 "int $0x80\n\t"
			 "hlt");
}

struct kernel_sigaction {
	void (*handler)(int sig, void *info, void *context);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[2];
};

static void trap_handler(int sig, void *info, void *context)
{
	struct ucontext *uc = context;
	struct sigcontext *sc = &uc->uc_mcontext;

	(void)sig;
	(void)info;
	traps++;
	if (sc->eflags & EFLAGS_RF) {
		rf_seen++;
		/* Count each one once: sigreturn would restore it. */
		sc->eflags &= ~EFLAGS_RF;
	}
}

int main(void)
{
	struct kernel_sigaction sa = {
		.handler = trap_handler,
		.flags = SA_SIGINFO | SA_RESTORER,
		.restorer = rflag_sigreturn,
	};
	int secs = voyager_env_int("voyager_rflag_s", 2);
	long long start, end;
	long ticks_before, ticks_after;

	if (my_syscall4(__NR_rt_sigaction, SIGTRAP, &sa, NULL,
			sizeof(sa.mask)) < 0) {
		printf("# cannot catch SIGTRAP\n");
		return 1;
	}
	ticks_before = voyager_irq_total("LOC");
	start = voyager_now_ms();
	end = start + secs * 1000LL;
	do {
		/* Every return from the handler lands on the next int3. */
		__asm__ volatile(".rept 64\n\tint3\n\t.endr" ::: "memory");
	} while (voyager_now_ms() < end);
	ticks_after = voyager_irq_total("LOC");
	printf("# %lu int3 traps in %lld ms, %lu with EFLAGS.RF set\n",
	       traps, voyager_now_ms() - start, rf_seen);
	printf("# timer interrupts (LOC): %ld -> %ld\n", ticks_before,
	       ticks_after);
	if (traps < 64) {
		printf("# the int3 traps were not caught\n");
		return 1;
	}
	if (ticks_after <= ticks_before) {
		printf("# no timer interrupt came during the run: nothing was tested\n");
		return 1;
	}
	if (rf_seen) {
		printf("# an interrupt pushed EFLAGS.RF=1 into user code\n");
		return 1;
	}
	return 0;
}
