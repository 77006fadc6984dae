#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Turn the "->SYM value" markers of the compiled asm-offsets.c into #defines.
set -eu
echo "/* Generated from arch/arm64/asm-offsets.c: do not edit. */"
echo "#ifndef ASM_OFFSETS_H"
echo "#define ASM_OFFSETS_H"
sed -n 's/.*"->\([A-Za-z0-9_]*\) #\{0,1\}\(-\{0,1\}[0-9][0-9]*\)".*/#define \1 \2/p' "$1"
echo "#endif"
