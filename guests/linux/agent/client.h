/* SPDX-License-Identifier: GPL-2.0 */
/* Client library of /dev/bulkhead, shared by the CLI and the agent daemon. */
#ifndef BULKHEAD_AGENT_CLIENT_H
#define BULKHEAD_AGENT_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <bulkhead/ioctl.h>

#define BH_DEVICE		"/dev/bulkhead"
#define BH_MODULE_PATH		"/usr/share/bulkhead/bulkhead.ko"

/**
 * struct bh_client - an open /dev/bulkhead
 * @fd:		its file descriptor, -1 when closed
 * @what:	after a failed bh_client_open(), the file that failed (the
 *		device or the module)
 */
struct bh_client {
	int fd;
	const char *what;
};

/**
 * bh_client_open() - open /dev/bulkhead, loading the module if needed
 * @c:		the client
 * @module:	bulkhead.ko to load when the device is missing (NULL:
 *		$BULKHEAD_MODULE, else BH_MODULE_PATH)
 *
 * Return: 0, or -errno (errno is left set as well).
 */
int bh_client_open(struct bh_client *c, const char *module);

/**
 * bh_client_close() - close the device
 * @c:	the client
 */
void bh_client_close(struct bh_client *c);

/**
 * bh_client_status() - BH_IOCTL_STATUS
 * @c:	the client
 * @st:	receives the status
 *
 * Return: 0 or -errno.
 */
int bh_client_status(struct bh_client *c, struct bh_ioctl_status *st);

/**
 * bh_client_enable() - BH_IOCTL_ENABLE
 * @c:			the client
 * @bd:			boot description
 * @size:		its size
 * @stub_vectors:	virtual address of __hyp_stub_vectors
 *
 * Return: 0 or -errno (see struct bh_ioctl_enable).
 */
int bh_client_enable(struct bh_client *c, const void *bd, size_t size,
		     uint64_t stub_vectors);

/**
 * bh_client_disable() - BH_IOCTL_DISABLE
 * @c:	the client
 *
 * Return: 0, -ENXIO (not enabled) or -EIO.
 */
int bh_client_disable(struct bh_client *c);

/**
 * bh_client_invoke() - BH_IOCTL_INVOKE: one capability invocation
 * @c:		the client
 * @inv:	slot, msginfo and mr in; error, reply_info, reply_mr, cpu out
 *
 * Return: 0 if the hypercall was made (the kernel's verdict is in
 * @inv->error), or -errno.
 */
int bh_client_invoke(struct bh_client *c, struct bh_ioctl_invoke *inv);

/**
 * bh_client_call() - invoke @label on @slot with up to four registers
 * @c:		the client
 * @slot:	capability slot
 * @label:	enum bh_label
 * @n:		message length, 0..4
 * @mr:		@n message registers (may be NULL when @n is 0)
 * @reply:	receives reply registers 0..3 (may be NULL)
 *
 * Return: the BH_E_* error (>= 0), or -errno if the call was not made.
 */
long bh_client_call(struct bh_client *c, uint64_t slot, uint32_t label,
		    unsigned int n, const uint64_t *mr, uint64_t *reply);

/**
 * bh_client_bootdesc() - BH_IOCTL_BOOTDESC: the description in use
 * @c:		the client
 * @buf:	BH_BOOTDESC_MAX_SIZE bytes
 * @size:	receives its size
 *
 * Return: 0 or -errno (-ENXIO when not enabled).
 */
int bh_client_bootdesc(struct bh_client *c, void *buf, size_t *size);

#endif /* BULKHEAD_AGENT_CLIENT_H */
