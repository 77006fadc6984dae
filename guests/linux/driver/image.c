// SPDX-License-Identifier: GPL-2.0
/* Places bulkhead.bin and the boot description in hypervisor memory. */
#define pr_fmt(fmt) "bulkhead: " fmt

#include <linux/align.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <asm/barrier.h>
#include <asm/cpufeature.h>
#include <asm/sysreg.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/image.h>

#include "bulkhead.h"

#define BH_FIRMWARE	"bulkhead.bin"

/* Byte offsets inside hypervisor memory, all checked against hv_size. */
struct layout {
	u64 bootdesc_off;
	u64 used;		/* image + boot description */
};

static int check_header(const struct firmware *fw,
			const struct bh_bootdesc *bd, struct layout *lo)
{
	const struct bh_image_header *h = (const void *)fw->data;
	u64 hv = bd->hv_size, end, percpu;

	if (fw->size < sizeof(*h) ||
	    memcmp(h->signature, BH_IMAGE_SIGNATURE, sizeof(h->signature))) {
		pr_err("%s: not a bulkhead kernel image\n", BH_FIRMWARE);
		return -ENOEXEC;
	}
	if (h->version != BH_IMAGE_VERSION || h->header_size != sizeof(*h)) {
		pr_err("%s: image header version %u (size %u), expected %u\n",
		       BH_FIRMWARE, h->version, h->header_size,
		       BH_IMAGE_VERSION);
		return -ENOEXEC;
	}
	if (h->abi_version != BH_ABI_VERSION) {
		pr_err("%s: built for ABI %u, this module speaks %u\n",
		       BH_FIRMWARE, h->abi_version, BH_ABI_VERSION);
		return -ENOEXEC;
	}
	if (h->file_size < sizeof(*h) || h->file_size > fw->size ||
	    h->memory_size < h->file_size ||
	    !IS_ALIGNED(h->boot_vectors, SZ_2K) ||
	    h->boot_vectors >= h->file_size ||
	    h->file_size - h->boot_vectors < SZ_2K) {
		pr_err("%s: inconsistent sizes (file %llu of %zu, memory %llu, vectors at %llu)\n",
		       BH_FIRMWARE, h->file_size, fw->size, h->memory_size,
		       h->boot_vectors);
		return -ENOEXEC;
	}

	/* Every term is bounded by hv before it is added: no wrap-around. */
	if (h->memory_size > hv - SZ_4K)
		goto too_big;
	lo->bootdesc_off = ALIGN(h->memory_size, SZ_4K);
	if (bd->total_size > hv - lo->bootdesc_off)
		goto too_big;
	lo->used = lo->bootdesc_off + bd->total_size;
	end = ALIGN(lo->used, SZ_4K);
	if (end > hv || h->percpu_size > hv ||
	    bd->num_cpus > (hv - end) / max_t(u64, h->percpu_size, 1))
		goto too_big;
	return 0;

too_big:
	percpu = (u64)bd->num_cpus * min_t(u64, h->percpu_size, hv);
	pr_err("%s: image (%llu bytes), boot description and %u per-CPU areas (%llu bytes) exceed hypervisor memory (%llu bytes)\n",
	       BH_FIRMWARE, h->memory_size, bd->num_cpus, percpu, hv);
	return -E2BIG;
}

/* Clean and invalidate [va, va + size) to the point of coherency. */
static void clean_to_poc(void *va, size_t size)
{
	u64 ctr = read_sanitised_ftr_reg(SYS_CTR_EL0);
	unsigned long line = 4UL << ((ctr >> CTR_EL0_DminLine_SHIFT) & 0xf);
	unsigned long p = ALIGN_DOWN((unsigned long)va, line);
	unsigned long end = (unsigned long)va + size;

	for (; p < end; p += line)
		asm volatile("dc civac, %0" : : "r" (p) : "memory");
	/*
	 * The CPUs read this with their MMU off (Non-cacheable): the
	 * maintenance must be complete before the hvc that hands over, which
	 * only a DSB guarantees (Arm ARM, "Ordering and completion of data
	 * and instruction cache instructions").
	 */
	dsb(sy);
}

int bh_image_load(struct device *dev, const struct bh_bootdesc *bd,
		  struct bh_loaded *out)
{
	const struct bh_image_header *h;
	const struct firmware *fw;
	struct layout lo;
	void *mem;
	int ret;

	ret = firmware_request_nowarn(&fw, BH_FIRMWARE, dev);
	if (ret) {
		pr_err("cannot load /lib/firmware/%s (%d)\n", BH_FIRMWARE, ret);
		return -ENOENT;
	}
	ret = check_header(fw, bd, &lo);
	if (ret)
		goto out;
	h = (const void *)fw->data;

	mem = memremap(bd->hv_base, lo.used, MEMREMAP_WB);
	if (!mem) {
		pr_err("cannot map hypervisor memory at %#llx\n", bd->hv_base);
		ret = -ENOMEM;
		goto out;
	}
	memcpy(mem, fw->data, h->file_size);
	memset(mem + h->file_size, 0, h->memory_size - h->file_size);
	memset(mem + h->memory_size, 0, lo.bootdesc_off - h->memory_size);
	memcpy(mem + lo.bootdesc_off, bd, bd->total_size);
	clean_to_poc(mem, lo.used);
	memunmap(mem);

	out->vectors_pa = bd->hv_base + h->boot_vectors;
	out->bootdesc_pa = bd->hv_base + lo.bootdesc_off;
	out->bootdesc_size = bd->total_size;
	out->image_abi = h->abi_version;
	pr_info("loaded %s: %llu bytes at %#llx, boot description at %#llx\n",
		BH_FIRMWARE, h->memory_size, bd->hv_base, out->bootdesc_pa);
out:
	release_firmware(fw);
	return ret;
}

/* The RAM region of @cell holding @ipa, from bounds-checked arrays. */
static const struct bh_bd_mem *service_region(const struct bh_bootdesc *bd,
					      u32 cell, u64 ipa)
{
	const struct bh_bd_mem *mem = (const void *)bd + bd->mem_off;
	u32 i;

	for (i = 0; i < bd->num_mem; i++)
		if (mem[i].cell == cell && !(mem[i].flags & BH_MEM_IO) &&
		    ipa >= mem[i].ipa && ipa - mem[i].ipa < mem[i].size)
			return &mem[i];
	return NULL;
}

static int load_service(struct device *dev, struct bh_bootdesc *bd,
			struct bh_bd_service *s)
{
	const struct bh_bd_mem *m;
	const struct firmware *fw;
	char name[BH_SVC_IMAGE_LEN];
	u64 phys, room;
	void *va;
	int ret;

	memcpy(name, s->image, sizeof(name));
	name[sizeof(name) - 1] = '\0';
	m = service_region(bd, s->cell, s->load_ipa);
	if (!m || !PAGE_ALIGNED(m->phys) || m->phys + m->size < m->phys) {
		pr_err("%s: load address %#llx is not in the cell's RAM\n",
		       name, s->load_ipa);
		return -EINVAL;
	}
	/* the cell's RAM is what Linux was told not to use (mem=) */
	if (region_intersects(m->phys, m->size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("%s: cell memory %#llx+%#llx intersects System RAM\n",
		       name, m->phys, m->size);
		return -EADDRINUSE;
	}
	phys = m->phys + (s->load_ipa - m->ipa);
	room = m->size - (s->load_ipa - m->ipa);
	ret = firmware_request_nowarn(&fw, name, dev);
	if (ret) {
		pr_err("cannot load service image /lib/firmware/%s (%d)\n",
		       name, ret);
		return -ENOENT;
	}
	if (!fw->size || fw->size > room) {
		pr_err("%s: %zu bytes do not fit the %llu bytes at %#llx\n",
		       name, fw->size, room, s->load_ipa);
		ret = -E2BIG;
		goto out;
	}
	va = memremap(phys, fw->size, MEMREMAP_WB);
	if (!va) {
		ret = -ENOMEM;
		goto out;
	}
	memcpy(va, fw->data, fw->size);
	clean_to_poc(va, fw->size);
	memunmap(va);
	s->image_size = fw->size;
	pr_info("loaded service image %s: %zu bytes at %#llx\n", name,
		fw->size, phys);
out:
	release_firmware(fw);
	return ret;
}

int bh_services_load(struct device *dev, struct bh_bootdesc *bd)
{
	struct bh_bd_service *svc;
	u64 mem_end = (u64)bd->mem_off + (u64)bd->num_mem * sizeof(struct bh_bd_mem);
	u64 svc_end = (u64)bd->services_off +
		      (u64)bd->num_services * sizeof(*svc);
	u32 i;
	int ret;

	if (!bd->num_services)
		return 0;
	if (bd->num_services >= BH_MAX_CELLS || bd->num_mem > BH_MAX_MEM_REGIONS ||
	    mem_end > bd->total_size || svc_end > bd->total_size ||
	    !IS_ALIGNED(bd->mem_off | bd->services_off, 8)) {
		pr_err("boot description: bad service or memory array\n");
		return -EINVAL;
	}
	svc = (void *)bd + bd->services_off;
	for (i = 0; i < bd->num_services; i++) {
		ret = load_service(dev, bd, &svc[i]);
		if (ret)
			return ret;
	}
	return 0;
}
