/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of bh_bootdesc_validate(): one case per check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/bootdesc_validate.h>

#define NCELLS	2
#define NCPUS	4
#define NMEM	4
#define NIRQS	3
#define NSVCS	1

/* A hand-written description: header, then each array, no padding. */
struct fixture {
	struct bh_bootdesc hdr;
	struct bh_bd_cell cells[NCELLS];
	struct bh_bd_cpu cpus[NCPUS];
	struct bh_bd_mem mem[NMEM];
	struct bh_bd_irq irqs[NIRQS];
	struct bh_bd_service svcs[NSVCS];
} __attribute__((packed, aligned(8)));

static struct fixture fx;

static void make_valid(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	memcpy(f->hdr.signature, BH_BOOTDESC_SIGNATURE, 8);
	f->hdr.version = BH_BOOTDESC_VERSION;
	f->hdr.total_size = sizeof(*f);
	f->hdr.hv_base = 0x70000000;
	f->hdr.hv_size = 0x4000000;
	f->hdr.stub_vectors = 0x40a0f800;
	f->hdr.console.base = 0x09000000;
	f->hdr.console.size = 0x1000;
	f->hdr.console.type = BH_CONSOLE_PL011;
	f->hdr.gic.gicd_base = 0x08000000;
	f->hdr.gic.gicd_size = 0x10000;
	f->hdr.gic.gicr_base = 0x080a0000;
	f->hdr.gic.gicr_size = 4 * 0x20000;
	f->hdr.gic.maint_irq = 25;
	f->hdr.gic.version = 3;
	f->hdr.num_cells = NCELLS;
	f->hdr.num_cpus = NCPUS;
	f->hdr.num_mem = NMEM;
	f->hdr.num_irqs = NIRQS;
	f->hdr.cells_off = offsetof(struct fixture, cells);
	f->hdr.cpus_off = offsetof(struct fixture, cpus);
	f->hdr.mem_off = offsetof(struct fixture, mem);
	f->hdr.irqs_off = offsetof(struct fixture, irqs);
	f->hdr.num_services = NSVCS;
	f->hdr.services_off = offsetof(struct fixture, svcs);

	strcpy(f->cells[0].name, "root");
	f->cells[0].flags = BH_CELL_ROOT;
	strcpy(f->cells[1].name, "svc-1");
	f->cells[1].flags = BH_CELL_SERVICE;

	f->cpus[0].mpidr = 0x0;
	f->cpus[1].mpidr = 0x1;
	f->cpus[2].mpidr = 0x100;
	f->cpus[3].mpidr = 0x100000000ULL;
	f->cpus[3].cell = 1;

	f->mem[0] = (struct bh_bd_mem){ 0x40000000, 0x40000000, 0x30000000, 0,
					BH_MEM_READ | BH_MEM_WRITE |
					BH_MEM_EXEC };
	f->mem[1] = (struct bh_bd_mem){ 0x0a000000, 0x0a000000, 0x4000, 0,
					BH_MEM_READ | BH_MEM_WRITE |
					BH_MEM_IO };
	/* a service cell sees its RAM at IPA 0, where the root has nothing */
	f->mem[2] = (struct bh_bd_mem){ 0x7c000000, 0x0, 0x200000, 1,
					BH_MEM_READ | BH_MEM_WRITE |
					BH_MEM_EXEC };
	f->mem[3] = (struct bh_bd_mem){ 0x7c200000, 0x200000, 0x1000, 1,
					BH_MEM_READ };

	f->irqs[0] = (struct bh_bd_irq){ 32, 64, 0, 0 };
	f->irqs[1] = (struct bh_bd_irq){ 96, 1, 1, 0 };
	f->irqs[2] = (struct bh_bd_irq){ 97, 1019 - 97 + 1, 0, 0 };

	strcpy(f->svcs[0].image, "bulkhead-echo.bin");
	f->svcs[0].load_ipa = 0x1000;
	f->svcs[0].image_size = 0x2000;
	f->svcs[0].entry_off = 0x100;
	f->svcs[0].cell = 1;
	f->svcs[0].budget_us = 1000;
	f->svcs[0].init_budget_us = 200000;
}

static int setup(void **state)
{
	(void)state;
	make_valid(&fx);
	return 0;
}

/* Validates fx; returns the formatted error, or "" if it was accepted. */
static const char *check(void)
{
	static char msg[128];
	struct bh_bd_error err;
	int ret;

	memset(&err, 0x5a, sizeof(err));
	ret = bh_bootdesc_validate(&fx, sizeof(fx), &err);
	bh_bd_error_format(&err, msg, sizeof(msg));
	if (ret == 0) {
		assert_null(err.field);
		assert_string_equal(msg, "");
	} else {
		assert_int_equal(ret, -22);
		assert_non_null(err.field);
	}
	return msg;
}

static void test_valid(void **state)
{
	(void)state;
	assert_string_equal(check(), "");
	/* NULL err is allowed */
	assert_int_equal(bh_bootdesc_validate(&fx, sizeof(fx), NULL), 0);
	/* a larger buffer than total_size is fine */
	fx.hdr.stub_vectors = 0;
	assert_string_equal(check(), "");
}

static void test_small_buffer(void **state)
{
	struct bh_bd_error err;

	(void)state;
	assert_int_equal(bh_bootdesc_validate(NULL, 4096, &err), -22);
	assert_string_equal(err.field, "total_size");
	assert_int_equal(bh_bootdesc_validate(&fx, sizeof(fx.hdr) - 1, &err),
			 -22);
	assert_string_equal(err.field, "total_size");
	/* the buffer holds the header but not the arrays */
	assert_int_equal(bh_bootdesc_validate(&fx, sizeof(fx) - 1, &err),
			 -22);
	assert_string_equal(err.reason, "larger than the buffer");
}

/* One mutation of the valid fixture and the error it must produce. */
struct bad_case {
	const char *name;
	void (*mutate)(struct fixture *f);
	const char *expect;
};

#define BAD(fn, body, msg) \
	static void fn(struct fixture *f) { body; }
#include "bad_cases.inc"
#undef BAD

static const struct bad_case bad_cases[] = {
#define BAD(fn, body, msg) { #fn, fn, msg },
#include "bad_cases.inc"
#undef BAD
};

static void test_bad(void **state)
{
	const struct bad_case *c = *state;

	make_valid(&fx);
	c->mutate(&fx);
	assert_string_equal(check(), c->expect);
}

static void test_format_truncates(void **state)
{
	struct bh_bd_error err = { "mem[].phys", 12, "overlaps mem[]", 3 };
	char small[8];
	char big[64];

	(void)state;
	assert_int_equal(bh_bd_error_format(&err, big, sizeof(big)),
			 strlen("mem[12].phys: overlaps mem[3]"));
	assert_string_equal(big, "mem[12].phys: overlaps mem[3]");
	assert_int_equal(bh_bd_error_format(&err, small, sizeof(small)), 7);
	assert_string_equal(small, "mem[12]");
	assert_int_equal(bh_bd_error_format(&err, small, 0), 0);
	err.index = -1;
	err.other = -1;
	bh_bd_error_format(&err, big, sizeof(big));
	assert_string_equal(big, "mem[].phys: overlaps mem[]");
}

/* Random bit flips must never crash it or be read outside the buffer. */
static void test_fuzz(void **state)
{
	unsigned int seed = 12345, i, accepted = 0;
	unsigned char buf[sizeof(struct fixture)];

	(void)state;
	for (i = 0; i < 200000; i++) {
		make_valid(&fx);
		memcpy(buf, &fx, sizeof(buf));
		for (int k = 0; k < 3; k++) {
			seed = seed * 1103515245 + 12345;
			buf[(seed >> 8) % sizeof(buf)] ^=
				(unsigned char)(1u << ((seed >> 4) & 7));
		}
		if (!bh_bootdesc_validate(buf, sizeof(buf), NULL))
			accepted++;
	}
	/* some flips hit don't-care bits (e.g. stub_vectors high bits) */
	assert_true(accepted > 0);
	assert_true(accepted < i);
}

int main(void)
{
	struct CMUnitTest tests[4 + sizeof(bad_cases) / sizeof(bad_cases[0])];
	size_t n = 0, i;

	tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup(test_valid,
							       setup);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup(
		test_small_buffer, setup);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_format_truncates);
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
		tests[n++] = (struct CMUnitTest){
			.name = bad_cases[i].name,
			.test_func = test_bad,
			.initial_state = (void *)&bad_cases[i],
		};
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_fuzz);
	return _cmocka_run_group_tests("bootdesc_validate", tests, n, NULL,
				       NULL);
}
