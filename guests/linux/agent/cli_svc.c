// SPDX-License-Identifier: GPL-2.0
/* The CLI's commands that bulkheadd answers, and starting/stopping it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/caps_names.h>

#include "cli.h"
#include "daemon.h"
#include "svcimage.h"

#define START_TIMEOUT_S	60
#define STOP_TIMEOUT_S	10
#define NOT_RUNNING	"bulkheadd is not running (bulkhead enable starts it)"

static char frame_buf[BHD_MAX_PAYLOAD + 1];

int bh_check_images(const struct bh_manifest *m, char *msg, size_t size)
{
	const char *dir = getenv("BULKHEAD_FIRMWARE");
	char why[512];
	unsigned int i;

	if (!dir)
		dir = BH_SVC_FIRMWARE_DIR;
	for (i = 0; i < m->num_services; i++) {
		if (!bh_svc_image_check(dir, m->services[i].image,
					m->services[i].load_ipa,
					m->services[i].entry_off, why,
					sizeof(why)))
			continue;
		snprintf(msg, size, "%s/image: %s", m->services[i].path, why);
		return -1;
	}
	return 0;
}

/* Control bytes of a daemon message are shown as '?': one line. */
static void one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			*s = '?';
}

static int connect_daemon(const char *what)
{
	int fd = bhd_connect();

	if (fd >= 0)
		return fd;
	if (fd == -ENOENT || fd == -ECONNREFUSED)
		die(what, NOT_RUNNING);
	else
		die(what, "cannot reach bulkheadd: %s", strerror(-fd));
	return -1;
}

/*
 * One request; prints the answer. Returns 0, 1 (refused: the daemon said
 * why) or LOST (no answer: the connection is gone).
 */
#define LOST	3
static int request(int fd, const char *what, uint16_t type, uint16_t flags,
		   uint32_t slot, const void *p, size_t len)
{
	struct bhd_frame f = { .type = type, .flags = flags, .slot = slot };
	int ret;

	if (len > BHD_MAX_PAYLOAD)
		return die(what, "request too long (%zu bytes)", len);
	f.len = (uint32_t)len;
	ret = bhd_send(fd, &f, p);
	if (ret) {
		die(what, "bulkheadd: %s", strerror(-ret));
		return LOST;
	}
	for (;;) {
		ret = bhd_recv(fd, &f, frame_buf, sizeof(frame_buf));
		if (ret) {
			fflush(stdout);
			die(what, "bulkheadd %s", ret == -ENODATA ?
			    "closed the connection" : strerror(-ret));
			return LOST;
		}
		if (f.type == BHD_OUT) {
			fwrite(frame_buf, 1, f.len, stdout);
			fflush(stdout);
		} else if (f.type == BHD_END) {
			fflush(stdout);
			if (!f.status)
				return 0;
			one_line(frame_buf);
			fprintf(stderr, "bulkhead: %s\n", frame_buf);
			return 1;
		}
	}
}

static int simple_request(const char *what, uint16_t type, uint16_t flags,
			  uint32_t slot, const void *p, size_t len)
{
	int fd = connect_daemon(what), ret;

	if (fd < 0)
		return 1;
	ret = request(fd, what, type, flags, slot, p, len);
	close(fd);
	return ret ? 1 : 0;
}

/* Takes "--slot N" off the front of argv; returns the remaining count. */
static int slot_option(const char *what, int *argc, char ***argv,
		       uint32_t *slot)
{
	uint64_t v;

	*slot = 0;
	if (*argc >= 1 && !strcmp((*argv)[0], "--slot")) {
		if (*argc < 2 || bh_parse_u64((*argv)[1], &v) || !v ||
		    v > UINT32_MAX)
			return die(what, "--slot needs a slot number");
		*slot = (uint32_t)v;
		*argc -= 2;
		*argv += 2;
	}
	return 0;
}

int cmd_status(int argc, char **argv)
{
	uint16_t flags = 0;
	uint32_t slot;

	if (slot_option("status", &argc, &argv, &slot))
		return 1;
	if (argc == 1 && !strcmp(argv[0], "--stats")) {
		flags |= BHD_F_STATS;
		argc--;
	}
	if (argc)
		return usage(stderr);
	return simple_request("status", BHD_REQ_STATUS, flags, slot, NULL, 0);
}

int cmd_console(int argc, char **argv)
{
	uint16_t flags = 0;
	uint32_t slot = 0;
	const char *cell = "";

	while (argc && argv[0][0] == '-') {
		if (!strcmp(argv[0], "-f")) {
			flags |= BHD_F_FOLLOW;
			argc--;
			argv++;
		} else if (!strcmp(argv[0], "--slot")) {
			if (slot_option("console", &argc, &argv, &slot))
				return 1;
		} else {
			return usage(stderr);
		}
	}
	if (argc > 1)
		return usage(stderr);
	if (argc)
		cell = argv[0];
	return simple_request("console", BHD_REQ_CONSOLE, flags, slot, cell,
			      strlen(cell));
}

int cmd_shell(int argc, char **argv)
{
	char *line = NULL, *all;
	size_t cap = 0, len = 0;
	uint32_t slot;
	int fd, tty, bad = 0, i;
	ssize_t n;

	if (slot_option("shell", &argc, &argv, &slot))
		return 1;
	fd = connect_daemon("shell");
	if (fd < 0)
		return 1;
	if (argc) {
		for (i = 0; i < argc; i++)
			len += strlen(argv[i]) + 1;
		all = calloc(1, len);
		if (!all)
			return die("shell", "out of memory");
		for (i = 0; i < argc; i++) {
			if (i)
				strcat(all, " ");
			strcat(all, argv[i]);
		}
		bad = request(fd, "shell", BHD_REQ_SHELL, 0, slot, all,
			      strlen(all));
		free(all);
		close(fd);
		return bad ? 1 : 0;
	}
	tty = isatty(0);
	for (;;) {
		if (tty) {
			fputs("bulkhead> ", stdout);
			fflush(stdout);
		}
		n = getline(&line, &cap, stdin);
		if (n < 0)
			break;
		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		if (tty && (!strcmp(line, "exit") || !strcmp(line, "quit")))
			break;
		if ((size_t)n > BHD_MAX_PAYLOAD) {
			bad |= die("shell", "line too long (%zd bytes)", n);
			continue;
		}
		i = request(fd, "shell", BHD_REQ_SHELL, 0, slot, line,
			    (size_t)n);
		bad |= i != 0;
		if (i == LOST)
			break;
	}
	free(line);
	close(fd);
	return bad;
}

static int parse_hex(const char *s, unsigned char *out, size_t max,
		     size_t *len)
{
	size_t n = 0;
	unsigned int v;

	if (!strncmp(s, "0x", 2))
		s += 2;
	while (*s) {
		if (*s == ':' || *s == ' ' || *s == '-') {
			s++;
			continue;
		}
		if (n == max || sscanf(s, "%2x", &v) != 1 || !s[1] ||
		    !strchr("0123456789abcdefABCDEF", s[0]) ||
		    !strchr("0123456789abcdefABCDEF", s[1]))
			return -1;
		out[n++] = (unsigned char)v;
		s += 2;
	}
	*len = n;
	return 0;
}

int cmd_debug_rpc_raw(int argc, char **argv)
{
	static unsigned char buf[BHD_MAX_PAYLOAD];
	size_t nlen, len;

	if (argc != 2)
		return usage(stderr);
	nlen = strlen(argv[0]) + 1;
	if (nlen > 64)
		return die("rpc-raw", "%s: no such service", argv[0]);
	memcpy(buf, argv[0], nlen);
	if (parse_hex(argv[1], buf + nlen, 4096, &len))
		return die("rpc-raw", "\"%s\" is not a hex byte string",
			   argv[1]);
	return simple_request("rpc-raw", BHD_REQ_RAW, 0, 0, buf, nlen + len);
}

int cmd_debug_rpc_oversize(int argc, char **argv)
{
	if (argc != 1)
		return usage(stderr);
	return simple_request("rpc-oversize", BHD_REQ_OVERSIZE, 0, 0, argv[0],
			      strlen(argv[0]) + 1);
}

int cmd_debug_fault(int argc, char **argv)
{
	uint16_t flags = 0;

	if (argc == 2 && !strcmp(argv[0], "--hang")) {
		flags |= BHD_F_HANG;
		argc--;
		argv++;
	}
	if (argc != 1)
		return usage(stderr);
	return simple_request("fault", BHD_REQ_FAULT, flags, 0, argv[0],
			      strlen(argv[0]) + 1);
}

int cmd_debug_emulate(int argc, char **argv)
{
	char buf[sizeof(struct bhd_emulate) + 64];
	struct bhd_emulate em;
	size_t nlen;

	if (argc != 3)
		return usage(stderr);
	if (bh_parse_u64(argv[0], &em.ipa))
		return die("emulate", "IPA \"%s\" is not a number", argv[0]);
	if (bh_parse_u64(argv[1], &em.size))
		return die("emulate", "size \"%s\" is not a number", argv[1]);
	nlen = strlen(argv[2]) + 1;
	if (nlen > 64)
		return die("emulate", "%s: no such service", argv[2]);
	memcpy(buf, &em, sizeof(em));
	memcpy(buf + sizeof(em), argv[2], nlen);
	return simple_request("emulate", BHD_REQ_EMULATE, 0, 0, buf,
			      sizeof(em) + nlen);
}

int bh_daemon_start(char *msg, size_t size)
{
	const char *prog = getenv("BULKHEADD");
	char fdarg[16], buf[512];
	struct pollfd pfd;
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	int p[2], status;
	time_t end;

	if (!prog)
		prog = BHD_PROGRAM;
	if (pipe(p)) {
		snprintf(msg, size, "bulkheadd: pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(msg, size, "bulkheadd: fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (!pid) {
		close(p[0]);
		snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
		execl(prog, "bulkheadd", "--ready-fd", fdarg, (char *)NULL);
		dprintf(p[1], "error %s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	end = time(NULL) + START_TIMEOUT_S;
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (got < sizeof(buf) - 1 && time(NULL) < end) {
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		n = read(p[0], buf + got, sizeof(buf) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(p[0]);
	waitpid(pid, &status, 0);
	buf[got] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (!strncmp(buf, "ok", 2)) {
		snprintf(msg, size, "%s", buf[2] ? buf + 3 : "");
		return 0;
	}
	if (!strncmp(buf, "error ", 6))
		snprintf(msg, size, "%s", buf + 6);
	else if (time(NULL) >= end)
		snprintf(msg, size, "bulkheadd: no answer within %d s (see %s)",
			 START_TIMEOUT_S, BHD_LOGFILE);
	else
		snprintf(msg, size, "bulkheadd: exited before it was ready (see %s)",
			 BHD_LOGFILE);
	bh_daemon_stop();
	return -1;
}

/* The start of /proc/@pid/@file as a string, or -1 */
static ssize_t read_proc(pid_t pid, const char *file, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? n : -1;
}

/* Whether @pid is a bulkheadd (a stale pidfile may name another). */
static int is_bulkheadd(pid_t pid)
{
	char comm[32];

	return read_proc(pid, "comm", comm, sizeof(comm)) > 0 &&
	       !strcmp(comm, "bulkheadd\n");
}

/* Whether @pid runs (a zombie does not). */
static int alive(pid_t pid)
{
	char buf[256], *p;

	if (read_proc(pid, "stat", buf, sizeof(buf)) < 0)
		return 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

static pid_t daemon_pid(void)
{
	char buf[32] = "";
	int fd, pid;
	ssize_t n;

	fd = open(BHD_PIDFILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = atoi(buf);
	return pid > 1 ? pid : 0;
}

static int wait_gone(pid_t pid, int seconds)
{
	int i;

	for (i = 0; i < seconds * 20; i++) {
		if (!alive(pid))
			return 0;
		usleep(50000);
	}
	return -1;
}

int bh_daemon_stop(void)
{
	struct bhd_frame f = { .type = BHD_REQ_STOP };
	struct timeval tv = { .tv_sec = STOP_TIMEOUT_S };
	pid_t pid = daemon_pid();
	int fd;

	if (pid && !is_bulkheadd(pid))
		pid = 0;
	fd = bhd_connect();
	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		if (!bhd_send(fd, &f, NULL))
			while (!bhd_recv(fd, &f, frame_buf,
					 sizeof(frame_buf)) &&
			       f.type != BHD_END)
				;
		close(fd);
	} else if (pid && alive(pid)) {
		kill(pid, SIGTERM);
	}
	if (!pid || !wait_gone(pid, STOP_TIMEOUT_S))
		return 0;
	kill(pid, SIGKILL);
	return wait_gone(pid, 2);
}
