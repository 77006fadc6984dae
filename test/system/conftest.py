# SPDX-License-Identifier: GPL-2.0
# pytest fixtures for the system tests: one QEMU guest per test, logs on failure.
"""System-test fixtures.

`guest` boots a fresh QEMU guest for the test and powers it off afterwards.
Options come from a `qemu` marker, e.g. `@pytest.mark.qemu(el2=False)` or
`@pytest.mark.qemu(kvm_off=False)` (see bhqemu.Config). `boot` is the
factory behind it, for tests that need extra files or a second guest.

Each guest's logs are kept under <builddir>/test-logs/<test>/:
linux.log (Linux console, hvc0), hypervisor.log (PL011), shell.log (the
command channel, a virtio serial port), qemu.cmd, qemu.log. When a test
fails, the tails of the logs are attached to its report.
"""

import os
import re
import shutil
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), 'qemu'))

import bhqemu  # noqa: E402

TAIL_LINES = 150


def pytest_addoption(parser):
	parser.addoption('--builddir', default=None,
			 help='meson build directory (default: $BULKHEAD_BUILD '
			 'or <repo>/build)')
	parser.addoption('--depsdir', default=None,
			 help='scripts/setup\'s dependency directory '
			 '(default: <repo>/.deps)')


def pytest_configure(config):
	config.addinivalue_line(
		'markers', 'qemu(**options): bhqemu.Config options for `guest`')


def _rundir(request, index):
	builddir = request.config.getoption('builddir') or \
		bhqemu.default_builddir()
	name = re.sub(r'[^A-Za-z0-9_.-]+', '_', '%s.%s' % (
		request.node.module.__name__, request.node.name))
	if index:
		name += '-%d' % index
	return os.path.join(os.path.abspath(builddir), 'test-logs', name)


@pytest.fixture
def boot(request):
	"""Return boot(files=None, **options) -> a started bhqemu.Guest.

	files: {guest path: bytes|str} added to the initramfs before boot.
	Every guest booted is powered off (or killed) at teardown.
	"""
	guests = []
	request.node.bh_guests = guests

	def _boot(files=None, **options):
		rundir = _rundir(request, len(guests))
		shutil.rmtree(rundir, ignore_errors=True)
		cfg = bhqemu.Config(
			builddir=request.config.getoption('builddir'),
			depsdir=request.config.getoption('depsdir'),
			separate_shell=True, **options)
		g = bhqemu.Guest(cfg, rundir, files)
		guests.append(g)
		g.start()
		return g

	yield _boot
	for g in guests:
		g.poweroff(timeout=30)


@pytest.fixture
def guest(boot, request):
	"""A booted guest (options from the test's `qemu` marker)."""
	m = request.node.get_closest_marker('qemu')
	return boot(**(m.kwargs if m else {}))


def _tail(text, n=TAIL_LINES):
	lines = text.splitlines()
	if len(lines) > n:
		lines = ['[... %d lines before ...]' % (len(lines) - n)] + \
			lines[-n:]
	return '\n'.join(lines) + '\n'


def _read(path):
	try:
		with open(path, 'rb') as f:
			return f.read().decode(errors='replace')
	except FileNotFoundError:
		return '(no log)'


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
	outcome = yield
	rep = outcome.get_result()
	if not rep.failed:
		return
	for i, g in enumerate(getattr(item, 'bh_guests', [])):
		tag = ' (guest %d)' % i if i else ''
		rep.sections.append((
			'hypervisor stream, PL011%s: %s' % (tag, g.hv_log_path),
			_tail(_read(g.hv_log_path))))
		rep.sections.append((
			'Linux console, hvc0%s: %s' % (tag, g.linux_log_path),
			_tail(_read(g.linux_log_path))))
		if g.cfg.separate_shell:
			rep.sections.append((
				'command channel, virtio port%s: %s' %
				(tag, g.shell_log_path),
				_tail(_read(g.shell_log_path), 60)))
