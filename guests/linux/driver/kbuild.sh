#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Builds bulkhead.ko out of tree: copies the sources into WORKDIR, runs Kbuild.
#
# usage: kbuild.sh KDIR WORKDIR OUTPUT INCLUDE_DIR... -- SOURCE...
set -eu

kdir=$1 work=$2 out=$3
shift 3
inc=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	inc="$inc $1"
	shift
done
[ $# -gt 0 ] && shift
mkdir -p "$work"
# Kbuild keeps its own dependency files in WORKDIR: copy only what changed
# so an unchanged module is not rebuilt.
for f in "$@"; do
	cmp -s "$f" "$work/${f##*/}" || cp "$f" "$work/"
done
work=$(cd "$work" && pwd)
log="$work/build.log"
if ! make -C "$kdir" M="$work" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
     BH_INCLUDE="$inc" modules > "$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
grep -E 'warning|error' "$log" >&2 || true
cp "$work/bulkhead.ko" "$out"
