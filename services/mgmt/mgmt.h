/* SPDX-License-Identifier: GPL-2.0 */
/* The management service's parts: its operation table. */
#ifndef MGMT_H
#define MGMT_H

#include <bulkhead/rpc.h>

/*
 * ops.c: the operations mgmt serves on its root channel. The handlers
 * find the boot-info page (const struct bh_svc_boot *) as the server's
 * context.
 */
extern const struct bh_rpc_op mgmt_ops[];
extern const unsigned int mgmt_nops;

/**
 * mgmt_ops_init() - forget what the operations learnt from the kernel
 *
 * Called at start-up, before the first request.
 */
void mgmt_ops_init(void);

#endif /* MGMT_H */
