/* SPDX-License-Identifier: GPL-2.0 */
/* Launch order, per-CPU bring-up, kernel events, parking and disable. */
#include <core/boot.h>
#include <core/caps.h>
#include <core/cell.h>
#include <core/control.h>
#include <core/lib.h>
#include <core/percpu.h>
#include <core/pool.h>
#include <core/printk.h>
#include <core/service.h>
#include <asm/barrier.h>
#include <asm/cache.h>
#include <asm/gic.h>
#include <asm/spinlock.h>

static spinlock_t control_lock;
static bool disabling;

static void banner(const struct bh_bootdesc *d)
{
	unsigned int i;

	pr_info("bulkhead %s: EL2 kernel, %u CPUs, %llu MiB hypervisor memory "
		"at 0x%llx (%lu KiB free), %u cells\n", BH_VERSION, num_cpus,
		(unsigned long long)(d->hv_size >> 20),
		(unsigned long long)d->hv_base, pool_free_pages() * 4,
		num_cells);
	for (i = 0; i < num_cells; i++) {
		struct cell *c = cell_by_id(i);
		u64 ram = 0;
		unsigned int m;

		for (m = 0; m < c->num_mem; m++)
			if (!(c->mem[m]->flags & BH_MEM_IO))
				ram += c->mem[m]->size;
		pr_info("cell %u \"%s\"%s: CPUs 0x%llx, %llu MiB RAM, %u "
			"regions\n", i, c->name,
			c->flags & BH_CELL_ROOT ? " (root)" :
			c->svc ? " (service)" : "",
			(unsigned long long)c->cpu_set,
			(unsigned long long)(ram >> 20), c->num_mem);
	}
}

int control_launch(const void *desc, u64 size)
{
	const struct bh_bootdesc *d = desc;
	unsigned int i;
	int ret;

	(void)size;
	disabling = false;
	ret = cells_init(d);
	if (ret)
		return ret;
	ret = services_init(d);
	if (ret)
		return ret;
	ret = gic_init(&d->gic);
	if (ret)
		return trace_error(ret);
	for (i = 0; i < num_cells; i++) {
		ret = gic_cell_init(cell_by_id(i));
		if (ret)
			return trace_error(ret);
		cell_by_id(i)->mmio_frozen = true;
	}
	ret = caps_init_root(root_cell);
	if (ret)
		return trace_error(ret);
	for (i = 0; i < num_cells; i++)
		if (cell_by_id(i)->svc)
			caps_init_service(cell_by_id(i),
					  cell_by_id(i)->svc->bd->caps);
	banner(d);
	return 0;
}

int control_cpu_init(struct per_cpu *cpu)
{
	int ret = arch_cpu_init(cpu);

	if (ret)
		return ret;
	cpu->state = CPU_RUNNING;
	pr_info("CPU %u (MPIDR 0x%llx) entered, cell %s\n", cpu->index,
		(unsigned long long)cpu->mpidr, cpu->cell->name);
	return 0;
}

void control_send_event(unsigned int target, u32 event)
{
	struct per_cpu *cpu = per_cpu(target);

	__atomic_fetch_or(&cpu->events, event, __ATOMIC_RELEASE);
	gic_send_event(target);
}

void core_handle_event(struct per_cpu *cpu)
{
	u32 ev = __atomic_exchange_n(&cpu->events, 0, __ATOMIC_ACQUIRE);

	if ((ev & EVENT_DISABLE) && cpu->state != CPU_RUNNING)
		arch_cpu_firmware_off(cpu);
	if ((ev & EVENT_STOP) && cpu->state == CPU_RUNNING)
		cpu->state = CPU_STOPPED;
	if ((ev & EVENT_WAKE) && cpu->state == CPU_ON_PENDING) {
		arch_cpu_reset_el1(cpu, cpu->arch.on_entry,
				   cpu->arch.on_context);
		cpu->state = CPU_RUNNING;
		pr_info("cell %s: CPU %u on at 0x%llx\n", cpu->cell->name,
			cpu->index, (unsigned long long)cpu->arch.on_entry);
	}
}

void control_park(struct per_cpu *cpu)
{
	if (cpu->state == CPU_STOPPED) {
		gic_cpu_reset(cpu);
		pr_info("CPU %u parked: cell %s stopped\n", cpu->index,
			cpu->cell->name);
	}
	while (READ_ONCE(cpu->state) != CPU_RUNNING) {
		if (READ_ONCE(disabling))
			arch_cpu_firmware_off(cpu);
		arch_cpu_park(cpu);
	}
}

/*
 * The first CPU to disable hands the parked ones to firmware and waits
 * until they are off, so that none still runs kernel code when the module
 * frees or reloads the image.
 */
int control_disable_cpu(struct per_cpu *cpu)
{
	unsigned int i;
	bool first;

	spin_lock(&control_lock);
	first = !disabling;
	disabling = true;
	spin_unlock(&control_lock);
	if (first) {
		boot_info.ready = 0;
		dcache_clean_range(&boot_info, sizeof(boot_info));
		for (i = 0; i < num_cpus; i++) {
			struct per_cpu *c = per_cpu(i);

			if (c != cpu && READ_ONCE(c->state) != CPU_RUNNING &&
			    READ_ONCE(c->state) != CPU_OFFLINE)
				control_send_event(i, EVENT_DISABLE);
		}
		for (i = 0; i < num_cpus; i++) {
			struct per_cpu *c = per_cpu(i);

			while (c != cpu && READ_ONCE(c->state) != CPU_RUNNING &&
			       READ_ONCE(c->state) != CPU_OFFLINE)
				wfe();
		}
	}
	pr_info("CPU %u leaves\n", cpu->index);
	arch_cpu_leave(cpu);
	return 0;
}
