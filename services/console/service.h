/* SPDX-License-Identifier: GPL-2.0 */
/* The console service's call handling: housekeeping, RPC ops, the UART. */
#ifndef CONSOLE_SERVICE_H
#define CONSOLE_SERVICE_H

#include <stdint.h>
#include <bulkhead/rpc.h>
#include <bulkhead/rt.h>
#include "buf.h"
#include "kernel.h"
#include "log.h"
#include "shell.h"
#include "tty.h"

#define CON_DRAIN_MAX		16384	/* log bytes moved per call */
#define CON_DRAIN_CHUNK		2048
#define CON_UART_READS		2	/* UART_READs per call */
#define CON_UART_WRITE_MAX	512	/* UART bytes written per call */
#define CON_LOG_PARTS		16	/* K_LOG parts per LOG_READ */

/* The PL011 registers the emulated UART answers (offsets in its page) */
#define CON_UART_DR		0x000
#define CON_UART_FR		0x018
#define CON_UART_FR_EMPTY	0x90	/* TXFE | RXFE */

/**
 * struct con_service - everything a call works on
 * @k:		the kernel (bh_invoke() in the cell)
 * @bufs:	the console buffers
 * @log:	the log ring reader
 * @sh:		the shell
 * @tty:	the PL011 session, or NULL without the "uart" capability
 * @rpc:	the RPC server on the root channel
 * @cell_id:	our cell id, for HELLO
 * @name:	our name, for HELLO
 * @drain:	log bytes on their way to @bufs
 * @out:	the answer to a SHELL request
 */
struct con_service {
	struct con_kernel k;
	struct con_bufs *bufs;
	struct con_log *log;
	struct con_shell sh;
	struct con_tty *tty;
	struct bh_rpc_server *rpc;
	uint32_t cell_id;
	char name[BH_RPC_NAME_LEN];
	uint8_t drain[CON_DRAIN_CHUNK];
	char out[CON_SHELL_OUT_MAX];
};

/* The operations on the root channel: HELLO, LOG_READ, SHELL */
extern const struct bh_rpc_op con_ops[];
extern const unsigned int con_nops;

/**
 * con_service_init() - tie the parts together
 * @svc:	the service state
 * @k:		the kernel interface (copied)
 * @bufs:	initialised buffers
 * @log:	an attached reader (a failed attach is reported at the
 *		first call)
 * @tty:	a session to set up, or NULL for no PL011 shell
 * @rpc:	the RPC server, initialised with con_ops and @svc as context
 * @cell_id:	our cell id
 * @name:	our name (cut to BH_RPC_NAME_LEN - 1 bytes)
 */
void con_service_init(struct con_service *svc, const struct con_kernel *k,
		      struct con_bufs *bufs, struct con_log *log,
		      struct con_tty *tty, struct bh_rpc_server *rpc,
		      uint32_t cell_id, const char *name);

/**
 * con_service_tick() - the work every call pays for first
 * @svc:	the service
 *
 * Moves at most CON_DRAIN_MAX new bytes of the kernel's log into the
 * kernel buffer (noting lost bytes and, once, a corrupt ring there), then,
 * with a PL011 session, reads at most CON_UART_READS * 24 input bytes,
 * runs at most one completed line and writes at most CON_UART_WRITE_MAX
 * bytes of output.
 */
void con_service_tick(struct con_service *svc);

/**
 * con_service_call() - answer one call
 * @svc:	the service
 * @in:		the call
 * @out:	the reply
 *
 * Runs con_service_tick(), then: label EP_CALL is a doorbell
 * (bh_rpc_server_doorbell(), reply length 2); label EP_MMIO is an access
 * to the emulated UART (reply mr0 the value read, length 1); any other
 * label gets BH_SVC_BAD_CALL.
 */
void con_service_call(struct con_service *svc, const struct bh_msg *in,
		      struct bh_msg *out);

/**
 * con_mmio() - one access to the emulated UART
 * @bufs:	the console buffers
 * @cell:	the cell that made it (mr0)
 * @ipa:	its address (mr1); only the offset in the page matters
 * @how:	size in bytes | BH_MMIO_WRITE (mr2)
 * @value:	the value written (mr3)
 *
 * A write to the data register appends its low byte to the cell's
 * buffer; a read of the flag register says both FIFOs are empty; all
 * else reads as zero and ignores writes.
 *
 * Return: the value a read returns (0 for a write).
 */
uint64_t con_mmio(struct con_bufs *bufs, uint64_t cell, uint64_t ipa,
		  uint64_t how, uint64_t value);

#endif /* CONSOLE_SERVICE_H */
