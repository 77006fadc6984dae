/* SPDX-License-Identifier: GPL-2.0 */
/* Launch on the first CPU (MMU off until the map is built) and on the others. */
#include <bulkhead/bootdesc_validate.h>
#include <bulkhead/image.h>
#include <core/boot.h>
#include <core/caps.h>
#include <core/control.h>
#include <core/lib.h>
#include <core/percpu.h>
#include <core/pool.h>
#include <core/printk.h>
#include <core/service.h>
#include <asm/barrier.h>
#include <asm/cache.h>
#include <asm/cpu.h>
#include <asm/mmu.h>
#include <asm/sysreg.h>

struct boot_info boot_info;
bool kernel_locks_on;

extern const struct bh_image_header bh_image_header;
extern struct arch_regs boot_frame;
static struct arch_el2_state boot_saved;
static u8 bootdesc_copy[BH_BOOTDESC_MAX_SIZE] __aligned(8);

const struct bh_bootdesc *bootdesc(void)
{
	return (const void *)bootdesc_copy;
}

static void save_el2_state(struct arch_el2_state *s, bool mmu_regs)
{
	s->hcr = read_sysreg(hcr_el2);
	s->vttbr = read_sysreg(vttbr_el2);
	s->vtcr = read_sysreg(vtcr_el2);
	s->cptr = read_sysreg(cptr_el2);
	s->mdcr = read_sysreg(mdcr_el2);
	s->hstr = read_sysreg(hstr_el2);
	s->cnthctl = read_sysreg(cnthctl_el2);
	if (!mmu_regs)
		return;
	s->sctlr = read_sysreg(sctlr_el2);
	s->tcr = read_sysreg(tcr_el2);
	s->ttbr0 = read_sysreg(ttbr0_el2);
	s->mair = read_sysreg(mair_el2);
	s->tpidr = read_sysreg(tpidr_el2);
}

static void __noreturn boot_fail(int err, u64 vbar)
{
	boot_info.ready = 0;
	boot_frame.x[0] = (u64)(s64)err;
	el2_leave(&boot_saved, &boot_frame, vbar, 0);
}

/* Runs with the MMU off: no locks, no console, aligned accesses only. */
static int boot_mmu_off(u64 desc_pa, u64 size, u64 *vbar)
{
	u64 base = (u64)(uintptr_t)&bh_image_header;
	u64 image_end = base + bh_image_header.memory_size;
	const struct bh_bootdesc *d = (const void *)bootdesc_copy;
	struct bh_bd_error err;
	u64 hv_end;
	int ret;

	if (desc_pa != ALIGN_UP(image_end, 4096) || size > sizeof(bootdesc_copy) ||
	    size < sizeof(*d))
		return -EINVAL;
	memcpy(bootdesc_copy, (const void *)(uintptr_t)desc_pa, size);
	if (d->stub_vectors && IS_ALIGNED(d->stub_vectors, 2048))
		*vbar = d->stub_vectors;
	ret = bh_bootdesc_validate(bootdesc_copy, size, &err);
	if (ret)
		return ret;
	hv_end = d->hv_base + d->hv_size;
	if (d->hv_base != base || hv_end < desc_pa + size + 64 * 4096)
		return -EINVAL;
	/* See launch_init in head.S: no stale line may shadow these writes */
	dcache_clean_inval_range((void *)(uintptr_t)image_end,
				 hv_end - image_end);
	pool_init(ALIGN_UP(desc_pa + size, 4096), hv_end);
	ret = percpu_init(d);
	if (ret)
		return ret;
	ret = mmu_setup(d);
	if (ret)
		return ret;
	dcache_clean_inval_range((void *)(uintptr_t)base,
				 pool_high_water() - base);
	return 0;
}

void boot_primary(u64 desc_pa, u64 size, u64 stub_sp)
{
	const struct bh_bootdesc *d = (const void *)bootdesc_copy;
	u64 vbar = read_sysreg(vbar_el2);
	struct per_cpu *cpu;
	int ret;

	save_el2_state(&boot_saved, true);
	boot_saved.sp = stub_sp;
	boot_frame.elr = read_sysreg(elr_el2);
	boot_frame.spsr = read_sysreg(spsr_el2);

	ret = boot_mmu_off(desc_pa, size, &vbar);
	if (ret)
		boot_fail(ret, vbar);
	mmu_enable_el2(mmu_config.mair, mmu_config.tcr, mmu_config.ttbr0,
		       mmu_config.sctlr);
	kernel_locks_on = true;
	write_sysreg(vbar_el2, (u64)(uintptr_t)el2_vectors);
	isb();
	if (d->console.type == BH_CONSOLE_PL011)
		console_init((void *)(uintptr_t)d->console.base);

	cpu = per_cpu_by_mpidr(read_sysreg(mpidr_el1));
	if (!cpu) {
		pr_err("launch: this CPU (MPIDR 0x%llx) is not in the boot "
		       "description\n", (unsigned long long)
		       (read_sysreg(mpidr_el1) & MPIDR_AFF_MASK));
		boot_fail(-ENODEV, vbar);
	}
	cpu->arch.saved = boot_saved;
	write_sysreg(tpidr_el2, (u64)(uintptr_t)cpu);

	ret = control_launch(bootdesc_copy, size);
	if (!ret)
		ret = control_cpu_init(cpu);
	if (ret) {
		pr_err("launch failed: %d\n", ret);
		boot_fail(ret, vbar);
	}

	boot_info = (struct boot_info){
		.ready = 1,
		.percpu_base = (u64)(uintptr_t)percpu_base(),
		.num_cpus = num_cpus,
		.mair = mmu_config.mair,
		.tcr = mmu_config.tcr,
		.ttbr0 = mmu_config.ttbr0,
		.sctlr = mmu_config.sctlr,
		.stub_vectors = d->stub_vectors,
	};
	/* Read by the other CPUs with their MMU off */
	dcache_clean_range(&boot_info, sizeof(boot_info));
	dcache_clean_range(percpu_base(), num_cpus * sizeof(struct per_cpu));

	cpu->regs = boot_frame;
	cpu->regs.x[0] = 0;
	/* The services start up first; the last one returns to the launcher */
	services_launch_start(cpu);
	guest_enter(&cpu->regs);
}

u64 boot_firmware_entry(void)
{
	extern char firmware_entry[];

	return (u64)(uintptr_t)firmware_entry;
}

void boot_firmware_cpu(struct per_cpu *cpu)
{
	struct arch_el2_state *s = &cpu->arch.saved;
	int ret;

	/*
	 * The EL2 state Linux's hyp stub gives every CPU it boots, taken
	 * from the first CPU (only SP and TPIDR_EL2 differ): disable then
	 * hands this CPU to EL1 exactly like the others.
	 */
	*s = boot_saved;
	s->sp = 0;
	s->tpidr = 0;
	write_sysreg(cnthctl_el2, s->cnthctl);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cptr_el2, s->cptr);
	write_sysreg(mdcr_el2, s->mdcr);
	write_sysreg(hstr_el2, s->hstr);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(S3_4_C12_C9_5, read_sysreg(S3_4_C12_C9_5) |
		     ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE);
	write_sysreg(vbar_el2, (u64)(uintptr_t)el2_vectors);
	isb();
	ret = control_cpu_init(cpu);
	if (ret) {
		pr_err("CPU %u: cannot take over (%d): back to firmware\n",
		       cpu->index, ret);
		arch_cpu_firmware_off(cpu);
	}
	arch_cpu_reset_el1(cpu, cpu->arch.on_entry, cpu->arch.on_context);
	guest_enter(&cpu->regs);
}

void boot_secondary(struct per_cpu *cpu)
{
	int ret;

	save_el2_state(&cpu->arch.saved, false);
	cpu->regs.elr = read_sysreg(elr_el2);
	cpu->regs.spsr = read_sysreg(spsr_el2);
	write_sysreg(vbar_el2, (u64)(uintptr_t)el2_vectors);
	isb();
	ret = control_cpu_init(cpu);
	if (ret) {
		pr_err("CPU %u: launch failed: %d\n", cpu->index, ret);
		cpu->regs.x[0] = (u64)(s64)ret;
		el2_leave(&cpu->arch.saved, &cpu->regs, boot_info.stub_vectors,
			  0);
	}
	cpu->regs.x[0] = 0;
	guest_enter(&cpu->regs);
}
