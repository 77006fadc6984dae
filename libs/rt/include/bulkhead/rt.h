/* SPDX-License-Identifier: GPL-2.0 */
/* Runtime for service cells: the platform interface and the runtime's API. */
#ifndef BULKHEAD_RT_H
#define BULKHEAD_RT_H

#include <stddef.h>
#include <bulkhead/types.h>
#include <bulkhead/svcboot.h>

/*
 * libs/rt runs a static musl program at EL1 with no operating system
 * below it: start.S sets up the CPU and an identity map, then enters
 * musl's own _start; musl's system calls (svc #0) arrive at the runtime's
 * vectors and syscalls.c answers them. Where the console is, how much
 * memory there is and how to stop are the platform's business: the
 * platform object linked into the program (standalone.c for QEMU without
 * a hypervisor, cell.c under bulkhead) provides bh_rt_platform_probe().
 * docs/services.md describes the whole contract.
 */

/* Mapping types of struct bh_rt_region */
#define BH_RT_MAP_NORMAL	1	/* Normal WB, inner sh., RW, XN */
#define BH_RT_MAP_NORMAL_RO	2	/* as NORMAL, read-only */
#define BH_RT_MAP_DEVICE	3	/* Device-nGnRE, RW, XN */

/* Platform flags */
#define BH_RT_TRACE		(1U << 0)	/* log every system call */

/**
 * struct bh_rt_region - a region the runtime maps besides RAM
 * @base:	physical (intermediate physical in a cell) address, 4 KiB
 *		aligned; mapped at the same virtual address
 * @size:	bytes, a nonzero multiple of 4 KiB
 * @map:	BH_RT_MAP_*
 */
struct bh_rt_region {
	uint64_t base;
	uint64_t size;
	unsigned int map;
};

/**
 * struct bh_rt_platform - what a platform tells the runtime
 * @name:	program name, becomes argv[0]
 * @flags:	BH_RT_* flags
 * @ram_base:	start of the RAM the image runs in
 * @ram_size:	bytes of RAM; the image must lie inside it, everything
 *		above the image is the heap for brk and mmap
 * @regions:	further regions to map (devices, channels)
 * @nr_regions:	entries in @regions
 * @boot:	the validated copy of the boot-info page, or NULL when the
 *		platform has none (standalone)
 * @console_init: called once with the MMU on, before the first write;
 *		may be NULL. Returns 0 or a negative errno; on error the
 *		runtime powers off.
 * @console_write: writes @len bytes, waiting as long as needed; returns
 *		@len or a negative errno. Called from the system-call handler
 *		and the fatal-exception path, never concurrently.
 * @poweroff:	stops the program for good; must not return
 *
 * Returned by bh_rt_platform_probe() and never changed afterwards.
 */
struct bh_rt_platform {
	const char *name;
	unsigned int flags;
	uint64_t ram_base;
	uint64_t ram_size;
	const struct bh_rt_region *regions;
	unsigned int nr_regions;
	const struct bh_svc_boot *boot;
	int (*console_init)(void);
	long (*console_write)(const char *buf, size_t len);
	void (*poweroff)(void) __attribute__((noreturn));
};

/**
 * bh_rt_platform_probe() - describe the platform the program runs on
 * @regs:	x0-x7 at entry. In a cell x7 is the boot-info page's IPA
 *		and x0-x6 the first call's message (docs/services.md); the
 *		standalone platform ignores them.
 *
 * Provided by the platform object linked into the program. Called once,
 * with the MMU and caches off: it must not use library functions, FP/SIMD
 * registers, unaligned accesses or atomics. The image's BSS is already
 * zero.
 *
 * A platform that cannot run the program (bad boot information) powers
 * off without a word: nothing can print yet.
 *
 * Return: the platform, or NULL to make the runtime park the CPU in a WFI
 * loop instead.
 */
const struct bh_rt_platform *bh_rt_platform_probe(const uint64_t regs[8]);

/**
 * bh_rt_platform_get() - the platform the program runs on
 *
 * Return: what bh_rt_platform_probe() returned; services read
 * ->boot to find their channels.
 */
const struct bh_rt_platform *bh_rt_platform_get(void);

/**
 * bh_rt_entry_reg() - a register as the program was entered with it
 * @n:		0-7 for x0-x7
 *
 * In a cell, x0-x6 hold the message of the call that started the service
 * (docs/services.md, "Entry contract"), for the service to answer.
 *
 * Return: x@n at entry, or 0 if @n > 7.
 */
uint64_t bh_rt_entry_reg(unsigned int n);

/**
 * bh_rt_console_write() - write bytes to the console, unbuffered
 * @buf:	bytes
 * @len:	how many
 *
 * What write(1, ...) does, without going through musl's stdio buffers.
 *
 * Return: @len or a negative errno.
 */
long bh_rt_console_write(const char *buf, size_t len);

/**
 * bh_rt_log() - print one runtime message on the console
 * @fmt:	format: what bh_vsnprintf() (libs/fmt, the kernel's
 *		formatter too) takes: %s %c %d %i %u %x %X %p %%, l/ll/z,
 *		the '-' and '0' flags, a field width; no floating point
 *
 * Prefixes "bh-rt: " and appends a newline. Does not use musl (it works
 * from the exception vectors while musl is mid-call) and truncates at 200
 * bytes.
 */
void bh_rt_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/**
 * bh_rt_exit() - end the program
 * @status:	exit status, printed as "exit @status" on the console
 *
 * What exit_group does: prints the line, then the platform's poweroff.
 * Does not run atexit handlers or flush stdio (exit() does that first).
 */
void bh_rt_exit(int status) __attribute__((noreturn));

/**
 * bh_rt_trace_syscalls - log every system call
 *
 * A weak constant, 0 in the runtime. A program that defines it as 1
 * (`const int bh_rt_trace_syscalls = 1;`) gets one console line per
 * system call from its very first one on, on any platform; the
 * BH_SVC_BOOT_TRACE boot flag does the same in a cell.
 */
extern const int bh_rt_trace_syscalls;

/*
 * The receive loop of a service cell (cell platform only). A service
 * initialises itself (musl, heap, its own state), then calls
 * bh_service_wait(): the kernel ends the service's start-up there and
 * parks it. Each call to the service's endpoint resumes it with the call's
 * message; the service answers with bh_service_reply_wait(), which parks
 * it again until the next call:
 *
 *	struct bh_msg in, out;
 *
 *	setup();
 *	bh_service_wait(&in);
 *	for (;;) {
 *		handle(&in, &out);
 *		bh_service_reply_wait(&out, &in);
 *	}
 *
 * A call runs within the service's per-call budget (manifest budget-us);
 * the start-up within the init budget. docs/services.md, "The receive
 * loop".
 */

/**
 * struct bh_msg - a message between a caller and a service
 * @info:	message info (caps.h: bh_msginfo()): label and length. In a
 *		call the label is BH_LABEL_EP_CALL; in a reply only the
 *		length counts (the caller sees label 0).
 * @mr:		mr0..mr3; past the length they read as 0
 *		in a call and are not delivered in a reply
 * @badge:	in a call: the badge of the caller's endpoint capability,
 *		which tells callers apart; ignored in a reply
 * @rights:	in a call: the rights (BH_RIGHT_*) of the caller's endpoint
 *		capability, the authority the service checks; 0 for a
 *		delivered access (BH_LABEL_EP_MMIO); ignored in a reply
 */
struct bh_msg {
	uint64_t info;
	uint64_t mr[4];
	uint64_t badge;
	uint64_t rights;
};

/**
 * bh_rt_region() - a region of the boot-info page, by type and name
 * @type:	BH_SVC_REGION_*
 * @name:	e.g. "root" (the root channel), "log" (the kernel's log ring)
 *
 * Return: the region (mapped at VA == IPA), or NULL if the page names
 * none (or there is no page: the standalone platform).
 */
const struct bh_svc_region *bh_rt_region(uint32_t type, const char *name);

/**
 * bh_invoke() - invoke a capability of the service's own cspace
 * @slot:	the slot
 * @label:	enum bh_label
 * @len:	message registers used (0..4)
 * @mr:		the message registers, may be NULL when @len is 0
 * @reply:	if not NULL, the four reply registers (0 past the reply's
 *		length)
 *
 * Return: 0, or the kernel's negative BH_E_* error.
 */
int bh_invoke(uint64_t slot, uint32_t label, unsigned int len,
	      const uint64_t *mr, uint64_t reply[4]);

/**
 * bh_service_wait() - end the start-up, or give up the call, and wait
 * @in:		filled with the next call
 *
 * The first call after the service's (re)start marks the end of its
 * start-up. Called while serving a call, it answers that call with an
 * empty reply.
 *
 * Return: 0 with @in filled, or the kernel's negative BH_E_* error when
 * the hypercall was refused (not a service, no endpoint in slot 2).
 */
int bh_service_wait(struct bh_msg *in);

/**
 * bh_service_reply_wait() - answer the current call and wait for the next
 * @out:	the reply: @out->info gives its length, @out->mr the values
 * @in:		filled with the next call; may be @out
 *
 * Return: as bh_service_wait().
 */
int bh_service_reply_wait(const struct bh_msg *out, struct bh_msg *in);

#endif /* BULKHEAD_RT_H */
