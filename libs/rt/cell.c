/* SPDX-License-Identifier: GPL-2.0 */
/* Cell platform: a service cell under bulkhead, console over a channel. */
#include "internal.h"

/*
 * Everything comes from the boot-info page (svcboot.h). The console is a
 * channel; the kernel offers no doorbell yet, so the reader polls. Exit
 * is PSCI SYSTEM_OFF through SMC, which bulkhead traps (HCR_EL2.TSC).
 */

#define BOOT_INFO_REG	7	/* x7: caps.h, "What a service finds" */

extern char __bh_rt_image_start[], __bh_rt_image_end[];

static struct bh_svc_boot boot;
static struct bh_rt_region regions[BH_SVC_MAX_REGIONS];

static int cell_console_init(void)
{
	const struct bh_svc_region *r;

	if (boot.console == BH_SVC_NO_CONSOLE)
		return 0;
	r = &boot.regions[boot.console];
	return bh_rt_chan_console_init((void *)(uintptr_t)r->base, r->size,
				       r->flags & BH_SVC_CHAN_END_A, NULL);
}

static long cell_console_write(const char *buf, size_t len)
{
	if (boot.console == BH_SVC_NO_CONSOLE)
		return (long)len;
	return bh_rt_chan_console_write(buf, len);
}

static void __attribute__((noreturn)) cell_off(void)
{
	bh_rt_psci_off(1);
}

static struct bh_rt_platform plat = {
	.console_init = cell_console_init,
	.console_write = cell_console_write,
	.poweroff = cell_off,
};

static unsigned int map_of(const struct bh_svc_region *r)
{
	if (r->type == BH_SVC_REGION_MMIO)
		return BH_RT_MAP_DEVICE;
	return r->flags & BH_SVC_REGION_RO ? BH_RT_MAP_NORMAL_RO :
					     BH_RT_MAP_NORMAL;
}

const struct bh_rt_platform *bh_rt_platform_probe(const uint64_t regs[8])
{
	uint64_t boot_arg = regs[BOOT_INFO_REG];
	uint64_t start = (uintptr_t)__bh_rt_image_start;
	uint64_t end = (uintptr_t)__bh_rt_image_end;
	const uint64_t *src = (const uint64_t *)(uintptr_t)boot_arg;
	uint64_t *dst = (uint64_t *)&boot;
	unsigned int i;

	/*
	 * Nothing can be printed yet: on bad boot information the cell just
	 * powers off. BSS is zeroed already, so a page inside the image is
	 * lost.
	 */
	if (!boot_arg || (boot_arg & (BH_RT_PAGE_SIZE - 1)) ||
	    (boot_arg < end && start < boot_arg + sizeof(boot)))
		cell_off();
	/* One copy; only the copy is checked and used */
	for (i = 0; i < sizeof(boot) / sizeof(*dst); i++)
		dst[i] = src[i];
	if (bh_svc_boot_validate(&boot, start, end))
		cell_off();

	for (i = 0; i < boot.nr_regions; i++) {
		regions[i].base = boot.regions[i].base;
		regions[i].size = boot.regions[i].size;
		regions[i].map = map_of(&boot.regions[i]);
	}
	plat.name = boot.name;
	plat.flags = boot.flags & BH_SVC_BOOT_TRACE ? BH_RT_TRACE : 0;
	plat.ram_base = boot.ram_base;
	plat.ram_size = boot.ram_size;
	plat.regions = regions;
	plat.nr_regions = boot.nr_regions;
	plat.boot = &boot;
	return &plat;
}
