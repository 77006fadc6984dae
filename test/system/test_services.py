# SPDX-License-Identifier: GPL-2.0
# Service cells: the echo service called from the root through its endpoint.
"""Calls into the "echo" test service (test/echo/echo.S) through
`bulkhead debug invoke` on the root's endpoint capability: call and reply,
state kept between calls, FP/SIMD, budget overrun and fault with restart,
and the CPU the call runs on; and the musl service "hello" (services/hello,
libs/rt): start-up at launch, its printf output in the hypervisor log, calls
through its receive loop, a fault that restarts it."""

import re

import bh

ECHO = bh.SHARE + '/manifests/qemu-arm64-echo.dtb'
HELLO = bh.SHARE + '/manifests/qemu-arm64-hello.dtb'
HELLO_FAULT_KEY = 0xfa017
OBJ_ENDPOINT = 7


def endpoint_slot(guest):
	"""The root's first endpoint capability, found with CAP_IDENTIFY."""
	for slot in range(4, 64):
		out, rc = bh.bulkhead(guest, 'debug invoke %d cap_identify' % slot)
		m = re.search(r'mr0 = (0x[0-9a-f]+|\d+)', out)
		if rc == 0 and m and int(m.group(1), 0) == OBJ_ENDPOINT:
			return slot
	raise AssertionError('the root holds no endpoint capability')


def call(guest, slot, *mrs, cpu=None):
	"""EP_CALL; returns (result line, {mr index: value})."""
	cmd = 'bulkhead debug invoke %d ep_call %s' % (
		slot, ' '.join(str(m) for m in mrs))
	if cpu is not None:
		cmd = 'taskset %d %s' % (1 << cpu, cmd)
	out, _ = guest.run(cmd, 120)
	first = out.splitlines()[0] if out else ''
	mr = {int(i): int(v, 0) for i, v in
	      re.findall(r'mr(\d) = (0x[0-9a-f]+|\d+)', out)}
	return first, mr


def test_echo_call_fault_overrun(guest):
	bh.enable(guest, ECHO)
	slot = endpoint_slot(guest)

	res, mr = call(guest, slot, 0)
	assert res.startswith('invoke: ok'), res
	res, mr = call(guest, slot, 1, 41, 2, 3)
	assert res.startswith('invoke: ok') and mr == {0: 42, 1: 2, 2: 3, 3: 0}
	# state survives between calls, on any CPU
	for cpu, want in ((0, 1), (1, 2), (2, 3), (3, 4)):
		res, mr = call(guest, slot, 4, cpu=cpu)
		assert res.startswith('invoke: ok') and mr[0] == want, (res, mr)
	res, mr = call(guest, slot, 5, 21)
	assert res.startswith('invoke: ok') and mr[0] == 42

	# overrun: stopped, reported, restarted from its image (count resets)
	res, _ = call(guest, slot, 2)
	assert 'timed out' in res, res
	assert guest.wait_hv_log(r"service echo stopped .*overran", 60)
	res, mr = call(guest, slot, 4)
	assert res.startswith('invoke: ok') and mr[0] == 1, (res, mr)

	# fault: the same, with its own error
	res, _ = call(guest, slot, 3)
	assert 'faulted' in res, res
	res, mr = call(guest, slot, 4)
	assert res.startswith('invoke: ok') and mr[0] == 1, (res, mr)

	# the root still works on every CPU, and disable is clean
	bh.workload(guest, count=20000)
	bh.disable(guest)
	bh.assert_kernel_ok(guest)


def test_echo_enable_cycles(guest):
	slot = None
	for _ in range(5):
		bh.enable(guest, ECHO)
		slot = slot or endpoint_slot(guest)
		res, mr = call(guest, slot, 1, 1)
		assert res.startswith('invoke: ok') and mr[0] == 2
		bh.disable(guest)
	# a manifest without services behaves as before
	bh.assert_still_works(guest)


def test_missing_service_image(guest):
	guest.run('rm -f /lib/firmware/bulkhead-echo.bin', 30)
	out, rc = bh.bulkhead(guest, 'enable ' + ECHO)
	assert rc != 0, out
	bh.assert_still_works(guest)


def test_hello_musl_service(guest):
	# the start-up runs at launch: its output is there before any call
	bh.enable(guest, HELLO)
	assert guest.wait_hv_log(r'hello: hello from hello \(argc 1\)', 60)
	assert guest.wait_hv_log(r'hello: fdt: service "hello from a device '
				 r'tree", answer 42', 60)
	assert guest.wait_hv_log(r'hello: ready for calls', 60)
	slot = endpoint_slot(guest)

	res, mr = call(guest, slot, 1, 41)
	assert res.startswith('invoke: ok') and mr[0] == 42, (res, mr)
	# state in malloc'd memory, kept between calls on any CPU
	res, mr = call(guest, slot, 2, 5, cpu=1)
	assert res.startswith('invoke: ok') and mr == {0: 2, 1: 5}, (res, mr)
	res, mr = call(guest, slot, 2, 7, cpu=3)
	assert res.startswith('invoke: ok') and mr == {0: 3, 1: 12}, (res, mr)
	assert guest.wait_hv_log(r'hello: call 3: kept 7, sum 12', 60)
	# without its key, operation 3 is only an unknown one
	res, mr = call(guest, slot, 3, 1)
	assert res.startswith('invoke: ok') and mr[0] == 2**64 - 1, (res, mr)

	# a fault: its last words, a restart from the image, start-up again
	res, _ = call(guest, slot, 3, HELLO_FAULT_KEY, 0)
	assert 'faulted' in res, res
	assert guest.wait_hv_log(r'hello: exit 139', 60)
	assert guest.wait_hv_log(r'service hello stopped .*call from root', 60)
	res, mr = call(guest, slot, 2, 10)
	assert res.startswith('invoke: ok') and mr == {0: 1, 1: 10}, (res, mr)
	assert guest.wait_hv_log(r'hello: call 1: kept 10, sum 10', 60)
	assert len(re.findall(r'hello: ready for calls', guest.hv_log())) == 2

	bh.workload(guest, count=20000)
	bh.disable(guest)
	bh.assert_kernel_ok(guest)
	# a manifest without services behaves as before
	bh.assert_still_works(guest)


def test_bench_commands(guest):
	"""scripts/bench's commands run and print their tables (the figures
	are the benchmark's business, not a test's)."""
	out = guest.check('bulkhead debug bench-irq -n 20')
	assert re.search(r'^bare metal \(disabled\)(\s+\d+){7}\s*$', out,
			 re.M), out
	bh.enable(guest, ECHO)
	out = guest.check('bulkhead debug bench -n 20')
	for row in (r'loop alone', r'null invocation', r'service call, echo'):
		assert re.search(r'^%s.*\s\d+\.\d\s+\d+\.\d\s*$' % row, out,
				 re.M), out
	out = guest.check('bulkhead debug bench-irq -n 20')
	assert re.search(r'^root cell under bulkhead(\s+\d+){7}\s*$', out,
			 re.M), out
	out, rc = bh.bulkhead(guest, 'debug bench -n 0')
	bh.assert_clean_error(out, rc, 'iterations must be')
	bh.disable(guest)
	bh.assert_kernel_ok(guest)
