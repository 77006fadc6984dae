/* SPDX-License-Identifier: GPL-2.0 */
/* Standalone platform: QEMU virt at EL1, no hypervisor, PL011 console. */
#include "internal.h"

/*
 * For running and debugging a service without bulkhead:
 *   qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a57 -m 256M
 *     -nographic -kernel service.elf
 * QEMU loads the ELF at its link address and enters it at EL1 (no EL2
 * without virtualization=on), so PSCI is QEMU's own, called with HVC.
 */

#define PL011_BASE	0x09000000UL
#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_CR	0x30
#define PL011_FR_TXFF	(1U << 5)
#define PL011_CR_EN	0x301U		/* UARTEN | TXE | RXE */
#define STANDALONE_RAM	(64ULL << 20)	/* from the image's start */

extern char __bh_rt_image_start[];

static const struct bh_rt_region regions[] = {
	{ .base = PL011_BASE, .size = 0x1000, .map = BH_RT_MAP_DEVICE },
};

static volatile uint32_t *reg(unsigned int off)
{
	return (volatile uint32_t *)(PL011_BASE + off);
}

static int pl011_init(void)
{
	if ((*reg(PL011_CR) & PL011_CR_EN) != PL011_CR_EN)
		*reg(PL011_CR) = PL011_CR_EN;
	return 0;
}

static void pl011_putc(char c)
{
	while (*reg(PL011_FR) & PL011_FR_TXFF)
		;
	*reg(PL011_DR) = (unsigned char)c;
}

static long pl011_write(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			pl011_putc('\r');
		pl011_putc(buf[i]);
	}
	return (long)len;
}

static void __attribute__((noreturn)) standalone_off(void)
{
	bh_rt_psci_off(0);
}

static struct bh_rt_platform plat = {
	.name = "standalone",
	.regions = regions,
	.nr_regions = sizeof(regions) / sizeof(regions[0]),
	.ram_size = STANDALONE_RAM,
	.console_init = pl011_init,
	.console_write = pl011_write,
	.poweroff = standalone_off,
};

const struct bh_rt_platform *bh_rt_platform_probe(const uint64_t regs[8])
{
	(void)regs;
	plat.ram_base = (uint64_t)(uintptr_t)__bh_rt_image_start;
	return &plat;
}
