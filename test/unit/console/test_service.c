/* SPDX-License-Identifier: GPL-2.0 */
/* Tests of the console service's calls: RPC over a channel, MMIO, UART, log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/caps.h>
#include "fake_kernel.h"
#include "service.h"

#define NSLOTS		64
#define CHAN_SIZE	BH_CHAN_REGION_SIZE(NSLOTS)
#define GENERATION	5
#define RING_SIZE	8192
#define RING_OFF	4096
#define EMU_BASE	0x09100000ULL

static struct fake_kernel fk;
static uint8_t kmem[65536], cmem[4][4096];
static uint32_t ids[4];
static struct con_buf cbufs[4];
static struct con_bufs bufs;
static struct con_log log_reader;
static struct con_tty tty;
static struct bh_rpc_server server;
static struct con_service svc;
static struct bh_rpc_client client;
static void *chan;
static uint8_t ring_mem[RING_OFF + RING_SIZE] __attribute__((aligned(4096)));
static struct bh_log_ring *ring = (struct bh_log_ring *)ring_mem;
static uint64_t call_rights = BH_RIGHTS_ALL;

/* What the reply messages of one request carried */
static struct reply {
	unsigned int parts;
	unsigned int log_parts;
	int32_t final_status;
	uint16_t final_kind;
	char text[16384];
	size_t text_len;
	uint8_t log[16384];
	size_t log_len;
	uint64_t log_pos;
	uint64_t log_next;
	struct bh_rpc_hello hello;
} rep;

static void ring_write(const char *s, size_t n)
{
	uint64_t h = ring->head, i;

	for (i = 0; i < n; i++)
		ring_mem[RING_OFF + (h + i) % RING_SIZE] = s[i];
	__atomic_store_n(&ring->head, h + n, __ATOMIC_RELEASE);
}

static int setup(void **state)
{
	const struct con_kernel k = fk_kernel(&fk);

	(void)state;
	fk_setup(&fk);
	memset(ring_mem, 0, sizeof(ring_mem));
	ring->magic = BH_LOG_MAGIC;
	ring->size = RING_SIZE;
	ring->data_off = RING_OFF;
	ring_write("kernel: booted\n", 15);
	chan = aligned_alloc(4096, CHAN_SIZE);
	assert_non_null(chan);
	con_bufs_init(&bufs, kmem, sizeof(kmem), ids, cbufs, cmem,
		      sizeof(cmem[0]), 4);
	assert_int_equal(con_log_attach(&log_reader, ring_mem,
					sizeof(ring_mem)), 0);
	assert_int_equal(bh_rpc_server_init(&server, chan, CHAN_SIZE, NSLOTS,
					    GENERATION, con_ops, con_nops,
					    &svc), 0);
	con_service_init(&svc, &k, &bufs, &log_reader, &tty, &server, 1,
			 "console");
	assert_int_equal(bh_rpc_client_attach(&client, chan, CHAN_SIZE), 0);
	call_rights = BH_RIGHTS_ALL;
	memset(&rep, 0, sizeof(rep));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(chan);
	return 0;
}

static void call(uint32_t label, const uint64_t mr[4], struct bh_msg *out)
{
	struct bh_msg in = {
		.info = bh_msginfo(label, 4),
		.rights = label == BH_LABEL_EP_CALL ? call_rights : 0,
		.badge = 0,
	};

	memcpy(in.mr, mr, sizeof(in.mr));
	con_service_call(&svc, &in, out);
}

static int doorbell(void *ctx, uint64_t op, uint64_t reply[2])
{
	const uint64_t mr[4] = { op };
	struct bh_msg out;

	(void)ctx;
	call(BH_LABEL_EP_CALL, mr, &out);
	assert_int_equal(bh_msginfo_len(out.info), 2);
	reply[0] = out.mr[0];
	reply[1] = out.mr[1];
	return 0;
}

static void part(void *arg, const struct bh_rpc_hdr *hdr, const void *payload)
{
	struct reply *r = arg;
	struct bh_rpc_log lh;
	size_t n;

	r->parts++;
	if (!(hdr->flags & BH_RPC_F_MORE)) {
		r->final_status = hdr->status;
		r->final_kind = hdr->kind;
	}
	switch (hdr->kind) {
	case BH_RPC_K_TEXT:
		assert_true(r->text_len + hdr->len < sizeof(r->text));
		memcpy(r->text + r->text_len, payload, hdr->len);
		r->text_len += hdr->len;
		r->text[r->text_len] = '\0';
		break;
	case BH_RPC_K_LOG:
		memcpy(&lh, payload, sizeof(lh));
		n = hdr->len - sizeof(lh);
		/* parts follow each other without a gap */
		if (r->log_parts)
			assert_int_equal(lh.pos, r->log_next);
		else
			r->log_pos = lh.pos;
		assert_int_equal(lh.next, lh.pos + n);
		assert_true(r->log_len + n <= sizeof(r->log));
		memcpy(r->log + r->log_len, (const char *)payload + sizeof(lh),
		       n);
		r->log_len += n;
		r->log_next = lh.next;
		r->log_parts++;
		break;
	case BH_RPC_K_HELLO:
		memcpy(&r->hello, payload, sizeof(r->hello));
		break;
	}
}

static int rpc(uint16_t op, uint16_t kind, const void *payload, uint32_t len)
{
	memset(&rep, 0, sizeof(rep));
	return bh_rpc_call(&client, doorbell, NULL, op, kind, payload, len,
			   part, &rep);
}

static int log_read(uint32_t cell, uint64_t pos)
{
	struct bh_rpc_log_req rq = { .cell = cell, .pos = pos };

	return rpc(BH_RPC_OP_LOG_READ, BH_RPC_K_LOG_REQ, &rq, sizeof(rq));
}

static int shell(const char *line)
{
	return rpc(BH_RPC_OP_SHELL, BH_RPC_K_TEXT, line, strlen(line));
}

static uint64_t mmio(uint64_t cell, uint64_t off, uint64_t how,
		     uint64_t value)
{
	const uint64_t mr[4] = { cell, EMU_BASE + off, how, value };
	struct bh_msg out;

	call(BH_LABEL_EP_MMIO, mr, &out);
	assert_int_equal(bh_msginfo_len(out.info), 1);
	return out.mr[0];
}

static void mmio_puts(uint64_t cell, const char *s)
{
	while (*s)
		mmio(cell, CON_UART_DR, 1 | BH_MMIO_WRITE, (uint8_t)*s++);
}

static void test_hello(void **state)
{
	(void)state;
	call_rights = 0;	/* HELLO needs no right */
	assert_int_equal(rpc(BH_RPC_OP_HELLO, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_OK);
	assert_int_equal(rep.hello.rpc_version, BH_RPC_VERSION);
	assert_int_equal(rep.hello.cell_id, 1);
	assert_string_equal(rep.hello.name, "console");
}

static void test_doorbell(void **state)
{
	uint64_t reply[2];
	const uint64_t mr[4] = { 0 };
	struct bh_msg out;

	(void)state;
	assert_int_equal(doorbell(NULL, BH_SVC_CALL_PING, reply), 0);
	assert_int_equal(reply[0], BH_SVC_SERVED);
	assert_int_equal(reply[1], GENERATION);
	assert_int_equal(doorbell(NULL, BH_SVC_CALL_SERVE, reply), 0);
	assert_int_equal(reply[0], BH_SVC_IDLE);
	assert_int_equal(doorbell(NULL, 77, reply), 0);
	assert_int_equal(reply[0], BH_SVC_BAD_CALL);
	/* a label that is neither a call nor a delivered access */
	call(BH_LABEL_EP_REPLY, mr, &out);
	assert_int_equal(out.mr[0], BH_SVC_BAD_CALL);
	assert_int_equal(out.mr[1], GENERATION);
}

static void test_log_read_kernel(void **state)
{
	(void)state;
	/* the call that carries the request drains the ring first */
	assert_int_equal(log_read(BH_RPC_LOG_KERNEL, 0), BH_RPC_OK);
	assert_int_equal(rep.log_parts, 1);
	assert_int_equal(rep.log_pos, 0);
	assert_int_equal(rep.log_next, 15);
	assert_memory_equal(rep.log, "kernel: booted\n", 15);
	assert_int_equal(rep.final_status, BH_RPC_OK);
	/* from next: nothing new, still one part to say where we are */
	assert_int_equal(log_read(BH_RPC_LOG_KERNEL, 15), BH_RPC_OK);
	assert_int_equal(rep.log_parts, 1);
	assert_int_equal(rep.log_len, 0);
	assert_int_equal(rep.log_next, 15);
	ring_write("more\n", 5);
	assert_int_equal(log_read(BH_RPC_LOG_KERNEL, 15), BH_RPC_OK);
	assert_int_equal(rep.log_len, 5);
	assert_int_equal(rep.log_pos, 15);
	assert_int_equal(rep.log_next, 20);
}

static void test_log_read_bounded(void **state)
{
	static uint8_t all[8100];
	char chunk[4000];
	size_t got = 0, i;
	uint64_t pos = 0;
	unsigned int reqs = 0;

	(void)state;
	/* 8000 bytes logged in two goes, each drained by a call */
	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = 'a' + i % 26;
	ring_write(chunk, sizeof(chunk));
	log_read(BH_RPC_LOG_KERNEL, 1 << 30);
	ring_write(chunk, sizeof(chunk));
	do {
		assert_int_equal(log_read(BH_RPC_LOG_KERNEL, pos), BH_RPC_OK);
		assert_true(rep.log_parts <= CON_LOG_PARTS);
		assert_int_equal(rep.log_pos, pos);
		assert_true(got + rep.log_len <= sizeof(all));
		memcpy(all + got, rep.log, rep.log_len);
		got += rep.log_len;
		pos = rep.log_next;
		reqs++;
	} while (rep.log_len);
	assert_int_equal(got, 15 + 8000);
	assert_true(reqs >= 3);
	assert_memory_equal(all, "kernel: booted\n", 15);
	for (i = 0; i < 8000; i++)
		assert_int_equal(all[15 + i], 'a' + (i % 4000) % 26);
}

static void test_log_read_cell(void **state)
{
	(void)state;
	mmio_puts(2, "mgmt says hi\n");
	assert_int_equal(log_read(2, 0), BH_RPC_OK);
	assert_int_equal(rep.log_len, 13);
	assert_memory_equal(rep.log, "mgmt says hi\n", 13);
	assert_int_equal(log_read(2, 5), BH_RPC_OK);
	assert_int_equal(rep.log_pos, 5);
	assert_memory_equal(rep.log, "says hi\n", 8);
	/* a cell that exists but wrote nothing: empty */
	assert_int_equal(log_read(0, 0), BH_RPC_OK);
	assert_int_equal(rep.log_parts, 1);
	assert_int_equal(rep.log_len, 0);
	assert_int_equal(rep.log_next, 0);
	/* no such cell */
	assert_int_equal(log_read(9, 0), BH_RPC_ERANGE);
	assert_int_equal(rep.log_parts, 0);
}

static void test_log_read_bad_request(void **state)
{
	struct bh_rpc_log_req rq = { .cell = BH_RPC_LOG_KERNEL,
				     .reserved = 1 };

	(void)state;
	assert_int_equal(rpc(BH_RPC_OP_LOG_READ, BH_RPC_K_LOG_REQ, &rq,
			     sizeof(rq)), BH_RPC_EBADMSG);
	assert_int_equal(rpc(BH_RPC_OP_LOG_READ, BH_RPC_K_TEXT, "x", 1),
			 BH_RPC_EBADMSG);
	assert_int_equal(rpc(BH_RPC_OP_VERSION, BH_RPC_K_NONE, NULL, 0),
			 BH_RPC_ENOSYS);
}

static void test_rights(void **state)
{
	(void)state;
	call_rights = BH_RIGHT_WRITE;
	assert_int_equal(log_read(BH_RPC_LOG_KERNEL, 0), BH_RPC_EPERM);
	assert_int_equal(rep.log_parts, 0);
	call_rights = BH_RIGHT_READ;
	assert_int_equal(shell("help"), BH_RPC_EPERM);
	assert_null(strstr(rep.text, "commands"));
	call_rights = BH_RIGHT_READ | BH_RIGHT_WRITE;
	assert_int_equal(shell("help"), BH_RPC_OK);
	assert_non_null(strstr(rep.text, "commands:\n"));
}

static void test_shell(void **state)
{
	char line[200];

	(void)state;
	assert_int_equal(shell("log 1"), BH_RPC_OK);
	assert_string_equal(rep.text, "kernel: booted\n");
	assert_int_equal(shell("cells"), BH_RPC_OK);
	assert_non_null(strstr(rep.text, "console"));
	assert_int_equal(shell("nonsense"), BH_RPC_OK);
	assert_string_equal(rep.text, "unknown command 'nonsense'; try help\n");
	memset(line, 'x', sizeof(line));
	assert_int_equal(rpc(BH_RPC_OP_SHELL, BH_RPC_K_TEXT, line,
			     sizeof(line)), BH_RPC_ETOOLONG);
	assert_string_equal(rep.text, "line too long (200 bytes, at most "
			    "128)\n");
	assert_int_equal(shell("\x1b]0;pwned\x07"), BH_RPC_EBADMSG);
	assert_string_equal(rep.text, "line contains control characters\n");
	assert_int_equal(rpc(BH_RPC_OP_SHELL, BH_RPC_K_TEXT, "", 0),
			 BH_RPC_OK);
	assert_int_equal(rep.text_len, 0);
}

static void test_shell_long_answer(void **state)
{
	char line[100];
	unsigned int i;

	(void)state;
	for (i = 0; i < 300; i++) {
		snprintf(line, sizeof(line), "%04u %070u\n", i, 0);
		ring_write(line, strlen(line));
		if (i % 50 == 49)
			log_read(BH_RPC_LOG_KERNEL, 1 << 30);
	}
	/* the longest answer fits the ring with room for the final */
	assert_int_equal(shell("log 1000"), BH_RPC_OK);
	assert_true(rep.parts < NSLOTS);
	assert_true(rep.text_len <= CON_SHELL_OUT_MAX);
	assert_non_null(strstr(rep.text, "0299 000"));
	assert_non_null(strstr(rep.text, "(earlier lines cut)\n"));
}

static void test_mmio(void **state)
{
	struct con_buf *b;

	(void)state;
	assert_int_equal(mmio(3, CON_UART_FR, 4, 0), CON_UART_FR_EMPTY);
	assert_int_equal(mmio(3, CON_UART_DR, 4, 0), 0);
	assert_int_equal(mmio(3, 0x030, 4, 0), 0);
	/* writes elsewhere are ignored: no buffer appears */
	assert_int_equal(mmio(3, 0x030, 4 | BH_MMIO_WRITE, 'x'), 0);
	assert_int_equal(mmio(3, CON_UART_FR, 4 | BH_MMIO_WRITE, 'x'), 0);
	assert_null(con_bufs_find(&bufs, 3));
	/* the data register takes the low byte, whatever the size */
	mmio(3, CON_UART_DR, 4 | BH_MMIO_WRITE, 0x41424344);
	mmio(3, CON_UART_DR, 8 | BH_MMIO_WRITE, 0x4545454545454545ULL);
	b = con_bufs_find(&bufs, 3);
	assert_non_null(b);
	assert_int_equal(b->head, 2);
	assert_memory_equal(b->data, "DE", 2);
	/* only the offset in the page counts */
	mmio(3, 0x1000 + CON_UART_DR, 1 | BH_MMIO_WRITE, 'F');
	assert_int_equal(b->head, 3);
	/* a bogus cell id cannot reach the kernel's buffer */
	mmio(0xffffffffULL, CON_UART_DR, 1 | BH_MMIO_WRITE, 'k');
	mmio(1ULL << 40, CON_UART_DR, 1 | BH_MMIO_WRITE, 'k');
	assert_int_equal(bufs.kernel.head, 15);
}

static void test_uart_shell(void **state)
{
	const uint64_t ping[4] = { BH_SVC_CALL_PING };
	const char *start = "hep\b \bl\b \blp\r\ncommands:\r\n";
	struct bh_msg out;
	unsigned int i;

	(void)state;
	fk_uart_type(&fk, "hep\bl\x7flp\r", 9);
	call(BH_LABEL_EP_CALL, ping, &out);
	for (i = 0; i < 20; i++)
		call(BH_LABEL_EP_CALL, ping, &out);
	fk.tx[fk.tx_len] = '\0';
	assert_true(!strncmp(fk.tx, start, strlen(start)));
	assert_string_equal(fk.tx + fk.tx_len - strlen(CON_PROMPT),
			    CON_PROMPT);
	/* every write carried at most 24 bytes */
	assert_true(fk.uart_writes >= fk.tx_len / BH_UART_MAX_BYTES);
}

static void test_uart_bounded(void **state)
{
	const uint64_t ping[4] = { BH_SVC_CALL_PING };
	struct bh_msg out;
	char line[100];
	size_t before;
	unsigned int i;

	(void)state;
	for (i = 0; i < 60; i++) {
		snprintf(line, sizeof(line), "%04u %070u\n", i, 0);
		ring_write(line, strlen(line));
	}
	fk_uart_type(&fk, "log 50\r", 7);
	/* a 4 KB answer leaves at most CON_UART_WRITE_MAX bytes per call */
	for (i = 0; i < 4; i++) {
		before = fk.tx_len;
		call(BH_LABEL_EP_CALL, ping, &out);
		assert_int_equal(fk.tx_len - before, CON_UART_WRITE_MAX);
	}
	for (i = 0; i < 10; i++)
		call(BH_LABEL_EP_CALL, ping, &out);
	fk.tx[fk.tx_len] = '\0';
	assert_non_null(strstr(fk.tx, "0010 000"));
	assert_non_null(strstr(fk.tx, "0059 000"));
	assert_true(fk.tx_len > 50 * 76);
	assert_string_equal(fk.tx + fk.tx_len - strlen(CON_PROMPT),
			    CON_PROMPT);
}

static void test_uart_garbage(void **state)
{
	const uint64_t ping[4] = { BH_SVC_CALL_PING };
	char junk[600];
	struct bh_msg out;
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 97 + 3);
	junk[sizeof(junk) - 1] = '\r';
	fk_uart_type(&fk, junk, sizeof(junk));
	for (i = 0; i < 100; i++)
		call(BH_LABEL_EP_CALL, ping, &out);
	fk.tx[fk.tx_len] = '\0';
	/* nothing but printable text, CR, LF and the erase sequence */
	for (i = 0; i < fk.tx_len; i++)
		assert_true(fk.tx[i] == '\r' || fk.tx[i] == '\n' ||
			    fk.tx[i] == '\b' ||
			    (fk.tx[i] >= 0x20 && fk.tx[i] < 0x7f));
	assert_string_equal(fk.tx + fk.tx_len - strlen(CON_PROMPT),
			    CON_PROMPT);
}

static void test_no_uart(void **state)
{
	const uint64_t ping[4] = { BH_SVC_CALL_PING };
	const struct con_kernel k = fk_kernel(&fk);
	struct bh_msg out;

	(void)state;
	con_service_init(&svc, &k, &bufs, &log_reader, NULL, &server, 1,
			 "console");
	fk_uart_type(&fk, "help\r", 5);
	call(BH_LABEL_EP_CALL, ping, &out);
	assert_int_equal(fk.tx_len, 0);
	assert_int_equal(fk.rx_off, 0);
}

static size_t count(const char *hay, size_t n, const char *needle)
{
	size_t c = 0, len = strlen(needle), i;

	for (i = 0; i + len <= n; i++)
		if (!memcmp(hay + i, needle, len))
			c++;
	return c;
}

static void test_log_corrupt(void **state)
{
	const uint64_t ping[4] = { BH_SVC_CALL_PING };
	const char *msg = "console: kernel log unreadable (bad magic); "
			  "no longer read\n";
	struct bh_msg out;

	(void)state;
	call(BH_LABEL_EP_CALL, ping, &out);
	ring->magic = 0;
	ring_write("lost\n", 5);
	call(BH_LABEL_EP_CALL, ping, &out);
	call(BH_LABEL_EP_CALL, ping, &out);
	assert_int_equal(count((char *)kmem, bufs.kernel.head, msg), 1);
	assert_int_equal(count((char *)kmem, bufs.kernel.head, "lost\n"), 0);
	/* the service goes on serving */
	assert_int_equal(shell("log 1"), BH_RPC_OK);
	assert_string_equal(rep.text, msg);
}

static void test_log_lost_noted(void **state)
{
	const uint64_t ping[4] = { BH_SVC_CALL_PING };
	char chunk[RING_SIZE];
	struct bh_msg out;

	(void)state;
	call(BH_LABEL_EP_CALL, ping, &out);
	memset(chunk, 'z', sizeof(chunk));
	chunk[sizeof(chunk) - 1] = '\n';
	ring_write(chunk, sizeof(chunk));
	ring_write(chunk, sizeof(chunk));
	call(BH_LABEL_EP_CALL, ping, &out);
	assert_int_equal(count((char *)kmem, bufs.kernel.head,
			       "console: 8448 bytes of the kernel log lost\n"),
			 1);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_hello),
		T(test_doorbell),
		T(test_log_read_kernel),
		T(test_log_read_bounded),
		T(test_log_read_cell),
		T(test_log_read_bad_request),
		T(test_rights),
		T(test_shell),
		T(test_shell_long_answer),
		T(test_mmio),
		T(test_uart_shell),
		T(test_uart_bounded),
		T(test_uart_garbage),
		T(test_no_uart),
		T(test_log_corrupt),
		T(test_log_lost_noted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
