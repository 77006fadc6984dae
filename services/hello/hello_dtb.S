/* SPDX-License-Identifier: GPL-2.0 */
/* hello's device tree, read-only and 8-byte aligned as libfdt wants it. */
	.section .rodata.hello_dtb, "a"
	.balign	8
#include "hello_dtb.h"
