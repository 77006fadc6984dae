// SPDX-License-Identifier: GPL-2.0
/* Boot description builder: manifest model -> validated bh_bootdesc. */
#include <stdio.h>
#include <string.h>

#include <bulkhead/bootdesc_validate.h>

#include "manifest.h"

/*
 * The value checks are the boot description validator's, so the agent
 * refuses exactly what the kernel would. Its error names a field of the
 * description ("mem[].phys", index 2); this table turns that into the
 * manifest path the user wrote.
 */
enum where { W_FILE, W_HV, W_CONSOLE, W_GIC, W_CELL, W_CPU, W_MEM, W_IRQ,
	     W_SVC };

struct field_map {
	const char *field;	/* bh_bd_error.field */
	enum where where;
	const char *suffix;	/* appended to the node path */
};

static const struct field_map field_map[] = {
	{ "hv_base", W_HV, "" },
	{ "hv_size", W_HV, "" },
	{ "stub_vectors", W_HV, "" },
	{ "console.base", W_CONSOLE, "/reg" },
	{ "console.size", W_CONSOLE, "/reg" },
	{ "console.type", W_CONSOLE, "/compatible" },
	{ "console.flags", W_CONSOLE, "" },
	{ "gic.version", W_GIC, "/compatible" },
	{ "gic.maint_irq", W_GIC, "/maintenance-interrupt" },
	{ "gic.gicd_base", W_GIC, "/reg" },
	{ "gic.gicd_size", W_GIC, "/reg" },
	{ "gic.gicr_base", W_GIC, "/reg" },
	{ "gic.gicr_size", W_GIC, "/reg" },
	{ "cells[].name", W_CELL, "" },
	{ "cells[].flags", W_CELL, "/type" },
	{ "cells[]", W_CELL, "" },
	{ "cpus[].mpidr", W_CPU, "/reg" },
	{ "cpus[].cell", W_CPU, "" },
	{ "cpus[].flags", W_CPU, "" },
	{ "mem[].phys", W_MEM, "" },
	{ "mem[].size", W_MEM, "/reg" },
	{ "mem[].ipa", W_MEM, "/ipa" },
	{ "mem[].cell", W_MEM, "" },
	{ "mem[].flags", W_MEM, "/access" },
	{ "irqs[].first", W_IRQ, "" },
	{ "irqs[].count", W_IRQ, "" },
	{ "irqs[].cell", W_IRQ, "" },
	{ "irqs[].flags", W_IRQ, "" },
	{ "services[].image", W_SVC, "/image" },
	{ "services[].cell", W_SVC, "" },
	{ "services[].flags", W_SVC, "" },
	{ "services[].budget_us", W_SVC, "/budget-us" },
	{ "services[].init_budget_us", W_SVC, "/init-budget-us" },
	{ "services[].caps", W_SVC, "/capabilities" },
	{ "services[].load_ipa", W_SVC, "/load" },
	{ "services[].entry_off", W_SVC, "/entry" },
};

/* Path of entry @index of kind @w; "" if there is no such entry. */
static const char *path_of(const struct bh_manifest *m, enum where w,
			   int index)
{
	switch (w) {
	case W_HV:
		return "hypervisor/memory";
	case W_CONSOLE:
		return m->console_path;
	case W_GIC:
		return m->gic_path;
	case W_CELL:
		return index >= 0 && index < (int)m->num_cells ?
		       m->cells[index].path : "";
	case W_CPU:
		return index >= 0 && index < (int)m->num_cpus ?
		       m->cpus[index].path : "";
	case W_MEM:
		return index >= 0 && index < (int)m->num_mem ?
		       m->mem[index].path : "";
	case W_IRQ:
		return index >= 0 && index < (int)m->num_irqs ?
		       m->irqs[index].path : "";
	case W_SVC:
		return index >= 0 && index < (int)m->num_services ?
		       m->services[index].path : "";
	default:
		return "manifest";
	}
}

/* "overlaps mem[]" + other 0 -> "overlaps cells/root/memory/ram@..." */
static void map_reason(const struct bh_manifest *m, const struct bh_bd_error *e,
		       char *out, size_t len)
{
	static const struct { const char *name; enum where w; } kinds[] = {
		{ "cells[]", W_CELL }, { "cpus[]", W_CPU },
		{ "mem[]", W_MEM }, { "irqs[]", W_IRQ },
	};
	const char *r = e->reason ? e->reason : "invalid";
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		const char *at = strstr(r, kinds[i].name);

		if (at && e->other >= 0) {
			snprintf(out, len, "%.*s%s%s", (int)(at - r), r,
				 path_of(m, kinds[i].w, e->other),
				 at + strlen(kinds[i].name));
			return;
		}
	}
	snprintf(out, len, "%s", r);
}

static void map_error(const struct bh_manifest *m, const struct bh_bd_error *e,
		      struct bh_mf_error *err)
{
	char reason[BH_MF_ERROR_LEN / 2];
	size_t i;

	map_reason(m, e, reason, sizeof(reason));
	for (i = 0; i < sizeof(field_map) / sizeof(field_map[0]); i++) {
		const struct field_map *f = &field_map[i];

		if (!e->field || strcmp(e->field, f->field))
			continue;
		snprintf(err->msg, sizeof(err->msg), "%s%s: %s",
			 path_of(m, f->where, e->index), f->suffix, reason);
		return;
	}
	/* header fields: only a builder bug gets here */
	bh_bd_error_format(e, reason, sizeof(reason));
	snprintf(err->msg, sizeof(err->msg), "boot description: %s", reason);
}

int bh_manifest_build(const struct bh_manifest *m, void *buf, size_t bufsize,
		      size_t *len, struct bh_mf_error *err)
{
	struct bh_bootdesc *bd = buf;
	struct bh_bd_cell *cells;
	struct bh_bd_cpu *cpus;
	struct bh_bd_mem *mem;
	struct bh_bd_irq *irqs;
	struct bh_bd_service *svcs;
	struct bh_bd_error e;
	size_t total;
	unsigned int i;

	total = sizeof(*bd) + m->num_cells * sizeof(*cells) +
		m->num_cpus * sizeof(*cpus) + m->num_mem * sizeof(*mem) +
		m->num_irqs * sizeof(*irqs) +
		m->num_services * sizeof(*svcs);
	if (total > bufsize || total > BH_BOOTDESC_MAX_SIZE) {
		snprintf(err->msg, sizeof(err->msg),
			 "boot description: %zu bytes do not fit", total);
		return -1;
	}
	memset(buf, 0, total);
	memcpy(bd->signature, BH_BOOTDESC_SIGNATURE, sizeof(bd->signature));
	bd->version = BH_BOOTDESC_VERSION;
	bd->total_size = (uint32_t)total;
	bd->hv_base = m->hv_base;
	bd->hv_size = m->hv_size;
	bd->console = m->console;
	bd->gic = m->gic;
	bd->num_cells = m->num_cells;
	bd->num_cpus = m->num_cpus;
	bd->num_mem = m->num_mem;
	bd->num_irqs = m->num_irqs;
	/* every element size is a multiple of 8: the arrays stay aligned */
	bd->cells_off = sizeof(*bd);
	bd->cpus_off = bd->cells_off + m->num_cells * sizeof(*cells);
	bd->mem_off = bd->cpus_off + m->num_cpus * sizeof(*cpus);
	bd->irqs_off = bd->mem_off + m->num_mem * sizeof(*mem);
	bd->num_services = m->num_services;
	bd->services_off = bd->irqs_off + m->num_irqs * sizeof(*irqs);

	cells = (void *)((char *)buf + bd->cells_off);
	cpus = (void *)((char *)buf + bd->cpus_off);
	mem = (void *)((char *)buf + bd->mem_off);
	irqs = (void *)((char *)buf + bd->irqs_off);
	svcs = (void *)((char *)buf + bd->services_off);
	for (i = 0; i < m->num_cells; i++) {
		memcpy(cells[i].name, m->cells[i].name, sizeof(cells[i].name));
		cells[i].flags = m->cells[i].flags;
	}
	for (i = 0; i < m->num_cpus; i++) {
		cpus[i].mpidr = m->cpus[i].mpidr;
		cpus[i].cell = (uint32_t)m->cpus[i].cell;
	}
	for (i = 0; i < m->num_mem; i++) {
		mem[i].phys = m->mem[i].phys;
		mem[i].ipa = m->mem[i].ipa;
		mem[i].size = m->mem[i].size;
		mem[i].cell = (uint32_t)m->mem[i].cell;
		mem[i].flags = m->mem[i].flags;
	}
	for (i = 0; i < m->num_irqs; i++) {
		irqs[i].first = m->irqs[i].first;
		irqs[i].count = m->irqs[i].count;
		irqs[i].cell = (uint32_t)m->irqs[i].cell;
	}
	/* image_size stays 0: the module fills it in once it loaded them */
	for (i = 0; i < m->num_services; i++) {
		memcpy(svcs[i].image, m->services[i].image,
		       sizeof(svcs[i].image));
		svcs[i].load_ipa = m->services[i].load_ipa;
		svcs[i].entry_off = m->services[i].entry_off;
		svcs[i].cell = (uint32_t)m->services[i].cell;
		svcs[i].budget_us = m->services[i].budget_us;
		svcs[i].init_budget_us = m->services[i].init_budget_us;
		svcs[i].caps = m->services[i].caps;
		svcs[i].flags = m->services[i].flags;
	}

	if (bh_bootdesc_validate(buf, total, &e)) {
		map_error(m, &e, err);
		return -1;
	}
	*len = total;
	return 0;
}
