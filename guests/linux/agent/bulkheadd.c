// SPDX-License-Identifier: GPL-2.0
/* bulkheadd: serves the bulkhead CLI from the service cells' root channels. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/caps.h>

#include "daemon.h"
#include "ops.h"
#include "svc.h"

#define MAX_CLIENTS	16
#define SEND_TIMEOUT_S	5

/**
 * struct client - one connection of the CLI
 * @fd:		its socket, -1 when the entry is free
 * @following:	a console -f: polled every BHD_FOLLOW_MS
 * @fl:		what it follows
 */
struct client {
	int fd;
	int following;
	struct bhd_follow fl;
};

static volatile sig_atomic_t stopping;
static struct bhd daemon_state;
static struct client clients[MAX_CLIENTS];
static char rxbuf[BHD_MAX_PAYLOAD + 1];
static int ready_fd = -1;
static int listen_fd = -1;
static int foreground;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Tell whoever started us (bulkhead enable) how the start went. */
static void tell_ready(const char *fmt, const char *arg)
{
	char line[BHD_ERR_LEN + 16];
	int n;

	if (ready_fd < 0)
		return;
	n = snprintf(line, sizeof(line), fmt, arg);
	if (n > 0 && write(ready_fd, line, (size_t)n) < 0)
		bhd_log("cannot report readiness: %s", strerror(errno));
	close(ready_fd);
	ready_fd = -1;
}

static void cleanup(void)
{
	unlink(BHD_SOCKET);
	unlink(BHD_PIDFILE);
	bhd_close(&daemon_state);
}

static void __attribute__((noreturn)) fail(const char *msg)
{
	bhd_log("not starting: %s", msg);
	if (foreground)
		fprintf(stdout, "bulkheadd: %s\n", msg);
	tell_ready("error %s\n", msg);
	exit(1);
}

static void daemonize(void)
{
	pid_t pid;
	int fd;

	pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid)
		_exit(0);
	setsid();
	pid = fork();
	if (pid < 0)
		fail("fork failed");
	if (pid)
		_exit(0);
	if (chdir("/"))
		fail("cannot change to /");
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		if (fd > 2)
			close(fd);
	}
	fd = open(BHD_LOGFILE, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd >= 0) {
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

static int open_socket(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	mode_t old;
	int fd;

	fd = bhd_connect();
	if (fd >= 0) {
		close(fd);
		fail("already running (" BHD_SOCKET " answers)");
	}
	unlink(BHD_SOCKET);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	strcpy(a.sun_path, BHD_SOCKET);
	/* root only, from the first moment the name exists */
	old = umask(077);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    chmod(BHD_SOCKET, 0600) || listen(fd, MAX_CLIENTS)) {
		umask(old);
		close(fd);
		return -1;
	}
	umask(old);
	return fd;
}

static void write_pidfile(void)
{
	FILE *f = fopen(BHD_PIDFILE, "w");

	if (!f) {
		bhd_log("cannot write %s: %s", BHD_PIDFILE, strerror(errno));
		return;
	}
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
}

static void drop(struct client *c)
{
	close(c->fd);
	c->fd = -1;
	c->following = 0;
}

static int send_out(struct client *c, const struct bhd_out *out)
{
	struct bhd_frame f = { .type = BHD_OUT };
	size_t off = 0;

	while (off < out->len) {
		f.len = out->len - off > BHD_MAX_PAYLOAD ? BHD_MAX_PAYLOAD :
			(uint32_t)(out->len - off);
		if (bhd_send(c->fd, &f, out->buf + off))
			return -1;
		off += f.len;
	}
	return 0;
}

static int send_end(struct client *c, const struct bhd_err *err)
{
	struct bhd_frame f = { .type = BHD_END };

	if (err) {
		f.status = 1;
		f.len = (uint32_t)strlen(err->msg);
	}
	return bhd_send(c->fd, &f, err ? err->msg : NULL);
}

static void serve(struct client *c)
{
	struct bhd_out out = { 0 };
	struct bhd_err err;
	struct bhd_frame f;
	int ret;

	if (bhd_recv(c->fd, &f, rxbuf, sizeof(rxbuf)) || c->following) {
		drop(c);
		return;
	}
	if (f.type == BHD_REQ_STOP) {
		bhd_log("stop requested");
		/* let go of the channels before disable may go ahead */
		cleanup();
		send_end(c, NULL);
		drop(c);
		stopping = 1;
		return;
	}
	if (f.type == BHD_REQ_CONSOLE && (f.flags & BHD_F_FOLLOW))
		ret = bhd_console_start(&daemon_state, &f, rxbuf, &c->fl, &out,
					&err);
	else
		ret = bhd_request(&daemon_state, &f, rxbuf, &out, &err);
	if (ret)
		bhd_log("request %u: %s", f.type, err.msg);
	if (send_out(c, &out) ||
	    ((ret || !(f.flags & BHD_F_FOLLOW) || f.type != BHD_REQ_CONSOLE) &&
	     send_end(c, ret ? &err : NULL)))
		drop(c);
	else if (!ret && f.type == BHD_REQ_CONSOLE && (f.flags & BHD_F_FOLLOW))
		c->following = 1;
	free(out.buf);
}

/* The time lent to the console service for those who follow it. */
static void tick(void)
{
	struct bhd_out out;
	struct bhd_err err;
	int i, ret;

	for (i = 0; i < MAX_CLIENTS; i++) {
		struct client *c = &clients[i];

		if (c->fd < 0 || !c->following)
			continue;
		memset(&out, 0, sizeof(out));
		ret = bhd_console_poll(&daemon_state, &c->fl, &out, &err);
		if (send_out(c, &out) || ret) {
			if (ret)
				send_end(c, &err);
			drop(c);
		}
		free(out.buf);
	}
}

/*
 * The console service runs only on lent time: without it, nobody would
 * drain the log ring or answer the debugging shell on the PL011. A PING
 * every BHD_LEND_MS lends it that time; it does its own work first.
 */
static void lend(void)
{
	struct bhd_svc *s = bhd_find(&daemon_state, "console");
	uint64_t reply[2];
	struct bhd_err err;
	int e;

	if (!s)
		return;
	e = bhd_ring(s, BH_SVC_CALL_PING, reply);
	if ((e == -BH_E_FAULT || e == -BH_E_TIMEOUT) &&
	    bhd_reconnect(s, &err))
		bhd_log("%s", err.msg);
}

static void accept_client(void)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);
	struct timeval tv = { .tv_sec = SEND_TIMEOUT_S };
	int fd, i;

	fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) ||
	    cred.uid != 0) {
		close(fd);
		return;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	for (i = 0; i < MAX_CLIENTS; i++) {
		if (clients[i].fd < 0) {
			clients[i].fd = fd;
			clients[i].following = 0;
			return;
		}
	}
	close(fd);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void loop(void)
{
	struct pollfd pfd[MAX_CLIENTS + 1];
	int idx[MAX_CLIENTS + 1];
	long long next_tick = now_ms() + BHD_FOLLOW_MS;
	long long next_lend = now_ms() + BHD_LEND_MS;
	int i, n, follow, timeout;

	while (!stopping) {
		pfd[0].fd = listen_fd;
		pfd[0].events = POLLIN;
		n = 1;
		follow = 0;
		for (i = 0; i < MAX_CLIENTS; i++) {
			if (clients[i].fd < 0)
				continue;
			follow |= clients[i].following;
			pfd[n].fd = clients[i].fd;
			pfd[n].events = POLLIN;
			idx[n++] = i;
		}
		timeout = (int)((follow && next_tick < next_lend ?
				 next_tick : next_lend) - now_ms());
		if (timeout < 0)
			timeout = 0;
		if (poll(pfd, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			bhd_log("poll: %s", strerror(errno));
			return;
		}
		if (follow && now_ms() >= next_tick) {
			tick();
			next_tick = now_ms() + BHD_FOLLOW_MS;
			/* the followers' polls lent the console its time */
			next_lend = now_ms() + BHD_LEND_MS;
		}
		if (now_ms() >= next_lend) {
			lend();
			next_lend = now_ms() + BHD_LEND_MS;
		}
		for (i = 1; i < n && !stopping; i++)
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
				serve(&clients[idx[i]]);
		if (!stopping && (pfd[0].revents & POLLIN))
			accept_client();
	}
}

static void usage(void)
{
	fputs("usage: bulkheadd [-f] [--ready-fd FD]\n"
	      "  -f             stay in the foreground, log to stderr\n"
	      "  --ready-fd FD  write \"ok\" or \"error <what>: <reason>\" to FD\n"
	      "                 once the services answer (bulkhead enable)\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	char names[BHD_MAX_SVCS * (BH_RPC_NAME_LEN + 1) + 1] = "";
	struct bhd_err err;
	unsigned int i;

	for (i = 1; i < (unsigned int)argc; i++) {
		if (!strcmp(argv[i], "-f"))
			foreground = 1;
		else if (!strcmp(argv[i], "--ready-fd") && i + 1 < (unsigned int)argc)
			ready_fd = atoi(argv[++i]);
		else
			usage();
	}
	if (ready_fd >= 0 && fcntl(ready_fd, F_SETFD, FD_CLOEXEC))
		ready_fd = -1;
	if (!foreground)
		daemonize();
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < MAX_CLIENTS; i++)
		clients[i].fd = -1;

	listen_fd = open_socket();
	if (listen_fd < 0)
		fail("cannot listen on " BHD_SOCKET);
	if (bhd_open(&daemon_state, &err)) {
		unlink(BHD_SOCKET);
		fail(err.msg);
	}
	write_pidfile();
	for (i = 0; i < daemon_state.nsvc; i++) {
		strcat(names, " ");
		strcat(names, daemon_state.svc[i].name);
	}
	bhd_log("serving%s", daemon_state.nsvc ? names : " no service");
	tell_ready("ok%s\n", names);

	loop();
	bhd_log("stopping");
	cleanup();
	for (i = 0; i < MAX_CLIENTS; i++)
		if (clients[i].fd >= 0)
			close(clients[i].fd);
	close(listen_fd);
	return 0;
}
