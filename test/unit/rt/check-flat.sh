#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Check that a service ELF is also a flat image: file offset = address - base.
#
# usage: check-flat.sh READELF ELF BASE
# The kernel's loader copies the image file as it is to its load address
# (docs/services.md); that puts every segment in place only if each
# PT_LOAD's file offset equals its address minus the load address.
set -u

readelf=$1
elf=$2
base=$3

loads=$("$readelf" -lW "$elf" | awk '$1 == "LOAD" { print $2, $3, $4 }')
[ -n "$loads" ] || { echo "FAIL: no PT_LOAD"; exit 1; }
echo "$loads" | while read -r off vaddr paddr; do
	echo "LOAD offset $off vaddr $vaddr paddr $paddr"
	if [ $((off + base)) -ne $((vaddr)) ] || [ "$vaddr" != "$paddr" ]; then
		echo "FAIL: offset != address - $base"
		exit 1
	fi
done || exit 1
echo PASS
