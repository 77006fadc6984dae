# SPDX-License-Identifier: GPL-2.0
# The root cell cannot reach hypervisor memory: stage-2 stops /dev/mem reads.

import re

import bh


def test_root_cannot_read_hypervisor_memory(guest):
	# Without bulkhead the memory above mem= is readable through
	# /dev/mem (not System RAM, not claimed): CONFIG_IO_STRICT_DEVMEM lets
	# the access through, so only stage-2 can stop it later.
	out, rc = bh.read_hv_memory(guest)
	assert rc == 0 and re.match(r'^0x[0-9A-Fa-f]+$', out.strip()), \
		'devmem before enable (%d):\n%s' % (rc, out)

	bh.enable(guest)
	before = len(guest.hv_log())
	out, rc = bh.read_hv_memory(guest)
	assert rc == bh.SIGBUS_STATUS, \
		'read of hypervisor memory: status %d, not SIGBUS:\n%s' % (rc, out)
	assert guest.wait_hv_log(r'(?i)0x0*70000000', timeout=30) and \
		re.search(r'(?i)0x0*70000000', guest.hv_log()[before:]), \
		'the hypervisor did not log the stage-2 fault at 0x70000000'
	# Only the reader died: Linux carries on, on every CPU.
	bh.workload(guest, count=20000)
	bh.assert_kernel_ok(guest)

	bh.disable(guest)
	out, rc = bh.read_hv_memory(guest)
	assert rc == 0, 'devmem after disable (%d):\n%s' % (rc, out)
	bh.assert_kernel_ok(guest)


def test_abort_log_is_bounded(guest):
	"""A cell that faults in a loop gets a burst of log lines, then about
	one a second, each saying how many went unlogged: it cannot flood
	the console or the log ring."""
	bh.enable(guest)
	before = len(guest.hv_log())
	guest.check('i=0; while [ $i -lt 200 ]; do devmem 0x70000000 32 '
		    '>/dev/null 2>&1; i=$((i+1)); done; true', 300)
	guest.check('sleep 3; devmem 0x70000000 32 >/dev/null 2>&1; true')
	assert guest.wait_hv_log(r'before not logged\)', timeout=30), \
		guest.hv_log()[before:][-2000:]
	lines = re.findall(r'abort at IPA 0x0*70000000',
			   guest.hv_log()[before:])
	# 16 at once, then one per second of the loop (generous)
	assert 16 <= len(lines) < 120, len(lines)
	bh.assert_kernel_ok(guest)
	bh.disable(guest)


def test_root_sees_only_the_channels_of_service_cells(guest):
	"""Of a service cell's RAM, the root's stage 2 maps its root channel
	and nothing else: the image, heap and console channel stay out of
	reach (SIGBUS), the channel reads back what the service formatted."""
	out = bh.enable(guest)
	out = bh.status(guest)
	cells = bh.cells(out)
	for name, ram in (('mgmt', 0x74000000), ('console', 0x75000000)):
		slot = bh.endpoint_slot(guest, cells[name])
		res, rc = bh.bulkhead(guest, 'debug invoke %d ep_info' % slot)
		mr = dict(re.findall(r'mr(\d) = (0x[0-9a-f]+|\d+)', res))
		phys, size = int(mr['0'], 0), int(mr['1'], 0)
		assert ram < phys and phys + size <= ram + 0x1000000, res
		# the channel: its magic, "BHCHAN01" little-endian
		out = guest.check('devmem %#x 64' % phys).strip()
		assert int(out, 0) == 0x31304e4148434842, out
		for addr in (ram, ram + 0x200000, phys - 0x1000,
			     phys + size, ram + 0xfff000):
			out, rc = guest.run('devmem %#x 32' % addr)
			assert rc == bh.SIGBUS_STATUS, \
				'%s RAM at %#x readable (%d): %s' % (
					name, addr, rc, out)
	bh.assert_services_fine(guest)
	bh.assert_kernel_ok(guest)
	bh.disable(guest)
