// SPDX-License-Identifier: GPL-2.0
/* bulkheadd: finds the services, maps their channels, calls, reconnects. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/caps.h>
#include <bulkhead/caps_names.h>

#include "svc.h"

/* Start-ups tried before a service counts as dead: each may fault. */
#define PING_TRIES	3
/* A service busy with another CPU's call is waited for this long */
#define BUSY_TRIES	200
#define BUSY_WAIT_US	1000

int bhd_error(struct bhd_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void bhd_log(const char *fmt, ...)
{
	struct timespec ts;
	va_list ap;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	fprintf(stderr, "[%5lld.%03ld] ", (long long)ts.tv_sec,
		ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static const struct bh_bd_cell *bd_cells(const struct bhd *d)
{
	return (const void *)(d->bd.raw + d->bd.hdr.cells_off);
}

const char *bhd_cell_name(const struct bhd *d, uint32_t id)
{
	static char name[BH_CELL_NAME_LEN];

	if (id >= d->bd.hdr.num_cells)
		return "?";
	memcpy(name, bd_cells(d)[id].name, sizeof(name));
	name[sizeof(name) - 1] = '\0';
	return name;
}

int bhd_cell_id(const struct bhd *d, const char *name)
{
	uint64_t id;
	uint32_t i;

	for (i = 0; i < d->bd.hdr.num_cells; i++)
		if (!strcmp(bhd_cell_name(d, i), name))
			return (int)i;
	if (!bh_parse_u64(name, &id) && id < d->bd.hdr.num_cells)
		return (int)id;
	return -1;
}

struct bhd_svc *bhd_find(struct bhd *d, const char *name)
{
	unsigned int i;

	for (i = 0; i < d->nsvc; i++)
		if (!strcmp(d->svc[i].name, name))
			return &d->svc[i];
	return NULL;
}

int bhd_ring(void *ctx, uint64_t op, uint64_t reply[2])
{
	struct bhd_svc *s = ctx;
	uint64_t r[4];
	int tries = 0;
	long e;

	/* BUSY: someone else's call runs the service on another CPU */
	do {
		if (tries)
			usleep(BUSY_WAIT_US);
		e = bh_client_call(&s->d->dev, s->ring_slot, BH_LABEL_EP_CALL,
				   1, &op, r);
	} while (e == BH_E_BUSY && ++tries < BUSY_TRIES);
	if (e < 0)
		return BHD_RING_ERRNO + (int)e;
	if (e)
		return -(int)e;
	reply[0] = r[0];
	reply[1] = r[1];
	return 0;
}

const char *bhd_ring_strerror(int e)
{
	if (e <= BHD_RING_ERRNO)
		return strerror(BHD_RING_ERRNO - e);
	return bh_error_name((uint64_t)-e);
}

static int faulted(int e)
{
	return e == -BH_E_FAULT || e == -BH_E_TIMEOUT;
}

/* First connection (@again 0) or a reconnection after a restart. */
static int connect_svc(struct bhd_svc *s, int again, struct bhd_err *err)
{
	uint64_t reply[2] = { 0 };
	int e = 0, i;

	s->ring_slot = s->slot;
	for (i = 0; i < PING_TRIES; i++) {
		e = bhd_ring(s, BH_SVC_CALL_PING, reply);
		if (!faulted(e))
			break;
		bhd_log("%s: start-up failed: %s", s->name,
			bhd_ring_strerror(e));
	}
	if (e)
		return bhd_error(err, "cells/%s: service did not start: %s (image %s)",
				 s->name, bhd_ring_strerror(e), s->image);
	if (reply[0] == BH_SVC_CHAN_BROKEN) {
		e = bhd_ring(s, BH_SVC_CALL_RESET, reply);
		if (e)
			return bhd_error(err, "cells/%s: channel reset: %s",
					 s->name, bhd_ring_strerror(e));
	}
	if (bh_rpc_client_attach(&s->rpc, s->mem, s->size))
		return bhd_error(err, "cells/%s: no valid root channel after its start-up (image %s)",
				 s->name, s->image);
	if (again)
		s->reconnects++;
	bhd_log("%s: attached to its channel, generation %" PRIu64, s->name,
		bh_rpc_client_generation(&s->rpc));
	return 0;
}

int bhd_reconnect(struct bhd_svc *s, struct bhd_err *err)
{
	return connect_svc(s, 1, err);
}

static void collect(void *arg, const struct bh_rpc_hdr *hdr,
		    const void *payload)
{
	struct bhd_reply *r = arg;
	size_t need = (sizeof(*hdr) + hdr->len + 7) & ~(size_t)7;
	char *p;

	if (!(hdr->flags & BH_RPC_F_MORE))
		r->status = hdr->status;
	if (r->len + need > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 4096;

		while (cap < r->len + need)
			cap *= 2;
		p = realloc(r->buf, cap);
		if (!p)
			return;
		r->buf = p;
		r->cap = cap;
	}
	memcpy(r->buf + r->len, hdr, sizeof(*hdr));
	memcpy(r->buf + r->len + sizeof(*hdr), payload, hdr->len);
	r->len += need;
}

int bhd_reply_next(const struct bhd_reply *r, size_t *off,
		   const struct bh_rpc_hdr **hdr, const void **payload)
{
	if (*off >= r->len)
		return 0;
	*hdr = (const void *)(r->buf + *off);
	*payload = r->buf + *off + sizeof(**hdr);
	*off += (sizeof(**hdr) + (*hdr)->len + 7) & ~(size_t)7;
	return 1;
}

char *bhd_reply_text(const struct bhd_reply *r, char *buf, size_t size)
{
	const struct bh_rpc_hdr *h;
	const void *p;
	size_t off = 0, n = 0, k;

	while (bhd_reply_next(r, &off, &h, &p)) {
		if (h->kind != BH_RPC_K_TEXT)
			continue;
		k = h->len < size - 1 - n ? h->len : size - 1 - n;
		memcpy(buf + n, p, k);
		n += k;
	}
	/* a message to be quoted in one line: no trailing newline */
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return buf;
}

void bhd_reply_free(struct bhd_reply *r)
{
	free(r->buf);
	memset(r, 0, sizeof(*r));
}

int bhd_call(struct bhd_svc *s, uint64_t slot, uint16_t op, uint16_t kind,
	     const void *payload, uint32_t len, int retry,
	     struct bhd_reply *r, struct bhd_err *err)
{
	uint64_t ring_slot = slot ? slot : s->slot;
	int ret, de, attempt;

	s->last_fault = 0;
	for (attempt = 0;; attempt++) {
		r->len = 0;
		r->status = 0;
		if ((!s->rpc.attached || bh_rpc_client_stale(&s->rpc)) &&
		    bhd_reconnect(s, err))
			return -1;
		s->ring_slot = ring_slot;
		ret = bh_rpc_call(&s->rpc, bhd_ring, s, op, kind, payload, len,
				  collect, r);
		s->ring_slot = s->slot;
		if (ret > BH_RPC_TCHAN)
			return 0;
		de = s->rpc.doorbell_err;
		if (ret == BH_RPC_TDOORBELL && !faulted(de)) {
			/*
			 * The kernel refused the call: the request is still
			 * in the ring, and the next call (other rights) must
			 * not serve it. RESET drops it.
			 */
			if (bh_rpc_client_reset(&s->rpc, bhd_ring, s))
				bhd_log("%s: reset after a refused call failed",
					s->name);
			return bhd_error(err, "%s: doorbell on slot %" PRIu64 ": %s",
					 s->name, ring_slot,
					 bhd_ring_strerror(de));
		}
		if (ret == BH_RPC_TDOORBELL) {
			s->last_fault = de;
			bhd_log("%s: %s during a call: reconnecting", s->name,
				bhd_ring_strerror(de));
			if (bhd_reconnect(s, err))
				return -1;
		} else if (ret == BH_RPC_TSTALE) {
			bhd_log("%s: channel formatted again: reconnecting",
				s->name);
			if (bhd_reconnect(s, err))
				return -1;
		} else if (ret == BH_RPC_TCHAN) {
			bhd_log("%s: channel broken: reset", s->name);
			if (bh_rpc_client_reset(&s->rpc, bhd_ring, s))
				return bhd_error(err, "%s: channel broken and reset failed: %s",
						 s->name,
						 bhd_ring_strerror(s->rpc.doorbell_err));
			s->reconnects++;
		} else {
			return bhd_error(err, "%s: %s", s->name,
					 bh_rpc_tstrerror(ret));
		}
		if (!retry || attempt)
			return bhd_error(err, "%s: %s", s->name,
					 ret == BH_RPC_TDOORBELL ?
					 bhd_ring_strerror(de) :
					 bh_rpc_tstrerror(ret));
	}
}

/* The boot description's image name of service cell @cell. */
static void image_of(const struct bhd *d, uint32_t cell, char *out)
{
	const struct bh_bd_service *svc =
		(const void *)(d->bd.raw + d->bd.hdr.services_off);
	uint32_t i;

	strcpy(out, "?");
	for (i = 0; i < d->bd.hdr.num_services && i < BH_MAX_CELLS; i++) {
		if (svc[i].cell != cell)
			continue;
		memcpy(out, svc[i].image, BH_SVC_IMAGE_LEN);
		out[BH_SVC_IMAGE_LEN - 1] = '\0';
	}
}

static int hello(struct bhd_svc *s, struct bhd_err *err)
{
	struct bhd_reply r = { 0 };
	const struct bh_rpc_hdr *h;
	const struct bh_rpc_hello *hi = NULL;
	const void *p;
	size_t off = 0;

	if (bhd_call(s, 0, BH_RPC_OP_HELLO, BH_RPC_K_NONE, NULL, 0, 1, &r,
		     err))
		goto fail;
	while (bhd_reply_next(&r, &off, &h, &p))
		if (h->kind == BH_RPC_K_HELLO && h->len == sizeof(*hi))
			hi = p;
	if (r.status || !hi) {
		bhd_error(err, "cells/%s: HELLO: %s", s->name,
			  r.status ? bh_rpc_strerror(r.status) : "no answer");
		goto fail;
	}
	if (strncmp(hi->name, s->name, sizeof(hi->name)) ||
	    hi->cell_id != s->cell)
		bhd_log("%s: calls itself \"%.*s\" (cell %u)", s->name,
			(int)sizeof(hi->name), hi->name, hi->cell_id);
	bhd_log("%s: cell %u, RPC version %u, slot %" PRIu64, s->name,
		s->cell, hi->rpc_version, s->slot);
	bhd_reply_free(&r);
	return 0;
fail:
	bhd_reply_free(&r);
	return -1;
}

/* Slot @slot holds an endpoint of cell @cell: map and greet its service. */
static int add_service(struct bhd *d, uint64_t slot, uint32_t cell,
		       struct bhd_err *err)
{
	struct bhd_svc *s = &d->svc[d->nsvc];
	long page = sysconf(_SC_PAGESIZE);
	uint64_t r[4];
	long e;

	memset(s, 0, sizeof(*s));
	s->d = d;
	s->slot = slot;
	s->ring_slot = slot;
	s->cell = cell;
	snprintf(s->name, sizeof(s->name), "%s", bhd_cell_name(d, cell));
	image_of(d, cell, s->image);

	e = bh_client_call(&d->dev, slot, BH_LABEL_EP_INFO, 0, NULL, r);
	if (e || !r[0])
		return 0;	/* no root channel: not ours to serve */
	s->size = r[1];
	s->mem = mmap(NULL, s->size, PROT_READ | PROT_WRITE, MAP_SHARED,
		      d->dev.fd, (off_t)BH_MMAP_OFFSET(slot, page));
	if (s->mem == MAP_FAILED) {
		s->mem = NULL;
		return bhd_error(err, "cells/%s: cannot map its root channel (slot %" PRIu64 "): %s",
				 s->name, slot, strerror(errno));
	}
	/*
	 * Formatted at its start-up during launch: attach as it is, without
	 * a call. Started but unformatted: a service that serves no RPC on
	 * its channel; leave it alone (calls would change its state). Not
	 * started (its start-up at launch failed): PING starts it again.
	 */
	if (bh_rpc_client_attach(&s->rpc, s->mem, s->size)) {
		if (r[3]) {
			bhd_log("%s: its root channel is not formatted: no RPC server, not served",
				s->name);
			goto skip;
		}
		if (connect_svc(s, 0, err))
			goto fail;
	}
	if (hello(s, err))
		goto fail;
	d->nsvc++;
	return 0;
fail:
	munmap(s->mem, s->size);
	s->mem = NULL;
	return -1;
skip:
	munmap(s->mem, s->size);
	s->mem = NULL;
	return 0;
}

int bhd_open(struct bhd *d, struct bhd_err *err)
{
	uint64_t slot, r[4];
	size_t len;
	unsigned int i;
	int ret;
	long e;

	d->nsvc = 0;
	ret = bh_client_open(&d->dev, NULL);
	if (ret)
		return bhd_error(err, "%s: %s", d->dev.what, strerror(-ret));
	ret = bh_client_bootdesc(&d->dev, d->bd.raw, &len);
	if (ret) {
		bhd_error(err, "hypervisor: %s", ret == -ENXIO ?
			  "not enabled" : strerror(-ret));
		goto fail;
	}
	if (d->bd.hdr.num_cells > BH_MAX_CELLS ||
	    d->bd.hdr.num_services > BH_MAX_CELLS) {
		bhd_error(err, "hypervisor: implausible boot description");
		goto fail;
	}
	for (slot = BH_SLOT_FIRST_DYNAMIC; slot < BH_CNODE_SLOTS; slot++) {
		e = bh_client_call(&d->dev, BH_SLOT_CNODE, BH_LABEL_CNODE_READ,
				   1, &slot, r);
		if (e || r[0] != BH_OBJ_ENDPOINT)
			continue;
		for (i = 0; i < d->nsvc; i++)
			if (d->svc[i].cell == r[3])
				break;
		if (i < d->nsvc || d->nsvc == BHD_MAX_SVCS)
			continue;
		if (add_service(d, slot, (uint32_t)r[3], err))
			goto fail;
	}
	return 0;
fail:
	bhd_close(d);
	return -1;
}

void bhd_close(struct bhd *d)
{
	unsigned int i;

	for (i = 0; i < d->nsvc; i++)
		if (d->svc[i].mem)
			munmap(d->svc[i].mem, d->svc[i].size);
	d->nsvc = 0;
	bh_client_close(&d->dev);
}
