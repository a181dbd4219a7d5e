// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the round trip of a cross-CPU function call.  Calls
 * smp_call_function_single(remote, fn, info, wait=1) many times to
 * another online CPU and checks that every call ran, and ran on that CPU
 * (the assertion); it also reports the median time of one round trip as
 * "# ipi_roundtrip_ns: N" for scripts/bench-smp.py, which compares the
 * Voyager's CPIs with the APIC of a PC booting the same kernel.  The time
 * is never judged.
 *
 * Not Voyager-specific: it runs on any SMP machine and skips, saying
 * why, when only one CPU is online.  The clocksource of a Voyager may be
 * jiffies (a 4 ms step at HZ=250), so the batches of calls are sized to
 * last about BATCH_NS each and the median of the batches is reported.
 */

#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/sort.h>

#define IPI_WARMUP_CALLS	32
#define IPI_BATCHES		21
#define IPI_BATCH_NS		(100 * NSEC_PER_MSEC)
#define IPI_MIN_BATCH		16
#define IPI_MAX_BATCH		65536

struct ipi_probe {
	int target;
	atomic_t calls;
	atomic_t wrong_cpu;
	int last_wrong_cpu;
};

static void ipi_probe_fn(void *info)
{
	struct ipi_probe *probe = info;
	int cpu = smp_processor_id();

	if (cpu != probe->target) {
		WRITE_ONCE(probe->last_wrong_cpu, cpu);
		atomic_inc(&probe->wrong_cpu);
	}
	atomic_inc(&probe->calls);
}

/*
 * @calls round trips, each from the current CPU to another online one.
 * Preemption is off for one call at a time only, so that "another" stays
 * true: a whole batch can last seconds on a loaded host, and holding the
 * CPU that long stalls RCU and any stop_machine() (a clocksource change).
 * Returns the elapsed nanoseconds, or a negative error of
 * smp_call_function_single().
 */
static s64 ipi_batch(struct ipi_probe *probe, int calls, int *from)
{
	ktime_t start;
	int i, ret = 0;

	start = ktime_get();
	for (i = 0; i < calls && !ret; i++) {
		*from = get_cpu();
		probe->target = cpumask_any_but(cpu_online_mask, *from);
		ret = smp_call_function_single(probe->target, ipi_probe_fn,
					       probe, 1);
		put_cpu();
		cond_resched();
	}
	return ret ? ret : ktime_to_ns(ktime_sub(ktime_get(), start));
}

static int cmp_s64(const void *a, const void *b)
{
	s64 x = *(const s64 *)a, y = *(const s64 *)b;

	return x < y ? -1 : x > y;
}

static void ipi_roundtrip(struct kunit *test)
{
	struct ipi_probe probe = { .calls = ATOMIC_INIT(0),
				   .wrong_cpu = ATOMIC_INIT(0) };
	s64 per_call[IPI_BATCHES], ns;
	int batch = IPI_MIN_BATCH, expected, from, i;

	cpus_read_lock();
	if (num_online_cpus() < 2) {
		cpus_read_unlock();
		kunit_skip(test, "one CPU online: no remote CPU to call");
	}

	ns = ipi_batch(&probe, IPI_WARMUP_CALLS, &from);
	expected = IPI_WARMUP_CALLS;
	/*
	 * Grow the batch until it lasts long enough for the clocksource
	 * (jiffies on a Voyager); the fastest of three runs decides, so a
	 * host hiccup in one batch does not stop the growth early.
	 */
	while (ns >= 0 && ns < IPI_BATCH_NS && batch < IPI_MAX_BATCH) {
		batch *= 2;
		ns = S64_MAX;
		for (i = 0; i < 3; i++) {
			s64 t = ipi_batch(&probe, batch, &from);

			expected += batch;
			if (t < 0) {
				ns = t;
				break;
			}
			ns = min(ns, t);
		}
	}
	for (i = 0; i < IPI_BATCHES && ns >= 0; i++) {
		ns = ipi_batch(&probe, batch, &from);
		expected += batch;
		per_call[i] = div_s64(ns, batch);
	}
	cpus_read_unlock();

	KUNIT_ASSERT_GE_MSG(test, ns, 0,
			    "smp_call_function_single() from CPU %d to CPU %d failed",
			    from, probe.target);
	KUNIT_EXPECT_NE(test, probe.target, from);
	KUNIT_EXPECT_EQ(test, atomic_read(&probe.calls), expected);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&probe.wrong_cpu), 0,
			    "calls for CPU %d ran on CPU %d", probe.target,
			    READ_ONCE(probe.last_wrong_cpu));

	sort(per_call, IPI_BATCHES, sizeof(per_call[0]), cmp_s64, NULL);
	kunit_info(test, "CPU %d -> CPU %d: %d batches of %d calls, %lld..%lld ns per call\n",
		   from, probe.target, IPI_BATCHES, batch, per_call[0],
		   per_call[IPI_BATCHES - 1]);
	kunit_log(KERN_INFO, test, KUNIT_SUBTEST_INDENT "# ipi_roundtrip_ns: %lld\n",
		  per_call[IPI_BATCHES / 2]);
}

static struct kunit_case voyager_ipi_cases[] = {
	KUNIT_CASE_SLOW(ipi_roundtrip),
	{}
};

static struct kunit_suite voyager_ipi_suite = {
	.name = "voyager_ipi",
	.test_cases = voyager_ipi_cases,
};

kunit_test_suite(voyager_ipi_suite);

MODULE_DESCRIPTION("Cross-CPU function call round trip (KUnit)");
MODULE_LICENSE("GPL");
