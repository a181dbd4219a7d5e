// SPDX-License-Identifier: GPL-2.0
/*
 * Test: the power switch is pressed while every CPU is busy and sending
 * cross-CPU interrupts.
 *
 * One process is pinned to each online CPU and they pass tokens round a
 * ring of pipes, as many tokens as processes, spinning a little between
 * hops: every CPU is busy and nearly every hop wakes a reader on another
 * CPU (a reschedule IPI).  Once the hops are seen to count up, the test
 * prints "# press the power switch now" -- the boot runner's monitor
 * presses it (system_powerdown) -- and waits at most voyager_power_wait
 * seconds (default 60) for init's SIGTERM, which comes when the kernel's
 * orderly power-off runs /sbin/poweroff.  SIGTERM in time while the load
 * still ran: ok; the load is then killed so that init can end the machine.
 * A load that never started, stalled before the press, or no SIGTERM in
 * time: not ok.
 */
#include "voyager_test.h"
#include <linux/prctl.h>
#include <sys/mman.h>

/* Busy work between two hops: a few tens of microseconds. */
#define SPIN_PER_HOP	20000
/* The load must make at least this many hops in its first second. */
#define MIN_HOPS	50

struct ring {
	unsigned long hops;	/* shared by the ring's processes: atomics */
};

static int fds[VOYAGER_MAX_CPUS][2];

/* One process of the ring: read a token, spin, pass it on, forever. */
static void hopper(struct ring *ring, int idx, int n, int cpu)
{
	unsigned int spin;
	char token;

	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	voyager_pin_self(cpu);
	for (;;) {
		if (read(fds[idx][0], &token, 1) != 1)
			exit(1);
		for (spin = 0; spin < SPIN_PER_HOP; spin++)
			__asm__ __volatile__("" ::: "memory");
		__atomic_add_fetch(&ring->hops, 1, __ATOMIC_RELAXED);
		if (write(fds[(idx + 1) % n][1], &token, 1) != 1)
			exit(1);
	}
}

static unsigned long hops_after(struct ring *ring, int ms)
{
	unsigned long before = __atomic_load_n(&ring->hops, __ATOMIC_RELAXED);

	msleep(ms);
	return __atomic_load_n(&ring->hops, __ATOMIC_RELAXED) - before;
}

int main(void)
{
	unsigned long set[2] = { 1UL << (SIGTERM - 1), 0 };
	int secs = voyager_env_int("voyager_power_wait", 60);
	long long limit[2] = { secs, 0 }, pressed_at;
	int cpus[VOYAGER_MAX_CPUS], pids[VOYAGER_MAX_CPUS];
	int n, i, sig, ret = 0;
	unsigned long rate;
	struct ring *ring;
	char token = 't';

	n = voyager_online_cpus(cpus, VOYAGER_MAX_CPUS);
	if (n < 1) {
		printf("# cannot read the online CPUs\n");
		return 1;
	}
	ring = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ring == MAP_FAILED) {
		printf("# mmap failed (errno %d)\n", errno);
		return 1;
	}
	for (i = 0; i < n; i++)
		if (pipe(fds[i])) {
			printf("# pipe failed (errno %d)\n", errno);
			return 1;
		}
	/* The children inherit SIGTERM blocked: only init's one counts. */
	my_syscall4(__NR_rt_sigprocmask, SIG_BLOCK, set, NULL, sizeof(set));
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			hopper(ring, i, n, cpus[i]);
			exit(1);
		}
		if (pids[i] < 0) {
			printf("# fork failed (errno %d)\n", errno);
			n = i;
			ret = 1;
			goto out;
		}
	}
	for (i = 0; i < n; i++)
		if (write(fds[i][1], &token, 1) != 1)
			ret = 1;
	rate = hops_after(ring, 1000);
	printf("# load: %d processes on %d CPUs, %lu hops in 1 s\n", n, n, rate);
	if (ret || rate < MIN_HOPS) {
		printf("# the load did not run (want at least %d hops)\n",
		       MIN_HOPS);
		ret = 1;
		goto out;
	}
	pressed_at = voyager_now_ms();
	printf("# press the power switch now\n");
	sig = my_syscall4(__NR_rt_sigtimedwait_time64, set, NULL, limit,
			  sizeof(set));
	if (sig != SIGTERM) {
		printf("# no power-off request within %d s\n", secs);
		ret = 1;
		goto out;
	}
	/* The ring must still have been running when the request came. */
	rate = hops_after(ring, 200);
	printf("# power-off requested %lld ms after the press, load still at %lu hops in 200 ms\n",
	       voyager_now_ms() - pressed_at - 200, rate);
	if (!rate) {
		printf("# the load had stopped before the power-off\n");
		ret = 1;
	}
out:
	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	return ret;
}
