# SPDX-License-Identifier: GPL-2.0
# QEMU harness: boot the test guest, keep its two consoles apart, drive a shell.
"""Boot Debian's arm64 kernel with the bulkhead initramfs under QEMU.

The guest is QEMU's `virt` machine (GICv3, no ITS, cortex-a57, 4 CPUs,
1 GiB). Two output streams are kept apart:

* the Linux stream: Linux's console, a virtio console (hvc0);
* the hypervisor stream: the PL011 UART, which Linux is told not to touch
  (the DTB handed to Linux has the PL011 node disabled and no stdout-path).

`Guest` drives a root shell through pexpect. In `separate_shell` mode (the
pytest harness) the shell runs on a second virtio console (hvc1) so that
kernel messages never interleave with command output; hvc0 then goes to a
file. Otherwise the shell shares hvc0 with the kernel log, as on a serial
console.
"""

import os
import re
import shlex
import shutil
import subprocess
import time

import pexpect

from mkinitramfs import Archive

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
	os.path.abspath(__file__))))
QEMU = 'qemu-system-aarch64'
CPU = 'cortex-a57'

READY = '@@bulkhead-guest-ready@@'
START = '@@bulkhead-guest-start@@'
EXIT_RE = r'@@bulkhead-guest-exit=(\d+)@@'

# Lines in the kernel log that mean Linux is unwell.
KERNEL_PROBLEM_RE = re.compile(
	r'Oops|WARNING:|BUG:|Kernel panic|Internal error|Unable to handle|'
	r'Call trace:|soft lockup|hard LOCKUP|rcu: INFO|self-detected stall|'
	r'SError|Unhandled|general protection|segfault at')


def default_builddir():
	"""Return $BULKHEAD_BUILD or <repo>/build."""
	return os.environ.get('BULKHEAD_BUILD', os.path.join(REPO, 'build'))


def default_depsdir():
	"""Return $BULKHEAD_DEPS or <repo>/.deps (as scripts/setup uses)."""
	return os.environ.get('BULKHEAD_DEPS', os.path.join(REPO, '.deps'))


class Config:
	"""How to boot one guest.

	el2:      QEMU implements EL2 (virtualization=on); False: Linux at EL1
	kvm_off:  kvm-arm.mode=none, so Linux's hyp stub keeps EL2; False: KVM
	          takes EL2 at boot
	icount:   deterministic instruction counting (-icount shift=0,...)
	gdb:      QEMU's gdb stub on tcp::1234, CPUs stopped at reset (-s -S)
	"""

	def __init__(self, builddir=None, depsdir=None, el2=True, kvm_off=True,
		     icount=False, smp=4, memory='1G', mem_limit='768M',
		     append='', gdb=False, initrd=None, kernel=None,
		     separate_shell=False, extra_qemu=()):
		self.builddir = os.path.abspath(builddir or default_builddir())
		self.depsdir = os.path.abspath(depsdir or default_depsdir())
		self.el2 = el2
		self.kvm_off = kvm_off
		self.icount = icount
		self.smp = smp
		self.memory = memory
		self.mem_limit = mem_limit
		self.append = append
		self.gdb = gdb
		self.initrd = initrd or os.path.join(
			self.builddir, 'test', 'qemu', 'initramfs.cpio.gz')
		self.kernel = kernel or os.path.join(self.depsdir, 'vmlinuz')
		self.separate_shell = separate_shell
		self.extra_qemu = list(extra_qemu)

	def machine(self):
		"""Return the -machine argument."""
		return 'virt,gic-version=3,virtualization=%s,its=off' % (
			'on' if self.el2 else 'off')

	def cmdline(self):
		"""Return Linux's command line."""
		args = ['console=hvc0']
		if self.kvm_off:
			args.append('kvm-arm.mode=none')
		if self.mem_limit:
			args.append('mem=' + self.mem_limit)
		# A panic ends QEMU (-no-reboot) instead of hanging the test.
		args.append('panic=-1')
		if self.separate_shell:
			args.append('bhtty=hvc1')
		if self.append:
			args.append(self.append)
		return ' '.join(args)

	def base_qemu(self):
		"""Return the QEMU arguments shared by the DTB dump and the run."""
		return [QEMU, '-machine', self.machine(), '-cpu', CPU,
			'-smp', str(self.smp), '-m', self.memory]


def check_file(path, what):
	"""Raise a helpful error if PATH does not exist."""
	if not os.path.exists(path):
		raise FileNotFoundError(
			'%s not found: %s (run scripts/setup and build first)' %
			(what, path))


def _run(argv):
	r = subprocess.run(argv, stdout=subprocess.PIPE,
			   stderr=subprocess.STDOUT, text=True)
	if r.returncode:
		raise RuntimeError('%s failed:\n%s' % (' '.join(argv), r.stdout))
	return r.stdout


def patch_dtb(cfg, out):
	"""Write to OUT QEMU's own DTB for CFG, with the PL011 hidden from Linux.

	QEMU dumps the DTB it would generate for the same machine options
	(dumpdtb=); the PL011 node then gets status = "disabled" and
	/chosen/stdout-path (and any alias to the UART) is removed, so Linux
	neither drives the UART nor uses it as a boot console.
	"""
	raw = out + '.raw'
	argv = cfg.base_qemu()
	argv[2] += ',dumpdtb=' + raw
	_run(argv + ['-display', 'none', '-nodefaults'])
	nodes = _run(['fdtget', '-l', raw, '/']).split()
	uarts = []
	for n in nodes:
		r = subprocess.run(['fdtget', raw, '/' + n, 'compatible'],
				   stdout=subprocess.PIPE,
				   stderr=subprocess.DEVNULL, text=True)
		if 'arm,pl011' in r.stdout.split():
			uarts.append('/' + n)
	if not uarts:
		raise RuntimeError('no PL011 node in QEMU\'s DTB')
	for u in uarts:
		_run(['fdtput', '-t', 's', raw, u, 'status', 'disabled'])
	props = _run(['fdtget', '-p', raw, '/chosen']).split()
	if 'stdout-path' in props:
		_run(['fdtput', '-d', raw, '/chosen', 'stdout-path'])
	if 'aliases' in nodes:
		for p in _run(['fdtget', '-p', raw, '/aliases']).split():
			v = _run(['fdtget', raw, '/aliases', p]).strip()
			if v in uarts:
				_run(['fdtput', '-d', raw, '/aliases', p])
	os.replace(raw, out)
	return out


def overlay(files, out):
	"""Write an initramfs overlay with FILES {guest path: bytes|str}."""
	a = Archive()
	for path, data in sorted(files.items()):
		if isinstance(data, str):
			data = data.encode()
		perm = 0o755 if data.startswith(b'#!') else 0o644
		a.file(path, data, perm)
	a.write(out)
	return out


def make_initrd(cfg, rundir, files=None):
	"""Return the initrd to boot: the base image, plus FILES appended."""
	check_file(cfg.initrd, 'guest initramfs')
	if not files:
		return cfg.initrd
	extra = overlay(files, os.path.join(rundir, 'overlay.cpio.gz'))
	out = os.path.join(rundir, 'initrd.cpio.gz')
	with open(out, 'wb') as o:
		for part in (cfg.initrd, extra):
			with open(part, 'rb') as i:
				shutil.copyfileobj(i, o)
	return out


def qemu_argv(cfg, rundir, initrd, interactive=False):
	"""Return the full QEMU command line; logs go to RUNDIR.

	PL011 (hypervisor stream) -> RUNDIR/hypervisor.log. Linux's console
	(hvc0) -> stdio, or RUNDIR/linux.log when cfg.separate_shell (the
	shell then has hvc1 on stdio). interactive: stdio is multiplexed with
	the QEMU monitor (Ctrl-a c) and Ctrl-a x quits.
	"""
	check_file(cfg.kernel, 'Debian arm64 kernel')
	dtb = patch_dtb(cfg, os.path.join(rundir, 'guest.dtb'))
	hv = os.path.join(rundir, 'hypervisor.log')
	argv = cfg.base_qemu() + [
		'-nodefaults', '-no-user-config', '-display', 'none',
		'-no-reboot',
		'-kernel', cfg.kernel, '-initrd', initrd, '-dtb', dtb,
		'-append', cfg.cmdline(),
		'-chardev', 'file,id=hv,path=' + hv, '-serial', 'chardev:hv',
		'-device', 'virtio-serial-device',
	]
	if interactive:
		argv += ['-chardev', 'stdio,id=con0,mux=on,signal=off',
			 '-mon', 'chardev=con0,mode=readline']
	elif cfg.separate_shell:
		argv += ['-chardev', 'file,id=con0,path=' +
			 os.path.join(rundir, 'linux.log'),
			 '-chardev', 'stdio,id=con1,signal=off',
			 '-monitor', 'none']
	else:
		argv += ['-chardev', 'stdio,id=con0,signal=off',
			 '-monitor', 'none']
	argv += ['-device', 'virtconsole,chardev=con0']
	if cfg.separate_shell and not interactive:
		argv += ['-device', 'virtconsole,chardev=con1']
	if cfg.icount:
		argv += ['-icount', 'shift=0,sleep=off,align=off']
	if cfg.gdb:
		argv += ['-s', '-S']
	return argv + cfg.extra_qemu


def kernel_problems(text):
	"""Return the lines of kernel log TEXT that show an oops/warning/bug."""
	return [l for l in text.splitlines() if KERNEL_PROBLEM_RE.search(l)]


class GuestError(Exception):
	"""The guest did not respond as expected (timeout, QEMU exited)."""


class Guest:
	"""One QEMU guest with a root shell driven by pexpect.

	Logs under rundir: linux.log (Linux console; in shared mode the whole
	console transcript), hypervisor.log (PL011), shell.log (the shell
	channel, separate mode only), qemu.log (QEMU's own messages).
	"""

	def __init__(self, cfg, rundir, files=None):
		self.cfg = cfg
		self.rundir = rundir
		os.makedirs(rundir, exist_ok=True)
		for f in ('linux.log', 'hypervisor.log', 'shell.log',
			  'qemu.log'):
			p = os.path.join(rundir, f)
			if os.path.exists(p):
				os.unlink(p)
		self.initrd = make_initrd(cfg, rundir, files)
		self.argv = qemu_argv(cfg, rundir, self.initrd)
		self.child = None
		self.seq = 0
		self.boot_seconds = None

	@property
	def linux_log_path(self):
		return os.path.join(self.rundir, 'linux.log')

	@property
	def hv_log_path(self):
		return os.path.join(self.rundir, 'hypervisor.log')

	@property
	def shell_log_path(self):
		return os.path.join(self.rundir, 'shell.log' if
				    self.cfg.separate_shell else 'linux.log')

	def start(self, timeout=300):
		"""Start QEMU and wait for the guest's shell (TIMEOUT seconds)."""
		with open(os.path.join(self.rundir, 'qemu.cmd'), 'w') as f:
			f.write(' '.join(shlex.quote(a) for a in self.argv) + '\n')
		self._log = open(self.shell_log_path, 'ab', buffering=0)
		t0 = time.monotonic()
		self.child = pexpect.spawn(self.argv[0], self.argv[1:],
					   timeout=timeout, echo=False,
					   logfile=None,
					   dimensions=(50, 200))
		self.child.logfile_read = self._log
		self._expect(READY, timeout, 'boot')
		self.boot_seconds = time.monotonic() - t0
		# No echo, no prompt: the output of a command is what it prints.
		self.child.sendline("stty -echo; PS1=''; PS2=''; export PS1 PS2")
		self.sync(timeout)
		return self

	def _expect(self, pattern, timeout, what):
		try:
			return self.child.expect(pattern, timeout=timeout)
		except pexpect.TIMEOUT:
			raise GuestError('%s: no answer within %d s' %
					 (what, timeout)) from None
		except pexpect.EOF:
			self.child.wait()
			raise GuestError('%s: QEMU exited (status %s)' %
					 (what, self.child.exitstatus)) \
				from None

	def sync(self, timeout=60):
		"""Wait until everything sent so far has been consumed."""
		self.seq += 1
		mark = '@@sync-%d@@' % self.seq
		self.child.sendline('echo "@@sync-$((%d))@@"' % self.seq)
		self._expect(re.escape(mark) + r'\r*\n', timeout, 'sync')

	def run(self, cmd, timeout=180):
		"""Run shell command CMD as root; return (output, exit status).

		stdin is /dev/null; stdout and stderr are both in the output,
		with carriage returns removed. CMD may span lines but must
		stay below the tty's 4 KiB line limit.
		"""
		self.seq += 1
		self.child.send('{ %s\n} </dev/null; echo "@@rc-%d=$?@@"\n' %
				(cmd, self.seq))
		self._expect(r'@@rc-%d=(\d+)@@\r*\n' % self.seq, timeout,
			     'command %r' % cmd)
		rc = int(self.child.match.group(1))
		out = self.child.before.decode(errors='replace')
		return out.replace('\r', ''), rc

	def check(self, cmd, timeout=180):
		"""Run CMD; raise AssertionError unless it exits 0. Return output."""
		out, rc = self.run(cmd, timeout)
		if rc != 0:
			raise AssertionError('%r exited %d:\n%s' % (cmd, rc, out))
		return out

	def write_file(self, path, data, mode=None):
		"""Write DATA (bytes or str) to guest file PATH via base64."""
		import base64
		if isinstance(data, str):
			data = data.encode()
		b64 = base64.b64encode(data).decode()
		self.check(': > %s' % shlex.quote(path))
		for i in range(0, len(b64), 3000):
			self.check("printf '%%s' '%s' | base64 -d >> %s" %
				   (b64[i:i + 3000], shlex.quote(path)))
		if mode is not None:
			self.check('chmod %o %s' % (mode, shlex.quote(path)))

	def dmesg(self):
		"""Return the kernel log (dmesg) as text."""
		return self.check('dmesg')

	def kernel_problems(self):
		"""Return the dmesg lines that show an oops, warning or bug."""
		return kernel_problems(self.dmesg())

	def hv_log(self):
		"""Return what the hypervisor printed so far on the PL011."""
		try:
			with open(self.hv_log_path, 'rb') as f:
				return f.read().decode(errors='replace')
		except FileNotFoundError:
			return ''

	def linux_log(self):
		"""Return the Linux console log so far."""
		try:
			with open(self.linux_log_path, 'rb') as f:
				return f.read().decode(errors='replace')
		except FileNotFoundError:
			return ''

	def wait_hv_log(self, pattern, timeout=30):
		"""Wait until the hypervisor stream matches PATTERN; return match."""
		end = time.monotonic() + timeout
		while True:
			m = re.search(pattern, self.hv_log())
			if m or time.monotonic() > end:
				return m
			time.sleep(0.2)

	def alive(self):
		return self.child is not None and self.child.isalive()

	def poweroff(self, timeout=60):
		"""Power the guest off; kill QEMU if it does not exit in time."""
		if self.child is None:
			return None
		if self.child.isalive():
			try:
				self.child.sendline('poweroff -f')
				self.child.expect(pexpect.EOF, timeout=timeout)
			except (pexpect.TIMEOUT, OSError):
				pass
		return self.close()

	def close(self):
		"""Stop QEMU (if still running); return its exit status."""
		if self.child is None:
			return None
		if self.child.isalive():
			self.child.terminate(force=True)
		self.child.close()
		self._log.close()
		status = self.child.exitstatus
		self.child = None
		return status
