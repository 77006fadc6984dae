/* SPDX-License-Identifier: GPL-2.0 */
/* Shared-memory channel: two lock-free SPSC rings with doorbell flags. */
#ifndef BULKHEAD_CHANNEL_H
#define BULKHEAD_CHANNEL_H

#include <bulkhead/types.h>

/*
 * A channel joins two ends, A and B, through one shared region. A formats
 * the region (bh_chan_init()), B checks it (bh_chan_attach()). Ring 0
 * carries A's messages to B, ring 1 B's to A. Each ring is an array of
 * BH_CHAN_SLOT_SIZE-byte slots, one message per slot, indexed by two
 * free-running 32-bit counters: prod (messages published) and cons
 * (messages consumed). A slot is (index & (nslots - 1)).
 *
 * Region layout (offsets from the page-aligned start):
 *
 *   0x0000  struct bh_chan_hdr          written by A before B attaches
 *   0x1000  struct bh_chan_ctl of A     ring 0 prod line, ring 1 cons line
 *   0x2000  struct bh_chan_ctl of B     ring 1 prod line, ring 0 cons line
 *   0x3000  ring 0 slots (nslots)       written by A only
 *   ...     ring 1 slots (nslots)       written by B only
 *
 * A writes the header and both control pages once, in bh_chan_init().
 * From then on every byte has exactly one writer, and the writers' areas
 * are whole pages (BH_CHAN_MIN_SLOTS slots fill a page), so a mapping may
 * give each end only read access to what the other end writes. Each index
 * sits on its own 64-byte line, next to its writer's wake flag, so the
 * two ends never write the same cache line.
 *
 * Neither end trusts the other: each keeps its own indices and the ring
 * geometry in private memory (struct bh_chan) and only ever reads the
 * peer's index, wake flag and slots, checking them before use. docs/channel.md
 * gives the protocol and the reasoning behind each barrier.
 *
 * Both ends must map the region as Normal, Inner Shareable, Inner and Outer
 * Write-Back cacheable memory: the acquire/release accesses used here only
 * order memory between observers in the same shareability domain.
 *
 * The structures are not packed: the index and flag words are accessed
 * with atomic builtins, which need naturally aligned objects. Every field
 * is naturally aligned and the asserts below prove there is no padding,
 * so the layout is the one a packed definition would give. Little-endian.
 */
#define BH_CHAN_MAGIC		0x31304e4148434842ULL	/* "BHCHAN01" */
#define BH_CHAN_VERSION		1

#define BH_CHAN_PAGE_SIZE	4096U
#define BH_CHAN_LINE_SIZE	64U
#define BH_CHAN_SLOT_SIZE	256U
#define BH_CHAN_SLOT_HDR_SIZE	8U
#define BH_CHAN_MSG_MAX		(BH_CHAN_SLOT_SIZE - BH_CHAN_SLOT_HDR_SIZE)
#define BH_CHAN_MIN_SLOTS	16U
#define BH_CHAN_MAX_SLOTS	4096U

#define BH_CHAN_HDR_OFFSET	0x0000U
#define BH_CHAN_CTL_A_OFFSET	0x1000U
#define BH_CHAN_CTL_B_OFFSET	0x2000U
#define BH_CHAN_SLOTS_OFFSET	0x3000U

/* Bytes needed for a channel of @n slots per ring */
#define BH_CHAN_REGION_SIZE(n) \
	(BH_CHAN_SLOTS_OFFSET + 2ULL * (n) * BH_CHAN_SLOT_SIZE)

/*
 * Error numbers, negated in return values. They equal Linux's (and
 * glibc's and musl's) EAGAIN, EINVAL, EPROTO and EMSGSIZE on arm64 and
 * x86; the header defines them because the EL2 kernel has no errno.h.
 */
#define BH_CHAN_EAGAIN		11
#define BH_CHAN_EINVAL		22
#define BH_CHAN_EPROTO		71
#define BH_CHAN_EMSGSIZE	90

/**
 * struct bh_chan_hdr - the channel header, at offset 0
 * @magic:	BH_CHAN_MAGIC; A stores it last, with release semantics, so
 *		an end that reads it with acquire semantics sees the rest
 * @version:	BH_CHAN_VERSION
 * @nslots:	slots per ring, a power of two in
 *		[BH_CHAN_MIN_SLOTS, BH_CHAN_MAX_SLOTS]
 * @slot_size:	BH_CHAN_SLOT_SIZE
 * @reserved0:	0
 * @size:	BH_CHAN_REGION_SIZE(@nslots)
 * @generation:	end A's to set after formatting (0 from bh_chan_init()):
 *		which incarnation of end A formatted the channel; end B
 *		re-attaches when it changes. Not checked by bh_chan_attach().
 * @reserved:	0
 *
 * Written by A in bh_chan_init() and never again. B copies it once in
 * bh_chan_attach(); neither end reads it afterwards.
 */
struct bh_chan_hdr {
	uint64_t magic;
	uint32_t version;
	uint32_t nslots;
	uint32_t slot_size;
	uint32_t reserved0;
	uint64_t size;
	uint64_t generation;
	uint64_t reserved[3];
};
BH_ASSERT_SIZE(struct bh_chan_hdr, 64);
BH_ASSERT_OFFSET(struct bh_chan_hdr, version, 8);
BH_ASSERT_OFFSET(struct bh_chan_hdr, nslots, 12);
BH_ASSERT_OFFSET(struct bh_chan_hdr, slot_size, 16);
BH_ASSERT_OFFSET(struct bh_chan_hdr, size, 24);

/**
 * struct bh_chan_idx - one ring index and its writer's wake flag
 * @idx:	free-running count of messages published (a prod line) or
 *		consumed (a cons line); stored with release semantics
 * @wake:	nonzero while the writer of this line wants a doorbell when
 *		the other index of the ring moves: the consumer waits for a
 *		message, the producer for a free slot
 * @reserved:	0
 *
 * One 64-byte line, written only by its owner: the producer of the ring
 * for a prod line, the consumer for a cons line.
 */
struct bh_chan_idx {
	uint32_t idx;
	uint32_t wake;
	uint32_t reserved[14];
} __attribute__((aligned(64)));
BH_ASSERT_SIZE(struct bh_chan_idx, BH_CHAN_LINE_SIZE);
BH_ASSERT_OFFSET(struct bh_chan_idx, wake, 4);

/**
 * struct bh_chan_ctl - the page one end writes its indices to
 * @prod:	producer line of the ring this end sends on
 * @cons:	consumer line of the ring this end receives on
 *
 * A's page is at BH_CHAN_CTL_A_OFFSET, B's at BH_CHAN_CTL_B_OFFSET; the
 * rest of each page is reserved and never read.
 */
struct bh_chan_ctl {
	struct bh_chan_idx prod;
	struct bh_chan_idx cons;
};
BH_ASSERT_SIZE(struct bh_chan_ctl, 2 * BH_CHAN_LINE_SIZE);
BH_ASSERT_OFFSET(struct bh_chan_ctl, cons, BH_CHAN_LINE_SIZE);

/**
 * struct bh_chan_slot - one message
 * @len:	payload bytes, 0..BH_CHAN_MSG_MAX
 * @flags:	reserved, 0; a receiver treats anything else as corruption
 * @data:	payload; bytes past @len are undefined
 */
struct bh_chan_slot {
	uint32_t len;
	uint32_t flags;
	uint8_t data[BH_CHAN_MSG_MAX];
};
BH_ASSERT_SIZE(struct bh_chan_slot, BH_CHAN_SLOT_SIZE);
BH_ASSERT_OFFSET(struct bh_chan_slot, data, BH_CHAN_SLOT_HDR_SIZE);

_Static_assert(BH_CHAN_REGION_SIZE(BH_CHAN_MIN_SLOTS) % BH_CHAN_PAGE_SIZE == 0,
	       "with the minimum ring size each ring fills whole pages");
_Static_assert((BH_CHAN_MAX_SLOTS & (BH_CHAN_MAX_SLOTS - 1)) == 0 &&
	       (BH_CHAN_MIN_SLOTS & (BH_CHAN_MIN_SLOTS - 1)) == 0,
	       "ring sizes are powers of two, so they divide 2^32");

/**
 * struct bh_chan - one end of a channel, in the end's private memory
 * @tx_prod:	our producer line of the ring we send on
 * @tx_cons:	the peer's consumer line of that ring (untrusted)
 * @tx_slots:	slots of the ring we send on
 * @rx_cons:	our consumer line of the ring we receive on
 * @rx_prod:	the peer's producer line of that ring (untrusted)
 * @rx_slots:	slots of the ring we receive on (untrusted)
 * @mask:	nslots - 1, from our own validation, never re-read
 * @tx_next:	our producer index; the shared copy is only written
 * @rx_next:	our consumer index; the shared copy is only written
 * @broken:	set once the peer was caught corrupting the channel
 * @tx_waiting:	we set our producer wake flag
 * @rx_waiting:	we set our consumer wake flag
 * @doorbell:	the peer asked to be woken since bh_chan_need_doorbell()
 *
 * Not shared and not part of the ABI; callers only allocate it. No lock
 * protects it: one thread at a time uses an end (a caller that sends from
 * one thread and receives from another serialises the calls itself).
 * The two ends of a channel run concurrently without any lock.
 */
struct bh_chan {
	struct bh_chan_idx *tx_prod;
	const struct bh_chan_idx *tx_cons;
	struct bh_chan_slot *tx_slots;
	struct bh_chan_idx *rx_cons;
	const struct bh_chan_idx *rx_prod;
	const struct bh_chan_slot *rx_slots;
	uint32_t mask;
	uint32_t tx_next;
	uint32_t rx_next;
	uint8_t broken;
	uint8_t tx_waiting;
	uint8_t rx_waiting;
	uint8_t doorbell;
};

/**
 * bh_chan_init_at() - format a region and become its end A
 * @ch:		end to set up
 * @mem:	the shared region, page aligned, mapped as described above
 * @size:	bytes mapped at @mem
 * @nslots:	slots per ring: a power of two in
 *		[BH_CHAN_MIN_SLOTS, BH_CHAN_MAX_SLOTS]
 * @first:	initial value of all four indices. Any value is valid, as
 *		the indices are free-running; bh_chan_init() passes 0, tests
 *		pass values just below 2^32 to cross the wrap quickly.
 *
 * Writes the header and both control pages (the slots are left as they
 * are: no slot is read before it is published). The magic number is
 * stored last with release semantics. Must not be called while another
 * end is attached to @mem.
 *
 * Return: 0, or -BH_CHAN_EINVAL if @mem is not page aligned, @nslots is
 * out of range or not a power of two, or @size is smaller than
 * BH_CHAN_REGION_SIZE(@nslots). Nothing is written on error.
 */
int bh_chan_init_at(struct bh_chan *ch, void *mem, uint64_t size,
		    uint32_t nslots, uint32_t first);

/**
 * bh_chan_init() - format a region and become its end A
 * @ch:		end to set up
 * @mem:	the shared region, page aligned
 * @size:	bytes mapped at @mem
 * @nslots:	slots per ring
 *
 * bh_chan_init_at() with all indices starting at 0.
 *
 * Return: as bh_chan_init_at().
 */
static inline int bh_chan_init(struct bh_chan *ch, void *mem, uint64_t size,
			       uint32_t nslots)
{
	return bh_chan_init_at(ch, mem, size, nslots, 0);
}

/**
 * bh_chan_attach() - check a region formatted by the peer and become end B
 * @ch:		end to set up
 * @mem:	the shared region, page aligned
 * @size:	bytes mapped at @mem: the header's size must fit in it
 *
 * The header is hostile input. It is read with acquire semantics on the
 * magic, copied once into private memory and only the copy is checked:
 * magic, version, slot size, nslots a power of two in range, size equal
 * to BH_CHAN_REGION_SIZE(nslots) and within @size, reserved fields zero.
 * The four initial indices must describe two rings holding at most nslots
 * messages each. B's own indices are taken from its control page once,
 * and its wake flags are cleared.
 *
 * Return: 0, or -BH_CHAN_EINVAL if @mem is misaligned, @size is too small
 * or any check fails; @ch is then unusable and nothing has been written.
 */
int bh_chan_attach(struct bh_chan *ch, void *mem, uint64_t size);

/**
 * bh_chan_send() - publish one message
 * @ch:		our end
 * @msg:	payload
 * @len:	payload bytes, at most BH_CHAN_MSG_MAX
 *
 * Copies @msg into the next free slot, then stores the producer index
 * with release semantics, then reads the consumer's wake flag (the store
 * and the read are sequentially consistent, so that a consumer going to
 * sleep either sees the message or has its flag seen). Clears our own
 * producer wake flag if bh_chan_tx_prepare_wait() had set it.
 *
 * Return: 1 if the message was sent and the peer asked for a doorbell:
 * the caller must ring it (now, or once after a batch, see
 * bh_chan_need_doorbell()); 0 if sent and no doorbell is needed;
 * -BH_CHAN_EAGAIN if the ring is full; -BH_CHAN_EMSGSIZE if @len is too
 * large; -BH_CHAN_EPROTO if the channel is broken: the peer's consumer
 * index is ahead of our producer index or more than nslots behind it, in
 * this call or an earlier one. Nothing is published on error.
 */
int bh_chan_send(struct bh_chan *ch, const void *msg, uint32_t len);

/**
 * bh_chan_recv() - take the oldest message
 * @ch:		our end
 * @buf:	where the payload goes
 * @size:	bytes available at @buf
 *
 * Loads the peer's producer index with acquire semantics and checks that
 * it is at most nslots ahead of ours. Copies the whole slot into private
 * memory first and checks only the copy (length, flags), so a peer that
 * changes the slot meanwhile cannot make us read or write out of bounds:
 * there is a single fetch of everything the peer controls. Then copies
 * the payload to @buf and stores our consumer index with release
 * semantics, which frees the slot. If the peer's producer waits for a
 * free slot, bh_chan_need_doorbell() will say so. Clears our consumer
 * wake flag if bh_chan_rx_prepare_wait() had set it.
 *
 * The payload is still untrusted: it is only known to be a private copy
 * of at most BH_CHAN_MSG_MAX bytes; the caller validates its contents.
 *
 * Return: the payload length (0..BH_CHAN_MSG_MAX); -BH_CHAN_EAGAIN if
 * the ring is empty; -BH_CHAN_EMSGSIZE if the message is longer than
 * @size (it stays in the ring); -BH_CHAN_EPROTO if the channel is broken:
 * the peer's producer index is more than nslots ahead of ours or behind
 * it, or the slot's length or flags are invalid, in this call or an
 * earlier one.
 */
int bh_chan_recv(struct bh_chan *ch, void *buf, uint32_t size);

/**
 * bh_chan_rx_prepare_wait() - ask for a doorbell before sleeping on receive
 * @ch:		our end
 *
 * Sets our consumer wake flag, then reads the peer's producer index again
 * (both sequentially consistent: see bh_chan_send()). The caller sleeps
 * until the doorbell only if this returns 0; the flag stays set until the
 * next successful bh_chan_recv(), so a doorbell may arrive that finds
 * nothing new: callers loop.
 *
 * Return: 0 if the ring is still empty (sleep), 1 if a message is
 * pending (receive it), -BH_CHAN_EPROTO if the channel is broken.
 */
int bh_chan_rx_prepare_wait(struct bh_chan *ch);

/**
 * bh_chan_tx_prepare_wait() - ask for a doorbell before sleeping on send
 * @ch:		our end
 *
 * Like bh_chan_rx_prepare_wait() for a full ring: sets our producer wake
 * flag, then reads the peer's consumer index again. The flag stays set
 * until the next successful bh_chan_send().
 *
 * Return: 0 if the ring is still full (sleep), 1 if a slot is free (send),
 * -BH_CHAN_EPROTO if the channel is broken.
 */
int bh_chan_tx_prepare_wait(struct bh_chan *ch);

/**
 * bh_chan_need_doorbell() - whether the peer must be woken, and forget it
 * @ch:		our end
 *
 * Since the last call, did a bh_chan_send() find the peer's consumer
 * waiting, or a bh_chan_recv() find the peer's producer waiting? A caller
 * that batches sends and receives calls this once after the batch and
 * rings the peer's doorbell if it returns 1. The doorbell must order the
 * index stores before the interrupt it raises (on arm64, a DSB before
 * the write that sends it); see docs/channel.md.
 *
 * Return: 1 if the doorbell must be rung, else 0.
 */
int bh_chan_need_doorbell(struct bh_chan *ch);

#endif /* BULKHEAD_CHANNEL_H */
