// SPDX-License-Identifier: GPL-2.0
/* The bulkhead command: Jailhouse-style verbs on top of the client library. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bulkhead/caps.h>
#include <bulkhead/caps_names.h>
#include <bulkhead/hypercall.h>
#include <bulkhead/stats.h>

#include "cli.h"
#include "client.h"
#include "daemon.h"
#include "host.h"
#include "manifest.h"

#ifndef BH_VERSION
#define BH_VERSION "unknown"
#endif

#define DEFAULT_MANIFEST "/usr/share/bulkhead/manifests/qemu-arm64.dtb"

/* Prefix of /proc, /sys and /dev for host.h: the real ones. */
static const char sysroot[] = "";

int die(const char *field, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bulkhead: %s: ", field);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* A manifest error already reads "<field>: <reason>". */
static int report(const struct bh_mf_error *err)
{
	fprintf(stderr, "bulkhead: %s\n", err->msg);
	return 1;
}

int usage(FILE *f)
{
	fputs("usage: bulkhead COMMAND [ARGS]\n"
	      "\n"
	      "  enable MANIFEST.dtb        load the hypervisor and its service cells,\n"
	      "                             start bulkheadd; Linux becomes the root cell\n"
	      "  disable                    stop bulkheadd, hand every CPU back to Linux\n"
	      "  status [--stats]           kernel, CPUs, memory, cells, service cells;\n"
	      "                             --stats: exits per CPU and reason too\n"
	      "  console [-f] [CELL]        the hypervisor log, or CELL's console;\n"
	      "                             -f: keep printing what comes\n"
	      "  shell [CMD...]             the debugging shell of the console service:\n"
	      "                             one command, or lines from stdin\n"
	      "  cell list                  cells known to the hypervisor\n"
	      "  cell stats [NAME]          exit counts per CPU and reason (default: root)\n"
	      "  config check MANIFEST.dtb  validate a manifest, change nothing\n"
	      "  hardware check [MANIFEST]  can this machine run bulkhead?\n"
	      "  debug invoke SLOT LABEL [MR0..MR3]\n"
	      "                             raw capability invocation (test hook)\n"
	      "  debug mint SRC DST RIGHTS  mint a copy of SRC with RIGHTS (rwgc) into DST\n"
	      "  debug rpc-raw SERVICE HEX  send bytes as one channel message (test hook)\n"
	      "  debug rpc-oversize SERVICE publish an impossible message, recover (test hook)\n"
	      "  debug fault [--hang] SERVICE\n"
	      "                             make SERVICE fault, or overrun its budget\n"
	      "                             (test builds)\n"
	      "  debug bench [-n N]         instructions per invocation and service call\n"
	      "                             (exact under QEMU -icount: scripts/bench)\n"
	      "  debug bench-irq [-n N]     timer-interrupt latency, enabled or not\n"
	      "  debug emulate IPA SIZE SERVICE\n"
	      "                             SERVICE emulates the root's accesses there\n"
	      "  version                    print the version\n"
	      "  --help                     this text\n"
	      "\n"
	      "status, console and shell take --slot N first: call through the\n"
	      "endpoint capability in root slot N instead of the service's own.\n",
	      f);
	return f == stderr ? 2 : 0;
}

/* Opens the device (loading the module); prints the error itself. */
static int open_client(struct bh_client *c)
{
	int ret = bh_client_open(c, NULL);

	if (!ret)
		return 0;
	if (ret == -ENOENT && strcmp(c->what, BH_DEVICE))
		die(c->what, "module not found");
	else
		die(c->what, "%s", strerror(-ret));
	return -1;
}

/*
 * For commands that need a running hypervisor: without the device the
 * module is not loaded, so nothing is enabled; do not load it just to
 * say so.
 */
static int open_running(struct bh_client *c)
{
	if (access(BH_DEVICE, F_OK)) {
		die("hypervisor", "not enabled");
		return -1;
	}
	return open_client(c);
}

static int get_status(struct bh_client *c, struct bh_ioctl_status *st)
{
	int ret = bh_client_status(c, st);

	if (ret)
		die(BH_DEVICE, "status: %s", strerror(-ret));
	return ret;
}

static const char *enable_error(int err)
{
	switch (err) {
	case -EEXIST:
		return "hypervisor: already enabled";
	case -ENODEV:
		return "EL2: not implemented on this CPU (Linux runs at EL1)";
	case -EBUSY:
		return "EL2: held by KVM (boot with kvm-arm.mode=none)";
	case -ENOENT:
		return "kernel image: /lib/firmware/bulkhead.bin not found";
	case -ENOEXEC:
		return "kernel image: bulkhead.bin is not a valid kernel image (see dmesg)";
	case -E2BIG:
		return "hypervisor/memory: too small for the kernel image (see dmesg)";
	case -EADDRINUSE:
		return "hypervisor/memory: intersects Linux System RAM";
	default:
		return NULL;
	}
}

/*
 * DISABLE; a channel mapping of a bulkheadd that is still exiting makes it
 * EBUSY for a moment.
 */
static int disable_retry(struct bh_client *c)
{
	int i, ret;

	for (i = 0;; i++) {
		ret = bh_client_disable(c);
		if (ret != -EBUSY || i == 50)
			return ret;
		usleep(100000);
	}
}

static int cmd_enable(int argc, char **argv)
{
	static struct bh_manifest m;
	static char bd[BH_BOOTDESC_MAX_SIZE];
	struct bh_ioctl_status st;
	struct bh_mf_error err;
	struct bh_client c;
	char why[BH_MF_ERROR_LEN];
	uint64_t stub;
	size_t len;
	const char *msg;
	int ret;

	if (argc != 1)
		return usage(stderr);
	if (bh_manifest_load(argv[0], &m, bd, &len, &err))
		return report(&err);
	if (bh_host_kvm(sysroot))
		return die("EL2", "held by KVM: /dev/kvm exists (boot with kvm-arm.mode=none)");
	/* say "already enabled" before anything the running one may change */
	if (!access(BH_DEVICE, F_OK) && !open_client(&c)) {
		ret = bh_client_status(&c, &st);
		bh_client_close(&c);
		if (!ret && (st.flags & BH_STATUS_ENABLED))
			return die("hypervisor", "already enabled");
	}
	if (bh_host_check(sysroot, &m, &err))
		return report(&err);
	if (bh_check_images(&m, why, sizeof(why))) {
		fprintf(stderr, "bulkhead: %s\n", why);
		return 1;
	}
	ret = bh_host_kallsyms(sysroot, "__hyp_stub_vectors", &stub);
	if (ret)
		return die("/proc/kallsyms", "__hyp_stub_vectors: %s",
			   ret == -EPERM ? "address hidden (run as root)" :
			   ret == -ENOENT ? "no such symbol" :
			   strerror(-ret));

	if (open_client(&c))
		return 1;
	if (get_status(&c, &st))
		goto fail;
	if (st.flags & BH_STATUS_ENABLED) {
		die("hypervisor", "already enabled");
		goto fail;
	}
	if (!(st.flags & BH_STATUS_EL2)) {
		die("EL2", "not implemented on this CPU (Linux runs at EL1)");
		goto fail;
	}
	ret = bh_client_enable(&c, bd, len, stub);
	if (ret) {
		msg = enable_error(ret);
		if (ret == -ENOENT && m.num_services &&
		    !access("/lib/firmware/bulkhead.bin", R_OK))
			msg = "service image: not found by the module (see dmesg)";
		if (msg)
			fprintf(stderr, "bulkhead: %s\n", msg);
		else
			die("enable", "%s (see dmesg)", strerror(-ret));
		goto fail;
	}
	/* the services must answer, or the whole enable is undone */
	if (bh_daemon_start(why, sizeof(why))) {
		ret = disable_retry(&c);
		fprintf(stderr, "bulkhead: %s%s%s\n", why,
			ret ? "; disable failed too: " : "",
			ret ? strerror(-ret) : "");
		goto fail;
	}
	if (!get_status(&c, &st))
		printf("enabled: %u CPUs, hypervisor memory %#" PRIx64 "-%#"
		       PRIx64 "\n", st.num_cpus, st.hv_base,
		       st.hv_base + st.hv_size - 1);
	printf("bulkheadd: serving %s\n", why[0] ? why : "no service");
	bh_client_close(&c);
	return 0;
fail:
	bh_client_close(&c);
	return 1;
}

static int cmd_disable(int argc, char **argv)
{
	struct bh_client c;
	int ret;

	(void)argv;
	if (argc)
		return usage(stderr);
	if (open_running(&c))
		return 1;
	if (bh_daemon_stop()) {
		bh_client_close(&c);
		return die("disable", "bulkheadd does not stop (see %s)",
			   BHD_LOGFILE);
	}
	ret = disable_retry(&c);
	bh_client_close(&c);
	if (ret == -ENXIO)
		return die("hypervisor", "not enabled");
	if (ret == -EBUSY)
		return die("disable", "service channels are still mapped by some process");
	if (ret)
		return die("disable", "%s (see dmesg)", strerror(-ret));
	printf("disabled\n");
	return 0;
}

/* Opens the client of an enabled hypervisor and fetches its description. */
static int open_enabled(struct bh_client *c, void *bd, size_t *len)
{
	int ret;

	if (open_running(c))
		return -1;
	ret = bh_client_bootdesc(c, bd, len);
	if (!ret)
		return 0;
	if (ret == -ENXIO)
		die("hypervisor", "not enabled");
	else
		die(BH_DEVICE, "%s", strerror(-ret));
	bh_client_close(c);
	return -1;
}

/* Linux CPU number of kernel CPU @i (by MPIDR), or -1. */
static int linux_cpu(const struct bh_bootdesc *bd, unsigned int i)
{
	static struct bh_host_cpu hc[BH_HOST_MAX_CPUS];
	static int n = -1;
	const struct bh_bd_cpu *cpus = (const void *)((const char *)bd +
						      bd->cpus_off);
	int j;

	if (n < 0)
		n = bh_host_cpus(sysroot, hc, BH_HOST_MAX_CPUS);
	for (j = 0; j < n; j++)
		if (hc[j].has_mpidr && hc[j].mpidr == cpus[i].mpidr)
			return (int)hc[j].id;
	return -1;
}

static const char *invoke_error(long e)
{
	static char buf[48];

	if (e < 0)
		snprintf(buf, sizeof(buf), "%s", strerror((int)-e));
	else
		snprintf(buf, sizeof(buf), "%s (%ld)",
			 bh_error_name((uint64_t)e), e);
	return buf;
}

static int cmd_cell_list(int argc, char **argv)
{
	static char buf[BH_BOOTDESC_MAX_SIZE];
	const struct bh_bootdesc *bd = (const void *)buf;
	const struct bh_bd_cell *cells;
	uint64_t reply[4];
	struct bh_client c;
	size_t len;
	unsigned int i;
	long e;

	(void)argv;
	if (argc)
		return usage(stderr);
	if (open_enabled(&c, buf, &len))
		return 1;
	cells = (const void *)(buf + bd->cells_off);
	/* the root holds a capability to itself only (BH_SLOT_CELL) */
	e = bh_client_call(&c, BH_SLOT_CELL, BH_LABEL_CELL_INFO, 0, NULL,
			   reply);
	bh_client_close(&c);
	if (e)
		return die("cell list", "CELL_INFO: %s", invoke_error(e));
	if (reply[0] >= bd->num_cells)
		return die("cell list", "kernel names cell %" PRIu64
			   ", the boot description has %u", reply[0],
			   bd->num_cells);
	printf("%-4s %-24s %-8s %-8s %s\n", "ID", "NAME", "TYPE", "STATE",
	       "CPUS");
	printf("%-4" PRIu64 " %-24s %-8s %-8s ", reply[0],
	       cells[reply[0]].name, "root",
	       reply[3] == BH_CELL_STATE_RUNNING ? "running" : "failed");
	for (i = 0; i < 64 && i < bd->num_cpus; i++)
		if (reply[2] & (1ULL << i))
			printf("%d ", linux_cpu(bd, i));
	printf("\n");
	/* Service cells own no CPU; their state is mgmt's to report */
	for (i = 0; i < bd->num_cells; i++)
		if (cells[i].flags & BH_CELL_SERVICE)
			printf("%-4u %-24.*s %-8s %-8s %s\n", i,
			       BH_CELL_NAME_LEN, cells[i].name, "service", "-",
			       "runs on its callers' CPUs (bulkhead status)");
	return 0;
}

static int cmd_cell_stats(int argc, char **argv)
{
	static const char *const names[] = BH_EXIT_NAMES;
	static char buf[BH_BOOTDESC_MAX_SIZE];
	const struct bh_bootdesc *bd = (const void *)buf;
	const struct bh_bd_cell *cells;
	const struct bh_bd_cpu *cpus;
	const char *name = argc ? argv[0] : "root";
	uint64_t mr[2], reply[4], total;
	struct bh_client c;
	unsigned int i, r;
	size_t len;
	int cell = -1;
	long e;

	if (argc > 1)
		return usage(stderr);
	if (open_enabled(&c, buf, &len))
		return 1;
	cells = (const void *)(buf + bd->cells_off);
	cpus = (const void *)(buf + bd->cpus_off);
	for (i = 0; i < bd->num_cells; i++)
		if (!strncmp(cells[i].name, name, BH_CELL_NAME_LEN))
			cell = (int)i;
	if (cell < 0) {
		bh_client_close(&c);
		return die("cells", "%s: no such cell", name);
	}
	printf("%-4s", "CPU");
	for (r = 0; r < BH_EXIT_NR; r++)
		printf(" %12s", names[r]);
	printf(" %12s\n", "total");
	for (i = 0; i < bd->num_cpus; i++) {
		if (cpus[i].cell != (uint32_t)cell)
			continue;
		printf("%-4d", linux_cpu(bd, i));
		total = 0;
		for (r = 0; r < BH_EXIT_NR; r++) {
			mr[0] = i;
			mr[1] = r;
			e = bh_client_call(&c, BH_SLOT_HV, BH_LABEL_HV_STATS,
					   2, mr, reply);
			if (e) {
				printf("\n");
				bh_client_close(&c);
				return die("cell stats", "HV_STATS: %s",
					   invoke_error(e));
			}
			printf(" %12" PRIu64, reply[0]);
			total += reply[0];
		}
		printf(" %12" PRIu64 "\n", total);
	}
	bh_client_close(&c);
	return 0;
}

static int cmd_config_check(int argc, char **argv)
{
	static struct bh_manifest m;
	static char bd[BH_BOOTDESC_MAX_SIZE];
	struct bh_mf_error err;
	unsigned int i, j, n;
	size_t len;

	if (argc != 1)
		return usage(stderr);
	if (bh_manifest_load(argv[0], &m, bd, &len, &err))
		return report(&err);
	printf("%s: valid (boot description %zu bytes)\n", argv[0], len);
	printf("  hypervisor memory %#" PRIx64 "-%#" PRIx64 "\n", m.hv_base,
	       m.hv_base + m.hv_size - 1);
	for (i = 0; i < m.num_cells; i++) {
		printf("  cell %s (%s):", m.cells[i].name,
		       m.cells[i].flags & BH_CELL_ROOT ? "root" : "service");
		for (j = 0, n = 0; j < m.num_cpus; j++)
			n += m.cpus[j].cell == (int)i;
		printf(" %u CPUs,", n);
		for (j = 0, n = 0; j < m.num_mem; j++)
			n += m.mem[j].cell == (int)i;
		printf(" %u memory regions,", n);
		for (j = 0, n = 0; j < m.num_irqs; j++)
			n += m.irqs[j].cell == (int)i ? m.irqs[j].count : 0;
		printf(" %u SPIs\n", n);
	}
	return 0;
}

static int cmd_hardware_check(int argc, char **argv)
{
	static struct bh_host_cpu cpus[BH_HOST_MAX_CPUS];
	static struct bh_manifest m;
	static char bd[BH_BOOTDESC_MAX_SIZE];
	const char *manifest = argc ? argv[0] : DEFAULT_MANIFEST;
	struct bh_ioctl_status st;
	struct bh_mf_error err;
	struct bh_client c;
	int n, i, gic, bad = 0;
	size_t len;

	if (argc > 1)
		return usage(stderr);
	if (bh_host_kvm(sysroot)) {
		printf("%-12s held by KVM (/dev/kvm exists; boot with kvm-arm.mode=none)\n",
		       "EL2:");
		bad = 1;
	} else if (open_client(&c)) {
		bad = 1;
	} else {
		if (get_status(&c, &st)) {
			bad = 1;
		} else if (!(st.flags & BH_STATUS_EL2)) {
			printf("%-12s not implemented (Linux runs at EL1)\n",
			       "EL2:");
			bad = 1;
		} else {
			printf("%-12s available%s\n", "EL2:",
			       st.flags & BH_STATUS_ENABLED ?
			       " (bulkhead enabled)" : "");
		}
		bh_client_close(&c);
	}

	gic = bh_host_gicv3(sysroot);
	printf("%-12s %s\n", "GICv3:", gic > 0 ? "yes" :
	       gic == 0 ? "no arm,gic-v3 node" : "no device tree");
	bad |= gic <= 0;

	n = bh_host_cpus(sysroot, cpus, BH_HOST_MAX_CPUS);
	printf("%-12s", "CPUs:");
	for (i = 0; i < n; i++) {
		printf(" %u", cpus[i].id);
		if (cpus[i].has_mpidr)
			printf("(0x%" PRIx64 ")", cpus[i].mpidr);
		if (!cpus[i].online)
			printf("[offline]");
	}
	printf("\n");
	bad |= n <= 0;

	if (bh_manifest_load(manifest, &m, bd, &len, &err)) {
		printf("%-12s %s\n", "manifest:", err.msg);
		bad = 1;
	} else if (bh_host_check(sysroot, &m, &err)) {
		printf("%-12s %s\n", "manifest:", err.msg);
		bad = 1;
	} else {
		printf("%-12s %s fits this machine\n", "manifest:", manifest);
	}
	return bad;
}

static int parse_num(const char *what, const char *s, uint64_t *v)
{
	if (bh_parse_u64(s, v))
		return die(what, "\"%s\" is not a number", s);
	return 0;
}

static int cmd_debug_invoke(int argc, char **argv)
{
	struct bh_ioctl_invoke inv = { 0 };
	struct bh_client c;
	uint32_t label;
	int i, ret;

	if (argc < 2 || argc > 2 + BH_MSG_MAX_MRS)
		return usage(stderr);
	if (parse_num("slot", argv[0], &inv.slot))
		return 1;
	if (bh_label_parse(argv[1], &label))
		return die("label", "\"%s\" is neither a label name nor a number",
			   argv[1]);
	for (i = 2; i < argc; i++)
		if (parse_num("message register", argv[i], &inv.mr[i - 2]))
			return 1;
	inv.msginfo = bh_msginfo(label, (unsigned int)(argc - 2));
	if (open_running(&c))
		return 1;
	ret = bh_client_invoke(&c, &inv);
	bh_client_close(&c);
	if (ret == -ENXIO)
		return die("hypervisor", "not enabled");
	if (ret)
		return die("invoke", "%s", strerror(-ret));
	printf("invoke: %s\n", invoke_error((long)inv.error));
	if (inv.error != BH_E_OK)
		return 1;
	for (i = 0; i < (int)bh_msginfo_len(inv.reply_info) &&
		    i < BH_MSG_MAX_MRS; i++)
		printf("  mr%d = %#" PRIx64 "\n", i, inv.reply_mr[i]);
	return 0;
}

static int cmd_debug_mint(int argc, char **argv)
{
	uint64_t mr[3];
	unsigned int rights;
	struct bh_client c;
	long e;

	if (argc != 3)
		return usage(stderr);
	if (parse_num("source slot", argv[0], &mr[0]) ||
	    parse_num("destination slot", argv[1], &mr[1]))
		return 1;
	if (bh_rights_parse(argv[2], &rights))
		return die("rights", "\"%s\": use letters of rwgc or a number",
			   argv[2]);
	mr[2] = rights;
	if (open_running(&c))
		return 1;
	e = bh_client_call(&c, BH_SLOT_CNODE, BH_LABEL_CNODE_MINT, 3, mr,
			   NULL);
	bh_client_close(&c);
	if (e == -ENXIO)
		return die("hypervisor", "not enabled");
	printf("mint: %s\n", invoke_error(e));
	return e != BH_E_OK;
}

struct command {
	const char *verb;
	const char *noun;	/* NULL: single-word command */
	int (*run)(int argc, char **argv);
};

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("bulkhead %s (ABI %d)\n", BH_VERSION, BH_ABI_VERSION);
	return 0;
}

static const struct command commands[] = {
	{ "enable", NULL, cmd_enable },
	{ "disable", NULL, cmd_disable },
	{ "cell", "list", cmd_cell_list },
	{ "cell", "stats", cmd_cell_stats },
	{ "config", "check", cmd_config_check },
	{ "hardware", "check", cmd_hardware_check },
	{ "debug", "invoke", cmd_debug_invoke },
	{ "debug", "mint", cmd_debug_mint },
	{ "debug", "rpc-raw", cmd_debug_rpc_raw },
	{ "debug", "rpc-oversize", cmd_debug_rpc_oversize },
	{ "debug", "fault", cmd_debug_fault },
	{ "debug", "emulate", cmd_debug_emulate },
	{ "debug", "bench", cmd_debug_bench },
	{ "debug", "bench-irq", cmd_debug_bench_irq },
	{ "status", NULL, cmd_status },
	{ "console", NULL, cmd_console },
	{ "shell", NULL, cmd_shell },
	{ "version", NULL, cmd_version },
	{ "--version", NULL, cmd_version },
};

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const struct command *cmd = &commands[i];

		if (strcmp(argv[1], cmd->verb))
			continue;
		if (!cmd->noun)
			return cmd->run(argc - 2, argv + 2);
		if (argc >= 3 && !strcmp(argv[2], cmd->noun))
			return cmd->run(argc - 3, argv + 3);
	}
	fprintf(stderr, "bulkhead: %s: unknown command (see bulkhead --help)\n",
		argv[1]);
	return 2;
}
