/* SPDX-License-Identifier: GPL-2.0 */
/* Service cells: created at launch, called on the caller's CPU, restarted on failure. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/lib.h>
#include <core/paging.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <core/service.h>
#include <asm/sysreg.h>

static struct service services[BH_MAX_CELLS];

#define BD_ARRAY(d, off)	((const void *)((const u8 *)(d) + (off)))

/* Zero the cell's RAM, put the pristine image back, make it visible. */
static void service_restore(struct service *svc)
{
	const struct cell *cell = svc->cell;
	unsigned int i;

	for (i = 0; i < cell->num_mem; i++) {
		const struct bh_bd_mem *m = cell->mem[i];

		if (!(m->flags & BH_MEM_IO))
			memset((void *)(uintptr_t)m->phys, 0, m->size);
	}
	memcpy((void *)(uintptr_t)svc->load_phys, svc->pristine,
	       svc->bd->image_size);
	svc->started = false;
	arch_service_reset_memory(svc);
}

static int service_create(struct service *svc, const struct bh_bd_service *bd)
{
	struct cell *cell = cell_by_id(bd->cell);
	const struct bh_bd_mem *m;
	unsigned int i;

	if (!cell || !bd->image_size) {
		pr_err("service %u: image %s not loaded\n", bd->cell, bd->image);
		return -EINVAL;
	}
	m = cell_mem_find(cell, bd->load_ipa, bd->image_size,
			  BH_MEM_READ | BH_MEM_EXEC);
	if (!m || (m->flags & BH_MEM_IO))
		return -EINVAL;
	for (i = 0; i < cell->num_mem; i++)
		if (!(cell->mem[i]->flags & BH_MEM_IO) &&
		    !paging_map_memory(cell->mem[i]->phys, cell->mem[i]->size))
			return -ENOMEM;
	svc->pristine = page_alloc(ALIGN_UP(bd->image_size, SZ_4K) / SZ_4K);
	if (!svc->pristine)
		return -ENOMEM;
	svc->cell = cell;
	svc->bd = bd;
	svc->entry = bd->load_ipa + bd->entry_off;
	svc->load_phys = m->phys + (bd->load_ipa - m->ipa);
	svc->budget_ticks = (read_sysreg(cntfrq_el0) * bd->budget_us +
			     999999) / 1000000;
	svc->owner = SERVICE_IDLE;
	/* The loader's copy, cleaned to the PoC before the launch */
	memcpy(svc->pristine, (const void *)(uintptr_t)svc->load_phys,
	       bd->image_size);
	arch_service_init(svc);
	service_restore(svc);
	cell->svc = svc;
	return 0;
}

int services_init(const struct bh_bootdesc *desc)
{
	const struct bh_bd_service *bd = BD_ARRAY(desc, desc->services_off);
	unsigned int i;
	int ret;

	memset(services, 0, sizeof(services));
	for (i = 0; i < desc->num_services; i++) {
		ret = service_create(&services[i], &bd[i]);
		if (ret)
			return trace_error(ret);
		pr_info("service %s: image %s, %llu bytes at IPA 0x%llx, "
			"budget %u us\n", services[i].cell->name, bd[i].image,
			(unsigned long long)bd[i].image_size,
			(unsigned long long)bd[i].load_ipa, bd[i].budget_us);
	}
	return 0;
}

int service_call(struct per_cpu *cpu, struct service *svc, u64 badge,
		 unsigned int len, const u64 *mr, struct bh_reply *out)
{
	u32 idle = SERVICE_IDLE;
	unsigned int i;

	/* No nesting: a service calls no other service in this issue */
	if (cpu->svc)
		return BH_E_ILLEGAL_OP;
	if (!__atomic_compare_exchange_n(&svc->owner, &idle, cpu->index, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return BH_E_BUSY;
	svc->calls++;
	svc->caller = cpu->cell;
	arch_service_enter(cpu, svc);
	cpu->svc = svc;
	cpu->regs.x[BH_SVC_REG_BADGE] = badge;
	cpu->regs.x[BH_SVC_REG_BADGE + 1] = 0;
	out->info = bh_msginfo(BH_LABEL_EP_CALL, len);
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		out->mr[i] = i < len ? mr[i] : 0;
	return BH_E_OK;
}

static void service_release(struct per_cpu *cpu, struct service *svc)
{
	cpu->svc = NULL;
	svc->caller = NULL;
	__atomic_store_n(&svc->owner, SERVICE_IDLE, __ATOMIC_RELEASE);
}

int service_reply(struct per_cpu *cpu, struct service *svc,
		  unsigned int len, const u64 *mr, struct bh_reply *out)
{
	unsigned int i;

	if (cpu->svc != svc)
		return BH_E_ILLEGAL_OP;
	arch_service_leave(cpu, svc, true);
	svc->started = true;
	service_release(cpu, svc);
	out->info = bh_msginfo(0, len);
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		out->mr[i] = i < len ? mr[i] : 0;
	return BH_E_OK;
}

void service_abort(struct per_cpu *cpu, int err, const char *why)
{
	struct service *svc = cpu->svc;
	unsigned int i;

	if (err == BH_E_TIMEOUT)
		svc->overruns++;
	else
		svc->faults++;
	pr_err("service %s stopped (CPU %u, call from %s): %s; restarting\n",
	       svc->cell->name, cpu->index, svc->caller->name, why);
	arch_service_leave(cpu, svc, false);
	service_restore(svc);
	service_release(cpu, svc);
	cpu->regs.x[0] = err;
	for (i = 1; i <= BH_MSG_MAX_MRS + 1; i++)
		cpu->regs.x[i] = 0;
}
