#!/usr/bin/env bash
# Prospect import/export/list/show as a salesperson runs them: a CSV with a bad row reports
# the row and imports nothing; a good one imports; export round-trips; bad input gets a
# one-line error and changes nothing (issues 2 and 6).
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$R" init > /dev/null

cat > "$T/bad.csv" <<'CSV'
email,name,company,status,next_contact,do_not_contact
ann@example.com,"Smith, Ann",Acme,active,,no
bob@example,Bob,Bobco,pending,,
carol@example.org,Carol,"C ""Q"" Inc",later,2027-02-30,
dave@example.net,Dave,,sleeping,,
CSV
set +e; "$R" prospect import "$T/bad.csv" > "$T/out" 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] || fail "bad import exit $rc"
grep -q "bad.csv:3: row 3: 'bob@example' is not an email address" "$T/err" || fail "row 3: $(cat "$T/err")"
grep -q "bad.csv:4: row 4: next_contact '2027-02-30' is not a date" "$T/err" || fail "row 4"
grep -q "bad.csv:5: row 5: unknown status 'sleeping'" "$T/err" || fail "row 5"
grep -q "nothing imported" "$T/err" || fail "no 'nothing imported'"
"$R" prospect list > "$T/list" 2>/dev/null
grep -q "ann@example.com" "$T/list" && fail "row 2 was imported despite bad rows"

# Unbalanced quotes: the row is named, nothing imported.
printf 'email,name\nann@example.com,Ann\nbob@example.com,"Bob\n' > "$T/q.csv"
set +e; "$R" prospect import "$T/q.csv" 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "q.csv:3: row 3: unbalanced quotes" "$T/err" || fail "quotes: $(cat "$T/err")"
[ -z "$("$R" prospect list 2>/dev/null)" ] || fail "quote file imported something"

# Fixed: everything is imported and listed.
sed -i 's/bob@example,/bob@example.com,/; s/2027-02-30/2027-02-28/; s/sleeping/drip/' "$T/bad.csv"
"$R" prospect import "$T/bad.csv" > "$T/out" || fail "good import failed"
grep -q "imported 4 prospects" "$T/out" || fail "import said: $(cat "$T/out")"
"$R" prospect list > "$T/list"
for e in ann@example.com bob@example.com carol@example.org dave@example.net; do
	grep -q "^$e " "$T/list" || fail "$e not listed"
done
grep "^carol@example.org" "$T/list" | grep -q "later *2027-02-28" || fail "carol's status/next"
"$R" prospect list --status pending | grep -q "^bob@example.com" || fail "list --status"

# Export round-trips through import into a fresh database.
"$R" prospect export "$T/export.csv"
head -1 "$T/export.csv" | grep -q "^email,name,company,status,next_contact,do_not_contact" || fail "export header"
grep -q '"Smith, Ann"' "$T/export.csv" || fail "export quoting"
grep -q '"C ""Q"" Inc"' "$T/export.csv" || fail "export quote doubling"
"$R" -d "$T/other.db" prospect import "$T/export.csv" > /dev/null || fail "re-import"
"$R" -d "$T/other.db" prospect export > "$T/export2.csv"
cmp -s "$T/export.csv" "$T/export2.csv" || fail "export differs after a round trip"

# A repeated email is imported once (the later row wins) and pointed out.
printf 'email,name\nrep@example.com,First\nREP@example.com,Second\n' > "$T/rep.csv"
"$R" prospect import "$T/rep.csv" > /dev/null 2> "$T/err" || fail "repeat import"
grep -q "rep.csv: row 3 repeats REP@example.com of row 2" "$T/err" || fail "repeat not reported: $(cat "$T/err")"
"$R" prospect show rep@example.com | grep -q "^name: *Second" || fail "the later row did not win"

# add / show / set; bad input changes nothing.
"$R" prospect add erin@example.com --name Erin --company Ex > /dev/null
set +e; "$R" prospect add erin@example.com 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "already a prospect" "$T/err" || fail "duplicate add"
set +e; "$R" prospect add not-an-address 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] || fail "bad address: rc=$rc"
set +e; "$R" prospect show nobody@example.com 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "not a prospect" "$T/err" || fail "show unknown"
set +e; "$R" prospect set erin@example.com --status nosuch 2>/dev/null; rc=$?; set -e
[ $rc = 2 ] || fail "bad status rc=$rc"
"$R" prospect set erin@example.com --status closed --do-not-contact > /dev/null
"$R" prospect show erin@example.com > "$T/show"
grep -q "^status: *closed" "$T/show" && grep -q "^do_not_contact: *yes" "$T/show" || fail "show: $(cat "$T/show")"
set +e; "$R" prospect export /nonexistent/dir/x.csv 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] || fail "unwritable export rc=$rc"
set +e; "$R" prospect import "$T/none.csv" 2>/dev/null; rc=$?; set -e
[ $rc = 1 ] || fail "missing file rc=$rc"
# F2.2: a directory is named as one, nothing imported.
mkdir "$T/adir"
set +e; "$R" prospect import "$T/adir" 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "$T/adir: Is a directory" "$T/err" || fail "directory import: rc=$rc $(cat "$T/err")"
set +e; "$R" prospect frobnicate 2>/dev/null; rc=$?; set -e
[ $rc = 2 ] || fail "unknown subcommand rc=$rc"
"$R" prospect --help | grep -q "usage:" || fail "--help"
echo "ok"
