/* SPDX-License-Identifier: GPL-2.0 */
/* Tests of the console shell: every command against the kernel model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>
#include "fake_kernel.h"
#include "shell.h"
#include "tty.h"

static struct fake_kernel fk;
static struct con_kernel k;
static uint8_t klog_mem[65536];
static struct con_buf klog;
static struct con_shell sh;
static char outbuf[CON_SHELL_OUT_MAX];
static char text[CON_SHELL_OUT_MAX + 1];
static struct con_tty tty;

static int setup(void **state)
{
	(void)state;
	fk_setup(&fk);
	k = fk_kernel(&fk);
	con_buf_init(&klog, klog_mem, sizeof(klog_mem));
	sh.k = &k;
	sh.klog = &klog;
	return 0;
}

/* Run @line (of @len bytes); the answer is in text[], NUL-terminated */
static int run_n(const char *line, size_t len)
{
	struct con_out o;
	size_t n;
	int ret;

	con_out_init(&o, outbuf, sizeof(outbuf));
	ret = con_shell_exec(&sh, line, len, &o);
	n = con_out_finish(&o);
	memcpy(text, outbuf, n);
	text[n] = '\0';
	return ret;
}

static int run(const char *line)
{
	return run_n(line, strlen(line));
}

static int has(const char *needle)
{
	if (!strstr(text, needle)) {
		print_error("missing \"%s\" in:\n%s\n", needle, text);
		return 0;
	}
	return 1;
}

/* The answer holds only newlines and printable ASCII */
static void assert_clean(void)
{
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p; p++)
		assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
}

static void test_help(void **state)
{
	(void)state;
	assert_int_equal(run("help"), BH_RPC_OK);
	assert_true(has("commands:\n"));
	assert_true(has("  help "));
	assert_true(has("  cells "));
	assert_true(has("  caps CELL "));
	assert_true(has("  stats [CPU] "));
	assert_true(has("  log [N] "));
	assert_true(has("  mem "));
	assert_clean();
}

static void test_empty_lines(void **state)
{
	(void)state;
	assert_int_equal(run(""), BH_RPC_OK);
	assert_string_equal(text, "");
	assert_int_equal(run("    "), BH_RPC_OK);
	assert_string_equal(text, "");
	assert_int_equal(run("\n"), BH_RPC_OK);
	assert_string_equal(text, "");
	assert_int_equal(fk.invokes, 0);
}

static void test_trailing_newline(void **state)
{
	(void)state;
	assert_int_equal(run("help\n"), BH_RPC_OK);
	assert_true(has("commands:"));
	assert_int_equal(run("  help\r\n"), BH_RPC_OK);
	assert_true(has("commands:"));
}

static void test_unknown(void **state)
{
	(void)state;
	assert_int_equal(run("frobnicate now"), BH_RPC_OK);
	assert_string_equal(text, "unknown command 'frobnicate'; try help\n");
	assert_int_equal(run("HELP"), BH_RPC_OK);
	assert_string_equal(text, "unknown command 'HELP'; try help\n");
}

static void test_too_long(void **state)
{
	char line[300];

	(void)state;
	memset(line, 'a', sizeof(line));
	assert_int_equal(run_n(line, 129), BH_RPC_ETOOLONG);
	assert_string_equal(text, "line too long (129 bytes, at most 128)\n");
	assert_int_equal(run_n(line, sizeof(line)), BH_RPC_ETOOLONG);
	assert_string_equal(text, "line too long (300 bytes, at most 128)\n");
	/* the limit itself is fine: answered as an unknown command */
	assert_int_equal(run_n(line, 128), BH_RPC_OK);
	assert_true(has("unknown command 'aaaa"));
	/* garbage that is also too long is refused for its length */
	memset(line, 0x1b, sizeof(line));
	assert_int_equal(run_n(line, 200), BH_RPC_ETOOLONG);
	assert_clean();
}

static void test_control_chars(void **state)
{
	static const char *const bad[] = {
		"help\x1b[2J", "\x07", "cells\tx", "log\x7f", "caps \x80\xff",
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(run(bad[i]), BH_RPC_EBADMSG);
		assert_string_equal(text, "line contains control characters\n");
	}
	/* a NUL inside the line is a control character too */
	assert_int_equal(run_n("help\0x", 6), BH_RPC_EBADMSG);
	/* a CR that is not the end of the line */
	assert_int_equal(run("he\rlp"), BH_RPC_EBADMSG);
	assert_int_equal(fk.invokes, 0);
}

static void test_usage(void **state)
{
	(void)state;
	assert_int_equal(run("cells 1"), BH_RPC_OK);
	assert_string_equal(text, "usage: cells\n");
	assert_int_equal(run("caps"), BH_RPC_OK);
	assert_string_equal(text, "usage: caps CELL (a cell name or id)\n");
	assert_int_equal(run("stats 0 1"), BH_RPC_OK);
	assert_string_equal(text, "usage: stats [CPU]\n");
	assert_int_equal(run("log 1 2 3 4 5 6"), BH_RPC_OK);
	assert_string_equal(text, "usage: log [N]\n");
}

static void test_cells(void **state)
{
	(void)state;
	strcpy(fk.cells[2].name, "mg\x1bmt");
	fk.cells[2].state = BH_CELL_STATE_FAILED;
	assert_int_equal(run("cells"), BH_RPC_OK);
	assert_true(has(" ID  NAME"));
	assert_true(has("  0  root             root     running  0-1      "
			"768 MiB\n"));
	assert_true(has("  1  console          service  running  -        "
			"16 MiB    calls 17 faults 1 overruns 2 restarts 3\n"));
	assert_true(has("  2  mg?mt            service  failed   -        "
			"8 MiB     calls 0 faults 0 overruns 0 restarts 0\n"));
	assert_clean();
	/* nothing asked that the kernel refuses (and would log) */
	assert_int_equal(fk.refused, 0);
	assert_int_equal(run("mem"), BH_RPC_OK);
	assert_int_equal(fk.refused, 0);
}

static void test_cells_cpus(void **state)
{
	(void)state;
	fk.cells[0].cpus = 0x2d;	/* 0, 2-3, 5 */
	assert_int_equal(run("cells"), BH_RPC_OK);
	assert_true(has(" 0,2-3,5 "));
}

static void test_cells_none(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < FK_CELLS; i++)
		fk.cells[i].present = 0;
	assert_int_equal(run("cells"), BH_RPC_OK);
	assert_string_equal(text, "cells: none visible (no cells-read "
			    "capability)\n");
}

static void test_cells_service_error(void **state)
{
	(void)state;
	fk.fail_label = BH_LABEL_CELL_SERVICE;
	fk.fail_err = -BH_E_NO_RIGHTS;
	assert_int_equal(run("cells"), BH_RPC_OK);
	assert_true(has("service counters: missing right"));
}

static void test_caps_by_name_and_id(void **state)
{
	char by_name[CON_SHELL_OUT_MAX + 1];

	(void)state;
	assert_int_equal(run("caps root"), BH_RPC_OK);
	assert_true(has("capabilities of cell 0 (root):\n"));
	assert_true(has("SLOT  TYPE      RIGHTS  BADGE"));
	assert_true(has("   1  cnode     rwgc    0x0                 -\n"));
	assert_true(has("   2  hv        rwgc    0x0                 -\n"));
	assert_true(has("   3  cell      rwgc    0x0                 "
			"cell 0\n"));
	assert_true(has("   4  cpu       r---    0x0                 cpu 1\n"));
	assert_true(has("   5  memory    rw--    0x0                 "
			"phys 0x40000000\n"));
	assert_true(has("   6  irq       r---    0x0                 "
			"intid 32\n"));
	assert_true(has("  40  endpoint  rw--    0xbad6e             "
			"service cell 1\n"));
	/* empty slots are left out */
	assert_null(strstr(text, "   0  "));
	assert_null(strstr(text, "null"));
	strcpy(by_name, text);
	assert_int_equal(run("caps 0"), BH_RPC_OK);
	assert_string_equal(text, by_name);
	assert_int_equal(run("caps 0x0"), BH_RPC_OK);
	assert_string_equal(text, by_name);
	assert_int_equal(run("caps console"), BH_RPC_OK);
	assert_true(has("   4  uart      rw--"));
}

static void test_caps_bad_cell(void **state)
{
	(void)state;
	assert_int_equal(run("caps nosuch"), BH_RPC_OK);
	assert_string_equal(text, "caps: no cell 'nosuch'\n");
	assert_int_equal(run("caps 7"), BH_RPC_OK);
	assert_string_equal(text, "caps: no cell '7'\n");
	assert_int_equal(run("caps 99999999999999999999999"), BH_RPC_OK);
	assert_string_equal(text, "caps: no cell '99999999999999999999999'\n");
}

static void test_caps_error(void **state)
{
	(void)state;
	fk.fail_label = BH_LABEL_CNODE_READ;
	fk.fail_err = -BH_E_INVALID_CAP;
	assert_int_equal(run("caps mgmt"), BH_RPC_OK);
	assert_true(has("caps: invalid capability\n"));
}

static void test_stats_all(void **state)
{
	(void)state;
	assert_int_equal(run("stats"), BH_RPC_OK);
	assert_true(has("EXIT                   CPU0           CPU1\n"));
	assert_true(has("hvc                    1000           2000\n"));
	assert_true(has("mmio                   1004           2004\n"));
	assert_true(has("unknown                1009           2009\n"));
	assert_clean();
}

static void test_stats_one(void **state)
{
	(void)state;
	assert_int_equal(run("stats 1"), BH_RPC_OK);
	assert_true(has("EXIT                   CPU1\n"));
	assert_true(has("smc                    2001\n"));
	assert_null(strstr(text, "CPU0"));
	assert_null(strstr(text, "1001"));
}

static void test_stats_bad_cpu(void **state)
{
	(void)state;
	assert_int_equal(run("stats 2"), BH_RPC_OK);
	assert_string_equal(text, "stats: no CPU '2' (CPUs 0-1)\n");
	assert_int_equal(run("stats x"), BH_RPC_OK);
	assert_string_equal(text, "stats: no CPU 'x' (CPUs 0-1)\n");
	assert_int_equal(run("stats -1"), BH_RPC_OK);
	assert_string_equal(text, "stats: no CPU '-1' (CPUs 0-1)\n");
}

static void test_stats_no_hv(void **state)
{
	(void)state;
	fk.hv = 0;
	assert_int_equal(run("stats"), BH_RPC_OK);
	assert_string_equal(text, "stats: invalid capability\n");
	fk.hv = 1;
	fk.fail_label = BH_LABEL_HV_STATS;
	fk.fail_err = -BH_E_NO_RIGHTS;
	assert_int_equal(run("stats 0"), BH_RPC_OK);
	assert_true(has("hvc                       ?\n"));
}

static void fill_log(unsigned int lines)
{
	char line[32];
	unsigned int i;

	for (i = 0; i < lines; i++) {
		snprintf(line, sizeof(line), "line %u\n", i);
		con_buf_write(&klog, line, strlen(line));
	}
}

static void test_log_default(void **state)
{
	(void)state;
	fill_log(30);
	assert_int_equal(run("log"), BH_RPC_OK);
	assert_null(strstr(text, "line 9\n"));
	assert_true(has("line 10\n"));
	assert_true(has("line 29\n"));
	assert_true(!strncmp(text, "line 10\n", 8));
}

static void test_log_count(void **state)
{
	(void)state;
	fill_log(30);
	assert_int_equal(run("log 3"), BH_RPC_OK);
	assert_string_equal(text, "line 27\nline 28\nline 29\n");
	assert_int_equal(run("log 1000"), BH_RPC_OK);
	assert_true(!strncmp(text, "line 0\n", 7));
	/* an unfinished last line counts and is ended for the reader */
	con_buf_write(&klog, "partial", 7);
	assert_int_equal(run("log 2"), BH_RPC_OK);
	assert_string_equal(text, "line 29\npartial\n");
}

static void test_log_bad_count(void **state)
{
	(void)state;
	assert_int_equal(run("log 0"), BH_RPC_OK);
	assert_string_equal(text, "log: bad line count '0' (1-1000)\n");
	assert_int_equal(run("log 1001"), BH_RPC_OK);
	assert_string_equal(text, "log: bad line count '1001' (1-1000)\n");
	assert_int_equal(run("log ten"), BH_RPC_OK);
	assert_string_equal(text, "log: bad line count 'ten' (1-1000)\n");
}

static void test_log_empty_and_garbage(void **state)
{
	(void)state;
	assert_int_equal(run("log"), BH_RPC_OK);
	assert_string_equal(text, "(the log is empty)\n");
	con_buf_write(&klog, "a\x1b[31mred\tb\x00\xff\n", 14);
	assert_int_equal(run("log 1"), BH_RPC_OK);
	assert_string_equal(text, "a?[31mred b??\n");
}

static void test_log_cut_to_fit(void **state)
{
	uint8_t big[65536];
	struct con_buf b;
	char line[80];
	unsigned int i;

	(void)state;
	con_buf_init(&b, big, sizeof(big));
	for (i = 0; i < 1000; i++) {
		snprintf(line, sizeof(line), "%04u %060u\n", i, 0);
		con_buf_write(&b, line, strlen(line));
	}
	sh.klog = &b;
	assert_int_equal(run("log 1000"), BH_RPC_OK);
	/* the latest lines, whole, and the note that earlier ones are cut */
	assert_true(!strncmp(text, "(earlier lines cut)\n", 20));
	assert_true(has("0999 0000"));
	assert_true(strlen(text) < sizeof(outbuf));
	assert_int_equal(text[20 + 4], ' ');
	assert_int_equal(text[strlen(text) - 1], '\n');
}

static void test_mem(void **state)
{
	(void)state;
	assert_int_equal(run("mem"), BH_RPC_OK);
	assert_true(has("hypervisor: base 0x7c000000 size 64 MiB, pool 4096 "
			"pages, 1000 free\n"));
	assert_true(has("cell 0 (root):\n"
			"  phys 0x0040000000  ipa 0x0040000000  512 MiB   rwx\n"
			"  phys 0x0060000000  ipa 0x0060000000  256 MiB   rw-\n"
			"  phys 0x0009000000  ipa 0x0009000000  4 KiB     "
			"rw- io\n"));
	assert_true(has("cell 1 (console):\n"
			"  phys 0x0074000000  ipa 0x0040000000  16 MiB    "
			"rwx\n"));
	assert_true(has("cell 2 (mgmt):\n"));
	assert_clean();
}

static void test_mem_errors(void **state)
{
	(void)state;
	fk.hv = 0;
	fk.cells[2].nr_regions = 0;
	fk.fail_label = 0;
	assert_int_equal(run("mem"), BH_RPC_OK);
	assert_true(has("mem: hypervisor: invalid capability\n"));
	assert_true(has("cell 2 (mgmt):\n  (no regions)\n"));
	fk.fail_label = BH_LABEL_CELL_MEM;
	fk.fail_err = -BH_E_NO_RIGHTS;
	assert_int_equal(run("mem"), BH_RPC_OK);
	assert_true(has("cell 1 (console):\n  regions: missing right\n"));
}

static void test_out_truncated(void **state)
{
	char small[100], full[CON_SHELL_OUT_MAX + 1];
	struct con_out o;
	size_t n, kept;

	(void)state;
	run("help");
	strcpy(full, text);
	con_out_init(&o, small, sizeof(small));
	assert_int_equal(con_shell_exec(&sh, "help", 4, &o), BH_RPC_OK);
	n = con_out_finish(&o);
	assert_true(n <= sizeof(small));
	memcpy(text, small, n);
	text[n] = '\0';
	assert_true(!strncmp(text, "commands:\n", 10));
	assert_true(has(CON_OUT_TRUNCATED));
	/* only whole lines of the full answer before the note */
	assert_true(n > strlen(CON_OUT_TRUNCATED));
	kept = n - strlen(CON_OUT_TRUNCATED);
	assert_string_equal(text + kept, CON_OUT_TRUNCATED);
	assert_memory_equal(text, full, kept);
	assert_int_equal(full[kept - 1], '\n');
	assert_true(kept >= strlen("commands:\n"));
}

/* The PL011 session: what the UART would show, NUL-terminated */
static const char *tty_shows(void)
{
	static char shown[CON_TTY_TX + 1];
	const char *p;
	size_t n;

	n = con_tty_output(&tty, &p);
	memcpy(shown, p, n);
	shown[n] = '\0';
	con_tty_consumed(&tty, n);
	return shown;
}

static void tty_type(const char *s, size_t n)
{
	con_tty_input(&tty, s, n);
	con_tty_process(&tty, 100);
}

static void test_tty_edit(void **state)
{
	const char *shown;

	(void)state;
	con_tty_init(&tty, &sh);
	/* silent until spoken to: Enter gives the first prompt */
	assert_string_equal(tty_shows(), "");
	tty_type("\r", 1);
	assert_string_equal(tty_shows(), "\r\n" CON_PROMPT);
	tty_type("hel\x7fx\blp", 8);
	assert_string_equal(tty_shows(), "hel\b \bx\b \blp");
	tty_type("\r\n", 2);
	shown = tty_shows();
	assert_true(!strncmp(shown, "\r\ncommands:\r\n  help ", 20));
	/* every line ends with CRLF, then the prompt; CRLF ran one line */
	assert_non_null(strstr(shown, "\r\n  mem "));
	assert_true(strlen(shown) > strlen(CON_PROMPT));
	assert_string_equal(shown + strlen(shown) - strlen(CON_PROMPT),
			    CON_PROMPT);
	assert_null(strstr(shown, "\r\n" CON_PROMPT "\r\n" CON_PROMPT));
	/* backspace on an empty line does nothing */
	tty_type("\x7f", 1);
	assert_string_equal(tty_shows(), "");
}

static void test_tty_garbage(void **state)
{
	char line[200];

	(void)state;
	con_tty_init(&tty, &sh);
	tty_shows();
	tty_type("a\x1b[A\x01\xfe\r", 7);
	assert_string_equal(tty_shows(), "a?[A??\r\nline contains control "
			    "characters\r\n" CON_PROMPT);
	memset(line, 'z', sizeof(line));
	tty_type(line, sizeof(line));
	tty_shows();
	tty_type("\n", 1);
	assert_string_equal(tty_shows(), "\r\nline too long (200 bytes, at "
			    "most 128)\r\n" CON_PROMPT);
	tty_type("junk\x03", 5);
	assert_string_equal(tty_shows(), "junk^C\r\n" CON_PROMPT);
	tty_type("\r", 1);
	assert_string_equal(tty_shows(), "\r\n" CON_PROMPT);
}

static void test_tty_bounded(void **state)
{
	(void)state;
	con_tty_init(&tty, &sh);
	tty_shows();
	/* one line per process call at most, the rest waits */
	con_tty_input(&tty, "help\rhelp\r", 10);
	con_tty_process(&tty, 1);
	assert_int_equal(tty.rx_len, 5);
	con_tty_process(&tty, 1);
	assert_int_equal(tty.rx_len, 0);
	/* more input than the queue holds is dropped, not overrun */
	assert_int_equal(con_tty_rx_room(&tty), CON_TTY_RX);
	con_tty_input(&tty, text, CON_TTY_RX);
	con_tty_input(&tty, "x", 1);
	assert_int_equal(tty.rx_len, CON_TTY_RX);
	assert_int_equal(con_tty_rx_room(&tty), 0);
}

static void test_tty_waits_for_room(void **state)
{
	char line[100];
	const char *p;
	unsigned int i;
	size_t n;

	(void)state;
	con_tty_init(&tty, &sh);
	for (i = 0; i < 200; i++) {
		snprintf(line, sizeof(line), "%04u %070u\n", i, 0);
		con_buf_write(&klog, line, strlen(line));
	}
	/* answers pile up unread: processing stops before the queue fills */
	con_tty_input(&tty, "log 100\rlog 100\rlog 100\r", 24);
	con_tty_process(&tty, 10);
	assert_int_equal(tty.rx_len, 16);
	for (i = 0; i < 2; i++) {
		n = con_tty_output(&tty, &p);
		assert_true(n > 7600 && n <= CON_TTY_TX);
		assert_memory_equal(p + n - strlen(CON_PROMPT), CON_PROMPT,
				    strlen(CON_PROMPT));
		con_tty_consumed(&tty, n);
		con_tty_process(&tty, 10);
		assert_int_equal(tty.rx_len, 8 - 8 * i);
	}
}

/*
 * Random lines (a hostile or confused user, a noisy UART): every answer is
 * clean text and fits the buffer; words are drawn from the commands so
 * that arguments get parsed too.
 */
static void test_random_lines(void **state)
{
	static const char *const words[] = {
		"help", "cells", "caps", "stats", "log", "mem", "root", "0",
		"1", "0x1", "-1", "99999999999999999999", "console", " ", "\t",
	};
	uint32_t seed = 4711;
	char line[CON_LINE_MAX + 40];
	unsigned int i, len, w;

	(void)state;
	for (i = 0; i < 20000; i++) {
		len = 0;
		seed = seed * 1103515245 + 12345;
		while (len < sizeof(line) - 24 && (seed >> 9) % 5) {
			seed = seed * 1103515245 + 12345;
			if ((seed >> 7) % 4) {
				w = (seed >> 11) % (sizeof(words) /
						    sizeof(words[0]));
				len += (unsigned int)snprintf(line + len,
					sizeof(line) - len, "%s ", words[w]);
			} else {
				line[len++] = (char)(seed >> 16);
			}
		}
		run_n(line, len);
		assert_clean();
		assert_true(strlen(text) < sizeof(text));
	}
}

#define T(fn)	cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_help),
		T(test_empty_lines),
		T(test_trailing_newline),
		T(test_unknown),
		T(test_too_long),
		T(test_control_chars),
		T(test_usage),
		T(test_cells),
		T(test_cells_cpus),
		T(test_cells_none),
		T(test_cells_service_error),
		T(test_caps_by_name_and_id),
		T(test_caps_bad_cell),
		T(test_caps_error),
		T(test_stats_all),
		T(test_stats_one),
		T(test_stats_bad_cpu),
		T(test_stats_no_hv),
		T(test_log_default),
		T(test_log_count),
		T(test_log_bad_count),
		T(test_log_empty_and_garbage),
		T(test_log_cut_to_fit),
		T(test_mem),
		T(test_mem_errors),
		T(test_out_truncated),
		T(test_tty_edit),
		T(test_tty_garbage),
		T(test_tty_bounded),
		T(test_tty_waits_for_room),
		T(test_random_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
