/* SPDX-License-Identifier: GPL-2.0 */
/* Unit test of the bound on log lines for refused invocations. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture.h"

static unsigned int count(const char *needle)
{
	const char *p = fx_log;
	unsigned int n = 0;

	while ((p = strstr(p, needle))) {
		n++;
		p++;
	}
	return n;
}

/* The first refusals of a launch are logged, then one notice, then none */
static void test_budget(void **state)
{
	struct bh_reply out;
	unsigned int i;

	(void)state;
	for (i = 0; i < CAPS_LOG_BUDGET; i++) {
		assert_int_equal(fx_invoke(100 + i, BH_LABEL_HV_INFO, 0, 0, 0,
					   0, 0, &out), BH_E_INVALID_CAP);
		assert_int_equal(fx_log_lines, i + 1);
	}
	assert_int_equal(count(": invalid capability\n"), CAPS_LOG_BUDGET);
	assert_non_null(strstr(fx_log, "slot 131 label 0x200 (hv_info)"));
	for (i = 0; i < 1000; i++)
		fx_invoke(BH_SLOT_HV, 0x999, 0, 0, 0, 0, 0, &out);
	assert_int_equal(fx_log_lines, CAPS_LOG_BUDGET + 1);
	assert_int_equal(count("root: further refused invocations are not "
			       "logged"), 1);
	assert_int_equal(count("0x999"), 0);
	/* Refused still, though silently */
	assert_int_equal(fx_invoke(BH_SLOT_HV, 0x999, 0, 0, 0, 0, 0, &out),
			 BH_E_ILLEGAL_OP);
	/* Another cell's refusals have a budget of their own */
	assert_int_equal(fx_invoke_raw(&fx_cpu[2], 100, bh_msginfo(
				BH_LABEL_HV_INFO, 0), (const u64[4]){ 0 },
				&out), BH_E_INVALID_CAP);
	assert_int_equal(fx_log_lines, CAPS_LOG_BUDGET + 2);
	assert_non_null(strstr(fx_log, "caps: other cpu 2: slot 100"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_budget, fx_setup),
	};

	return cmocka_run_group_tests_name("caps_log", tests, NULL, NULL);
}
