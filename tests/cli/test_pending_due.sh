#!/usr/bin/env bash
# An imported pending file (QA F2.39): a prospect with a last_contact column is due for the
# pending-file email pending_every_days (90) after it, not 90 days after the import; without
# one, 90 days after the import (documented in 'prospect --help'). A re-import does not
# record the same last contact twice, and it is no unanswered attempt.
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
export REPLYWATCH_TODAY=2026-12-01
fail() { echo "FAIL: $*" >&2; exit 1; }
"$R" init > /dev/null
cat > "$T/p.csv" <<'CSV'
email,name,status,last_contact
old@pend.example,Old,pending,2026-08-01
new@pend.example,New,pending,
CSV
"$R" prospect import "$T/p.csv" > /dev/null
"$R" due --days 7 > "$T/due" 2>&1
grep -q "2026-10-30  old@pend.example .*pending file: send the pending-file email" "$T/due" ||
	fail "old@ not due 90 days after its last contact: $(cat "$T/due")"
grep -q "new@pend.example" "$T/due" && fail "new@ due already: $(cat "$T/due")"
"$R" due --days 100 | grep -q "2027-03-01  new@pend.example" || fail "new@ not due 90 days after import"
"$R" prospect import "$T/p.csv" > /dev/null
[ "$("$R" prospect show old@pend.example | grep -c 'last contact before import')" = 1 ] ||
	fail "re-import recorded the last contact twice: $("$R" prospect show old@pend.example)"
printf 'email,last_contact\nold@pend.example,August\n' > "$T/bad.csv"
set +e; "$R" prospect import "$T/bad.csv" 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "bad.csv:2: row 2: last_contact 'August' is not a date" "$T/err" || fail "bad date: $(cat "$T/err")"
"$R" prospect --help | grep -q last_contact || fail "--help"
echo ok
