// SPDX-License-Identifier: GPL-2.0
/*
 * Test: print the CAT bus inventory and a few raw accesses as "# cat: ..."
 * lines, for the host to compare with what it derives from the machine's
 * cards= string (tests/boot-cat.sh).  The program itself only fails when
 * the files the kernel documents are missing or unreadable: whether the
 * contents are right is decided on the host, which knows the machine.
 *
 *   # cat: none                      no /sys/devices/platform/voyager-cat
 *   # cat: modules N extended LIST
 *   # cat: module ID type T asics N [card C slot S cpus LIST]
 *   # cat: raw MM AA RR = VV         debugfs raw read (after a write: "set")
 *   # cat: subaddr MM AA ADDR = B..  debugfs subaddress read
 *
 * It also fails when a malformed command (cat_debugfs.c's contract: a
 * field missing or too many, a value out of range or not a number, more
 * than 47 bytes, an empty write) is not refused with EINVAL, when one
 * changes the last result, or when a good command no longer works after
 * them.
 */
#include "voyager_test.h"

#define CAT_DIR		"/sys/devices/platform/voyager-cat"
#define CAT_DEBUG	"/sys/kernel/debug/voyager/cat"

/* nolibc has no snprintf(): join up to four strings into dst. */
static char *cat_join(char *dst, int size, const char *a, const char *b,
		      const char *c, const char *d)
{
	const char *parts[] = { a, b, c, d };
	int i, n = 0;

	for (i = 0; i < 4; i++) {
		const char *p = parts[i];

		while (p && *p && n < size - 1)
			dst[n++] = *p++;
	}
	dst[n] = '\0';
	return dst;
}

/* Two hex digits of v. */
static const char *cat_hex2(char *buf, int v)
{
	static const char digits[] = "0123456789abcdef";

	buf[0] = digits[(v >> 4) & 15];
	buf[1] = digits[v & 15];
	buf[2] = '\0';
	return buf;
}

/* Read a sysfs file into buf without its newline; 0 if it exists. */
static int cat_attr(const char *module, const char *attr, char *buf, int size)
{
	char path[128];
	int n;

	cat_join(path, sizeof(path), CAT_DIR "/", module, *module ? "/" : "",
		 attr);
	n = voyager_read_file(path, buf, size);
	if (n <= 0)
		return -1;
	if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

/* Write a command to a debugfs file, then print what it answers. */
static int cat_debug(const char *file, const char *cmd, const char *what)
{
	char path[96], buf[256];
	int fd, n;

	cat_join(path, sizeof(path), CAT_DEBUG "/", file, NULL, NULL);
	fd = open(path, O_WRONLY, 0);
	if (fd < 0) {
		printf("# cannot open %s (errno %d)\n", path, errno);
		return -1;
	}
	n = write(fd, cmd, strlen(cmd));
	close(fd);
	if (voyager_read_file(path, buf, sizeof(buf)) <= 0) {
		printf("# cannot read %s\n", path);
		return -1;
	}
	if (n < 0)
		printf("# %s \"%s\": errno %d, %s", what, cmd, errno, buf);
	else
		printf("# cat: %s %s", what, buf);
	return n < 0 ? -1 : 0;
}

/*
 * Write len bytes of cmd to a debugfs file: it must be refused with
 * EINVAL and leave the file's last result as it was.
 */
static int cat_refused(const char *file, const char *cmd, int len)
{
	char path[96], before[256], after[256];
	int fd, n, err;

	cat_join(path, sizeof(path), CAT_DEBUG "/", file, NULL, NULL);
	if (voyager_read_file(path, before, sizeof(before)) <= 0) {
		printf("# cannot read %s\n", path);
		return -1;
	}
	fd = open(path, O_WRONLY, 0);
	if (fd < 0) {
		printf("# cannot open %s (errno %d)\n", path, errno);
		return -1;
	}
	n = write(fd, cmd, len);
	err = errno;
	close(fd);
	if (n >= 0 || err != EINVAL) {
		printf("# %s: malformed \"%s\" (%d bytes): %d, errno %d, not EINVAL\n",
		       file, len > 40 ? "(long)" : cmd, len, n, n < 0 ? err : 0);
		return -1;
	}
	if (voyager_read_file(path, after, sizeof(after)) <= 0 ||
	    strcmp(before, after)) {
		printf("# %s: malformed \"%s\" changed the result to %s", file,
		       len > 40 ? "(long)" : cmd, after);
		return -1;
	}
	return 0;
}

/* Each malformed command must be refused; 0 if every one was. */
static int cat_malformed(void)
{
	static const char * const raw[] = {
		"\n",			/* no field */
		"14 1",			/* a field missing */
		"14 1 4 a5 7",		/* a field too many */
		"14 1 4 zz",		/* a value that is not hex */
		"14 1 4x",
		"100 1 4",		/* module above FFh */
		"14 100 4",		/* ASIC above FFh */
		"14 1 100",		/* register above FFh */
		"14 1 4 100",		/* value above FFh */
		"100000014 1 4",	/* 14h in 32 bits, not in 64 */
		"-1 1 4",
	};
	static const char * const sub[] = {
		"18 0",			/* a field missing */
		"18 0 0 8 9",		/* a field too many */
		"18 0 0 0",		/* no byte */
		"18 0 0 65",		/* more than 64 bytes */
		"18 0 10000",		/* address above FFFFh */
		"18 0 0 -1",
		"18 0 0 8x",
		"18 0 0 4294967297",	/* 1 in 32 bits */
		"18 0 0 a",		/* LEN is decimal */
	};
	char longline[200];
	unsigned int i;
	int bad = 0;

	for (i = 0; i < sizeof(raw) / sizeof(raw[0]); i++)
		bad |= cat_refused("raw", raw[i], strlen(raw[i])) < 0;
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++)
		bad |= cat_refused("subaddr", sub[i], strlen(sub[i])) < 0;
	/* empty writes; a good command after 42 blanks, 48 bytes in all */
	bad |= cat_refused("raw", "", 0) < 0;
	bad |= cat_refused("subaddr", "", 0) < 0;
	memset(longline, ' ', sizeof(longline));
	memcpy(longline + 42, "1a 0 1", 6);
	bad |= cat_refused("raw", longline, 48) < 0;
	memcpy(longline + 42, "18 0 0", 6);
	bad |= cat_refused("subaddr", longline, 48) < 0;
	bad |= cat_refused("raw", longline, sizeof(longline)) < 0;
	printf("# malformed commands: %s\n", bad ? "not all refused" : "all refused");
	return bad;
}

int main(void)
{
	char modules[16], extended[128], mod[16], buf[128], hex[3];
	int id, bad = 0, quads = 0;

	if (cat_attr("", "modules", modules, sizeof(modules))) {
		printf("# cat: none\n");
		return 0;
	}
	cat_attr("", "extended_cpus", extended, sizeof(extended));
	printf("# cat: modules %s extended %s\n", modules, extended);

	for (id = 0x10; id <= 0x1f; id++) {
		char type[16], asics[8], card[8], slot[8], cpus[128];

		cat_join(mod, sizeof(mod), "module", cat_hex2(hex, id), NULL,
			 NULL);
		if (cat_attr(mod, "id", buf, sizeof(buf)))
			continue;
		if (cat_attr(mod, "type", type, sizeof(type)) ||
		    cat_attr(mod, "asics", asics, sizeof(asics)) ||
		    cat_attr(mod, "name", buf, sizeof(buf))) {
			printf("# %s: missing attributes\n", mod);
			bad = 1;
			continue;
		}
		if (cat_attr(mod, "card", card, sizeof(card))) {
			printf("# cat: module %s type %s asics %s\n",
			       hex, type, asics);
			continue;
		}
		if (cat_attr(mod, "slot", slot, sizeof(slot)) ||
		    cat_attr(mod, "cpus", cpus, sizeof(cpus))) {
			printf("# %s: processor card without slot/cpus\n", mod);
			bad = 1;
			continue;
		}
		printf("# cat: module %s type %s asics %s card %s slot %s cpus %s\n",
		       hex, type, asics, card, slot, cpus);
		if (!strcmp(card, "quad")) {
			/* QABC type register and its bytes 5-8 (CPI base, SET) */
			cat_join(buf, sizeof(buf), hex, " 3 1", NULL, NULL);
			bad |= cat_debug("raw", buf, "raw") < 0;
			cat_join(buf, sizeof(buf), hex, " 3 5 4", NULL, NULL);
			bad |= cat_debug("subaddr", buf, "subaddr") < 0;
			quads++;
		}
	}

	/* the PSI's CAT ASIC type; memory card 0's MMA type (connected) */
	bad |= cat_debug("raw", "1a 0 1", "raw") < 0;
	bad |= cat_debug("raw", "14 2 1", "raw") < 0;
	/* a write to plain storage (MMC register 4), then read it back */
	bad |= cat_debug("raw", "14 1 4 5a", "raw") < 0;
	bad |= cat_debug("raw", "14 1 4", "raw") < 0;
	/* the PSI "present" register and the start of an EPROM */
	bad |= cat_debug("subaddr", "1a 0 8002", "subaddr") < 0;
	bad |= cat_debug("subaddr", "18 0 0 8", "subaddr") < 0;
	/*
	 * Malformed commands, then good ones again: MMC register 4 still
	 * holds the 5a written above, and the EPROM reads as before.
	 */
	bad |= cat_malformed();
	bad |= cat_debug("raw", "14 1 4", "raw") < 0;
	if (voyager_read_file(CAT_DEBUG "/raw", buf, sizeof(buf)) <= 0 ||
	    strcmp(buf, "14 01 04 5a\n")) {
		printf("# raw after the malformed commands: not 14 01 04 5a\n");
		bad = 1;
	}
	bad |= cat_debug("subaddr", "18 0 0 8", "subaddr") < 0;
	printf("# %d quad cards\n", quads);
	return bad;
}
