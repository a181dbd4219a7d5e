// SPDX-License-Identifier: GPL-2.0
/*
 * Test: run the kernel's own selftests (tools/testing/selftests of the
 * kernel tree, built by scripts/build-selftests.sh into a second initramfs
 * archive under /kselftest).  /kselftest/list names them, one per line:
 *
 *	ID <TAB> LIMIT <TAB> DIRECTORY <TAB> PROGRAM [<TAB> ARGUMENT]...
 *
 * Each runs in its DIRECTORY for at most LIMIT seconds, its output kept in
 * /tmp/kselftest.out and shown (the last lines) only when it does not
 * pass, and its result printed as one line:
 *
 *	# kselftest ID: pass|skip|fail (exit N | signal N | timeout)
 *
 * The selftests' own convention: exit 0 passes, 4 is a skip, anything
 * else fails.  A test that does not pass also gets one line per KTAP
 * case it reported:
 *
 *	# kselftest-case ID [N]: pass|skip|fail
 *
 * This program fails only when it cannot run the list; the
 * verdict on the results is the host's (tests/kselftests.py), which holds
 * them against the same kernel's results on a PC.
 */
#include "voyager_test.h"

#define LIST		"/kselftest/list"
#define OUT		"/tmp/kselftest.out"
#define MAX_ARGS	16
#define TAIL_LINES	25

static char list[16384];

static char out[65536];

/*
 * What a test that did not pass said, read once: one line per KTAP case
 * of its own ("ok N ...", "not ok N ..." at the start of a line), so
 * that the host can hold its cases against the PC's one by one, then,
 * with @tail, its last lines.
 */
static void report_output(const char *id, int tail)
{
	int n, i, lines = 0, start = 0;

	n = voyager_read_file(OUT, out, sizeof(out));
	if (n <= 0)
		return;
	for (i = 0; i < n; ) {
		const char *verdict = "pass";
		char *p = out + i;
		int j = i;

		while (j < n && out[j] != '\n')
			j++;
		out[j] = '\0';
		i = j + 1;
		if (!strncmp(p, "not ok ", 7)) {
			verdict = "fail";
			p += 7;
		} else if (!strncmp(p, "ok ", 3)) {
			p += 3;
		} else {
			continue;
		}
		if (*p < '0' || *p > '9')
			continue;
		if (voyager_strstr(p, "# SKIP"))
			verdict = "skip";
		printf("# kselftest-case %s [%d]: %s\n", id, atoi(p), verdict);
	}
	if (!tail)
		return;
	/* The lines are strings now: start TAIL_LINES from the end. */
	for (i = n - 1; i > 0; i--) {
		if (out[i - 1] == '\0' && ++lines == TAIL_LINES) {
			start = i;
			break;
		}
	}
	printf("#   last lines of its output:\n");
	for (i = start; i < n; i += strlen(out + i) + 1)
		printf("#   | %s\n", out + i);
}

/* Run one test; 0 pass, 1 skip, 2 fail. */
static int run_one(const char *id, int limit, const char *dir, char **argv)
{
	static char *envp[] = { "PATH=/bin:/sbin", "HOME=/", "UID=0",
				"TERM=dumb", NULL };
	long long t0 = voyager_now_ms();
	int status = 0, fd, res;
	pid_t pid, w;

	pid = fork();
	if (pid < 0) {
		printf("# kselftest %s: fail (fork errno %d)\n", id, errno);
		return 2;
	}
	if (pid == 0) {
		fd = open(OUT, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		/* The child leads its own group, so a timeout ends all of it. */
		setpgid(0, 0);
		if (chdir(dir) < 0)
			exit(127);
		execve(argv[0], argv, envp);
		exit(127);
	}
	for (;;) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (voyager_now_ms() - t0 > limit * 1000LL) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			printf("# kselftest %s: fail (timeout %d s)\n", id,
			       limit);
			report_output(id, 1);
			return 2;
		}
		msleep(20);
	}
	/* Whatever the test left running in its group goes with it. */
	kill(-pid, SIGKILL);
	/* nolibc's WIFSIGNALED() also holds for a plain exit 0. */
	if ((status & 0x7f) && (status & 0x7f) != 0x7f) {
		printf("# kselftest %s: fail (signal %d)\n", id,
		       WTERMSIG(status));
		report_output(id, 1);
		return 2;
	}
	res = WEXITSTATUS(status);
	if (res == 0) {
		printf("# kselftest %s: pass (%lld ms)\n", id,
		       voyager_now_ms() - t0);
		return 0;
	}
	printf("# kselftest %s: %s (exit %d)\n", id, res == 4 ? "skip" : "fail",
	       res);
	report_output(id, res != 4);
	return res == 4 ? 1 : 2;
}

int main(void)
{
	static char *envp[] = { "PATH=/bin:/sbin", NULL };
	int counts[3] = { 0, 0, 0 };
	char *line, *next, *argv[MAX_ARGS + 1];
	int n, argc;

	n = voyager_read_file(LIST, list, sizeof(list));
	if (n <= 0) {
		printf("# no %s: boot with the selftests archive\n", LIST);
		return 1;
	}
	/* The shell scripts among the tests want the busybox applets. */
	if (voyager_busybox_install(envp)) {
		printf("# cannot install the busybox applets\n");
		return 1;
	}
	for (line = list; line && *line; line = next) {
		char *id, *dir, *limit;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!*line)
			continue;
		id = line;
		limit = strchr(id, '\t');
		dir = limit ? strchr(limit + 1, '\t') : NULL;
		if (!dir) {
			printf("# %s: malformed line '%s'\n", LIST, line);
			return 1;
		}
		*limit++ = '\0';
		*dir++ = '\0';
		argc = 0;
		argv[0] = strchr(dir, '\t');
		while (argv[argc] && argc < MAX_ARGS) {
			*argv[argc]++ = '\0';
			argv[argc + 1] = strchr(argv[argc], '\t');
			argc++;
		}
		argv[argc] = NULL;
		if (!argc) {
			printf("# %s: no program for %s\n", LIST, id);
			return 1;
		}
		counts[run_one(id, atoi(limit), dir, argv)]++;
	}
	printf("# kselftests: %d pass, %d skip, %d fail\n", counts[0],
	       counts[1], counts[2]);
	return 0;
}
