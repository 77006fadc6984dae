/* SPDX-License-Identifier: GPL-2.0 */
/* The management service: start-up and the doorbell receive loop. */
#include <stdint.h>
#include <stdio.h>
#include <bulkhead/caps.h>
#include <bulkhead/rpc.h>
#include <bulkhead/rt.h>
#include "mgmt.h"

/* Large (three message buffers): not on the boot stack */
static struct bh_rpc_server server;

static void setup(const struct bh_svc_boot *boot)
{
	const struct bh_svc_region *root;
	void *mem = NULL;
	uint64_t size = 0;
	uint32_t nslots;
	int ret;

	root = bh_rt_region(BH_SVC_REGION_CHANNEL, "root");
	if (root && !(root->flags & BH_SVC_CHAN_END_A))
		root = NULL;
	if (root) {
		mem = (void *)(uintptr_t)root->base;
		size = root->size;
	}
	mgmt_ops_init();
	nslots = bh_rpc_chan_slots(size);
	/* On failure every doorbell is answered BH_SVC_CHAN_BROKEN */
	ret = bh_rpc_server_init(&server, mem, size, nslots, boot->generation,
				 mgmt_ops, mgmt_nops, (void *)boot);
	if (!root)
		printf("no root channel: nothing to serve\n");
	else if (ret)
		printf("root channel of %llu bytes unusable (%d)\n",
		       (unsigned long long)size, ret);
	else
		printf("serving %u ops, generation %llu\n", mgmt_nops,
		       (unsigned long long)boot->generation);
}

int main(void)
{
	const struct bh_svc_boot *boot = bh_rt_platform_get()->boot;
	struct bh_msg in, out;
	int ret;

	if (!boot) {
		fprintf(stderr, "mgmt: runs only as a service cell\n");
		return 1;
	}
	setup(boot);

	ret = bh_service_wait(&in);
	while (!ret) {
		out = (struct bh_msg){ .info = bh_msginfo(0, 2) };
		if (bh_msginfo_label(in.info) == BH_LABEL_EP_CALL) {
			bh_rpc_server_doorbell(&server, in.mr[0], in.rights,
					       in.badge, out.mr);
		} else {
			out.mr[0] = BH_SVC_BAD_CALL;
			out.mr[1] = boot->generation;
		}
		ret = bh_service_reply_wait(&out, &in);
	}
	fprintf(stderr, "reply refused (%d)\n", ret);
	return 1;
}
