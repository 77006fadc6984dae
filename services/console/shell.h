/* SPDX-License-Identifier: GPL-2.0 */
/* The console service's debugging shell: one line in, text out. */
#ifndef CONSOLE_SHELL_H
#define CONSOLE_SHELL_H

#include <stddef.h>
#include "buf.h"
#include "kernel.h"
#include "out.h"

#define CON_LINE_MAX		128	/* longest line accepted */
#define CON_LOG_LINES		20	/* "log" without a count */
#define CON_LOG_LINES_MAX	1000
#define CON_SHELL_OUT_MAX	8192	/* answer to one line, at most */

/**
 * struct con_shell - what the shell works with
 * @k:		the kernel: the service's capabilities
 * @klog:	the buffer holding the kernel's log, for "log"
 */
struct con_shell {
	const struct con_kernel *k;
	const struct con_buf *klog;
};

/**
 * con_shell_exec() - run one command line
 * @sh:		the shell
 * @line:	the line as received: untrusted bytes, not NUL-terminated;
 *		one trailing "\n" or "\r\n" is ignored
 * @len:	bytes at @line
 * @out:	the answer goes here
 *
 * Refuses, with a message, lines longer than CON_LINE_MAX and lines with
 * bytes outside printable ASCII; never echoes such bytes. An empty or
 * blank line produces nothing. Commands: help, cells, caps CELL,
 * stats [CPU], log [N], mem (docs/services.md, "The console service").
 *
 * Return: 0 (an answer was given, an error message included),
 * BH_RPC_ETOOLONG for an overlong line, BH_RPC_EBADMSG for a line with
 * control characters.
 */
int con_shell_exec(const struct con_shell *sh, const char *line, size_t len,
		   struct con_out *out);

/**
 * con_shell_too_long() - the refusal of an overlong line
 * @out:	where the message goes
 * @len:	the line's length
 *
 * For line editors that stop storing a line at CON_LINE_MAX bytes.
 *
 * Return: BH_RPC_ETOOLONG.
 */
int con_shell_too_long(struct con_out *out, size_t len);

#endif /* CONSOLE_SHELL_H */
