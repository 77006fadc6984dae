/* SPDX-License-Identifier: GPL-2.0 */
/* Side-effect free validator of the boot description (kernel and agent). */
#include <bulkhead/bootdesc_validate.h>

/*
 * Compiled into the freestanding EL2 kernel as well as into host and
 * aarch64 user space: no libc, no errno.h, no allocation, and every piece
 * of arithmetic on input values done so that it cannot wrap.
 */
#define BD_EINVAL	22

#define SZ_4K		0x1000ULL
#define SZ_64K		0x10000ULL
#define SZ_128K		0x20000ULL
#define SZ_2M		0x200000ULL

#define MPIDR_AFF_MASK	0xff00ffffffULL	/* Aff3 [39:32], Aff2..Aff0 [23:0] */
#define GIC_PPI_FIRST	16
#define GIC_PPI_LAST	31
#define GIC_SPI_FIRST	32
#define GIC_SPI_LAST	1019
#define VBAR_ALIGN	0x800ULL	/* VBAR_EL2[10:0] are RES0 */

/* A physical range, for the pairwise overlap checks. */
struct range {
	uint64_t base;
	uint64_t size;
};

static int fail(struct bh_bd_error *err, const char *field, int index,
		const char *reason, int other)
{
	if (err) {
		err->field = field;
		err->index = index;
		err->reason = reason;
		err->other = other;
	}
	return -BD_EINVAL;
}

static int is_aligned(uint64_t v, uint64_t a)
{
	return (v & (a - 1)) == 0;
}

/* True if [base, base + size) is non-empty and does not wrap. */
static int range_ok(uint64_t base, uint64_t size)
{
	return size != 0 && base + size - 1 >= base;
}

/* Both ranges must already satisfy range_ok(); compares last bytes. */
static int overlaps(uint64_t a, uint64_t asz, uint64_t b, uint64_t bsz)
{
	return a <= b + bsz - 1 && b <= a + asz - 1;
}

static int bytes_equal(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static int valid_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static int names_equal(const char *a, const char *b)
{
	size_t i;

	for (i = 0; i < BH_CELL_NAME_LEN; i++) {
		if (a[i] != b[i])
			return 0;
		if (!a[i])
			return 1;
	}
	return 1;
}

/*
 * An array of @count entries of @elem bytes at @off must lie inside the
 * description after the header and be 8-byte aligned. @count is already
 * bounded by its BH_MAX_*, so the product fits in 64 bits.
 */
static int check_array(const struct bh_bootdesc *bd, uint32_t off,
		       uint32_t count, uint32_t elem, const char *field,
		       struct bh_bd_error *err)
{
	uint64_t end = (uint64_t)off + (uint64_t)count * elem;

	if (!is_aligned(off, 8))
		return fail(err, field, -1, "not 8-byte aligned", -1);
	if (count && off < sizeof(*bd))
		return fail(err, field, -1, "overlaps the header", -1);
	if (end > bd->total_size)
		return fail(err, field, -1, "beyond total_size", -1);
	return 0;
}

static int check_header(const struct bh_bootdesc *bd, size_t size,
			struct bh_bd_error *err)
{
	if (!bytes_equal(bd->signature, BH_BOOTDESC_SIGNATURE, 8))
		return fail(err, "signature", -1, "not a boot description", -1);
	if (bd->version != BH_BOOTDESC_VERSION)
		return fail(err, "version", -1, "unsupported version", -1);
	if (bd->total_size < sizeof(*bd))
		return fail(err, "total_size", -1, "smaller than the header",
			    -1);
	if (bd->total_size > BH_BOOTDESC_MAX_SIZE)
		return fail(err, "total_size", -1,
			    "larger than BH_BOOTDESC_MAX_SIZE", -1);
	if (bd->total_size > size)
		return fail(err, "total_size", -1,
			    "larger than the buffer", -1);
	if (bd->flags || bd->reserved)
		return fail(err, "flags", -1, "reserved bits set", -1);
	if (bd->num_cells < 1 || bd->num_cells > BH_MAX_CELLS)
		return fail(err, "num_cells", -1, "must be 1..BH_MAX_CELLS",
			    -1);
	if (bd->num_cpus < 1 || bd->num_cpus > BH_MAX_CPUS)
		return fail(err, "num_cpus", -1, "must be 1..BH_MAX_CPUS", -1);
	if (bd->num_mem < 1 || bd->num_mem > BH_MAX_MEM_REGIONS)
		return fail(err, "num_mem", -1,
			    "must be 1..BH_MAX_MEM_REGIONS", -1);
	if (bd->num_irqs > BH_MAX_IRQ_RANGES)
		return fail(err, "num_irqs", -1,
			    "more than BH_MAX_IRQ_RANGES", -1);
	if (bd->num_services >= BH_MAX_CELLS)
		return fail(err, "num_services", -1,
			    "more than BH_MAX_CELLS - 1", -1);
	if (check_array(bd, bd->cells_off, bd->num_cells,
			sizeof(struct bh_bd_cell), "cells_off", err) ||
	    check_array(bd, bd->cpus_off, bd->num_cpus,
			sizeof(struct bh_bd_cpu), "cpus_off", err) ||
	    check_array(bd, bd->mem_off, bd->num_mem,
			sizeof(struct bh_bd_mem), "mem_off", err) ||
	    check_array(bd, bd->irqs_off, bd->num_irqs,
			sizeof(struct bh_bd_irq), "irqs_off", err) ||
	    check_array(bd, bd->services_off, bd->num_services,
			sizeof(struct bh_bd_service), "services_off", err))
		return -BD_EINVAL;
	return 0;
}

/* The arrays must not share bytes: each entry has exactly one meaning. */
static int check_arrays_disjoint(const struct bh_bootdesc *bd,
				 struct bh_bd_error *err)
{
	static const char *const names[] = {
		"cells_off", "cpus_off", "mem_off", "irqs_off", "services_off"
	};
	struct range r[5] = {
		{ bd->cells_off, (uint64_t)bd->num_cells *
				 sizeof(struct bh_bd_cell) },
		{ bd->cpus_off, (uint64_t)bd->num_cpus *
				sizeof(struct bh_bd_cpu) },
		{ bd->mem_off, (uint64_t)bd->num_mem *
			       sizeof(struct bh_bd_mem) },
		{ bd->irqs_off, (uint64_t)bd->num_irqs *
				sizeof(struct bh_bd_irq) },
		{ bd->services_off, (uint64_t)bd->num_services *
				    sizeof(struct bh_bd_service) },
	};
	int i, j;

	for (i = 0; i < 5; i++)
		for (j = 0; j < i; j++)
			if (r[i].size && r[j].size &&
			    overlaps(r[i].base, r[i].size, r[j].base,
				     r[j].size))
				return fail(err, names[i], -1,
					    "overlaps another array", -1);
	return 0;
}

static int check_platform(const struct bh_bootdesc *bd,
			  struct bh_bd_error *err)
{
	const struct bh_bd_console *con = &bd->console;
	const struct bh_bd_gic *gic = &bd->gic;

	if (!range_ok(bd->hv_base, bd->hv_size))
		return fail(err, "hv_size", -1, "empty or wraps around", -1);
	if (!is_aligned(bd->hv_base, SZ_2M))
		return fail(err, "hv_base", -1, "not 2 MiB aligned", -1);
	if (!is_aligned(bd->hv_size, SZ_2M))
		return fail(err, "hv_size", -1, "not a multiple of 2 MiB", -1);
	if (!is_aligned(bd->stub_vectors, VBAR_ALIGN))
		return fail(err, "stub_vectors", -1, "not 2 KiB aligned", -1);
	if (bd->stub_vectors &&
	    overlaps(bd->hv_base, bd->hv_size, bd->stub_vectors, VBAR_ALIGN))
		return fail(err, "stub_vectors", -1,
			    "inside hypervisor memory", -1);

	if (con->flags)
		return fail(err, "console.flags", -1, "reserved bits set", -1);
	if (con->type == BH_CONSOLE_NONE) {
		if (con->base || con->size)
			return fail(err, "console.base", -1,
				    "set although type is none", -1);
	} else if (con->type == BH_CONSOLE_PL011) {
		if (!range_ok(con->base, con->size))
			return fail(err, "console.size", -1,
				    "empty or wraps around", -1);
		if (!is_aligned(con->base, SZ_4K))
			return fail(err, "console.base", -1,
				    "not 4 KiB aligned", -1);
		if (!is_aligned(con->size, SZ_4K))
			return fail(err, "console.size", -1,
				    "not a multiple of 4 KiB", -1);
		if (overlaps(con->base, con->size, bd->hv_base, bd->hv_size))
			return fail(err, "console.base", -1,
				    "overlaps hypervisor memory", -1);
	} else {
		return fail(err, "console.type", -1, "unknown console type",
			    -1);
	}

	if (gic->version != 3)
		return fail(err, "gic.version", -1, "only GICv3 is supported",
			    -1);
	if (gic->maint_irq < GIC_PPI_FIRST || gic->maint_irq > GIC_PPI_LAST)
		return fail(err, "gic.maint_irq", -1, "not a PPI (16..31)", -1);
	if (!range_ok(gic->gicd_base, gic->gicd_size))
		return fail(err, "gic.gicd_size", -1, "empty or wraps around",
			    -1);
	if (!is_aligned(gic->gicd_base, SZ_64K))
		return fail(err, "gic.gicd_base", -1, "not 64 KiB aligned", -1);
	if (gic->gicd_size < SZ_64K || !is_aligned(gic->gicd_size, SZ_64K))
		return fail(err, "gic.gicd_size", -1,
			    "not a non-zero multiple of 64 KiB", -1);
	if (!range_ok(gic->gicr_base, gic->gicr_size))
		return fail(err, "gic.gicr_size", -1, "empty or wraps around",
			    -1);
	if (!is_aligned(gic->gicr_base, SZ_64K))
		return fail(err, "gic.gicr_base", -1, "not 64 KiB aligned", -1);
	if (!is_aligned(gic->gicr_size, SZ_128K))
		return fail(err, "gic.gicr_size", -1,
			    "not a multiple of 128 KiB", -1);
	if (gic->gicr_size / SZ_128K < bd->num_cpus)
		return fail(err, "gic.gicr_size", -1,
			    "fewer redistributors than CPUs", -1);
	if (overlaps(gic->gicd_base, gic->gicd_size, gic->gicr_base,
		     gic->gicr_size))
		return fail(err, "gic.gicr_base", -1,
			    "overlaps the distributor", -1);
	if (overlaps(gic->gicd_base, gic->gicd_size, bd->hv_base, bd->hv_size))
		return fail(err, "gic.gicd_base", -1,
			    "overlaps hypervisor memory", -1);
	if (overlaps(gic->gicr_base, gic->gicr_size, bd->hv_base, bd->hv_size))
		return fail(err, "gic.gicr_base", -1,
			    "overlaps hypervisor memory", -1);
	if (con->type != BH_CONSOLE_NONE &&
	    (overlaps(con->base, con->size, gic->gicd_base, gic->gicd_size) ||
	     overlaps(con->base, con->size, gic->gicr_base, gic->gicr_size)))
		return fail(err, "console.base", -1, "overlaps the GIC", -1);
	return 0;
}

static int check_cells(const struct bh_bootdesc *bd,
		       const struct bh_bd_cell *cells, struct bh_bd_error *err)
{
	uint32_t i, j, n;

	for (i = 0; i < bd->num_cells; i++) {
		const struct bh_bd_cell *c = &cells[i];

		for (n = 0; n < BH_CELL_NAME_LEN && c->name[n]; n++)
			if (!valid_name_char(c->name[n]))
				return fail(err, "cells[].name", i,
					    "only a-z, 0-9, '_' and '-'", -1);
		if (n == 0)
			return fail(err, "cells[].name", i, "empty", -1);
		if (n == BH_CELL_NAME_LEN)
			return fail(err, "cells[].name", i,
				    "not NUL-terminated", -1);
		for (; n < BH_CELL_NAME_LEN; n++)
			if (c->name[n])
				return fail(err, "cells[].name", i,
					    "padding not zero", -1);
		if (c->flags & ~(BH_CELL_ROOT | BH_CELL_SERVICE) ||
		    c->reserved)
			return fail(err, "cells[].flags", i,
				    "reserved bits set", -1);
		if (i == 0 && !(c->flags & BH_CELL_ROOT))
			return fail(err, "cells[].flags", i,
				    "cell 0 must be the root cell", -1);
		if (i != 0 && (c->flags & BH_CELL_ROOT))
			return fail(err, "cells[].flags", i,
				    "only cell 0 may be the root cell", -1);
		if ((c->flags & BH_CELL_ROOT) && (c->flags & BH_CELL_SERVICE))
			return fail(err, "cells[].flags", i,
				    "the root cell cannot be a service cell",
				    -1);
		for (j = 0; j < i; j++)
			if (names_equal(c->name, cells[j].name))
				return fail(err, "cells[].name", i,
					    "same name as cells[]", j);
	}
	return 0;
}

/* Service cells need no CPU: a call runs them on the caller's. */
static int check_cpus(const struct bh_bootdesc *bd,
		      const struct bh_bd_cell *cells,
		      const struct bh_bd_cpu *cpus, struct bh_bd_error *err)
{
	uint32_t owned[BH_MAX_CELLS] = { 0 };
	uint32_t i, j;

	for (i = 0; i < bd->num_cpus; i++) {
		const struct bh_bd_cpu *c = &cpus[i];

		if (c->mpidr & ~MPIDR_AFF_MASK)
			return fail(err, "cpus[].mpidr", i,
				    "bits outside Aff3..Aff0 set", -1);
		if (c->cell >= bd->num_cells)
			return fail(err, "cpus[].cell", i, "no such cell", -1);
		if (c->flags)
			return fail(err, "cpus[].flags", i,
				    "reserved bits set", -1);
		for (j = 0; j < i; j++)
			if (cpus[j].mpidr == c->mpidr)
				return fail(err, "cpus[].mpidr", i,
					    "same MPIDR as cpus[]", j);
		owned[c->cell]++;
	}
	for (i = 0; i < bd->num_cells; i++) {
		if (!owned[i] && !(cells[i].flags & BH_CELL_SERVICE))
			return fail(err, "cells[]", i, "owns no CPU", -1);
	}
	return 0;
}

static int check_mem_platform(const struct bh_bootdesc *bd,
			      const struct bh_bd_mem *m, uint32_t i,
			      struct bh_bd_error *err)
{
	const struct bh_bd_gic *gic = &bd->gic;

	if (overlaps(m->phys, m->size, bd->hv_base, bd->hv_size))
		return fail(err, "mem[].phys", i, "overlaps hypervisor memory",
			    -1);
	if (overlaps(m->phys, m->size, gic->gicd_base, gic->gicd_size))
		return fail(err, "mem[].phys", i,
			    "overlaps the GIC distributor", -1);
	if (overlaps(m->phys, m->size, gic->gicr_base, gic->gicr_size))
		return fail(err, "mem[].phys", i,
			    "overlaps the GIC redistributors", -1);
	/* Every cell finds its emulated GIC at the physical addresses. */
	if (overlaps(m->ipa, m->size, gic->gicd_base, gic->gicd_size) ||
	    overlaps(m->ipa, m->size, gic->gicr_base, gic->gicr_size))
		return fail(err, "mem[].ipa", i, "overlaps the GIC", -1);
	if (bd->console.type != BH_CONSOLE_NONE &&
	    overlaps(m->phys, m->size, bd->console.base, bd->console.size))
		return fail(err, "mem[].phys", i,
			    "overlaps the hypervisor console", -1);
	return 0;
}

static int check_mem(const struct bh_bootdesc *bd,
		     const struct bh_bd_mem *mem, struct bh_bd_error *err)
{
	uint32_t i, j;

	for (i = 0; i < bd->num_mem; i++) {
		const struct bh_bd_mem *m = &mem[i];

		if (m->size == 0 || !is_aligned(m->size, SZ_4K))
			return fail(err, "mem[].size", i,
				    "not a non-zero multiple of 4 KiB", -1);
		if (!is_aligned(m->phys, SZ_4K))
			return fail(err, "mem[].phys", i, "not 4 KiB aligned",
				    -1);
		if (!is_aligned(m->ipa, SZ_4K))
			return fail(err, "mem[].ipa", i, "not 4 KiB aligned",
				    -1);
		if (!range_ok(m->phys, m->size))
			return fail(err, "mem[].size", i,
				    "phys + size wraps around", -1);
		if (!range_ok(m->ipa, m->size))
			return fail(err, "mem[].size", i,
				    "ipa + size wraps around", -1);
		if (m->cell >= bd->num_cells)
			return fail(err, "mem[].cell", i, "no such cell", -1);
		if (m->flags & ~BH_MEM_FLAGS_ALL)
			return fail(err, "mem[].flags", i, "unknown flags", -1);
		if (!(m->flags & (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXEC)))
			return fail(err, "mem[].flags", i, "no access rights",
				    -1);
		if ((m->flags & BH_MEM_IO) && (m->flags & BH_MEM_EXEC))
			return fail(err, "mem[].flags", i,
				    "device memory cannot be executable", -1);
		if (m->cell == 0 && m->ipa != m->phys)
			return fail(err, "mem[].ipa", i,
				    "root cell memory must be identity mapped",
				    -1);
		if (check_mem_platform(bd, m, i, err))
			return -BD_EINVAL;
		for (j = 0; j < i; j++) {
			if (overlaps(m->phys, m->size, mem[j].phys,
				     mem[j].size))
				return fail(err, "mem[].phys", i,
					    "overlaps mem[]", j);
			if (m->cell == mem[j].cell &&
			    overlaps(m->ipa, m->size, mem[j].ipa,
				     mem[j].size))
				return fail(err, "mem[].ipa", i,
					    "overlaps mem[] in the same cell",
					    j);
		}
	}
	return 0;
}

static int check_irqs(const struct bh_bootdesc *bd,
		      const struct bh_bd_irq *irqs, struct bh_bd_error *err)
{
	uint32_t i, j;

	for (i = 0; i < bd->num_irqs; i++) {
		const struct bh_bd_irq *q = &irqs[i];

		if (q->first < GIC_SPI_FIRST || q->first > GIC_SPI_LAST)
			return fail(err, "irqs[].first", i,
				    "not an SPI (32..1019)", -1);
		if (q->count == 0 || q->count > GIC_SPI_LAST + 1 - q->first)
			return fail(err, "irqs[].count", i,
				    "empty or beyond INTID 1019", -1);
		if (q->cell >= bd->num_cells)
			return fail(err, "irqs[].cell", i, "no such cell", -1);
		if (q->flags)
			return fail(err, "irqs[].flags", i,
				    "reserved bits set", -1);
		for (j = 0; j < i; j++)
			if (overlaps(q->first, q->count, irqs[j].first,
				     irqs[j].count))
				return fail(err, "irqs[].first", i,
					    "overlaps irqs[]", j);
	}
	return 0;
}

static int valid_image_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

static int check_image_name(const char *name, uint32_t i,
			    struct bh_bd_error *err)
{
	uint32_t n;

	for (n = 0; n < BH_SVC_IMAGE_LEN && name[n]; n++)
		if (!valid_image_char(name[n]))
			return fail(err, "services[].image", i,
				    "only A-Z, a-z, 0-9, '.', '_' and '-'",
				    -1);
	if (n == 0 || name[0] == '.')
		return fail(err, "services[].image", i,
			    "empty or starts with '.'", -1);
	if (n == BH_SVC_IMAGE_LEN)
		return fail(err, "services[].image", i, "not NUL-terminated",
			    -1);
	for (; n < BH_SVC_IMAGE_LEN; n++)
		if (name[n])
			return fail(err, "services[].image", i,
				    "padding not zero", -1);
	return 0;
}

/* The image window must lie in one RAM region of the cell with r and x. */
static int image_in_cell(const struct bh_bootdesc *bd,
			 const struct bh_bd_mem *mem,
			 const struct bh_bd_service *s)
{
	uint64_t size = s->image_size ? s->image_size : SZ_4K;
	uint32_t i;

	if (!range_ok(s->load_ipa, size))
		return 0;
	for (i = 0; i < bd->num_mem; i++) {
		const struct bh_bd_mem *m = &mem[i];

		if (m->cell != s->cell || (m->flags & BH_MEM_IO) ||
		    (m->flags & (BH_MEM_READ | BH_MEM_EXEC)) !=
		    (BH_MEM_READ | BH_MEM_EXEC))
			continue;
		if (s->load_ipa >= m->ipa && size <= m->size &&
		    s->load_ipa - m->ipa <= m->size - size)
			return 1;
	}
	return 0;
}

static int check_services(const struct bh_bootdesc *bd,
			  const struct bh_bd_cell *cells,
			  const struct bh_bd_mem *mem,
			  const struct bh_bd_service *svc,
			  struct bh_bd_error *err)
{
	uint32_t i, j;

	for (i = 0; i < bd->num_services; i++) {
		const struct bh_bd_service *s = &svc[i];

		if (check_image_name(s->image, i, err))
			return -BD_EINVAL;
		if (s->cell >= bd->num_cells)
			return fail(err, "services[].cell", i, "no such cell",
				    -1);
		if (!(cells[s->cell].flags & BH_CELL_SERVICE))
			return fail(err, "services[].cell", i,
				    "not a service cell", -1);
		for (j = 0; j < i; j++)
			if (svc[j].cell == s->cell)
				return fail(err, "services[].cell", i,
					    "same cell as services[]", j);
		if (s->flags & ~BH_SVC_F_ALL)
			return fail(err, "services[].flags", i,
				    "unknown flags", -1);
		if (s->caps & ~BH_SVC_CAP_ALL)
			return fail(err, "services[].caps", i,
				    "unknown capabilities", -1);
		if (s->budget_us == 0 || s->budget_us > BH_SVC_MAX_BUDGET_US)
			return fail(err, "services[].budget_us", i,
				    "must be 1..BH_SVC_MAX_BUDGET_US", -1);
		if (s->init_budget_us == 0 ||
		    s->init_budget_us > BH_SVC_MAX_INIT_US)
			return fail(err, "services[].init_budget_us", i,
				    "must be 1..BH_SVC_MAX_INIT_US", -1);
		if (!is_aligned(s->load_ipa, SZ_4K))
			return fail(err, "services[].load_ipa", i,
				    "not 4 KiB aligned", -1);
		if (!image_in_cell(bd, mem, s))
			return fail(err, "services[].load_ipa", i,
				    "image not inside a RAM region of the cell with r and x",
				    -1);
		if (!is_aligned(s->entry_off, 4) ||
		    (s->image_size && s->entry_off >= s->image_size))
			return fail(err, "services[].entry_off", i,
				    "not 4-byte aligned or beyond the image",
				    -1);
	}
	return 0;
}

int bh_bootdesc_validate(const void *buf, size_t size, struct bh_bd_error *err)
{
	const struct bh_bootdesc *bd = buf;
	const char *base = buf;

	if (!buf || size < sizeof(*bd))
		return fail(err, "total_size", -1,
			    "buffer smaller than the header", -1);
	if (check_header(bd, size, err) ||
	    check_arrays_disjoint(bd, err) ||
	    check_platform(bd, err) ||
	    check_cells(bd, (const void *)(base + bd->cells_off), err) ||
	    check_cpus(bd, (const void *)(base + bd->cells_off),
		       (const void *)(base + bd->cpus_off), err) ||
	    check_mem(bd, (const void *)(base + bd->mem_off), err) ||
	    check_irqs(bd, (const void *)(base + bd->irqs_off), err) ||
	    check_services(bd, (const void *)(base + bd->cells_off),
			   (const void *)(base + bd->mem_off),
			   (const void *)(base + bd->services_off), err))
		return -BD_EINVAL;
	if (err) {
		err->field = 0;
		err->index = -1;
		err->reason = 0;
		err->other = -1;
	}
	return 0;
}

/* Appends @s to @out (capacity @len, position *@pos), always NUL-terminated. */
static void put_str(char *out, size_t len, size_t *pos, const char *s,
		    size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] && *pos + 1 < len; i++)
		out[(*pos)++] = s[i];
	out[*pos] = '\0';
}

static void put_uint(char *out, size_t len, size_t *pos, unsigned int v)
{
	char digits[10];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n) {
		char c = digits[--n];

		put_str(out, len, pos, &c, 1);
	}
}

/* Copies @s, writing @index between the first "[]" pair if it has one. */
static void put_indexed(char *out, size_t len, size_t *pos, const char *s,
			int index)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		if (index >= 0 && s[i] == '[' && s[i + 1] == ']') {
			put_str(out, len, pos, s, i + 1);
			put_uint(out, len, pos, (unsigned int)index);
			put_str(out, len, pos, s + i + 1, (size_t)-1);
			return;
		}
	}
	put_str(out, len, pos, s, (size_t)-1);
}

size_t bh_bd_error_format(const struct bh_bd_error *err, char *out,
			  size_t len)
{
	size_t pos = 0;

	if (!out || !len)
		return 0;
	out[0] = '\0';
	if (!err || !err->field)
		return 0;
	put_indexed(out, len, &pos, err->field, err->index);
	put_str(out, len, &pos, ": ", 2);
	put_indexed(out, len, &pos, err->reason ? err->reason : "invalid",
		    err->other);
	return pos;
}
