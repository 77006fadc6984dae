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
	bi->ram_size = svc->boot_ipa + SZ_4K - svc->ram->ipa;
	bi->cell_id = cell->id;
	bi->generation = svc->generation;
	for (i = 0; i < BH_SVC_NAME_LEN - 1 && cell->name[i]; i++)
		bi->name[i] = cell->name[i];
	r = &bi->regions[0];
	r->base = svc->ram->ipa + svc->ram->size - SERVICE_CONSOLE_SIZE;
	r->size = SERVICE_CONSOLE_SIZE;
	r->type = BH_SVC_REGION_CHANNEL;
	memcpy(r->name, "console", sizeof("console"));
	bi->console = 0;
	bi->nr_regions = 1;
	if (svc->root_phys) {
		r = &bi->regions[bi->nr_regions++];
		r->base = svc->root_ipa;
		r->size = SERVICE_ROOT_SIZE;
		r->type = BH_SVC_REGION_CHANNEL;
		r->flags = BH_SVC_CHAN_END_A;
		r->peer = root_cell->id;
		memcpy(r->name, "root", sizeof("root"));
	}
	if (svc->log_phys) {
		r = &bi->regions[bi->nr_regions++];
		r->base = SERVICE_LOG_IPA;
		r->size = svc->log_size;
		r->type = BH_SVC_REGION_LOG;
		r->flags = BH_SVC_REGION_RO;
		memcpy(r->name, "log", sizeof("log"));
	}
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
	if (svc->started || svc->initing)
		svc->generation++;
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
	u64 top;

	if (!cell || !bd->image_size) {
		pr_err("service %u: image %s not loaded\n", bd->cell, bd->image);
		return -EINVAL;
	}
	m = cell_mem_find(cell, bd->load_ipa, bd->image_size,
			  BH_MEM_READ | BH_MEM_EXEC);
	if (!m || (m->flags & BH_MEM_IO) || !(m->flags & BH_MEM_WRITE))
		return -EINVAL;
	/* The image must leave room for the boot-info page and channels */
	top = SERVICE_CONSOLE_SIZE + SZ_4K;
	if (bd->flags & BH_SVC_F_ROOT_CHANNEL)
		top += SERVICE_ROOT_SIZE;
	if (m->size < top + SZ_4K ||
	    bd->load_ipa + bd->image_size > m->ipa + m->size - top) {
		pr_err("service %u: image %s leaves no room for the boot-info "
		       "page and channels (%llu bytes at the top of its RAM)\n",
		       bd->cell, bd->image, (unsigned long long)top);
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
	svc->boot_ipa = m->ipa + m->size - top;
	svc->console_phys = ipa_to_phys(m, m->ipa + m->size -
					SERVICE_CONSOLE_SIZE);
	if (bd->flags & BH_SVC_F_ROOT_CHANNEL) {
		svc->root_ipa = svc->boot_ipa + SZ_4K;
		svc->root_phys = ipa_to_phys(m, svc->root_ipa);
	}
	if (bd->caps & BH_SVC_CAP_LOG)
		log_region(&svc->log_phys, &svc->log_size);
	svc->budget_ticks = (read_sysreg(cntfrq_el0) * bd->budget_us +
			     999999) / 1000000;
	svc->init_ticks = (read_sysreg(cntfrq_el0) * bd->init_budget_us +
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

int service_cell_map_extra(struct service *svc)
{
	int ret;

	if (svc->root_phys) {
		ret = arch_cell_map(root_cell, svc->root_phys, svc->root_phys,
				    SERVICE_ROOT_SIZE,
				    BH_MEM_READ | BH_MEM_WRITE);
		if (ret) {
			pr_err("service %s: cannot map its root channel at "
			       "0x%llx into the root cell (%d)\n",
			       svc->cell->name,
			       (unsigned long long)svc->root_phys, ret);
			return ret;
		}
	}
	if (svc->log_phys) {
		if (cell_mem_find(svc->cell, SERVICE_LOG_IPA, 1, 0) ||
		    cell_mem_find(svc->cell, SERVICE_LOG_IPA + svc->log_size - 1,
				  1, 0)) {
			pr_err("service %s: memory at IPA 0x%lx is where the log "
			       "ring goes\n", svc->cell->name, SERVICE_LOG_IPA);
			return -EINVAL;
		}
		ret = arch_cell_map(svc->cell, SERVICE_LOG_IPA, svc->log_phys,
				    svc->log_size, BH_MEM_READ);
		if (ret)
			return ret;
	}
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
		if (!ret)
			ret = service_cell_map_extra(&services[i]);
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

/* The service's registers for a message: x0..x8 (docs/services.md) */
static void service_deliver(struct per_cpu *cpu, struct service *svc,
			    const struct service_pending *msg)
{
	struct arch_regs *r = &cpu->regs;
	unsigned int i;

	r->x[0] = BH_E_OK;
	r->x[1] = bh_msginfo(msg->label, msg->len);
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		r->x[2 + i] = i < msg->len ? msg->mr[i] : 0;
	r->x[BH_SVC_REG_BADGE] = msg->badge;
	r->x[BH_SVC_REG_BADGE + 1] = svc->boot_ipa;
	r->x[BH_SVC_REG_RIGHTS] = msg->rights;
}

/*
 * Run @msg in @svc on @cpu: at once, or after the start-up if the service
 * has not started since its last (re)start. The caller owns @svc.
 */
static void service_run(struct per_cpu *cpu, struct service *svc,
			const struct service_pending *msg)
{
	svc->calls++;
	svc->caller = cpu->cell;
	if (!svc->started) {
		/* Start-up first; the message waits for its first wait */
		svc->pending = *msg;
		svc->pending.valid = true;
		service_start(cpu, svc);
		return;
	}
	arch_service_enter(cpu, svc, svc->budget_ticks);
	cpu->svc = svc;
	service_deliver(cpu, svc, msg);
}

static bool service_claim(struct per_cpu *cpu, struct service *svc)
{
	u32 idle = SERVICE_IDLE;

	return __atomic_compare_exchange_n(&svc->owner, &idle, cpu->index,
					   false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

int service_call(struct per_cpu *cpu, struct service *svc, u64 badge,
		 u64 rights, unsigned int len, const u64 *mr,
		 struct bh_reply *out)
{
	struct service_pending msg = {
		.label = BH_LABEL_EP_CALL,
		.badge = badge,
		.rights = rights,
		.len = len,
	};
	unsigned int i;

	/* No nesting: a service calls no other service */
	if (cpu->svc)
		return BH_E_ILLEGAL_OP;
	if (!service_claim(cpu, svc))
		return BH_E_BUSY;
	for (i = 0; i < len && i < BH_MSG_MAX_MRS; i++)
		msg.mr[i] = mr[i];
	svc->kind = SERVICE_CALL_EP;
	service_run(cpu, svc, &msg);
	/* The invoke path writes x0..x5 of the service's frame from these */
	out->info = cpu->regs.x[1];
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		out->mr[i] = cpu->regs.x[2 + i];
	return BH_E_OK;
}

enum trap_result service_emulate(struct per_cpu *cpu, u64 ipa,
				 const struct mmio_access *acc)
{
	struct cell *cell = cpu->cell;
	u32 n = __atomic_load_n(&cell->num_emul, __ATOMIC_ACQUIRE);
	struct service_pending msg = {
		.label = BH_LABEL_EP_MMIO,
		.len = 4,
	};
	struct service *svc = NULL;
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct emul_range *r = &cell->emul[i];

		if (ipa >= r->start && ipa - r->start <= r->size - acc->size) {
			svc = r->svc;
			break;
		}
	}
	if (!svc)
		return TRAP_UNHANDLED;
	if (cpu->svc || !service_claim(cpu, svc))
		return TRAP_RETRY;
	msg.mr[0] = cell->id;
	msg.mr[1] = ipa;
	msg.mr[2] = acc->size | (acc->is_write ? BH_MMIO_WRITE : 0);
	msg.mr[3] = acc->is_write ? acc->value : 0;
	svc->kind = SERVICE_CALL_MMIO;
	service_run(cpu, svc, &msg);
	return TRAP_DELEGATED;
}

int service_emulate_add(struct cell *cell, u64 start, u64 size,
			struct service *svc)
{
	unsigned int i;

	if (!size || (start | size) & (SZ_4K - 1) || start + size < start)
		return BH_E_INVALID_ARGUMENT;
	if (cell->svc == svc)
		return BH_E_ILLEGAL_OP;
	for (i = 0; i < cell->num_mem; i++) {
		const struct bh_bd_mem *m = cell->mem[i];

		if (start < m->ipa + m->size && m->ipa < start + size)
			return BH_E_INVALID_ARGUMENT;
	}
	for (i = 0; i < cell->num_mmio; i++) {
		const struct mmio_region *r = &cell->mmio[i];

		if (start < r->start + r->size && r->start < start + size)
			return BH_E_INVALID_ARGUMENT;
	}
	for (i = 0; i < cell->num_emul; i++) {
		const struct emul_range *r = &cell->emul[i];

		if (start < r->start + r->size && r->start < start + size)
			return BH_E_INVALID_ARGUMENT;
	}
	if (cell->num_emul == BH_CELL_MAX_EMULATED)
		return BH_E_RANGE;
	cell->emul[cell->num_emul] = (struct emul_range){ start, size, svc };
	/* The entry before the count: service_emulate() reads without lock */
	__atomic_store_n(&cell->num_emul, cell->num_emul + 1,
			 __ATOMIC_RELEASE);
	pr_info("cell %s: 0x%llx..0x%llx emulated by %s\n", cell->name,
		(unsigned long long)start,
		(unsigned long long)(start + size - 1), svc->cell->name);
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
	enum service_call_kind kind = svc->kind;
	unsigned int i;

	if (cpu->svc != svc)
		return BH_E_ILLEGAL_OP;
	service_console_drain(svc);
	if (svc->initing) {
		svc->initing = false;
		svc->started = true;
		svc->inits++;
		if (svc->pending.valid) {
			/* The waiting message, on the call budget from now */
			svc->pending.valid = false;
			arch_service_rearm(svc->budget_ticks);
			service_deliver(cpu, svc, &svc->pending);
			out->info = cpu->regs.x[1];
			for (i = 0; i < BH_MSG_MAX_MRS; i++)
				out->mr[i] = cpu->regs.x[2 + i];
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
	if (kind == SERVICE_CALL_MMIO) {
		arch_service_mmio_complete(cpu, svc, len ? mr[0] : 0);
		cpu->frame_done = true;
		return BH_E_OK;
	}
	out->info = bh_msginfo(0, len);
	for (i = 0; i < BH_MSG_MAX_MRS; i++)
		out->mr[i] = i < len ? mr[i] : 0;
	return BH_E_OK;
}

void service_abort(struct per_cpu *cpu, int err, const char *why)
{
	struct service *svc = cpu->svc;
	bool launch = svc->initing && !svc->pending.valid;
	enum service_call_kind kind = svc->kind;
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
	       svc->cell->name, cpu->index, svc->initing ? "start-up" :
	       kind == SERVICE_CALL_MMIO ? "access" : "call",
	       launch ? "launch" : svc->caller->name, why);
	arch_service_leave(cpu, svc, false);
	service_restore(svc);
	service_release(cpu, svc);
	if (launch)
		return;
	if (kind == SERVICE_CALL_MMIO) {
		/* The access reads as zero, a write is dropped */
		arch_service_mmio_complete(cpu, svc, 0);
		return;
	}
	cpu->regs.x[0] = err;
	for (i = 1; i <= BH_MSG_MAX_MRS + 1; i++)
		cpu->regs.x[i] = 0;
}

void services_launch_continue(struct per_cpu *cpu)
{
	while (launch_next < num_services) {
		struct service *svc = &services[launch_next++];

		if (svc->started || !service_claim(cpu, svc))
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
