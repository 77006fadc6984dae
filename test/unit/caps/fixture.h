/* SPDX-License-Identifier: GPL-2.0 */
/* Host fixture for the capability core: a fake system and kernel stubs. */
#ifndef CAPS_FIXTURE_H
#define CAPS_FIXTURE_H

#include <core/caps.h>
#include <core/cell.h>
#include <core/percpu.h>
#include <bulkhead/bootdesc.h>

/*
 * The fake system: 2 cells, 4 CPUs (0, 1 and 3 root, 2 other), memory
 * regions root RAM, other RAM, root device, and SPI ranges root 32..63,
 * other 64..65, root 70..79. The root's initial capabilities therefore
 * are: 4 cpu0, 5 cpu1, 6 cpu3, 7 mem[0], 8 mem[2], 9 irq[0], 10 irq[2].
 */
#define FX_CPUS		4
#define FX_CELLS	2
#define FX_MEMS		3
#define FX_IRQS		3
#define FX_ROOT_CPUS	0xbUL
#define FX_SLOT_CPU0	4
#define FX_SLOT_CPU1	5
#define FX_SLOT_CPU3	6
#define FX_SLOT_MEM0	7
#define FX_SLOT_MEM2	8
#define FX_SLOT_IRQ0	9
#define FX_SLOT_IRQ2	10
#define FX_SLOT_EP1	11	/* endpoint of cell 1, a service */
#define FX_SLOT_FREE	12	/* first empty slot */
#define FX_HV_SIZE	0x4000000UL

extern struct per_cpu fx_cpu[FX_CPUS];
extern struct service fx_service;
extern struct cell fx_cell[FX_CELLS];
extern const struct bh_bd_mem *fx_mem;
extern const struct bh_bd_irq *fx_irq;
extern struct bh_bootdesc *fx_bd;

/* control_disable_cpu() stub: calls, last argument, value to return */
extern int fx_disable_calls;
extern struct per_cpu *fx_disable_arg;
extern int fx_disable_ret;

/* printk() stub: everything printed, and the number of lines */
/* service_call()/service_reply() stand-ins: calls seen, what to return */
extern int fx_svc_calls;
extern int fx_svc_replies;
extern int fx_svc_ret;
extern u64 fx_svc_badge;
extern u64 fx_svc_rights;
extern size_t fx_uart_written;
extern char fx_uart_bytes[32];
extern u64 fx_emul_start, fx_emul_size;
extern unsigned int fx_svc_len;
extern struct service *fx_svc_arg;

extern char fx_log[16384];
extern unsigned int fx_log_lines;

/**
 * fx_setup() - build the fake system and give the root its capabilities
 *
 * Return: caps_init_root()'s result. cmocka setup functions call it.
 */
int fx_setup(void **state);

/**
 * fx_invoke() - invoke on root CPU 0 with a well-formed message info
 */
int fx_invoke(u64 slot, u32 label, unsigned int len, u64 mr0, u64 mr1,
	      u64 mr2, u64 mr3, struct bh_reply *out);

/**
 * fx_invoke_raw() - invoke on a given CPU with a raw message info
 */
int fx_invoke_raw(struct per_cpu *cpu, u64 slot, u64 info, const u64 *mr,
		  struct bh_reply *out);

/**
 * fx_mint() - CNODE_MINT through the root's CNode (slot 1), badge length 4
 */
int fx_mint(u64 src, u64 dst, u64 rights, u64 badge);

/** fx_slot() - the root's slot @i */
struct cap *fx_slot(unsigned int i);

#endif /* CAPS_FIXTURE_H */
