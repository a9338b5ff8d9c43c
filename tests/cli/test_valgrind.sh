#!/usr/bin/env bash
# The classify unit tests are memcheck-clean with the one no-JIT switch (REPLYWATCH_NO_JIT=1,
# read by regex.c and reply.c alike: QA F3.1) and tests/valgrind.supp (glibc ld.so reports
# while iconv loads a gconv module: QA F3.2). Without valgrind on the machine: skipped.
set -euo pipefail
B=${RW_BUILD_DIR:?}; S=${RW_SOURCE_DIR:?}
if ! command -v valgrind > /dev/null; then echo "SKIP: no valgrind"; exit 0; fi
# AddressSanitizer builds cannot run under valgrind (both replace malloc).
if grep -q '^RW_SANITIZE:BOOL=ON' "$B/CMakeCache.txt" 2> /dev/null; then
	echo "SKIP: sanitizer build"; exit 0
fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
for t in reply html autoreply mail classify; do
	exe=$B/tests/classify_test_$t
	[ -x "$exe" ] || { echo "FAIL: $exe not built" >&2; exit 1; }
	set +e
	(cd "$S" && REPLYWATCH_NO_JIT=1 valgrind -q --error-exitcode=9 \
		--suppressions="$S/tests/valgrind.supp" "$exe") > /dev/null 2> "$T/err"
	rc=$?; set -e
	[ $rc = 0 ] || { echo "FAIL: valgrind $t rc=$rc" >&2; grep -m5 '==' "$T/err" >&2; exit 1; }
done
echo ok
