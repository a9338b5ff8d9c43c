#!/usr/bin/env bash
# 'replywatch watch' on the command line, before any network (SPEC §5): --help, a wrong
# argument (exit 2), no mail account configured, no password, a bad timeout override: each a
# clear message and exit 1.
set -euo pipefail
: "${REPLYWATCH:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$REPLYWATCH" watch --help >"$T/out" || fail "--help failed"
grep -q "usage: replywatch watch \[--once\]" "$T/out" || fail "--help prints no usage"

rc=0
"$REPLYWATCH" -c /dev/null watch --bogus 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "a wrong argument gave exit $rc, expected 2"
grep -q "unknown argument '--bogus'" "$T/err" || fail "no message for a wrong argument"

printf '[watch]\npoll_interval = 60\n' >"$T/noimap"
rc=0
"$REPLYWATCH" -c "$T/noimap" -d "$T/db" watch --once 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "no mail account configured" "$T/err" || { cat "$T/err" >&2; fail "no [imap] host: not reported"; }

printf '[imap]\nhost = 127.0.0.1\nuser = sam\n' >"$T/nopw"
rc=0
env -u REPLYWATCH_PASSWORD "$REPLYWATCH" -c "$T/nopw" -d "$T/db" watch --once 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "no password" "$T/err" || { cat "$T/err" >&2; fail "no password: not reported"; }

rc=0
REPLYWATCH_PASSWORD=x REPLYWATCH_IMAP_TIMEOUT=abc "$REPLYWATCH" -c "$T/nopw" -d "$T/db" watch --once 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "REPLYWATCH_IMAP_TIMEOUT must be" "$T/err" || { cat "$T/err" >&2; fail "bad timeout: not reported"; }
echo "ok - watch: --help, wrong argument, no account, no password, bad timeout"
