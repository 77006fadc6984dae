// SPDX-License-Identifier: GPL-2.0
/* Manifest parser: libfdt walk of /bulkhead into struct bh_manifest. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "manifest.h"

#define COMPATIBLE	"bulkhead,system-v1"

/* Parser state: the blob and where the errors go. */
struct ctx {
	const void *fdt;
	struct bh_manifest *m;
	struct bh_mf_error *err;
};

static int fail(struct ctx *c, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct ctx *c, const char *field, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	n = (size_t)snprintf(c->err->msg, sizeof(c->err->msg), "%s: ", field);
	if (n >= sizeof(c->err->msg))
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err->msg + n, sizeof(c->err->msg) - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* dst = "base/name" (or just name when base is empty); -1 if too long. */
static int join(char *dst, const char *base, const char *name)
{
	int n = snprintf(dst, BH_MF_PATH_LEN, "%s%s%s", base, *base ? "/" : "",
			 name);

	return (n < 0 || n >= BH_MF_PATH_LEN) ? -1 : 0;
}

static int node_path(struct ctx *c, int node, const char *base, char *dst)
{
	const char *name = fdt_get_name(c->fdt, node, NULL);

	if (!name || join(dst, base, name))
		return fail(c, base, "node name too long");
	return 0;
}

/* True if the node's name is @base, with or without a unit address. */
static int name_is(const void *fdt, int node, const char *base)
{
	const char *name = fdt_get_name(fdt, node, NULL);
	size_t n = strlen(base);

	return name && !strncmp(name, base, n) &&
	       (name[n] == '\0' || name[n] == '@');
}

/* The single child called @base (any unit address); -1 if absent. */
static int find_child(struct ctx *c, int parent, const char *parent_path,
		      const char *base, int required, char *path)
{
	int node, found = -1;

	fdt_for_each_subnode(node, c->fdt, parent) {
		if (!name_is(c->fdt, node, base))
			continue;
		if (found >= 0) {
			node_path(c, node, parent_path, path);
			return fail(c, path, "second \"%s\" node", base) - 1;
		}
		found = node;
	}
	if (found < 0) {
		join(path, parent_path, base);
		return required ? fail(c, path, "missing node") - 1 : -1;
	}
	return node_path(c, found, parent_path, path) ? -2 : found;
}

static int get_u32(struct ctx *c, int node, const char *path,
		   const char *prop, uint32_t *val)
{
	char field[BH_MF_PATH_LEN + 32];
	const fdt32_t *p;
	int len;

	snprintf(field, sizeof(field), "%s/%s", path, prop);
	p = fdt_getprop(c->fdt, node, prop, &len);
	if (!p)
		return fail(c, field, "missing property");
	if (len != 4)
		return fail(c, field, "must be one 32-bit cell");
	*val = fdt32_ld(p);
	return 0;
}

static int has_compatible(struct ctx *c, int node, const char *path,
			  const char *compat)
{
	char field[BH_MF_PATH_LEN + 16];

	snprintf(field, sizeof(field), "%s/compatible", path);
	if (!fdt_getprop(c->fdt, node, "compatible", NULL))
		return fail(c, field, "missing property");
	if (fdt_stringlist_search(c->fdt, node, "compatible", compat) < 0)
		return fail(c, field, "must contain \"%s\"", compat);
	return 0;
}

/* #address-cells and #size-cells of @node: both required, 1 or 2. */
static int get_cells(struct ctx *c, int node, const char *path, int *ac,
		     int *sc)
{
	uint32_t a, s;

	if (get_u32(c, node, path, "#address-cells", &a) ||
	    get_u32(c, node, path, "#size-cells", &s))
		return -1;
	if (a < 1 || a > 2 || s < 1 || s > 2) {
		char field[BH_MF_PATH_LEN + 16];

		snprintf(field, sizeof(field), "%s/#%s-cells", path,
			 (a < 1 || a > 2) ? "address" : "size");
		return fail(c, field, "must be 1 or 2");
	}
	*ac = (int)a;
	*sc = (int)s;
	return 0;
}

static uint64_t read_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 32) | fdt32_ld(p++);
	return v;
}

/*
 * Reads @prop as exactly @want <address size> pairs (ac, sc cells each)
 * into out[2 * i], out[2 * i + 1].
 */
static int get_pairs(struct ctx *c, int node, const char *path,
		     const char *prop, int ac, int sc, int want, uint64_t *out)
{
	char field[BH_MF_PATH_LEN + 16];
	const fdt32_t *p;
	int len, i;

	snprintf(field, sizeof(field), "%s/%s", path, prop);
	p = fdt_getprop(c->fdt, node, prop, &len);
	if (!p)
		return fail(c, field, "missing property");
	if (len != want * (ac + sc) * 4)
		return fail(c, field,
			    "must be %d <address size> pair%s of %d+%d cells",
			    want, want > 1 ? "s" : "", ac, sc);
	for (i = 0; i < want; i++) {
		out[2 * i] = read_cells(p, ac);
		p += ac;
		out[2 * i + 1] = read_cells(p, sc);
		p += sc;
	}
	return 0;
}

static int parse_hypervisor(struct ctx *c, int bh, int ac, int sc)
{
	struct bh_manifest *m = c->m;
	char path[BH_MF_PATH_LEN];
	uint64_t v[2];
	int hv, con, hac, hsc;

	hv = find_child(c, bh, "", "hypervisor", 1, path);
	if (hv < 0)
		return -1;
	if (get_pairs(c, hv, path, "memory", ac, sc, 1, v))
		return -1;
	m->hv_base = v[0];
	m->hv_size = v[1];

	con = find_child(c, hv, path, "console", 0, m->console_path);
	if (con == -1) {
		m->console.type = BH_CONSOLE_NONE;
		return 0;
	}
	if (con < 0 || get_cells(c, hv, path, &hac, &hsc) ||
	    has_compatible(c, con, m->console_path, "arm,pl011") ||
	    get_pairs(c, con, m->console_path, "reg", hac, hsc, 1, v))
		return -1;
	m->console.type = BH_CONSOLE_PL011;
	m->console.base = v[0];
	m->console.size = v[1];
	return 0;
}

static int parse_gic(struct ctx *c, int bh, int ac, int sc)
{
	struct bh_manifest *m = c->m;
	uint64_t v[4];
	uint32_t maint;
	int gic;

	gic = find_child(c, bh, "", "gic", 1, m->gic_path);
	if (gic < 0 || has_compatible(c, gic, m->gic_path, "arm,gic-v3") ||
	    get_pairs(c, gic, m->gic_path, "reg", ac, sc, 2, v) ||
	    get_u32(c, gic, m->gic_path, "maintenance-interrupt", &maint))
		return -1;
	m->gic.maint_irq = maint;
	m->gic.gicd_base = v[0];
	m->gic.gicd_size = v[1];
	m->gic.gicr_base = v[2];
	m->gic.gicr_size = v[3];
	m->gic.version = 3;
	return 0;
}

static int parse_cpus(struct ctx *c, int bh)
{
	struct bh_manifest *m = c->m;
	char path[BH_MF_PATH_LEN], field[BH_MF_PATH_LEN + 16];
	uint32_t ac, sc;
	int cpus, node, len;

	cpus = find_child(c, bh, "", "cpus", 1, path);
	if (cpus < 0 || get_u32(c, cpus, path, "#address-cells", &ac) ||
	    get_u32(c, cpus, path, "#size-cells", &sc))
		return -1;
	if (ac < 1 || ac > 2)
		return fail(c, "cpus/#address-cells", "must be 1 or 2");
	if (sc != 0)
		return fail(c, "cpus/#size-cells", "must be 0");

	fdt_for_each_subnode(node, c->fdt, cpus) {
		struct bh_mf_cpu *cpu = &m->cpus[m->num_cpus];
		char cpath[BH_MF_PATH_LEN];
		const fdt32_t *reg;

		if (node_path(c, node, path, cpath))
			return -1;
		if (!name_is(c->fdt, node, "cpu"))
			return fail(c, cpath, "not a cpu node");
		if (m->num_cpus == BH_MAX_CPUS)
			return fail(c, cpath, "more than %d CPUs", BH_MAX_CPUS);
		strcpy(cpu->path, cpath);
		snprintf(field, sizeof(field), "%s/reg", cpu->path);
		reg = fdt_getprop(c->fdt, node, "reg", &len);
		if (!reg)
			return fail(c, field, "missing property");
		if (len != (int)ac * 4)
			return fail(c, field, "must be %u cell%s (the MPIDR)",
				    ac, ac > 1 ? "s" : "");
		cpu->mpidr = read_cells(reg, (int)ac);
		cpu->phandle = fdt_get_phandle(c->fdt, node);
		cpu->cell = -1;
		m->num_cpus++;
	}
	if (!m->num_cpus)
		return fail(c, path, "no cpu nodes");
	return 0;
}

static int parse_cell_cpus(struct ctx *c, int node, int idx)
{
	struct bh_manifest *m = c->m;
	const struct bh_mf_cell *cell = &m->cells[idx];
	char field[BH_MF_PATH_LEN + 8];
	const fdt32_t *p;
	unsigned int i, j;
	int len;

	snprintf(field, sizeof(field), "%s/cpus", cell->path);
	p = fdt_getprop(c->fdt, node, "cpus", &len);
	/* a service cell runs on its callers' CPUs */
	if (!p && (cell->flags & BH_CELL_SERVICE))
		return 0;
	if (!p)
		return fail(c, field, "missing property");
	if (len == 0 || len % 4)
		return fail(c, field, "must be a list of CPU phandles");
	for (i = 0; i < (unsigned int)len / 4; i++) {
		uint32_t ph = fdt32_ld(p + i);

		for (j = 0; j < m->num_cpus; j++)
			if (m->cpus[j].phandle && m->cpus[j].phandle == ph)
				break;
		if (j == m->num_cpus)
			return fail(c, field,
				    "entry %u is not a phandle of a node under cpus",
				    i);
		if (m->cpus[j].cell >= 0)
			return fail(c, field, "%s already belongs to %s",
				    m->cpus[j].path,
				    m->cells[m->cpus[j].cell].path);
		m->cpus[j].cell = idx;
	}
	return 0;
}

static int parse_cell_spis(struct ctx *c, int node, int idx)
{
	struct bh_manifest *m = c->m;
	const struct bh_mf_cell *cell = &m->cells[idx];
	char field[BH_MF_PATH_LEN + 8];
	const fdt32_t *p;
	int len, i;

	snprintf(field, sizeof(field), "%s/spis", cell->path);
	p = fdt_getprop(c->fdt, node, "spis", &len);
	if (!p)
		return 0;
	if (len == 0 || len % 8)
		return fail(c, field, "must be <first-INTID count> pairs");
	for (i = 0; i < len / 8; i++) {
		struct bh_mf_irq *irq = &m->irqs[m->num_irqs];

		if (m->num_irqs == BH_MAX_IRQ_RANGES)
			return fail(c, field, "more than %d SPI ranges in all",
				    BH_MAX_IRQ_RANGES);
		irq->first = fdt32_ld(p + 2 * i);
		irq->count = fdt32_ld(p + 2 * i + 1);
		irq->cell = idx;
		snprintf(irq->path, sizeof(irq->path), "%.*s[%d]",
			 BH_MF_PATH_LEN - 16, field, i);
		m->num_irqs++;
	}
	return 0;
}

/* Optional 32-bit property: absent leaves *val as it is. */
static int get_opt_u32(struct ctx *c, int node, const char *path,
		       const char *prop, uint32_t *val)
{
	if (!fdt_getprop(c->fdt, node, prop, NULL))
		return 0;
	return get_u32(c, node, path, prop, val);
}

/* The names a service's `capabilities` may list (bootdesc.h) */
static const struct {
	const char *name;
	uint32_t bit;
} svc_caps[] = {
	{ "hv-read", BH_SVC_CAP_HV_READ },
	{ "cells-read", BH_SVC_CAP_CELLS_READ },
	{ "log", BH_SVC_CAP_LOG },
	{ "uart", BH_SVC_CAP_UART },
};

/* capabilities = "hv-read", "log", ...; absent: none */
static int parse_svc_caps(struct ctx *c, int node, const char *path,
			  uint32_t *caps)
{
	char field[BH_MF_PATH_LEN + 16];
	const char *p, *end;
	unsigned int i;
	int len;

	p = fdt_getprop(c->fdt, node, "capabilities", &len);
	if (!p)
		return 0;
	snprintf(field, sizeof(field), "%s/capabilities", path);
	if (len < 1 || p[len - 1] != '\0')
		return fail(c, field, "must be a list of strings");
	for (end = p + len; p < end; p += strlen(p) + 1) {
		for (i = 0; i < sizeof(svc_caps) / sizeof(svc_caps[0]); i++)
			if (!strcmp(p, svc_caps[i].name))
				break;
		if (i == sizeof(svc_caps) / sizeof(svc_caps[0]))
			return fail(c, field, "unknown capability \"%s\" (known: "
				    "hv-read, cells-read, log, uart)", p);
		if (*caps & svc_caps[i].bit)
			return fail(c, field, "\"%s\" named twice", p);
		*caps |= svc_caps[i].bit;
	}
	return 0;
}

/*
 * image, load, entry, budget-us, init-budget-us, capabilities and
 * root-channel of a service cell; no image: no service
 */
static int parse_cell_service(struct ctx *c, int node, int idx, int ac)
{
	struct bh_manifest *m = c->m;
	const struct bh_mf_cell *cell = &m->cells[idx];
	struct bh_mf_service *s = &m->services[m->num_services];
	char field[BH_MF_PATH_LEN + 16];
	const fdt32_t *load;
	const char *image;
	int len;

	image = fdt_getprop(c->fdt, node, "image", &len);
	if (!image)
		return 0;
	snprintf(field, sizeof(field), "%s/image", cell->path);
	if (!(cell->flags & BH_CELL_SERVICE))
		return fail(c, field, "only a service cell has an image");
	if (len < 2 || image[len - 1] != '\0' ||
	    (int)strlen(image) != len - 1 || len > BH_SVC_IMAGE_LEN)
		return fail(c, field, "must be one file name of at most %d "
			    "characters", BH_SVC_IMAGE_LEN - 1);
	memset(s, 0, sizeof(*s));
	memcpy(s->image, image, (size_t)len);
	load = fdt_getprop(c->fdt, node, "load", &len);
	if (load) {
		if (len != ac * 4)
			return fail(c, cell->path,
				    "load must be %d address cell%s", ac,
				    ac > 1 ? "s" : "");
		s->load_ipa = read_cells(load, ac);
	}
	s->budget_us = 1000;
	s->init_budget_us = BH_SVC_DEFAULT_INIT_US;
	if (get_opt_u32(c, node, cell->path, "entry", &s->entry_off) ||
	    get_opt_u32(c, node, cell->path, "budget-us", &s->budget_us) ||
	    get_opt_u32(c, node, cell->path, "init-budget-us",
			&s->init_budget_us) ||
	    parse_svc_caps(c, node, cell->path, &s->caps))
		return -1;
	if (fdt_getprop(c->fdt, node, "root-channel", &len)) {
		snprintf(field, sizeof(field), "%s/root-channel", cell->path);
		if (len)
			return fail(c, field, "takes no value");
		s->flags |= BH_SVC_F_ROOT_CHANNEL;
	}
	s->cell = idx;
	strcpy(s->path, cell->path);
	m->num_services++;
	return 0;
}

static int parse_access(struct ctx *c, int node, struct bh_mf_mem *mem)
{
	char field[BH_MF_PATH_LEN + 8];
	const char *s;
	int len, i;

	snprintf(field, sizeof(field), "%s/access", mem->path);
	s = fdt_getprop(c->fdt, node, "access", &len);
	if (!s)
		return fail(c, field, "missing property");
	if (len < 2 || s[len - 1] != '\0' || (int)strlen(s) != len - 1)
		return fail(c, field, "must be one string of \"r\", \"w\", \"x\"");
	for (i = 0; s[i]; i++) {
		uint32_t bit = s[i] == 'r' ? BH_MEM_READ :
			       s[i] == 'w' ? BH_MEM_WRITE :
			       s[i] == 'x' ? BH_MEM_EXEC : 0;

		if (!bit || (mem->flags & bit))
			return fail(c, field,
				    "\"%s\": use each of r, w, x at most once",
				    s);
		mem->flags |= bit;
	}
	if (fdt_getprop(c->fdt, node, "device", NULL))
		mem->flags |= BH_MEM_IO;
	return 0;
}

static int parse_cell_memory(struct ctx *c, int cnode, int idx)
{
	struct bh_manifest *m = c->m;
	char path[BH_MF_PATH_LEN];
	int mnode, node, ac, sc, len;
	uint64_t v[2];

	mnode = find_child(c, cnode, m->cells[idx].path, "memory", 0, path);
	if (mnode == -1)
		return 0;
	if (mnode < 0 || get_cells(c, mnode, path, &ac, &sc))
		return -1;
	fdt_for_each_subnode(node, c->fdt, mnode) {
		struct bh_mf_mem *mem = &m->mem[m->num_mem];
		char rpath[BH_MF_PATH_LEN];
		const fdt32_t *ipa;

		if (node_path(c, node, path, rpath))
			return -1;
		if (m->num_mem == BH_MAX_MEM_REGIONS)
			return fail(c, rpath,
				    "more than %d memory regions in all",
				    BH_MAX_MEM_REGIONS);
		strcpy(mem->path, rpath);
		if (get_pairs(c, node, mem->path, "reg", ac, sc, 1, v))
			return -1;
		mem->phys = v[0];
		mem->size = v[1];
		mem->ipa = v[0];
		ipa = fdt_getprop(c->fdt, node, "ipa", &len);
		if (ipa) {
			if (len != ac * 4)
				return fail(c, mem->path,
					    "ipa must be %d address cell%s",
					    ac, ac > 1 ? "s" : "");
			mem->ipa = read_cells(ipa, ac);
		}
		mem->flags = 0;
		if (parse_access(c, node, mem))
			return -1;
		mem->cell = idx;
		m->num_mem++;
	}
	return 0;
}

static int parse_cell_type(struct ctx *c, int node, const char *path,
			   uint32_t *flags)
{
	char field[BH_MF_PATH_LEN + 8];
	const char *type;
	int len;

	snprintf(field, sizeof(field), "%s/type", path);
	type = fdt_getprop(c->fdt, node, "type", &len);
	if (!type)
		return fail(c, field, "missing property");
	if (len == 5 && !memcmp(type, "root", 5))
		*flags = BH_CELL_ROOT;
	else if (len == 8 && !memcmp(type, "service", 8))
		*flags = BH_CELL_SERVICE;
	else
		return fail(c, field, "must be \"root\" or \"service\"");
	return 0;
}

/* Cells go root first, then in manifest order. */
static int parse_cells(struct ctx *c, int bh, int ac)
{
	struct bh_manifest *m = c->m;
	char path[BH_MF_PATH_LEN];
	int order[BH_MAX_CELLS], others[BH_MAX_CELLS];
	int cells, node, root = -1, n = 0, i;

	cells = find_child(c, bh, "", "cells", 1, path);
	if (cells < 0)
		return -1;
	fdt_for_each_subnode(node, c->fdt, cells) {
		struct bh_mf_cell *cell = &m->cells[m->num_cells];
		const char *name = fdt_get_name(c->fdt, node, NULL);
		char cpath[BH_MF_PATH_LEN];

		if (node_path(c, node, path, cpath))
			return -1;
		if (m->num_cells == BH_MAX_CELLS)
			return fail(c, cpath, "more than %d cells",
				    BH_MAX_CELLS);
		if (strlen(name) >= BH_CELL_NAME_LEN)
			return fail(c, cpath,
				    "cell name longer than %d characters",
				    BH_CELL_NAME_LEN - 1);
		strcpy(cell->path, cpath);
		if (parse_cell_type(c, node, cell->path, &cell->flags))
			return -1;
		strcpy(cell->name, name);
		if (cell->flags & BH_CELL_ROOT) {
			if (root >= 0)
				return fail(c, cell->path,
					    "a second root cell (the first is %s)",
					    m->cells[root].path);
			root = (int)m->num_cells;
		} else {
			others[n++] = (int)m->num_cells;
		}
		order[m->num_cells++] = node;
	}
	if (root < 0)
		return fail(c, path, "no cell has type \"root\"");

	/* reorder cells[] and order[] to root, others... */
	{
		struct bh_mf_cell tmp[BH_MAX_CELLS];
		int nodes[BH_MAX_CELLS];

		memcpy(tmp, m->cells, sizeof(tmp));
		memcpy(nodes, order, sizeof(nodes));
		m->cells[0] = tmp[root];
		order[0] = nodes[root];
		for (i = 0; i < n; i++) {
			m->cells[i + 1] = tmp[others[i]];
			order[i + 1] = nodes[others[i]];
		}
	}

	for (i = 0; i < (int)m->num_cells; i++)
		if (parse_cell_cpus(c, order[i], i) ||
		    parse_cell_spis(c, order[i], i) ||
		    parse_cell_memory(c, order[i], i) ||
		    parse_cell_service(c, order[i], i, ac))
			return -1;
	return 0;
}

int bh_manifest_parse(const void *blob, size_t size, struct bh_manifest *m,
		      struct bh_mf_error *err)
{
	struct ctx c = { blob, m, err };
	int ret, bh, ac, sc;
	unsigned int i;

	memset(m, 0, sizeof(*m));
	if (size < sizeof(fdt32_t) || fdt_magic(blob) != FDT_MAGIC)
		return fail(&c, "manifest", "not a device tree blob");
	ret = fdt_check_full(blob, size);
	if (ret)
		return fail(&c, "manifest", "malformed device tree blob (%s)",
			    fdt_strerror(ret));
	bh = fdt_path_offset(blob, "/bulkhead");
	if (bh < 0)
		return fail(&c, "/bulkhead", "missing node");
	if (has_compatible(&c, bh, "/bulkhead", COMPATIBLE) ||
	    get_cells(&c, bh, "/bulkhead", &ac, &sc) ||
	    parse_hypervisor(&c, bh, ac, sc) || parse_gic(&c, bh, ac, sc) ||
	    parse_cpus(&c, bh) || parse_cells(&c, bh, ac))
		return -1;
	for (i = 0; i < m->num_cpus; i++)
		if (m->cpus[i].cell < 0)
			return fail(&c, m->cpus[i].path,
				    "not assigned to any cell");
	if (!m->num_mem)
		return fail(&c, "cells", "no cell has a memory region");
	return 0;
}

int bh_manifest_cell_index(const struct bh_manifest *m, const char *name)
{
	unsigned int i;

	for (i = 0; i < m->num_cells; i++)
		if (!strcmp(m->cells[i].name, name))
			return (int)i;
	return -1;
}

int bh_manifest_load(const char *file, struct bh_manifest *m, void *buf,
		     size_t *len, struct bh_mf_error *err)
{
	/* a manifest is a few KiB; anything much larger is not one */
	enum { MAX_MANIFEST = 1 << 20 };
	char *blob;
	size_t n;
	FILE *f;
	int ret;

	f = fopen(file, "rb");
	if (!f) {
		snprintf(err->msg, sizeof(err->msg), "%s: %s", file,
			 strerror(errno));
		return -1;
	}
	blob = malloc(MAX_MANIFEST + 1);
	if (!blob) {
		fclose(f);
		snprintf(err->msg, sizeof(err->msg), "%s: out of memory",
			 file);
		return -1;
	}
	n = fread(blob, 1, MAX_MANIFEST + 1, f);
	ret = ferror(f);
	fclose(f);
	if (ret || n > MAX_MANIFEST) {
		snprintf(err->msg, sizeof(err->msg), "%s: %s", file,
			 ret ? "read error" : "larger than 1 MiB");
		free(blob);
		return -1;
	}
	ret = bh_manifest_parse(blob, n, m, err);
	free(blob);
	if (ret) {
		/* whole-file problems name the file */
		if (!strncmp(err->msg, "manifest: ", 10)) {
			char reason[BH_MF_ERROR_LEN];

			snprintf(reason, sizeof(reason), "%s", err->msg + 10);
			snprintf(err->msg, sizeof(err->msg), "%.*s: %.*s",
				 BH_MF_ERROR_LEN / 2, file,
				 BH_MF_ERROR_LEN / 2 - 8, reason);
		}
		return -1;
	}
	return bh_manifest_build(m, buf, BH_BOOTDESC_MAX_SIZE, len, err);
}
