/* SPDX-License-Identifier: GPL-2.0 */
/* Service cells: passive servers run on the calling CPU, within a time budget. */
#ifndef CORE_SERVICE_H
#define CORE_SERVICE_H

#include <core/types.h>
#include <bulkhead/bootdesc.h>
#include <bulkhead/caps.h>
#include <bulkhead/channel.h>
#include <core/mmio.h>
#include <core/trap.h>
#include <asm/service.h>	/* struct arch_service */

struct bh_reply;
struct cell;
struct per_cpu;

#define SERVICE_IDLE	0xffffffffU	/* struct service.owner: no call */

/*
 * The top of the RAM region that holds the image belongs to the kernel's
 * contract with the service (docs/services.md, "The entry contract"):
 * the console channel in the last SERVICE_CONSOLE_SIZE bytes, below it the
 * root channel (BH_SVC_F_ROOT_CHANNEL), below that the boot-info page.
 */
#define SERVICE_CONSOLE_SLOTS	64
#define SERVICE_CONSOLE_SIZE	BH_CHAN_REGION_SIZE(SERVICE_CONSOLE_SLOTS)
#define SERVICE_ROOT_SLOTS	64
#define SERVICE_ROOT_SIZE	BH_CHAN_REGION_SIZE(SERVICE_ROOT_SLOTS)
#define SERVICE_LINE_MAX	160

/* Where a service with the "log" capability sees the kernel's log ring */
#define SERVICE_LOG_IPA		0x30000000UL

/* What a service is running for */
enum service_call_kind {
	SERVICE_CALL_EP,	/* an EP_CALL: the reply goes to x0..x5 */
	SERVICE_CALL_MMIO,	/* a delivered access: the reply completes
				   the caller's trapped instruction */
};

/**
 * struct service_pending - the call that found the service not started
 * @valid:	a call waits for the end of the start-up
 * @label:	the label the service will see (EP_CALL or EP_MMIO)
 * @badge:	its badge
 * @rights:	rights of the invoked capability
 * @len:	its length
 * @mr:		its message registers
 */
struct service_pending {
	bool valid;
	u32 label;
	u64 badge;
	u64 rights;
	unsigned int len;
	u64 mr[BH_MSG_MAX_MRS];
};

/**
 * struct service - one service cell with an image
 * @cell:	the service cell
 * @bd:		its entry in the kernel's copy of the boot description
 * @entry:	IPA of the entry point
 * @load_phys:	physical address the image is restored to
 * @pristine:	the image as loaded at launch, in hypervisor memory
 * @budget_ticks: generic timer ticks one call may run
 * @init_ticks:	generic timer ticks the start-up may run
 * @ram:	the RAM region that holds the image
 * @boot_ipa:	IPA of the boot-info page (x7 at every entry)
 * @console_phys: physical address of the console channel
 * @console:	our end (A) of the console channel
 * @console_ok:	@console is formatted and not found broken
 * @root_phys:	physical address of the root channel, 0 if none; mapped
 *		into the root cell at IPA == PA
 * @root_ipa:	its IPA in the service
 * @log_phys:	physical address of the log ring if the service reads it
 * @log_size:	its size
 * @generation:	restarts so far (boot-info generation)
 * @kind:	what the current call is (enum service_call_kind)
 * @line:	console output up to its next newline
 * @line_len:	bytes in @line
 * @initing:	the service runs its start-up: its next EP_REPLY is its
 *		first wait, not a reply
 * @pending:	the call to deliver once the start-up is done
 * @owner:	logical index of the CPU that runs a call in the service, or
 *		SERVICE_IDLE; claimed with compare-and-swap
 * @started:	the service ran and replied since its last (re)start: the
 *		next call resumes it after its EP_REPLY
 * @caller:	the cell whose call the service serves
 * @calls:	calls accepted
 * @faults:	calls that ended in a fault
 * @overruns:	calls that ended by the budget timer
 * @inits:	start-ups completed
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
	u64 init_ticks;
	const struct bh_bd_mem *ram;
	u64 boot_ipa;
	u64 console_phys;
	struct bh_chan console;
	bool console_ok;
	u64 root_phys;
	u64 root_ipa;
	u64 log_phys;
	u64 log_size;
	u64 generation;
	enum service_call_kind kind;
	char line[SERVICE_LINE_MAX];
	unsigned int line_len;
	bool initing;
	struct service_pending pending;
	volatile u32 owner;
	bool started;
	struct cell *caller;
	u64 calls;
	u64 faults;
	u64 overruns;
	u64 inits;
	struct arch_service arch;
};

/**
 * services_init() - create a struct service per image of the boot description
 * @desc:	the kernel's validated copy, cells already created
 *
 * Maps each service cell's RAM into the kernel's address space, keeps a
 * pristine copy of the image the loader placed, and resets the cell's
 * memory to it, with the boot-info page and the console channel. Sets
 * cell->svc. Context: launch, first CPU.
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
 * @rights:	its rights (x8 for the service: the caller's authority)
 * @len:	message length
 * @mr:		message registers
 * @out:	what the service finds in x1..x5 (info, mr0..mr3)
 *
 * On success @cpu's frame is the service's: the trap returns into the
 * service, which later replies (service_reply()) or is stopped
 * (service_abort()); either way the caller resumes with the answer. A
 * service that has not started since its last (re)start first runs its
 * start-up within the init budget; the call reaches it at its first wait.
 *
 * Return: BH_E_OK, or BH_E_BUSY when the service serves another call
 * (services are single-threaded; a caller never waits), BH_E_ILLEGAL_OP
 * for a call from a service.
 */
int service_call(struct per_cpu *cpu, struct service *svc, u64 badge,
		 u64 rights, unsigned int len, const u64 *mr,
		 struct bh_reply *out);

/**
 * service_emulate_add() - deliver a cell's accesses to a range to a service
 * @cell:	the cell whose accesses
 * @start:	first IPA, page aligned
 * @size:	bytes, page aligned, non-zero
 * @svc:	the service
 *
 * Context: caps lock held (CELL_EMULATE), which orders adders.
 * Return: BH_E_OK, BH_E_INVALID_ARGUMENT (alignment, the cell's own
 * memory or devices, another range), BH_E_RANGE (table full).
 */
int service_emulate_add(struct cell *cell, u64 start, u64 size,
			struct service *svc);

/**
 * service_cell_map_extra() - map what the kernel adds to the cells' stage 2
 * @svc:	a service, created
 *
 * The root channel into the root cell (IPA == PA) and the log ring into
 * the service (read-only at SERVICE_LOG_IPA). Context: launch.
 * Return: 0 or a negative errno.
 */
int service_cell_map_extra(struct service *svc);

/**
 * service_reply() - the service answers the call it serves (EP_REPLY)
 * @cpu:	the calling CPU, running @svc
 * @svc:	the service named by the invoked endpoint
 * @len:	reply length
 * @mr:		reply registers
 * @out:	the caller's x1..x5 (info with label 0 and @len, mr0..mr3)
 *
 * Saves the service where it stands (it resumes here with the next call)
 * and switches @cpu back to the caller. Drains the service's console.
 * The first EP_REPLY after a (re)start ends the start-up instead: it
 * answers nothing, and the call that waited for the start-up (if any)
 * is delivered to the service at once, within the call budget.
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
 * its context, and switches back to the caller with @err. A start-up at
 * launch has no caller: the launcher's registers stay as they are.
 */
void service_abort(struct per_cpu *cpu, int err, const char *why);

/**
 * services_launch_start() - start up the services on the launching CPU
 * @cpu:	the launching CPU; its frame is the launcher's return
 *
 * Runs the start-up of every service, one after the other, each within
 * its init budget, before the launcher resumes: calls then pay only for
 * their handler. A service that fails its start-up is logged and starts
 * up again at its first call. Returns at once; the services run when
 * @cpu's frame is entered, and the last one hands it back to the
 * launcher (services_launch_continue()). Context: launch, first CPU.
 */
void services_launch_start(struct per_cpu *cpu);

/**
 * services_launch_continue() - after a service's exit, start up the next
 * @cpu:	the CPU, back in its caller's frame
 *
 * Called by the service trap paths once @cpu left a service. Outside the
 * launch's start-up sequence it does nothing.
 */
void services_launch_continue(struct per_cpu *cpu);

/**
 * arch_service_init() - per-service arch state at launch
 * @svc:	the service, @svc->cell created
 */
void arch_service_init(struct service *svc);

/**
 * arch_service_enter() - switch @cpu from its caller to @svc
 * @cpu:	the calling CPU; its frame holds the caller's registers
 * @svc:	the service, owned by @cpu
 * @ticks:	budget: generic timer ticks from now
 *
 * Saves the caller's general, EL1 system, timer and FP/SIMD registers
 * in @svc, loads the service's (or a reset EL1 state at its entry point
 * when it has not started), its stage 2, the service vectors, and arms
 * the budget timer. The message registers are the caller's to set.
 */
void arch_service_enter(struct per_cpu *cpu, struct service *svc, u64 ticks);

/**
 * arch_service_rearm() - give the running service a new budget
 * @ticks:	generic timer ticks from now
 */
void arch_service_rearm(u64 ticks);

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
 * arch_service_mmio_complete() - finish the access a service answered
 * @cpu:	the CPU, back in the caller's frame
 * @svc:	the service, whose arch state holds the decoded access
 * @value:	what a read returns
 *
 * Writes a read's result into the target register and steps the caller
 * past the instruction.
 */
void arch_service_mmio_complete(struct per_cpu *cpu, struct service *svc,
				u64 value);

/**
 * arch_cell_map() - add a mapping to a cell's stage 2 after its creation
 * @cell:	the cell
 * @ipa:	where the cell sees it
 * @phys:	physical address
 * @size:	bytes, page multiple
 * @flags:	BH_MEM_* (read, write; Normal memory)
 *
 * The range must be unmapped in the cell: no invalidation is needed.
 * Return: 0 or a negative errno.
 */
int arch_cell_map(struct cell *cell, u64 ipa, u64 phys, u64 size, u32 flags);

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
