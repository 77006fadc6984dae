// SPDX-License-Identifier: GPL-2.0
/* Finds and reads the built manifests named on the test's command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtbs.h"

static int nargs;
static char **args;

void dtbs_init(int argc, char **argv)
{
	nargs = argc - 1;
	args = argv + 1;
}

const char *dtb_path(const char *name)
{
	size_t n = strlen(name);
	int i;

	for (i = 0; i < nargs; i++) {
		size_t len = strlen(args[i]);

		if (len >= n && !strcmp(args[i] + len - n, name) &&
		    (len == n || args[i][len - n - 1] == '/'))
			return args[i];
	}
	fprintf(stderr, "%s was not given on the command line\n", name);
	exit(1);
}

void *dtb_read(const char *path, size_t *size, size_t extra)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		perror(path);
		exit(1);
	}
	buf = calloc(1, (size_t)n + extra + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}
