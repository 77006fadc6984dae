#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Verify the channel's SPIN model (spin -a, cc, ./pan) and check the verdict.
#
# usage: run-spin.sh MODEL EXPECT [-DNAME[=VALUE]...]
#   EXPECT  pass      no error of any kind, search complete
#           progress  no non-progress cycle (pan built with -DNP, run -l)
#           assert    an assertion violation is found
#           deadlock  an invalid end state (a process blocked forever)
# $CC is the host C compiler (default cc). Exits 77 (skip) only if spin
# is not installed.
set -u

model=$1
expect=$2
shift 2

if ! command -v spin >/dev/null 2>&1; then
	echo "spin is not installed: skipped"
	exit 77
fi

dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cp "$model" "$dir/model.pml" || exit 1
cd "$dir" || exit 1

fail() {
	echo "FAIL: $*"
	exit 1
}

echo "== spin $* -a $(basename "$model")"
spin "$@" -a model.pml || fail "spin -a"
if [ "$expect" = progress ]; then
	np=-DNP
	search=-l
else
	np=
	search=-a
fi
# shellcheck disable=SC2086 # $CC may be a command with arguments
${CC:-cc} -O2 -w $np -o pan pan.c || fail "compiling pan.c"
./pan $search -m1000000 > pan.log 2>&1
status=$?
cat pan.log

grep -q 'max search depth too small' pan.log && fail "search depth truncated"
errors=$(sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' pan.log | head -n 1)
[ -n "$errors" ] || fail "pan printed no verdict (exit $status)"

case $expect in
pass|progress)
	[ "$errors" -eq 0 ] || fail "$errors error(s) in the model"
	;;
assert)
	[ "$errors" -gt 0 ] || fail "the broken variant was not caught"
	grep -q 'assertion violated' pan.log ||
		fail "caught, but not by an assertion"
	;;
deadlock)
	[ "$errors" -gt 0 ] || fail "the broken variant was not caught"
	grep -q 'invalid end state' pan.log ||
		fail "caught, but not as a blocked process"
	;;
*)
	fail "unknown expectation $expect"
	;;
esac
echo "PASS: expected '$expect', $errors error(s)"
