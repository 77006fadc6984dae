/* SPDX-License-Identifier: GPL-2.0 */
/* PSCI 1.0 for a cell: its own CPUs only; CPU_OFF parks the CPU in EL2. */
#include <core/boot.h>
#include <core/cell.h>
#include <core/control.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <asm/cache.h>
#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/spinlock.h>

static spinlock_t psci_lock;

static s64 psci_cpu_on(struct per_cpu *cpu, u64 mpidr, u64 entry, u64 ctx)
{
	struct per_cpu *target = per_cpu_by_mpidr(mpidr);
	s64 ret = PSCI_SUCCESS;
	bool firmware = false;

	if (!target || target->cell != cpu->cell)
		return PSCI_INVALID_PARAMETERS;
	if (!cell_mem_find(cpu->cell, entry, 4, BH_MEM_EXEC) ||
	    (entry & 3))
		return PSCI_INVALID_ADDRESS;
	spin_lock(&psci_lock);
	switch (target->state) {
	case CPU_RUNNING:
		ret = PSCI_ALREADY_ON;
		break;
	case CPU_ON_PENDING:
		ret = PSCI_ON_PENDING;
		break;
	case CPU_PARKED:
		target->arch.on_entry = entry;
		target->arch.on_context = ctx;
		target->state = CPU_ON_PENDING;
		break;
	case CPU_OFFLINE:
		/* Offline at launch: start it through the firmware */
		target->arch.on_entry = entry;
		target->arch.on_context = ctx;
		target->state = CPU_ON_PENDING;
		dcache_clean_range(target, sizeof(*target));
		firmware = true;
		break;
	default:
		ret = PSCI_DENIED;
		break;
	}
	spin_unlock(&psci_lock);
	if (ret != PSCI_SUCCESS)
		return ret;
	if (!firmware) {
		control_send_event(target->index, EVENT_WAKE);
		return ret;
	}
	ret = (s64)smccc_call(PSCI_FN64(PSCI_0_2_FN_CPU_ON), target->mpidr,
			      boot_firmware_entry(), 0).a0;
	if (ret != PSCI_SUCCESS) {
		pr_err("cell %s: firmware refused CPU_ON of CPU %u: %lld\n",
		       cpu->cell->name, target->index, (long long)ret);
		target->state = CPU_OFFLINE;
	}
	return ret;
}

static s64 psci_affinity_info(struct per_cpu *cpu, u64 mpidr, u64 level)
{
	struct per_cpu *target = per_cpu_by_mpidr(mpidr);

	if (level != 0 || !target || target->cell != cpu->cell)
		return PSCI_INVALID_PARAMETERS;
	switch (READ_ONCE(target->state)) {
	case CPU_RUNNING:
		return PSCI_AFFINITY_ON;
	case CPU_ON_PENDING:
		return PSCI_AFFINITY_ON_PENDING;
	default:
		return PSCI_AFFINITY_OFF;
	}
}

static s64 psci_cpu_off(struct per_cpu *cpu)
{
	spin_lock(&psci_lock);
	cpu->state = CPU_PARKED;
	spin_unlock(&psci_lock);
	gic_cpu_reset(cpu);
	pr_info("cell %s: CPU %u off (parked)\n", cpu->cell->name, cpu->index);
	return PSCI_SUCCESS;
}

static s64 psci_features(u64 fid)
{
	switch (fid) {
	case PSCI_0_2_FN_VERSION:
	case PSCI_0_2_FN_CPU_SUSPEND:
	case PSCI_FN64(PSCI_0_2_FN_CPU_SUSPEND):
	case PSCI_0_2_FN_CPU_OFF:
	case PSCI_0_2_FN_CPU_ON:
	case PSCI_FN64(PSCI_0_2_FN_CPU_ON):
	case PSCI_0_2_FN_AFFINITY_INFO:
	case PSCI_FN64(PSCI_0_2_FN_AFFINITY_INFO):
	case PSCI_0_2_FN_MIGRATE_INFO_TYPE:
	case PSCI_0_2_FN_SYSTEM_OFF:
	case PSCI_0_2_FN_SYSTEM_RESET:
	case PSCI_1_0_FN_FEATURES:
		return PSCI_SUCCESS;
	case SMCCC_VERSION:
		/* SMCCC calls are forwarded: the firmware's answer holds */
		return (s64)smccc_call(PSCI_1_0_FN_FEATURES, fid, 0, 0).a0;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

bool psci_handle(struct per_cpu *cpu, u64 fid)
{
	struct arch_regs *r = &cpu->regs;
	bool is64 = fid & 0x40000000UL;
	u64 a1 = r->x[1], a2 = r->x[2], a3 = r->x[3];
	s64 ret;

	if (!is64) {
		a1 &= 0xffffffffUL;
		a2 &= 0xffffffffUL;
		a3 &= 0xffffffffUL;
	}
	switch (fid) {
	case PSCI_0_2_FN_VERSION:
		ret = PSCI_VERSION_1_0;
		break;
	case PSCI_0_2_FN_CPU_SUSPEND:
	case PSCI_FN64(PSCI_0_2_FN_CPU_SUSPEND):
		/* A standby state: the wake-up is the next interrupt */
		ret = PSCI_SUCCESS;
		break;
	case PSCI_0_2_FN_CPU_OFF:
		ret = psci_cpu_off(cpu);
		break;
	case PSCI_0_2_FN_CPU_ON:
	case PSCI_FN64(PSCI_0_2_FN_CPU_ON):
		ret = psci_cpu_on(cpu, a1, a2, a3);
		break;
	case PSCI_0_2_FN_AFFINITY_INFO:
	case PSCI_FN64(PSCI_0_2_FN_AFFINITY_INFO):
		ret = psci_affinity_info(cpu, a1, a2);
		break;
	case PSCI_0_2_FN_MIGRATE_INFO_TYPE:
		ret = PSCI_MIGRATE_NOT_NEEDED;
		break;
	case PSCI_0_2_FN_SYSTEM_OFF:
	case PSCI_0_2_FN_SYSTEM_RESET:
		if (!(cpu->cell->flags & BH_CELL_ROOT)) {
			ret = PSCI_DENIED;
			break;
		}
		pr_info("cell %s: system %s\n", cpu->cell->name,
			fid == PSCI_0_2_FN_SYSTEM_OFF ? "off" : "reset");
		ret = (s64)smccc_call(fid, 0, 0, 0).a0;
		break;
	case PSCI_1_0_FN_FEATURES:
		ret = psci_features(a1);
		break;
	default:
		ret = PSCI_NOT_SUPPORTED;
		break;
	}
	r->x[0] = (u64)ret;
	return true;
}
