// SPDX-License-Identifier: GPL-2.0
/* bulkheadd: `bulkhead status` from mgmt's VERSION and STATUS replies. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/caps.h>
#include <bulkhead/stats.h>

#include "ops.h"

#define MAX_ROWS	64

void bhd_write(struct bhd_out *o, const void *p, size_t n)
{
	char *b;
	size_t cap;

	if (o->len + n > o->cap) {
		cap = o->cap ? o->cap : 1024;
		while (cap < o->len + n)
			cap *= 2;
		b = realloc(o->buf, cap);
		if (!b)
			return;
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void bhd_printf(struct bhd_out *o, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n > 0)
		bhd_write(o, line, (size_t)n < sizeof(line) ? (size_t)n :
			  sizeof(line) - 1);
}

/* "0-3,5" from a bitmap, "-" if empty */
static const char *cpulist(uint64_t map, char *buf, size_t size)
{
	size_t n = 0;
	int i, j;

	buf[0] = '\0';
	for (i = 0; i < 64; i++) {
		if (!(map & (1ULL << i)))
			continue;
		for (j = i; j < 63 && (map & (1ULL << (j + 1))); j++)
			;
		n += (size_t)snprintf(buf + n, size - n, "%s%d", n ? "," : "",
				      i);
		if (j > i && n < size)
			n += (size_t)snprintf(buf + n, size - n, "-%d", j);
		if (n >= size)
			break;
		i = j;
	}
	return n ? buf : "-";
}

static const char *bytes(uint64_t b, char *buf, size_t size)
{
	if (b && !(b & ((1ULL << 20) - 1)))
		snprintf(buf, size, "%" PRIu64 " MiB", b >> 20);
	else if (b && !(b & 1023))
		snprintf(buf, size, "%" PRIu64 " KiB", b >> 10);
	else
		snprintf(buf, size, "%" PRIu64 " B", b);
	return buf;
}

static const char *cell_state(uint32_t s)
{
	return s == BH_CELL_STATE_RUNNING ? "running" :
	       s == BH_CELL_STATE_FAILED ? "failed" : "unknown";
}

static const char *cpu_state(uint32_t s)
{
	static const char *const names[] = {
		[BH_CPU_STATE_OFFLINE] = "offline",
		[BH_CPU_STATE_RUNNING] = "running",
		[BH_CPU_STATE_PARKED] = "parked",
		[BH_CPU_STATE_STOPPED] = "stopped",
	};

	return s < sizeof(names) / sizeof(names[0]) ? names[s] : "unknown";
}

/* A name from a reply, made printable and terminated. */
static const char *safe(const char *s, size_t max, char *buf)
{
	size_t i;

	for (i = 0; i < max - 1 && s[i]; i++)
		buf[i] = (s[i] >= ' ' && s[i] < 0x7f) ? s[i] : '?';
	buf[i] = '\0';
	return i ? buf : "?";
}

/* One request to mgmt; on a refusal, @err names the operation. */
static int ask_with(struct bhd_svc *s, uint64_t slot, const char *op_name,
		    uint16_t op, uint16_t kind, const void *payload,
		    uint32_t len, struct bhd_reply *r, struct bhd_err *err)
{
	char text[160], tmp[BHD_ERR_LEN];

	if (bhd_call(s, slot, op, kind, payload, len, 1, r, err)) {
		snprintf(tmp, sizeof(tmp), "%s", err->msg);
		return bhd_error(err, "status: %s", tmp);
	}
	if (!r->status)
		return 0;
	bhd_reply_text(r, text, sizeof(text));
	return bhd_error(err, "status: %s refused %s: %s%s%s", s->name,
			 op_name, bh_rpc_strerror(r->status),
			 text[0] ? ": " : "", text);
}

static int ask(struct bhd_svc *s, uint64_t slot, const char *op_name,
	       uint16_t op, struct bhd_reply *r, struct bhd_err *err)
{
	return ask_with(s, slot, op_name, op, BH_RPC_K_NONE, NULL, 0, r, err);
}

struct status {
	struct bh_rpc_stats stats[MAX_ROWS];
	unsigned int nstats;
	struct bh_rpc_version ver;
	struct bh_rpc_hv hv;
	struct bh_rpc_cpu cpu[MAX_ROWS];
	struct bh_rpc_cell cell[MAX_ROWS];
	unsigned int ncpu, ncell;
	int have_ver, have_hv;
};

static void gather(struct status *st, const struct bhd_reply *r)
{
	const struct bh_rpc_hdr *h;
	const void *p;
	size_t off = 0;

	while (bhd_reply_next(r, &off, &h, &p)) {
		if (h->kind == BH_RPC_K_VERSION && h->len == sizeof(st->ver)) {
			memcpy(&st->ver, p, sizeof(st->ver));
			st->have_ver = 1;
		} else if (h->kind == BH_RPC_K_HV &&
			   h->len == sizeof(st->hv)) {
			memcpy(&st->hv, p, sizeof(st->hv));
			st->have_hv = 1;
		} else if (h->kind == BH_RPC_K_CPU &&
			   h->len == sizeof(st->cpu[0]) &&
			   st->ncpu < MAX_ROWS) {
			memcpy(&st->cpu[st->ncpu++], p, sizeof(st->cpu[0]));
		} else if (h->kind == BH_RPC_K_CELL &&
			   h->len == sizeof(st->cell[0]) &&
			   st->ncell < MAX_ROWS) {
			memcpy(&st->cell[st->ncell++], p, sizeof(st->cell[0]));
		} else if (h->kind == BH_RPC_K_STATS &&
			   h->len == sizeof(st->stats[0]) &&
			   st->nstats < MAX_ROWS) {
			memcpy(&st->stats[st->nstats++], p,
			       sizeof(st->stats[0]));
		}
	}
}

static const char *owner(const struct status *st, uint32_t id, char *buf)
{
	unsigned int i;

	if (id == (uint32_t)BH_CELL_NONE)
		return "-";
	for (i = 0; i < st->ncell; i++)
		if (st->cell[i].id == id)
			return safe(st->cell[i].name, BH_RPC_NAME_LEN, buf);
	return "?";
}

static void format(struct bhd *d, const struct status *st,
		   struct bhd_out *o)
{
	const struct bh_bd_cpu *bd_cpu =
		(const void *)(d->bd.raw + d->bd.hdr.cpus_off);
	char a[BH_RPC_NAME_LEN], b[BH_RPC_NAME_LEN], c[32], m[32];
	const struct bh_rpc_cell *cl;
	uint64_t mpidr;
	const struct bhd_svc *s;
	unsigned int i;

	bhd_printf(o, "bulkhead hypervisor\n");
	bhd_printf(o, "  kernel:  %s (capability ABI %u, RPC %u)\n",
		   safe(st->ver.kernel, BH_RPC_NAME_LEN, a), st->ver.abi,
		   st->ver.rpc_version);
	bhd_printf(o, "  mgmt:    %s\n",
		   safe(st->ver.service, BH_RPC_NAME_LEN, b));
	bhd_printf(o, "  memory:  %#" PRIx64 "-%#" PRIx64 " (%s), page pool %"
		   PRIu64 " of %" PRIu64 " pages free\n", st->hv.hv_base,
		   st->hv.hv_base + st->hv.hv_size - 1,
		   bytes(st->hv.hv_size, m, sizeof(m)), st->hv.pool_free,
		   st->hv.pool_pages);
	bhd_printf(o, "  CPUs:    %u, cells: %u\n\n", st->hv.cpus,
		   st->hv.cells);

	bhd_printf(o, "%-4s %-10s %-12s %s\n", "CPU", "MPIDR", "CELL",
		   "STATE");
	for (i = 0; i < st->ncpu; i++) {
		/* mgmt holds no CPU capability: the boot description knows */
		mpidr = st->cpu[i].mpidr;
		if (mpidr == BH_RPC_MPIDR_UNKNOWN &&
		    st->cpu[i].index < d->bd.hdr.num_cpus &&
		    d->bd.hdr.num_cpus <= BH_MAX_CPUS)
			mpidr = bd_cpu[st->cpu[i].index].mpidr;
		if (mpidr == BH_RPC_MPIDR_UNKNOWN)
			snprintf(c, sizeof(c), "-");
		else
			snprintf(c, sizeof(c), "0x%" PRIx64, mpidr);
		bhd_printf(o, "%-4u %-10s %-12s %s\n", st->cpu[i].index, c,
			   owner(st, st->cpu[i].cell, a),
			   cpu_state(st->cpu[i].state));
	}

	bhd_printf(o, "\n%-4s %-12s %-8s %-8s %-8s %s\n", "ID", "NAME", "TYPE",
		   "STATE", "CPUS", "MEMORY");
	for (i = 0; i < st->ncell; i++) {
		cl = &st->cell[i];
		bhd_printf(o, "%-4u %-12s %-8s %-8s %-8s %s\n", cl->id,
			   safe(cl->name, BH_RPC_NAME_LEN, a),
			   cl->flags & BH_CELL_ROOT ? "root" :
			   cl->flags & BH_CELL_SERVICE ? "service" : "guest",
			   cell_state(cl->state),
			   cpulist(cl->cpus, c, sizeof(c)),
			   bytes(cl->mem_bytes, m, sizeof(m)));
	}

	bhd_printf(o, "\n%-12s %-8s %8s %7s %9s %9s  %s\n", "SERVICE", "STATE",
		   "CALLS", "FAULTS", "OVERRUNS", "RESTARTS", "CHANNEL");
	for (i = 0; i < st->ncell; i++) {
		cl = &st->cell[i];
		if (!(cl->flags & BH_CELL_SERVICE))
			continue;
		safe(cl->name, BH_RPC_NAME_LEN, a);
		s = bhd_find(d, a);
		if (s)
			snprintf(m, sizeof(m), "generation %" PRIu64,
				 bh_rpc_client_generation(&s->rpc));
		bhd_printf(o, "%-12s %-8s %8" PRIu64 " %7" PRIu64 " %9" PRIu64
			   " %9" PRIu64 "  %s\n", a, cell_state(cl->state),
			   cl->calls, cl->faults, cl->overruns,
			   cl->starts ? cl->starts - 1 : 0, s ? m : "-");
	}
}

/* Exits per CPU and reason, as `bulkhead cell stats` prints them */
static void format_stats(const struct status *st, struct bhd_out *o)
{
	static const char *const names[] = BH_EXIT_NAMES;
	const struct bh_rpc_stats *s;
	unsigned int i, r, nr;
	uint64_t total;

	bhd_printf(o, "\n%-4s", "CPU");
	for (r = 0; r < BH_EXIT_NR; r++)
		bhd_printf(o, " %11s", names[r]);
	bhd_printf(o, " %12s\n", "total");
	for (i = 0; i < st->nstats; i++) {
		s = &st->stats[i];
		nr = s->nr < BH_EXIT_NR ? s->nr : BH_EXIT_NR;
		total = 0;
		bhd_printf(o, "%-4u", s->cpu);
		for (r = 0; r < BH_EXIT_NR; r++) {
			bhd_printf(o, " %11" PRIu64, r < nr ? s->count[r] : 0);
			total += r < nr ? s->count[r] : 0;
		}
		bhd_printf(o, " %12" PRIu64 "\n", total);
	}
}

int bhd_status(struct bhd *d, uint64_t slot, int stats, struct bhd_out *out,
	       struct bhd_err *err)
{
	const struct bh_rpc_stats_req all = { .cpu = BH_RPC_ALL_CPUS };
	struct bhd_svc *mgmt = bhd_find(d, "mgmt");
	struct bhd_reply r = { 0 };
	struct status *st;
	int ret = -1;

	if (!mgmt)
		return bhd_error(err, "status: no mgmt service (the manifest names none)");
	st = calloc(1, sizeof(*st));
	if (!st)
		return bhd_error(err, "status: out of memory");
	if (ask(mgmt, slot, "VERSION", BH_RPC_OP_VERSION, &r, err))
		goto out;
	gather(st, &r);
	if (ask(mgmt, slot, "STATUS", BH_RPC_OP_STATUS, &r, err))
		goto out;
	gather(st, &r);
	if (!st->have_ver || !st->have_hv) {
		bhd_error(err, "status: mgmt's answer lacks its %s",
			  st->have_ver ? "hypervisor summary" : "version");
		goto out;
	}
	if (stats) {
		if (ask_with(mgmt, slot, "STATS", BH_RPC_OP_STATS,
			     BH_RPC_K_STATS_REQ, &all, sizeof(all), &r, err))
			goto out;
		gather(st, &r);
	}
	format(d, st, out);
	if (stats)
		format_stats(st, out);
	ret = 0;
out:
	bhd_reply_free(&r);
	free(st);
	return ret;
}
