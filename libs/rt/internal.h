/* SPDX-License-Identifier: GPL-2.0 */
/* Declarations shared by the runtime's own files; not for services. */
#ifndef BH_RT_INTERNAL_H
#define BH_RT_INTERNAL_H

#include <stdarg.h>
#include <bulkhead/rt.h>
#include "linux_abi.h"
#include "frame.h"

#define BH_RT_PAGE_SIZE		4096UL
#define BH_RT_VA_BITS		39

/*
 * The runtime's only library calls: musl's in a service, the host libc's
 * in the unit tests. Declared here so that no libc header is needed.
 */
void *memset(void *s, int c, __SIZE_TYPE__ n);
void *memcpy(void *dst, const void *src, __SIZE_TYPE__ n);

static inline uint64_t bh_rt_page_up(uint64_t x)
{
	return (x + BH_RT_PAGE_SIZE - 1) & ~(BH_RT_PAGE_SIZE - 1);
}

/* ------------------------------------------------------------------ */
/* Arch hooks (arch.c on aarch64; the unit tests provide their own)   */

/**
 * bh_rt_counter() - read the virtual counter, CNTVCT_EL0
 * Return: ticks.
 */
uint64_t bh_rt_counter(void);

/**
 * bh_rt_counter_freq() - ticks per second, CNTFRQ_EL0
 * Return: the frequency; never 0 (a missing value reads as 1 GHz).
 */
uint64_t bh_rt_counter_freq(void);

/**
 * bh_rt_wait_event() - sleep until an event, at most one event-stream tick
 *
 * WFE. The runtime enables the timer event stream, so this wakes at
 * least every few tens of microseconds and callers simply poll again.
 */
void bh_rt_wait_event(void);

/**
 * bh_rt_halt() - stop this CPU for good: interrupts masked, WFI loop
 */
void bh_rt_halt(void) __attribute__((noreturn));

/**
 * bh_rt_psci_off() - PSCI SYSTEM_OFF, then halt
 * @smc:	true: SMC conduit (a cell: bulkhead traps it); false: HVC
 *		(QEMU's own PSCI without EL2)
 */
void bh_rt_psci_off(int smc) __attribute__((noreturn));

/**
 * bh_rt_event_stream_on() - let the generic timer wake WFE periodically
 *
 * Sets CNTKCTL_EL1.EVNTEN with a period of about 50 us, which bounds every
 * bh_rt_wait_event().
 */
void bh_rt_event_stream_on(void);

/* ------------------------------------------------------------------ */
/* Memory map (mmu.c)                                                 */

/**
 * struct bh_rt_pt - page-table builder for a 39-bit identity map
 * @pool:	zeroed, 4 KiB-aligned pages to take tables from
 * @npages:	pages in @pool
 * @used:	pages taken; the first is the level-1 table
 *
 * Tables are addressed by their pointers: the map is an identity map,
 * so a table's virtual address is the physical one the walker needs.
 */
struct bh_rt_pt {
	uint64_t (*pool)[512];
	unsigned int npages;
	unsigned int used;
};

/* Attribute indices in MAIR_EL1 (mmu.c builds the MAIR value) */
#define BH_RT_MAIR_NORMAL	0	/* Normal, inner/outer WB RA WA */
#define BH_RT_MAIR_DEVICE	1	/* Device-nGnRE */

/* Extra map type for code: read-only, executable at EL1 */
#define BH_RT_MAP_CODE		16

/**
 * bh_rt_pt_init() - start an empty map
 * @pt:		builder
 * @pool:	zeroed pages
 * @npages:	how many, at least 1
 */
void bh_rt_pt_init(struct bh_rt_pt *pt, uint64_t (*pool)[512],
		   unsigned int npages);

/**
 * bh_rt_pt_map() - identity-map a range
 * @pt:		builder
 * @base:	first byte, 4 KiB aligned
 * @size:	bytes, a nonzero multiple of 4 KiB
 * @map:	BH_RT_MAP_*
 *
 * Uses 1 GiB and 2 MiB blocks where the range allows, 4 KiB pages
 * elsewhere. Ranges must not overlap anything mapped before.
 *
 * Return: 0, -EINVAL (misaligned, empty, beyond 39 bits, unknown @map),
 * -EEXIST (overlap) or -ENOMEM (pool exhausted). The map may be half
 * built on error.
 */
int bh_rt_pt_map(struct bh_rt_pt *pt, uint64_t base, uint64_t size,
		 unsigned int map);

/**
 * bh_rt_pt_lookup() - the descriptor that maps an address
 * @pt:		builder
 * @va:		address
 * @level:	set to the level of the descriptor (1, 2 or 3)
 *
 * Return: the block or page descriptor, or 0 if @va is not mapped.
 */
uint64_t bh_rt_pt_lookup(const struct bh_rt_pt *pt, uint64_t va,
			 int *level);

/* Register values to switch the MMU on with, from mmu.c */
struct bh_rt_mmu_regs {
	uint64_t mair;
	uint64_t tcr;
	uint64_t ttbr0;
	uint64_t sctlr;
};

/**
 * bh_rt_mmu_regs() - MAIR, TCR, TTBR0 and SCTLR values for a map
 * @pt:		the finished map
 * @mmfr0:	ID_AA64MMFR0_EL1 (its PARange sets TCR_EL1.IPS)
 * @regs:	filled in
 */
void bh_rt_mmu_regs(const struct bh_rt_pt *pt, uint64_t mmfr0,
		    struct bh_rt_mmu_regs *regs);

/* ------------------------------------------------------------------ */
/* Heap for brk and mmap (heap.c)                                     */

#define BH_RT_HEAP_HOLES	128

/**
 * struct bh_rt_heap - a fixed range shared by brk (from the bottom) and
 * mmap (from the top)
 * @start:	first byte, page aligned
 * @end:	end, page aligned
 * @brk:	the current break, @start <= @brk <= @mmap_low
 * @mmap_low:	lowest byte handed out by mmap
 * @nholes:	entries used in @holes
 * @leaked:	bytes munmapped while @holes was full (not reusable)
 * @holes:	freed ranges above @mmap_low, sorted, disjoint, never
 *		adjacent, none touching @mmap_low
 */
struct bh_rt_heap {
	uint64_t start;
	uint64_t end;
	uint64_t brk;
	uint64_t mmap_low;
	unsigned int nholes;
	uint64_t leaked;
	struct {
		uint64_t start;
		uint64_t end;
	} holes[BH_RT_HEAP_HOLES];
};

/**
 * bh_rt_heap_init() - make [@start, @end) the heap
 * @h:		heap
 * @start:	page aligned
 * @end:	page aligned, >= @start
 */
void bh_rt_heap_init(struct bh_rt_heap *h, uint64_t start, uint64_t end);

/**
 * bh_rt_heap_brk() - Linux brk
 * @h:		heap
 * @addr:	requested break; 0 (or anything out of range) asks for the
 *		current one
 *
 * New memory between the old and the new break reads as zero.
 *
 * Return: the new break, or the old one if @addr cannot be had.
 */
uint64_t bh_rt_heap_brk(struct bh_rt_heap *h, uint64_t addr);

/**
 * bh_rt_heap_mmap() - Linux mmap for anonymous memory
 * @h:		heap
 * @addr:	hint (ignored) or, with MAP_FIXED, the address
 * @len:	bytes
 * @prot:	PROT_* (not enforced)
 * @flags:	MAP_*: MAP_ANONYMOUS with MAP_PRIVATE or MAP_SHARED; MAP_FIXED
 *		only for a PROT_NONE guard inside the brk area (musl's
 *		malloc makes one), which is accepted and not enforced
 * @fd:		-1 (ignored with MAP_ANONYMOUS, as Linux does)
 * @off:	0
 *
 * Return: the address of @len zeroed bytes, or -ENOMEM, -EINVAL,
 * -ENODEV (file mappings).
 */
long bh_rt_heap_mmap(struct bh_rt_heap *h, uint64_t addr, uint64_t len,
		     long prot, long flags, long fd, uint64_t off);

/**
 * bh_rt_heap_munmap() - Linux munmap
 * @h:		heap
 * @addr:	page aligned
 * @len:	bytes
 *
 * Parts of the range that mmap never handed out are ignored, as Linux
 * ignores unmapped pages; the rest becomes reusable.
 *
 * Return: 0, or -EINVAL if @addr is misaligned, @len is 0 or the range
 * wraps.
 */
long bh_rt_heap_munmap(struct bh_rt_heap *h, uint64_t addr, uint64_t len);

/**
 * bh_rt_heap_mremap() - Linux mremap for ranges from bh_rt_heap_mmap()
 * @h:		heap
 * @old:	page aligned start of the range
 * @old_len:	its length
 * @new_len:	wanted length
 * @flags:	0 or MREMAP_MAYMOVE
 *
 * Shrinks in place, grows in place into a free neighbour, or (with
 * MREMAP_MAYMOVE) moves: new range, copy, unmap the old one.
 *
 * Return: the range's address, or -ENOMEM, -EINVAL, -EFAULT (the range
 * is not in the mmap area).
 */
long bh_rt_heap_mremap(struct bh_rt_heap *h, uint64_t old, uint64_t old_len,
		       uint64_t new_len, long flags);

/* ------------------------------------------------------------------ */
/* System calls (syscalls.c), console and log (log.c)                 */

/**
 * bh_rt_syscalls_init() - set up the system-call layer
 * @plat:	the platform (console, flags)
 * @heap_start:	first heap byte, page aligned
 * @heap_end:	end of the heap, page aligned
 */
void bh_rt_syscalls_init(const struct bh_rt_platform *plat,
			 uint64_t heap_start, uint64_t heap_end);

/**
 * bh_rt_syscall() - answer one Linux system call
 * @nr:		number (x8)
 * @a:		arguments (x0..x5)
 * @pc:		address of the svc, for the log
 *
 * Return: what goes back in x0: a result or a negative errno.
 */
long bh_rt_syscall(unsigned long nr, const unsigned long a[6], uint64_t pc);

/**
 * bh_rt_set_platform() - make @plat the console and poweroff of the runtime
 * @plat:	the platform
 */
void bh_rt_set_platform(const struct bh_rt_platform *plat);

/**
 * bh_rt_vsnprintf() - the formatter behind bh_rt_log() (libs/fmt's)
 * @buf:	output, always NUL-terminated if @size > 0
 * @size:	bytes at @buf
 * @fmt:	format, see bh_rt_log()
 * @ap:		arguments
 *
 * Return: characters written, without the NUL (truncated output counts
 * only what fits).
 */
int bh_rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/**
 * bh_rt_snprintf() - bh_rt_vsnprintf() with arguments
 * @buf:	output
 * @size:	bytes at @buf
 * @fmt:	format, see bh_rt_log()
 *
 * Return: characters written.
 */
int bh_rt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * bh_rt_chan_console_init() - make a channel the console
 * @mem:	the channel region, mapped Normal WB inner shareable
 * @size:	its size
 * @end_a:	nonzero: format it as end A with the largest ring that fits;
 *		zero: attach as end B to what the peer formatted
 * @doorbell:	rings the peer's doorbell when the channel asks for one, or
 *		NULL while the kernel offers no doorbell (the reader polls)
 *
 * Return: 0 or the negative error of bh_chan_init() / bh_chan_attach().
 */
int bh_rt_chan_console_init(void *mem, uint64_t size, int end_a,
			    void (*doorbell)(void));

/**
 * bh_rt_chan_console_write() - send bytes as channel messages
 * @buf:	bytes
 * @len:	how many; split into messages of at most BH_CHAN_MSG_MAX
 *
 * Waits (bh_rt_wait_event()) while the ring is full, for as long as it
 * takes: console output is never dropped while the reader is alive.
 *
 * Return: bytes sent (short if the channel broke midway), or -EIO if it
 * is broken and nothing was sent.
 */
long bh_rt_chan_console_write(const char *buf, size_t len);

/* ------------------------------------------------------------------ */
/* Start-up and exceptions (setup.c, trap.c)                          */

/**
 * struct bh_rt_frame - registers saved by vectors.S (layout in frame.h)
 * @x:		x0-x30
 * @sp:		SP before the exception
 * @elr:	ELR_EL1: the return address (after the svc for a system call)
 * @spsr:	SPSR_EL1
 * @q:		q0-q31
 * @fpsr:	FPSR
 * @fpcr:	FPCR
 */
struct bh_rt_frame {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
	__uint128_t q[32];
	uint64_t fpsr;
	uint64_t fpcr;
};
BH_ASSERT_OFFSET(struct bh_rt_frame, sp, BH_RT_FRAME_SP);
BH_ASSERT_OFFSET(struct bh_rt_frame, elr, BH_RT_FRAME_ELR);
BH_ASSERT_OFFSET(struct bh_rt_frame, q, BH_RT_FRAME_Q);
BH_ASSERT_OFFSET(struct bh_rt_frame, fpsr, BH_RT_FRAME_FPSR);
BH_ASSERT_SIZE(struct bh_rt_frame, BH_RT_FRAME_SIZE);
_Static_assert(BH_RT_FRAME_SIZE % 16 == 0, "SP stays 16-byte aligned");

/**
 * bh_rt_exception() - C entry of every exception vector
 * @f:		the saved registers; x0 is written back for a system call
 * @kind:	BH_RT_VEC_* (which vector)
 *
 * A system call from EL1 is answered and returns; anything else is fatal:
 * one log line with ESR, ELR and FAR, a register dump, then bh_rt_exit()
 * with 128 + the signal Linux would have sent.
 */
void bh_rt_exception(struct bh_rt_frame *f, unsigned long kind);

/**
 * bh_rt_setup() - start-up with the MMU off: platform, memory map
 *
 * Probes the platform with the entry registers start.S kept in
 * bh_rt_entry_x.
 * Powers off (silently) if the platform's regions cannot be mapped.
 *
 * Return: the MMU register values to load, or NULL if the platform probe
 * returned NULL (start.S then parks the CPU).
 */
const struct bh_rt_mmu_regs *bh_rt_setup(void);

/* x0-x7 at entry (setup.c), written by start.S once BSS is zero */
extern uint64_t bh_rt_entry_x[8];

/**
 * bh_rt_init() - start-up with the MMU on: console, heap, musl's stack
 * @block:	BH_RT_START_BLOCK bytes at the top of the boot stack
 *
 * Fills @block with argc, argv, envp and the auxiliary vector that musl's
 * _start reads from its initial stack.
 */
void bh_rt_init(uint64_t *block);

#endif /* BH_RT_INTERNAL_H */
