#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Check the linked kernel (no undefined symbols, no dynamic dependencies, only
# R_AARCH64_RELATIVE relocations) and write the raw image bulkhead.bin.
set -eu
elf=$1 bin=$2 objcopy=$3 readelf=$4 nm=$5

undef=$("$nm" -u "$elf")
if [ -n "$undef" ]; then
	echo "check-image: undefined symbols in $elf:" >&2
	echo "$undef" >&2
	exit 1
fi
if "$readelf" -d "$elf" 2>/dev/null | grep -q NEEDED; then
	echo "check-image: $elf needs shared libraries" >&2
	exit 1
fi
bad=$("$readelf" -rW "$elf" | awk '/^[0-9a-f]+ +[0-9a-f]+ +R_/ && $3 != "R_AARCH64_RELATIVE"')
if [ -n "$bad" ]; then
	echo "check-image: relocations head.S cannot apply:" >&2
	echo "$bad" >&2
	exit 1
fi
"$objcopy" -O binary "$elf" "$bin"
size=$(stat -c %s "$bin")
want=$(od -An -t u8 -j 16 -N 8 "$bin" | tr -d ' ')
if [ "$size" != "$want" ]; then
	echo "check-image: $bin is $size bytes, header says $want" >&2
	exit 1
fi
