/* SPDX-License-Identifier: GPL-2.0 */
/* The shell on the PL011: line editing, prompt and output queue. */
#ifndef CONSOLE_TTY_H
#define CONSOLE_TTY_H

#include <stddef.h>
#include <stdint.h>
#include "shell.h"

#define CON_PROMPT	"bulkhead> "
#define CON_TTY_RX	256
/* one answer with every "\n" made "\r\n", a prompt and an echo */
#define CON_TTY_ROOM	(2 * CON_SHELL_OUT_MAX + 64)
#define CON_TTY_TX	(CON_TTY_ROOM + 1024)

/**
 * struct con_tty - a terminal session on a raw serial line
 * @sh:		the shell that runs the lines
 * @line:	the line being typed, its first CON_LINE_MAX bytes
 * @len:	bytes typed into it, stored or not
 * @cr:		the last byte was a CR (a LF right after it is ignored)
 * @rx:		received bytes not yet handled
 * @rx_len:	bytes in @rx
 * @tx:		bytes waiting to be written, from @tx_off to @tx_len
 * @tx_off:	first byte not yet written
 * @tx_len:	end of the bytes in @tx
 * @out:	the shell's answer to one line
 */
struct con_tty {
	const struct con_shell *sh;
	char line[CON_LINE_MAX];
	size_t len;
	int cr;
	uint8_t rx[CON_TTY_RX];
	size_t rx_len;
	char tx[CON_TTY_TX];
	size_t tx_off;
	size_t tx_len;
	char out[CON_SHELL_OUT_MAX];
};

/**
 * con_tty_init() - start a session: empty line, nothing queued
 * @t:		the session
 * @sh:		the shell
 *
 * No prompt until the first line is entered: the UART is the kernel's
 * log too, and a service that restarts must not write into it unasked.
 */
void con_tty_init(struct con_tty *t, const struct con_shell *sh);

/**
 * con_tty_rx_room() - how many received bytes con_tty_input() can take
 * @t:		the session
 */
size_t con_tty_rx_room(const struct con_tty *t);

/**
 * con_tty_input() - queue received bytes
 * @t:		the session
 * @p:		the bytes (anything a line may carry)
 * @n:		how many; beyond con_tty_rx_room() they are dropped
 */
void con_tty_input(struct con_tty *t, const void *p, size_t n);

/**
 * con_tty_process() - edit the line with the queued bytes
 * @t:		the session
 * @max_lines:	run at most this many lines
 *
 * Printable bytes are stored and echoed; backspace and DEL erase; CR, LF
 * or CRLF end the line, which runs in the shell, followed by the prompt;
 * Ctrl-C drops the line. Any other byte is stored (the shell refuses the
 * line) and echoed as '?'. Stops early while the output queue lacks room
 * for a whole answer, so nothing is ever dropped from it.
 */
void con_tty_process(struct con_tty *t, unsigned int max_lines);

/**
 * con_tty_output() - the bytes waiting to be written
 * @t:		the session
 * @p:		set to the first of them
 *
 * Return: how many; hand the number actually written to
 * con_tty_consumed().
 */
size_t con_tty_output(const struct con_tty *t, const char **p);

/**
 * con_tty_consumed() - drop bytes that were written
 * @t:		the session
 * @n:		at most what con_tty_output() returned
 */
void con_tty_consumed(struct con_tty *t, size_t n);

#endif /* CONSOLE_TTY_H */
