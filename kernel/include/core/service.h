/* SPDX-License-Identifier: GPL-2.0 */
/* Service cells: passive servers run on the calling CPU, within a time budget. */
#ifndef CORE_SERVICE_H
#define CORE_SERVICE_H

#include <core/types.h>
#include <bulkhead/bootdesc.h>
#include <bulkhead/caps.h>
#include <asm/service.h>	/* struct arch_service */

struct bh_reply;
struct cell;
struct per_cpu;

#define SERVICE_IDLE	0xffffffffU	/* struct service.owner: no call */

/**
 * struct service - one service cell with an image
 * @cell:	the service cell
 * @bd:		its entry in the kernel's copy of the boot description
 * @entry:	IPA of the entry point
 * @load_phys:	physical address the image is restored to
 * @pristine:	the image as loaded at launch, in hypervisor memory
 * @budget_ticks: generic timer ticks one call may run
 * @owner:	logical index of the CPU that runs a call in the service, or
 *		SERVICE_IDLE; claimed with compare-and-swap
 * @started:	the service ran and replied since its last (re)start: the
 *		next call resumes it after its EP_REPLY
 * @caller:	the cell whose call the service serves
 * @calls:	calls accepted
 * @faults:	calls that ended in a fault
 * @overruns:	calls that ended by the budget timer
 * @arch:	saved register state of the service and of its caller
 *
 * Created at launch, never freed while the kernel runs. Only the owner
 * CPU touches @started, @caller and @arch.
 */
struct service {
	struct cell *cell;
	const struct bh_bd_service *bd;
	u64 entry;
	u64 load_phys;
	void *pristine;
	u64 budget_ticks;
	volatile u32 owner;
	bool started;
	struct cell *caller;
	u64 calls;
	u64 faults;
	u64 overruns;
	struct arch_service arch;
};

/**
 * services_init() - create a struct service per image of the boot description
 * @desc:	the kernel's validated copy, cells already created
 *
 * Maps each service cell's RAM into the kernel's address space, keeps a
 * pristine copy of the image the loader placed, and resets the cell's
 * memory to it. Sets cell->svc. Context: launch, first CPU.
 *
 * Return: 0, -EINVAL (image not loaded or not in the cell's RAM),
 * -ENOMEM.
 */
int services_init(const struct bh_bootdesc *desc);

/**
 * service_call() - run a call in @svc on the calling CPU (EP_CALL)
 * @cpu:	the calling CPU, in a trap from its cell
 * @svc:	the service
 * @badge:	badge of the invoked endpoint capability (x6 for the service)
 * @len:	message length
 * @mr:		message registers
 * @out:	what the service finds in x1..x5 (info, mr0..mr3)
 *
 * On success @cpu's frame is the service's: the trap returns into the
 * service, which later replies (service_reply()) or is stopped
 * (service_abort()); either way the caller resumes with the answer.
 *
 * Return: BH_E_OK, or BH_E_BUSY when the service serves another call
 * (services are single-threaded; a caller never waits), BH_E_ILLEGAL_OP
 * for a call from a service.
 */
int service_call(struct per_cpu *cpu, struct service *svc, u64 badge,
		 unsigned int len, const u64 *mr, struct bh_reply *out);

/**
 * service_reply() - the service answers the call it serves (EP_REPLY)
 * @cpu:	the calling CPU, running @svc
 * @svc:	the service named by the invoked endpoint
 * @len:	reply length
 * @mr:		reply registers
 * @out:	the caller's x1..x5 (info with label 0 and @len, mr0..mr3)
 *
 * Saves the service where it stands (it resumes here with the next call)
 * and switches @cpu back to the caller.
 *
 * Return: BH_E_OK, or BH_E_ILLEGAL_OP if @cpu does not run @svc.
 */
int service_reply(struct per_cpu *cpu, struct service *svc,
		  unsigned int len, const u64 *mr, struct bh_reply *out);

/**
 * service_abort() - stop the service @cpu runs, restart it, fail the call
 * @cpu:	the calling CPU, running a service
 * @err:	BH_E_FAULT or BH_E_TIMEOUT, returned to the caller in x0
 * @why:	one line for the log
 *
 * Logs, restores the service's memory from the pristine image and resets
 * its context, and switches back to the caller with @err.
 */
void service_abort(struct per_cpu *cpu, int err, const char *why);

/**
 * arch_service_init() - per-service arch state at launch
 * @svc:	the service, @svc->cell created
 */
void arch_service_init(struct service *svc);

/**
 * arch_service_enter() - switch @cpu from its caller to @svc
 * @cpu:	the calling CPU; its frame holds the caller's registers
 * @svc:	the service, owned by @cpu
 *
 * Saves the caller's general, EL1 system, timer and FP/SIMD registers
 * in @svc, loads the service's (or a reset EL1 state at its entry point
 * when it has not started), its stage 2, the service vectors, and arms
 * the budget timer. The message registers are the caller's to set.
 */
void arch_service_enter(struct per_cpu *cpu, struct service *svc);

/**
 * arch_service_leave() - switch @cpu from @svc back to its caller
 * @cpu:	the calling CPU, running @svc
 * @svc:	the service
 * @save:	keep the service's state to resume it (a reply); false when
 *		it is being restarted
 *
 * Disarms the budget timer and restores what arch_service_enter() saved.
 */
void arch_service_leave(struct per_cpu *cpu, struct service *svc, bool save);

/**
 * arch_service_reset_memory() - make a restored image visible to the service
 * @svc:	the service, not running on any CPU
 *
 * Cleans the cell's RAM to the Point of Coherency (the service starts
 * with its MMU off), invalidates the instruction cache and every TLB
 * entry of the service's VMID.
 */
void arch_service_reset_memory(struct service *svc);

#endif /* CORE_SERVICE_H */
