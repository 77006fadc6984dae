/* SPDX-License-Identifier: GPL-2.0 */
/* A model of the kernel's answers to the console service's invocations. */
#ifndef CONSOLE_FAKE_KERNEL_H
#define CONSOLE_FAKE_KERNEL_H

#include <stddef.h>
#include <stdint.h>
#include <bulkhead/stats.h>
#include "kernel.h"

#define FK_CELLS	16
#define FK_CPUS		8
#define FK_REGIONS	8
#define FK_SLOTS	64
#define FK_UART_BUF	65536

struct fk_cap {
	uint64_t type;
	uint64_t rights;
	uint64_t badge;
	uint64_t object;
};

struct fk_region {
	uint64_t phys;
	uint64_t size;
	uint64_t flags;
	uint64_t ipa;
};

struct fk_cell {
	int present;
	uint32_t id;
	uint32_t flags;
	uint32_t state;
	uint64_t cpus;
	char name[32];
	int service;
	uint64_t counters[4];	/* calls, faults, overruns, start-ups */
	unsigned int nr_regions;
	struct fk_region regions[FK_REGIONS];
	struct fk_cap slots[FK_SLOTS];
};

/*
 * What the model holds. hv, uart: whether slots 3 and 4 hold the HV and
 * UART capabilities; rx: bytes UART_READ returns, tx: what UART_WRITE
 * wrote; fail_label: invocations with this label fail with fail_err;
 * invokes: invocations made; refused: of which the kernel refused (and
 * would log), failures asked for with fail_label aside.
 */
struct fake_kernel {
	int hv;
	uint64_t cpus;
	uint64_t pool_pages, pool_free, hv_base, hv_size;
	uint64_t stats[FK_CPUS][BH_EXIT_NR];
	struct fk_cell cells[FK_CELLS];
	int uart;
	uint8_t rx[FK_UART_BUF];
	size_t rx_len, rx_off;
	char tx[FK_UART_BUF];
	size_t tx_len;
	unsigned int uart_writes;
	uint32_t fail_label;
	int fail_err;
	unsigned int invokes;
	unsigned int refused;
};

/* The bh_invoke() of the model; @ctx is a struct fake_kernel */
int fk_invoke(void *ctx, uint64_t slot, uint32_t label, unsigned int len,
	      const uint64_t *mr, uint64_t reply[4]);

/* A struct con_kernel that invokes @fk */
struct con_kernel fk_kernel(struct fake_kernel *fk);

/*
 * The standard machine: 2 CPUs; cell 0 "root" (root, CPUs 0-1, two RAM
 * regions and a device), cell 1 "console" and cell 2 "mgmt" (services),
 * each with a few capabilities; HV and UART present.
 */
void fk_setup(struct fake_kernel *fk);

/* Queue bytes the UART will return to UART_READ */
void fk_uart_type(struct fake_kernel *fk, const char *s, size_t n);

#endif /* CONSOLE_FAKE_KERNEL_H */
