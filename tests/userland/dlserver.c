// SPDX-License-Identifier: GPL-2.0
/*
 * Test: CPU hotplug while the fair deadline server's timer is due.
 *
 * Since Linux 6.12.y took the lazy fair server, a CPU's fair server
 * stays queued for a while after its last fair task left, and its timer
 * can queue it again while the CPU is being taken down.  If that lands
 * after the CPU's last idle pick, sched_cpu_dying() counted the server
 * as a second task ("Dying CPU not properly vacated!") before it
 * stopped it.  With the default server (50 ms every 1 s) that is rare;
 * here every CPU but 0 gets a server period of 200 us, so the timer is
 * due several times during each take-down, and each round runs a short
 * fair task on the CPU first so that the server is started.  The test
 * fails if the kernel warned (taint flag W) during the rounds.
 *
 * Needs debugfs (sched/fair_server); skips if it is not there or on one
 * CPU.  The servers get their defaults back at the end.
 */
#include "voyager_test.h"

#define ROUNDS		48
#define FAIR_SERVER	"/sys/kernel/debug/sched/fair_server/cpu"
#define TAINT_WARN	0x200	/* bit 9: the kernel warned */
/* A short server: runtime first, the period may not drop below it. */
#define SHORT_RUNTIME	"100000\n"
#define SHORT_PERIOD	"200000\n"
#define DEFAULT_RUNTIME	"50000000\n"
#define DEFAULT_PERIOD	"1000000000\n"

static void server_file(char *buf, int size, int cpu, const char *file)
{
	char num[12];

	itoa_r(cpu, num);
	buf[0] = '\0';
	strncat(buf, FAIR_SERVER, size - 1);
	strncat(buf, num, size - 1 - strlen(buf));
	strncat(buf, "/", size - 1 - strlen(buf));
	strncat(buf, file, size - 1 - strlen(buf));
}

/* Set @cpu's fair server, in the order @first_runtime says. */
static int set_server(int cpu, const char *runtime, const char *period,
		      int first_runtime)
{
	char rpath[96], ppath[96];

	server_file(rpath, sizeof(rpath), cpu, "runtime");
	server_file(ppath, sizeof(ppath), cpu, "period");
	if (first_runtime)
		return voyager_write_file(rpath, runtime) < 0 ||
		       voyager_write_file(ppath, period) < 0 ? -1 : 0;
	return voyager_write_file(ppath, period) < 0 ||
	       voyager_write_file(rpath, runtime) < 0 ? -1 : 0;
}

static int warned(void)
{
	char buf[32];

	if (voyager_read_file("/proc/sys/kernel/tainted", buf, sizeof(buf)) <= 0)
		return -1;
	return (atoi(buf) & TAINT_WARN) != 0;
}

/* A fair task on @cpu for about a millisecond: starts its server. */
static int fair_burst(int cpu)
{
	int status = 0;
	long long end;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (voyager_pin_self(cpu) < 0)
			exit(2);
		end = voyager_now_ms() + 1;
		while (voyager_now_ms() <= end)
			;
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

int main(void)
{
	int cpus[VOYAGER_MAX_CPUS], n, i, cpu, bad = 0, set = 0;
	char path[96], value[32];

	n = voyager_online_cpus(cpus, VOYAGER_MAX_CPUS);
	if (n < 2) {
		printf("# %d CPU online: no CPU to take down\n", n);
		return 77;
	}
	server_file(path, sizeof(path), cpus[1], "period");
	if (voyager_read_file(path, value, sizeof(value)) <= 0) {
		printf("# no " FAIR_SERVER "N/period (debugfs, SCHED_DEBUG)\n");
		return 77;
	}
	if (warned()) {
		printf("# the kernel warned before the test: nothing to measure\n");
		return 1;
	}
	for (i = 1; i < n; i++) {
		if (set_server(cpus[i], SHORT_RUNTIME, SHORT_PERIOD, 1) < 0) {
			printf("# cannot shorten CPU %d's fair server (errno %d)\n",
			       cpus[i], errno);
			bad++;
			break;
		}
		set = i;
	}
	for (i = 0; i < ROUNDS && !bad; i++) {
		cpu = cpus[1 + i % (n - 1)];
		if (fair_burst(cpu) < 0) {
			printf("# the fair task pinned to CPU %d failed\n", cpu);
			bad++;
		} else if (voyager_set_cpu_online(cpu, 0) < 0 ||
			   voyager_set_cpu_online(cpu, 1) < 0) {
			printf("# CPU %d: off and on again failed (errno %d)\n",
			       cpu, errno);
			bad++;
		} else if (warned()) {
			printf("# the kernel warned taking CPU %d down, round %d\n",
			       cpu, i + 1);
			bad++;
		}
	}
	printf("# %d rounds of off and on, fair server period 200 us\n", i);
	for (i = 1; i <= set; i++)
		if (set_server(cpus[i], DEFAULT_RUNTIME, DEFAULT_PERIOD, 0) < 0) {
			printf("# cannot give CPU %d's fair server its default back\n",
			       cpus[i]);
			bad++;
		}
	return bad ? 1 : 0;
}
