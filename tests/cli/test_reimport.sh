#!/usr/bin/env bash
# Re-importing the prospect CSV (to pick up names, say) keeps every decision made since the
# first import: status and next contact stay, do-not-contact is never cleared; --overwrite
# applies the file's status/next_contact (QA F2.14). A row with a different number of
# fields than the header is an error naming the row, nothing imported (QA F2.1).
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$R" init > /dev/null
field() { "$R" prospect show "$1" | sed -n "s/^$2: *//p"; }

cat > "$T/day1.csv" <<'CSV'
email,name,company,status,next_contact,do_not_contact
ann@example.com,,Acme,active,,no
bob@example.com,Bob,Bobco,pending,,no
CSV
"$R" prospect import "$T/day1.csv" > /dev/null
# Decisions made since: Ann said no (closed, do-not-contact), Bob is engaged for a date.
"$R" prospect set ann@example.com --status closed --do-not-contact > /dev/null
"$R" prospect set bob@example.com --status engaged --next 2027-01-05 > /dev/null

# The same file again, now with Ann's name and a new prospect.
cat > "$T/day2.csv" <<'CSV'
email,name,company,status,next_contact,do_not_contact
ann@example.com,Ann Smith,,active,,no
bob@example.com,Bob,Bobco,pending,2026-12-24,no
cy@example.com,Cy,Cyco,pending,,no
CSV
"$R" prospect import "$T/day2.csv" > "$T/out"
grep -q "1 new, 2 updated; 2 existing kept their status, 2 of them differ" "$T/out" ||
	fail "summary: $(cat "$T/out")"
[ "$(field ann@example.com status)" = closed ] || fail "ann reopened by re-import"
[ "$(field ann@example.com do_not_contact)" = yes ] || fail "ann do-not-contact cleared"
[ "$(field ann@example.com name)" = "Ann Smith" ] || fail "ann name not updated"
[ "$(field ann@example.com company)" = Acme ] || fail "empty company cell erased Acme"
[ "$(field bob@example.com status)" = engaged ] || fail "bob status reset"
[ "$(field bob@example.com next_contact)" = 2027-01-05 ] || fail "bob next_contact changed"
[ "$(field cy@example.com status)" = pending ] || fail "new prospect status"

# Import may SET do-not-contact on an existing prospect.
printf 'email,do_not_contact\nbob@example.com,yes\n' > "$T/dnc.csv"
"$R" prospect import "$T/dnc.csv" > /dev/null
[ "$(field bob@example.com do_not_contact)" = yes ] || fail "import did not set do-not-contact"

# --overwrite: the file's status and next_contact win; do-not-contact still stays.
"$R" prospect import --overwrite "$T/day2.csv" > "$T/out"
grep -q "taken from the file" "$T/out" || fail "overwrite summary: $(cat "$T/out")"
[ "$(field ann@example.com status)" = active ] || fail "--overwrite did not apply status"
[ "$(field ann@example.com do_not_contact)" = yes ] || fail "--overwrite cleared do-not-contact"
[ "$(field bob@example.com next_contact)" = 2026-12-24 ] || fail "--overwrite next_contact"
"$R" prospect --help | grep -q -- "--overwrite" || fail "--help does not document --overwrite"

# F2.1: an unquoted "Smith, John" gives a row a field too many: error, nothing imported.
"$R" prospect export > "$T/before.csv"
printf 'email,name,company\njs@x.example,Smith, John,Acme\nok@x.example,Ok,Okco\nfew@x.example,Few\n' > "$T/c.csv"
set +e; "$R" prospect import "$T/c.csv" > /dev/null 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] || fail "extra field rc=$rc"
grep -q "c.csv:2: row 2: 4 fields but the header has 3 (a name with a comma must be quoted)" "$T/err" ||
	fail "extra field message: $(cat "$T/err")"
grep -q "c.csv:4: row 4: 2 fields but the header has 3" "$T/err" || fail "short row: $(cat "$T/err")"
grep -q "nothing imported" "$T/err" || fail "no 'nothing imported'"
"$R" prospect export > "$T/after.csv"
cmp -s "$T/before.csv" "$T/after.csv" || fail "a bad file changed the database"
echo ok
