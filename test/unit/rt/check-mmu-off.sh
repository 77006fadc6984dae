#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Check that the runtime's MMU-off code calls no library and uses no exclusives.
#
# usage: check-mmu-off.sh NM OBJDUMP LIBRARY...
# With the MMU off all data accesses are Device memory: musl's memset
# (DC ZVA) and memcpy, and exclusive loads and stores, would fault there.
set -u

nm=$1
objdump=$2
shift 2

fail() {
	echo "FAIL: $*"
	exit 1
}

for lib in "$@"; do
	undef=$("$nm" -u "$lib" | awk 'NF == 2 { print $2 }' | sort -u)
	echo "$lib needs: $(echo $undef)"
	for sym in $undef; do
		case $sym in
		bh_rt_*|bh_svc_*|bh_chan_*|__bh_rt_*|__ehdr_start) ;;
		*) fail "$lib calls $sym" ;;
		esac
	done
	if "$objdump" -d "$lib" | grep -Eq '	(ld|st)(a|l)?x[rp]'; then
		fail "$lib uses exclusive loads or stores"
	fi
	if "$objdump" -d "$lib" | grep -Eq '	dc	zva'; then
		fail "$lib uses DC ZVA"
	fi
done
echo PASS
