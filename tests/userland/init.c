// SPDX-License-Identifier: GPL-2.0
/*
 * The test /init: mounts the pseudo file systems, runs the test programs
 * named on the kernel command line and reports them as KTAP, then ends
 * the machine.  Built with the kernel's nolibc for i486, no libc needed.
 *
 * Kernel command line (the kernel hands unknown name=value pairs to init
 * as environment variables):
 *   voyager_tests=a,b,c   run /tests/a, /tests/b, /tests/c in that order
 *   voyager_shell=1       start an interactive shell instead (make run)
 *   voyager_end=reboot|poweroff   how to end (default reboot: QEMU runs
 *                         with -no-reboot, so both end the emulator)
 *   voyager_test_timeout=N  seconds per test (default 300)
 *   voyager_test_deadline=N  no test runs past N s after the kernel
 *                         started (scripts/boot.sh: its own limit less a
 *                         margin), so a hung test is reported as a
 *                         TIMEOUT before the runner kills the emulator
 *
 * A test program exits 0 for ok, 77 for skip, anything else for not ok;
 * its own output should be "# " diagnostic lines.  An end signal while a
 * test runs (/sbin/poweroff sends one, also when the kernel runs it for
 * the power switch) gives the test SIGTERM, reports it by its exit status,
 * the remaining tests as not run, and ends the machine as asked.
 */
#include "voyager_test.h"

#define MAX_TESTS	64
#define EXIT_SKIP	77

/*
 * busybox's halt, poweroff and reboot ask PID 1 with SIGUSR1, SIGUSR2 and
 * SIGTERM.  init keeps them blocked and collects them while it waits.
 */
#define END_SIGNALS	((1UL << (SIGUSR1 - 1)) | (1UL << (SIGUSR2 - 1)) | \
			 (1UL << (SIGTERM - 1)))

static void end_signals(int how)
{
	unsigned long set[2] = { END_SIGNALS, 0 };

	my_syscall4(__NR_rt_sigprocmask, how, set, NULL, sizeof(set));
}

/* Wait for @pid to exit; return an end signal that came first, or 0. */
static int wait_child_or_end_signal(pid_t pid)
{
	unsigned long set[2] = { END_SIGNALS, 0 };
	/* struct __kernel_timespec: the 64-bit time call always exists. */
	long long tick[2] = { 0, 100 * 1000 * 1000 };
	int status, sig;

	for (;;) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return 0;
		sig = my_syscall4(__NR_rt_sigtimedwait_time64, set, NULL, tick,
				  sizeof(set));
		if (sig > 0)
			return sig;
	}
}

static void mount_pseudo(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	/* EBUSY: the kernel mounted it already (devtmpfs on a disk root). */
	if (mount(src, dir, type, 0, NULL) < 0 && errno != EBUSY)
		printf("voyager-init: cannot mount %s on %s (errno %d)\n",
		       type, dir, errno);
}

/* An end signal that is pending (init keeps them blocked), or 0. */
static int end_signal_pending(void)
{
	unsigned long set[2] = { END_SIGNALS, 0 };
	long long zero[2] = { 0, 0 };
	int sig = my_syscall4(__NR_rt_sigtimedwait_time64, set, NULL, zero,
			      sizeof(set));

	return sig > 0 ? sig : 0;
}

/*
 * Wait for @pid at most @secs seconds; kill it after that.  An end signal
 * (/sbin/poweroff, e.g. run by the kernel for the power switch) ends the
 * test at once: it gets SIGTERM, then SIGKILL 5 s later; *@end_sig says so.
 */
static int wait_bounded(pid_t pid, int secs, int *timed_out, int *end_sig)
{
	int status = 0, waited_ms = 0, term_ms = -1;

	*timed_out = 0;
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return status;
		if (r < 0)
			return -1;
		if (!*end_sig) {
			*end_sig = end_signal_pending();
			if (*end_sig) {
				kill(pid, SIGTERM);
				term_ms = waited_ms;
			}
		}
		if (waited_ms >= secs * 1000 ||
		    (term_ms >= 0 && waited_ms - term_ms >= 5000)) {
			*timed_out = term_ms < 0;
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return status;
		}
		msleep(20);
		waited_ms += 20;
	}
}

/* Returns the end signal that stopped the tests, or 0. */
static int run_tests(char *list, char **envp)
{
	char *names[MAX_TESTS];
	int n = 0, i, failed = 0, timeout, deadline, end_sig = 0;
	char *p = list, *t;

	timeout = voyager_env_int("voyager_test_timeout", 300);
	deadline = voyager_env_int("voyager_test_deadline", 0);
	while (p && *p && n < MAX_TESTS) {
		names[n++] = p;
		t = strchr(p, ',');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}

	end_signals(SIG_BLOCK);
	printf("KTAP version 1\n1..%d\n", n);
	for (i = 0; i < n; i++) {
		char path[96] = "/tests/";
		char *argv[] = { path, NULL };
		int status, timed_out, secs = timeout, by_deadline = 0;
		pid_t pid;

		strncat(path, names[i], sizeof(path) - strlen(path) - 1);
		if (end_sig) {
			printf("not ok %d %s # not run: the machine is ending (signal %d)\n",
			       i + 1, names[i], end_sig);
			failed++;
			continue;
		}
		pid = fork();
		if (pid == 0) {
			end_signals(SIG_UNBLOCK);
			execve(path, argv, envp);
			printf("# cannot run %s (errno %d)\n", path, errno);
			exit(127);
		}
		if (pid < 0) {
			printf("not ok %d %s # ERROR fork failed\n", i + 1,
			       names[i]);
			failed++;
			continue;
		}
		if (deadline) {
			int left = deadline - (int)(voyager_now_ms() / 1000);

			if (left < secs) {
				secs = left > 1 ? left : 1;
				by_deadline = 1;
			}
		}
		status = wait_bounded(pid, secs, &timed_out, &end_sig);
		if (end_sig)
			printf("# voyager-init: end signal %d during %s\n",
			       end_sig, names[i]);
		if (timed_out && by_deadline) {
			printf("not ok %d %s # TIMEOUT at the run's deadline, %d s after start\n",
			       i + 1, names[i], deadline);
			failed++;
		} else if (timed_out) {
			printf("not ok %d %s # TIMEOUT after %d s\n", i + 1,
			       names[i], timeout);
			failed++;
		} else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("ok %d %s\n", i + 1, names[i]);
		} else if (WIFEXITED(status) &&
			   WEXITSTATUS(status) == EXIT_SKIP) {
			printf("ok %d %s # SKIP\n", i + 1, names[i]);
		} else {
			printf("not ok %d %s # exit status %d, signal %d\n",
			       i + 1, names[i],
			       WIFEXITED(status) ? WEXITSTATUS(status) : -1,
			       WIFSIGNALED(status) ? WTERMSIG(status) : 0);
			failed++;
		}
	}
	printf("# voyager-init: %d of %d tests failed\n", failed, n);
	/* A test that asked and ended by itself: its signal is pending. */
	return end_sig ? end_sig : end_signal_pending();
}

/*
 * An interactive busybox shell on the serial console, as a child.
 * Returns the end signal that busybox's poweroff/reboot sent, or 0.
 */
static int run_shell(char **envp)
{
	char *sh[] = { "-sh", NULL };
	char *shenv[] = { "PATH=/sbin:/bin", "HOME=/", "TERM=vt100",
			  "PS1=voyager# ", NULL };
	pid_t pid;

	(void)envp;
	if (voyager_busybox_install(shenv)) {
		printf("voyager-init: /bin/busybox does not run here\n");
		return 0;
	}

	end_signals(SIG_BLOCK);
	pid = fork();
	if (pid == 0) {
		int fd;

		end_signals(SIG_UNBLOCK);
		setsid();
		fd = open("/dev/ttyS0", O_RDWR, 0);
		if (fd >= 0) {
			ioctl(fd, TIOCSCTTY, 0);
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
		printf("\nVoyager test shell: busybox sh.  'poweroff' or 'exit' ends the machine.\n");
		execve("/bin/sh", sh, shenv);
		exit(127);
	}
	return wait_child_or_end_signal(pid);
}

int main(int argc, char **argv, char **envp)
{
	const char *end = getenv("voyager_end");
	int power_off = end && !strcmp(end, "poweroff");
	char *tests;

	(void)argc;
	(void)argv;
	mount_pseudo("proc", "/proc", "proc");
	mount_pseudo("sysfs", "/sys", "sysfs");
	mount_pseudo("devtmpfs", "/dev", "devtmpfs");
	mount_pseudo("debugfs", "/sys/kernel/debug", "debugfs");
	printf("voyager-init: started\n");

	tests = getenv("voyager_tests");
	if (getenv("voyager_shell")) {
		/* busybox reboot restarts; its halt and poweroff end as usual. */
		if (run_shell(envp) == SIGTERM)
			power_off = 0;
	} else if (tests && *tests) {
		/* /sbin/poweroff or reboot asked to end the machine. */
		int sig = run_tests(tests, envp);

		if (sig == SIGTERM)
			power_off = 0;
		else if (sig)
			power_off = 1;
	} else
		printf("voyager-init: no voyager_tests= and no voyager_shell=1: nothing to do\n");

	printf("voyager-init: done\n");
	/*
	 * A root on disk (make run) is left clean: read-only before the end.
	 * On the initramfs, or with a file still open for writing, this
	 * fails and changes nothing; the sync in voyager_end_machine() stays.
	 */
	voyager_sync();
	mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY, NULL);
	voyager_end_machine(power_off);
	return 0;
}
