// SPDX-License-Identifier: GPL-2.0
/* Unit tests of host.c against fake /proc, /sys and /dev trees. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "dtbs.h"
#include "host.h"
#include "manifest.h"

static char root[256];
static struct bh_manifest m;
static char bd[BH_BOOTDESC_MAX_SIZE];
static struct bh_mf_error err;

static void mkdirs(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

static void put(const char *rel, const void *data, size_t len)
{
	char path[512], dir[512], *slash;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", rel);
	slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdirs(dir);
	}
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void put_str(const char *rel, const char *s)
{
	put(rel, s, strlen(s));
}

/* cpuN with a 4-byte (or 8-byte) big-endian reg in its of_node. */
static void put_cpu(unsigned int n, uint64_t mpidr, int wide)
{
	unsigned char reg[8];
	char rel[96];
	int i, len = wide ? 8 : 4;

	for (i = 0; i < len; i++)
		reg[i] = (unsigned char)(mpidr >> (8 * (len - 1 - i)));
	snprintf(rel, sizeof(rel), "sys/devices/system/cpu/cpu%u/of_node/reg",
		 n);
	put(rel, reg, (size_t)len);
}

static void rm_rf(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The QEMU guest as Linux sees it with mem=768M and 4 CPUs online. */
static int setup(void **state)
{
	size_t len;
	unsigned int i;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/bh-host-test.XXXXXX");
	assert_non_null(mkdtemp(root));
	put_str("proc/iomem",
		"00000000-03ffffff : 0.flash flash@0\n"
		"09000000-09000fff : pl011@9000000\n"
		"40000000-6fffffff : System RAM\n"
		"  40210000-4145ffff : Kernel code\n"
		"  41460000-4175ffff : reserved\n"
		"4010000000-401fffffff : PCI ECAM\n");
	put_str("sys/devices/system/cpu/present", "0-3\n");
	put_str("sys/devices/system/cpu/online", "0-3\n");
	for (i = 0; i < 4; i++)
		put_cpu(i, i, 0);
	put_str("proc/kallsyms",
		"ffff800008000000 T _text\n"
		"ffff80000801f800 T __hyp_stub_vectors\n"
		"ffff800001234000 t helper\t[virtio_mmio]\n");
	put("proc/device-tree/intc@8000000/compatible", "arm,gic-v3", 11);
	put("proc/device-tree/pl011@9000000/compatible",
	    "arm,pl011\0arm,primecell", 24);
	mkdirs("dev");
	assert_int_equal(bh_manifest_load(dtb_path("qemu-arm64.dtb"), &m, bd,
					  &len, &err), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rm_rf(root);
	return 0;
}

static const char *check(void)
{
	memset(&err, 0, sizeof(err));
	return bh_host_check(root, &m, &err) ? err.msg : "";
}

static void test_good(void **state)
{
	struct bh_host_cpu cpus[8];
	struct bh_range ram[4];

	(void)state;
	assert_string_equal(check(), "");
	assert_int_equal(bh_host_system_ram(root, ram, 4), 1);
	assert_int_equal(ram[0].start, 0x40000000);
	assert_int_equal(ram[0].end, 0x6fffffff);
	assert_int_equal(bh_host_cpus(root, cpus, 8), 4);
	assert_int_equal(cpus[3].id, 3);
	assert_int_equal(cpus[3].mpidr, 3);
	assert_true(cpus[3].online && cpus[3].has_mpidr);
}

static void test_ram_without_mem_limit(void **state)
{
	(void)state;
	put_str("proc/iomem", "40000000-7fffffff : System RAM\n");
	assert_string_equal(check(),
			    "hypervisor/memory: overlaps Linux System RAM 0x40000000-0x7fffffff (boot Linux with a smaller mem=)");
}

static void test_ram_hidden(void **state)
{
	(void)state;
	put_str("proc/iomem", "00000000-00000000 : System RAM\n"
		"00000000-00000000 : reserved\n");
	assert_string_equal(check(),
			    "/proc/iomem: addresses are hidden (run as root)");
}

static void test_ram_outside_root(void **state)
{
	(void)state;
	put_str("proc/iomem", "40000000-5fffffff : System RAM\n"
		"60000000-6fffffff : System RAM\n"
		"74000000-74ffffff : System RAM\n");
	assert_string_equal(check(),
			    "cells/root: Linux System RAM 0x74000000-0x74ffffff is not all root cell memory (0x74000000 is missing)");
}

static void test_ram_across_regions(void **state)
{
	(void)state;
	/* split the root's RAM in two regions: still covered */
	m.mem[0].size = 0x10000000;
	m.mem[m.num_mem] = m.mem[0];
	m.mem[m.num_mem].phys = 0x50000000;
	m.mem[m.num_mem].size = 0x20000000;
	m.num_mem++;
	assert_string_equal(check(), "");
	/* a hole in the middle */
	m.mem[m.num_mem - 1].phys = 0x50001000;
	m.mem[m.num_mem - 1].size = 0x1ffff000;
	assert_string_equal(check(),
			    "cells/root: Linux System RAM 0x40000000-0x6fffffff is not all root cell memory (0x50000000 is missing)");
	/* device regions do not count as RAM */
	m.mem[m.num_mem - 1].phys = 0x50000000;
	m.mem[m.num_mem - 1].size = 0x20000000;
	m.mem[m.num_mem - 1].flags |= BH_MEM_IO;
	assert_string_equal(check(),
			    "cells/root: Linux System RAM 0x40000000-0x6fffffff is not all root cell memory (0x50000000 is missing)");
}

static void test_no_ram(void **state)
{
	(void)state;
	put_str("proc/iomem", "09000000-09000fff : pl011@9000000\n");
	assert_string_equal(check(), "/proc/iomem: no System RAM listed");
}

static void test_bad_cpu_manifest(void **state)
{
	size_t len;

	(void)state;
	assert_int_equal(bh_manifest_load(dtb_path("bad-cpu.dtb"), &m, bd,
					  &len, &err), 0);
	assert_string_equal(check(),
			    "cpus/cpu@100: no Linux CPU has MPIDR 0x100");
}

/* An offline root CPU joins when Linux brings it online: allowed */
static void test_cpu_offline(void **state)
{
	(void)state;
	put_str("sys/devices/system/cpu/online", "0-1,3\n");
	assert_string_equal(check(), "");
}

static void test_extra_linux_cpu(void **state)
{
	(void)state;
	put_str("sys/devices/system/cpu/present", "0-4\n");
	put_str("sys/devices/system/cpu/online", "0-4\n");
	put_cpu(4, 0x100, 1);
	assert_string_equal(check(),
			    "cells/root: Linux CPU 4 (MPIDR 0x100) is online but not a root cell CPU");
	/* offline, it does no harm */
	put_str("sys/devices/system/cpu/online", "0-3\n");
	assert_string_equal(check(), "");
}

static void test_cpu_without_of_node(void **state)
{
	char path[512];

	(void)state;
	snprintf(path, sizeof(path),
		 "%s/sys/devices/system/cpu/cpu1/of_node/reg", root);
	assert_int_equal(unlink(path), 0);
	assert_string_equal(check(), "cpus/cpu@1: no Linux CPU has MPIDR 0x1");
}

static void test_service_cpu(void **state)
{
	(void)state;
	/* pretend cpu@3 belongs to a service cell */
	m.cells[1] = m.cells[0];
	strcpy(m.cells[1].name, "svc");
	strcpy(m.cells[1].path, "cells/svc");
	m.cells[1].flags = BH_CELL_SERVICE;
	m.num_cells = 2;
	m.cpus[3].cell = 1;
	assert_string_equal(check(),
			    "cpus/cpu@3: Linux CPU 3 is online but belongs to cells/svc");
	put_str("sys/devices/system/cpu/online", "0-2\n");
	assert_string_equal(check(), "");
}

static void test_cpulist(void **state)
{
	struct bh_host_cpu cpus[8];

	(void)state;
	put_str("sys/devices/system/cpu/online", "0,2-3\n");
	assert_int_equal(bh_host_cpus(root, cpus, 8), 4);
	assert_true(cpus[0].online);
	assert_false(cpus[1].online);
	assert_true(cpus[2].online && cpus[3].online);
	put_str("sys/devices/system/cpu/online", "0,x\n");
	assert_int_equal(bh_host_cpus(root, cpus, 8), -22);
}

static void test_kallsyms(void **state)
{
	uint64_t a = 0;

	(void)state;
	assert_int_equal(bh_host_kallsyms(root, "__hyp_stub_vectors", &a), 0);
	assert_int_equal(a, 0xffff80000801f800ULL);
	assert_int_equal(bh_host_kallsyms(root, "helper", &a), 0);
	assert_int_equal(bh_host_kallsyms(root, "nope", &a), -2);
	put_str("proc/kallsyms", "0000000000000000 T __hyp_stub_vectors\n");
	assert_int_equal(bh_host_kallsyms(root, "__hyp_stub_vectors", &a), -1);
}

static void test_kvm_gic(void **state)
{
	char path[512];

	(void)state;
	assert_int_equal(bh_host_kvm(root), 0);
	put_str("dev/kvm", "");
	assert_int_equal(bh_host_kvm(root), 1);
	assert_int_equal(bh_host_gicv3(root), 1);
	snprintf(path, sizeof(path),
		 "%s/proc/device-tree/intc@8000000/compatible", root);
	unlink(path);
	assert_int_equal(bh_host_gicv3(root), 0);
	rm_rf(path);
	snprintf(path, sizeof(path), "%s/proc/device-tree", root);
	rm_rf(path);
	assert_true(bh_host_gicv3(root) < 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_good),
		T(test_ram_without_mem_limit),
		T(test_ram_hidden),
		T(test_ram_outside_root),
		T(test_ram_across_regions),
		T(test_no_ram),
		T(test_bad_cpu_manifest),
		T(test_cpu_offline),
		T(test_extra_linux_cpu),
		T(test_cpu_without_of_node),
		T(test_service_cpu),
		T(test_cpulist),
		T(test_kallsyms),
		T(test_kvm_gic),
#undef T
	};

	dtbs_init(argc, argv);
	return cmocka_run_group_tests_name("host", tests, NULL, NULL);
}
