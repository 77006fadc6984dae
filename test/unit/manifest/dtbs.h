/* SPDX-License-Identifier: GPL-2.0 */
/* The manifests meson built, handed to the tests on the command line. */
#ifndef BULKHEAD_TEST_DTBS_H
#define BULKHEAD_TEST_DTBS_H

#include <stddef.h>

/**
 * dtb_path() - path of a built manifest given on the command line
 * @name:	file name, e.g. "qemu-arm64.dtb"
 *
 * Fails the test (and the program) if it was not given.
 */
const char *dtb_path(const char *name);

/**
 * dtb_read() - read a whole file into a fresh malloc'ed buffer
 * @path:	the file
 * @size:	receives its size
 * @extra:	bytes of zeroed room to add after the file
 */
void *dtb_read(const char *path, size_t *size, size_t extra);

/**
 * dtbs_init() - remember argv[1..] for dtb_path()
 * @argc:	main's argc
 * @argv:	main's argv
 */
void dtbs_init(int argc, char **argv);

#endif /* BULKHEAD_TEST_DTBS_H */
