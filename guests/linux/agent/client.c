// SPDX-License-Identifier: GPL-2.0
/* Client library of /dev/bulkhead: module loading and the ioctls. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bulkhead/bootdesc.h>
#include <bulkhead/caps.h>

#include "client.h"

static int load_module(const char *path)
{
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = (int)syscall(SYS_finit_module, fd, "", 0);
	ret = ret ? -errno : 0;
	close(fd);
	return ret;
}

int bh_client_open(struct bh_client *c, const char *module)
{
	int ret;

	c->what = BH_DEVICE;
	c->fd = open(BH_DEVICE, O_RDWR | O_CLOEXEC);
	if (c->fd >= 0)
		return 0;
	if (errno != ENOENT && errno != ENXIO && errno != ENODEV)
		return -errno;

	if (!module)
		module = getenv("BULKHEAD_MODULE");
	if (!module)
		module = BH_MODULE_PATH;
	ret = load_module(module);
	/* EEXIST: loaded, yet no device node; the open below reports it */
	if (ret && ret != -EEXIST) {
		c->what = module;
		errno = -ret;
		return ret;
	}
	c->fd = open(BH_DEVICE, O_RDWR | O_CLOEXEC);
	return c->fd < 0 ? -errno : 0;
}

void bh_client_close(struct bh_client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static int do_ioctl(struct bh_client *c, unsigned long cmd, void *arg)
{
	return ioctl(c->fd, cmd, arg) ? -errno : 0;
}

int bh_client_status(struct bh_client *c, struct bh_ioctl_status *st)
{
	memset(st, 0, sizeof(*st));
	return do_ioctl(c, BH_IOCTL_STATUS, st);
}

int bh_client_enable(struct bh_client *c, const void *bd, size_t size,
		     uint64_t stub_vectors)
{
	struct bh_ioctl_enable arg = {
		.bootdesc = (uintptr_t)bd,
		.bootdesc_size = (uint32_t)size,
		.stub_vectors = stub_vectors,
	};

	if (size > BH_BOOTDESC_MAX_SIZE)
		return -EINVAL;
	return do_ioctl(c, BH_IOCTL_ENABLE, &arg);
}

int bh_client_disable(struct bh_client *c)
{
	return do_ioctl(c, BH_IOCTL_DISABLE, NULL);
}

int bh_client_invoke(struct bh_client *c, struct bh_ioctl_invoke *inv)
{
	inv->reserved = 0;
	return do_ioctl(c, BH_IOCTL_INVOKE, inv);
}

long bh_client_call(struct bh_client *c, uint64_t slot, uint32_t label,
		    unsigned int n, const uint64_t *mr, uint64_t *reply)
{
	struct bh_ioctl_invoke inv = { .slot = slot };
	int ret;

	if (n > BH_MSG_MAX_MRS)
		return -EINVAL;
	inv.msginfo = bh_msginfo(label, n);
	if (n)
		memcpy(inv.mr, mr, n * sizeof(*mr));
	ret = bh_client_invoke(c, &inv);
	if (ret)
		return ret;
	if (reply)
		memcpy(reply, inv.reply_mr, sizeof(inv.reply_mr));
	return (long)inv.error;
}

int bh_client_bootdesc(struct bh_client *c, void *buf, size_t *size)
{
	struct bh_ioctl_bootdesc arg = {
		.buf = (uintptr_t)buf,
		.size = BH_BOOTDESC_MAX_SIZE,
	};
	int ret;

	ret = do_ioctl(c, BH_IOCTL_BOOTDESC, &arg);
	if (!ret)
		*size = arg.size;
	return ret;
}
