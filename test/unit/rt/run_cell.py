#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# Boot a service's cell build behind a stand-in EL2; read its console channel.
"""Run a libs/rt service built for the cell platform, without bulkhead.

fake-el2.elf plays the kernel's part of the entry contract at EL2 (QEMU
virt with virtualization=on): the service's file is copied as it is to
its load address, as the kernel's loader does; fake-el2 enters it at EL1
with x7 = a boot-info page written by rt-cell-tool and forwards its
trapped SMCs to QEMU's PSCI. The service formats its console channel
(end A) and writes to it. After SYSTEM_OFF, QEMU (-no-shutdown) stays up
for its monitor to dump the channel, which rt-cell-tool reads as end B.
Passes if the machine powered off, the console's last line is
"exit STATUS" and every --expect pattern matches a console line. With
--bad-bootinfo the page's magic is broken: the service must power off
without touching its console channel.
"""

import argparse
import os
import re
import select
import subprocess
import sys
import time

RAM_BASE, RAM_SIZE = 0x40000000, 64 << 20
BOOT_INFO = 0x40100000			# fake_el2.S
IMAGE = 0x40200000			# rt.lds: the file is a flat image
CHAN_BASE, CHAN_SIZE = 0x48000000, 64 << 10


class Monitor:
	"""QEMU's human monitor on the process's stdin and stdout."""

	def __init__(self, proc):
		self.p = proc
		self.log = ''

	def read_prompt(self, timeout):
		end = time.monotonic() + timeout
		buf = ''
		while '(qemu) ' not in buf:
			left = end - time.monotonic()
			if left <= 0 or self.p.poll() is not None:
				raise RuntimeError('no monitor prompt')
			r, _, _ = select.select([self.p.stdout], [], [], left)
			if r:
				data = os.read(self.p.stdout.fileno(), 4096)
				if not data:
					raise RuntimeError('QEMU closed stdout')
				buf += data.decode('utf-8', 'replace')
		self.log += buf
		return buf

	def cmd(self, line, timeout=10):
		self.p.stdin.write((line + '\n').encode())
		self.p.stdin.flush()
		return self.read_prompt(timeout)


def main():
	ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
	ap.add_argument('--qemu', default='qemu-system-aarch64')
	ap.add_argument('--fake-el2', required=True)
	ap.add_argument('--tool', required=True, help='rt-cell-tool')
	ap.add_argument('--elf', required=True)
	ap.add_argument('--name', default='cell')
	ap.add_argument('--workdir', required=True)
	ap.add_argument('--status', type=int, default=0)
	ap.add_argument('--expect', action='append', default=[])
	ap.add_argument('--bad-bootinfo', action='store_true')
	ap.add_argument('--timeout', type=float, default=60)
	args = ap.parse_args()

	os.makedirs(args.workdir, exist_ok=True)
	bootinfo = os.path.join(args.workdir, 'bootinfo.bin')
	dump = os.path.join(args.workdir, 'console.bin')
	if os.path.exists(dump):
		os.unlink(dump)
	subprocess.run([args.tool, 'bootinfo', bootinfo, hex(RAM_BASE),
			hex(RAM_SIZE), hex(CHAN_BASE), hex(CHAN_SIZE),
			args.name], check=True)
	if args.bad_bootinfo:
		with open(bootinfo, 'r+b') as f:
			first = f.read(1)
			f.seek(0)
			f.write(bytes([first[0] ^ 0xff]))

	cmd = [args.qemu, '-machine', 'virt,gic-version=3,virtualization=on',
	       '-cpu', 'cortex-a57', '-m', '256M', '-display', 'none',
	       '-serial', 'none', '-monitor', 'stdio', '-no-shutdown',
	       '-device', 'loader,file=%s,cpu-num=0' % args.fake_el2,
	       '-device', 'loader,file=%s,addr=%#x,force-raw=on' %
	       (args.elf, IMAGE),
	       '-device', 'loader,file=%s,addr=%#x,force-raw=on' %
	       (bootinfo, BOOT_INFO)]
	print('$ ' + ' '.join(cmd))
	errors = []
	p = subprocess.Popen(cmd, stdin=subprocess.PIPE,
			     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
	mon = Monitor(p)
	try:
		mon.read_prompt(30)
		end = time.monotonic() + args.timeout
		while 'shutdown' not in mon.cmd('info status'):
			if time.monotonic() > end:
				errors.append('no poweroff within %g s' %
					      args.timeout)
				break
			time.sleep(0.2)
		mon.cmd('pmemsave %#x %#x "%s"' % (CHAN_BASE, CHAN_SIZE, dump))
		p.stdin.write(b'quit\n')
		p.stdin.flush()
		p.wait(timeout=10)
	except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
		errors.append('QEMU monitor: %s' % e)
		p.kill()
		p.wait()
	if errors:
		print(re.sub(r'\x1b\[[0-9;]*[A-Za-z]', '', mon.log))
	else:
		print('QEMU: VM powered off; channel dumped to ' + dump)

	if os.path.exists(dump):
		check_console(args, dump, errors)
	else:
		errors.append('no memory dump')
	for e in errors:
		print('FAIL: ' + e)
	if not errors:
		print('PASS')
	return 1 if errors else 0


def check_console(args, dump, errors):
	"""Read the channel from the dump as end B and check what it says."""
	r = subprocess.run([args.tool, 'console', dump],
			   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
	text = r.stdout.decode('utf-8', 'replace')
	print('--- console channel ---\n' + text)
	if args.bad_bootinfo:
		if r.returncode == 0:
			errors.append('the console channel was formatted')
		return
	if r.returncode:
		errors.append('console channel unreadable')
	exits = re.findall(r'^exit (-?\d+)$', text, re.M)
	if not exits:
		errors.append('no "exit N" line on the console')
	elif int(exits[-1]) != args.status:
		errors.append('exit status %s, expected %d' %
			      (exits[-1], args.status))
	for pat in args.expect:
		if not re.search(pat, text, re.M):
			errors.append('no console line matches %r' % pat)


if __name__ == '__main__':
	sys.exit(main())
