/* SPDX-License-Identifier: GPL-2.0 */
/* PL011 UART, polled transmit only: the hypervisor's console. */
#include <core/printk.h>

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1U << 5)

void arch_console_putc(void *base, char c)
{
	volatile u32 *regs = base;

	while (regs[UART_FR / 4] & UART_FR_TXFF)
		;
	regs[UART_DR / 4] = (u8)c;
}
