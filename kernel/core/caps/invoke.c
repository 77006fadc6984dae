/* SPDX-License-Identifier: GPL-2.0 */
/* Capability invocation: decode against the label table, then perform. */
#include <asm/spinlock.h>
#include <core/caps.h>
#include <core/cell.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <bulkhead/caps_names.h>
#include "caps_internal.h"

#define R	BH_RIGHT_READ
#define W	BH_RIGHT_WRITE
#define C	BH_RIGHT_CONTROL
#define G	BH_RIGHT_GRANT

#define LABEL(l, t, r, min, reply, dec, perf, locked) { .label = (l), \
	.type = (t), .rights = (r), .min_len = (min), .reply_len = (reply), \
	.decode = (dec), .perform = (perf), .writes_cspace = (locked) }
#define LABEL_EP(l, r, perf) { .label = (l), .type = BH_OBJ_ENDPOINT, \
	.rights = (r), .perform = (perf), .sets_info = true }

/*
 * Rights, lengths and replies here are the ABI: keep docs/abi.md in step.
 * Sorted by label: caps_label_ops() searches it (test_label_table_sorted).
 */
static const struct label_ops label_table[] = {
	/*    label			type		rights min reply */
	LABEL(BH_LABEL_CAP_IDENTIFY,	CAP_TYPE_ANY,	R, 0, 3,
	      NULL, cap_identify, false),
	LABEL(BH_LABEL_CNODE_MINT,	BH_OBJ_CNODE,	W, 3, 0,
	      cnode_mint_decode, cnode_mint, true),
	LABEL(BH_LABEL_CNODE_DELETE,	BH_OBJ_CNODE,	W, 1, 0,
	      cnode_delete_decode, cnode_delete, true),
	LABEL(BH_LABEL_CNODE_READ,	BH_OBJ_CNODE,	R, 1, 4,
	      cnode_read_decode, cnode_read, true),
	LABEL(BH_LABEL_HV_INFO,		BH_OBJ_HV,	R, 0, 4,
	      NULL, hv_info, false),
	LABEL(BH_LABEL_HV_STATS,	BH_OBJ_HV,	R, 2, 1,
	      hv_stats_decode, hv_stats, false),
	LABEL(BH_LABEL_HV_DISABLE,	BH_OBJ_HV,	C, 0, 0,
	      NULL, hv_disable, false),
	LABEL(BH_LABEL_HV_LOG_READ,	BH_OBJ_HV,	R, 0, 0,
	      NULL, NULL, false),
	LABEL(BH_LABEL_HV_MEM,		BH_OBJ_HV,	R, 0, 4,
	      NULL, hv_mem, false),
	LABEL(BH_LABEL_HV_VERSION,	BH_OBJ_HV,	R, 0, 4,
	      NULL, hv_version, false),
	LABEL(BH_LABEL_CELL_INFO,	BH_OBJ_CELL,	R, 0, 4,
	      NULL, cell_info, false),
	LABEL(BH_LABEL_CELL_NAME,	BH_OBJ_CELL,	R, 0, 4,
	      NULL, cell_name, false),
	LABEL(BH_LABEL_CELL_MEM,	BH_OBJ_CELL,	R, 1, 4,
	      cell_mem_decode, cell_mem, false),
	LABEL(BH_LABEL_CELL_SERVICE,	BH_OBJ_CELL,	R, 0, 4,
	      cell_service_decode, cell_service, false),
	LABEL(BH_LABEL_CELL_EMULATE,	BH_OBJ_CELL,	W, 3, 0,
	      cell_emulate_decode, cell_emulate, true),
	LABEL(BH_LABEL_CPU_INFO,	BH_OBJ_CPU,	R, 0, 4,
	      NULL, cpu_info, false),
	LABEL(BH_LABEL_MEM_INFO,	BH_OBJ_MEMORY,	R, 0, 4,
	      NULL, mem_info, false),
	LABEL(BH_LABEL_IRQ_INFO,	BH_OBJ_IRQ,	R, 0, 2,
	      NULL, irq_info, false),
	LABEL_EP(BH_LABEL_EP_CALL,	W, ep_call),
	LABEL_EP(BH_LABEL_EP_REPLY,	R, ep_reply),
	LABEL(BH_LABEL_EP_GRANT,	BH_OBJ_ENDPOINT, G, 2, 1,
	      ep_grant_decode, ep_grant, true),
	LABEL(BH_LABEL_EP_INFO,		BH_OBJ_ENDPOINT, R, 0, 4,
	      NULL, ep_info, false),
	LABEL(BH_LABEL_EP_MMIO,		BH_OBJ_ENDPOINT, R, 0, 0,
	      NULL, NULL, false),
	LABEL(BH_LABEL_UART_READ,	BH_OBJ_UART,	R, 0, 4,
	      NULL, uart_read, false),
	LABEL(BH_LABEL_UART_WRITE,	BH_OBJ_UART,	W, 1, 0,
	      uart_write_decode, uart_write, false),
};

/* Held while a cspace is read or changed; never across a wait or an ERET */
static spinlock_t caps_lock;

/* Binary search: every invocation looks its label up (the table is sorted) */
const struct label_ops *caps_label_ops(u32 label)
{
	unsigned int lo = 0, hi = ARRAY_SIZE(label_table);

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (label_table[mid].label == label)
			return &label_table[mid];
		if (label_table[mid].label < label)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct label_ops *caps_label_ops_at(unsigned int i)
{
	return i < ARRAY_SIZE(label_table) ? &label_table[i] : NULL;
}

/* Generic checks, in the order docs/abi.md gives; caps_lock is held. */
static int decode(struct invocation *inv, const struct bh_invocation *in,
		  const struct label_ops **opsp)
{
	const struct label_ops *ops;

	if (in->slot >= BH_CNODE_SLOTS)
		return BH_E_INVALID_CAP;
	inv->cap = inv->cs->slots[in->slot];
	if (inv->cap.type == BH_OBJ_NULL)
		return BH_E_INVALID_CAP;
	if (!bh_msginfo_valid(in->info))
		return BH_E_INVALID_ARGUMENT;
	ops = caps_label_ops(bh_msginfo_label(in->info));
	if (!ops)
		return BH_E_ILLEGAL_OP;
	*opsp = ops;
	if (ops->type != CAP_TYPE_ANY && ops->type != inv->cap.type)
		return BH_E_WRONG_TYPE;
	if ((inv->cap.rights & ops->rights) != ops->rights)
		return BH_E_NO_RIGHTS;
	inv->len = bh_msginfo_len(in->info);
	if (inv->len < ops->min_len)
		return BH_E_TRUNCATED;
	if (!ops->perform)
		return BH_E_ILLEGAL_OP;
	return ops->decode ? ops->decode(inv) : BH_E_OK;
}

static void log_refused(const struct per_cpu *cpu, struct cell *cell,
			const struct bh_invocation *in, int err)
{
	u32 n = READ_ONCE(cell->refused_logged);
	const char *name;

	/* A cell may send bad invocations in a loop: bound the console time */
	if (n > CAPS_LOG_BUDGET)
		return;
	/* Racy across the cell's CPUs: a line more or less, never a loop */
	WRITE_ONCE(cell->refused_logged, n + 1);
	if (n == CAPS_LOG_BUDGET) {
		pr_info("caps: %s: further refused invocations are not "
			"logged\n", cell->name);
		return;
	}
	name = bh_label_name(bh_msginfo_label(in->info));
	pr_info("caps: %s cpu %u: slot %llu label 0x%x (%s): %s\n",
		cell->name, cpu->index, (unsigned long long)in->slot,
		bh_msginfo_label(in->info), name ? name : "unknown",
		bh_error_name(err));
}

int caps_invoke(struct per_cpu *cpu, const struct bh_invocation *in,
		struct bh_reply *out)
{
	if (!cpu->cell) {
		*out = (struct bh_reply){ 0 };
		return BH_E_INVALID_CAP;
	}
	return caps_invoke_cell(cpu, cpu->cell, in, out);
}

int caps_invoke_cell(struct per_cpu *cpu, struct cell *cell,
		     const struct bh_invocation *in, struct bh_reply *out)
{
	const struct label_ops *ops = NULL;
	struct invocation inv = {
		.cpu = cpu,
		.mr = in->mr,
	};
	int err;

	*out = (struct bh_reply){ 0 };
	inv.cs = &cell->cspace;

	spin_lock(&caps_lock);
	err = decode(&inv, in, &ops);
	if (!err && ops->writes_cspace)
		err = ops->perform(&inv, out);
	spin_unlock(&caps_lock);
	if (!err && !ops->writes_cspace)
		err = ops->perform(&inv, out);

	if (err) {
		*out = (struct bh_reply){ 0 };
		log_refused(cpu, cell, in, err);
		return err;
	}
	if (!ops->sets_info)
		out->info = bh_msginfo(0, ops->reply_len);
	return BH_E_OK;
}
