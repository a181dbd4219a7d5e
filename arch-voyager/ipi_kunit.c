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
#include <linux/string.h>
#include <linux/workqueue.h>

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

#define IPI_PAIR_CALLS	64

/* What one source CPU saw calling every other online CPU. */
struct ipi_pairs {
	int source;		/* the CPU the calls came from */
	int wrong_source;	/* calls made from another CPU */
	int failed;		/* smp_call_function_single() errors */
	int pairs;		/* targets called */
	struct ipi_probe probe;
};

static long ipi_from_here(void *arg)
{
	struct ipi_pairs *p = arg;
	int target, i;

	for_each_online_cpu(target) {
		if (target == p->source)
			continue;
		p->pairs++;
		for (i = 0; i < IPI_PAIR_CALLS; i++) {
			if (get_cpu() != p->source)
				p->wrong_source++;
			p->probe.target = target;
			if (smp_call_function_single(target, ipi_probe_fn,
						     &p->probe, 1))
				p->failed++;
			put_cpu();
		}
	}
	return 0;
}

/*
 * Every ordered pair of online CPUs (test audit: ipi_roundtrip measures
 * one): from each CPU in turn, IPI_PAIR_CALLS calls to every other one,
 * each of which must run on its target.  On a Voyager the pairs cross
 * dyads, quad cards and the two kinds of CPI (VIC and QIC).
 */
static void ipi_every_pair(struct kunit *test)
{
	struct ipi_pairs p;
	int cpu, n;

	cpus_read_lock();
	n = num_online_cpus();
	if (n < 2) {
		cpus_read_unlock();
		kunit_skip(test, "one CPU online: no remote CPU to call");
	}
	for_each_online_cpu(cpu) {
		memset(&p, 0, sizeof(p));
		p.source = cpu;
		atomic_set(&p.probe.calls, 0);
		atomic_set(&p.probe.wrong_cpu, 0);
		work_on_cpu(cpu, ipi_from_here, &p);
		KUNIT_EXPECT_EQ_MSG(test, p.pairs, n - 1, "from CPU %d", cpu);
		KUNIT_EXPECT_EQ_MSG(test, p.failed, 0, "from CPU %d", cpu);
		KUNIT_EXPECT_EQ_MSG(test, p.wrong_source, 0,
				    "calls for CPU %d made elsewhere", cpu);
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&p.probe.calls),
				    (n - 1) * IPI_PAIR_CALLS, "from CPU %d", cpu);
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&p.probe.wrong_cpu), 0,
				    "from CPU %d: a call for CPU %d ran on CPU %d",
				    cpu, p.probe.target,
				    READ_ONCE(p.probe.last_wrong_cpu));
	}
	cpus_read_unlock();
	kunit_info(test, "%d CPUs: %d ordered pairs, %d calls each\n", n,
		   n * (n - 1), IPI_PAIR_CALLS);
}

static struct kunit_case voyager_ipi_cases[] = {
	KUNIT_CASE_SLOW(ipi_roundtrip),
	KUNIT_CASE(ipi_every_pair),
	{}
};

static struct kunit_suite voyager_ipi_suite = {
	.name = "voyager_ipi",
	.test_cases = voyager_ipi_cases,
};

kunit_test_suite(voyager_ipi_suite);

MODULE_DESCRIPTION("Cross-CPU function call round trip (KUnit)");
MODULE_LICENSE("GPL");
