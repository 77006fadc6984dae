/* SPDX-License-Identifier: GPL-2.0 */
/* printk: formatted lines into the log ring and out of the UART. */
#include <stdarg.h>
#include <core/boot.h>
#include <core/lib.h>
#include <core/printk.h>
#include <asm/barrier.h>
#include <asm/spinlock.h>

#define LOG_RING_SIZE	16384	/* power of two */
#define LINE_MAX	256

static char log_ring[LOG_RING_SIZE];
static u64 log_head;		/* bytes ever written */
static spinlock_t log_lock;
static void *console;

static void lock(void)
{
	if (kernel_locks_on)
		spin_lock(&log_lock);
}

static void unlock(void)
{
	if (kernel_locks_on)
		spin_unlock(&log_lock);
}

static void console_write(const char *s, size_t n)
{
	for (; console && n; n--, s++) {
		if (*s == '\n')
			arch_console_putc(console, '\r');
		arch_console_putc(console, *s);
	}
}

static void vprintk(const char *fmt, va_list ap)
{
	char line[LINE_MAX];
	size_t n, i;
	int len;

	len = vsnprintf(line, sizeof(line), fmt, ap);
	n = MIN((size_t)len, sizeof(line) - 1);
	lock();
	for (i = 0; i < n; i++)
		log_ring[(log_head + i) % LOG_RING_SIZE] = line[i];
	log_head += n;
	console_write(line, n);
	unlock();
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

size_t log_read(u64 *pos, char *buf, size_t len)
{
	size_t n = 0;

	lock();
	if (log_head - *pos > LOG_RING_SIZE)
		*pos = log_head - LOG_RING_SIZE;
	for (; n < len && *pos < log_head; n++, (*pos)++)
		buf[n] = log_ring[*pos % LOG_RING_SIZE];
	unlock();
	return n;
}

void console_init(void *base)
{
	u64 start = log_head > LOG_RING_SIZE ? log_head - LOG_RING_SIZE : 0;

	lock();
	console = base;
	for (; start < log_head; start++)
		console_write(&log_ring[start % LOG_RING_SIZE], 1);
	unlock();
}

void hv_panic(const char *fmt, ...)
{
	va_list ap;

	printk("bulkhead: PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	for (;;)
		wfe();
}
