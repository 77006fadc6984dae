/* SPDX-License-Identifier: GPL-2.0 */
/* Host tests of the MMIO table (core/mmio.c) and data-abort decoding (arch/arm64/mmio.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <core/cell.h>
#include <core/percpu.h>
#include <asm/mmio.h>
#include <asm/sysreg.h>
#include <asm/traps.h>

static struct cell cell;
static struct per_cpu cpu;
static unsigned int skipped;

struct per_cpu *arch_this_cpu(void)
{
	return &cpu;
}

void arch_skip_instruction(struct per_cpu *c)
{
	c->regs.elr += 4;
	skipped++;
}

static struct mmio_access last;
static int last_arg;
static enum trap_result emulate_result = TRAP_UNHANDLED;
static u64 emulate_ipa;

/* Stands in for the service cells' ranges (core/service.c) */
enum trap_result service_emulate(struct per_cpu *c, u64 ipa,
				 const struct mmio_access *acc)
{
	(void)c;
	(void)acc;
	emulate_ipa = ipa;
	return emulate_result;
}

static enum trap_result handler(struct per_cpu *c, void *arg,
				struct mmio_access *acc)
{
	(void)c;
	last = *acc;
	last_arg = (int)(uintptr_t)arg;
	if (!acc->is_write)
		acc->value = 0xfedcba9876543280UL;
	return TRAP_HANDLED;
}

static int setup(void **state)
{
	(void)state;
	memset(&cell, 0, sizeof(cell));
	memset(&cpu, 0, sizeof(cpu));
	cpu.cell = &cell;
	skipped = 0;
	return 0;
}

static void test_register_sorted(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(mmio_region_register(&cell, 0x8000000, 0x10000,
					      handler, (void *)1), 0);
	assert_int_equal(mmio_region_register(&cell, 0x1000, 0x1000,
					      handler, (void *)2), 0);
	assert_int_equal(mmio_region_register(&cell, 0x80a0000, 0x80000,
					      handler, (void *)3), 0);
	for (i = 1; i < cell.num_mmio; i++)
		assert_true(cell.mmio[i - 1].start < cell.mmio[i].start);
	/* overlaps: inside, straddling either end, enclosing */
	assert_int_equal(mmio_region_register(&cell, 0x8008000, 0x100,
					      handler, NULL), -EEXIST);
	assert_int_equal(mmio_region_register(&cell, 0x7fff000, 0x2000,
					      handler, NULL), -EEXIST);
	assert_int_equal(mmio_region_register(&cell, 0x800f000, 0x2000,
					      handler, NULL), -EEXIST);
	assert_int_equal(mmio_region_register(&cell, 0, 0x10000000,
					      handler, NULL), -EEXIST);
	/* adjacent is fine */
	assert_int_equal(mmio_region_register(&cell, 0x8010000, 0x1000,
					      handler, NULL), 0);
	assert_int_equal(mmio_region_register(&cell, 0x5000, 0, handler,
					      NULL), -EINVAL);
	assert_int_equal(mmio_region_register(&cell, ~0UL - 10, 0x100,
					      handler, NULL), -EINVAL);
	cell.mmio_frozen = true;
	assert_int_equal(mmio_region_register(&cell, 0x9000000, 0x1000,
					      handler, NULL), -EINVAL);
}

static void test_register_full(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < CELL_MAX_MMIO_REGIONS; i++)
		assert_int_equal(mmio_region_register(&cell, 0x100000 *
						      (CELL_MAX_MMIO_REGIONS - i),
						      0x1000, handler, NULL), 0);
	assert_int_equal(mmio_region_register(&cell, 0x10000000, 0x1000,
					      handler, NULL), -ENOMEM);
}

static void test_dispatch(void **state)
{
	struct mmio_access acc = { .size = 4 };
	unsigned int i;

	(void)state;
	for (i = 0; i < 12; i++)
		assert_int_equal(mmio_region_register(&cell, 0x10000 * (i + 1),
						      0x1000, handler,
						      (void *)(uintptr_t)i),
				 0);
	for (i = 0; i < 12; i++) {
		assert_int_equal(mmio_dispatch(&cpu, 0x10000 * (i + 1) + 0xffc,
					       &acc), TRAP_HANDLED);
		assert_int_equal(last.addr, 0xffc);
		assert_int_equal(last_arg, i);
	}
	assert_int_equal(mmio_dispatch(&cpu, 0xffff, &acc), TRAP_UNHANDLED);
	assert_int_equal(mmio_dispatch(&cpu, 0x11000, &acc), TRAP_UNHANDLED);
	assert_int_equal(mmio_dispatch(&cpu, 0xd0000, &acc), TRAP_UNHANDLED);
	/* an access running over the end of a region is not the region's */
	acc.size = 8;
	assert_int_equal(mmio_dispatch(&cpu, 0x10ffc, &acc), TRAP_UNHANDLED);
}

#define DABT(isv, sas, sse, srt, sf, wnr) \
	(((u64)EC_DABT_LOW << ESR_EC_SHIFT) | ESR_IL | \
	 ((isv) ? ESR_ISV : 0) | ((u64)(sas) << ESR_SAS_SHIFT) | \
	 ((sse) ? ESR_SSE : 0) | ((u64)(srt) << ESR_SRT_SHIFT) | \
	 ((sf) ? ESR_SF : 0) | ((wnr) ? ESR_WNR : 0))

static void test_decode(void **state)
{
	struct mmio_decoded d;
	struct arch_regs regs = { 0 };

	(void)state;
	regs.x[5] = 0x1122334455667788UL;
	/* 32-bit store of w5 to IPA 0x080a0010 */
	assert_int_equal(arch_mmio_decode(DABT(1, 2, 0, 5, 0, 1),
					  0xffff800012345010UL,
					  (0x080a0010UL >> 12) << 4,
					  &regs, &d), 0);
	assert_int_equal(d.ipa, 0x080a0010);
	assert_int_equal(d.acc.size, 4);
	assert_true(d.acc.is_write);
	assert_int_equal(d.acc.value, 0x55667788);
	assert_int_equal(d.rt, 5);
	/* XZR store: value 0 whatever x[31] would be */
	assert_int_equal(arch_mmio_decode(DABT(1, 3, 0, 31, 1, 1), 0, 0, &regs,
					  &d), 0);
	assert_int_equal(d.acc.value, 0);
	assert_int_equal(d.acc.size, 8);
	/* no ISV: cannot emulate */
	assert_int_equal(arch_mmio_decode(DABT(0, 2, 0, 5, 0, 1), 0, 0, &regs,
					  &d), -EINVAL);
	/* external abort, cache maintenance, stage-1 walk */
	assert_int_equal(arch_mmio_decode(DABT(1, 2, 0, 5, 0, 0) | ESR_EA, 0,
					  0, &regs, &d), -EFAULT);
	assert_int_equal(arch_mmio_decode(DABT(1, 2, 0, 5, 0, 0) | ESR_CM, 0,
					  0, &regs, &d), -EFAULT);
	assert_int_equal(arch_mmio_decode(DABT(1, 2, 0, 5, 0, 0) |
					  ESR_S1PTW, 0, 0, &regs, &d),
			 -EFAULT);
}

static void test_complete(void **state)
{
	struct mmio_decoded d;
	struct arch_regs regs;

	(void)state;
	memset(&regs, 0xaa, sizeof(regs));
	/* LDRSB x3: sign-extended byte into a 64-bit register */
	assert_int_equal(arch_mmio_decode(DABT(1, 0, 1, 3, 1, 0), 0, 0, &regs,
					  &d), 0);
	d.acc.value = 0x1f0;
	arch_mmio_complete(&regs, &d);
	assert_int_equal(regs.x[3], 0xfffffffffffffff0UL);
	/* LDRSH w4: sign-extended, then cut to 32 bits */
	assert_int_equal(arch_mmio_decode(DABT(1, 1, 1, 4, 0, 0), 0, 0, &regs,
					  &d), 0);
	d.acc.value = 0x8001;
	arch_mmio_complete(&regs, &d);
	assert_int_equal(regs.x[4], 0xffff8001UL);
	/* LDR w6: zero-extended */
	assert_int_equal(arch_mmio_decode(DABT(1, 2, 0, 6, 0, 0), 0, 0, &regs,
					  &d), 0);
	d.acc.value = 0x123456789UL;
	arch_mmio_complete(&regs, &d);
	assert_int_equal(regs.x[6], 0x23456789UL);
	/* load into XZR: nothing written (x[30] untouched) */
	assert_int_equal(arch_mmio_decode(DABT(1, 3, 0, 31, 1, 0), 0, 0, &regs,
					  &d), 0);
	arch_mmio_complete(&regs, &d);
	assert_int_equal(regs.x[30], 0xaaaaaaaaaaaaaaaaUL);
}

static void test_handle_dabt(void **state)
{
	(void)state;
	assert_int_equal(mmio_region_register(&cell, 0x8000000, 0x10000,
					      handler, NULL), 0);
	/* LDR x7, [0x8000008]: emulated, result in x7, PC advanced */
	cpu.arch.esr = DABT(1, 3, 0, 7, 1, 0);
	cpu.arch.far = 0x008;
	cpu.arch.hpfar = 0x8000000UL >> 8;
	cpu.regs.elr = 0x1000;
	assert_int_equal(arch_handle_dabt(&cpu, cpu.arch.esr), TRAP_HANDLED);
	assert_int_equal(cpu.regs.x[7], 0xfedcba9876543280UL);
	assert_int_equal(cpu.regs.elr, 0x1004);
	assert_int_equal(cpu.stats[BH_EXIT_MMIO], 1);
	/* unclaimed IPA: forbidden, PC not advanced, counted as a fault */
	cpu.arch.hpfar = 0x70000000UL >> 8;
	assert_int_equal(arch_handle_dabt(&cpu, cpu.arch.esr), TRAP_FORBIDDEN);
	assert_int_equal(cpu.regs.elr, 0x1004);
	assert_int_equal(cpu.stats[BH_EXIT_FAULT], 1);
	assert_int_equal(skipped, 1);
	assert_int_equal(emulate_ipa, 0x70000008UL);
}

/* An access a service emulates: kept for the reply, PC left alone */
static void test_handle_dabt_delegated(void **state)
{
	(void)state;
	/* STR w3, [0x9000010] */
	cpu.arch.esr = DABT(1, 2, 0, 3, 0, 1);
	cpu.arch.far = 0x010;
	cpu.arch.hpfar = 0x9000000UL >> 8;
	cpu.regs.x[3] = 0x1234;
	cpu.regs.elr = 0x2000;
	emulate_result = TRAP_DELEGATED;
	assert_int_equal(arch_handle_dabt(&cpu, cpu.arch.esr), TRAP_HANDLED);
	assert_int_equal(cpu.regs.elr, 0x2000);
	assert_int_equal(cpu.stats[BH_EXIT_MMIO], 1);
	assert_int_equal(cpu.arch.delegated.ipa, 0x9000010UL);
	assert_int_equal(cpu.arch.delegated.acc.value, 0x1234);
	assert_true(cpu.arch.delegated.acc.is_write);
	/* busy service: the instruction runs again, nothing counted */
	emulate_result = TRAP_RETRY;
	assert_int_equal(arch_handle_dabt(&cpu, cpu.arch.esr), TRAP_HANDLED);
	assert_int_equal(cpu.regs.elr, 0x2000);
	assert_int_equal(cpu.stats[BH_EXIT_MMIO], 1);
	assert_int_equal(cpu.stats[BH_EXIT_FAULT], 0);
	assert_int_equal(skipped, 0);
	emulate_result = TRAP_UNHANDLED;
}

/* IT blocks: the state after each instruction (Arm ARM ITAdvance()) */
static void test_it_advance(void **state)
{
	/* "ITTE EQ": IT = 0x06 (cond 0000, mask 0110) then shifts */
	const u64 other = PSR_MODE32 | PSR_AA32_T | 0x8 | (1UL << 31);
	u64 spsr = other | (0x02UL << PSR_AA32_IT_LO_SHIFT) |
		   (0x01UL << PSR_AA32_IT_HI_SHIFT);	/* IT = 0x06 */

	(void)state;
	spsr = arch_it_advance(spsr);	/* IT = 0x0c */
	assert_int_equal(spsr & ~PSR_AA32_IT_MASK, other);
	assert_int_equal((spsr >> PSR_AA32_IT_LO_SHIFT) & 3, 0);
	assert_int_equal((spsr >> PSR_AA32_IT_HI_SHIFT) & 0x3f, 0x03);
	spsr = arch_it_advance(spsr);	/* IT = 0x18 */
	assert_int_equal((spsr >> PSR_AA32_IT_HI_SHIFT) & 0x3f, 0x06);
	spsr = arch_it_advance(spsr);	/* IT[2:0] = 0: the block ends */
	assert_int_equal(spsr, other);
	/* the condition's top bits (IT[7:5]) never shift: 0xe4 -> 0xe8 */
	spsr = other | (0x39UL << PSR_AA32_IT_HI_SHIFT);	/* IT = 0xe4 */
	spsr = arch_it_advance(spsr);
	assert_int_equal((spsr >> PSR_AA32_IT_HI_SHIFT) & 0x3f, 0x3a);
	assert_int_equal((spsr >> PSR_AA32_IT_LO_SHIFT) & 3, 0);
}

/* The PSTATE an injected abort enters the guest's EL1 vector with */
static void test_exception_pstate(void **state)
{
	const u64 base = PSR_MODE_EL1H | PSR_DAIF;
	const u64 sctlr_v80 = SCTLR_EL1_RES1;	/* SPAN is RES1 */

	(void)state;
	/* v8.0: only mode and DAIF, whatever the interrupted PSTATE */
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL0T | PSR_SS |
						   PSR_IL, sctlr_v80, 0),
			 base);
	/* PAN: set when SCTLR_EL1.SPAN is 0 (as Linux runs), else kept */
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL0T,
			 sctlr_v80 & ~SCTLR_EL1_SPAN, ARCH_FEAT_PAN),
			 base | PSR_PAN);
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL1H, sctlr_v80,
						   ARCH_FEAT_PAN), base);
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL1H | PSR_PAN,
						   sctlr_v80, ARCH_FEAT_PAN),
			 base | PSR_PAN);
	/* SSBS from SCTLR_EL1.DSSBS, TCO set with MTE */
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL0T | PSR_SSBS,
			 sctlr_v80, ARCH_FEAT_SSBS), base);
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL0T,
			 sctlr_v80 | SCTLR_EL1_DSSBS, ARCH_FEAT_SSBS),
			 base | PSR_SSBS);
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL0T, sctlr_v80,
						   ARCH_FEAT_MTE),
			 base | PSR_TCO);
	/* DIT kept; an AArch32 EL0 keeps it in bit 21 */
	assert_int_equal(arch_el1_exception_pstate(PSR_MODE_EL0T | PSR_DIT,
						   sctlr_v80, 0),
			 base | PSR_DIT);
	assert_int_equal(arch_el1_exception_pstate(0x10 | PSR_AA32_DIT,
						   sctlr_v80, 0),
			 base | PSR_DIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_register_sorted, setup),
		cmocka_unit_test_setup(test_register_full, setup),
		cmocka_unit_test_setup(test_dispatch, setup),
		cmocka_unit_test_setup(test_decode, setup),
		cmocka_unit_test_setup(test_complete, setup),
		cmocka_unit_test_setup(test_handle_dabt, setup),
		cmocka_unit_test_setup(test_handle_dabt_delegated, setup),
		cmocka_unit_test(test_exception_pstate),
		cmocka_unit_test(test_it_advance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
