/* SPDX-License-Identifier: GPL-2.0 */
/* Host fixture for the capability core: a fake system and kernel stubs. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <core/pool.h>
#include <core/printk.h>
#include <core/service.h>
#include "fixture.h"

struct per_cpu fx_cpu[FX_CPUS];
struct cell fx_cell[FX_CELLS];
struct service fx_service;
const struct bh_bd_mem *fx_mem;
const struct bh_bd_irq *fx_irq;
struct bh_bootdesc *fx_bd;
unsigned int num_cpus;
unsigned int num_cells;
struct cell *root_cell;

int fx_disable_calls;
struct per_cpu *fx_disable_arg;
int fx_disable_ret;

unsigned int fx_locks_held;

char fx_log[16384];
int fx_svc_calls;
int fx_svc_replies;
int fx_svc_ret;
u64 fx_svc_badge;
unsigned int fx_svc_len;
struct service *fx_svc_arg;
unsigned int fx_log_lines;

static u64 bd_buf[512];

struct per_cpu *per_cpu(unsigned int index)
{
	return index < num_cpus ? &fx_cpu[index] : NULL;
}

struct cell *cell_by_id(unsigned int id)
{
	return id < num_cells ? &fx_cell[id] : NULL;
}

struct per_cpu *arch_this_cpu(void)
{
	return &fx_cpu[0];
}

const struct bh_bootdesc *bootdesc(void)
{
	return fx_bd;
}

int control_disable_cpu(struct per_cpu *cpu)
{
	/* Called outside the lock: it may wait for other CPUs */
	assert_int_equal(fx_locks_held, 0);
	fx_disable_calls++;
	fx_disable_arg = cpu;
	return fx_disable_ret;
}

void printk(const char *fmt, ...)
{
	size_t used = strlen(fx_log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fx_log + used, sizeof(fx_log) - used, fmt, ap);
	va_end(ap);
	fx_log_lines++;
}

void hv_panic(const char *fmt, ...)
{
	(void)fmt;
	fail_msg("hv_panic called");
	abort();
}

static void build_bootdesc(void)
{
	static const struct bh_bd_mem mems[FX_MEMS] = {
		{ 0x40000000, 0x40000000, 0x30000000, 0, 0x7 },
		{ 0x7c000000, 0x7c000000, 0x04000000, 1, 0x7 },
		{ 0x0a000000, 0x1a000000, 0x00004000, 0, 0xb },
	};
	static const struct bh_bd_irq irqs[FX_IRQS] = {
		{ 32, 32, 0, 0 }, { 64, 2, 1, 0 }, { 70, 10, 0, 0 },
	};
	u8 *base = (u8 *)bd_buf;
	u32 off = ALIGN_UP(sizeof(struct bh_bootdesc), 8);

	memset(bd_buf, 0, sizeof(bd_buf));
	fx_bd = (struct bh_bootdesc *)base;
	memcpy(fx_bd->signature, BH_BOOTDESC_SIGNATURE, 8);
	fx_bd->version = BH_BOOTDESC_VERSION;
	fx_bd->hv_base = 0x70000000;
	fx_bd->hv_size = FX_HV_SIZE;
	fx_bd->num_cells = FX_CELLS;
	fx_bd->num_cpus = FX_CPUS;
	fx_bd->num_mem = FX_MEMS;
	fx_bd->num_irqs = FX_IRQS;
	fx_bd->mem_off = off;
	memcpy(base + off, mems, sizeof(mems));
	fx_mem = (const struct bh_bd_mem *)(base + off);
	off += sizeof(mems);
	fx_bd->irqs_off = off;
	memcpy(base + off, irqs, sizeof(irqs));
	fx_irq = (const struct bh_bd_irq *)(base + off);
	off += sizeof(irqs);
	fx_bd->total_size = off;
}

int fx_setup(void **state)
{
	static const u64 mpidr[FX_CPUS] = { 0x0, 0x1, 0x2, 0x3 };
	unsigned int i;

	(void)state;
	build_bootdesc();
	memset(fx_cpu, 0, sizeof(fx_cpu));
	memset(fx_cell, 0, sizeof(fx_cell));
	num_cpus = FX_CPUS;
	num_cells = FX_CELLS;
	root_cell = &fx_cell[0];

	strcpy(fx_cell[0].name, "root");
	fx_cell[0].flags = BH_CELL_ROOT;
	fx_cell[0].cpu_set = FX_ROOT_CPUS;
	fx_cell[0].mem[0] = &fx_mem[0];
	fx_cell[0].mem[1] = &fx_mem[2];
	fx_cell[0].num_mem = 2;
	strcpy(fx_cell[1].name, "other");
	fx_cell[1].id = 1;
	fx_cell[1].flags = BH_CELL_SERVICE;
	fx_cell[1].cpu_set = 1UL << 2;
	fx_cell[1].state = CELL_FAILED;
	fx_cell[1].mem[0] = &fx_mem[1];
	fx_cell[1].num_mem = 1;
	memset(&fx_service, 0, sizeof(fx_service));
	fx_service.cell = &fx_cell[1];
	fx_cell[1].svc = &fx_service;

	for (i = 0; i < FX_CPUS; i++) {
		fx_cpu[i].index = i;
		fx_cpu[i].mpidr = mpidr[i] | 0x80000000UL;
		fx_cpu[i].cell = &fx_cell[i == 2 ? 1 : 0];
		fx_cpu[i].state = CPU_RUNNING;
	}
	fx_cpu[3].state = CPU_PARKED;

	fx_disable_calls = 0;
	fx_disable_arg = NULL;
	fx_disable_ret = 0;
	fx_svc_calls = 0;
	fx_svc_replies = 0;
	fx_svc_ret = 0;
	fx_svc_arg = NULL;
	fx_log[0] = '\0';
	fx_log_lines = 0;
	return caps_init_root(root_cell);
}

int fx_invoke_raw(struct per_cpu *cpu, u64 slot, u64 info, const u64 *mr,
		  struct bh_reply *out)
{
	struct bh_invocation in = { .slot = slot, .info = info };
	int err;

	memcpy(in.mr, mr, sizeof(in.mr));
	/* Garbage in the reply must not survive either outcome */
	memset(out, 0xa5, sizeof(*out));
	err = caps_invoke(cpu, &in, out);
	/* Every path, refusals included, releases the lock */
	assert_int_equal(fx_locks_held, 0);
	return err;
}

int fx_invoke(u64 slot, u32 label, unsigned int len, u64 mr0, u64 mr1,
	      u64 mr2, u64 mr3, struct bh_reply *out)
{
	const u64 mr[BH_MSG_MAX_MRS] = { mr0, mr1, mr2, mr3 };

	return fx_invoke_raw(&fx_cpu[0], slot, bh_msginfo(label, len), mr,
			     out);
}

int fx_mint(u64 src, u64 dst, u64 rights, u64 badge)
{
	struct bh_reply out;

	return fx_invoke(BH_SLOT_CNODE, BH_LABEL_CNODE_MINT, 4, src, dst,
			 rights, badge, &out);
}

struct cap *fx_slot(unsigned int i)
{
	return &fx_cell[0].cspace.slots[i];
}

/* The service switch is arch code: record what the endpoint labels pass */
int service_call(struct per_cpu *cpu, struct service *svc, u64 badge,
		 u64 rights, unsigned int len, const u64 *mr,
		 struct bh_reply *out)
{
	(void)cpu;
	assert_int_equal(fx_locks_held, 0);
	fx_svc_calls++;
	fx_svc_badge = badge;
	fx_svc_rights = rights;
	fx_svc_len = len;
	fx_svc_arg = svc;
	out->info = bh_msginfo(BH_LABEL_EP_CALL, len);
	memcpy(out->mr, mr, sizeof(out->mr));
	return fx_svc_ret;
}

u64 fx_svc_rights;
size_t fx_uart_written;
char fx_uart_bytes[32];
u64 fx_emul_start, fx_emul_size;

int service_reply(struct per_cpu *cpu, struct service *svc,
		  unsigned int len, const u64 *mr, struct bh_reply *out)
{
	(void)cpu;
	(void)mr;
	fx_svc_replies++;
	fx_svc_arg = svc;
	out->info = bh_msginfo(0, len);
	return fx_svc_ret;
}

/* The pool, the UART and the emulated ranges are outside the core */
unsigned long pool_total_pages(void)
{
	return 1024;
}

unsigned long pool_free_pages(void)
{
	return 1000;
}

size_t console_read(char *buf, size_t len)
{
	size_t n = len < 3 ? len : 3;

	memcpy(buf, "abc", n);
	return n;
}

void console_write_raw(const char *s, size_t n)
{
	fx_uart_written = n;
	memcpy(fx_uart_bytes, s, n < sizeof(fx_uart_bytes) ?
	       n : sizeof(fx_uart_bytes));
}

int service_emulate_add(struct cell *cell, u64 start, u64 size,
			struct service *svc)
{
	(void)cell;
	fx_emul_start = start;
	fx_emul_size = size;
	fx_svc_arg = svc;
	return BH_E_OK;
}
