#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
# Build the guest's initramfs (gzip'ed cpio "newc"), owned by root, no tools.
"""Write a gzip'ed newc cpio archive from a list of files.

Used by meson for the guest's base initramfs and by the QEMU harness for
small overlays (a script to run, generated test files): Linux unpacks
concatenated archives one after the other, later files replacing earlier
ones, so an overlay is simply appended to the base image.

Command line (meson):
  mkinitramfs.py -o OUT.cpio.gz --busybox BB --init INIT
      [--modules DIR] [--add DEST SRC]... [--add-dir DEST SRCDIR]...
"""

import argparse
import gzip
import os
import stat
import sys

S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR = 0o040000, 0o100000, 0o120000, 0o020000

# Directories every guest has, and the device nodes the kernel needs before
# /init mounts devtmpfs.
BASE_DIRS = ['bin', 'sbin', 'usr', 'usr/bin', 'usr/sbin', 'usr/share',
	     'usr/share/bulkhead', 'usr/share/bulkhead/manifests',
	     'usr/share/bulkhead/manifests/test', 'lib', 'lib/firmware',
	     'lib/modules', 'lib/modules/boot', 'etc', 'proc', 'sys', 'dev',
	     'run', 'root', 'mnt']
BASE_NODES = [('dev/console', 5, 1), ('dev/null', 1, 3)]


class Archive:
	"""An in-memory list of cpio entries, written out in order."""

	def __init__(self):
		self.entries = []
		self.names = set()
		self.ino = 1

	def _add(self, name, mode, data=b'', rdev=(0, 0)):
		name = name.strip('/')
		parent = os.path.dirname(name)
		if parent and parent not in self.names:
			self.dir(parent)
		self.entries.append((name, mode, data, rdev))
		self.names.add(name)

	def dir(self, name, perm=0o755):
		"""Add directory NAME (and its parents)."""
		name = name.strip('/')
		if name and name not in self.names:
			self._add(name, S_IFDIR | perm)

	def file(self, name, data, perm=0o644):
		"""Add regular file NAME with contents DATA (bytes)."""
		self._add(name, S_IFREG | perm, data)

	def copy(self, name, src, perm=None):
		"""Add host file SRC as NAME, keeping its exec bit unless PERM."""
		with open(src, 'rb') as f:
			data = f.read()
		if perm is None:
			perm = 0o755 if os.stat(src).st_mode & stat.S_IXUSR \
				else 0o644
		self.file(name, data, perm)

	def copy_tree(self, name, src):
		"""Add the regular files below host directory SRC under NAME."""
		for root, dirs, files in os.walk(src):
			dirs.sort()
			rel = os.path.relpath(root, src)
			base = name if rel == '.' else os.path.join(name, rel)
			self.dir(base)
			for f in sorted(files):
				self.copy(os.path.join(base, f),
					  os.path.join(root, f))

	def symlink(self, name, target):
		"""Add symbolic link NAME -> TARGET."""
		self._add(name, S_IFLNK | 0o777, target.encode())

	def chardev(self, name, major, minor, perm=0o600):
		"""Add character device node NAME."""
		self._add(name, S_IFCHR | perm, rdev=(major, minor))

	def write(self, path):
		"""Write the archive gzip'ed to PATH (atomically)."""
		out = bytearray()
		for name, mode, data, rdev in self.entries:
			out += self._header(name, mode, len(data), rdev)
			out += data
			out += b'\0' * (-len(out) % 4)
		out += self._header('TRAILER!!!', 0, 0, (0, 0), ino=0)
		out += b'\0' * (-len(out) % 512)
		tmp = path + '.tmp'
		with open(tmp, 'wb') as f:
			# mtime=0: the same inputs give the same bytes.
			with gzip.GzipFile(fileobj=f, mode='wb', mtime=0,
					   compresslevel=6) as g:
				g.write(bytes(out))
		os.replace(tmp, path)

	def _header(self, name, mode, size, rdev, ino=None):
		if ino is None:
			ino = self.ino
			self.ino += 1
		nlink = 2 if stat.S_ISDIR(mode) else 1
		bname = name.encode() + b'\0'
		fields = [ino, mode, 0, 0, nlink, 0, size, 0, 0,
			  rdev[0], rdev[1], len(bname), 0]
		hdr = b'070701' + b''.join(b'%08X' % v for v in fields) + bname
		return hdr + b'\0' * (-len(hdr) % 4)


def base_archive():
	"""Return an Archive with the standard directories and device nodes."""
	a = Archive()
	for d in BASE_DIRS:
		a.dir(d)
	a.dir('tmp', 0o1777)
	for name, major, minor in BASE_NODES:
		a.chardev(name, major, minor)
	return a


def main(argv):
	p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	p.add_argument('-o', '--output', required=True)
	p.add_argument('--busybox', required=True, help='static busybox')
	p.add_argument('--init', required=True, help='the /init script')
	p.add_argument('--modules', help='directory with *.ko and modules.load')
	p.add_argument('--add', nargs=2, action='append', default=[],
		       metavar=('DEST', 'SRC'), help='add host file SRC as DEST')
	p.add_argument('--add-dir', nargs=2, action='append', default=[],
		       metavar=('DEST', 'SRCDIR'),
		       help='add the files below SRCDIR under DEST')
	p.add_argument('--depfile', help='write a make-style depfile')
	args = p.parse_args(argv)

	a = base_archive()
	a.copy('init', args.init, 0o755)
	a.copy('bin/busybox', args.busybox, 0o755)
	a.symlink('bin/sh', 'busybox')
	deps = [args.init, args.busybox]
	if args.modules:
		for f in sorted(os.listdir(args.modules)):
			src = os.path.join(args.modules, f)
			a.copy('lib/modules/boot/' + f, src, 0o644)
			deps.append(src)
	for dest, src in args.add_dir:
		a.copy_tree(dest, src)
		for root, _, files in os.walk(src):
			deps += [os.path.join(root, f) for f in files]
	for dest, src in args.add:
		a.copy(dest, src)
		deps.append(src)
	a.write(args.output)
	if args.depfile:
		with open(args.depfile, 'w') as f:
			f.write('%s: %s\n' % (args.output, ' '.join(
				os.path.abspath(d).replace(' ', '\\ ')
				for d in deps)))
	return 0


if __name__ == '__main__':
	sys.exit(main(sys.argv[1:]))
