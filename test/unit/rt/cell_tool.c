/* SPDX-License-Identifier: GPL-2.0 */
/* Host side of the cell-platform test: boot-info page out, console in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bulkhead/channel.h>
#include <bulkhead/svcboot.h>

/*
 * rt-cell-tool bootinfo OUT RAM_BASE RAM_SIZE CHAN_BASE CHAN_SIZE NAME
 *	writes a boot-info page with one console channel that the cell
 *	formats (end A)
 * rt-cell-tool console DUMP
 *	attaches to the channel in DUMP (a memory dump of the region) as
 *	end B and prints every message the cell sent
 */

static int bootinfo(const char *out, char **argv)
{
	struct bh_svc_boot bi;
	FILE *f;

	memset(&bi, 0, sizeof(bi));
	bi.magic = BH_SVC_BOOT_MAGIC;
	bi.version = BH_SVC_BOOT_VERSION;
	bi.size = sizeof(bi);
	bi.ram_base = strtoull(argv[0], NULL, 0);
	bi.ram_size = strtoull(argv[1], NULL, 0);
	bi.cell_id = 1;
	bi.nr_regions = 1;
	bi.console = 0;
	snprintf(bi.name, sizeof(bi.name), "%s", argv[4]);
	bi.regions[0].base = strtoull(argv[2], NULL, 0);
	bi.regions[0].size = strtoull(argv[3], NULL, 0);
	bi.regions[0].type = BH_SVC_REGION_CHANNEL;
	bi.regions[0].flags = BH_SVC_CHAN_END_A;
	snprintf(bi.regions[0].name, sizeof(bi.regions[0].name), "console");

	f = fopen(out, "wb");
	if (!f || fwrite(&bi, sizeof(bi), 1, f) != 1 || fclose(f)) {
		perror(out);
		return 1;
	}
	return 0;
}

static int console(const char *path)
{
	static char msg[BH_CHAN_MSG_MAX];
	struct bh_chan ch;
	unsigned int count = 0;
	void *mem;
	long size;
	FILE *f = fopen(path, "rb");
	int n;

	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		perror(path);
		return 1;
	}
	mem = aligned_alloc(BH_CHAN_PAGE_SIZE,
			    (size + BH_CHAN_PAGE_SIZE - 1) & -BH_CHAN_PAGE_SIZE);
	if (!mem || fread(mem, 1, size, f) != (size_t)size) {
		perror(path);
		return 1;
	}
	fclose(f);
	if (bh_chan_attach(&ch, mem, size)) {
		fprintf(stderr, "%s: not a valid channel\n", path);
		return 1;
	}
	while ((n = bh_chan_recv(&ch, msg, sizeof(msg))) >= 0) {
		fwrite(msg, 1, n, stdout);
		count++;
	}
	if (n != -BH_CHAN_EAGAIN) {
		fprintf(stderr, "%s: channel broken (%d)\n", path, n);
		return 1;
	}
	fprintf(stderr, "%u messages\n", count);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 8 && !strcmp(argv[1], "bootinfo"))
		return bootinfo(argv[2], argv + 3);
	if (argc == 3 && !strcmp(argv[1], "console"))
		return console(argv[2]);
	fprintf(stderr, "usage: %s bootinfo OUT RAM_BASE RAM_SIZE CHAN_BASE "
		"CHAN_SIZE NAME | console DUMP\n", argv[0]);
	return 2;
}
