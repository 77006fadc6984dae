/* SPDX-License-Identifier: GPL-2.0 */
/* Basic types of the EL2 kernel (freestanding). */
#ifndef CORE_TYPES_H
#define CORE_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#define BIT(n)			(1UL << (n))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define container_of(p, type, member) \
	((type *)((char *)(p) - __builtin_offsetof(type, member)))
#define ALIGN_UP(x, a)		(((x) + (a) - 1) & ~((u64)(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((u64)(a) - 1)) == 0)
#define __noreturn		__attribute__((noreturn))
#define __aligned(x)		__attribute__((aligned(x)))
#define __section(s)		__attribute__((section(s)))
#define __used			__attribute__((used))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define BUILD_ASSERT(c)		_Static_assert(c, #c)
#define BUILD_ASSERT_SIZE(t, s)	_Static_assert(sizeof(t) == (s), \
				       #t " must be " #s " bytes")
#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))
#define SZ_4K			0x1000UL
#define SZ_64K			0x10000UL
#define SZ_2M			0x200000UL
#define SZ_1G			0x40000000UL

#define EINVAL	22
#define ENOMEM	12
#define EBUSY	16
#define EPERM	1
#define ENODEV	19
#define ENOENT	2
#define ERANGE	34
#define EEXIST	17
#define EFAULT	14
#define EOPNOTSUPP	95

#endif /* CORE_TYPES_H */
