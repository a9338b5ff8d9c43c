#!/usr/bin/env bash
# Review, corrections and the audit log through the command line: a reply the watcher
# recorded (written here straight into the database, as sync.c records one) is listed by
# 'review', corrected by 'label' (appended, never overwritten), shown by 'log' in table,
# csv and jsonl, exported as a labelled sample, and counted by 'stats' (issue 6).
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
printf '[schedule]\ntimezone = UTC\n' > "$T/cfg"
rw() { "$R" -c "$T/cfg" -d "$T/db" "$@"; }
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

cat > "$T/breakup.eml" <<'EML'
From: Sam Seller <sam@vendor.example>
To: ann@prospect.example, bo@prospect.example
Subject: should I close your file?
Date: Mon, 02 Nov 2026 10:00:00 +0000
Message-ID: <breakup-1@vendor.example>

This will be my last note.
EML
rw track "$T/breakup.eml" --kind breakup > /dev/null
# Two replies as the watcher records them: one the rules could not decide, one auto-reply.
sqlite3 "$T/db" <<'SQL'
INSERT INTO replies (message_id, outbound_id, prospect_id, from_addr, subject, date, folder,
  uid, matched_by, class, reason, score_yes, score_later, score_no, ruleset, reply_text, raw,
  created)
SELECT 'reply-1@prospect.example', o.id, p.id, 'ann@prospect.example', 'Re: should I close your file?',
  1793790000, 'INBOX', 41, 'thread', 'review', NULL, 0.8, 1.1, 0, 'rs0001',
  'Not now, maybe when the budget is back. Try me again in spring?',
  CAST('From: ann@prospect.example' || char(13,10) || 'Message-ID: <reply-1@prospect.example>' ||
       char(13,10) || 'Subject: Re: should I close your file?' || char(13,10,13,10) ||
       'Not now, maybe when the budget is back. Try me again in spring?' || char(13,10) AS BLOB),
  strftime('%s')
FROM outbound o, prospects p WHERE o.message_id = 'breakup-1@vendor.example' AND p.email = 'ann@prospect.example';
INSERT INTO rule_hits (reply_id, rule, class, weight, match, scope)
SELECT id, 'later/not-now', 'later', 1.1, 'Not now', 'reply' FROM replies WHERE message_id = 'reply-1@prospect.example';
INSERT INTO rule_hits (reply_id, rule, class, weight, match, scope)
SELECT id, 'yes/try-me', 'yes', 0.8, 'Try me', 'reply' FROM replies WHERE message_id = 'reply-1@prospect.example';
INSERT INTO replies (message_id, outbound_id, prospect_id, from_addr, subject, date, matched_by,
  class, reason, ooo_return, reply_text, created)
SELECT 'ooo-1@prospect.example', o.id, p.id, 'bo@prospect.example', 'Automatic reply', 1793620000,
  'thread', 'auto', 'auto/out-of-office', '2026-11-09', 'I am out of the office.', strftime('%s')
FROM outbound o, prospects p WHERE o.message_id = 'breakup-1@vendor.example' AND p.email = 'bo@prospect.example';
SQL

rw review > "$T/review"
grep -q "Message-ID: <reply-1@prospect.example>" "$T/review" || fail "review: $(cat "$T/review")"
grep -q "| Not now, maybe when the budget is back" "$T/review" || fail "review text"
grep -q "ooo-1" "$T/review" && fail "an auto-reply is not in review"

rw stats > "$T/stats"
grep -q "breakup  sent 2, replied 1 (50.0%), auto-replies 1" "$T/stats" || fail "stats: $(cat "$T/stats")"

# The correction: appended, rescheduled; bad input changes nothing.
check() { # want-rc args...
	local want=$1; shift
	set +e; rw "$@" > /dev/null 2> "$T/err"; local rc=$?; set -e
	[ "$rc" = "$want" ] || fail "'$*' exit $rc, want $want: $(cat "$T/err")"
	[ "$want" = 2 ] || [ "$(wc -l < "$T/err")" = 1 ] || fail "'$*': $(cat "$T/err")"
}
check 1 label nosuch@x.example yes
check 2 label reply-1@prospect.example maybe
check 2 label reply-1@prospect.example later --callback 2027-02-30
check 2 label reply-1@prospect.example later --reason no/other-vendor
check 2 label reply-1@prospect.example
[ "$(sqlite3 "$T/db" 'SELECT count(*) FROM corrections')" = 0 ] || fail "bad label appended"
rw label '<reply-1@prospect.example>' later --callback 2027-03-16 --reason later/budget > "$T/out"
grep -q "labelled <reply-1@prospect.example> as later, callback 2027-03-16; next contact ann@prospect.example 2027-03-16" "$T/out" || fail "label: $(cat "$T/out")"
rw prospect show ann@prospect.example > "$T/show"
grep -q "^status: *later" "$T/show" && grep -q "^next_contact: *2027-03-16" "$T/show" || fail "show: $(cat "$T/show")"
[ "$(rw review)" = "Nothing to review." ] || fail "still in review"
REPLYWATCH_TODAY=2026-11-05 rw due --days 200 2>/dev/null | grep -q "2027-03-16  ann@prospect.example  asked to be contacted later" || fail "due after label"

# log: table, csv, jsonl, filters.
rw log > "$T/log"
grep -q "later/budget" "$T/log" && grep -q "Corrected: .* -> later (later/budget), callback 2027-03-16" "$T/log" || fail "log table: $(cat "$T/log")"
grep -q 'Rule: *later/not-now (later, +1.10): "Not now"' "$T/log" || fail "log hits"
grep -q "Decided: *review by the rules" "$T/log" || fail "log original decision"
rw log --format csv > "$T/log.csv"
head -1 "$T/log.csv" | grep -q "^message_id,from,subject,date,prospect,kind,class,reason,callback,matched_by,rules,ruleset,corrected" || fail "csv header"
[ "$(wc -l < "$T/log.csv")" = 3 ] || fail "csv rows"
rw log --format jsonl > "$T/log.jsonl"
"$PY" - "$T/log.jsonl" <<'PY' || fail "jsonl"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 2, rows
r = [x for x in rows if x['message_id'] == 'reply-1@prospect.example'][0]
for k in ('message_id', 'from', 'subject', 'date', 'prospect', 'kind', 'class', 'reason',
          'callback', 'matched_by', 'rules', 'ruleset', 'corrected'):
    assert k in r, k
assert r['class'] == 'later' and r['corrected'] is True and r['decided_class'] == 'review'
assert r['callback'] == '2027-03-16' and r['kind'] == 'breakup' and r['matched_by'] == 'thread'
assert r['rules'] == ['later/not-now', 'yes/try-me'] and r['ruleset'] == 'rs0001'
assert r['hits'][0]['match'] == 'Not now' and r['prospect'] == 'ann@prospect.example'
assert r['reply'].startswith('Not now, maybe') and r['folder'] == 'INBOX' and r['uid'] == 41
a = [x for x in rows if x['class'] == 'auto'][0]
assert a['corrected'] is False and a['ooo_return'] == '2026-11-09'
PY
[ "$(rw log --format jsonl --class auto | wc -l)" = 1 ] || fail "--class"
[ "$(rw log --format jsonl --reason later/ | wc -l)" = 1 ] || fail "--reason family"
[ "$(rw log --format jsonl --rule yes/try-me | wc -l)" = 1 ] || fail "--rule"
[ "$(rw log --format jsonl --prospect bo@prospect.example | wc -l)" = 1 ] || fail "--prospect"
[ "$(rw log --format jsonl --since 2026-11-04 | wc -l)" = 1 ] || fail "--since"
[ "$(rw log --format jsonl --corrections | wc -l)" = 1 ] || fail "--corrections"
check 2 log --class bogus
check 2 log --since 2026-13-01
check 2 log --format xml
check 1 log --prospect nobody@x.example
check 1 log --corrections --export-samples /nonexistent/dir/samples

# Corrections become labelled samples for 'rules test'.
rw log --corrections --export-samples "$T/samples" > /dev/null
[ -f "$T/samples/manifest.tsv" ] || fail "no manifest"
head -1 "$T/samples/manifest.tsv" | grep -q "^file	kind	label	callback" || fail "manifest header"
f=$(sed -n 2p "$T/samples/manifest.tsv" | cut -f1)
sed -n 2p "$T/samples/manifest.tsv" | grep -q "	breakup	later	2027-03-16	" || fail "manifest row"
grep -q "Try me again in spring" "$T/samples/$f" || fail "exported message"

# Corrections are appended: a second one keeps the first.
rw label reply-1@prospect.example no --reason no/unsubscribe > /dev/null
[ "$(sqlite3 "$T/db" 'SELECT count(*) FROM corrections')" = 2 ] || fail "not appended"
rw prospect show ann@prospect.example | grep -q "^do_not_contact: *yes" || fail "unsubscribe flag"
rw label reply-1@prospect.example yes > /dev/null
rw prospect show ann@prospect.example | grep -q "^do_not_contact: *yes" || fail "flag cleared"
# ... which 'rules test' reads (its verdict on the rules is not this test's business).
"$R" rules test "$T/samples/manifest.tsv" > "$T/rt.out" 2> "$T/rt.err" || true
grep -q ", 1 messages" "$T/rt.out" || fail "rules test did not read the manifest: $(cat "$T/rt.err")"
for c in log review label stats; do rw $c --help | grep -q usage: || fail "$c --help"; done
echo "ok"
