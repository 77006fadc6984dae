/* SPDX-License-Identifier: GPL-2.0 */
/* The HV object: information, exit statistics and disable. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/lib.h>
#include <core/percpu.h>
#include <core/pool.h>
#include <bulkhead/bootdesc.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/stats.h>
#include "caps_internal.h"

int hv_info(struct invocation *inv, struct bh_reply *out)
{
	(void)inv;
	out->mr[0] = BH_ABI_VERSION;
	out->mr[1] = num_cpus;
	out->mr[2] = num_cells;
	out->mr[3] = bootdesc()->hv_size;
	return BH_E_OK;
}

int hv_mem(struct invocation *inv, struct bh_reply *out)
{
	(void)inv;
	out->mr[0] = pool_total_pages();
	out->mr[1] = pool_free_pages();
	out->mr[2] = bootdesc()->hv_base;
	out->mr[3] = bootdesc()->hv_size;
	return BH_E_OK;
}

/* A string in reply registers: little-endian bytes, NUL padded */
void caps_reply_string(struct bh_reply *out, const char *s, size_t max)
{
	u8 *b = (u8 *)out->mr;
	size_t i;

	memset(out->mr, 0, sizeof(out->mr));
	for (i = 0; i < sizeof(out->mr) - 1 && i < max && s[i]; i++)
		b[i] = s[i];
}

int hv_version(struct invocation *inv, struct bh_reply *out)
{
	(void)inv;
	caps_reply_string(out, "bulkhead " BH_VERSION,
			  sizeof("bulkhead " BH_VERSION));
	return BH_E_OK;
}

int hv_stats_decode(struct invocation *inv)
{
	struct per_cpu *cpu;

	if (inv->mr[0] >= num_cpus || inv->mr[1] >= BH_EXIT_NR)
		return BH_E_RANGE;
	cpu = per_cpu(inv->mr[0]);
	if (!cpu)
		return BH_E_RANGE;
	inv->arg.stats.cpu = cpu;
	inv->arg.stats.reason = inv->mr[1];
	return BH_E_OK;
}

int hv_stats(struct invocation *inv, struct bh_reply *out)
{
	const struct per_cpu *cpu = inv->arg.stats.cpu;

	/* Another CPU counts concurrently: an aligned 64-bit load is atomic */
	out->mr[0] = READ_ONCE(cpu->stats[inv->arg.stats.reason]);
	return BH_E_OK;
}

int hv_disable(struct invocation *inv, struct bh_reply *out)
{
	int ret;

	(void)out;
	/*
	 * Inside a service call the frame is the service's: leaving EL2
	 * would hand it this CPU without a stage 2 and lose the caller.
	 */
	if (inv->cpu->svc)
		return BH_E_ILLEGAL_OP;
	ret = control_disable_cpu(inv->cpu);
	if (!ret)
		return BH_E_OK;
	return ret == -EBUSY ? BH_E_BUSY : BH_E_ILLEGAL_OP;
}
