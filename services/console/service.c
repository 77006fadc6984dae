/* SPDX-License-Identifier: GPL-2.0 */
/* The console service's calls: log drain, PL011 shell, RPC ops, UART. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bulkhead/caps.h>
#include "query.h"
#include "service.h"

void con_service_init(struct con_service *svc, const struct con_kernel *k,
		      struct con_bufs *bufs, struct con_log *log,
		      struct con_tty *tty, struct bh_rpc_server *rpc,
		      uint32_t cell_id, const char *name)
{
	memset(svc, 0, sizeof(*svc));
	svc->k = *k;
	svc->bufs = bufs;
	svc->log = log;
	svc->sh.k = &svc->k;
	svc->sh.klog = &bufs->kernel;
	svc->tty = tty;
	svc->rpc = rpc;
	svc->cell_id = cell_id;
	strncpy(svc->name, name, sizeof(svc->name) - 1);
	if (tty)
		con_tty_init(tty, &svc->sh);
}

static void note(struct con_service *svc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A line of our own in the kernel buffer, on a line of its own */
static void note(struct con_service *svc, const char *fmt, ...)
{
	struct con_buf *b = &svc->bufs->kernel;
	char line[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (b->head && b->data[(b->head - 1) & b->mask] != '\n')
		con_buf_write(b, "\n", 1);
	con_buf_write(b, line, n);
}

static void drain_log(struct con_service *svc)
{
	uint64_t lost = svc->log->lost, moved = 0;
	long n;

	while (moved < CON_DRAIN_MAX) {
		n = con_log_read(svc->log, svc->drain, sizeof(svc->drain));
		if (n == CON_LOG_CORRUPT) {
			note(svc, "console: kernel log unreadable (%s); "
			     "no longer read\n", svc->log->why);
			printf("console: kernel log unreadable (%s)\n",
			       svc->log->why);
			return;
		}
		if (svc->log->lost != lost) {
			note(svc, "console: %" PRIu64 " bytes of the kernel "
			     "log lost\n", svc->log->lost - lost);
			lost = svc->log->lost;
		}
		if (n <= 0)
			break;
		con_buf_write(&svc->bufs->kernel, svc->drain, n);
		moved += n;
	}
}

static void uart_read(struct con_service *svc)
{
	uint8_t bytes[BH_UART_MAX_BYTES];
	uint64_t r[4], n, i;
	unsigned int reads;

	for (reads = 0; reads < CON_UART_READS; reads++) {
		if (con_tty_rx_room(svc->tty) < BH_UART_MAX_BYTES)
			return;
		if (con_invoke(&svc->k, BH_SVC_SLOT_UART, BH_LABEL_UART_READ,
			       0, NULL, r))
			return;
		n = r[0] < BH_UART_MAX_BYTES ? r[0] : BH_UART_MAX_BYTES;
		if (!n)
			return;
		/* byte i in bits 8 * (i % 8) of mr1 + i / 8 */
		for (i = 0; i < n; i++)
			bytes[i] = r[1 + i / 8] >> (8 * (i % 8));
		con_tty_input(svc->tty, bytes, n);
	}
}

static void uart_write(struct con_service *svc)
{
	uint64_t mr[4], r[4];
	size_t left = CON_UART_WRITE_MAX, n, i;
	const char *p;

	while (left) {
		n = con_tty_output(svc->tty, &p);
		if (!n)
			return;
		if (n > BH_UART_MAX_BYTES)
			n = BH_UART_MAX_BYTES;
		if (n > left)
			n = left;
		memset(mr, 0, sizeof(mr));
		mr[0] = n;
		for (i = 0; i < n; i++)
			mr[1 + i / 8] |= (uint64_t)(uint8_t)p[i] <<
					 (8 * (i % 8));
		if (con_invoke(&svc->k, BH_SVC_SLOT_UART, BH_LABEL_UART_WRITE,
			       1 + (n + 7) / 8, mr, r))
			return;
		con_tty_consumed(svc->tty, n);
		left -= n;
	}
}

void con_service_tick(struct con_service *svc)
{
	drain_log(svc);
	if (!svc->tty)
		return;
	uart_read(svc);
	con_tty_process(svc->tty, 1);
	uart_write(svc);
}

uint64_t con_mmio(struct con_bufs *bufs, uint64_t cell, uint64_t ipa,
		  uint64_t how, uint64_t value)
{
	uint64_t off = ipa & 0xfff;
	uint8_t c = value;

	if (how & BH_MMIO_WRITE) {
		if (off == CON_UART_DR && cell <= UINT32_MAX)
			con_bufs_cell_write(bufs, cell, &c, 1);
		return 0;
	}
	return off == CON_UART_FR ? CON_UART_FR_EMPTY : 0;
}

void con_service_call(struct con_service *svc, const struct bh_msg *in,
		      struct bh_msg *out)
{
	uint32_t label = bh_msginfo_label(in->info);

	con_service_tick(svc);
	memset(out, 0, sizeof(*out));
	if (label == BH_LABEL_EP_MMIO) {
		out->info = bh_msginfo(0, 1);
		out->mr[0] = con_mmio(svc->bufs, in->mr[0], in->mr[1],
				      in->mr[2], in->mr[3]);
		return;
	}
	out->info = bh_msginfo(0, 2);
	if (label == BH_LABEL_EP_CALL) {
		bh_rpc_server_doorbell(svc->rpc, in->mr[0], in->rights,
				       in->badge, out->mr);
		return;
	}
	out->mr[0] = BH_SVC_BAD_CALL;
	out->mr[1] = svc->rpc->generation;
}

static int32_t op_hello(struct bh_rpc_server *s,
			const struct bh_rpc_request *req)
{
	const struct con_service *svc = bh_rpc_server_ctx(s);
	struct bh_rpc_hello h = {
		.rpc_version = BH_RPC_VERSION,
		.cell_id = svc->cell_id,
	};

	(void)req;
	memcpy(h.name, svc->name, sizeof(h.name));
	return bh_rpc_reply(s, BH_RPC_K_HELLO, &h, sizeof(h));
}

static int32_t op_log_read(struct bh_rpc_server *s,
			   const struct bh_rpc_request *req)
{
	struct con_service *svc = bh_rpc_server_ctx(s);
	struct {
		struct bh_rpc_log hdr;
		char data[BH_RPC_LOG_DATA_MAX];
	} part;
	struct bh_rpc_log_req rq;
	const struct con_buf *b;
	struct con_cell c;
	unsigned int i;
	uint64_t from;
	int32_t ret;
	size_t n;

	memcpy(&rq, req->payload, sizeof(rq));
	if (rq.reserved)
		return BH_RPC_EBADMSG;
	b = con_bufs_find(svc->bufs, rq.cell);
	if (!b) {
		/* a cell that has written nothing yet: nothing to read */
		if (con_cell_by_id(&svc->k, rq.cell, &c))
			return BH_RPC_ERANGE;
		part.hdr.pos = part.hdr.next = 0;
		return bh_rpc_reply(s, BH_RPC_K_LOG, &part.hdr,
				    sizeof(part.hdr));
	}
	for (i = 0; i < CON_LOG_PARTS; i++) {
		n = con_buf_read(b, rq.pos, part.data, sizeof(part.data),
				 &from);
		part.hdr.pos = from;
		part.hdr.next = from + n;
		ret = bh_rpc_reply(s, BH_RPC_K_LOG, &part,
				   sizeof(part.hdr) + n);
		if (ret)
			return ret;
		rq.pos = from + n;
		if (n < sizeof(part.data))
			break;
	}
	return BH_RPC_OK;
}

static int32_t op_shell(struct bh_rpc_server *s,
			const struct bh_rpc_request *req)
{
	struct con_service *svc = bh_rpc_server_ctx(s);
	struct con_out o;
	size_t n, off, chunk;
	int32_t status, ret;

	con_out_init(&o, svc->out, sizeof(svc->out));
	status = con_shell_exec(&svc->sh, req->payload, req->hdr.len, &o);
	n = con_out_finish(&o);
	for (off = 0; off < n; off += chunk) {
		chunk = n - off < BH_RPC_MAX_PAYLOAD ? n - off :
						       BH_RPC_MAX_PAYLOAD;
		ret = bh_rpc_reply(s, BH_RPC_K_TEXT, svc->out + off, chunk);
		if (ret)
			return ret;
	}
	return status;
}

const struct bh_rpc_op con_ops[] = {
	{ BH_RPC_OP_HELLO, BH_RPC_K_NONE, 0, op_hello },
	{ BH_RPC_OP_LOG_READ, BH_RPC_K_LOG_REQ, BH_RIGHT_READ, op_log_read },
	{ BH_RPC_OP_SHELL, BH_RPC_K_TEXT, BH_RIGHT_WRITE, op_shell },
};

const unsigned int con_nops = sizeof(con_ops) / sizeof(con_ops[0]);
