# SPDX-License-Identifier: GPL-2.0
# EL2 not available: KVM holds it, or QEMU gives Linux no EL2 at all.

import re

import pytest

import bh


@pytest.mark.qemu(kvm_off=False)
def test_kvm_holds_el2(guest):
	dmesg = guest.dmesg()
	assert 'CPU: All CPU(s) started at EL2' in dmesg
	assert 'Hyp mode initialized successfully' in dmesg, \
		'precondition: KVM did not take EL2'
	out, rc = bh.bulkhead(guest, 'enable ' + bh.MANIFEST)
	bh.assert_clean_error(out, rc, 'KVM')
	out, _ = bh.bulkhead(guest, 'hardware check')
	assert 'KVM' in out, 'hardware check:\n' + out
	assert not bh.hv_active(guest)
	bh.workload(guest, count=20000)
	bh.assert_kernel_ok(guest)


@pytest.mark.qemu(el2=False)
def test_no_el2(guest):
	assert 'CPU: All CPU(s) started at EL1' in guest.dmesg(), \
		'precondition: Linux did not start at EL1'
	out, rc = bh.bulkhead(guest, 'enable ' + bh.MANIFEST)
	bh.assert_clean_error(out, rc, 'EL2')
	out, _ = bh.bulkhead(guest, 'hardware check')
	assert re.search(r'EL2.*not implemented|EL1', out), \
		'hardware check:\n' + out
	assert not bh.hv_active(guest)
	bh.workload(guest, count=20000)
	bh.assert_kernel_ok(guest)
