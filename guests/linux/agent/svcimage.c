// SPDX-License-Identifier: GPL-2.0
/* Checks of a service cell's image file before the module loads it. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svcimage.h"

#define MAX_IMAGE	(64UL << 20)	/* larger than any service cell RAM */

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* The headers are read by copy: the buffer has no alignment promise */
static int check_segments(const unsigned char *buf, size_t len,
			  const Elf64_Ehdr *eh, uint64_t load, char *err,
			  size_t errlen)
{
	unsigned int i, nload = 0;
	Elf64_Phdr ph;

	if (eh->e_phentsize != sizeof(ph) || !eh->e_phnum ||
	    eh->e_phoff > len ||
	    (len - eh->e_phoff) / sizeof(ph) < eh->e_phnum)
		return fail(err, errlen, "program headers missing or beyond "
			    "the end of the file");
	for (i = 0; i < eh->e_phnum; i++) {
		memcpy(&ph, buf + eh->e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD)
			continue;
		nload++;
		if (ph.p_offset > len || len - ph.p_offset < ph.p_filesz)
			return fail(err, errlen, "segment %u (bytes %llu..%llu)"
				    " beyond the end of the file (%zu bytes): "
				    "truncated?", i,
				    (unsigned long long)ph.p_offset,
				    (unsigned long long)(ph.p_offset +
							 ph.p_filesz), len);
		if (ph.p_vaddr < load || ph.p_vaddr - load != ph.p_offset)
			return fail(err, errlen, "segment %u at 0x%llx is not "
				    "at load + its file offset (0x%llx): not a "
				    "flat image for load 0x%llx", i,
				    (unsigned long long)ph.p_vaddr,
				    (unsigned long long)(load + ph.p_offset),
				    (unsigned long long)load);
		if (ph.p_memsz < ph.p_filesz)
			return fail(err, errlen, "segment %u: memory size "
				    "below file size", i);
	}
	if (!nload)
		return fail(err, errlen, "no loadable segment");
	return 0;
}

int bh_svc_image_check_buf(const void *buf, size_t len, int raw,
			   uint64_t load, uint32_t entry_off, char *err,
			   size_t errlen)
{
	Elf64_Ehdr eh;

	if (!len)
		return fail(err, errlen, "empty file");
	if (raw)
		return entry_off < len ? 0 :
		       fail(err, errlen, "entry offset 0x%x beyond the image "
			    "(%zu bytes)", entry_off, len);
	if (len < sizeof(eh))
		return fail(err, errlen, "%zu bytes: too short for an ELF "
			    "header", len);
	memcpy(&eh, buf, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG))
		return fail(err, errlen, "not an ELF file (images other "
			    "than *.bin must be ELF)");
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_ident[EI_VERSION] != EV_CURRENT)
		return fail(err, errlen, "not a 64-bit little-endian ELF file");
	if (eh.e_machine != EM_AARCH64)
		return fail(err, errlen, "ELF machine %u, not AArch64 (%u)",
			    eh.e_machine, EM_AARCH64);
	if (eh.e_type != ET_EXEC)
		return fail(err, errlen, "ELF type %u, not an executable",
			    eh.e_type);
	if (eh.e_entry != load + entry_off)
		return fail(err, errlen, "ELF entry 0x%llx, but the manifest "
			    "says load 0x%llx + entry 0x%x",
			    (unsigned long long)eh.e_entry,
			    (unsigned long long)load, entry_off);
	return check_segments(buf, len, &eh, load, err, errlen);
}

int bh_svc_image_check(const char *dir, const char *name, uint64_t load,
		       uint32_t entry_off, char *err, size_t errlen)
{
	size_t nlen = strlen(name), len;
	char path[4096];
	void *buf;
	FILE *f;
	long n;
	int ret;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return fail(err, errlen, "%s: %s", path, strerror(errno));
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return fail(err, errlen, "%s: cannot read", path);
	}
	if ((unsigned long)n > MAX_IMAGE) {
		fclose(f);
		return fail(err, errlen, "%s: %ld bytes, more than %lu",
			    path, n, MAX_IMAGE);
	}
	len = (size_t)n;
	buf = malloc(len ? len : 1);
	if (!buf || fread(buf, 1, len, f) != len) {
		free(buf);
		fclose(f);
		return fail(err, errlen, "%s: cannot read", path);
	}
	fclose(f);
	ret = bh_svc_image_check_buf(buf, len,
				     nlen > 4 && !strcmp(name + nlen - 4, ".bin"),
				     load, entry_off, err, errlen);
	free(buf);
	if (ret) {
		char why[256];

		snprintf(why, sizeof(why), "%s", err);
		fail(err, errlen, "%s: %s", path, why);
	}
	return ret;
}
