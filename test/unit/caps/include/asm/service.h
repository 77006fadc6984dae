/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for the arm64 <asm/service.h>: the capability core never looks inside. */
#ifndef ASM_SERVICE_H
#define ASM_SERVICE_H

struct arch_service {
	int unused;
};

#endif /* ASM_SERVICE_H */
