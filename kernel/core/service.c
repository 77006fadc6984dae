/* SPDX-License-Identifier: GPL-2.0 */
/* Service cells: created at launch, called on the caller's CPU, restarted on failure. */
#include <core/caps.h>
#include <core/cell.h>
#include <core/lib.h>
#include <core/paging.h>
#include <core/percpu.h>
#include <core/printk.h>
#include <core/service.h>
#include <bulkhead/svcboot.h>
#include <asm/sysreg.h>

static struct service services[BH_MAX_CELLS];
static unsigned int num_services;
/* Next service to start up at launch, or num_services when done */
static unsigned int launch_next;

#define BD_ARRAY(d, off)	((const void *)((const u8 *)(d) + (off)))

static u64 ipa_to_phys(const struct bh_bd_mem *m, u64 ipa)
{
	return m->phys + (ipa - m->ipa);
}

/*
 * The boot-info page (svcboot.h): the RAM region of the image without
 * the console channel at its top, the channel as region 0, every other
 * region of the cell after it. The page lies in RAM: the runtime copies
 * it before it uses any memory.
 */
static void service_boot_info(struct service *svc)
{
	const struct cell *cell = svc->cell;
	struct bh_svc_boot *bi;
	struct bh_svc_region *r;
	unsigned int i;

	bi = (struct bh_svc_boot *)(uintptr_t)ipa_to_phys(svc->ram,
							  svc->boot_ipa);
	memset(bi, 0, sizeof(*bi));
	bi->magic = BH_SVC_BOOT_MAGIC;
	bi->version = BH_SVC_BOOT_VERSION;
	bi->size = sizeof(*bi);
	bi->ram_base = svc->ram->ipa;
	bi->ram_size = svc->ram->size - SERVICE_CONSOLE_SIZE;
	bi->cell_id = cell->id;
	for (i = 0; i < BH_SVC_NAME_LEN - 1 && cell->name[i]; i++)
		bi->name[i] = cell->name[i];
	r = &bi->regions[0];
	r->base = svc->ram->ipa + bi->ram_size;
	r->size = SERVICE_CONSOLE_SIZE;
	r->type = BH_SVC_REGION_CHANNEL;
	memcpy(r->name, "console", sizeof("console"));
	bi->console = 0;
	bi->nr_regions = 1;
	for (i = 0; i < cell->num_mem &&
	     bi->nr_regions < BH_SVC_MAX_REGIONS; i++) {
		const struct bh_bd_mem *m = cell->mem[i];

		if (m == svc->ram)
			continue;
		r = &bi->regions[bi->nr_regions++];
		r->base = m->ipa;
		r->size = m->size;
		if (m->flags & BH_MEM_IO) {
			r->type = BH_SVC_REGION_MMIO;
			memcpy(r->name, "mmio", sizeof("mmio"));
		} else {
			r->type = BH_SVC_REGION_SHARED;
			memcpy(r->name, "memory", sizeof("memory"));
		}
		if (!(m->flags & BH_MEM_WRITE) && !(m->flags & BH_MEM_IO))
			r->flags = BH_SVC_REGION_RO;
	}
}

static void console_flush(struct service *svc)
{
	svc->line[svc->line_len] = '\0';
	pr_info("%s: %s\n", svc->cell->name, svc->line);
	svc->line_len = 0;
}

/*
 * Print what the service wrote to its console since we last looked, one
 * log line per line of output. The channel is the service's to break:
 * bh_chan_recv() checks everything, a broken channel is given up.
 */
static void service_console_drain(struct service *svc)
{
	char msg[BH_CHAN_MSG_MAX];
	int n, i;

	while (svc->console_ok) {
		n = bh_chan_recv(&svc->console, msg, sizeof(msg));
		if (n == -BH_CHAN_EAGAIN)
			return;
		if (n < 0) {
			pr_err("service %s: console channel broken (%d)\n",
			       svc->cell->name, n);
			svc->console_ok = false;
			return;
		}
		for (i = 0; i < n; i++) {
			char c = msg[i];

			if (c == '\n') {
				console_flush(svc);
				continue;
			}
			if (c < ' ' || c > '~')
				c = c == '\t' ? ' ' : '?';
			svc->line[svc->line_len++] = c;
			if (svc->line_len == SERVICE_LINE_MAX - 1)
				console_flush(svc);
		}
	}
}

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
	service_boot_info(svc);
	/* We are end A: the service attaches as B and writes ring 1 */
	svc->console_ok = !bh_chan_init(&svc->console,
					(void *)(uintptr_t)svc->console_phys,
					SERVICE_CONSOLE_SIZE,
					SERVICE_CONSOLE_SLOTS);
	svc->line_len = 0;
	svc->started = false;
	svc->initing = false;
	svc->pending.valid = false;
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
	if (!m || (m->flags & BH_MEM_IO) || !(m->flags & BH_MEM_WRITE))
		return -EINVAL;
	/* The image must leave room for the boot-info page and the console */
	if (m->size < SERVICE_CONSOLE_SIZE + 2 * SZ_4K ||
	    bd->load_ipa + bd->image_size >
	    m->ipa + m->size - SERVICE_CONSOLE_SIZE - SZ_4K) {
		pr_err("service %u: image %s leaves no room for the boot-info "
		       "page and console (%llu bytes at the top of its RAM)\n",
		       bd->cell, bd->image,
		       (unsigned long long)(SERVICE_CONSOLE_SIZE + SZ_4K));
		return -EINVAL;
	}
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
	svc->load_phys = ipa_to_phys(m, bd->load_ipa);
	svc->ram = m;
	svc->boot_ipa = m->ipa + m->size - SERVICE_CONSOLE_SIZE - SZ_4K;
	svc->console_phys = ipa_to_phys(m, svc->boot_ipa + SZ_4K);
	svc->budget_ticks = (read_sysreg(cntfrq_el0) * bd->budget_us +
			     999999) / 1000000;
	svc->init_ticks = read_sysreg(cntfrq_el0) * SERVICE_INIT_BUDGET_US /
			  1000000;
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
	num_services = 0;
	launch_next = 0;
	for (i = 0; i < desc->num_services; i++) {
		ret = service_create(&services[i], &bd[i]);
		if (ret)
			return trace_error(ret);
		pr_info("service %s: image %s, %llu bytes at IPA 0x%llx, "
			"budget %u us\n", services[i].cell->name, bd[i].image,
			(unsigned long long)bd[i].image_size,
			(unsigned long long)bd[i].load_ipa, bd[i].budget_us);
		num_services = i + 1;
	}
	return 0;
}

/* Enter @svc at its entry point for its start-up, with the init budget */
static void service_start(struct per_cpu *cpu, struct service *svc)
{
	svc->initing = true;
	arch_service_enter(cpu, svc, svc->init_ticks);
	cpu->svc = svc;
	/* x0..x6 as reset: no message; x7 the boot-info page */
	cpu->regs.x[BH_SVC_REG_BADGE + 1] = svc->boot_ipa;
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
	if (!svc->started) {
		/* Start-up first; the call waits for its first wait */
		svc->pending.valid = true;
		svc->pending.badge = badge;
		svc->pending.len = len;
		for (i = 0; i < BH_MSG_MAX_MRS; i++)
			svc->pending.mr[i] = i < len ? mr[i] : 0;
		service_start(cpu, svc);
		memset(out, 0, sizeof(*out));
		return BH_E_OK;
	}
	arch_service_enter(cpu, svc, svc->budget_ticks);
	cpu->svc = svc;
	cpu->regs.x[BH_SVC_REG_BADGE] = badge;
	cpu->regs.x[BH_SVC_REG_BADGE + 1] = svc->boot_ipa;
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
	service_console_drain(svc);
	if (svc->initing) {
		svc->initing = false;
		svc->started = true;
		svc->inits++;
		if (svc->pending.valid) {
			/* The waiting call, on the call budget from now */
			svc->pending.valid = false;
			arch_service_rearm(svc->budget_ticks);
			cpu->regs.x[BH_SVC_REG_BADGE] = svc->pending.badge;
			cpu->regs.x[BH_SVC_REG_BADGE + 1] = svc->boot_ipa;
			out->info = bh_msginfo(BH_LABEL_EP_CALL,
					       svc->pending.len);
			for (i = 0; i < BH_MSG_MAX_MRS; i++)
				out->mr[i] = svc->pending.mr[i];
			return BH_E_OK;
		}
		/* Start-up at launch: the launcher's registers come back */
		arch_service_leave(cpu, svc, true);
		service_release(cpu, svc);
		out->info = cpu->regs.x[1];
		for (i = 0; i < BH_MSG_MAX_MRS; i++)
			out->mr[i] = cpu->regs.x[2 + i];
		return (int)cpu->regs.x[0];
	}
	arch_service_leave(cpu, svc, true);
	service_release(cpu, svc);
	out->info = bh_msginfo(0, len);
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		out->mr[i] = i < len ? mr[i] : 0;
	return BH_E_OK;
}

void service_abort(struct per_cpu *cpu, int err, const char *why)
{
	struct service *svc = cpu->svc;
	bool launch = svc->initing && !svc->pending.valid;
	unsigned int i;

	if (err == BH_E_TIMEOUT)
		svc->overruns++;
	else
		svc->faults++;
	/* Its last words first: a fatal exception prints before the SMC */
	service_console_drain(svc);
	if (svc->line_len)
		console_flush(svc);
	pr_err("service %s stopped (CPU %u, %s from %s): %s; restarting\n",
	       svc->cell->name, cpu->index, svc->initing ? "start-up" : "call",
	       launch ? "launch" : svc->caller->name, why);
	arch_service_leave(cpu, svc, false);
	service_restore(svc);
	service_release(cpu, svc);
	if (launch)
		return;
	cpu->regs.x[0] = err;
	for (i = 1; i <= BH_MSG_MAX_MRS + 1; i++)
		cpu->regs.x[i] = 0;
}

void services_launch_continue(struct per_cpu *cpu)
{
	while (launch_next < num_services) {
		struct service *svc = &services[launch_next++];
		u32 idle = SERVICE_IDLE;

		if (svc->started ||
		    !__atomic_compare_exchange_n(&svc->owner, &idle, cpu->index,
						 false, __ATOMIC_ACQUIRE,
						 __ATOMIC_RELAXED))
			continue;
		svc->caller = cpu->cell;
		service_start(cpu, svc);
		return;
	}
}

void services_launch_start(struct per_cpu *cpu)
{
	launch_next = 0;
	services_launch_continue(cpu);
}
