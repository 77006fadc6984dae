/* SPDX-License-Identifier: GPL-2.0 */
/* Names of capability labels, object types, rights and errors, both ways. */
#include <stddef.h>
#include <bulkhead/caps_names.h>

static const char *const error_names[] = BH_ERROR_NAMES;

static const char *const type_names[BH_OBJ_NR] = {
	[BH_OBJ_NULL] = "null",
	[BH_OBJ_CNODE] = "cnode",
	[BH_OBJ_HV] = "hv",
	[BH_OBJ_CELL] = "cell",
	[BH_OBJ_CPU] = "cpu",
	[BH_OBJ_MEMORY] = "memory",
	[BH_OBJ_IRQ] = "irq",
	[BH_OBJ_ENDPOINT] = "endpoint",
	[BH_OBJ_UART] = "uart",
};

static const struct {
	uint32_t label;
	const char *name;
} labels[] = {
	{ BH_LABEL_CAP_IDENTIFY, "cap_identify" },
	{ BH_LABEL_CNODE_MINT, "cnode_mint" },
	{ BH_LABEL_CNODE_DELETE, "cnode_delete" },
	{ BH_LABEL_CNODE_READ, "cnode_read" },
	{ BH_LABEL_HV_INFO, "hv_info" },
	{ BH_LABEL_HV_STATS, "hv_stats" },
	{ BH_LABEL_HV_DISABLE, "hv_disable" },
	{ BH_LABEL_HV_LOG_READ, "hv_log_read" },
	{ BH_LABEL_HV_MEM, "hv_mem" },
	{ BH_LABEL_HV_VERSION, "hv_version" },
	{ BH_LABEL_CELL_INFO, "cell_info" },
	{ BH_LABEL_CELL_NAME, "cell_name" },
	{ BH_LABEL_CELL_MEM, "cell_mem" },
	{ BH_LABEL_CELL_SERVICE, "cell_service" },
	{ BH_LABEL_CELL_EMULATE, "cell_emulate" },
	{ BH_LABEL_CPU_INFO, "cpu_info" },
	{ BH_LABEL_MEM_INFO, "mem_info" },
	{ BH_LABEL_IRQ_INFO, "irq_info" },
	{ BH_LABEL_EP_CALL, "ep_call" },
	{ BH_LABEL_EP_REPLY, "ep_reply" },
	{ BH_LABEL_EP_GRANT, "ep_grant" },
	{ BH_LABEL_EP_INFO, "ep_info" },
	{ BH_LABEL_EP_MMIO, "ep_mmio" },
	{ BH_LABEL_UART_READ, "uart_read" },
	{ BH_LABEL_UART_WRITE, "uart_write" },
};

#define NUM_LABELS	(sizeof(labels) / sizeof(labels[0]))

/* Letter i names right bit i */
static const char rights_letters[BH_RIGHTS_STR_LEN] = "rwgc";
_Static_assert(BH_RIGHT_READ == 1 << 0 && BH_RIGHT_WRITE == 1 << 1 &&
	       BH_RIGHT_GRANT == 1 << 2 && BH_RIGHT_CONTROL == 1 << 3 &&
	       BH_RIGHTS_ALL == 0xf, "rights_letters follows the bit order");

const char *bh_error_name(uint64_t err)
{
	if (err >= BH_E_NR)
		return "unknown error";
	return error_names[err];
}

const char *bh_obj_type_name(unsigned int type)
{
	if (type >= BH_OBJ_NR)
		return "unknown";
	return type_names[type];
}

const char *bh_label_name(uint32_t label)
{
	unsigned int i;

	for (i = 0; i < NUM_LABELS; i++)
		if (labels[i].label == label)
			return labels[i].name;
	return NULL;
}

uint32_t bh_label_at(unsigned int i)
{
	return i < NUM_LABELS ? labels[i].label : 0;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int name_equal(const char *name, const char *s)
{
	while (*name && lower(*s) == *name) {
		name++;
		s++;
	}
	return !*name && !*s;
}

static unsigned int prefix_len(const char *prefix, const char *s)
{
	unsigned int n = 0;

	while (prefix[n] && lower(s[n]) == prefix[n])
		n++;
	return prefix[n] ? 0 : n;
}

static int digit_value(char c, unsigned int base)
{
	int v;

	c = lower(c);
	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else
		return -1;
	return v < (int)base ? v : -1;
}

int bh_parse_u64(const char *s, uint64_t *val)
{
	unsigned int base = 10;
	uint64_t v = 0;
	int d;

	if (s[0] == '0' && lower(s[1]) == 'x') {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		d = digit_value(*s, base);
		if (d < 0 || v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*val = v;
	return 0;
}

int bh_label_parse(const char *s, uint32_t *label)
{
	unsigned int i;
	uint64_t v;

	/* "BH_LABEL_HV_INFO" and "hv_info" name the same label */
	s += prefix_len("bh_label_", s);
	for (i = 0; i < NUM_LABELS; i++) {
		if (name_equal(labels[i].name, s)) {
			*label = labels[i].label;
			return 0;
		}
	}
	if (bh_parse_u64(s, &v) || v > BH_MSGINFO_LABEL_MASK)
		return -1;
	*label = v;
	return 0;
}

int bh_rights_parse(const char *s, unsigned int *rights)
{
	unsigned int r = 0, bit, i;
	uint64_t v;

	if (s[0] >= '0' && s[0] <= '9') {
		if (bh_parse_u64(s, &v) || v > BH_RIGHTS_ALL)
			return -1;
		*rights = v;
		return 0;
	}
	if (s[0] == '-' && !s[1]) {
		*rights = 0;
		return 0;
	}
	if (!*s)
		return -1;
	for (; *s; s++) {
		for (i = 0; i < BH_RIGHTS_STR_LEN - 1; i++)
			if (lower(*s) == rights_letters[i])
				break;
		bit = 1U << i;
		if (i == BH_RIGHTS_STR_LEN - 1 || (r & bit))
			return -1;
		r |= bit;
	}
	*rights = r;
	return 0;
}

char *bh_rights_format(unsigned int rights, char *buf)
{
	unsigned int i;

	for (i = 0; i < BH_RIGHTS_STR_LEN - 1; i++)
		buf[i] = rights & (1U << i) ? rights_letters[i] : '-';
	buf[i] = '\0';
	return buf;
}
