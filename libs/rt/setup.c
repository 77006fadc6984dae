/* SPDX-License-Identifier: GPL-2.0 */
/* Start-up: memory map (MMU off), then console, heap and musl's stack. */
#include "internal.h"

/* From rt.lds: the image's parts, each page aligned */
extern char __bh_rt_image_start[], __bh_rt_text_end[], __bh_rt_rodata_end[];
extern char __bh_rt_image_end[], __bh_rt_stack_guard[];
/* The ELF header, loaded with the first segment (rt.lds) */
extern const char __ehdr_start[];

#define PT_PAGES	64
#define START_WORDS	(4 + 2 * 14)	/* argc, argv, envp, auxv */

_Static_assert(START_WORDS * 8 + 16 <= BH_RT_START_BLOCK,
	       "the start block holds the vectors and 16 random bytes");

uint64_t bh_rt_entry_x[8];	/* x0-x7 at entry, stored by start.S */
static uint64_t pt_pool[PT_PAGES][512] __attribute__((aligned(4096)));
static struct bh_rt_pt pt;
static struct bh_rt_mmu_regs mmu;
static const struct bh_rt_platform *plat;

static uint64_t sym(const char *s)
{
	return (uint64_t)(uintptr_t)s;
}

static int map_all(void)
{
	uint64_t ram_end = plat->ram_base + plat->ram_size;
	uint64_t text = sym(__bh_rt_text_end), ro = sym(__bh_rt_rodata_end);
	uint64_t start = sym(__bh_rt_image_start), end = sym(__bh_rt_image_end);
	uint64_t guard = sym(__bh_rt_stack_guard);
	const struct bh_rt_region *r;
	int ret;

	if (start < plat->ram_base || end > ram_end || end < start)
		return -LX_EINVAL;
	ret = bh_rt_pt_map(&pt, start, text - start, BH_RT_MAP_CODE);
	if (!ret && ro > text)
		ret = bh_rt_pt_map(&pt, text, ro - text, BH_RT_MAP_NORMAL_RO);
	/* everything writable but the stack's guard page */
	if (!ret)
		ret = bh_rt_pt_map(&pt, ro, guard - ro, BH_RT_MAP_NORMAL);
	if (!ret)
		ret = bh_rt_pt_map(&pt, guard + BH_RT_GUARD_SIZE,
				   end - guard - BH_RT_GUARD_SIZE,
				   BH_RT_MAP_NORMAL);
	if (!ret && start > plat->ram_base)
		ret = bh_rt_pt_map(&pt, plat->ram_base, start - plat->ram_base,
				   BH_RT_MAP_NORMAL);
	if (!ret && ram_end > end)
		ret = bh_rt_pt_map(&pt, end, ram_end - end, BH_RT_MAP_NORMAL);
	for (r = plat->regions; !ret && r < plat->regions + plat->nr_regions;
	     r++)
		ret = bh_rt_pt_map(&pt, r->base, r->size, r->map);
	return ret;
}

uint64_t bh_rt_entry_reg(unsigned int n)
{
	return n < 8 ? bh_rt_entry_x[n] : 0;
}

const struct bh_rt_mmu_regs *bh_rt_setup(void)
{
	uint64_t mmfr0;

	plat = bh_rt_platform_probe(bh_rt_entry_x);
	if (!plat)
		return NULL;
	bh_rt_pt_init(&pt, pt_pool, PT_PAGES);
	if (map_all())
		plat->poweroff();	/* silently: no console yet */
	asm volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
	bh_rt_mmu_regs(&pt, mmfr0, &mmu);
	return &mmu;
}

/* ELF header fields that locate the program headers (Elf64_Ehdr) */
static const void *phdrs(uint64_t *num, uint64_t *ent)
{
	uint64_t off = *(const uint64_t *)(__ehdr_start + 32);

	*ent = *(const uint16_t *)(__ehdr_start + 54);
	*num = *(const uint16_t *)(__ehdr_start + 56);
	return __ehdr_start + off;
}

/* AT_HWCAP as Linux reports it, from ID_AA64ISAR0_EL1 */
static uint64_t hwcaps(void)
{
	uint64_t isar0, caps = LX_HWCAP_FP | LX_HWCAP_ASIMD;

	asm volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	if ((isar0 >> 4 & 0xf) >= 1)
		caps |= LX_HWCAP_AES;
	if ((isar0 >> 4 & 0xf) >= 2)
		caps |= LX_HWCAP_PMULL;
	if ((isar0 >> 8 & 0xf) >= 1)
		caps |= LX_HWCAP_SHA1;
	if ((isar0 >> 12 & 0xf) >= 1)
		caps |= LX_HWCAP_SHA2;
	if ((isar0 >> 16 & 0xf) >= 1)
		caps |= LX_HWCAP_CRC32;
	if ((isar0 >> 20 & 0xf) >= 2)
		caps |= LX_HWCAP_ATOMICS;
	return caps;
}

/* Not secret, only varied: seeds musl's stack-protector canary */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void bh_rt_init(uint64_t *block)
{
	uint64_t heap = sym(__bh_rt_image_end);
	uint64_t ram_end = plat->ram_base + plat->ram_size;
	uint64_t *p = block, *rnd = block + BH_RT_START_BLOCK / 8 - 2;
	uint64_t phnum, phent;
	const void *ph = phdrs(&phnum, &phent);

	bh_rt_set_platform(plat);
	bh_rt_event_stream_on();
	if (plat->console_init && plat->console_init())
		plat->poweroff();
	bh_rt_syscalls_init(plat, heap, ram_end);
	if (bh_rt_trace_syscalls || (plat->flags & BH_RT_TRACE))
		bh_rt_log("%s: RAM 0x%llx-0x%llx, heap 0x%llx-0x%llx, "
			  "%u page-table pages", plat->name,
			  (unsigned long long)plat->ram_base,
			  (unsigned long long)ram_end,
			  (unsigned long long)heap,
			  (unsigned long long)ram_end, pt.used);

	rnd[0] = mix(bh_rt_counter());
	rnd[1] = mix(rnd[0] ^ (uintptr_t)block);

	/* The initial stack of a Linux process, as musl's _start reads it */
	*p++ = 1;				/* argc */
	*p++ = (uintptr_t)plat->name;		/* argv[0] */
	*p++ = 0;
	*p++ = 0;				/* envp: empty */
	*p++ = LX_AT_PHDR;	*p++ = (uintptr_t)ph;
	*p++ = LX_AT_PHENT;	*p++ = phent;
	*p++ = LX_AT_PHNUM;	*p++ = phnum;
	*p++ = LX_AT_PAGESZ;	*p++ = BH_RT_PAGE_SIZE;
	*p++ = LX_AT_HWCAP;	*p++ = hwcaps();
	*p++ = LX_AT_CLKTCK;	*p++ = 100;
	*p++ = LX_AT_UID;	*p++ = 0;
	*p++ = LX_AT_EUID;	*p++ = 0;
	*p++ = LX_AT_GID;	*p++ = 0;
	*p++ = LX_AT_EGID;	*p++ = 0;
	*p++ = LX_AT_SECURE;	*p++ = 0;
	*p++ = LX_AT_RANDOM;	*p++ = (uintptr_t)rnd;
	*p++ = LX_AT_EXECFN;	*p++ = (uintptr_t)plat->name;
	*p++ = LX_AT_NULL;	*p++ = 0;
}

void bh_rt_exit(int status)
{
	char line[24];
	int n = bh_rt_snprintf(line, sizeof(line), "exit %d\n", status);

	bh_rt_console_write(line, (size_t)n);
	if (plat)
		plat->poweroff();
	bh_rt_halt();
}
