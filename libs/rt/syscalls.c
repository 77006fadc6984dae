/* SPDX-License-Identifier: GPL-2.0 */
/* The Linux system calls a static musl program makes, answered in-cell. */
#include "internal.h"

/*
 * One process, one thread, no files: stdout and stderr are the console,
 * memory is the fixed heap, time is the generic timer. Everything else
 * fails with ENOSYS and one log line, so that a service using more of
 * libc than the runtime offers finds out at once.
 */

#define RT_TID		1	/* the one thread's id, and the pid */
#define MAX_IOV		1024	/* Linux's UIO_MAXIOV */
#define NSEC_PER_SEC	1000000000ULL

struct call {
	unsigned long nr;
	const unsigned long *a;
	uint64_t pc;
};

static struct bh_rt_heap heap;
static int trace;

/* Weak, so that a program can turn tracing on by defining it as 1 */
__attribute__((weak)) const int bh_rt_trace_syscalls;

static void *uptr(unsigned long a)
{
	return (void *)(uintptr_t)a;
}

static long sys_enosys(const struct call *c)
{
	bh_rt_log("unsupported syscall %lu at pc 0x%llx", c->nr,
		  (unsigned long long)c->pc);
	return -LX_ENOSYS;
}

static int is_console(unsigned long fd)
{
	return fd == 1 || fd == 2;
}

static long sys_write(const struct call *c)
{
	if (!is_console(c->a[0]))
		return -LX_EBADF;
	if (!c->a[2])
		return 0;
	return bh_rt_console_write(uptr(c->a[1]), c->a[2]);
}

static long sys_writev(const struct call *c)
{
	const struct lx_iovec *iov = uptr(c->a[1]);
	unsigned long i, cnt = c->a[2];
	long done = 0, ret;

	if (!is_console(c->a[0]))
		return -LX_EBADF;
	if (cnt > MAX_IOV)
		return -LX_EINVAL;
	for (i = 0; i < cnt; i++) {
		if (!iov[i].len)
			continue;
		ret = bh_rt_console_write(uptr(iov[i].base), iov[i].len);
		if (ret < 0)
			return done ? done : ret;
		done += ret;
	}
	return done;
}

/* A terminal, so that musl line-buffers stdout as on a console */
static long sys_ioctl(const struct call *c)
{
	struct lx_winsize *ws = uptr(c->a[2]);

	if (c->a[0] > 2)
		return -LX_EBADF;
	if (c->a[1] != LX_TIOCGWINSZ)
		return -LX_ENOTTY;
	if (!ws)
		return -LX_EFAULT;
	ws->ws_row = 24;
	ws->ws_col = 80;
	ws->ws_xpixel = 0;
	ws->ws_ypixel = 0;
	return 0;
}

static long sys_exit(const struct call *c)
{
	bh_rt_exit((int)(c->a[0] & 0xff));
}

static long sys_tid(const struct call *c)
{
	(void)c;
	return RT_TID;
}

static long sys_zero(const struct call *c)
{
	(void)c;
	return 0;
}

/* No signal is ever delivered: every mask is as good as empty */
static long sys_rt_sigprocmask(const struct call *c)
{
	if (c->a[3] != 8)
		return -LX_EINVAL;
	if (c->a[2])
		*(uint64_t *)uptr(c->a[2]) = 0;
	return 0;
}

/* Signals sent to ourselves act with their default action */
static long send_signal(unsigned long target, unsigned long sig)
{
	if (target != RT_TID)
		return -LX_ESRCH;
	if (sig >= LX_NSIG)
		return -LX_EINVAL;
	switch (sig) {
	case 0:			/* existence check */
	case 17: case 18:	/* SIGCHLD, SIGCONT: ignored */
	case 19: case 20:	/* SIGSTOP, SIGTSTP: nothing to stop into */
	case 21: case 22:	/* SIGTTIN, SIGTTOU */
	case 23: case 28:	/* SIGURG, SIGWINCH: ignored */
		return 0;
	}
	bh_rt_log("killed by signal %lu", sig);
	bh_rt_exit(128 + (int)sig);
}

static long sys_kill(const struct call *c)
{
	long pid = (long)c->a[0];

	/* 0 and -1 mean our process group and everyone: just us */
	return send_signal(pid == 0 || pid == -1 ? RT_TID : c->a[0], c->a[1]);
}

static long sys_tkill(const struct call *c)
{
	return send_signal(c->a[0], c->a[1]);
}

static long sys_tgkill(const struct call *c)
{
	if (c->a[0] != RT_TID)
		return -LX_ESRCH;
	return send_signal(c->a[1], c->a[2]);
}

/* ----------------------------------------------------------------- */
/* Time: CLOCK_REALTIME and CLOCK_MONOTONIC both count from power-on  */

static int clock_ok(unsigned long clk)
{
	return clk <= LX_CLOCK_BOOTTIME;
}

static void ticks_to_ts(uint64_t t, uint64_t freq, struct lx_timespec *ts)
{
	/* split first: t * 1e9 would overflow after 18 s at 1 GHz */
	ts->tv_sec = (int64_t)(t / freq);
	ts->tv_nsec = (int64_t)((t % freq) * NSEC_PER_SEC / freq);
}

/* Ticks covering @ts (rounded up), saturating */
static uint64_t ts_to_ticks(const struct lx_timespec *ts, uint64_t freq)
{
	uint64_t sec = (uint64_t)ts->tv_sec;
	uint64_t part = ((uint64_t)ts->tv_nsec * freq + NSEC_PER_SEC - 1) /
			NSEC_PER_SEC;

	if (sec > (UINT64_MAX - part) / freq)
		return UINT64_MAX;
	return sec * freq + part;
}

static int ts_valid(const struct lx_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       (uint64_t)ts->tv_nsec < NSEC_PER_SEC;
}

static long sys_clock_gettime(const struct call *c)
{
	struct lx_timespec *ts = uptr(c->a[1]);

	if (!clock_ok(c->a[0]))
		return -LX_EINVAL;
	if (!ts)
		return -LX_EFAULT;
	ticks_to_ts(bh_rt_counter(), bh_rt_counter_freq(), ts);
	return 0;
}

static long sys_clock_getres(const struct call *c)
{
	struct lx_timespec *ts = uptr(c->a[1]);
	uint64_t freq = bh_rt_counter_freq();

	if (!clock_ok(c->a[0]))
		return -LX_EINVAL;
	if (ts) {
		ts->tv_sec = 0;
		ts->tv_nsec = (int64_t)((NSEC_PER_SEC + freq - 1) / freq);
	}
	return 0;
}

static long sleep_until(uint64_t deadline)
{
	while (bh_rt_counter() < deadline)
		bh_rt_wait_event();
	return 0;
}

static long sys_nanosleep(const struct call *c)
{
	const struct lx_timespec *req = uptr(c->a[0]);
	uint64_t now = bh_rt_counter(), d;

	if (!req)
		return -LX_EFAULT;
	if (!ts_valid(req))
		return -LX_EINVAL;
	d = ts_to_ticks(req, bh_rt_counter_freq());
	return sleep_until(d > UINT64_MAX - now ? UINT64_MAX : now + d);
}

static long sys_clock_nanosleep(const struct call *c)
{
	const struct lx_timespec *req = uptr(c->a[2]);
	uint64_t now = bh_rt_counter(), d;

	if (!clock_ok(c->a[0]) || (c->a[1] & ~(unsigned long)LX_TIMER_ABSTIME))
		return -LX_EINVAL;
	if (!req)
		return -LX_EFAULT;
	if (!ts_valid(req))
		return -LX_EINVAL;
	d = ts_to_ticks(req, bh_rt_counter_freq());
	if (c->a[1] & LX_TIMER_ABSTIME)
		return sleep_until(d);
	return sleep_until(d > UINT64_MAX - now ? UINT64_MAX : now + d);
}

/* ----------------------------------------------------------------- */
/* Memory                                                             */

static long sys_brk(const struct call *c)
{
	return (long)bh_rt_heap_brk(&heap, c->a[0]);
}

static long sys_mmap(const struct call *c)
{
	long ret = bh_rt_heap_mmap(&heap, c->a[0], c->a[1], (long)c->a[2],
				   (long)c->a[3], (long)c->a[4], c->a[5]);

	/* what a service may expect to work: say why it does not */
	if (ret == -LX_ENODEV || (ret == -LX_EINVAL && c->a[1]))
		bh_rt_log("unsupported mmap (flags 0x%lx, fd %ld) at pc 0x%llx",
			  c->a[3], (long)c->a[4], (unsigned long long)c->pc);
	return ret;
}

static long sys_munmap(const struct call *c)
{
	return bh_rt_heap_munmap(&heap, c->a[0], c->a[1]);
}

static long sys_mremap(const struct call *c)
{
	return bh_rt_heap_mremap(&heap, c->a[0], c->a[1], c->a[2],
				 (long)c->a[3]);
}

/* ----------------------------------------------------------------- */

/* Every slot filled first, then the calls we answer */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static long (*const table[LX_NR_SYSCALLS])(const struct call *) = {
	[0 ... LX_NR_SYSCALLS - 1] = sys_enosys,
	[LX_SYS_ioctl] = sys_ioctl,
	[LX_SYS_write] = sys_write,
	[LX_SYS_writev] = sys_writev,
	[LX_SYS_exit] = sys_exit,
	[LX_SYS_exit_group] = sys_exit,
	[LX_SYS_set_tid_address] = sys_tid,
	[LX_SYS_nanosleep] = sys_nanosleep,
	[LX_SYS_clock_gettime] = sys_clock_gettime,
	[LX_SYS_clock_getres] = sys_clock_getres,
	[LX_SYS_clock_nanosleep] = sys_clock_nanosleep,
	[LX_SYS_sched_yield] = sys_zero,
	[LX_SYS_kill] = sys_kill,
	[LX_SYS_tkill] = sys_tkill,
	[LX_SYS_tgkill] = sys_tgkill,
	[LX_SYS_rt_sigprocmask] = sys_rt_sigprocmask,
	[LX_SYS_getpid] = sys_tid,
	[LX_SYS_gettid] = sys_tid,
	[LX_SYS_brk] = sys_brk,
	[LX_SYS_munmap] = sys_munmap,
	[LX_SYS_mremap] = sys_mremap,
	[LX_SYS_mmap] = sys_mmap,
	[LX_SYS_madvise] = sys_zero,	/* advice may be ignored */
};
#pragma GCC diagnostic pop

void bh_rt_syscalls_init(const struct bh_rt_platform *p, uint64_t heap_start,
			 uint64_t heap_end)
{
	trace = bh_rt_trace_syscalls || (p->flags & BH_RT_TRACE);
	bh_rt_heap_init(&heap, heap_start, heap_end);
}

long bh_rt_syscall(unsigned long nr, const unsigned long a[6], uint64_t pc)
{
	struct call c = { nr, a, pc };
	long ret;

	/* exit never comes back to be traced */
	if (trace && (nr == LX_SYS_exit || nr == LX_SYS_exit_group))
		bh_rt_log("syscall %lu (%ld)", nr, (long)a[0]);
	if (nr < LX_NR_SYSCALLS)
		ret = table[nr](&c);
	else
		ret = sys_enosys(&c);
	if (!trace)
		return ret;
	if (ret > -4096 && ret < 4096)
		bh_rt_log("syscall %lu (0x%lx, 0x%lx, 0x%lx) = %ld", nr,
			  a[0], a[1], a[2], ret);
	else
		bh_rt_log("syscall %lu (0x%lx, 0x%lx, 0x%lx) = 0x%lx", nr,
			  a[0], a[1], a[2], (unsigned long)ret);
	return ret;
}
