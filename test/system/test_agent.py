# SPDX-License-Identifier: GPL-2.0
# The root agent: bulkheadd, status, console, shell and the bad-input hooks.
"""bulkheadd and the CLI commands it serves, on the default manifest with
its two service cells, mgmt and console: enable brings them up, status,
console (also -f and a cell's console filled through CELL_EMULATE), the
debugging shell with good, garbage and overlong input, a request without
the right it needs, malformed and oversized channel messages, a service
forced to fault, enable/disable cycles, and bad service images."""

import re

import bh

BANNER = r'bulkhead \S+: EL2 kernel'
FAULT_LINE = r'data abort at IPA 0x0*70000000'
# An IPA the root cell has neither as memory nor as a device (QEMU's
# platform bus window, empty in this machine): the console service's
# emulated UART goes there.
EMUL_IPA = 0x0c000000
NOT_RUNNING = 'bulkheadd is not running'


def test_services_up(guest):
	out = bh.enable(guest)
	assert re.search(r'^bulkheadd: serving .*\bmgmt\b', out, re.M) and \
		re.search(r'^bulkheadd: serving .*\bconsole\b', out, re.M), out
	assert guest.check('stat -c %a /run/bulkhead.sock').strip() == '600'
	pid = guest.check('cat /run/bulkheadd.pid').strip()
	assert guest.check('cat /proc/%s/comm' % pid).strip() == 'bulkheadd'

	out = bh.assert_services_fine(guest)
	assert re.search(r'kernel:\s+\S+', out), out
	cells = bh.cells(out)
	assert set(cells) >= {'root', 'mgmt', 'console'}, out
	for cpu in range(4):
		assert re.search(r'^%d\s+%#x\s+root\s+running' % (cpu, cpu),
				 out, re.M), out

	# --stats: mgmt's STATS, exits per CPU and reason (hvc counted: the
	# calls to the services are hypercalls)
	out = guest.check('bulkhead status --stats')
	rows = re.findall(r'^([0-3])\s+(\d+)\s+(?:\d+\s+){9}(\d+)\s*$', out,
			  re.M)
	assert [int(r[0]) for r in rows] == [0, 1, 2, 3], out
	assert sum(int(r[1]) for r in rows) > 0 and \
		all(int(r[2]) > 0 for r in rows), out
	assert re.search(r'^CPU\s+hvc\s+smc\s+sysreg', out, re.M), out

	bh.disable(guest)
	assert guest.run('test -e /run/bulkhead.sock')[1] != 0
	assert guest.run('test -e /proc/%s' % pid)[1] != 0, \
		'bulkheadd still runs after disable'
	out, rc = bh.bulkhead(guest, 'status')
	bh.assert_clean_error(out, rc, NOT_RUNNING)
	bh.assert_kernel_ok(guest)


def test_console(guest):
	bh.enable(guest)
	out, rc = bh.bulkhead(guest, 'console')
	assert rc == 0 and re.search(BANNER, out), out

	# -f: a new hypervisor line (a stage-2 fault of the root) streams in
	out = guest.check(
		'bulkhead console -f >/tmp/f.log 2>&1 & pid=$!; sleep 3; '
		'cp /tmp/f.log /tmp/f0.log; devmem 0x70000000 32; sleep 4; '
		'kill $pid; wait $pid; echo ===; cat /tmp/f0.log; echo ===; '
		'cat /tmp/f.log; true', 180)
	_, before, after = out.split('===\n', 2)
	assert re.search(BANNER, before), out
	assert not re.search(FAULT_LINE, before), out
	assert re.search(FAULT_LINE, after), \
		'console -f did not show the new line:\n' + out

	# a cell's console: the root writes to a range the console emulates
	ipa = EMUL_IPA
	out, rc = bh.bulkhead(guest, 'debug emulate %#x 0x1000 console' % ipa)
	assert rc == 0, out
	out = guest.check('devmem %#x 32' % (ipa + 0x18))
	assert int(out.strip(), 0) == 0x90, 'UART flags: ' + out
	for ch in 'hello root\n':
		guest.check('devmem %#x 8 %#x' % (ipa, ord(ch)))
	out, rc = bh.bulkhead(guest, 'console root')
	assert rc == 0 and 'hello root' in out, out
	out, rc = bh.bulkhead(guest, 'console nosuchcell')
	bh.assert_clean_error(out, rc, 'no such cell')

	bh.assert_services_fine(guest)
	bh.disable(guest)
	bh.assert_kernel_ok(guest)


def test_shell(guest):
	bh.enable(guest)
	out, rc = bh.bulkhead(guest, 'shell help')
	assert rc == 0, out
	for cmd in ('cells', 'caps', 'stats', 'log', 'mem'):
		assert cmd in out, 'help does not list %s:\n%s' % (cmd, out)
	out, rc = bh.bulkhead(guest, 'shell cells')
	assert rc == 0 and 'mgmt' in out and 'console' in out, out
	for cmd in ('caps root', 'stats', 'log', 'mem'):
		out, rc = bh.bulkhead(guest, 'shell ' + cmd)
		assert rc == 0 and out.strip(), '%s:\n%s' % (cmd, out)
	# lines from stdin, one answer each
	out = guest.check("printf 'cells\\nmem\\n' | bulkhead shell")
	assert 'mgmt' in out, out

	# garbage: control bytes, an unknown command; answered, no harm
	out, rc = guest.run("printf '\\001\\002\\033[A\\177\\n' | bulkhead shell")
	assert rc < 128, out
	out, rc = bh.bulkhead(guest, 'shell frobnicate')
	assert rc < 128 and re.search(r'(?i)unknown', out), out
	# overlong: refused by the service (200 bytes), and by bulkheadd when
	# it does not fit in one message (1000 bytes)
	for n in (200, 1000):
		out, rc = bh.bulkhead(guest, 'shell ' + 'x' * n)
		bh.assert_clean_error(out, rc, 'long')

	out, rc = bh.bulkhead(guest, 'shell help')
	assert rc == 0 and 'cells' in out, out
	out = bh.assert_services_fine(guest)
	assert bh.services(out)['console']['faults'] == 0, out
	bh.disable(guest)


def test_pl011_shell(guest):
	"""The same shell on the hypervisor's UART (manifest: "uart"): the
	console service polls it on the time bulkheadd lends it."""
	bh.enable(guest)
	base = len(guest.hv_log())

	def typed(text, pattern, timeout=60):
		start = len(guest.hv_log())
		guest.hv_send(text)
		m = guest.wait_hv_log_after(start, pattern, timeout)
		assert m, 'PL011 shell: no %r after %r; hypervisor stream:\n%s' \
			% (pattern, text, guest.hv_log()[start:][-3000:])
		return m

	typed('help\r', r'caps CELL[^\n]*\n(.|\n)*bulkhead> ')
	typed('cells\r', r'\bmgmt\b(.|\n)*\bconsole\b(.|\n)*bulkhead> ')
	typed('frobnicate\r', r'(?i)unknown command')
	# control bytes are shown as '?', never echoed raw; the line is refused
	typed('a\x01\x1b[Ab\r', r'(?i)control characters')
	typed('x' * 200 + '\r', r'line too long \(200 bytes')
	# erase works: "helpx" and a backspace is "help"
	typed('helpx\x7f\r', r'mem\s+hypervisor memory')
	assert '\x01' not in guest.hv_log()[base:]
	out = bh.assert_services_fine(guest)
	assert bh.services(out)['console']['faults'] == 0, out
	bh.disable(guest)


def test_unauthorized_request(guest):
	bh.enable(guest)
	cells = bh.cells(bh.status(guest))
	mgmt = bh.endpoint_slot(guest, cells['mgmt'])
	console = bh.endpoint_slot(guest, cells['console'])

	# WRITE (to call) but no READ: the service refuses STATUS, LOG_READ
	out, rc = bh.bulkhead(guest, 'debug mint %d 60 w' % mgmt)
	assert rc == 0, out
	out, rc = bh.bulkhead(guest, 'status --slot 60')
	line = bh.assert_clean_error(out, rc, 'permission denied')
	assert 'READ' in line, line
	out, rc = bh.bulkhead(guest, 'debug mint %d 61 w' % console)
	assert rc == 0, out
	out, rc = bh.bulkhead(guest, 'console --slot 61')
	bh.assert_clean_error(out, rc, 'permission denied')
	# READ only: the kernel refuses the call itself
	out, rc = bh.bulkhead(guest, 'debug mint %d 62 r' % mgmt)
	assert rc == 0, out
	out, rc = bh.bulkhead(guest, 'status --slot 62')
	bh.assert_clean_error(out, rc, 'missing right')
	# a slot that is not mgmt's endpoint
	out, rc = bh.bulkhead(guest, 'status --slot 61')
	bh.assert_clean_error(out, rc, 'not an endpoint of mgmt')

	# the full capability still works; nothing restarted
	out, rc = bh.bulkhead(guest, 'status --slot %d' % mgmt)
	assert rc == 0, out
	bh.assert_services_fine(guest)
	bh.disable(guest)


def test_malformed_and_oversized(guest):
	bh.enable(guest)
	# too short for a header; a length that disagrees; an unknown op
	for raw, status in (('0201', -2),
			    ('02010000010000000000000064000000', -2),
			    ('77770000020000000000000000000000', -3)):
		out, rc = bh.bulkhead(guest, 'debug rpc-raw mgmt ' + raw)
		assert rc == 0, out
		assert re.search(r'status %d ' % status, out), out
		assert 'answers HELLO' in out, out
	# a slot whose length no slot can hold: the channel is reset
	out, rc = bh.bulkhead(guest, 'debug rpc-oversize mgmt')
	assert rc == 0, out
	assert 'doorbell: channel broken' in out and 'answers HELLO' in out, out
	out, rc = bh.bulkhead(guest, 'debug rpc-oversize console')
	assert rc == 0, out

	out = bh.assert_services_fine(guest, restarts=0)
	svc = bh.services(out)
	assert svc['mgmt']['faults'] == 0 and svc['console']['faults'] == 0, out
	out, rc = bh.bulkhead(guest, 'console')
	assert rc == 0 and re.search(BANNER, out), out
	bh.disable(guest)


def test_service_fault(guest):
	bh.enable(guest)
	bh.assert_services_fine(guest, restarts=0)
	out, rc = bh.bulkhead(guest, 'debug fault mgmt')
	assert rc == 0 and 'faulted as asked' in out, out
	assert guest.wait_hv_log(r'service mgmt stopped', 60)

	out = bh.status(guest)
	svc = bh.services(out)
	assert svc['mgmt']['restarts'] == 1 and svc['mgmt']['faults'] == 1, out
	assert svc['console']['restarts'] == 0, out

	# the other service was not disturbed
	out, rc = bh.bulkhead(guest, 'console')
	assert rc == 0 and re.search(BANNER, out), out
	# a second fault: restarted again, counted again
	out, rc = bh.bulkhead(guest, 'debug fault mgmt')
	assert rc == 0, out
	svc = bh.services(bh.status(guest))
	assert svc['mgmt']['restarts'] == 2, svc
	# a service that spins past its budget (200 ms): stopped by the
	# kernel's timer, the caller gets an error, not a hang; restarted
	out, rc = bh.bulkhead(guest, 'debug fault --hang mgmt')
	assert rc == 0 and 'overran its budget as asked' in out, out
	assert guest.wait_hv_log(r'service mgmt stopped [^\n]*overran its '
				 r'time budget', 60)
	svc = bh.services(bh.status(guest))
	assert svc['mgmt']['restarts'] == 3 and \
		svc['mgmt']['overruns'] == 1 and svc['mgmt']['faults'] == 2, svc
	bh.workload(guest, count=20000)
	bh.disable(guest)
	bh.assert_kernel_ok(guest)


def test_enable_cycles_with_services(guest):
	for i in range(20):
		bh.enable(guest)
		out = bh.assert_services_fine(guest)
		assert 'mgmt' in out, 'cycle %d:\n%s' % (i, out)
		bh.disable(guest)
	out, rc = bh.bulkhead(guest, 'status')
	bh.assert_clean_error(out, rc, NOT_RUNNING)
	bh.workload(guest, count=20000)
	bh.assert_kernel_ok(guest)


def test_bad_service_images(guest):
	fw = '/lib/firmware/'
	corrupt = fw + 'bulkhead-corrupt.elf'
	# what svc-corrupt-image.dts names: first a cut-off copy of mgmt's
	# image (the agent's check refuses it before anything is loaded),
	# then an intact ELF whose code is zeroed (it passes the check, its
	# start-up faults: bulkheadd finds out and enable is undone)
	cases = (
		('svc-missing-image', ':', 'bulkhead-nonexistent.elf'),
		('svc-corrupt-image', 'head -c 3000 %sbulkhead-mgmt.elf > %s' %
		 (fw, corrupt), 'bulkhead-corrupt.elf'),
		('svc-corrupt-image', 'cp %sbulkhead-mgmt.elf %s && dd '
		 'if=/dev/zero of=%s bs=4096 seek=1 count=8 conv=notrunc' %
		 (fw, corrupt, corrupt), 'bulkhead-corrupt.elf'),
	)
	for name, prepare, image in cases:
		path = '%s/%s.dtb' % (bh.BAD_MANIFESTS, name)
		assert guest.run('test -f ' + path)[1] == 0, \
			'%s is not in the guest' % path
		guest.check(prepare)
		out, rc = bh.bulkhead(guest, 'enable ' + path)
		line = bh.assert_clean_error(out, rc, 'image')
		assert image in line and 'mgmt' in line, \
			'the error does not name the cell and image: ' + line
		assert guest.run('test -e /run/bulkhead.sock')[1] != 0, \
			'bulkheadd left running after a failed enable'
		assert not bh.hv_active(guest), \
			'%s: the hypervisor stayed enabled' % name
	bh.assert_still_works(guest)
	bh.enable(guest)
	bh.assert_services_fine(guest)
	bh.disable(guest)
