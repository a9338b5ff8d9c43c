#!/usr/bin/env bash
# A mistyped -d must not look like an empty pipeline (QA F2.32): commands that only read or
# act on recorded data refuse a missing database and create nothing; init, prospect
# add/import and track may create one.
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }

db=$T/typo/dir/x.db
for cmd in "prospect list" "prospect show a@b.example" "prospect export" "prospect set a@b.example --name A" \
	"log" "due" "review" "stats" "label some-id yes" "contact a@b.example --channel call"; do
	# shellcheck disable=SC2086
	set +e; "$R" -d "$db" $cmd > "$T/out" 2> "$T/err"; rc=$?; set -e
	[ $rc = 1 ] || fail "$cmd: rc=$rc"
	grep -qx "replywatch: no database at $db (run 'replywatch init', or give -d)" "$T/err" ||
		fail "$cmd: $(cat "$T/err")"
	[ -e "$T/typo" ] && fail "$cmd created $T/typo"
done
# The default database too.
set +e; "$R" log > /dev/null 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "no database at $HOME/.local/share/replywatch/replywatch.db" "$T/err" ||
	fail "default db: rc=$rc $(cat "$T/err")"
# Creating commands still create it.
"$R" -d "$db" prospect add a@b.example > /dev/null || fail "prospect add did not create"
"$R" -d "$db" prospect list > /dev/null || fail "list after add"
printf 'email\nc@d.example\n' > "$T/p.csv"
"$R" -d "$T/new.db" prospect import "$T/p.csv" > /dev/null || fail "import did not create"
"$R" -d "$T/new.db" log > /dev/null 2>&1 || fail "log on an existing db"
echo ok
