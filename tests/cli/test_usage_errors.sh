#!/usr/bin/env bash
# SPEC §5: exit 2 for usage. A bad option value or a missing option argument is a usage
# error in every command (QA F1.3), -c/-d without a value say so (F1.1), -vv = -v -v (F5.1).
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$R" init > /dev/null
"$R" prospect add a@b.example > /dev/null
printf 'From: me@x.example\nTo: a@b.example\nMessage-ID: <m1@x>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\nSubject: hi\n\nhello\n' > "$T/m.eml"

want2() { # want2 WHAT COMMAND...: exit 2 and one message on stderr
	local what=$1; shift
	set +e; "$R" "$@" > "$T/out" 2> "$T/err"; local rc=$?; set -e
	[ $rc = 2 ] || fail "$what: '$*' exit $rc, want 2 ($(cat "$T/err"))"
	[ -s "$T/err" ] || fail "$what: no message"
}
want2 "bad kind" track "$T/m.eml" --kind xx
want2 "missing kind" track "$T/m.eml" --kind
want2 "bad days" due --days abc
want2 "missing days" due --days
want2 "bad format" log --format xml
want2 "bad class" log --class maybe
want2 "bad since" log --since someday
want2 "bad channel" contact a@b.example --channel fax
want2 "bad contact date" contact a@b.example --channel call --date 2026-13-01
want2 "bad top" stats --top x
want2 "stats extra" stats extra
grep -q "unexpected argument 'extra'" "$T/err" || fail "stats extra: $(cat "$T/err")"
want2 "bad label class" label some-id maybe
want2 "bad label callback" label some-id later --callback soon
want2 "bad label reason" label some-id yes --reason no/x
want2 "bad status" prospect set a@b.example --status sleeping
want2 "bad next" prospect set a@b.example --next 2027-02-30
want2 "bad list status" prospect list --status sleeping
want2 "missing name" prospect set a@b.example --name
# A bad value is found before the database is looked for.
want2 "bad status, no db" -d "$T/none.db" prospect set a@b.example --status sleeping
want2 "bad next, no db" -d "$T/none.db" prospect add a@b.example --next 2027-13-01
want2 "bad date, no db" -d "$T/none.db" contact a@b.example --channel call --date x
[ -e "$T/none.db" ] && fail "a usage error created a database"
want2 "-c without a file" -c
grep -qx "replywatch: option -c needs a file (see 'replywatch --help')" "$T/err" || fail "-c: $(cat "$T/err")"
want2 "-d without a file" -d
grep -q "option -d needs a file" "$T/err" || fail "-d: $(cat "$T/err")"
# -vv and -vvv are -v repeated.
"$R" -vv prospect list > /dev/null 2>&1 || fail "-vv rejected"
"$R" -vvv prospect list > /dev/null 2>&1 || fail "-vvv rejected"
want2 "-vx" -vx prospect list
echo ok
