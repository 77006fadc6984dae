# SPDX-License-Identifier: GPL-2.0
# Smoke test of the harness: Linux boots on QEMU with the consoles apart.

import bh


def test_linux_boots_with_all_cpus(guest):
	assert guest.check('cat /sys/devices/system/cpu/online').strip() == \
		'0-3'
	dmesg = guest.dmesg()
	assert 'CPU: All CPU(s) started at EL2' in dmesg
	assert 'KVM disabled from command line' in dmesg
	# Linux's console is the virtio console; the PL011 is not Linux's.
	consoles = guest.check('cat /proc/consoles')
	assert consoles.startswith('hvc0')
	assert 'ttyAMA' not in consoles
	_, rc = guest.run('test -e /dev/ttyAMA0')
	assert rc != 0
	# mem=768M leaves the top 256 MiB for the hypervisor.
	iomem = guest.check('cat /proc/iomem')
	assert '40000000-6fffffff : System RAM' in iomem
	bh.workload(guest)
	assert bh.kernel_problems(guest) == []
