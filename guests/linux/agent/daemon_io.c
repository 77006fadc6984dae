// SPDX-License-Identifier: GPL-2.0
/* Frames on the bulkheadd socket, for the daemon and the CLI alike. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon.h"

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* 1 on a full read, 0 at end of stream before any byte, or -errno. */
static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, p + got, len - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (!n)
			return got ? -EPROTO : 0;
		got += (size_t)n;
	}
	return 1;
}

int bhd_send(int fd, const struct bhd_frame *f, const void *payload)
{
	int ret;

	if (f->len > BHD_MAX_PAYLOAD)
		return -EMSGSIZE;
	ret = write_all(fd, f, sizeof(*f));
	if (!ret && f->len)
		ret = write_all(fd, payload, f->len);
	return ret;
}

int bhd_recv(int fd, struct bhd_frame *f, void *buf, size_t size)
{
	int ret;

	ret = read_all(fd, f, sizeof(*f));
	if (ret <= 0)
		return ret ? ret : -ENODATA;
	if (f->len > BHD_MAX_PAYLOAD || f->len >= size)
		return -EPROTO;
	if (f->len) {
		ret = read_all(fd, buf, f->len);
		if (ret <= 0)
			return ret ? ret : -EPROTO;
	}
	((char *)buf)[f->len] = '\0';
	return 0;
}

int bhd_connect(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd, err;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	strcpy(a.sun_path, BHD_SOCKET);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		err = errno;
		close(fd);
		return -err;
	}
	return fd;
}
