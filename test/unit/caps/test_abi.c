/* SPDX-License-Identifier: GPL-2.0 */
/* Unit tests of the capability ABI header and the names library. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include <bulkhead/caps.h>
#include <bulkhead/caps_names.h>

static void test_msginfo_round_trip(void **state)
{
	uint32_t labels[] = { 0, 1, 0x100, 0x600, 0x123456, 0xffffff };
	unsigned int i, len;
	uint64_t info;

	(void)state;
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		for (len = 0; len <= BH_MSG_MAX_MRS; len++) {
			info = bh_msginfo(labels[i], len);
			assert_int_equal(bh_msginfo_label(info), labels[i]);
			assert_int_equal(bh_msginfo_len(info), len);
			assert_true(bh_msginfo_valid(info));
			assert_int_equal(info & BH_MSGINFO_RSVD_MASK, 0);
		}
	}
}

static void test_msginfo_layout(void **state)
{
	(void)state;
	/* The ABI, bit for bit: docs/abi.md and the CLI depend on it */
	assert_int_equal(bh_msginfo(0x202, 0), 0x20200);
	assert_int_equal(bh_msginfo(0x100, 4), 0x10004);
	assert_int_equal(bh_msginfo(1, 3), 0x103);
	/* Fields too wide are cut, never spilled into reserved bits */
	assert_int_equal(bh_msginfo(0x1000200, 9), 0x20001);
	assert_int_equal(bh_msginfo(0xffffffff, 0xffffffff) &
			 BH_MSGINFO_RSVD_MASK, 0);
}

static void test_msginfo_reserved_bits(void **state)
{
	uint64_t good = bh_msginfo(BH_LABEL_HV_INFO, 0);
	unsigned int bit, n = 0;

	(void)state;
	for (bit = 0; bit < 64; bit++) {
		uint64_t info = good ^ (1UL << bit);
		int reserved = bit >= 3 && (bit < 8 || bit >= 32);

		if (reserved) {
			n++;
			assert_false(bh_msginfo_valid(info));
			/* The decoders ignore reserved bits: the check must */
			assert_int_equal(bh_msginfo_label(info),
					 BH_LABEL_HV_INFO);
		} else {
			/* Label bits, or lengths 1, 2 and 4 */
			assert_true(bh_msginfo_valid(info));
		}
	}
	assert_int_equal(n, 5 + 32);
	assert_false(bh_msginfo_valid(bh_msginfo(1, 5)));
	assert_false(bh_msginfo_valid(bh_msginfo(1, 6)));
	assert_false(bh_msginfo_valid(bh_msginfo(1, 7)));
}

static void test_error_names(void **state)
{
	unsigned int i, j;

	(void)state;
	assert_string_equal(bh_error_name(BH_E_OK), "ok");
	assert_string_equal(bh_error_name(BH_E_NO_RIGHTS), "missing right");
	assert_string_equal(bh_error_name(BH_E_INVALID_CAP),
			    "invalid capability");
	assert_string_equal(bh_error_name(BH_E_WRONG_TYPE),
			    "wrong object type");
	assert_string_equal(bh_error_name(BH_E_BUSY), "busy");
	assert_string_equal(bh_error_name(BH_E_NR), "unknown error");
	assert_string_equal(bh_error_name(UINT64_MAX), "unknown error");
	for (i = 0; i < BH_E_NR; i++)
		for (j = i + 1; j < BH_E_NR; j++)
			assert_string_not_equal(bh_error_name(i),
						bh_error_name(j));
}

static void test_type_names(void **state)
{
	(void)state;
	assert_string_equal(bh_obj_type_name(BH_OBJ_NULL), "null");
	assert_string_equal(bh_obj_type_name(BH_OBJ_CNODE), "cnode");
	assert_string_equal(bh_obj_type_name(BH_OBJ_HV), "hv");
	assert_string_equal(bh_obj_type_name(BH_OBJ_CELL), "cell");
	assert_string_equal(bh_obj_type_name(BH_OBJ_CPU), "cpu");
	assert_string_equal(bh_obj_type_name(BH_OBJ_MEMORY), "memory");
	assert_string_equal(bh_obj_type_name(BH_OBJ_IRQ), "irq");
	assert_string_equal(bh_obj_type_name(BH_OBJ_NR), "unknown");
}

static void test_label_names(void **state)
{
	char upper[64];
	unsigned int i, k;
	uint32_t label, parsed;
	const char *name;

	(void)state;
	assert_string_equal(bh_label_name(BH_LABEL_HV_DISABLE), "hv_disable");
	assert_string_equal(bh_label_name(BH_LABEL_CNODE_MINT), "cnode_mint");
	assert_null(bh_label_name(0));
	assert_null(bh_label_name(0x1ff));
	for (i = 0; (label = bh_label_at(i)); i++) {
		name = bh_label_name(label);
		assert_non_null(name);
		assert_int_equal(bh_label_parse(name, &parsed), 0);
		assert_int_equal(parsed, label);
		/* The C name works too: BH_LABEL_HV_INFO */
		strcpy(upper, "BH_LABEL_");
		for (k = 0; name[k]; k++)
			upper[9 + k] = name[k] >= 'a' && name[k] <= 'z' ?
				       name[k] - 32 : name[k];
		upper[9 + k] = '\0';
		parsed = 0;
		assert_int_equal(bh_label_parse(upper, &parsed), 0);
		assert_int_equal(parsed, label);
	}
	assert_int_equal(i, 25);
	assert_int_equal(bh_label_at(i), 0);
}

static void test_label_parse_numbers(void **state)
{
	uint32_t label = 7;

	(void)state;
	assert_int_equal(bh_label_parse("0x202", &label), 0);
	assert_int_equal(label, BH_LABEL_HV_DISABLE);
	assert_int_equal(bh_label_parse("512", &label), 0);
	assert_int_equal(label, BH_LABEL_HV_INFO);
	/* Unknown but encodable labels are for tests of the kernel */
	assert_int_equal(bh_label_parse("0xffffff", &label), 0);
	assert_int_equal(label, 0xffffff);
	label = 7;
	assert_int_equal(bh_label_parse("0x1000000", &label), -1);
	assert_int_equal(bh_label_parse("hv_infox", &label), -1);
	assert_int_equal(bh_label_parse("bh_label_", &label), -1);
	assert_int_equal(bh_label_parse("", &label), -1);
	assert_int_equal(bh_label_parse("0x", &label), -1);
	assert_int_equal(bh_label_parse("-1", &label), -1);
	assert_int_equal(label, 7);
}

static void test_parse_u64(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(bh_parse_u64("18446744073709551615", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(bh_parse_u64("0xFFFFFFFFFFFFFFFF", &v), 0);
	assert_true(v == UINT64_MAX);
	assert_int_equal(bh_parse_u64("18446744073709551616", &v), -1);
	assert_int_equal(bh_parse_u64("0x10000000000000000", &v), -1);
	assert_int_equal(bh_parse_u64("12a", &v), -1);
	assert_int_equal(bh_parse_u64(" 1", &v), -1);
	assert_int_equal(bh_parse_u64("0", &v), 0);
	assert_true(v == 0);
}

static void test_rights_parse_format(void **state)
{
	char buf[BH_RIGHTS_STR_LEN];
	unsigned int r, back;

	(void)state;
	for (r = 0; r <= BH_RIGHTS_ALL; r++) {
		bh_rights_format(r, buf);
		assert_int_equal(strlen(buf), 4);
		back = 99;
		if (r == 0) {
			assert_string_equal(buf, "----");
			assert_int_equal(bh_rights_parse("-", &back), 0);
		} else {
			/* Letters only: drop the dashes */
			char letters[BH_RIGHTS_STR_LEN];
			unsigned int i, n = 0;

			for (i = 0; buf[i]; i++)
				if (buf[i] != '-')
					letters[n++] = buf[i];
			letters[n] = '\0';
			assert_int_equal(bh_rights_parse(letters, &back), 0);
		}
		assert_int_equal(back, r);
	}
	assert_string_equal(bh_rights_format(BH_RIGHT_READ | BH_RIGHT_GRANT,
					     buf), "r-g-");
	assert_int_equal(bh_rights_parse("CR", &r), 0);
	assert_int_equal(r, BH_RIGHT_CONTROL | BH_RIGHT_READ);
	assert_int_equal(bh_rights_parse("0xf", &r), 0);
	assert_int_equal(r, BH_RIGHTS_ALL);
	assert_int_equal(bh_rights_parse("5", &r), 0);
	assert_int_equal(r, BH_RIGHT_READ | BH_RIGHT_GRANT);
	assert_int_equal(bh_rights_parse("16", &r), -1);
	assert_int_equal(bh_rights_parse("rr", &r), -1);
	assert_int_equal(bh_rights_parse("rx", &r), -1);
	assert_int_equal(bh_rights_parse("", &r), -1);
	assert_int_equal(bh_rights_parse("--", &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msginfo_round_trip),
		cmocka_unit_test(test_msginfo_layout),
		cmocka_unit_test(test_msginfo_reserved_bits),
		cmocka_unit_test(test_error_names),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_label_names),
		cmocka_unit_test(test_label_parse_numbers),
		cmocka_unit_test(test_parse_u64),
		cmocka_unit_test(test_rights_parse_format),
	};

	return cmocka_run_group_tests_name("caps_abi", tests, NULL, NULL);
}
