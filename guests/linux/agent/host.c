// SPDX-License-Identifier: GPL-2.0
/* Reads /proc and /sys, and checks a manifest against the running Linux. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"

#define MPIDR_AFF_MASK	0xff00ffffffULL
#define PATH_MAX_LEN	512

static FILE *open_at(const char *root, const char *path)
{
	char full[PATH_MAX_LEN];
	int n = snprintf(full, sizeof(full), "%s%s", root, path);

	if (n < 0 || n >= (int)sizeof(full)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return fopen(full, "r");
}

int bh_host_system_ram(const char *root, struct bh_range *out, int max)
{
	char line[256];
	int n = 0, hidden = 1;
	FILE *f;

	f = open_at(root, "/proc/iomem");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long s, e;
		char name[64];

		if (sscanf(line, "%llx-%llx : %63[^\n]", &s, &e, name) != 3)
			continue;
		if (s || e)
			hidden = 0;
		if (strcmp(name, "System RAM") || n == max)
			continue;
		out[n].start = s;
		out[n].end = e;
		n++;
	}
	fclose(f);
	return (hidden && n) ? -EPERM : n;
}

/* Parses a cpulist such as "0-3,6"; sets bits in @set (BH_HOST_MAX_CPUS). */
static int read_cpulist(const char *root, const char *path, unsigned char *set)
{
	char buf[1024], *p;
	FILE *f;

	memset(set, 0, BH_HOST_MAX_CPUS);
	f = open_at(root, path);
	if (!f)
		return -errno;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (!p)
		return 0;	/* empty list */
	while (*p && *p != '\n') {
		char *end;
		unsigned long a, b;

		a = strtoul(p, &end, 10);
		if (end == p)
			return -EINVAL;
		b = a;
		if (*end == '-') {
			p = end + 1;
			b = strtoul(p, &end, 10);
			if (end == p)
				return -EINVAL;
		}
		for (; a <= b && a < BH_HOST_MAX_CPUS; a++)
			set[a] = 1;
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}

static int read_mpidr(const char *root, unsigned int cpu, uint64_t *mpidr)
{
	char path[96];
	unsigned char b[8];
	size_t n, i;
	FILE *f;

	snprintf(path, sizeof(path),
		 "/sys/devices/system/cpu/cpu%u/of_node/reg", cpu);
	f = open_at(root, path);
	if (!f)
		return -errno;
	n = fread(b, 1, sizeof(b), f);
	fclose(f);
	if (n != 4 && n != 8)
		return -EINVAL;
	/* device-tree cells are big-endian */
	*mpidr = 0;
	for (i = 0; i < n; i++)
		*mpidr = (*mpidr << 8) | b[i];
	*mpidr &= MPIDR_AFF_MASK;
	return 0;
}

int bh_host_cpus(const char *root, struct bh_host_cpu *out, int max)
{
	static unsigned char present[BH_HOST_MAX_CPUS];
	static unsigned char online[BH_HOST_MAX_CPUS];
	unsigned int cpu;
	int ret, n = 0;

	ret = read_cpulist(root, "/sys/devices/system/cpu/present", present);
	if (!ret)
		ret = read_cpulist(root, "/sys/devices/system/cpu/online",
				   online);
	if (ret)
		return ret;
	for (cpu = 0; cpu < BH_HOST_MAX_CPUS && n < max; cpu++) {
		if (!present[cpu])
			continue;
		out[n].id = cpu;
		out[n].online = online[cpu];
		out[n].has_mpidr = !read_mpidr(root, cpu, &out[n].mpidr);
		n++;
	}
	return n;
}

int bh_host_kvm(const char *root)
{
	char path[PATH_MAX_LEN];

	snprintf(path, sizeof(path), "%s/dev/kvm", root);
	return access(path, F_OK) == 0;
}

/* Does the NUL-separated list in @path contain @compat? */
static int file_has_string(const char *path, const char *compat)
{
	char buf[512];
	size_t n, i;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (i = 0; i < n; i += strlen(buf + i) + 1)
		if (!strcmp(buf + i, compat))
			return 1;
	return 0;
}

int bh_host_gicv3(const char *root)
{
	char dir[PATH_MAX_LEN], path[PATH_MAX_LEN + 300];
	struct dirent *d;
	int found = 0;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/proc/device-tree", root);
	dp = opendir(dir);
	if (!dp)
		return -errno;
	while (!found && (d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/compatible", dir,
			 d->d_name);
		found = file_has_string(path, "arm,gic-v3");
	}
	closedir(dp);
	return found;
}

int bh_host_kallsyms(const char *root, const char *sym, uint64_t *addr)
{
	char line[512], name[256], type;
	unsigned long long a;
	int ret = -ENOENT;
	FILE *f;

	f = open_at(root, "/proc/kallsyms");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &a, &type, name) != 3 ||
		    strcmp(name, sym))
			continue;
		*addr = a;
		ret = a ? 0 : -EPERM;
		break;
	}
	fclose(f);
	return ret;
}

static int fail(struct bh_mf_error *err, const char *field,
		const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct bh_mf_error *err, const char *field,
		const char *fmt, ...)
{
	size_t n;
	va_list ap;

	n = (size_t)snprintf(err->msg, sizeof(err->msg), "%s: ", field);
	if (n < sizeof(err->msg)) {
		va_start(ap, fmt);
		vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The first byte of [start, end] no root RAM region covers, or end + 1. */
static uint64_t first_uncovered(const struct bh_manifest *m, uint64_t start,
				uint64_t end)
{
	uint64_t cur = start;
	unsigned int i;
	int moved = 1;

	while (moved && cur <= end) {
		moved = 0;
		for (i = 0; i < m->num_mem; i++) {
			const struct bh_mf_mem *r = &m->mem[i];

			if (r->cell != 0 || (r->flags & BH_MEM_IO) ||
			    cur < r->phys || cur - r->phys >= r->size)
				continue;
			if (r->phys + r->size - 1 >= end)
				return end + 1;
			cur = r->phys + r->size;
			moved = 1;
		}
	}
	return cur;
}

static int check_ram(const char *root, const struct bh_manifest *m,
		     struct bh_mf_error *err)
{
	struct bh_range ram[BH_HOST_MAX_RAM];
	uint64_t hv_end = m->hv_base + m->hv_size - 1, gap;
	int n, i;

	n = bh_host_system_ram(root, ram, BH_HOST_MAX_RAM);
	if (n == -EPERM)
		return fail(err, "/proc/iomem",
			    "addresses are hidden (run as root)");
	if (n < 0)
		return fail(err, "/proc/iomem", "%s", strerror(-n));
	if (n == 0)
		return fail(err, "/proc/iomem", "no System RAM listed");
	for (i = 0; i < n; i++) {
		if (m->hv_base <= ram[i].end && ram[i].start <= hv_end)
			return fail(err, "hypervisor/memory",
				    "overlaps Linux System RAM %#" PRIx64
				    "-%#" PRIx64 " (boot Linux with a smaller mem=)",
				    ram[i].start, ram[i].end);
		gap = first_uncovered(m, ram[i].start, ram[i].end);
		if (gap <= ram[i].end)
			return fail(err, m->cells[0].path,
				    "Linux System RAM %#" PRIx64 "-%#" PRIx64
				    " is not all root cell memory (%#" PRIx64
				    " is missing)",
				    ram[i].start, ram[i].end, gap);
	}
	return 0;
}

static const struct bh_host_cpu *host_cpu_by_mpidr(const struct bh_host_cpu *c,
						   int n, uint64_t mpidr)
{
	int i;

	for (i = 0; i < n; i++)
		if (c[i].has_mpidr && c[i].mpidr == mpidr)
			return &c[i];
	return NULL;
}

static int check_cpus(const char *root, const struct bh_manifest *m,
		      struct bh_mf_error *err)
{
	static struct bh_host_cpu cpus[BH_HOST_MAX_CPUS];
	const struct bh_host_cpu *hc;
	unsigned int i, j;
	int n;

	n = bh_host_cpus(root, cpus, BH_HOST_MAX_CPUS);
	if (n < 0)
		return fail(err, "/sys/devices/system/cpu", "%s", strerror(-n));
	for (i = 0; i < m->num_cpus; i++) {
		const struct bh_mf_cpu *mc = &m->cpus[i];

		hc = host_cpu_by_mpidr(cpus, n, mc->mpidr);
		if (!hc)
			return fail(err, mc->path,
				    "no Linux CPU has MPIDR %#" PRIx64,
				    mc->mpidr);
		/*
		 * An offline root CPU is fine: the kernel takes it over when
		 * Linux brings it online (PSCI CPU_ON through the kernel).
		 */
		if (mc->cell != 0 && hc->online)
			return fail(err, mc->path,
				    "Linux CPU %u is online but belongs to %s",
				    hc->id, m->cells[mc->cell].path);
	}
	for (j = 0; j < (unsigned int)n; j++) {
		if (!cpus[j].online)
			continue;
		if (!cpus[j].has_mpidr)
			return fail(err, "/sys/devices/system/cpu",
				    "cannot read the MPIDR of CPU %u (cpu%u/of_node/reg)",
				    cpus[j].id, cpus[j].id);
		for (i = 0; i < m->num_cpus; i++)
			if (m->cpus[i].mpidr == cpus[j].mpidr)
				break;
		if (i == m->num_cpus)
			return fail(err, m->cells[0].path,
				    "Linux CPU %u (MPIDR %#" PRIx64
				    ") is online but not a root cell CPU",
				    cpus[j].id, cpus[j].mpidr);
	}
	return 0;
}

int bh_host_check(const char *root, const struct bh_manifest *m,
		  struct bh_mf_error *err)
{
	if (check_ram(root, m, err) || check_cpus(root, m, err))
		return -1;
	return 0;
}
