# SPDX-License-Identifier: GPL-2.0
# Enable/disable under load: every CPU keeps computing correctly in the root cell.

import re

import bh


def _stats(guest):
	"""Parse `bulkhead cell stats`: {cpu: {reason: count, 'total': n}}."""
	out = guest.check('bulkhead cell stats')
	lines = [l.split() for l in out.splitlines() if l.strip()]
	assert lines and lines[0][0] == 'CPU', 'no stats header:\n' + out
	names = lines[0][1:]
	stats = {}
	for row in lines[1:]:
		assert len(row) == len(names) + 1 and row[0].isdigit(), \
			'malformed stats row %r:\n%s' % (row, out)
		stats[int(row[0])] = dict(zip(names, map(int, row[1:])))
	return stats, out


def test_all_cpus_checksum(guest):
	bh.enable(guest)
	assert re.search(r'(?i)bulkhead', guest.hv_log()), \
		'the hypervisor printed no banner on the PL011'
	assert bh.hv_active(guest)
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-3'
	bh.workload(guest)
	out = guest.check('bulkhead cell list')
	assert re.search(r'^\s*0\s+root\s+root\s+running\s+0 1 2 3\s*$', out,
			 re.M), 'cell list:\n' + out
	for cell in ('mgmt', 'console'):
		assert re.search(r'^\s*\d+\s+%s\s+service\s' % cell, out,
				 re.M), 'cell list:\n' + out
	stats, out = _stats(guest)
	assert sorted(stats) == [0, 1, 2, 3], 'stats CPUs:\n' + out
	for cpu, s in stats.items():
		assert s['total'] > 0, 'no exits on CPU %d:\n%s' % (cpu, out)
		assert s['total'] == sum(v for k, v in s.items()
					 if k != 'total'), out
	bh.disable(guest)
	assert not bh.hv_active(guest)
	bh.workload(guest, count=20000)
	bh.assert_kernel_ok(guest)


def test_twenty_cycles(guest):
	for i in range(20):
		out, rc = bh.bulkhead(guest, 'enable ' + bh.MANIFEST)
		assert rc == 0, 'cycle %d: enable exited %d:\n%s' % (i, rc, out)
		out, rc = bh.bulkhead(guest, 'disable')
		assert rc == 0, 'cycle %d: disable exited %d:\n%s' % (i, rc, out)
	assert not bh.hv_active(guest)
	bh.enable(guest)
	bh.workload(guest, count=20000)
	bh.disable(guest)
	bh.assert_kernel_ok(guest)


def test_cpu_offline_online_while_enabled(guest):
	bh.enable(guest)
	guest.check('echo 0 > /sys/devices/system/cpu/cpu2/online')
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-1,3'
	bh.workload(guest, cpus=(0, 1, 3), count=20000)
	guest.check('echo 1 > /sys/devices/system/cpu/cpu2/online')
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-3'
	bh.workload(guest, cpus=(2,), count=50000)
	bh.workload(guest, count=20000)
	stats, out = _stats(guest)
	assert stats.get(2, {}).get('total', 0) > 0, out
	assert stats[2].get('smc', 0) > 0, 'CPU_OFF/ON did not trap:\n' + out
	bh.disable(guest)
	bh.workload(guest, count=20000)
	bh.assert_kernel_ok(guest)


def test_cpu_offline_across_disable(guest):
	# A CPU parked by the hypervisor is handed back to the firmware on
	# disable: Linux must be able to bring it up again afterwards.
	bh.enable(guest)
	guest.check('echo 0 > /sys/devices/system/cpu/cpu3/online')
	bh.disable(guest)
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-2'
	guest.check('echo 1 > /sys/devices/system/cpu/cpu3/online')
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-3'
	bh.workload(guest, count=20000)
	bh.enable(guest)
	bh.workload(guest, count=20000)
	bh.disable(guest)
	bh.assert_kernel_ok(guest)


def test_cpu_offline_at_enable(guest):
	"""A root CPU offline at enable joins the root cell when Linux brings
	it online (its CPU_ON goes through the kernel), and is handed back on
	disable like the others; one that stays offline is left to Linux."""
	guest.check('echo 0 > /sys/devices/system/cpu/cpu3/online')
	out = bh.enable(guest)
	assert re.search(r'enabled: 3 CPUs', out), out
	guest.check('echo 1 > /sys/devices/system/cpu/cpu3/online')
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-3'
	assert guest.wait_hv_log(r'CPU 3 \(MPIDR 0x3\) entered, cell root', 30)
	bh.workload(guest, count=20000)
	stats, out = _stats(guest)
	assert stats[3]['total'] > 0, 'no exits on CPU 3:\n' + out
	bh.disable(guest)
	guest.check('echo 0 > /sys/devices/system/cpu/cpu3/online; '
		    'echo 1 > /sys/devices/system/cpu/cpu3/online')
	bh.workload(guest, count=20000)

	# offline through enable and disable: Linux gets it up by itself
	guest.check('echo 0 > /sys/devices/system/cpu/cpu2/online')
	bh.enable(guest)
	bh.disable(guest)
	guest.check('echo 1 > /sys/devices/system/cpu/cpu2/online')
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-3'
	bh.workload(guest, count=20000)
	bh.assert_kernel_ok(guest)
