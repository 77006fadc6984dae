/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of capability invocation: every refusal, each object's reply. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <bulkhead/caps_names.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/stats.h>
#include "../../../kernel/core/caps/caps_internal.h"
#include "fixture.h"

/* One capability of each type in the fixture's root cspace */
static const struct {
	u8 type;
	unsigned int slot;
} type_slot[] = {
	{ BH_OBJ_CNODE, BH_SLOT_CNODE }, { BH_OBJ_HV, BH_SLOT_HV },
	{ BH_OBJ_CELL, BH_SLOT_CELL }, { BH_OBJ_CPU, FX_SLOT_CPU0 },
	{ BH_OBJ_MEMORY, FX_SLOT_MEM0 }, { BH_OBJ_IRQ, FX_SLOT_IRQ0 },
	{ BH_OBJ_ENDPOINT, FX_SLOT_EP1 },
};

static struct cspace before;

static void snapshot(void)
{
	before = fx_cell[0].cspace;
}

/* A refused invocation: error as expected, zero reply, nothing changed */
static void assert_refused(int err, int expected, const struct bh_reply *out)
{
	static const struct bh_reply zero;

	assert_string_equal(bh_error_name(err), bh_error_name(expected));
	assert_memory_equal(out, &zero, sizeof(zero));
	assert_memory_equal(&fx_cell[0].cspace, &before, sizeof(before));
	assert_int_equal(fx_disable_calls, 0);
}

static void test_slot_out_of_range(void **state)
{
	static const u64 slots[] = {
		BH_CNODE_SLOTS, BH_CNODE_SLOTS + 1, 0xff, 0x100, 0x102,
		(1UL << 32) | BH_SLOT_HV, (1UL << 63) | BH_SLOT_HV,
		UINT64_MAX, UINT64_MAX - BH_CNODE_SLOTS + BH_SLOT_HV + 1,
	};
	struct bh_reply out;
	unsigned int i;

	(void)state;
	snapshot();
	for (i = 0; i < ARRAY_SIZE(slots); i++) {
		/* HV_DISABLE: a slot that aliases slot 2 would disable */
		assert_refused(fx_invoke(slots[i], BH_LABEL_HV_DISABLE, 0,
					 0, 0, 0, 0, &out),
			       BH_E_INVALID_CAP, &out);
		assert_refused(fx_invoke(slots[i], BH_LABEL_HV_INFO, 0,
					 0, 0, 0, 0, &out),
			       BH_E_INVALID_CAP, &out);
	}
}

static void test_slot_empty(void **state)
{
	struct bh_reply out;
	unsigned int slot;

	(void)state;
	snapshot();
	assert_refused(fx_invoke(BH_SLOT_NULL, BH_LABEL_CAP_IDENTIFY, 0,
				 0, 0, 0, 0, &out), BH_E_INVALID_CAP, &out);
	for (slot = FX_SLOT_FREE; slot < BH_CNODE_SLOTS; slot++)
		assert_refused(fx_invoke(slot, BH_LABEL_CAP_IDENTIFY, 0,
					 0, 0, 0, 0, &out),
			       BH_E_INVALID_CAP, &out);
}

static void test_msginfo_reserved(void **state)
{
	const u64 mr[BH_MSG_MAX_MRS] = { 0 };
	u64 good = bh_msginfo(BH_LABEL_HV_INFO, 0);
	struct bh_reply out;
	unsigned int bit, len;

	(void)state;
	snapshot();
	for (bit = 3; bit < 64; bit++) {
		if (bit == BH_MSGINFO_LABEL_SHIFT)
			bit = 32;
		assert_refused(fx_invoke_raw(&fx_cpu[0], BH_SLOT_HV,
					     good | (1UL << bit), mr, &out),
			       BH_E_INVALID_ARGUMENT, &out);
	}
	for (len = BH_MSG_MAX_MRS + 1; len <= BH_MSGINFO_LEN_MASK; len++)
		assert_refused(fx_invoke_raw(&fx_cpu[0], BH_SLOT_HV,
					     good | len, mr, &out),
			       BH_E_INVALID_ARGUMENT, &out);
	/* The well-formed word works, so the refusals were the bits */
	assert_int_equal(fx_invoke_raw(&fx_cpu[0], BH_SLOT_HV, good, mr, &out),
			 BH_E_OK);
}

static void test_unknown_label(void **state)
{
	static const u32 labels[] = {
		0, 2, 0xff, 0x103, 0x1ff, 0x206, 0x305, 0x705, 0x802,
		0xffffff,
	};
	struct bh_reply out;
	unsigned int i, t;

	(void)state;
	snapshot();
	for (i = 0; i < ARRAY_SIZE(labels); i++)
		for (t = 0; t < ARRAY_SIZE(type_slot); t++)
			assert_refused(fx_invoke(type_slot[t].slot, labels[i],
						 4, 1, 1, 1, 1, &out),
				       BH_E_ILLEGAL_OP, &out);
}

static void test_label_table_matches_abi(void **state)
{
	const struct label_ops *ops;
	unsigned int i, n = 0;
	u32 label;

	(void)state;
	for (i = 0; (ops = caps_label_ops_at(i)); i++) {
		assert_non_null(bh_label_name(ops->label));
		assert_ptr_equal(caps_label_ops(ops->label), ops);
		assert_true(ops->min_len <= BH_MSG_MAX_MRS);
		assert_true(ops->reply_len <= BH_MSG_MAX_MRS);
		assert_true(ops->rights != 0 && !(ops->rights &
						   ~BH_RIGHTS_ALL));
		n++;
	}
	for (i = 0; (label = bh_label_at(i)); i++)
		assert_non_null(caps_label_ops(label));
	assert_int_equal(i, n);
}

/* caps_label_ops() searches the table: it must be sorted, without twins */
static void test_label_table_sorted(void **state)
{
	const struct label_ops *a, *b;
	unsigned int i;

	(void)state;
	for (i = 1; (b = caps_label_ops_at(i)); i++) {
		a = caps_label_ops_at(i - 1);
		assert_true(a->label < b->label);
	}
	/* every entry is found, and values between them are not */
	for (i = 0; (a = caps_label_ops_at(i)); i++) {
		assert_ptr_equal(caps_label_ops(a->label), a);
		assert_null(caps_label_ops(a->label + 0x80));
	}
	assert_null(caps_label_ops(0));
	assert_null(caps_label_ops(0xffffff));
}

/* The table in docs/abi.md, written out again: the kernel must match it */
static void test_label_table_is_the_abi(void **state)
{
	static const struct {
		u32 label;
		u8 type, rights, min_len, reply_len;
	} abi[] = {
		{ 0x001, CAP_TYPE_ANY, BH_RIGHT_READ, 0, 3 },
		{ 0x100, BH_OBJ_CNODE, BH_RIGHT_WRITE, 3, 0 },
		{ 0x101, BH_OBJ_CNODE, BH_RIGHT_WRITE, 1, 0 },
		{ 0x102, BH_OBJ_CNODE, BH_RIGHT_READ, 1, 4 },
		{ 0x200, BH_OBJ_HV, BH_RIGHT_READ, 0, 4 },
		{ 0x201, BH_OBJ_HV, BH_RIGHT_READ, 2, 1 },
		{ 0x202, BH_OBJ_HV, BH_RIGHT_CONTROL, 0, 0 },
		{ 0x203, BH_OBJ_HV, BH_RIGHT_READ, 0, 0 },
		{ 0x204, BH_OBJ_HV, BH_RIGHT_READ, 0, 4 },
		{ 0x205, BH_OBJ_HV, BH_RIGHT_READ, 0, 4 },
		{ 0x300, BH_OBJ_CELL, BH_RIGHT_READ, 0, 4 },
		{ 0x301, BH_OBJ_CELL, BH_RIGHT_READ, 0, 4 },
		{ 0x302, BH_OBJ_CELL, BH_RIGHT_READ, 1, 4 },
		{ 0x303, BH_OBJ_CELL, BH_RIGHT_READ, 0, 4 },
		{ 0x304, BH_OBJ_CELL, BH_RIGHT_WRITE, 3, 0 },
		{ 0x400, BH_OBJ_CPU, BH_RIGHT_READ, 0, 4 },
		{ 0x500, BH_OBJ_MEMORY, BH_RIGHT_READ, 0, 4 },
		{ 0x600, BH_OBJ_IRQ, BH_RIGHT_READ, 0, 2 },
		{ 0x700, BH_OBJ_ENDPOINT, BH_RIGHT_WRITE, 0, 0 },
		{ 0x701, BH_OBJ_ENDPOINT, BH_RIGHT_READ, 0, 0 },
		{ 0x702, BH_OBJ_ENDPOINT, BH_RIGHT_GRANT, 2, 1 },
		{ 0x703, BH_OBJ_ENDPOINT, BH_RIGHT_READ, 0, 4 },
		{ 0x704, BH_OBJ_ENDPOINT, BH_RIGHT_READ, 0, 0 },
		{ 0x800, BH_OBJ_UART, BH_RIGHT_READ, 0, 4 },
		{ 0x801, BH_OBJ_UART, BH_RIGHT_WRITE, 1, 0 },
	};
	const struct label_ops *ops;
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(abi); i++) {
		ops = caps_label_ops(abi[i].label);
		assert_non_null(ops);
		assert_int_equal(ops->type, abi[i].type);
		assert_int_equal(ops->rights, abi[i].rights);
		assert_int_equal(ops->min_len, abi[i].min_len);
		assert_int_equal(ops->reply_len, abi[i].reply_len);
		/*
		 * The CNode's labels and EP_GRANT read or change a cspace,
		 * CELL_EMULATE reads a slot and orders the ranges: all under
		 * the caps lock
		 */
		assert_int_equal(ops->writes_cspace,
				 abi[i].type == BH_OBJ_CNODE ||
				 abi[i].label == BH_LABEL_EP_GRANT ||
				 abi[i].label == BH_LABEL_CELL_EMULATE);
	}
	assert_null(caps_label_ops_at(ARRAY_SIZE(abi)));
}

/* Every label against every type it does not apply to */
static void test_wrong_type(void **state)
{
	const struct label_ops *ops;
	struct bh_reply out;
	unsigned int i, t, tested = 0;

	(void)state;
	snapshot();
	for (i = 0; (ops = caps_label_ops_at(i)); i++) {
		for (t = 0; t < ARRAY_SIZE(type_slot); t++) {
			if (ops->type == CAP_TYPE_ANY ||
			    ops->type == type_slot[t].type)
				continue;
			assert_refused(fx_invoke(type_slot[t].slot,
						 ops->label, 4, 0, 0, 0, 0,
						 &out),
				       BH_E_WRONG_TYPE, &out);
			tested++;
		}
	}
	/* 22 labels of types the root holds, 2 of the UART, which it lacks */
	assert_int_equal(tested, 22 * (ARRAY_SIZE(type_slot) - 1) +
			 2 * ARRAY_SIZE(type_slot));
}

static unsigned int slot_of_type(u8 type)
{
	unsigned int t;

	for (t = 0; t < ARRAY_SIZE(type_slot); t++)
		if (type_slot[t].type == type)
			return type_slot[t].slot;
	return BH_SLOT_CELL;
}

/* Each right a label needs, taken away alone, refuses it */
static void test_missing_right(void **state)
{
	const struct label_ops *ops;
	struct bh_reply out;
	unsigned int i, slot, right, tested = 0;

	(void)state;
	for (i = 0; (ops = caps_label_ops_at(i)); i++) {
		/* The root holds no UART: test_uart covers it */
		if (ops->type == BH_OBJ_UART)
			continue;
		slot = slot_of_type(ops->type);
		for (right = 1; right <= BH_RIGHTS_ALL; right <<= 1) {
			if (!(ops->rights & right))
				continue;
			fx_slot(slot)->rights = BH_RIGHTS_ALL & ~right;
			snapshot();
			assert_refused(fx_invoke(slot, ops->label, 4, 0, 0, 0,
						 0, &out),
				       BH_E_NO_RIGHTS, &out);
			tested++;
		}
		/* Exactly the rights needed pass the rights check */
		fx_slot(slot)->rights = ops->rights;
		assert_int_not_equal(fx_invoke(slot, ops->label, 4, 0, 0, 0, 0,
					       &out), BH_E_NO_RIGHTS);
		fx_slot(slot)->rights = BH_RIGHTS_ALL;
		fx_disable_calls = 0;
	}
	assert_int_equal(tested, 23);
}

static void test_truncated(void **state)
{
	const struct label_ops *ops;
	struct bh_reply out;
	unsigned int i, len, tested = 0;

	(void)state;
	snapshot();
	for (i = 0; (ops = caps_label_ops_at(i)); i++) {
		if (ops->type == BH_OBJ_UART)
			continue;
		for (len = 0; len < ops->min_len; len++) {
			assert_refused(fx_invoke(slot_of_type(ops->type),
						 ops->label, len, 1, 5, 1, 0,
						 &out),
				       BH_E_TRUNCATED, &out);
			tested++;
		}
	}
	/* mint 3, delete 1, read 1, stats 2, cell_mem 1, emulate 3, grant 2 */
	assert_int_equal(tested, 13);
}

/* The order of the generic checks is part of the ABI */
static void test_check_order(void **state)
{
	const u64 mr[BH_MSG_MAX_MRS] = { 0 };
	struct bh_reply out;

	(void)state;
	snapshot();
	/* empty slot before malformed info */
	assert_refused(fx_invoke_raw(&fx_cpu[0], FX_SLOT_FREE, ~0UL, mr, &out),
		       BH_E_INVALID_CAP, &out);
	/* malformed info before unknown label */
	assert_refused(fx_invoke_raw(&fx_cpu[0], BH_SLOT_HV,
				     bh_msginfo(0x777, 7), mr, &out),
		       BH_E_INVALID_ARGUMENT, &out);
	/* type before rights */
	fx_slot(BH_SLOT_CELL)->rights = 0;
	snapshot();
	assert_refused(fx_invoke(BH_SLOT_CELL, BH_LABEL_HV_STATS, 0,
				 0, 0, 0, 0, &out), BH_E_WRONG_TYPE, &out);
	/* rights before length */
	fx_slot(BH_SLOT_HV)->rights = BH_RIGHT_CONTROL;
	snapshot();
	assert_refused(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_STATS, 0,
				 0, 0, 0, 0, &out), BH_E_NO_RIGHTS, &out);
	/* length before registers */
	fx_slot(BH_SLOT_HV)->rights = BH_RIGHTS_ALL;
	snapshot();
	assert_refused(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_STATS, 1,
				 UINT64_MAX, 0, 0, 0, &out),
		       BH_E_TRUNCATED, &out);
}

static void test_reserved_label(void **state)
{
	struct bh_reply out;

	(void)state;
	snapshot();
	assert_refused(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_LOG_READ, 0,
				 0, 0, 0, 0, &out), BH_E_ILLEGAL_OP, &out);
}

static void test_no_cell(void **state)
{
	const u64 mr[BH_MSG_MAX_MRS] = { 0 };
	struct bh_reply out;

	(void)state;
	fx_cpu[1].cell = NULL;
	snapshot();
	assert_refused(fx_invoke_raw(&fx_cpu[1], BH_SLOT_HV,
				     bh_msginfo(BH_LABEL_HV_DISABLE, 0), mr,
				     &out), BH_E_INVALID_CAP, &out);
}

/* A success reply: label 0, the label's length, unused registers 0 */
static void assert_reply(const struct bh_reply *out, unsigned int len,
			 u64 mr0, u64 mr1, u64 mr2, u64 mr3)
{
	const u64 mr[BH_MSG_MAX_MRS] = { mr0, mr1, mr2, mr3 };
	unsigned int i;

	assert_int_equal(out->info, bh_msginfo(0, len));
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		assert_int_equal(out->mr[i], i < len ? mr[i] : 0);
}

static void test_hv_info(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_INFO, 0, 9, 9, 9, 9,
				   &out), BH_E_OK);
	assert_reply(&out, 4, BH_ABI_VERSION, FX_CPUS, FX_CELLS, FX_HV_SIZE);
}

static void test_hv_stats(void **state)
{
	struct bh_reply out;
	unsigned int cpu, reason;

	(void)state;
	for (cpu = 0; cpu < FX_CPUS; cpu++)
		for (reason = 0; reason < BH_EXIT_NR; reason++)
			fx_cpu[cpu].stats[reason] = ((u64)cpu << 40) |
						    (reason * 1000 + 7);
	/* Other cells' CPUs too: the HV capability sees the whole system */
	for (cpu = 0; cpu < FX_CPUS; cpu++) {
		for (reason = 0; reason < BH_EXIT_NR; reason++) {
			assert_int_equal(fx_invoke(BH_SLOT_HV,
						   BH_LABEL_HV_STATS, 2, cpu,
						   reason, 0, 0, &out),
					 BH_E_OK);
			assert_reply(&out, 1, fx_cpu[cpu].stats[reason],
				     0, 0, 0);
		}
	}
}

static void test_hv_stats_range(void **state)
{
	static const u64 bad[][2] = {
		{ FX_CPUS, 0 }, { FX_CPUS + 1, 0 }, { UINT64_MAX, 0 },
		{ (1UL << 32), 0 }, { 0, BH_EXIT_NR }, { 0, UINT64_MAX },
		{ 0, (1UL << 32) | 1 }, { FX_CPUS, BH_EXIT_NR },
	};
	struct bh_reply out;
	unsigned int i;

	(void)state;
	snapshot();
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		assert_refused(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_STATS, 2,
					 bad[i][0], bad[i][1], 0, 0, &out),
			       BH_E_RANGE, &out);
	/* The last valid indices are accepted */
	assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_STATS, 2,
				   FX_CPUS - 1, BH_EXIT_NR - 1, 0, 0, &out),
			 BH_E_OK);
}

static void test_hv_disable(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke_raw(&fx_cpu[3], BH_SLOT_HV,
				       bh_msginfo(BH_LABEL_HV_DISABLE, 0),
				       (u64[BH_MSG_MAX_MRS]){ 0 }, &out),
			 BH_E_OK);
	assert_int_equal(fx_disable_calls, 1);
	assert_ptr_equal(fx_disable_arg, &fx_cpu[3]);
	assert_reply(&out, 0, 0, 0, 0, 0);
}

static void test_hv_disable_needs_control(void **state)
{
	struct bh_reply out;

	(void)state;
	fx_slot(BH_SLOT_HV)->rights = BH_RIGHTS_ALL & ~BH_RIGHT_CONTROL;
	snapshot();
	assert_refused(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_DISABLE, 0,
				 0, 0, 0, 0, &out), BH_E_NO_RIGHTS, &out);
	assert_int_equal(fx_disable_calls, 0);
}

/* A service given the HV capability cannot take the CPU out of EL2 */
static void test_hv_disable_in_service(void **state)
{
	struct bh_reply out;

	(void)state;
	fx_cpu[0].svc = &fx_service;
	snapshot();
	assert_refused(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_DISABLE, 0,
				 0, 0, 0, 0, &out), BH_E_ILLEGAL_OP, &out);
	assert_int_equal(fx_disable_calls, 0);
}

static void test_hv_disable_fails(void **state)
{
	static const struct { int ret, err; } cases[] = {
		{ -EBUSY, BH_E_BUSY }, { -EPERM, BH_E_ILLEGAL_OP },
		{ -EINVAL, BH_E_ILLEGAL_OP },
	};
	struct bh_reply out;
	unsigned int i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fx_disable_ret = cases[i].ret;
		fx_disable_calls = 0;
		snapshot();
		assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_DISABLE, 0,
					   0, 0, 0, 0, &out), cases[i].err);
		assert_int_equal(fx_disable_calls, 1);
		assert_int_equal(out.info, 0);
	}
}

static void test_cap_identify(void **state)
{
	struct bh_reply out;
	unsigned int t;

	(void)state;
	for (t = 0; t < ARRAY_SIZE(type_slot); t++) {
		assert_int_equal(fx_invoke(type_slot[t].slot,
					   BH_LABEL_CAP_IDENTIFY, 0, 0, 0, 0,
					   0, &out), BH_E_OK);
		assert_reply(&out, 3, type_slot[t].type, BH_RIGHTS_ALL, 0, 0);
	}
	fx_slot(FX_SLOT_IRQ2)->rights = BH_RIGHT_READ;
	fx_slot(FX_SLOT_IRQ2)->badge = 0xfeedface12345678UL;
	assert_int_equal(fx_invoke(FX_SLOT_IRQ2, BH_LABEL_CAP_IDENTIFY, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 3, BH_OBJ_IRQ, BH_RIGHT_READ, 0xfeedface12345678UL,
		     0);
}

static void test_cell_info(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(BH_SLOT_CELL, BH_LABEL_CELL_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 4, 0, BH_CELL_ROOT, FX_ROOT_CPUS,
		     BH_CELL_STATE_RUNNING);
	/* The same object type for another cell, stopped */
	fx_slot(FX_SLOT_FREE)->type = BH_OBJ_CELL;
	fx_slot(FX_SLOT_FREE)->rights = BH_RIGHT_READ;
	fx_slot(FX_SLOT_FREE)->obj = &fx_cell[1];
	assert_int_equal(fx_invoke(FX_SLOT_FREE, BH_LABEL_CELL_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 4, 1, BH_CELL_SERVICE, 1UL << 2,
		     BH_CELL_STATE_FAILED);
}

static void test_cpu_info(void **state)
{
	static const struct { unsigned int slot, cpu; u64 st; } c[] = {
		{ FX_SLOT_CPU0, 0, BH_CPU_STATE_RUNNING },
		{ FX_SLOT_CPU1, 1, BH_CPU_STATE_OFFLINE },
		{ FX_SLOT_CPU3, 3, BH_CPU_STATE_PARKED },
	};
	struct bh_reply out;
	unsigned int i;

	(void)state;
	fx_cpu[1].state = CPU_OFFLINE;
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		assert_int_equal(fx_invoke(c[i].slot, BH_LABEL_CPU_INFO, 0,
					   0, 0, 0, 0, &out), BH_E_OK);
		assert_reply(&out, 4, c[i].cpu, 0x80000000UL | c[i].cpu, 0,
			     c[i].st);
	}
	/* CPU_ON accepted but not yet woken: still parked to an observer */
	fx_cpu[3].state = CPU_ON_PENDING;
	assert_int_equal(fx_invoke(FX_SLOT_CPU3, BH_LABEL_CPU_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_int_equal(out.mr[3], BH_CPU_STATE_PARKED);
	fx_cpu[3].state = CPU_STOPPED;
	fx_cpu[3].cell = NULL;
	assert_int_equal(fx_invoke(FX_SLOT_CPU3, BH_LABEL_CPU_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 4, 3, 0x80000003UL, BH_CELL_NONE,
		     BH_CPU_STATE_STOPPED);
}

static void test_mem_info(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(FX_SLOT_MEM0, BH_LABEL_MEM_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 4, fx_mem[0].phys, fx_mem[0].size, fx_mem[0].flags,
		     fx_mem[0].ipa);
	assert_int_equal(fx_invoke(FX_SLOT_MEM2, BH_LABEL_MEM_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 4, 0x0a000000, 0x4000, BH_MEM_READ | BH_MEM_WRITE |
		     BH_MEM_IO, 0x1a000000);
}

static void test_irq_info(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(FX_SLOT_IRQ0, BH_LABEL_IRQ_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 2, 32, 32, 0, 0);
	assert_int_equal(fx_invoke(FX_SLOT_IRQ2, BH_LABEL_IRQ_INFO, 0,
				   0, 0, 0, 0, &out), BH_E_OK);
	assert_reply(&out, 2, 70, 10, 0, 0);
}

/* Extra registers beyond a label's needs are ignored, not refused */
static void test_extra_registers_ignored(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_invoke(BH_SLOT_HV, BH_LABEL_HV_STATS, 4,
				   1, 2, UINT64_MAX, UINT64_MAX, &out),
			 BH_E_OK);
	assert_int_equal(fx_invoke(FX_SLOT_CPU0, BH_LABEL_CPU_INFO, 4,
				   UINT64_MAX, 1, 2, 3, &out), BH_E_OK);
}

static void test_refusal_logged(void **state)
{
	struct bh_reply out;

	(void)state;
	assert_int_equal(fx_log_lines, 0);
	fx_invoke(BH_SLOT_HV, BH_LABEL_HV_STATS, 2, 99, 0, 0, 0, &out);
	assert_int_equal(fx_log_lines, 1);
	assert_non_null(strstr(fx_log, "root cpu 0: slot 2 label 0x201 "
				       "(hv_stats): out of range"));
	/* Successes are silent */
	fx_invoke(BH_SLOT_HV, BH_LABEL_HV_INFO, 0, 0, 0, 0, 0, &out);
	assert_int_equal(fx_log_lines, 1);
}

#define T(f)	cmocka_unit_test_setup(f, fx_setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_refusal_logged),
		T(test_slot_out_of_range),
		T(test_slot_empty),
		T(test_msginfo_reserved),
		T(test_unknown_label),
		T(test_label_table_matches_abi),
		T(test_label_table_is_the_abi),
		T(test_label_table_sorted),
		T(test_wrong_type),
		T(test_missing_right),
		T(test_truncated),
		T(test_check_order),
		T(test_reserved_label),
		T(test_no_cell),
		T(test_hv_info),
		T(test_hv_stats),
		T(test_hv_stats_range),
		T(test_hv_disable),
		T(test_hv_disable_needs_control),
		T(test_hv_disable_in_service),
		T(test_hv_disable_fails),
		T(test_cap_identify),
		T(test_cell_info),
		T(test_cpu_info),
		T(test_mem_info),
		T(test_irq_info),
		T(test_extra_registers_ignored),
	};

	return cmocka_run_group_tests_name("caps_invoke", tests, NULL, NULL);
}
