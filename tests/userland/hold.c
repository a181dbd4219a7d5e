// SPDX-License-Identifier: GPL-2.0
/*
 * Test: hold the run until the boot runner's monitor has looked at the
 * machine (voyager_hold_for_monitor(): "# hold for the monitor", then
 * the runner's release write to port 2FFh, up to 120 s).
 *
 * A monitor query that must see the machine in the middle of a run
 * (`info voyager vic`, a `qom-get`) is sent when the console shows a
 * line; without a hold, a slow host can let the run end and the machine
 * power off before the query arrives (CI saw exactly that).  With the
 * hold, the runner's command list ends with the release write, so the
 * query always finds the machine running.
 */
#include "voyager_test.h"

int main(void)
{
	return voyager_hold_for_monitor() ? 1 : 0;
}
