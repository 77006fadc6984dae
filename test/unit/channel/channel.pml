/* SPDX-License-Identifier: GPL-2.0 */
/* SPIN model of one channel ring: indices, slots, wake flags and doorbells. */

/*
 * One producer and one consumer share a ring of NSLOTS slots, as
 * libs/channel/channel.c does for each direction. SPIN interleaves the
 * statements of the two processes in every possible order, each shared
 * access being one step (sequential consistency). The release and acquire
 * accesses of the C code keep the order written here; each BUG_* variant
 * below makes the one reordering that the missing barrier (or a wrong
 * program order) would allow, and the checks must then catch it.
 *
 * Checked: every message arrives once, in order, whole (no loss,
 * duplication, reordering or torn slot); the consumer never reads a slot
 * the producer is writing, nor the reverse; an honest peer never trips the
 * receiver's corruption checks, across the wrap of the counters; and no
 * end sleeps forever (a lost wakeup leaves a process blocked on its
 * doorbell, which SPIN reports as an invalid end state). Run for
 * non-progress cycles (pan -l), it also shows that the ends cannot loop
 * forever without a message being sent or received (no livelock).
 *
 * The 32-bit free-running counters are scaled down to counters modulo
 * IDXMOD; NSLOTS divides IDXMOD as nslots divides 2^32, and NMSG > IDXMOD
 * makes both counters wrap.
 */
#ifndef NSLOTS
#define NSLOTS	2
#endif
#define IDXMOD	8
#ifndef NMSG
#define NMSG	10
#endif

/* Each message's length: a slot read half-old, half-new does not match */
#define LEN(m)		((m) % 3 + 1)
#define USED(p, c)	(((p) + IDXMOD - (c)) % IDXMOD)

byte prod, cons;		/* shared indices */
bit cons_wake, prod_wake;	/* wake flags: consumer's, producer's */
bit bell_c, bell_p;		/* doorbells: a pending bit, as an interrupt */
byte slot_len[NSLOTS], slot_msg[NSLOTS];
bit writing[NSLOTS], reading[NSLOTS];	/* ghost: who is inside which slot */

active proctype producer()
{
	byte next = 0, m = 0, c, s;
	bit waiting = 0;

	do
	:: m == NMSG -> break
	:: else ->
		c = cons;				/* load-acquire */
		assert(USED(next, c) <= NSLOTS);	/* -EPROTO check */
		if
		:: USED(next, c) == NSLOTS ->		/* full */
			prod_wake = 1;			/* store, seq_cst */
			waiting = 1;
			c = cons;			/* load, seq_cst */
			if
			:: USED(next, c) == NSLOTS ->
				atomic { bell_p -> bell_p = 0 }	/* sleep */
			:: else -> skip
			fi
		:: else ->
			s = next % NSLOTS;
#ifdef BUG_PUBLISH_EARLY
			next = (next + 1) % IDXMOD;
			prod = next;
#endif
			writing[s] = 1;
			assert(!reading[s]);
			slot_len[s] = LEN(m);
			slot_msg[s] = m;
			writing[s] = 0;
#ifdef BUG_WAKE_EARLY
			if
			:: cons_wake -> bell_c = 1
			:: else -> skip
			fi;
#endif
#ifndef BUG_PUBLISH_EARLY
			next = (next + 1) % IDXMOD;
			prod = next;		/* store-release, seq_cst */
#endif
progress_sent:		m++;
			if
			:: waiting -> prod_wake = 0; waiting = 0
			:: else -> skip
			fi;
#ifndef BUG_WAKE_EARLY
			if
			:: cons_wake -> bell_c = 1	/* seq_cst load */
			:: else -> skip
			fi
#endif
		fi
	od
}

active proctype consumer()
{
	byte next = 0, m = 0, p, s, l, v;
	bit waiting = 0;

	do
	:: m == NMSG -> break
	:: else ->
		p = prod;				/* load-acquire */
		assert(USED(p, next) <= NSLOTS);	/* -EPROTO check */
		if
		:: p == next ->				/* empty */
#ifdef BUG_STORE_LOAD
			p = prod;	/* the recheck passes the flag store */
			cons_wake = 1;
			waiting = 1;
#else
			cons_wake = 1;			/* store, seq_cst */
			waiting = 1;
			p = prod;			/* load, seq_cst */
#endif
			if
			:: p == next ->
				atomic { bell_c -> bell_c = 0 }	/* sleep */
			:: else -> skip
			fi
		:: else ->
			s = next % NSLOTS;
#ifdef BUG_RELEASE_EARLY
			next = (next + 1) % IDXMOD;
			cons = next;
#endif
			reading[s] = 1;
			assert(!writing[s]);
			l = slot_len[s];		/* the copy-out */
			v = slot_msg[s];
			reading[s] = 0;
			assert(v == m && l == LEN(m));	/* validate the copy */
#ifndef BUG_RELEASE_EARLY
			next = (next + 1) % IDXMOD;
			cons = next;		/* store-release, seq_cst */
#endif
progress_rcvd:		m++;
			if
			:: waiting -> cons_wake = 0; waiting = 0
			:: else -> skip
			fi;
			if
			:: prod_wake -> bell_p = 1	/* seq_cst load */
			:: else -> skip
			fi
		fi
	od
}
