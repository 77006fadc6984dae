# SPDX-License-Identifier: GPL-2.0
# Helpers shared by the system tests: the CLI, the workload, health checks.
"""Helpers for driving bulkhead in a guest booted by the `guest` fixture."""

import hashlib
import re

SHARE = '/usr/share/bulkhead'
MANIFEST = SHARE + '/manifests/qemu-arm64.dtb'
BAD_MANIFESTS = SHARE + '/manifests/test'
FIRMWARE = '/lib/firmware/bulkhead.bin'

# Hypervisor memory (manifest qemu-arm64.dts): above Linux's mem=768M.
HV_BASE = 0x70000000

SIGBUS_STATUS = 128 + 7
WORKLOAD_COUNT = 200000

def expected_sha256(count=WORKLOAD_COUNT):
	"""SHA-256 of busybox `seq 1 COUNT` output, computed on the host."""
	data = ''.join('%d\n' % i for i in range(1, count + 1)).encode()
	return hashlib.sha256(data).hexdigest()


def workload(guest, cpus=(0, 1, 2, 3), count=WORKLOAD_COUNT, timeout=240):
	"""Hash 1..COUNT on every CPU in CPUS at once; assert every result.

	Each run is pinned with taskset and reports the CPU it ended on.
	Returns the raw output.
	"""
	out, rc = guest.run('bh-workload -n %d %s' %
			    (count, ' '.join(str(c) for c in cpus)), timeout)
	want = expected_sha256(count)
	got = dict(re.findall(r'^cpu=(\d+) ran=\d+ sha256=([0-9a-f]+)$', out,
			      re.M))
	ran = dict(re.findall(r'^cpu=(\d+) ran=(\d+) ', out, re.M))
	for c in cpus:
		assert got.get(str(c)) == want, \
			'CPU %d: wrong or no checksum:\n%s' % (c, out)
		assert ran.get(str(c)) == str(c), \
			'CPU %d: workload ran elsewhere:\n%s' % (c, out)
	assert rc == 0, 'bh-workload exited %d:\n%s' % (rc, out)
	return out


def kernel_problems(guest):
	"""Return dmesg lines that show an oops, warning, BUG or stall."""
	return guest.kernel_problems()


def assert_kernel_ok(guest):
	"""Assert that dmesg shows no oops/WARNING/BUG and the kernel is untainted
	by a warning (taint flag W)."""
	problems = kernel_problems(guest)
	assert problems == [], 'kernel log shows problems:\n' + \
		'\n'.join(problems)
	taint = int(guest.check('cat /proc/sys/kernel/tainted').strip())
	assert not taint & (1 << 9), 'kernel tainted by a WARNING (%d)' % taint
	assert not taint & (1 << 7), 'kernel tainted by an oops/die (%d)' % taint


def bulkhead(guest, args, timeout=150):
	"""Run `bulkhead ARGS`; return (output, status)."""
	return guest.run('bulkhead ' + args, timeout)


def enable(guest, manifest=MANIFEST, timeout=150):
	"""`bulkhead enable MANIFEST`; assert success; return the output."""
	out, rc = bulkhead(guest, 'enable ' + manifest, timeout)
	assert rc == 0, 'bulkhead enable exited %d:\n%s' % (rc, out)
	return out


def disable(guest, timeout=150):
	"""`bulkhead disable`; assert success; return the output."""
	out, rc = bulkhead(guest, 'disable', timeout)
	assert rc == 0, 'bulkhead disable exited %d:\n%s' % (rc, out)
	return out


def read_hv_memory(guest, addr=HV_BASE):
	"""Read a word of hypervisor memory through /dev/mem (busybox devmem).

	Returns (output, exit status): status 0 when the read went through,
	SIGBUS_STATUS when the access was aborted.
	"""
	return guest.run('devmem 0x%x 32' % addr, 120)


def hv_active(guest):
	"""True if the root is under stage-2 (hypervisor memory unreadable).

	Independent of the CLI: with bulkhead off, the memory above mem= is
	plain RAM that /dev/mem may read; with bulkhead on, the read aborts.
	"""
	out, rc = read_hv_memory(guest)
	if rc == 0:
		return False
	assert rc == SIGBUS_STATUS, \
		'devmem neither read nor got SIGBUS (%d):\n%s' % (rc, out)
	return True


def assert_clean_error(out, rc, *keywords):
	"""Assert a failed CLI call: non-zero status, one `bulkhead: ...` line.

	If KEYWORDS are given, the line must contain one of them (any case),
	so that the command failed for the intended reason.
	"""
	lines = [l for l in out.splitlines() if l.strip()]
	assert rc != 0, 'expected failure, got status 0:\n' + out
	assert rc < 128, 'killed by signal %d:\n%s' % (rc - 128, out)
	assert len(lines) == 1, 'expected one error line, got:\n' + out
	assert re.match(r'^bulkhead: \S.*: \S', lines[0]), \
		'not "bulkhead: <field>: <reason>": %r' % lines[0]
	if keywords:
		low = lines[0].lower()
		assert any(k.lower() in low for k in keywords), \
			'error does not mention any of %s: %r' % (keywords,
								 lines[0])
	return lines[0]


def assert_still_works(guest):
	"""After a refused operation: Linux is fine and an enable still works."""
	assert_kernel_ok(guest)
	assert not hv_active(guest), 'hypervisor unexpectedly active'
	enable(guest)
	assert hv_active(guest)
	workload(guest, count=20000)
	disable(guest)
	assert not hv_active(guest)
	assert_kernel_ok(guest)


# The root agent (bulkheadd) and the service cells it serves.
OBJ_ENDPOINT = 7
SERVICE_ROW_RE = re.compile(
	r'^(\S+)\s+(running|failed|unknown)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+'
	r'(generation \d+|-)\s*$', re.M)
CELL_ROW_RE = re.compile(
	r'^(\d+)\s+(\S+)\s+(root|service|guest)\s+(running|failed|unknown)\s',
	re.M)


def status(guest, args=''):
	"""`bulkhead status ARGS`; assert success; return the output."""
	out, rc = bulkhead(guest, ('status ' + args).strip())
	assert rc == 0, 'bulkhead status exited %d:\n%s' % (rc, out)
	return out


def services(out):
	"""{name: {state, calls, faults, overruns, restarts}} from status."""
	return {m[0]: {'state': m[1], 'calls': int(m[2]), 'faults': int(m[3]),
		       'overruns': int(m[4]), 'restarts': int(m[5])}
		for m in SERVICE_ROW_RE.findall(out)}


def cells(out):
	"""{name: id} from the cell table of `bulkhead status`."""
	return {m[1]: int(m[0]) for m in CELL_ROW_RE.findall(out)}


def endpoint_slot(guest, cell_id):
	"""The root slot holding an endpoint of service cell CELL_ID."""
	for slot in range(4, 64):
		out, rc = bulkhead(guest, 'debug invoke 1 cnode_read %d' % slot)
		mr = dict(re.findall(r'mr(\d) = (0x[0-9a-f]+|\d+)', out))
		if rc == 0 and int(mr.get('0', '0'), 0) == OBJ_ENDPOINT and \
		   int(mr.get('3', '-1'), 0) == cell_id:
			return slot
	raise AssertionError('no endpoint of cell %d in the root' % cell_id)


def assert_services_fine(guest, names=('mgmt', 'console'), restarts=0):
	"""`bulkhead status` works and NAMES run with RESTARTS restarts."""
	out = status(guest)
	svc = services(out)
	for n in names:
		assert n in svc, 'no service %s in status:\n%s' % (n, out)
		assert svc[n]['state'] == 'running', out
		assert svc[n]['restarts'] == restarts, \
			'%s: %d restarts, expected %d:\n%s' % (
				n, svc[n]['restarts'], restarts, out)
	return out
