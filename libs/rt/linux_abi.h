/* SPDX-License-Identifier: GPL-2.0 */
/* The bits of the arm64 Linux system-call ABI that the runtime answers. */
#ifndef BH_RT_LINUX_ABI_H
#define BH_RT_LINUX_ABI_H

#include <bulkhead/types.h>

/*
 * Values from Linux's asm-generic unistd.h and errno headers as musl
 * 1.2.3 uses them on aarch64. Prefixed LX_ so that the host unit tests
 * can include their own libc's headers next to this one.
 */

/* System-call numbers */
#define LX_SYS_ioctl		29
#define LX_SYS_write		64
#define LX_SYS_writev		66
#define LX_SYS_exit		93
#define LX_SYS_exit_group	94
#define LX_SYS_set_tid_address	96
#define LX_SYS_nanosleep	101
#define LX_SYS_clock_gettime	113
#define LX_SYS_clock_getres	114
#define LX_SYS_clock_nanosleep	115
#define LX_SYS_sched_yield	124
#define LX_SYS_kill		129
#define LX_SYS_tkill		130
#define LX_SYS_tgkill		131
#define LX_SYS_rt_sigprocmask	135
#define LX_SYS_getpid		172
#define LX_SYS_gettid		178
#define LX_SYS_brk		214
#define LX_SYS_munmap		215
#define LX_SYS_mremap		216
#define LX_SYS_mmap		222
#define LX_SYS_madvise		233
#define LX_NR_SYSCALLS		300	/* table size; above: ENOSYS */

/* Error numbers (returned negated) */
#define LX_EPERM		1
#define LX_ESRCH		3
#define LX_EINTR		4
#define LX_EIO			5
#define LX_EBADF		9
#define LX_ENOMEM		12
#define LX_EFAULT		14
#define LX_EEXIST		17
#define LX_ENODEV		19
#define LX_EINVAL		22
#define LX_ENOTTY		25
#define LX_ENOSYS		38

/* ioctl */
#define LX_TIOCGWINSZ		0x5413

/* mmap and mremap */
#define LX_PROT_NONE		0x0
#define LX_PROT_READ		0x1
#define LX_PROT_WRITE		0x2
#define LX_MAP_SHARED		0x01
#define LX_MAP_PRIVATE		0x02
#define LX_MAP_TYPE		0x0f
#define LX_MAP_FIXED		0x10
#define LX_MAP_ANONYMOUS	0x20
#define LX_MAP_NORESERVE	0x4000
#define LX_MAP_POPULATE		0x8000
#define LX_MAP_STACK		0x20000
#define LX_MREMAP_MAYMOVE	1

/* Clocks */
#define LX_CLOCK_REALTIME		0
#define LX_CLOCK_MONOTONIC		1
#define LX_CLOCK_PROCESS_CPUTIME_ID	2
#define LX_CLOCK_THREAD_CPUTIME_ID	3
#define LX_CLOCK_MONOTONIC_RAW		4
#define LX_CLOCK_REALTIME_COARSE	5
#define LX_CLOCK_MONOTONIC_COARSE	6
#define LX_CLOCK_BOOTTIME		7
#define LX_TIMER_ABSTIME		1

/* Signals the runtime names when a program kills itself or faults */
#define LX_SIGILL		4
#define LX_SIGTRAP		5
#define LX_SIGABRT		6
#define LX_SIGBUS		7
#define LX_SIGFPE		8
#define LX_SIGSEGV		11
#define LX_NSIG			64

/* Auxiliary vector keys */
#define LX_AT_NULL		0
#define LX_AT_PHDR		3
#define LX_AT_PHENT		4
#define LX_AT_PHNUM		5
#define LX_AT_PAGESZ		6
#define LX_AT_UID		11
#define LX_AT_EUID		12
#define LX_AT_GID		13
#define LX_AT_EGID		14
#define LX_AT_HWCAP		16
#define LX_AT_CLKTCK		17
#define LX_AT_SECURE		23
#define LX_AT_RANDOM		25
#define LX_AT_EXECFN		31
#define LX_HWCAP_FP		(1UL << 0)
#define LX_HWCAP_ASIMD		(1UL << 1)
#define LX_HWCAP_AES		(1UL << 3)
#define LX_HWCAP_PMULL		(1UL << 4)
#define LX_HWCAP_SHA1		(1UL << 5)
#define LX_HWCAP_SHA2		(1UL << 6)
#define LX_HWCAP_CRC32		(1UL << 7)
#define LX_HWCAP_ATOMICS	(1UL << 8)

/* struct timespec on LP64 (time64 by construction) */
struct lx_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct lx_iovec {
	uint64_t base;
	uint64_t len;
};

struct lx_winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

#endif /* BH_RT_LINUX_ABI_H */
