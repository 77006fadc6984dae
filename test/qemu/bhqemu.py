# SPDX-License-Identifier: GPL-2.0
# QEMU harness: boot the test guest, keep its two consoles apart, drive a shell.
"""Boot Debian's arm64 kernel with the bulkhead initramfs under QEMU.

The guest is QEMU's `virt` machine (GICv3, no ITS, cortex-a57, 4 CPUs,
1 GiB). Two output streams are kept apart:

* the Linux stream: Linux's console, a virtio console (hvc0);
* the hypervisor stream: the PL011 UART, which Linux is told not to touch
  (the DTB handed to Linux has the PL011 node disabled and no stdout-path).

`Guest` drives a root shell through pexpect. In `separate_shell` mode (the
pytest harness) the shell runs on a virtio serial port of its own (no tty)
so that kernel messages never interleave with command output; hvc0 then
goes to a file. Otherwise the shell shares hvc0 with the kernel log, as on
a serial console.
"""

import atexit
import ctypes
import os
import re
import shlex
import shutil
import signal
import socket
import select
import subprocess
import tempfile
import threading
import time

import pexpect
from pexpect import fdpexpect

from mkinitramfs import Archive

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
	os.path.abspath(__file__))))
QEMU = 'qemu-system-aarch64'
CPU = 'cortex-a57'

# What the guest's /init prints (test/qemu/init), and its virtio port names.
READY = '@@bulkhead-guest-ready@@'
EXIT_RE = r'@@bulkhead-guest-exit=(\d+)@@'
CONSOLE_PORT = 'org.bulkhead.console'
SHELL_PORT = 'org.bulkhead.shell'

# Lines in the kernel log that mean Linux is unwell (a user-space SIGBUS
# from an injected abort is not among them).
KERNEL_PROBLEM_RE = re.compile(
	r'Oops|WARNING:|BUG:|Kernel panic|Internal error|Unable to handle|'
	r'Call trace:|soft lockup|hard LOCKUP|rcu: INFO|self-detected stall|'
	r'SError|Unexpected|Bad mode|general protection')


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
	separate_shell: the shell gets a virtio serial port of its own and
	          hvc0 carries only the kernel log (see qemu_argv())
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
			args.append('bhshell=' + SHELL_PORT)
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


def qemu_argv(cfg, rundir, initrd, channel=None, hv_pipe=None):
	"""Return the full QEMU command line; logs go to RUNDIR.

	PL011 (hypervisor stream) -> RUNDIR/hypervisor.log, or, with HV_PIPE,
	to the FIFOs HV_PIPE.out (output) and HV_PIPE.in (its input), which
	the caller copies to the log (Guest does). Linux's console
	(hvc0): with cfg.separate_shell, to RUNDIR/linux.log and the shell
	gets a virtio serial port (no tty) of its own on unix socket CHANNEL;
	otherwise hvc0 itself is on CHANNEL. Without CHANNEL (interactive),
	hvc0 is on stdio, multiplexed with the QEMU monitor (Ctrl-a c;
	Ctrl-a x quits). QEMU waits for the socket's client before it starts.
	"""
	check_file(cfg.kernel, 'Debian arm64 kernel')
	dtb = patch_dtb(cfg, os.path.join(rundir, 'guest.dtb'))
	hv = os.path.join(rundir, 'hypervisor.log')
	argv = cfg.base_qemu() + [
		'-nodefaults', '-no-user-config', '-display', 'none',
		'-no-reboot',
		'-kernel', cfg.kernel, '-initrd', initrd, '-dtb', dtb,
		'-append', cfg.cmdline(),
		'-chardev', ('pipe,id=hv,path=' + hv_pipe if hv_pipe else
			     'file,id=hv,path=' + hv),
		'-serial', 'chardev:hv',
		'-device', 'virtio-serial-device',
	]
	sock = 'socket,id=%s,path=' + str(channel) + ',server=on,wait=on'
	if channel is None:
		argv += ['-chardev', 'stdio,id=con0,mux=on,signal=off',
			 '-mon', 'chardev=con0,mode=readline']
	elif cfg.separate_shell:
		argv += ['-chardev', 'file,id=con0,path=' +
			 os.path.join(rundir, 'linux.log'),
			 '-chardev', sock % 'con1', '-monitor', 'none']
	else:
		argv += ['-chardev', sock % 'con0', '-monitor', 'none']
	argv += ['-device', 'virtconsole,chardev=con0,name=' + CONSOLE_PORT]
	if cfg.separate_shell and channel is not None:
		argv += ['-device',
			 'virtserialport,chardev=con1,name=' + SHELL_PORT]
	if cfg.icount:
		argv += ['-icount', 'shift=0,sleep=off,align=off']
	if cfg.gdb:
		argv += ['-s', '-S']
	return argv + cfg.extra_qemu


_running = set()
_PR_SET_PDEATHSIG = 1


def _die_with_parent():
	libc = ctypes.CDLL(None, use_errno=True)
	libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


@atexit.register
def _stop_all():
	for g in list(_running):
		g.close()


def kernel_problems(text):
	"""Return the lines of kernel log TEXT that show an oops/warning/bug."""
	return [l for l in text.splitlines() if KERNEL_PROBLEM_RE.search(l)]


class GuestError(Exception):
	"""The guest did not respond as expected (timeout, QEMU exited)."""


class Guest:
	"""One QEMU guest with a root shell driven by pexpect.

	Logs under rundir: linux.log (Linux console; in shared mode the whole
	console transcript), hypervisor.log (PL011), shell.log (the command
	channel, separate mode only), qemu.cmd (the QEMU command line).
	"""

	def __init__(self, cfg, rundir, files=None):
		self.cfg = cfg
		self.rundir = rundir
		os.makedirs(rundir, exist_ok=True)
		for f in ('linux.log', 'hypervisor.log', 'shell.log'):
			p = os.path.join(rundir, f)
			if os.path.exists(p):
				os.unlink(p)
		self.initrd = make_initrd(cfg, rundir, files)
		# A unix socket path must be short: not under rundir.
		self.sockdir = tempfile.mkdtemp(prefix='bhqemu-')
		self.channel = os.path.join(self.sockdir, 'console')
		# The PL011 through two FIFOs, so that tests can type into it
		# (hv_send()); we hold both ends open, so QEMU's opens never
		# block and our reads never see an end of file.
		hv_pipe = os.path.join(self.sockdir, 'hv')
		os.mkfifo(hv_pipe + '.in')
		os.mkfifo(hv_pipe + '.out')
		self._hv_in = os.open(hv_pipe + '.in', os.O_RDWR)
		self._hv_out = os.open(hv_pipe + '.out', os.O_RDWR)
		self._hv_stop = threading.Event()
		self._hv_thread = None
		self.argv = qemu_argv(cfg, rundir, self.initrd, self.channel,
				      hv_pipe)
		self.proc = None
		self.sock = None
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

	def launch(self):
		"""Start QEMU and connect to its console socket (no waiting)."""
		with open(os.path.join(self.rundir, 'qemu.cmd'), 'w') as f:
			f.write(' '.join(shlex.quote(a) for a in self.argv) + '\n')
		self._log = open(self.shell_log_path, 'ab', buffering=0)
		self._hv_thread = threading.Thread(target=self._hv_copy,
						   daemon=True)
		self._hv_thread.start()
		qlog = open(os.path.join(self.rundir, 'qemu.log'), 'wb')
		self.t0 = time.monotonic()
		# Same process group as the caller (meson kills the group on a
		# timeout) and killed when the caller dies: a QEMU left behind
		# would eat the CPUs of every later test.
		self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL,
					     stdout=qlog,
					     stderr=subprocess.STDOUT,
					     preexec_fn=_die_with_parent)
		_running.add(self)
		qlog.close()
		end = time.monotonic() + 60
		while True:
			s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
			try:
				s.connect(self.channel)
				break
			except OSError:
				s.close()
			if self.proc.poll() is not None or \
			   time.monotonic() > end:
				raise GuestError('QEMU did not start (status %s), '
						 'see %s/qemu.log' %
						 (self.proc.poll(), self.rundir))
			time.sleep(0.05)
		self.sock = s
		self.child = fdpexpect.fdspawn(s.fileno(), timeout=300)
		self.child.logfile_read = self._log
		return self

	def start(self, timeout=150):
		"""Start QEMU and wait for the guest's shell (TIMEOUT seconds)."""
		self.launch()
		self._expect(READY, timeout, 'boot')
		self.boot_seconds = time.monotonic() - self.t0
		if not self.cfg.separate_shell:
			# No echo, no prompt: a command's output is what it
			# prints. (The separate channel is no tty: no echo.)
			self.child.sendline(
				"stty -echo; PS1=''; PS2=''; export PS1 PS2")
		self.sync(timeout)
		return self

	def _expect(self, pattern, timeout, what):
		try:
			return self.child.expect(pattern, timeout=timeout)
		except pexpect.TIMEOUT:
			raise GuestError('%s: no answer within %d s' %
					 (what, timeout)) from None
		except pexpect.EOF:
			try:
				self.proc.wait(10)
			except subprocess.TimeoutExpired:
				pass
			raise GuestError('%s: QEMU closed the console (status %s)'
					 % (what, self.proc.poll())) from None

	def sync(self, timeout=60):
		"""Wait until everything sent so far has been consumed."""
		self.seq += 1
		mark = '@@sync-%d@@' % self.seq
		self.child.sendline('echo "@@sync-$((%d))@@"' % self.seq)
		self._expect(re.escape(mark) + r'\r*\n', timeout, 'sync')

	def run(self, cmd, timeout=120):
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

	def check(self, cmd, timeout=120):
		"""Run CMD; assert it exits 0; return its output."""
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

	def _hv_copy(self):
		"""Copy the PL011's output to hypervisor.log as it comes."""
		with open(self.hv_log_path, 'ab', buffering=0) as log:
			while True:
				ready, _, _ = select.select([self._hv_out], [],
							    [], 0.1)
				if ready:
					log.write(os.read(self._hv_out, 65536))
				elif self._hv_stop.is_set():
					return

	def hv_send(self, data):
		"""Type DATA (str or bytes) into the PL011's receive side."""
		if isinstance(data, str):
			data = data.encode()
		os.write(self._hv_in, data)

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
		"""Wait until the hypervisor stream matches PATTERN (re).

		Return the match, or None after TIMEOUT seconds.
		"""
		end = time.monotonic() + timeout
		while True:
			m = re.search(pattern, self.hv_log())
			if m or time.monotonic() > end:
				return m
			time.sleep(0.2)

	def wait_hv_log_after(self, start, pattern, timeout=30):
		"""As wait_hv_log(), in what came after offset START."""
		end = time.monotonic() + timeout
		while True:
			m = re.search(pattern, self.hv_log()[start:])
			if m or time.monotonic() > end:
				return m
			time.sleep(0.2)

	def alive(self):
		return self.proc is not None and self.proc.poll() is None

	def poweroff(self, timeout=60):
		"""Power the guest off; kill QEMU if it does not exit in time."""
		if self.proc is None:
			return None
		if self.alive():
			try:
				self.child.sendline('poweroff -f')
				self.proc.wait(timeout)
			except (subprocess.TimeoutExpired, OSError):
				pass
		return self.close()

	def close(self):
		"""Stop QEMU (if still running); return its exit status."""
		if self.proc is None:
			return None
		_running.discard(self)
		if self.proc.poll() is None:
			self.proc.terminate()
			try:
				self.proc.wait(10)
			except subprocess.TimeoutExpired:
				self.proc.kill()
				self.proc.wait()
		if self.sock is not None:
			self.sock.close()
			self.sock = None
		self._log.close()
		# QEMU is gone: the copier drains what is left, then stops
		self._hv_stop.set()
		if self._hv_thread is not None:
			self._hv_thread.join(5)
			self._hv_thread = None
		for fd in (self._hv_in, self._hv_out):
			os.close(fd)
		self._hv_in = self._hv_out = -1
		shutil.rmtree(self.sockdir, ignore_errors=True)
		status = self.proc.returncode
		self.proc = None
		return status
