/* SPDX-License-Identifier: GPL-2.0 */
/* The debugging shell: parses one line and answers from the capabilities. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/bootdesc.h>
#include <bulkhead/caps_names.h>
#include <bulkhead/rpc.h>
#include <bulkhead/stats.h>
#include "query.h"
#include "shell.h"

#define MAX_WORDS	4
#define MAX_REGIONS	64	/* CELL_MEM indices tried per cell */

struct cmd {
	const char *name;
	const char *args;
	const char *help;
	unsigned int max_args;
	void (*fn)(const struct con_shell *sh, int argc, char **argv,
		   struct con_out *out);
};

static void say_error(struct con_out *out, const char *what, int err)
{
	con_out_printf(out, "%s: %s\n", what, bh_error_name(-err));
}

/* A size in the largest unit that divides it */
static const char *fmt_size(char *buf, size_t len, uint64_t bytes)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	unsigned int u = 0;

	while (u < 4 && bytes && !(bytes & 1023)) {
		bytes >>= 10;
		u++;
	}
	snprintf(buf, len, "%" PRIu64 " %s", bytes, units[u]);
	return buf;
}

/* "0-1,3", or "-" for none */
static const char *fmt_cpus(char *buf, size_t len, uint64_t map)
{
	size_t n = 0;
	int i = 0, j;

	buf[0] = '\0';
	while (i < 64 && n < len) {
		if (!(map >> i & 1)) {
			i++;
			continue;
		}
		for (j = i; j + 1 < 64 && (map >> (j + 1) & 1); j++)
			;
		n += snprintf(buf + n, len - n, j > i ? "%s%d-%d" : "%s%d",
			      n ? "," : "", i, j);
		i = j + 1;
	}
	return buf[0] ? buf : "-";
}

/* A name the kernel gave, made safe to print */
static const char *safe_name(char *dst, const char *src)
{
	size_t i;

	for (i = 0; i < CON_NAME_LEN && src[i]; i++)
		dst[i] = con_printable(src[i]) ? src[i] : '?';
	dst[i] = '\0';
	return i ? dst : "?";
}

static const char *state_name(uint32_t state)
{
	switch (state) {
	case BH_CELL_STATE_RUNNING:
		return "running";
	case BH_CELL_STATE_FAILED:
		return "failed";
	default:
		return "unknown";
	}
}

/* Each CELL_MEM reply counts the regions (mr2 bits 32..63): no refusal */
static uint64_t cell_ram(const struct con_kernel *k, unsigned int index)
{
	uint64_t mr[1], r[4], sum = 0, n = 1;

	for (mr[0] = 0; mr[0] < n && mr[0] < MAX_REGIONS; mr[0]++) {
		if (con_invoke(k, BH_SVC_SLOT_CELL(index), BH_LABEL_CELL_MEM,
			       1, mr, r))
			break;
		n = r[2] >> 32;
		if (!(r[2] & BH_MEM_IO))
			sum += r[1];
	}
	return sum;
}

static void cell_line(const struct con_shell *sh, const struct con_cell *c,
		      struct con_out *out)
{
	char name[CON_NAME_LEN + 1], cpus[200], mem[24], svc[128] = "";
	const char *flags = "-";
	uint64_t r[4];
	int ret;

	if (c->flags & BH_CELL_ROOT)
		flags = "root";
	else if (c->flags & BH_CELL_SERVICE)
		flags = "service";
	/* Only service cells have counters: asking others is refused */
	ret = -BH_E_ILLEGAL_OP;
	if (c->flags & BH_CELL_SERVICE)
		ret = con_invoke(sh->k, BH_SVC_SLOT_CELL(c->index),
				 BH_LABEL_CELL_SERVICE, 0, NULL, r);
	if (!ret)
		snprintf(svc, sizeof(svc), "calls %" PRIu64 " faults %" PRIu64
			 " overruns %" PRIu64 " restarts %" PRIu64, r[0], r[1],
			 r[2], r[3] ? r[3] - 1 : 0);
	else if (ret != -BH_E_ILLEGAL_OP)
		snprintf(svc, sizeof(svc), "service counters: %s",
			 bh_error_name(-ret));
	con_out_printf(out, "%3" PRIu32 "  %-16s %-8s %-8s %-8s %*s%s%s\n",
		       c->id, safe_name(name, c->name), flags,
		       state_name(c->state),
		       fmt_cpus(cpus, sizeof(cpus), c->cpus), svc[0] ? -9 : 0,
		       fmt_size(mem, sizeof(mem), cell_ram(sh->k, c->index)),
		       svc[0] ? " " : "", svc);
}

static void cmd_cells(const struct con_shell *sh, int argc, char **argv,
		      struct con_out *out)
{
	struct con_cell c;
	unsigned int i, seen = 0, n = con_cell_count(sh->k);

	(void)argc;
	(void)argv;
	for (i = 0; i < n; i++) {
		if (con_cell_get(sh->k, i, &c))
			continue;
		if (!seen++)
			con_out_printf(out, " ID  %-16s %-8s %-8s %-8s "
				       "%-9s %s\n", "NAME", "FLAGS", "STATE",
				       "CPUS", "MEMORY", "SERVICE");
		cell_line(sh, &c, out);
	}
	if (!seen)
		con_out_printf(out, "cells: none visible (no cells-read "
			       "capability)\n");
}

static void fmt_object(char *buf, size_t len, uint64_t type, uint64_t obj)
{
	switch (type) {
	case BH_OBJ_CELL:
		snprintf(buf, len, "cell %" PRIu64, obj);
		break;
	case BH_OBJ_CPU:
		snprintf(buf, len, "cpu %" PRIu64, obj);
		break;
	case BH_OBJ_MEMORY:
		snprintf(buf, len, "phys 0x%" PRIx64, obj);
		break;
	case BH_OBJ_IRQ:
		snprintf(buf, len, "intid %" PRIu64, obj);
		break;
	case BH_OBJ_ENDPOINT:
		snprintf(buf, len, "service cell %" PRIu64, obj);
		break;
	default:
		snprintf(buf, len, "-");
		break;
	}
}

static void cmd_caps(const struct con_shell *sh, int argc, char **argv,
		     struct con_out *out)
{
	char name[CON_NAME_LEN + 1], rights[BH_RIGHTS_STR_LEN], obj[40];
	uint64_t mr[1], r[4];
	struct con_cell c;
	unsigned int n = 0;
	int ret;

	if (argc != 2) {
		con_out_printf(out, "usage: caps CELL (a cell name or id)\n");
		return;
	}
	if (con_cell_lookup(sh->k, argv[1], &c)) {
		con_out_printf(out, "caps: no cell '%s'\n", argv[1]);
		return;
	}
	con_out_printf(out, "capabilities of cell %" PRIu32 " (%s):\n",
		       c.id, safe_name(name, c.name));
	for (mr[0] = 0; mr[0] < BH_CNODE_SLOTS; mr[0]++) {
		ret = con_invoke(sh->k, BH_SVC_SLOT_CELL_CNODE(c.index),
				 BH_LABEL_CNODE_READ, 1, mr, r);
		if (ret == -BH_E_RANGE)
			break;
		if (ret) {
			say_error(out, "caps", ret);
			return;
		}
		if (r[0] == BH_OBJ_NULL)
			continue;
		if (!n++)
			con_out_printf(out, "SLOT  %-9s %-6s  %-18s  %s\n",
				       "TYPE", "RIGHTS", "BADGE", "OBJECT");
		fmt_object(obj, sizeof(obj), r[0], r[3]);
		con_out_printf(out, "%4" PRIu64 "  %-9s %-6s  0x%-16" PRIx64
			       "  %s\n", mr[0], bh_obj_type_name(r[0]),
			       bh_rights_format(r[1], rights), r[2], obj);
	}
	if (!n)
		con_out_printf(out, "(no capabilities)\n");
}

/* HV_INFO: how many CPUs; 0 with a message if it cannot be read */
static unsigned int hv_cpus(const struct con_shell *sh, const char *what,
			    struct con_out *out)
{
	uint64_t r[4];
	int ret;

	ret = con_invoke(sh->k, BH_SVC_SLOT_HV, BH_LABEL_HV_INFO, 0, NULL, r);
	if (ret) {
		say_error(out, what, ret);
		return 0;
	}
	if (!r[1] || r[1] > BH_MAX_CPUS) {
		con_out_printf(out, "%s: the kernel reports %" PRIu64
			       " CPUs\n", what, r[1]);
		return 0;
	}
	return r[1];
}

static void cmd_stats(const struct con_shell *sh, int argc, char **argv,
		      struct con_out *out)
{
	static const char *const reasons[] = BH_EXIT_NAMES;
	unsigned int ncpus, first = 0, last, cpu, reason;
	uint64_t mr[2], r[4], v;
	char label[16];
	int ret;

	ncpus = hv_cpus(sh, "stats", out);
	if (!ncpus)
		return;
	last = ncpus - 1;
	if (argc == 2) {
		if (bh_parse_u64(argv[1], &v) || v >= ncpus) {
			con_out_printf(out, "stats: no CPU '%s' (CPUs 0-%u)\n",
				       argv[1], last);
			return;
		}
		first = last = v;
	}
	con_out_printf(out, "%-12s", "EXIT");
	for (cpu = first; cpu <= last; cpu++) {
		snprintf(label, sizeof(label), "CPU%u", cpu);
		con_out_printf(out, " %14s", label);
	}
	con_out_printf(out, "\n");
	for (reason = 0; reason < BH_EXIT_NR; reason++) {
		con_out_printf(out, "%-12s", reasons[reason]);
		for (cpu = first; cpu <= last; cpu++) {
			mr[0] = cpu;
			mr[1] = reason;
			ret = con_invoke(sh->k, BH_SVC_SLOT_HV,
					 BH_LABEL_HV_STATS, 2, mr, r);
			if (ret)
				con_out_printf(out, " %14s", "?");
			else
				con_out_printf(out, " %14" PRIu64, r[0]);
		}
		con_out_printf(out, "\n");
	}
}

static void cmd_log(const struct con_shell *sh, int argc, char **argv,
		    struct con_out *out)
{
	const struct con_buf *b = sh->klog;
	uint64_t v = CON_LOG_LINES, pos, from, room;
	char chunk[256];
	size_t n;

	if (argc == 2 && (bh_parse_u64(argv[1], &v) || !v ||
			  v > CON_LOG_LINES_MAX)) {
		con_out_printf(out, "log: bad line count '%s' (1-%u)\n",
			       argv[1], CON_LOG_LINES_MAX);
		return;
	}
	pos = con_buf_last_lines(b, v);
	if (pos == b->head) {
		con_out_printf(out, "(the log is empty)\n");
		return;
	}
	/* more than fits: show the latest whole lines that do */
	room = out->size - CON_OUT_RESERVE - out->len;
	room = room > 64 ? room - 64 : 0;
	if (b->head - pos > room) {
		pos = b->head - room;
		while (pos < b->head) {
			con_buf_read(b, pos++, chunk, 1, &from);
			if (chunk[0] == '\n')
				break;
		}
		con_out_printf(out, "(earlier lines cut)\n");
	}
	while ((n = con_buf_read(b, pos, chunk, sizeof(chunk), &from))) {
		con_out_text(out, chunk, n);
		pos = from + n;
	}
	if (out->len && out->buf[out->len - 1] != '\n')
		con_out_printf(out, "\n");
}

static void mem_regions(const struct con_shell *sh, const struct con_cell *c,
			struct con_out *out)
{
	char name[CON_NAME_LEN + 1], size[24];
	uint64_t mr[1], r[4], n = 1;
	int ret;

	con_out_printf(out, "cell %" PRIu32 " (%s):\n", c->id,
		       safe_name(name, c->name));
	for (mr[0] = 0; mr[0] < n && mr[0] < MAX_REGIONS; mr[0]++) {
		ret = con_invoke(sh->k, BH_SVC_SLOT_CELL(c->index),
				 BH_LABEL_CELL_MEM, 1, mr, r);
		if (ret == -BH_E_RANGE)
			break;
		if (ret) {
			say_error(out, "  regions", ret);
			return;
		}
		n = r[2] >> 32;
		con_out_printf(out, "  phys 0x%010" PRIx64 "  ipa 0x%010"
			       PRIx64 "  %-9s %c%c%c%s\n", r[0], r[3],
			       fmt_size(size, sizeof(size), r[1]),
			       r[2] & BH_MEM_READ ? 'r' : '-',
			       r[2] & BH_MEM_WRITE ? 'w' : '-',
			       r[2] & BH_MEM_EXEC ? 'x' : '-',
			       r[2] & BH_MEM_IO ? " io" : "");
	}
	if (!mr[0])
		con_out_printf(out, "  (no regions)\n");
}

static void cmd_mem(const struct con_shell *sh, int argc, char **argv,
		    struct con_out *out)
{
	char size[24];
	struct con_cell c;
	uint64_t r[4];
	unsigned int i, n;
	int ret;

	(void)argc;
	(void)argv;
	ret = con_invoke(sh->k, BH_SVC_SLOT_HV, BH_LABEL_HV_MEM, 0, NULL, r);
	if (ret)
		say_error(out, "mem: hypervisor", ret);
	else
		con_out_printf(out, "hypervisor: base 0x%" PRIx64 " size %s, "
			       "pool %" PRIu64 " pages, %" PRIu64 " free\n",
			       r[2], fmt_size(size, sizeof(size), r[3]),
			       r[0], r[1]);
	n = con_cell_count(sh->k);
	for (i = 0; i < n; i++)
		if (!con_cell_get(sh->k, i, &c))
			mem_regions(sh, &c, out);
}

static void cmd_help(const struct con_shell *sh, int argc, char **argv,
		     struct con_out *out);

static const struct cmd cmds[] = {
	{ "help", "", "this list", 0, cmd_help },
	{ "cells", "", "cells: id, name, flags, state, CPUs, memory, "
	  "service calls", 0, cmd_cells },
	{ "caps", "CELL", "capabilities of a cell (CELL: name or id)", 1,
	  cmd_caps },
	{ "stats", "[CPU]", "exit counters per CPU and reason", 1,
	  cmd_stats },
	{ "log", "[N]", "last N lines of the hypervisor log (20)", 1,
	  cmd_log },
	{ "mem", "", "hypervisor memory, every cell's regions", 0, cmd_mem },
	{ NULL, NULL, NULL, 0, NULL }
};

static void cmd_help(const struct con_shell *sh, int argc, char **argv,
		     struct con_out *out)
{
	const struct cmd *c;
	char usage[32];

	(void)sh;
	(void)argc;
	(void)argv;
	con_out_printf(out, "commands:\n");
	for (c = cmds; c->name; c++) {
		snprintf(usage, sizeof(usage), "%s%s%s", c->name,
			 c->args[0] ? " " : "", c->args);
		con_out_printf(out, "  %-12s  %s\n", usage, c->help);
	}
}

int con_shell_too_long(struct con_out *out, size_t len)
{
	con_out_printf(out, "line too long (%zu bytes, at most %d)\n", len,
		       CON_LINE_MAX);
	return BH_RPC_ETOOLONG;
}

/* Split @s in place; -1 if there are more than MAX_WORDS words */
static int split(char *s, char **argv)
{
	int argc = 0;

	for (;;) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			return argc;
		if (argc == MAX_WORDS)
			return -1;
		argv[argc++] = s;
		while (*s && *s != ' ')
			s++;
	}
}

int con_shell_exec(const struct con_shell *sh, const char *line, size_t len,
		   struct con_out *out)
{
	char buf[CON_LINE_MAX + 1], *argv[MAX_WORDS];
	const struct cmd *c;
	size_t i;
	int argc;

	if (len && line[len - 1] == '\n')
		len--;
	if (len && line[len - 1] == '\r')
		len--;
	if (len > CON_LINE_MAX)
		return con_shell_too_long(out, len);
	for (i = 0; i < len; i++) {
		if (!con_printable(line[i])) {
			con_out_printf(out, "line contains control "
				       "characters\n");
			return BH_RPC_EBADMSG;
		}
	}
	memcpy(buf, line, len);
	buf[len] = '\0';
	argc = split(buf, argv);
	if (!argc)
		return BH_RPC_OK;
	for (c = cmds; c->name; c++)
		if (!strcmp(c->name, argv[0]))
			break;
	if (!c->name) {
		con_out_printf(out, "unknown command '%s'; try help\n",
			       argv[0]);
		return BH_RPC_OK;
	}
	if (argc < 0 || (unsigned int)argc - 1 > c->max_args) {
		con_out_printf(out, "usage: %s%s%s\n", c->name,
			       c->args[0] ? " " : "", c->args);
		return BH_RPC_OK;
	}
	c->fn(sh, argc, argv, out);
	return BH_RPC_OK;
}
