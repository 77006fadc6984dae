#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Compile every kernel header on its own: each must include what it uses.
# Usage: check-headers.sh SRCDIR CC [CFLAGS...]
set -eu
src=$1
shift
fail=0
for h in "$src"/include/core/*.h "$src"/arch/arm64/include/asm/*.h; do
	name=${h#"$src"/include/}
	name=${name#"$src"/arch/arm64/include/}
	if ! echo "#include <$name>" | "$@" -x c -fsyntax-only \
		-I"$src/include" -I"$src/arch/arm64/include" \
		-I"$src/../libs/abi/include" -I"$src/../libs/caps/include" \
		-I"$src/../libs/channel/include" -; then
		echo "check-headers: $name does not compile on its own" >&2
		fail=1
	fi
done
exit $fail
