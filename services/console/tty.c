/* SPDX-License-Identifier: GPL-2.0 */
/* Line editing for the PL011 shell: echo, erase, run on Enter, prompt. */
#include <string.h>
#include "tty.h"

#define CTRL_C	0x03

static size_t tx_free(const struct con_tty *t)
{
	return sizeof(t->tx) - t->tx_len + t->tx_off;
}

static void put(struct con_tty *t, const char *s, size_t n)
{
	if (t->tx_off) {
		memmove(t->tx, t->tx + t->tx_off, t->tx_len - t->tx_off);
		t->tx_len -= t->tx_off;
		t->tx_off = 0;
	}
	if (n > sizeof(t->tx) - t->tx_len)
		n = sizeof(t->tx) - t->tx_len;
	memcpy(t->tx + t->tx_len, s, n);
	t->tx_len += n;
}

static void put_str(struct con_tty *t, const char *s)
{
	put(t, s, strlen(s));
}

void con_tty_init(struct con_tty *t, const struct con_shell *sh)
{
	memset(t, 0, sizeof(*t));
	t->sh = sh;
}

size_t con_tty_rx_room(const struct con_tty *t)
{
	return sizeof(t->rx) - t->rx_len;
}

void con_tty_input(struct con_tty *t, const void *p, size_t n)
{
	if (n > con_tty_rx_room(t))
		n = con_tty_rx_room(t);
	memcpy(t->rx + t->rx_len, p, n);
	t->rx_len += n;
}

/* The shell's answer, as a terminal wants it: "\r\n" line ends */
static void run_line(struct con_tty *t)
{
	struct con_out out;
	size_t i, n;

	con_out_init(&out, t->out, sizeof(t->out));
	if (t->len > CON_LINE_MAX)
		con_shell_too_long(&out, t->len);
	else
		con_shell_exec(t->sh, t->line, t->len, &out);
	n = con_out_finish(&out);
	for (i = 0; i < n; i++) {
		if (t->out[i] == '\n')
			put(t, "\r", 1);
		put(t, &t->out[i], 1);
	}
	put_str(t, CON_PROMPT);
	t->len = 0;
}

/* One byte; returns 1 when it ended a line */
static int edit(struct con_tty *t, uint8_t c)
{
	int cr = t->cr;

	t->cr = c == '\r';
	switch (c) {
	case '\n':
		if (cr)
			return 0;
		/* fall through */
	case '\r':
		put_str(t, "\r\n");
		run_line(t);
		return 1;
	case '\b':
	case 0x7f:
		if (t->len) {
			t->len--;
			put_str(t, "\b \b");
		}
		return 0;
	case CTRL_C:
		t->len = 0;
		put_str(t, "^C\r\n" CON_PROMPT);
		return 0;
	}
	if (t->len < CON_LINE_MAX)
		t->line[t->len] = c;
	t->len++;
	put(t, con_printable(c) ? (const char *)&c : "?", 1);
	return 0;
}

void con_tty_process(struct con_tty *t, unsigned int max_lines)
{
	size_t i = 0;

	while (i < t->rx_len && max_lines && tx_free(t) >= CON_TTY_ROOM) {
		if (edit(t, t->rx[i++]))
			max_lines--;
	}
	memmove(t->rx, t->rx + i, t->rx_len - i);
	t->rx_len -= i;
}

size_t con_tty_output(const struct con_tty *t, const char **p)
{
	*p = t->tx + t->tx_off;
	return t->tx_len - t->tx_off;
}

void con_tty_consumed(struct con_tty *t, size_t n)
{
	if (n > t->tx_len - t->tx_off)
		n = t->tx_len - t->tx_off;
	t->tx_off += n;
	if (t->tx_off == t->tx_len)
		t->tx_off = t->tx_len = 0;
}
