/* SPDX-License-Identifier: GPL-2.0 */
/* Turns on the runtime's system-call trace from the first call on. */
#include <bulkhead/rt.h>

const int bh_rt_trace_syscalls = 1;
