/* SPDX-License-Identifier: GPL-2.0 */
/* The per-CPU array: one struct per_cpu per CPU of the boot description. */
#include <core/cell.h>
#include <core/paging.h>
#include <core/percpu.h>
#include <asm/sysreg.h>

unsigned int num_cpus;
static struct per_cpu *percpu;

struct per_cpu *per_cpu(unsigned int index)
{
	return index < num_cpus ? &percpu[index] : NULL;
}

struct per_cpu *per_cpu_by_mpidr(u64 mpidr)
{
	unsigned int i;

	for (i = 0; i < num_cpus; i++)
		if (percpu[i].mpidr == (mpidr & MPIDR_AFF_MASK))
			return &percpu[i];
	return NULL;
}

struct per_cpu *percpu_base(void)
{
	return percpu;
}

int percpu_init(const struct bh_bootdesc *desc)
{
	const struct bh_bd_cpu *cpus = (const void *)((const u8 *)desc +
						      desc->cpus_off);
	u64 bytes = (u64)desc->num_cpus * sizeof(struct per_cpu);
	unsigned int i;

	percpu = page_alloc(ALIGN_UP(bytes, 4096) / 4096);
	if (!percpu)
		return -ENOMEM;
	num_cpus = desc->num_cpus;
	for (i = 0; i < num_cpus; i++) {
		percpu[i].index = i;
		percpu[i].mpidr = cpus[i].mpidr;
		percpu[i].cell = cell_by_id(cpus[i].cell);
		percpu[i].state = CPU_OFFLINE;
	}
	return 0;
}
