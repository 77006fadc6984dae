/* SPDX-License-Identifier: GPL-2.0 */
/* Shared parts of the bulkhead CLI: errors, usage, the daemon's commands. */
#ifndef BULKHEAD_AGENT_CLI_H
#define BULKHEAD_AGENT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "manifest.h"

/**
 * die() - print "bulkhead: <field>: <reason>" on stderr
 * @field:	what failed
 * @fmt:	printf format of the reason
 *
 * Return: 1, the exit code.
 */
int die(const char *field, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * usage() - print the help text
 * @f:	stdout (asked for) or stderr (a usage error)
 *
 * Return: 0 for stdout, 2 for stderr.
 */
int usage(FILE *f);

/**
 * bh_check_images() - every service image of @m is there and plausible
 * @m:		the manifest
 * @msg:	receives "<field>: <reason>" on failure
 * @size:	bytes at @msg
 *
 * Looks in /lib/firmware (or $BULKHEAD_FIRMWARE) with
 * bh_svc_image_check(): the file must exist and be a flat AArch64 ELF
 * image for the manifest's load and entry (a *.bin only non-empty).
 *
 * Return: 0 or -1.
 */
int bh_check_images(const struct bh_manifest *m, char *msg, size_t size);

/**
 * bh_daemon_start() - start bulkheadd and wait until it serves
 * @msg:	receives "<what>: <reason>" on failure, else the names of
 *		the services it serves
 * @size:	bytes at @msg
 *
 * Return: 0 or -1.
 */
int bh_daemon_start(char *msg, size_t size);

/**
 * bh_daemon_stop() - stop a running bulkheadd, if any
 *
 * Asks it over its socket (it unmaps every channel before it answers),
 * else signals the process of its pidfile, and waits until it is gone.
 *
 * Return: 0, or -1 if it would not stop.
 */
int bh_daemon_stop(void);

/*
 * The commands bulkheadd answers (cli_svc.c). Each takes the arguments
 * after its verb (and noun) and returns the exit code: 0, 1 after one
 * "bulkhead: <what>: <reason>" line, 2 after the usage text.
 */

/**
 * cmd_status() - bulkhead status [--slot N]
 * @argc:	arguments after the verb
 * @argv:	the arguments
 */
int cmd_status(int argc, char **argv);

/**
 * cmd_console() - bulkhead console [-f] [--slot N] [CELL]
 * @argc:	arguments after the verb
 * @argv:	the arguments
 */
int cmd_console(int argc, char **argv);

/**
 * cmd_shell() - bulkhead shell [--slot N] [CMD...]
 * @argc:	arguments after the verb
 * @argv:	the arguments
 *
 * Without CMD: one request per line of stdin (a prompt on a tty).
 */
int cmd_shell(int argc, char **argv);

/**
 * cmd_debug_rpc_raw() - bulkhead debug rpc-raw SERVICE HEX
 * @argc:	arguments after the noun
 * @argv:	the arguments
 */
int cmd_debug_rpc_raw(int argc, char **argv);

/**
 * cmd_debug_rpc_oversize() - bulkhead debug rpc-oversize SERVICE
 * @argc:	arguments after the noun
 * @argv:	the arguments
 */
int cmd_debug_rpc_oversize(int argc, char **argv);

/**
 * cmd_debug_fault() - bulkhead debug fault SERVICE
 * @argc:	arguments after the noun
 * @argv:	the arguments
 */
int cmd_debug_fault(int argc, char **argv);

/**
 * cmd_debug_emulate() - bulkhead debug emulate IPA SIZE SERVICE
 * @argc:	arguments after the noun
 * @argv:	the arguments
 */
int cmd_debug_emulate(int argc, char **argv);

/**
 * cmd_debug_bench() - bulkhead debug bench [-n N]: BH_IOCTL_BENCH for the
 * empty loop, a null invocation and a PING call to every service
 * @argc:	arguments after "debug bench"
 * @argv:	them
 *
 * Return: the exit code.
 */
int cmd_debug_bench(int argc, char **argv);

/**
 * cmd_debug_bench_irq() - bulkhead debug bench-irq [-n N]: N timer
 * interrupts, expiry to handler, with the hypervisor enabled or not
 * @argc:	arguments after "debug bench-irq"
 * @argv:	them
 *
 * Return: the exit code.
 */
int cmd_debug_bench_irq(int argc, char **argv);

#endif /* BULKHEAD_AGENT_CLI_H */
