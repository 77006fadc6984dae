# SPDX-License-Identifier: GPL-2.0
# Bad input gets one clear error, changes nothing, and Linux stays healthy.

import bh


def _bad_manifest(guest, name, *keywords, static=True):
	"""Enable with bad manifest NAME must fail, naming one of KEYWORDS.

	static: the manifest is wrong in itself, so `config check` (which
	does not look at the machine) must refuse it too.
	"""
	path = '%s/%s.dtb' % (bh.BAD_MANIFESTS, name)
	guest.check('test -f ' + path)
	for cmd in ('config check ', 'enable ') if static else ('enable ',):
		out, rc = bh.bulkhead(guest, cmd + path)
		bh.assert_clean_error(out, rc, *keywords)
		assert not bh.hv_active(guest), cmd + 'changed something'
	bh.assert_still_works(guest)


def test_enable_twice(guest):
	bh.enable(guest)
	out, rc = bh.bulkhead(guest, 'enable ' + bh.MANIFEST)
	bh.assert_clean_error(out, rc, 'already', 'enabled')
	assert bh.hv_active(guest)
	bh.workload(guest, count=20000)
	bh.disable(guest)
	bh.assert_still_works(guest)


def test_disable_when_not_enabled(guest):
	out, rc = bh.bulkhead(guest, 'disable')
	bh.assert_clean_error(out, rc, 'not enabled')
	bh.assert_still_works(guest)


def test_manifest_not_a_dtb(guest):
	_bad_manifest(guest, 'not-a-dtb', 'device tree', 'dtb')


def test_manifest_missing_property(guest):
	_bad_manifest(guest, 'missing-property', 'missing')


def test_manifest_overlapping_memory(guest):
	_bad_manifest(guest, 'overlapping-memory', 'overlap')


def test_manifest_hv_memory_in_root_ram(guest):
	_bad_manifest(guest, 'hv-in-root-ram', 'overlap', 'intersect', 'RAM')


def test_manifest_bad_cpu(guest):
	# Valid in itself: only this machine lacks the CPU.
	_bad_manifest(guest, 'bad-cpu', 'cpu', static=False)


def test_missing_kernel_image(guest):
	guest.check('mv %s /tmp/bulkhead.bin' % bh.FIRMWARE)
	out, rc = bh.bulkhead(guest, 'enable ' + bh.MANIFEST)
	bh.assert_clean_error(out, rc, 'bulkhead.bin', 'firmware', 'image')
	assert not bh.hv_active(guest)
	guest.check('mv /tmp/bulkhead.bin %s' % bh.FIRMWARE)
	bh.assert_still_works(guest)


def _invoke_error(out, rc, name):
	"""`debug invoke`/`mint` refused with error NAME: one line, status != 0."""
	lines = [l for l in out.splitlines() if l.strip()]
	assert rc != 0, 'expected failure, got status 0:\n' + out
	assert rc < 128, 'killed by signal %d:\n%s' % (rc - 128, out)
	assert len(lines) == 1 and name in lines[0], \
		'expected one line naming "%s":\n%s' % (name, out)


def _after_refused_invocation(guest):
	assert bh.hv_active(guest), 'the refused invocation disabled bulkhead'
	bh.workload(guest, count=20000)
	bh.disable(guest)
	bh.assert_still_works(guest)


def test_invoke_wrong_slot(guest):
	bh.enable(guest)
	# The last slot of the root's CNode is empty; 1000 is outside it.
	for slot in ('63', '1000'):
		out, rc = bh.bulkhead(guest, 'debug invoke %s cap_identify' % slot)
		_invoke_error(out, rc, 'invalid capability')
	_after_refused_invocation(guest)


def test_invoke_wrong_type(guest):
	bh.enable(guest)
	# Slot 2 holds the hypervisor capability; CELL_INFO is a cell label.
	out, rc = bh.bulkhead(guest, 'debug invoke 2 cell_info')
	_invoke_error(out, rc, 'wrong object type')
	out, rc = bh.bulkhead(guest, 'debug invoke 2 hv_info')
	assert rc == 0 and 'invoke: ok' in out, out
	_after_refused_invocation(guest)


def test_invoke_missing_right(guest):
	bh.enable(guest)
	# A read-only copy of the hypervisor capability may query, not disable.
	out, rc = bh.bulkhead(guest, 'debug mint 2 60 r')
	assert rc == 0 and 'mint: ok' in out, out
	out, rc = bh.bulkhead(guest, 'debug invoke 60 hv_info')
	assert rc == 0 and 'invoke: ok' in out, out
	out, rc = bh.bulkhead(guest, 'debug invoke 60 hv_disable')
	_invoke_error(out, rc, 'missing right')
	# Minting needs GRANT on the source: the read-only copy has none.
	out, rc = bh.bulkhead(guest, 'debug mint 60 61 r')
	_invoke_error(out, rc, 'missing right')
	_after_refused_invocation(guest)
