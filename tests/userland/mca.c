// SPDX-License-Identifier: GPL-2.0
/*
 * Test: print the Micro Channel cards the kernel found, as "# mca: ..."
 * lines, for the host to compare with the -device layout it booted
 * (tests/boot-mca.sh):
 *
 *   # mca: none                      no /sys/bus/mca (not an MCA machine)
 *   # mca: slot S id 0xIIII irq N trigger T
 *   # mca: slot S pos P0P1P2P3P4P5P6P7
 *   # mca: slot S name NAME
 *
 * N is the IRQ the card's driver requested (-1: none) and T the trigger
 * type the kernel keeps for it (/sys/kernel/irq/N/type: "level" for an
 * MCA card's).  The program fails on its own only when an attribute the
 * kernel documents is missing or contradicts another: a device whose
 * "slot" is not its name's, or whose modalias (in its attribute and in
 * its uevent's MODALIAS) is not mca:v + its id in upper case.
 */
#include "voyager_test.h"

#define MCA_DEVICES	"/sys/bus/mca/devices/00:0"

/* Read attribute @attr of slot @slot into @buf, without its newline. */
static int mca_attr(int slot, const char *attr, char *buf, int size)
{
	char path[96];
	int n;

	strcpy(path, MCA_DEVICES);
	n = strlen(path);
	path[n++] = '0' + slot;
	path[n++] = '/';
	strcpy(path + n, attr);
	n = voyager_read_file(path, buf, size);
	if (n <= 0)
		return -1;
	if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return 0;
}

/* /sys/kernel/irq/N/type of @irq, or "none". */
static void irq_type(const char *irq, char *buf, int size)
{
	char path[64];
	int n;

	strcpy(path, "/sys/kernel/irq/");
	strlcat(path, irq, sizeof(path));
	strlcat(path, "/type", sizeof(path));
	n = voyager_read_file(path, buf, size);
	if (n <= 0)
		strcpy(buf, "none");
	else if (buf[n - 1] == '\n')
		buf[n - 1] = '\0';
}

static int show_slot(int slot)
{
	char id[16], irq[16], pos[32], name[64], attr[32], want[32], type[16];
	int i;

	if (mca_attr(slot, "id", id, sizeof(id)) < 0)
		return 0;
	if (mca_attr(slot, "irq", irq, sizeof(irq)) < 0 ||
	    mca_attr(slot, "pos", pos, sizeof(pos)) < 0 ||
	    mca_attr(slot, "name", name, sizeof(name)) < 0) {
		printf("# slot %d: id, irq, pos or name missing\n", slot);
		return -1;
	}
	if (mca_attr(slot, "slot", attr, sizeof(attr)) < 0 ||
	    attr[0] != '0' + slot || attr[1]) {
		printf("# slot %d: its slot attribute says \"%s\"\n", slot, attr);
		return -1;
	}
	/* modalias: mca:v and the id in upper case. */
	strcpy(want, "mca:v");
	for (i = 0; i < 4 && id[2 + i]; i++) {
		char c = id[2 + i];

		want[5 + i] = c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c;
	}
	want[5 + i] = '\0';
	if (mca_attr(slot, "modalias", attr, sizeof(attr)) < 0 ||
	    strcmp(attr, want)) {
		printf("# slot %d: modalias \"%s\", want \"%s\"\n", slot, attr,
		       want);
		return -1;
	}
	/* The uevent says the same, for udev and modprobe. */
	{
		char uevent[256], line[40];
		const char *at = NULL;

		strcpy(line, "MODALIAS=");
		strlcat(line, want, sizeof(line));
		if (mca_attr(slot, "uevent", uevent, sizeof(uevent)) == 0)
			at = voyager_strstr(uevent, line);
		if (at)
			at += strlen(line);
		if (!at || (*at && *at != '\n')) {
			printf("# slot %d: no %s in its uevent\n", slot, want);
			return -1;
		}
	}
	if (irq[0] == '-')
		strcpy(type, "none");
	else
		irq_type(irq, type, sizeof(type));
	printf("# mca: slot %d id %s irq %s trigger %s\n", slot, id, irq, type);
	printf("# mca: slot %d pos %s\n", slot, pos);
	printf("# mca: slot %d name %s\n", slot, name);
	return 1;
}

int main(void)
{
	char buf[8];
	int slot, found = 0, rc = 0, r;

	if (voyager_read_file("/sys/bus/mca/drivers_autoprobe", buf,
			      sizeof(buf)) < 0) {
		printf("# mca: none\n");
		return 0;
	}
	for (slot = 0; slot < 8; slot++) {
		r = show_slot(slot);
		if (r < 0)
			rc = 1;
		else
			found += r;
	}
	printf("# mca: %d cards\n", found);
	return rc;
}
