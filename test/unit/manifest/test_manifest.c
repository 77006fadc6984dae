// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the manifest parser and boot description builder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <libfdt.h>

#include <bulkhead/bootdesc_validate.h>

#include "dtbs.h"
#include "manifest.h"

#define WORK_SIZE	65536

static struct bh_manifest m;
static char bd_buf[BH_BOOTDESC_MAX_SIZE];
static size_t bd_len;
static struct bh_mf_error err;
static char *good;		/* qemu-arm64-base.dtb as built */
static size_t good_size;
static char work[WORK_SIZE];	/* the mutated copy */

/* --- helpers that edit the working copy of the manifest --------------- */

static int node(const char *path)
{
	char full[256];
	int off;

	snprintf(full, sizeof(full), "/bulkhead%s%s", *path ? "/" : "", path);
	off = fdt_path_offset(work, full);
	if (off < 0)
		fail_msg("no node %s", full);
	return off;
}

static void set_cells(const char *path, const char *prop, int n, ...)
{
	fdt32_t v[64];
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++)
		v[i] = cpu_to_fdt32(va_arg(ap, uint32_t));
	va_end(ap);
	assert_int_equal(fdt_setprop(work, node(path), prop, v,
				     n * (int)sizeof(v[0])), 0);
}

static void set_str(const char *path, const char *prop, const char *s)
{
	assert_int_equal(fdt_setprop_string(work, node(path), prop, s), 0);
}

/* A property of raw bytes: string lists ("a\0b"), empty flags */
static void set_raw(const char *path, const char *prop, const void *v,
		    int len)
{
	assert_int_equal(fdt_setprop(work, node(path), prop, v, len), 0);
}

static void del_prop(const char *path, const char *prop)
{
	assert_int_equal(fdt_delprop(work, node(path), prop), 0);
}

static void del_node(const char *path)
{
	assert_int_equal(fdt_del_node(work, node(path)), 0);
}

static int add_node(const char *parent, const char *name)
{
	int off = fdt_add_subnode(work, node(parent), name);

	assert_true(off >= 0);
	return off;
}

static uint32_t phandle(const char *path)
{
	uint32_t ph = fdt_get_phandle(work, node(path));

	assert_true(ph != 0);
	return ph;
}

/* Adds a region node under cells/<cell>/memory. */
static void add_region(const char *cell, const char *name, uint64_t base,
		       uint64_t size, const char *access)
{
	char parent[96], path[160];

	snprintf(parent, sizeof(parent), "cells/%s/memory", cell);
	add_node(parent, name);
	snprintf(path, sizeof(path), "%s/%s", parent, name);
	set_cells(path, "reg", 4, (uint32_t)(base >> 32), (uint32_t)base,
		  (uint32_t)(size >> 32), (uint32_t)size);
	set_str(path, "access", access);
}

/* Moves cpu@3 and SPI 40 from the root to a new service cell "svc". */
static void add_service_cell(void)
{
	uint32_t c0 = phandle("cpus/cpu@0"), c1 = phandle("cpus/cpu@1"),
		 c2 = phandle("cpus/cpu@2"), c3 = phandle("cpus/cpu@3");

	set_cells("cells/root", "cpus", 3, c0, c1, c2);
	set_cells("cells/root", "spis", 6, 32, 1, 34, 6, 41, 215);
	add_node("cells", "svc");
	set_str("cells/svc", "type", "service");
	set_cells("cells/svc", "cpus", 1, c3);
	set_cells("cells/svc", "spis", 2, 40, 1);
	add_node("cells/svc", "memory");
	set_cells("cells/svc/memory", "#address-cells", 1, 2);
	set_cells("cells/svc/memory", "#size-cells", 1, 2);
	add_region("svc", "ram@74000000", 0x74000000, 0x200000, "rwx");
	set_cells("cells/svc/memory/ram@74000000", "ipa", 2, 0, 0);
}

/* The service cell with an image (load 0, entry 0 in its 2 MiB RAM) */
static void add_service_image(void)
{
	add_service_cell();
	set_str("cells/svc", "image", "svc.elf");
}

/* --- checks ------------------------------------------------------------ */

/* Parses and builds @blob; returns "" on success or the error text. */
static const char *load(const void *blob, size_t size)
{
	memset(&err, 0, sizeof(err));
	if (bh_manifest_parse(blob, size, &m, &err))
		return err.msg;
	if (bh_manifest_build(&m, bd_buf, sizeof(bd_buf), &bd_len, &err))
		return err.msg;
	/* success: the description must pass the kernel's validator too */
	assert_int_equal(bh_bootdesc_validate(bd_buf, bd_len, NULL), 0);
	return "";
}

static int reset(void **state)
{
	(void)state;
	assert_int_equal(fdt_open_into(good, work, WORK_SIZE), 0);
	return 0;
}

static void test_good(void **state)
{
	const struct bh_bootdesc *bd = (const void *)bd_buf;
	const struct bh_bd_mem *mem;
	const struct bh_bd_cpu *cpus;
	const struct bh_bd_irq *irqs;
	unsigned int i;

	(void)state;
	assert_string_equal(load(good, good_size), "");
	assert_int_equal(m.hv_base, 0x70000000);
	assert_int_equal(m.hv_size, 64 << 20);
	assert_int_equal(m.console.type, BH_CONSOLE_PL011);
	assert_int_equal(m.console.base, 0x09000000);
	assert_string_equal(m.console_path, "hypervisor/console@9000000");
	assert_int_equal(m.gic.gicd_base, 0x08000000);
	assert_int_equal(m.gic.gicr_base, 0x080a0000);
	assert_int_equal(m.gic.gicr_size, 4 * 0x20000);
	assert_int_equal(m.gic.maint_irq, 25);
	assert_int_equal(m.num_cells, 1);
	assert_string_equal(m.cells[0].name, "root");
	assert_int_equal(m.cells[0].flags, BH_CELL_ROOT);
	assert_int_equal(m.num_cpus, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(m.cpus[i].mpidr, i);
		assert_int_equal(m.cpus[i].cell, 0);
	}
	assert_string_equal(m.cpus[2].path, "cpus/cpu@2");
	assert_int_equal(m.num_mem, 10);
	assert_string_equal(m.mem[0].path, "cells/root/memory/ram@40000000");
	assert_int_equal(m.mem[0].phys, 0x40000000);
	assert_int_equal(m.mem[0].size, 0x30000000);
	assert_int_equal(m.mem[0].flags,
			 BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXEC);
	assert_int_equal(m.mem[9].phys, 0x8000000000ULL);
	assert_int_equal(m.mem[9].size, 0x8000000000ULL);
	assert_int_equal(m.mem[9].flags,
			 BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	assert_int_equal(m.num_irqs, 2);
	assert_int_equal(m.irqs[1].first, 34);
	assert_int_equal(m.irqs[1].count, 222);

	/* the description mirrors the model */
	assert_memory_equal(bd->signature, BH_BOOTDESC_SIGNATURE, 8);
	assert_int_equal(bd->total_size, bd_len);
	assert_int_equal(bd_len, sizeof(*bd) + 1 * sizeof(struct bh_bd_cell) +
			 4 * sizeof(*cpus) + 10 * sizeof(*mem) +
			 2 * sizeof(*irqs));
	assert_int_equal(bd->stub_vectors, 0);
	assert_int_equal(bd->gic.version, 3);
	cpus = (const void *)(bd_buf + bd->cpus_off);
	mem = (const void *)(bd_buf + bd->mem_off);
	irqs = (const void *)(bd_buf + bd->irqs_off);
	assert_int_equal(cpus[3].mpidr, 3);
	assert_int_equal(mem[0].ipa, 0x40000000);
	assert_int_equal(mem[1].flags, BH_MEM_READ | BH_MEM_WRITE | BH_MEM_IO);
	assert_int_equal(irqs[0].first, 32);
	assert_int_equal(irqs[0].count, 1);
}

/* The deliberately bad manifests the system tests use. */
static void test_shipped_bad(void **state)
{
	static const struct {
		const char *file;
		const char *expect;
	} cases[] = {
		{ "missing-property.dtb", "hypervisor/memory: missing property" },
		{ "overlapping-memory.dtb",
		  "cells/root/memory/extra@60000000: overlaps cells/root/memory/ram@40000000" },
		{ "hv-in-root-ram.dtb",
		  "cells/root/memory/ram@40000000: overlaps hypervisor memory" },
		{ "not-a-dtb.dtb", "manifest: not a device tree blob" },
		/* valid: only the machine check (host.c) refuses it */
		{ "bad-cpu.dtb", "" },
	};
	size_t i, size;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *blob = dtb_read(dtb_path(cases[i].file), &size, 0);

		assert_string_equal(load(blob, size), cases[i].expect);
		free(blob);
	}
	assert_int_equal(m.cpus[3].mpidr, 0x100);
}

/* The shipped manifest: the root and the two service cells */
static void test_shipped_services(void **state)
{
	const struct bh_bootdesc *bd = (const void *)bd_buf;
	const struct bh_bd_service *svc;

	(void)state;
	assert_int_equal(bh_manifest_load(dtb_path("qemu-arm64.dtb"), &m,
					  bd_buf, &bd_len, &err), 0);
	assert_int_equal(m.num_cells, 3);
	assert_string_equal(m.cells[1].name, "mgmt");
	assert_string_equal(m.cells[2].name, "console");
	assert_int_equal(bd->num_services, 2);
	svc = (const void *)(bd_buf + bd->services_off);
	assert_string_equal(svc[0].image, "bulkhead-mgmt.elf");
	assert_int_equal(svc[0].cell, 1);
	assert_int_equal(svc[0].caps,
			 BH_SVC_CAP_HV_READ | BH_SVC_CAP_CELLS_READ);
	assert_int_equal(svc[0].flags, BH_SVC_F_ROOT_CHANNEL);
	assert_int_equal(svc[0].budget_us, 200000);
	assert_int_equal(svc[0].init_budget_us, 500000);
	assert_string_equal(svc[1].image, "bulkhead-console.elf");
	assert_int_equal(svc[1].caps, BH_SVC_CAP_ALL);
	assert_int_equal(svc[1].load_ipa, 0x40200000);
	assert_int_equal(svc[1].entry_off, 0x800);
}

static void test_load_file(void **state)
{
	(void)state;
	assert_int_equal(bh_manifest_load(dtb_path("qemu-arm64.dtb"), &m,
					  bd_buf, &bd_len, &err), 0);
	assert_int_equal(bh_manifest_load(dtb_path("not-a-dtb.dtb"), &m,
					  bd_buf, &bd_len, &err), -1);
	assert_non_null(strstr(err.msg, "not-a-dtb.dtb: not a device tree blob"));
	assert_int_equal(bh_manifest_load("/nonexistent/x.dtb", &m, bd_buf,
					  &bd_len, &err), -1);
	assert_string_equal(err.msg,
			    "/nonexistent/x.dtb: No such file or directory");
}

static void test_garbage(void **state)
{
	unsigned char junk[256];
	unsigned int seed = 1, i, j;
	size_t size;

	(void)state;
	assert_string_equal(load("\xd0\x0d", 2),
			    "manifest: not a device tree blob");
	/* a truncated blob is caught by fdt_check_full */
	assert_non_null(strstr(load(good, good_size - 16),
			       "manifest: malformed device tree blob"));
	/* random corruption never crashes or passes silently as garbage */
	for (i = 0; i < 2000; i++) {
		char *blob = dtb_read(dtb_path(i & 1 ? "qemu-arm64.dtb" :
					       "qemu-arm64-base.dtb"), &size, 0);

		for (j = 0; j < 4; j++) {
			seed = seed * 1103515245 + 12345;
			blob[(seed >> 8) % size] ^= (char)(1 << ((seed >> 4) & 7));
		}
		load(blob, size);
		free(blob);
	}
	memset(junk, 0xa5, sizeof(junk));
	assert_string_equal(load(junk, sizeof(junk)),
			    "manifest: not a device tree blob");
}

/* One mutation of the good manifest and the error it must produce. */
struct mcase {
	const char *name;
	void (*mutate)(void);
	const char *expect;
};

#define CASE(fn, body, msg) static void fn(void) { body; }
#include "cases.inc"
#undef CASE

static const struct mcase mcases[] = {
#define CASE(fn, body, msg) { #fn, fn, msg },
#include "cases.inc"
#undef CASE
};

static void test_case(void **state)
{
	const struct mcase *c = *state;

	c->mutate();
	assert_int_equal(fdt_pack(work), 0);
	assert_string_equal(load(work, fdt_totalsize(work)), c->expect);
}

/* Service cells go after the root whatever their place in the file. */
static void test_service_cell(void **state)
{
	const struct bh_bootdesc *bd = (const void *)bd_buf;
	const struct bh_bd_mem *mem;
	const struct bh_bd_cell *cells;

	(void)state;
	add_service_cell();
	/* fdt_add_subnode puts svc before root */
	assert_string_equal(fdt_get_name(work, fdt_first_subnode(work,
				node("cells")), NULL), "svc");
	assert_string_equal(load(work, fdt_totalsize(work)), "");
	assert_int_equal(m.num_cells, 2);
	assert_string_equal(m.cells[0].name, "root");
	assert_string_equal(m.cells[1].name, "svc");
	assert_int_equal(m.cells[1].flags, BH_CELL_SERVICE);
	assert_int_equal(m.cpus[3].cell, 1);
	assert_int_equal(m.num_mem, 11);
	assert_int_equal(m.mem[10].cell, 1);
	assert_int_equal(m.mem[10].ipa, 0);
	assert_int_equal(m.num_irqs, 4);
	assert_int_equal(m.irqs[3].first, 40);
	assert_int_equal(m.irqs[3].cell, 1);
	assert_int_equal(bh_manifest_cell_index(&m, "svc"), 1);
	assert_int_equal(bh_manifest_cell_index(&m, "nope"), -1);

	cells = (const void *)(bd_buf + bd->cells_off);
	mem = (const void *)(bd_buf + bd->mem_off);
	assert_int_equal(bd->num_cells, 2);
	assert_string_equal(cells[1].name, "svc");
	assert_int_equal(mem[10].cell, 1);
	assert_int_equal(mem[10].phys, 0x74000000);
}

int main(int argc, char **argv)
{
	struct CMUnitTest tests[6 + sizeof(mcases) / sizeof(mcases[0])];
	size_t n = 0, i;

	dtbs_init(argc, argv);
	good = dtb_read(dtb_path("qemu-arm64-base.dtb"), &good_size, 0);

	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_good);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_shipped_bad);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_shipped_services);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_load_file);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_garbage);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup(
		test_service_cell, reset);
	for (i = 0; i < sizeof(mcases) / sizeof(mcases[0]); i++)
		tests[n++] = (struct CMUnitTest){
			.name = mcases[i].name,
			.test_func = test_case,
			.setup_func = reset,
			.initial_state = (void *)&mcases[i],
		};
	return _cmocka_run_group_tests("manifest", tests, n, NULL, NULL);
}
