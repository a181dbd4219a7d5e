// SPDX-License-Identifier: GPL-2.0
/*
 * /sbin/poweroff and /sbin/reboot of the test userland: sync, then power
 * off or restart.  The kernel's orderly_poweroff() runs /sbin/poweroff.
 *
 * init ends the machine itself when asked (SIGUSR2 power-off, SIGTERM
 * restart, as busybox does), so that the test run is reported to the end;
 * if it has not done so within 30 s, this program does it.
 *
 * A machine the kernel cannot power off (a PC without ACPI) would only
 * halt; the boot runner marks those with voyager_end=reboot on the kernel
 * command line, and QEMU runs with -no-reboot, so restarting ends it.
 */
#include "voyager_test.h"

static int cmdline_says_reboot(void)
{
	char buf[1024];

	if (voyager_read_file("/proc/cmdline", buf, sizeof(buf)) <= 0)
		return 0;
	return voyager_strstr(buf, "voyager_end=reboot") != NULL;
}

int main(int argc, char **argv)
{
	const char *name = argc > 0 ? strrchr(argv[0], '/') : NULL;
	int power_off;

	name = name ? name + 1 : (argc > 0 ? argv[0] : "poweroff");
	power_off = strcmp(name, "reboot") != 0 && !cmdline_says_reboot();
	printf("voyager: %s: syncing, then %s\n", name,
	       power_off ? "power-off" : "restart");
	voyager_sync();
	if (getpid() != 1 && kill(1, power_off ? SIGUSR2 : SIGTERM) == 0)
		sleep(30);
	voyager_end_machine(power_off);
}
