// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the agent's service image checks (svcimage.c). */
#define _DEFAULT_SOURCE		/* mkdtemp */
#include <elf.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <setjmp.h>
#include <cmocka.h>

#include "svcimage.h"

#define LOAD	0x40200000ULL
#define ENTRY	0x800U
#define SIZE	0x3000U

static unsigned char img[SIZE];
static char err[256];

/* A flat image as rt.lds makes it: headers and text in one segment */
static void build(void)
{
	Elf64_Ehdr eh = {
		.e_type = ET_EXEC,
		.e_machine = EM_AARCH64,
		.e_version = EV_CURRENT,
		.e_entry = LOAD + ENTRY,
		.e_phoff = sizeof(Elf64_Ehdr),
		.e_ehsize = sizeof(Elf64_Ehdr),
		.e_phentsize = sizeof(Elf64_Phdr),
		.e_phnum = 2,
	};
	Elf64_Phdr ph[2] = {
		{ .p_type = PT_LOAD, .p_offset = 0, .p_vaddr = LOAD,
		  .p_filesz = 0x2000, .p_memsz = 0x2000 },
		{ .p_type = PT_LOAD, .p_offset = 0x2000,
		  .p_vaddr = LOAD + 0x2000, .p_filesz = 0x1000,
		  .p_memsz = 0x8000 },
	};

	memset(img, 0, sizeof(img));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	memcpy(img, &eh, sizeof(eh));
	memcpy(img + sizeof(eh), ph, sizeof(ph));
}

static Elf64_Ehdr *ehdr(void)
{
	return (Elf64_Ehdr *)img;
}

static Elf64_Phdr *phdr(unsigned int i)
{
	return (Elf64_Phdr *)(img + sizeof(Elf64_Ehdr)) + i;
}

static int check(size_t len)
{
	err[0] = '\0';
	return bh_svc_image_check_buf(img, len, 0, LOAD, ENTRY, err,
				      sizeof(err));
}

static void assert_refused(size_t len, const char *why)
{
	assert_int_equal(check(len), -1);
	if (!strstr(err, why))
		fail_msg("\"%s\" does not say \"%s\"", err, why);
	build();
}

static void test_good(void **state)
{
	(void)state;
	build();
	assert_int_equal(check(SIZE), 0);
}

static void test_bad(void **state)
{
	(void)state;
	build();
	assert_refused(0, "empty file");
	assert_refused(40, "too short");
	img[1] = 'X';
	assert_refused(SIZE, "not an ELF file");
	img[EI_CLASS] = ELFCLASS32;
	assert_refused(SIZE, "64-bit little-endian");
	ehdr()->e_machine = EM_X86_64;
	assert_refused(SIZE, "not AArch64");
	ehdr()->e_type = ET_DYN;
	assert_refused(SIZE, "not an executable");
	ehdr()->e_entry += 4;
	assert_refused(SIZE, "entry 0x800");
	ehdr()->e_phnum = 0;
	assert_refused(SIZE, "program headers");
	ehdr()->e_phoff = SIZE - 8;
	assert_refused(SIZE, "program headers");
	/* a file cut short inside its second segment */
	assert_refused(0x2800, "truncated");
	phdr(1)->p_vaddr += 0x1000;
	assert_refused(SIZE, "not a flat image");
	phdr(0)->p_vaddr = LOAD - 0x1000;
	assert_refused(SIZE, "not a flat image");
	phdr(1)->p_memsz = 0x10;
	assert_refused(SIZE, "below file size");
	phdr(0)->p_type = PT_NOTE;
	phdr(1)->p_type = PT_NOTE;
	assert_refused(SIZE, "no loadable segment");
}

static void test_raw(void **state)
{
	(void)state;
	memset(img, 0xaa, sizeof(img));
	assert_int_equal(bh_svc_image_check_buf(img, SIZE, 1, LOAD, ENTRY,
						err, sizeof(err)), 0);
	assert_int_equal(bh_svc_image_check_buf(img, ENTRY, 1, LOAD, ENTRY,
						err, sizeof(err)), -1);
	assert_non_null(strstr(err, "beyond the image"));
}

static void test_file(void **state)
{
	char dir[] = "/tmp/bh-svcimage-XXXXXX", path[64];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(bh_svc_image_check(dir, "missing.elf", LOAD, ENTRY,
					    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "missing.elf: No such file"));
	build();
	snprintf(path, sizeof(path), "%s/good.elf", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(img, 1, SIZE, f), SIZE);
	fclose(f);
	assert_int_equal(bh_svc_image_check(dir, "good.elf", LOAD, ENTRY,
					    err, sizeof(err)), 0);
	/* the file name comes first in the message */
	assert_int_equal(bh_svc_image_check(dir, "good.elf", LOAD + 0x1000,
					    ENTRY, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "good.elf: ELF entry"));
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_raw),
		cmocka_unit_test(test_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
