/* SPDX-License-Identifier: GPL-2.0 */
/* Shared-memory channel: format, attach, send, receive and doorbell flags. */
#include <bulkhead/channel.h>

/*
 * Built freestanding for EL2 and service cells, and for Linux user space
 * and host tests: the only outside symbol is memcpy. The prototype is our
 * own so that no libc header is needed; __SIZE_TYPE__ matches every size_t.
 */
void *memcpy(void *dst, const void *src, __SIZE_TYPE__ n);

/*
 * Index stores and the loads that follow them in the doorbell handshake
 * are sequentially consistent; on arm64 they are STLR and LDAR, which the
 * Arm ARM orders in program order (a Store-Release is Barrier-ordered-
 * before a later Load-Acquire). Plain acquire loads of the peer's index
 * may become LDAPR, which gives no such order: they are used only where
 * no store-to-load order is needed.
 */
static uint32_t load_acquire(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static uint32_t load_sc(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store_sc(uint32_t *p, uint32_t v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

static int valid_nslots(uint32_t n)
{
	return n >= BH_CHAN_MIN_SLOTS && n <= BH_CHAN_MAX_SLOTS &&
	       !(n & (n - 1));
}

static int chan_broken(struct bh_chan *ch)
{
	ch->broken = 1;
	return -BH_CHAN_EPROTO;
}

static void chan_setup(struct bh_chan *ch, uint8_t *base, uint32_t nslots,
		       int side_b)
{
	struct bh_chan_ctl *own, *peer;
	struct bh_chan_slot *ring0, *ring1;

	own = (void *)(base + (side_b ? BH_CHAN_CTL_B_OFFSET :
				       BH_CHAN_CTL_A_OFFSET));
	peer = (void *)(base + (side_b ? BH_CHAN_CTL_A_OFFSET :
					BH_CHAN_CTL_B_OFFSET));
	ring0 = (void *)(base + BH_CHAN_SLOTS_OFFSET);
	ring1 = ring0 + nslots;

	ch->tx_prod = &own->prod;
	ch->tx_cons = &peer->cons;
	ch->tx_slots = side_b ? ring1 : ring0;
	ch->rx_cons = &own->cons;
	ch->rx_prod = &peer->prod;
	ch->rx_slots = side_b ? ring0 : ring1;
	ch->mask = nslots - 1;
	ch->broken = 0;
	ch->tx_waiting = 0;
	ch->rx_waiting = 0;
	ch->doorbell = 0;
}

static void idx_init(struct bh_chan_idx *line, uint32_t first)
{
	unsigned int i;

	line->idx = first;
	line->wake = 0;
	for (i = 0; i < sizeof(line->reserved) / sizeof(line->reserved[0]); i++)
		line->reserved[i] = 0;
}

int bh_chan_init_at(struct bh_chan *ch, void *mem, uint64_t size,
		    uint32_t nslots, uint32_t first)
{
	uint8_t *base = mem;
	struct bh_chan_hdr *hdr = mem;
	struct bh_chan_ctl *ctl;
	unsigned int i;

	if ((uintptr_t)mem % BH_CHAN_PAGE_SIZE || !valid_nslots(nslots) ||
	    size < BH_CHAN_REGION_SIZE(nslots))
		return -BH_CHAN_EINVAL;

	/* Unpublish first, so a stale header is never taken for this one */
	__atomic_store_n(&hdr->magic, 0, __ATOMIC_RELAXED);
	hdr->version = BH_CHAN_VERSION;
	hdr->nslots = nslots;
	hdr->slot_size = BH_CHAN_SLOT_SIZE;
	hdr->reserved0 = 0;
	hdr->size = BH_CHAN_REGION_SIZE(nslots);
	hdr->generation = 0;
	for (i = 0; i < sizeof(hdr->reserved) / sizeof(hdr->reserved[0]); i++)
		hdr->reserved[i] = 0;

	ctl = (void *)(base + BH_CHAN_CTL_A_OFFSET);
	idx_init(&ctl->prod, first);
	idx_init(&ctl->cons, first);
	ctl = (void *)(base + BH_CHAN_CTL_B_OFFSET);
	idx_init(&ctl->prod, first);
	idx_init(&ctl->cons, first);

	chan_setup(ch, base, nslots, 0);
	ch->tx_next = first;
	ch->rx_next = first;

	/* Publish: pairs with the acquire of the magic in bh_chan_attach() */
	__atomic_store_n(&hdr->magic, BH_CHAN_MAGIC, __ATOMIC_RELEASE);
	return 0;
}

/* At most nslots messages between a producer and a consumer index */
static int ring_sane(uint32_t prod, uint32_t cons, uint32_t nslots)
{
	return prod - cons <= nslots;
}

int bh_chan_attach(struct bh_chan *ch, void *mem, uint64_t size)
{
	uint8_t *base = mem;
	struct bh_chan_hdr *shared = mem, h;
	const struct bh_chan_ctl *a, *b;
	uint32_t p0, c0, p1, c1;
	unsigned int i;

	if ((uintptr_t)mem % BH_CHAN_PAGE_SIZE || size < BH_CHAN_SLOTS_OFFSET)
		return -BH_CHAN_EINVAL;

	/* Pairs with the release of the magic in bh_chan_init_at() */
	if (__atomic_load_n(&shared->magic, __ATOMIC_ACQUIRE) != BH_CHAN_MAGIC)
		return -BH_CHAN_EINVAL;

	/* Single fetch: everything below looks at the private copy only */
	memcpy(&h, shared, sizeof(h));
	if (h.magic != BH_CHAN_MAGIC || h.version != BH_CHAN_VERSION ||
	    h.slot_size != BH_CHAN_SLOT_SIZE || h.reserved0 ||
	    !valid_nslots(h.nslots) ||
	    h.size != BH_CHAN_REGION_SIZE(h.nslots) || h.size > size)
		return -BH_CHAN_EINVAL;
	for (i = 0; i < sizeof(h.reserved) / sizeof(h.reserved[0]); i++)
		if (h.reserved[i])
			return -BH_CHAN_EINVAL;

	a = (const void *)(base + BH_CHAN_CTL_A_OFFSET);
	b = (const void *)(base + BH_CHAN_CTL_B_OFFSET);
	/* Sanity only: send and receive load the peer's indices again */
	p0 = __atomic_load_n(&a->prod.idx, __ATOMIC_RELAXED);
	c1 = __atomic_load_n(&a->cons.idx, __ATOMIC_RELAXED);
	p1 = __atomic_load_n(&b->prod.idx, __ATOMIC_RELAXED);
	c0 = __atomic_load_n(&b->cons.idx, __ATOMIC_RELAXED);
	if (!ring_sane(p0, c0, h.nslots) || !ring_sane(p1, c1, h.nslots))
		return -BH_CHAN_EINVAL;

	chan_setup(ch, base, h.nslots, 1);
	ch->tx_next = p1;
	ch->rx_next = c0;
	__atomic_store_n(&ch->tx_prod->wake, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&ch->rx_cons->wake, 0, __ATOMIC_RELAXED);
	return 0;
}

int bh_chan_send(struct bh_chan *ch, const void *msg, uint32_t len)
{
	struct bh_chan_slot *slot;
	uint32_t used;

	if (ch->broken)
		return -BH_CHAN_EPROTO;
	if (len > BH_CHAN_MSG_MAX)
		return -BH_CHAN_EMSGSIZE;

	/*
	 * Acquire: pairs with the consumer's release of cons, so its reads
	 * of the slot we are about to reuse are complete before we write it.
	 */
	used = ch->tx_next - load_acquire(&ch->tx_cons->idx);
	if (used > ch->mask + 1)
		return chan_broken(ch);
	if (used == ch->mask + 1)
		return -BH_CHAN_EAGAIN;

	slot = &ch->tx_slots[ch->tx_next & ch->mask];
	slot->len = len;
	slot->flags = 0;
	memcpy(slot->data, msg, len);

	/* Release: the slot contents are visible before the new index */
	store_sc(&ch->tx_prod->idx, ++ch->tx_next);

	if (ch->tx_waiting) {
		__atomic_store_n(&ch->tx_prod->wake, 0, __ATOMIC_RELAXED);
		ch->tx_waiting = 0;
	}

	/* After the index store (store->load order): see load_sc() above */
	if (load_sc(&ch->tx_cons->wake)) {
		ch->doorbell = 1;
		return 1;
	}
	return 0;
}

int bh_chan_recv(struct bh_chan *ch, void *buf, uint32_t size)
{
	struct bh_chan_slot copy;
	uint32_t avail;

	if (ch->broken)
		return -BH_CHAN_EPROTO;

	/* Acquire: pairs with the producer's release of prod */
	avail = load_acquire(&ch->rx_prod->idx) - ch->rx_next;
	if (avail > ch->mask + 1)
		return chan_broken(ch);
	if (!avail)
		return -BH_CHAN_EAGAIN;

	/*
	 * Copy, then validate the copy: the peer may rewrite the slot at any
	 * time, so its length is fetched exactly once.
	 */
	memcpy(&copy, &ch->rx_slots[ch->rx_next & ch->mask], sizeof(copy));
	if (copy.len > BH_CHAN_MSG_MAX || copy.flags)
		return chan_broken(ch);
	if (copy.len > size)
		return -BH_CHAN_EMSGSIZE;
	memcpy(buf, copy.data, copy.len);

	/* Release: our reads of the slot are done before it can be reused */
	store_sc(&ch->rx_cons->idx, ++ch->rx_next);

	if (ch->rx_waiting) {
		__atomic_store_n(&ch->rx_cons->wake, 0, __ATOMIC_RELAXED);
		ch->rx_waiting = 0;
	}

	if (load_sc(&ch->rx_prod->wake))
		ch->doorbell = 1;
	return copy.len;
}

int bh_chan_rx_prepare_wait(struct bh_chan *ch)
{
	uint32_t avail;

	if (ch->broken)
		return -BH_CHAN_EPROTO;

	store_sc(&ch->rx_cons->wake, 1);
	ch->rx_waiting = 1;

	/* Store->load: we see the producer's index or it sees our flag */
	avail = load_sc(&ch->rx_prod->idx) - ch->rx_next;
	if (avail > ch->mask + 1)
		return chan_broken(ch);
	return avail != 0;
}

int bh_chan_tx_prepare_wait(struct bh_chan *ch)
{
	uint32_t used;

	if (ch->broken)
		return -BH_CHAN_EPROTO;

	store_sc(&ch->tx_prod->wake, 1);
	ch->tx_waiting = 1;

	used = ch->tx_next - load_sc(&ch->tx_cons->idx);
	if (used > ch->mask + 1)
		return chan_broken(ch);
	return used < ch->mask + 1;
}

int bh_chan_need_doorbell(struct bh_chan *ch)
{
	int ring = ch->doorbell;

	ch->doorbell = 0;
	return ring;
}
