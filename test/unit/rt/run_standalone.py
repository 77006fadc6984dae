#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# Boot one service ELF standalone in QEMU at EL1 and check its console output.
"""Run a libs/rt service on QEMU virt without a hypervisor.

QEMU loads the ELF at its link address and starts it at EL1; the service
prints on the PL011 and powers off with PSCI SYSTEM_OFF, after which QEMU
exits. The check passes if QEMU exits by itself within the timeout, the
runtime's last line is "exit STATUS" with the expected status, every
--expect pattern matches and no --forbid pattern does.
"""

import argparse
import re
import subprocess
import sys

# Linux arm64 system-call names, for --syscalls reports
NAMES = {
	29: 'ioctl', 56: 'openat', 57: 'close', 63: 'read', 64: 'write',
	66: 'writev', 93: 'exit', 94: 'exit_group', 96: 'set_tid_address',
	101: 'nanosleep', 113: 'clock_gettime', 114: 'clock_getres',
	115: 'clock_nanosleep', 124: 'sched_yield', 129: 'kill', 130: 'tkill',
	131: 'tgkill', 134: 'rt_sigaction', 135: 'rt_sigprocmask',
	172: 'getpid', 178: 'gettid', 214: 'brk', 215: 'munmap',
	216: 'mremap', 222: 'mmap', 226: 'mprotect', 233: 'madvise',
}


def main():
	ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
	ap.add_argument('--qemu', default='qemu-system-aarch64')
	ap.add_argument('--elf', required=True)
	ap.add_argument('--status', type=int, default=0,
			help='expected exit status (default 0)')
	ap.add_argument('--expect', action='append', default=[],
			help='regular expression that must match a line')
	ap.add_argument('--forbid', action='append', default=[],
			help='regular expression that must not match any line')
	ap.add_argument('--syscalls', action='store_true',
			help='list the system calls a traced run made')
	ap.add_argument('--timeout', type=float, default=60)
	args = ap.parse_args()

	cmd = [args.qemu, '-machine', 'virt,gic-version=3', '-cpu', 'cortex-a57',
	       '-m', '256M', '-display', 'none', '-monitor', 'none',
	       '-serial', 'stdio', '-kernel', args.elf]
	print('$ ' + ' '.join(cmd))
	try:
		p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
				   stdout=subprocess.PIPE,
				   stderr=subprocess.STDOUT,
				   timeout=args.timeout)
		out, rc = p.stdout, p.returncode
	except subprocess.TimeoutExpired as e:
		out, rc = e.stdout or b'', None
	text = out.decode('utf-8', 'replace').replace('\r\n', '\n')
	print(text, end='' if text.endswith('\n') else '\n')

	errors = []
	if rc is None:
		errors.append('QEMU still running after %g s (no poweroff)' %
			      args.timeout)
	elif rc != 0:
		errors.append('QEMU exited with %d' % rc)
	exits = re.findall(r'^exit (-?\d+)$', text, re.M)
	if not exits:
		errors.append('no "exit N" line')
	elif int(exits[-1]) != args.status:
		errors.append('exit status %s, expected %d' %
			      (exits[-1], args.status))
	for pat in args.expect:
		if not re.search(pat, text, re.M):
			errors.append('no line matches %r' % pat)
	for pat in args.forbid:
		m = re.search(pat, text, re.M)
		if m:
			errors.append('forbidden %r matched: %r' %
				      (pat, m.group(0)))

	if args.syscalls:
		nrs = sorted({int(n) for n in
			      re.findall(r'^bh-rt: syscall (\d+) ', text, re.M)})
		print('system calls made: ' + ', '.join(
			'%s (%d)' % (NAMES.get(n, '?'), n) for n in nrs))
		if not nrs:
			errors.append('no traced system calls')

	for e in errors:
		print('FAIL: ' + e)
	if not errors:
		print('PASS')
	return 1 if errors else 0


if __name__ == '__main__':
	sys.exit(main())
