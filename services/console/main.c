/* SPDX-License-Identifier: GPL-2.0 */
/* The console service: start-up and the receive loop. */
#include <stdint.h>
#include <stdio.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>
#include <bulkhead/rt.h>
#include "query.h"
#include "service.h"

#define KERNEL_BUF_SIZE		(64 * 1024)
#define CELL_BUF_SIZE		(8 * 1024)

/* Large: in BSS, never on the 64 KiB boot stack */
static uint8_t kernel_mem[KERNEL_BUF_SIZE];
static uint8_t cell_mem[CON_MAX_CELLS][CELL_BUF_SIZE];
static uint32_t cell_ids[CON_MAX_CELLS];
static struct con_buf cell_bufs[CON_MAX_CELLS];
static struct con_bufs bufs;
static struct con_log log_reader;
static struct con_tty tty;
static struct bh_rpc_server server;
static struct con_service svc;

static int cell_invoke(void *ctx, uint64_t slot, uint32_t label,
		       unsigned int len, const uint64_t *mr,
		       uint64_t reply[4])
{
	(void)ctx;
	return bh_invoke(slot, label, len, mr, reply);
}

/* The PL011 shell only with a UART capability in its slot */
static int have_uart(void)
{
	uint64_t r[4];

	return !bh_invoke(BH_SVC_SLOT_UART, BH_LABEL_CAP_IDENTIFY, 0, NULL,
			  r) && r[0] == BH_OBJ_UART;
}

static void setup(const struct bh_svc_boot *boot)
{
	const struct con_kernel k = { .invoke = cell_invoke };
	const struct bh_svc_region *root, *log;
	void *mem = NULL;
	uint64_t size = 0;
	int ret;

	con_bufs_init(&bufs, kernel_mem, sizeof(kernel_mem), cell_ids,
		      cell_bufs, cell_mem, CELL_BUF_SIZE, CON_MAX_CELLS);
	log = bh_rt_region(BH_SVC_REGION_LOG, "log");
	if (log)
		con_log_attach(&log_reader, (const void *)(uintptr_t)log->base,
			       log->size);
	else
		con_log_attach(&log_reader, NULL, 0);

	root = bh_rt_region(BH_SVC_REGION_CHANNEL, "root");
	if (root && root->flags & BH_SVC_CHAN_END_A) {
		mem = (void *)(uintptr_t)root->base;
		size = root->size;
	}
	/* On failure every doorbell is answered BH_SVC_CHAN_BROKEN */
	ret = bh_rpc_server_init(&server, mem, size, bh_rpc_chan_slots(size),
				 boot->generation, con_ops, con_nops, &svc);
	con_service_init(&svc, &k, &bufs, &log_reader,
			 have_uart() ? &tty : NULL, &server, boot->cell_id,
			 boot->name);
	if (!mem)
		printf("console: no root channel: nothing to serve\n");
	else if (ret)
		printf("console: root channel of %llu bytes unusable (%d)\n",
		       (unsigned long long)size, ret);
	printf("generation %llu, kernel log %s, shell on %s\n",
	       (unsigned long long)boot->generation,
	       log_reader.dead ? log_reader.why : "attached",
	       svc.tty ? "the PL011 and the root channel" :
			 "the root channel");
}

int main(void)
{
	const struct bh_svc_boot *boot = bh_rt_platform_get()->boot;
	struct bh_msg in, out;
	int ret;

	if (!boot) {
		fprintf(stderr, "console: runs only as a service cell\n");
		return 1;
	}
	setup(boot);

	ret = bh_service_wait(&in);
	while (!ret) {
		con_service_call(&svc, &in, &out);
		ret = bh_service_reply_wait(&out, &in);
	}
	fprintf(stderr, "console: reply refused (%d)\n", ret);
	return 1;
}
