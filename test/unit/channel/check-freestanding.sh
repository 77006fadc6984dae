#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Check the freestanding aarch64 channel build: only memcpy, LDAR/STLR.
#
# usage: check-freestanding.sh NM OBJDUMP LIBRARY
set -u

nm=$1
objdump=$2
lib=$3

fail() {
	echo "FAIL: $*"
	exit 1
}

undef=$("$nm" -u "$lib" | awk 'NF { print $NF }' | grep -v ':$' | sort -u)
echo "undefined symbols: $undef"
[ "$undef" = memcpy ] || fail "channel.c may only need memcpy"

"$objdump" -d "$lib" > disasm.txt 2>/dev/null || fail "objdump"
ldar=$(grep -c '	ldar	' disasm.txt)
stlr=$(grep -c '	stlr	' disasm.txt)
echo "ldar: $ldar, stlr: $stlr"
# Loads of the peer's index (send, recv, both prepare_waits, doorbell
# flags) and stores of ours (send, recv, both prepare_waits, init's magic)
[ "$ldar" -ge 6 ] || fail "expected load-acquires of the peer's words"
[ "$stlr" -ge 5 ] || fail "expected store-releases of our indices and flags"
if grep -Eq '	(dmb|dsb)	' disasm.txt; then
	fail "unexpected full barrier: the protocol needs only LDAR/STLR"
fi
if grep -Eq '[^a-z_]([qdsv][0-9]+)[,.]' disasm.txt; then
	fail "FP/SIMD register used"
fi
rm -f disasm.txt
echo PASS
