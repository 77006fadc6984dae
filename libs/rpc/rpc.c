/* SPDX-License-Identifier: GPL-2.0 */
/* RPC messages on a root channel: encode, check, name the statuses. */
#include <string.h>
#include <bulkhead/rpc.h>

/* Payload sizes by kind: exact, or a minimum where VARIABLE is set */
#define VARIABLE	0x8000U

static const uint16_t kind_size[BH_RPC_K_NR] = {
	[BH_RPC_K_NONE]		= 0,
	[BH_RPC_K_TEXT]		= VARIABLE | 0,
	[BH_RPC_K_HELLO]	= sizeof(struct bh_rpc_hello),
	[BH_RPC_K_VERSION]	= sizeof(struct bh_rpc_version),
	[BH_RPC_K_HV]		= sizeof(struct bh_rpc_hv),
	[BH_RPC_K_CPU]		= sizeof(struct bh_rpc_cpu),
	[BH_RPC_K_CELL]		= sizeof(struct bh_rpc_cell),
	[BH_RPC_K_STATS_REQ]	= sizeof(struct bh_rpc_stats_req),
	[BH_RPC_K_STATS]	= sizeof(struct bh_rpc_stats),
	[BH_RPC_K_LOG_REQ]	= sizeof(struct bh_rpc_log_req),
	[BH_RPC_K_LOG]		= VARIABLE | sizeof(struct bh_rpc_log),
};

_Static_assert(BH_RPC_MAX_PAYLOAD < VARIABLE, "sizes fit beside the flag");
_Static_assert(sizeof(struct bh_rpc_stats) <= BH_RPC_MAX_PAYLOAD &&
	       sizeof(struct bh_rpc_cell) <= BH_RPC_MAX_PAYLOAD,
	       "every fixed-size payload fits in one message");

int bh_rpc_encode(void *buf, uint16_t op, uint16_t flags, uint32_t id,
		  int32_t status, uint16_t kind, const void *payload,
		  uint32_t len)
{
	struct bh_rpc_hdr hdr = {
		.op = op, .flags = flags, .id = id, .status = status,
		.len = (uint16_t)len, .kind = kind,
	};

	if (len > BH_RPC_MAX_PAYLOAD)
		return -BH_CHAN_EMSGSIZE;
	memcpy(buf, &hdr, sizeof(hdr));
	if (len)
		memcpy((uint8_t *)buf + sizeof(hdr), payload, len);
	return (int)(sizeof(hdr) + len);
}

int bh_rpc_decode(const void *msg, uint32_t len, struct bh_rpc_hdr *hdr,
		  const void **payload)
{
	struct bh_rpc_hdr h;
	uint16_t size;

	if (len < sizeof(h) || len > BH_CHAN_MSG_MAX)
		return BH_RPC_EBADMSG;
	memcpy(&h, msg, sizeof(h));
	if (h.len != len - sizeof(h) || h.flags & ~BH_RPC_F_ALL ||
	    h.kind >= BH_RPC_K_NR)
		return BH_RPC_EBADMSG;
	if (h.flags & BH_RPC_F_REPLY) {
		if (h.status > 0)
			return BH_RPC_EBADMSG;
	} else if (h.status || h.flags & BH_RPC_F_MORE) {
		return BH_RPC_EBADMSG;
	}

	size = kind_size[h.kind];
	if (size & VARIABLE) {
		if (h.len < (size & ~VARIABLE))
			return BH_RPC_EBADMSG;
	} else if (h.len != size) {
		return BH_RPC_EBADMSG;
	}

	*hdr = h;
	*payload = (const uint8_t *)msg + sizeof(h);
	return 0;
}

static const char *const status_names[BH_RPC_E_NR] = {
	[0]			= "success",
	[-BH_RPC_EPERM]		= "permission denied",
	[-BH_RPC_EBADMSG]	= "malformed message",
	[-BH_RPC_ENOSYS]	= "operation not supported",
	[-BH_RPC_ERANGE]	= "out of range",
	[-BH_RPC_ETOOLONG]	= "request too long",
	[-BH_RPC_EIO]		= "hypervisor refused the request",
	[-BH_RPC_EOVERFLOW]	= "reply too large for the channel",
};

const char *bh_rpc_strerror(int32_t status)
{
	if (status > 0 || status <= -BH_RPC_E_NR)
		return "unknown error";
	return status_names[-status];
}

const char *bh_rpc_tstrerror(int ret)
{
	switch (ret) {
	case BH_RPC_TCHAN:
		return "channel broken or full";
	case BH_RPC_TDOORBELL:
		return "service call failed";
	case BH_RPC_TNOREPLY:
		return "no reply from the service";
	case BH_RPC_TSTALE:
		return "service restarted";
	case BH_RPC_TPROTO:
		return "protocol error";
	}
	return bh_rpc_strerror(ret);
}
