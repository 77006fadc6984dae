/* SPDX-License-Identifier: GPL-2.0 */
/* Private interface of the capability core: label table and handlers. */
#ifndef CAPS_INTERNAL_H
#define CAPS_INTERNAL_H

#include <core/caps.h>

struct per_cpu;

/* struct label_ops.type for labels that apply to every object type */
#define CAP_TYPE_ANY	0xff

/**
 * struct invocation - one invocation while it is decoded and performed
 * @cpu:	the calling CPU
 * @cs:		the caller's cspace
 * @cap:	copy of the invoked capability, taken under the caps lock
 * @len:	message length (already checked against the label)
 * @mr:		message registers; only the first @len are meaningful
 * @arg:	arguments as the label's decode step checked them
 */
struct invocation {
	struct per_cpu *cpu;
	struct cspace *cs;
	struct cap cap;
	unsigned int len;
	const u64 *mr;
	union {
		struct {
			struct per_cpu *cpu;
			unsigned int reason;
		} stats;
		struct {
			const struct cap *src;
			struct cap *dst;
			u8 rights;
			u64 badge;
		} mint;
		struct cap *del;
		struct {
			const struct cap *src;
			struct cap *dst;
			u8 rights;
			unsigned int slot;
		} grant;
	} arg;
};

/**
 * struct label_ops - what the kernel knows about one label
 * @label:	enum bh_label
 * @type:	enum bh_obj_type the label applies to, or CAP_TYPE_ANY
 * @rights:	BH_RIGHT_* the invoked capability must have
 * @min_len:	message registers the label reads at least
 * @reply_len:	reply registers set on success
 * @writes_cspace: @perform runs under the caps lock too; otherwise the
 *		lock is dropped after @decode
 * @sets_info:	@perform writes the reply info itself (endpoint calls
 *		and replies carry the other side's length)
 * @decode:	checks every message register; no side effects; may be NULL
 *		when there is nothing to check. Returns enum bh_error.
 * @perform:	acts and fills the reply registers. Returns enum bh_error;
 *		only HV_DISABLE can fail here (control_disable_cpu()). NULL
 *		for a label reserved for a later issue: BH_E_ILLEGAL_OP once
 *		the generic checks passed.
 *
 * @perform of a writes_cspace label may also fail: CELL_EMULATE (range
 * refused).
 */
struct label_ops {
	u32 label;
	u8 type;
	u8 rights;
	u8 min_len;
	u8 reply_len;
	bool writes_cspace;
	bool sets_info;
	int (*decode)(struct invocation *inv);
	int (*perform)(struct invocation *inv, struct bh_reply *out);
};

/**
 * caps_label_ops() - the table entry of a label
 * @label:	any value
 *
 * Return: the entry, or NULL if the label is unknown.
 */
const struct label_ops *caps_label_ops(u32 label);

/**
 * caps_label_ops_at() - enumerate the label table (for tests)
 * @i:		0, 1, ...
 *
 * Return: the i-th entry, or NULL past the end.
 */
const struct label_ops *caps_label_ops_at(unsigned int i);

/*
 * Handlers, grouped by object: cspace.c (any type, CNODE), hv.c, objects.c,
 * endpoint.c, uart.c
 */
int cap_identify(struct invocation *inv, struct bh_reply *out);
int cnode_mint_decode(struct invocation *inv);
int cnode_mint(struct invocation *inv, struct bh_reply *out);
int cnode_delete_decode(struct invocation *inv);
int cnode_delete(struct invocation *inv, struct bh_reply *out);
int hv_info(struct invocation *inv, struct bh_reply *out);
int hv_stats_decode(struct invocation *inv);
int hv_stats(struct invocation *inv, struct bh_reply *out);
int hv_disable(struct invocation *inv, struct bh_reply *out);
int cell_info(struct invocation *inv, struct bh_reply *out);
int cpu_info(struct invocation *inv, struct bh_reply *out);
int mem_info(struct invocation *inv, struct bh_reply *out);
int irq_info(struct invocation *inv, struct bh_reply *out);
int ep_call(struct invocation *inv, struct bh_reply *out);
int ep_reply(struct invocation *inv, struct bh_reply *out);
int ep_grant_decode(struct invocation *inv);
int ep_grant(struct invocation *inv, struct bh_reply *out);
int cnode_read_decode(struct invocation *inv);
int cnode_read(struct invocation *inv, struct bh_reply *out);
int hv_mem(struct invocation *inv, struct bh_reply *out);
int hv_version(struct invocation *inv, struct bh_reply *out);
int cell_name(struct invocation *inv, struct bh_reply *out);
int cell_mem_decode(struct invocation *inv);
int cell_mem(struct invocation *inv, struct bh_reply *out);
int cell_service_decode(struct invocation *inv);
int cell_service(struct invocation *inv, struct bh_reply *out);
int cell_emulate_decode(struct invocation *inv);
int cell_emulate(struct invocation *inv, struct bh_reply *out);
int ep_info(struct invocation *inv, struct bh_reply *out);
int uart_read(struct invocation *inv, struct bh_reply *out);
int uart_write_decode(struct invocation *inv);
int uart_write(struct invocation *inv, struct bh_reply *out);

/**
 * caps_reply_string() - a string into the four reply registers
 * @out:	the reply
 * @s:		the string
 * @max:	at most this many bytes of @s (and at most 31)
 */
void caps_reply_string(struct bh_reply *out, const char *s, size_t max);

#endif /* CAPS_INTERNAL_H */
