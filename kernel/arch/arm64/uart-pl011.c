/* SPDX-License-Identifier: GPL-2.0 */
/* PL011 UART, polled: the hypervisor's console. */
#include <core/printk.h>

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_RXFE	(1U << 4)
#define UART_FR_TXFF	(1U << 5)
#define UART_DR_ERRORS	0xf00U	/* overrun, break, parity, framing */

void arch_console_putc(void *base, char c)
{
	volatile u32 *regs = base;

	while (regs[UART_FR / 4] & UART_FR_TXFF)
		;
	regs[UART_DR / 4] = (u8)c;
}

int arch_console_getc(void *base)
{
	volatile u32 *regs = base;
	u32 dr;

	while (!(regs[UART_FR / 4] & UART_FR_RXFE)) {
		dr = regs[UART_DR / 4];
		/* A byte received with an error is dropped, not guessed at */
		if (!(dr & UART_DR_ERRORS))
			return dr & 0xff;
	}
	return -1;
}
