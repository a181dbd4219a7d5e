/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the test userland (init, tests, poweroff).  Header
 * only: every program is one nolibc translation unit.
 */
#ifndef VOYAGER_TEST_H
#define VOYAGER_TEST_H

#include <linux/reboot.h>
#include <asm/termios.h>
#include <linux/serial.h>

#define VOYAGER_MAX_COLUMNS	32

/* Integer value of environment variable @name, or @def. */
static int voyager_env_int(const char *name, int def)
{
	const char *v = getenv(name);

	return v && *v ? atoi(v) : def;
}

/* Read up to @size - 1 bytes of @path into @buf; -1 on error. */
static int voyager_read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		return -1;
	while (got < size - 1 && (n = read(fd, buf + got, size - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got;
}

/* Write @text to the existing file @path: 0, or -1 with errno set. */
static int voyager_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY, 0), len = strlen(text), n;

	if (fd < 0)
		return -1;
	n = write(fd, text, len);
	close(fd);
	return n == len ? 0 : -1;
}

/* Port I/O, for the tests that iopl(3) first (hold, irqstress). */
static unsigned char voyager_inb(unsigned short port)
{
	unsigned char v;

	__asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(port));
	return v;
}

static void voyager_outb(unsigned char v, unsigned short port)
{
	__asm__ volatile("outb %b0, %w1" : : "a"(v), "Nd"(port));
}

/* nolibc has no strstr(). */
static const char *voyager_strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return hay;
	return NULL;
}

/* Number of CPUs in a list such as "0-3,5,7-8". */
static int voyager_count_cpu_list(const char *s)
{
	int count = 0;

	while (*s >= '0' && *s <= '9') {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		count += b - a + 1;
		s = *end == ',' ? end + 1 : end;
	}
	return count;
}

/*
 * The per-CPU counts of line @irq ("0", "LOC", ...) of /proc/interrupts
 * into @counts (at most VOYAGER_MAX_COLUMNS).  Returns the number of CPU
 * columns, or -1 if the line or the file is missing.
 */
static int voyager_irq_counts(const char *irq, long *counts)
{
	static char buf[16384];
	int len = strlen(irq), ncpus = 0, n = 0;
	char *line, *p, *end;

	if (voyager_read_file("/proc/interrupts", buf, sizeof(buf)) <= 0)
		return -1;
	/* The header names one column per online CPU. */
	for (p = buf; *p && *p != '\n'; p++)
		if (!strncmp(p, "CPU", 3))
			ncpus++;
	for (line = buf; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		p = line;
		while (*p == ' ')
			p++;
		if (strncmp(p, irq, len) || p[len] != ':')
			continue;
		p += len + 1;
		while (n < ncpus && n < VOYAGER_MAX_COLUMNS) {
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			counts[n++] = v;
			p = end;
		}
		return n == ncpus ? n : -1;
	}
	return -1;
}

/*
 * Like voyager_irq_counts(), but indexed by CPU number (the header's
 * "CPUn" names, which skip offline CPUs): @counts[cpu] for cpu <
 * VOYAGER_MAX_COLUMNS, -1 for a CPU without a column.  Returns the
 * number of columns, or -1.
 */
static int voyager_irq_counts_by_cpu(const char *irq, long *counts)
{
	static char head[1024];
	long cols[VOYAGER_MAX_COLUMNS];
	int ids[VOYAGER_MAX_COLUMNS], n, nids = 0, i;
	char *p;

	for (i = 0; i < VOYAGER_MAX_COLUMNS; i++)
		counts[i] = -1;
	n = voyager_irq_counts(irq, cols);
	if (n < 0 || voyager_read_file("/proc/interrupts", head,
				       sizeof(head)) <= 0)
		return -1;
	for (p = head; *p && *p != '\n' && nids < VOYAGER_MAX_COLUMNS; p++)
		if (!strncmp(p, "CPU", 3))
			ids[nids++] = atoi(p + 3);
	if (nids != n)
		return -1;
	for (i = 0; i < n; i++)
		if (ids[i] >= 0 && ids[i] < VOYAGER_MAX_COLUMNS)
			counts[ids[i]] = cols[i];
	return n;
}

/*
 * The online CPUs on a VIC line of a Voyager (the rows of debugfs
 * voyager/vic, after its header), or -1 where there is no such file: a
 * PC, or a kernel without the platform.
 */
static int voyager_vic_cpus(void)
{
	static char buf[4096];
	char *p;
	int n = -1;

	if (voyager_read_file("/sys/kernel/debug/voyager/vic", buf,
			      sizeof(buf)) <= 0)
		return -1;
	for (p = buf; (p = strchr(p, '\n')) != NULL; p++)
		n++;
	return n;
}

/* The sum over all CPUs of line @irq, or -1 if it is missing. */
static long voyager_irq_total(const char *irq)
{
	long counts[VOYAGER_MAX_COLUMNS], sum = 0;
	int i, n = voyager_irq_counts(irq, counts);

	if (n < 0)
		return -1;
	for (i = 0; i < n; i++)
		sum += counts[i];
	return sum;
}


/*
 * The 16550's receive FIFO.  In loopback QEMU's UART transmits a byte the
 * moment it is written, so with more than this in flight the receiver
 * overruns whenever its interrupt waits: for instance while the 8250
 * driver's THRE backup timer (UART_BUG_THRE, which the driver's start-up
 * test can set when the THRE interrupt it raises is taken on another
 * CPU) holds the port lock and transmits.  Those bytes are gone, and the
 * echo would wait for them in vain: no interrupt is missing.
 */
#define VOYAGER_UART_FIFO	16

/*
 * Write @msg to a loopback tty and read it back, at most a FIFO's worth
 * in flight at a time; 0 if it all came back.
 */
static int voyager_loopback_echo(int fd, const char *msg, char *buf, int size)
{
	int len = strlen(msg), got = 0, want, n, tries;

	while (got < len && got < size - 1) {
		want = got + VOYAGER_UART_FIFO;
		if (want > len)
			want = len;
		if (want > size - 1)
			want = size - 1;
		if (write(fd, msg + got, want - got) != want - got)
			break;
		for (tries = 0; tries < 50 && got < want; tries++) {
			n = read(fd, buf + got, want - got);
			if (n > 0)
				got += n;
		}
		if (got < want)
			break;
	}
	buf[got] = '\0';
	return got == len && !memcmp(buf, msg, len) ? 0 : -1;
}

/*
 * Close a port of voyager_open_loopback() after one more message.  On a
 * PC a route written while the port is open moves its interrupt only
 * when it next fires (the I/O APIC's edge interrupts move from their
 * handler), and /proc/irq/N/smp_affinity_list shows that route at once.
 * One still waiting at the close waits through the next open: the port
 * opens on the CPU the list names while its interrupt is on the old one,
 * the race voyager_open_loopback() avoids.  The message lets the move
 * happen.  Tests that route a port's interrupt while it is open close it
 * so.
 */
static void voyager_close_loopback(int fd)
{
	char buf[16];

	voyager_loopback_echo(fd, "close", buf, sizeof(buf));
	close(fd);
}

/* Receiver overruns the UART behind @fd counted so far, or -1. */
static long voyager_uart_overruns(int fd)
{
	struct serial_icounter_struct icount;

	if (ioctl(fd, TIOCGICOUNT, &icount) < 0)
		return -1;
	return icount.overrun;
}

/* --- CPUs, pinning and time, for the SMP tests (threads, hotplug) --- */

#define VOYAGER_MAX_CPUS	32

/*
 * The CPU numbers of a list such as "0-3,5" into @cpus (at most @max);
 * returns how many.
 */
static int voyager_parse_cpu_list(const char *s, int *cpus, int max)
{
	int n = 0;

	while (*s >= '0' && *s <= '9') {
		char *end;
		long a = strtol(s, &end, 10), b = a;

		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		for (; a <= b && n < max; a++)
			cpus[n++] = a;
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

/* The online CPUs from sysfs into @cpus (at most @max); -1 on error. */
static int voyager_online_cpus(int *cpus, int max)
{
	char buf[256];

	if (voyager_read_file("/sys/devices/system/cpu/online", buf,
			      sizeof(buf)) <= 0)
		return -1;
	return voyager_parse_cpu_list(buf, cpus, max);
}

/* Write "@cpu\n" to the CPU-list file @path: 0, or -1 with errno set. */
static int voyager_write_cpu(const char *path, int cpu)
{
	char list[16];

	itoa_r(cpu, list);
	strncat(list, "\n", sizeof(list) - 1 - strlen(list));
	return voyager_write_file(path, list);
}

/* Route interrupt @irq to @cpu alone: 0, or -1 with errno set. */
static int voyager_route_irq(int irq, int cpu)
{
	char path[48] = "/proc/irq/", num[12];

	itoa_r(irq, num);
	strncat(path, num, sizeof(path) - 1 - strlen(path));
	strncat(path, "/smp_affinity_list", sizeof(path) - 1 - strlen(path));
	return voyager_write_cpu(path, cpu);
}

/*
 * A number below @n from the LCG state @seed: the same seed gives the
 * same choices, so a printed seed replays a run.
 */
static unsigned int voyager_draw(unsigned int *seed, unsigned int n)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) % n;
}

/*
 * The first SCSI disk's size in 512-byte sectors, from sysfs, or -1:
 * devtmpfs and sysfs may trail the SCSI scan by a moment, so wait up to
 * 5 s for it.
 */
#define VOYAGER_SDA_SIZE	"/sys/block/sda/size"
static long voyager_sda_sectors(void)
{
	char buf[32];
	int i;

	for (i = 0; i < 50; i++) {
		if (voyager_read_file(VOYAGER_SDA_SIZE, buf, sizeof(buf)) > 0)
			return atol(buf);
		msleep(100);
	}
	return -1;
}

/* Take @cpu off line (@on 0) or bring it back: 0, or -1 with errno set. */
static int voyager_set_cpu_online(int cpu, int on)
{
	char path[64] = "/sys/devices/system/cpu/cpu", num[12];

	itoa_r(cpu, num);
	strncat(path, num, sizeof(path) - 1 - strlen(path));
	strncat(path, "/online", sizeof(path) - 1 - strlen(path));
	return voyager_write_file(path, on ? "1\n" : "0\n");
}

/*
 * Pin the calling thread to @cpu.  A raw syscall (no errno: safe in the
 * test threads); 0 or -errno.
 */
static int voyager_pin_self(int cpu)
{
	unsigned long mask[VOYAGER_MAX_CPUS / (8 * sizeof(long)) + 1] = { 0 };

	mask[cpu / (8 * sizeof(long))] = 1UL << (cpu % (8 * sizeof(long)));
	return my_syscall3(__NR_sched_setaffinity, 0, sizeof(mask), mask);
}

/* The CPU the calling thread runs on (getcpu), or -errno. */
static int voyager_getcpu(void)
{
	unsigned int cpu = 0, node = 0;
	long ret = my_syscall3(__NR_getcpu, &cpu, &node, NULL);

	return ret < 0 ? (int)ret : (int)cpu;
}

/*
 * /proc/irq/N/@file of tty @name's (such as "ttyS1") interrupt N, from
 * sysfs, into @path; -1 if the tty has none.
 */
static int voyager_tty_irq_path(const char *name, const char *file,
				char *path, int size)
{
	char buf[64], num[12];

	path[0] = '\0';
	strncat(path, "/sys/class/tty/", size - 1);
	strncat(path, name, size - 1 - strlen(path));
	strncat(path, "/irq", size - 1 - strlen(path));
	if (voyager_read_file(path, buf, sizeof(buf)) <= 0 || atoi(buf) <= 0)
		return -1;
	itoa_r(atoi(buf), num);
	path[0] = '\0';
	strncat(path, "/proc/irq/", size - 1);
	strncat(path, num, size - 1 - strlen(path));
	strncat(path, "/", size - 1 - strlen(path));
	strncat(path, file, size - 1 - strlen(path));
	return 0;
}

/* The CPU that takes tty @name's interrupt now; -1 if unknown. */
static int voyager_tty_irq_cpu(const char *name)
{
	char path[96], buf[64];
	int cpus[1];

	if (voyager_tty_irq_path(name, "effective_affinity_list", path,
				 sizeof(path)) < 0 ||
	    voyager_read_file(path, buf, sizeof(buf)) <= 0 ||
	    voyager_parse_cpu_list(buf, cpus, 1) < 1)
		return -1;
	return cpus[0];
}

/*
 * The CPU that will take tty @name's interrupt once its port is open;
 * -1 if unknown.  A closed port's interrupt is deactivated, and a PC's
 * I/O APIC vector is allocated again when the port opens: on the CPU of
 * the interrupt's affinity with the fewest vectors, whatever
 * effective_affinity said before (CPU 0 for 306 of 400 opens on a 4-CPU
 * PC that then landed on CPU 1, 2 or 3; the VIC keeps its route, 0 of
 * 400).  So the affinity is narrowed to one CPU first: the current one
 * if the affinity holds it, else the affinity's first online CPU.
 */
static int voyager_tty_irq_cpu_at_open(const char *name)
{
	int want[VOYAGER_MAX_CPUS], online[VOYAGER_MAX_CPUS], nwant, nonline;
	int now = voyager_tty_irq_cpu(name), cpu = -1, i, j;
	char path[96], buf[256];

	/* No effective affinity (the 8259 PIC of a PC): one CPU takes it. */
	if (now < 0 ||
	    voyager_tty_irq_path(name, "smp_affinity_list", path,
				 sizeof(path)) < 0 ||
	    voyager_read_file(path, buf, sizeof(buf)) <= 0)
		return now;
	nwant = voyager_parse_cpu_list(buf, want, VOYAGER_MAX_CPUS);
	nonline = voyager_online_cpus(online, VOYAGER_MAX_CPUS);
	for (i = 0; i < nwant; i++) {
		for (j = 0; j < nonline && online[j] != want[i]; j++)
			;
		if (j == nonline)
			continue;
		if (want[i] == now || cpu < 0)
			cpu = want[i];
	}
	if (cpu < 0 || nwant == 1)
		return cpu < 0 ? now : cpu;
	/* A quad CPU off the VIC line refuses a route: keep the VIC's. */
	return voyager_write_cpu(path, cpu) == 0 ? cpu : now;
}

/*
 * Open @tty (O_RDWR) on the CPU that will take its interrupt; the fd, or
 * -1.  *@cpu: the CPU it was opened on (-1: anywhere), *@landed: the CPU
 * that takes the interrupt after the open.
 */
static int voyager_open_pinned(const char *tty, int *cpu, int *landed)
{
	unsigned long saved[VOYAGER_MAX_CPUS / (8 * sizeof(long)) + 1];
	const char *name = tty + strlen("/dev/");
	long pinned = -1;
	int fd;

	*cpu = voyager_tty_irq_cpu_at_open(name);
	if (*cpu >= 0) {
		pinned = my_syscall3(__NR_sched_getaffinity, 0, sizeof(saved),
				     saved);
		if (pinned > 0 && voyager_pin_self(*cpu) < 0)
			pinned = -1;
	}
	fd = open(tty, O_RDWR | O_NOCTTY, 0);
	if (pinned > 0)
		my_syscall3(__NR_sched_setaffinity, 0, sizeof(saved), saved);
	else
		*cpu = -1;
	*landed = voyager_tty_irq_cpu(name);
	return fd;
}

/*
 * Open @tty ("/dev/ttyS1") raw (8N1, reads return after at most 0.1 s),
 * the UART in its loopback mode: what is written comes back, through its
 * interrupt.  Opened on
 * the CPU that takes its interrupt: the 8250 driver's start-up test of
 * the THRE interrupt (IER written, IIR read, port lock held) races with
 * its own interrupt handler on another CPU, which reads IIR before it
 * takes the lock and can consume the THRE the test looks for.  The
 * driver then takes the UART for one that does not reassert THRE
 * (UART_BUG_THRE) and keeps it going from a timer, whose IER restore
 * leaves THRI set behind the driver's back: QEMU's UART raises THRE only
 * when THRI goes from 0 to 1, so transmission then crawls at the timer's
 * pace.  Not a Voyager matter: any SMP machine can lose that race.
 * voyager_tty_irq_cpu_at_open() says which CPU that is; an open whose
 * interrupt is elsewhere afterwards fails, as the race was possible (a
 * route left waiting by the last close is one way there: see
 * voyager_close_loopback()).
 */
static int voyager_open_loopback(const char *tty)
{
	int fd, cpu, landed, loop = TIOCM_LOOP;
	struct termios tio;

	fd = voyager_open_pinned(tty, &cpu, &landed);
	if (fd < 0 || ioctl(fd, TCGETS, &tio) < 0) {
		printf("# cannot open %s (errno %d)\n", tty, errno);
		return -1;
	}
	if (cpu >= 0 && landed >= 0 && landed != cpu) {
		printf("# %s opened on CPU %d, its interrupt on CPU %d: the 8250 start-up test could race\n",
		       tty, cpu, landed);
		close(fd);
		return -1;
	}
	tio.c_iflag = 0;
	tio.c_oflag = 0;
	tio.c_lflag = 0;
	tio.c_cflag = (tio.c_cflag & ~(CSIZE | PARENB)) | CS8 | CREAD | CLOCAL;
	tio.c_cc[VMIN] = 0;
	tio.c_cc[VTIME] = 1;
	if (ioctl(fd, TCSETS, &tio) < 0 || ioctl(fd, TIOCMBIS, &loop) < 0) {
		printf("# cannot set %s raw in loopback mode (errno %d)\n", tty,
		       errno);
		close(fd);
		return -1;
	}
	return fd;
}

/* CLOCK_MONOTONIC in milliseconds (the 64-bit time call always exists). */
static long long voyager_now_ms(void)
{
	long long ts[2] = { 0, 0 };

	my_syscall2(__NR_clock_gettime64, CLOCK_MONOTONIC, ts);
	return ts[0] * 1000 + ts[1] / 1000000;
}

static void voyager_sync(void)
{
	my_syscall0(__NR_sync);
}

/*
 * Hold the run until the boot runner's monitor has looked at the machine:
 * print "# hold for the monitor" and wait, up to 120 s, for the runner
 * to write 5Ah into the scratch register of the second UART (port 2FFh:
 * the 8250 driver leaves it alone once the port is probed) with the
 * monitor's `o` command; clear it again.  0 when released, else -1 with
 * the reason printed.
 */
#define VOYAGER_HOLD_PORT	0x2ff
#define VOYAGER_HOLD_RELEASE	0x5a
#define VOYAGER_HOLD_WAIT_S	120

static int voyager_hold_for_monitor(void)
{
	long long t0;

	if (my_syscall1(__NR_iopl, 3) < 0) {
		printf("# iopl(3) refused: cannot read port %#x\n",
		       VOYAGER_HOLD_PORT);
		return -1;
	}
	voyager_outb(0, VOYAGER_HOLD_PORT);
	if (voyager_inb(VOYAGER_HOLD_PORT) != 0) {
		printf("# no scratch register at port %#x\n", VOYAGER_HOLD_PORT);
		return -1;
	}
	printf("# hold for the monitor\n");
	t0 = voyager_now_ms();
	while (voyager_inb(VOYAGER_HOLD_PORT) != VOYAGER_HOLD_RELEASE) {
		if (voyager_now_ms() - t0 > VOYAGER_HOLD_WAIT_S * 1000LL) {
			printf("# the monitor did not release the hold in %d s\n",
			       VOYAGER_HOLD_WAIT_S);
			return -1;
		}
		msleep(50);
	}
	voyager_outb(0, VOYAGER_HOLD_PORT);
	printf("# released after %lld ms\n", voyager_now_ms() - t0);
	return 0;
}

/*
 * Make busybox's applets (/bin/sh, mount ...) links in /bin; 0 when
 * busybox ran and said so, else -1.
 */
static int voyager_busybox_install(char **envp)
{
	char *inst[] = { "/bin/busybox", "--install", "-s", "/bin", NULL };
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		execve(inst[0], inst, envp);
		exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status))
		return -1;
	return 0;
}

/* Sync and power off (or restart); never returns. */
static __attribute__((noreturn)) void voyager_end_machine(int power_off)
{
	voyager_sync();
	reboot(power_off ? LINUX_REBOOT_CMD_POWER_OFF :
			   LINUX_REBOOT_CMD_RESTART);
	printf("voyager: reboot() failed (errno %d)\n", errno);
	for (;;)
		msleep(1000);
}

#define VOYAGER_STR(x)	#x
#define VOYAGER_XSTR(x)	VOYAGER_STR(x)

/* The signal return, as the C library's restorer would do it. */
static void __attribute__((naked)) voyager_sigreturn(void)
{
	__asm__ volatile("movl $" VOYAGER_XSTR(__NR_rt_sigreturn) ", %eax\n\t"
			 "int $0x80\n\t"
			 "hlt");
}

/* struct sigaction as the i386 rt_sigaction system call reads it. */
struct voyager_sigaction {
	void (*handler)(int sig, void *info, void *context);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask[2];
};

/*
 * Catch @sig with @fn (SA_SIGINFO plus @flags), or give it back its
 * default action when @fn is NULL; the system call's result.
 */
static long voyager_catch_signal(int sig,
				 void (*fn)(int sig, void *info, void *context),
				 unsigned long flags)
{
	struct voyager_sigaction sa = {
		.handler = fn,
		.flags = (fn ? SA_SIGINFO | flags : 0) | SA_RESTORER,
		.restorer = voyager_sigreturn,
	};

	return my_syscall4(__NR_rt_sigaction, sig, &sa, NULL, sizeof(sa.mask));
}

#endif /* VOYAGER_TEST_H */
