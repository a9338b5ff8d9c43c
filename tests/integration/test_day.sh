#!/usr/bin/env bash
# A salesperson's scripted day through the command line (issue 6 "done when"): import the
# prospects, one watch pass over a real Dovecot mailbox, the agenda, a correction, the audit
# log as CSV, the agenda as iCalendar read back by a standard parser, and a second pass that
# changes nothing. The mailbox is lib_watch.sh's standard one (dates relative to today).
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib_watch.sh
. "$here/lib_watch.sh"
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

rw_setup
# The server lives in $T/dc: make sure it goes whatever lib_watch.sh's cleanup does.
day_cleanup() {
	local rc=$?
	DC_DIR=$T/dc dovecot_stop KILL 2>/dev/null || true
	(exit $rc)
	rw_cleanup
}
trap day_cleanup EXIT
printf '[schedule]\ntimezone = UTC\n' >> "$T/config"

# Morning: the prospects come from a spreadsheet, with one bad row first.
cat > "$T/prospects.csv" <<'CSV'
email,name,company,status
alice@prospect.example,Alice Prospect,"Prospect, Inc",active
bob@buyer.example,Bob Buyer,Buyer GmbH,pending
dave@doe.example,Dave Doe,Doe & Co,active
frank@cold.example,Frank,Cold Ltd,active
not-an-address,Nobody,,active
CSV
set +e; rw prospect import "$T/prospects.csv" 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "prospects.csv:6: row 6" "$T/err" || fail "bad row not reported: $(cat "$T/err")"
[ -z "$(rw prospect list 2>/dev/null)" ] || fail "a bad row still imported something"
sed -i '/not-an-address/d' "$T/prospects.csv"
rw prospect import "$T/prospects.csv" | grep -q "imported 4 prospects" || fail "import"
ok "prospects imported, bad row refused"

# Frank has been called six times without an answer.
for i in 6 5 4 3 2 1; do
	rw contact frank@cold.example --channel call --date "$(date -u -d "-$i days" +%F)" > /dev/null
done

rw_make_samples
rw watch --once 2> "$T/watch.err" || fail "watch --once: $(cat "$T/watch.err")"
rw_check_replies "first pass"
ok "one watch pass recorded the three replies"

# Each decision is reflected in its prospect (SPEC §2 table).
rw log --format jsonl > "$T/log.jsonl"
"$PY" - "$T/log.jsonl" "$DB" <<'PY' || fail "decisions not applied to prospects"
import json, sqlite3, sys
rows = {r['message_id']: r for r in map(json.loads, open(sys.argv[1]))}
db = sqlite3.connect(sys.argv[2])
status = dict(db.execute('select email, status from prospects'))
want = {'yes': 'engaged', 'later': 'later', 'no': 'closed'}
for r in rows.values():
    assert r['matched_by'] in ('thread', 'sender'), r
    assert r['kind'] in ('breakup', 'pending'), r
    if r['class'] in want:
        assert status[r['prospect']] == want[r['class']], (r['prospect'], r['class'], status)
a = rows['reply-alice@prospect.example']
assert a['matched_by'] == 'thread' and a['kind'] == 'breakup'
assert rows['reply-bob@buyer.example']['matched_by'] == 'sender'
assert rows['ooo-dave@doe.example']['class'] == 'auto'
assert status['dave@doe.example'] == 'breakup-sent'   # an auto-reply changes nothing
PY
ok "decisions applied to the prospects"

# The agenda: why each is due, with the callback sentence quoted.
rw due --days 400 > "$T/due" 2>&1 || fail "due"
grep -q "frank@cold.example (Frank, Cold Ltd)  6 attempts without an answer: send a break-up email" "$T/due" ||
	fail "break-up suggestion missing: $(cat "$T/due")"
if [ "$(rw_sql "select class from replies where message_id = 'reply-alice@prospect.example'")" = later ]; then
	grep -q 'alice@prospect.example (Alice Prospect, Prospect, Inc)  asked to be contacted later: ".*reconnect' "$T/due" ||
		fail "alice's callback not quoted: $(cat "$T/due")"
fi

# A correction: Bob said "call me Tuesday": the salesperson labels it yes. His reply is four
# days old, so the correction schedules from today: the next business day after it.
rw label reply-bob@buyer.example yes --reason yes/meeting > /dev/null || fail "label"
want=$(date -u -d "+1 day" +%F)
case $(date -u -d "$want" +%u) in 6) want=$(date -u -d "$want +2 days" +%F) ;; 7) want=$(date -u -d "$want +1 day" +%F) ;; esac
rw prospect show bob@buyer.example > "$T/bob"
grep -q "^status: *engaged" "$T/bob" && grep -q "^next_contact: *$want" "$T/bob" ||
	fail "bob not rescheduled to $want: $(cat "$T/bob")"
ok "correction appended and rescheduled"

# The audit log as CSV: one row per decision, the correction visible.
rw log --format csv > "$T/log.csv"
"$PY" - "$T/log.csv" <<'PY' || fail "log csv"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
assert len(rows) == 3, rows
bob = [r for r in rows if r['message_id'] == 'reply-bob@buyer.example'][0]
assert bob['class'] == 'yes' and bob['corrected'] == 'true' and bob['reason'] == 'yes/meeting'
assert all(r['ruleset'] for r in rows)
PY
ok "log --format csv"

# The agenda as iCalendar, read back by a standard parser.
rw due --days 400 --ics "$T/agenda.ics" > /dev/null 2>&1 || fail "due --ics"
"$PY" - "$T/agenda.ics" <<'PY' || fail "iCalendar"
import sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
ev = [c for c in cal.walk() if c.name == 'VEVENT']
who = ' '.join(str(e['SUMMARY']) for e in ev)
assert 'bob@buyer.example' in who and 'frank@cold.example' in who, who
assert len({str(e['UID']) for e in ev}) == len(ev)
PY
ok "due --ics parsed"

# A second pass: nothing new, nothing counted twice, the correction stands.
rw watch --once 2>/dev/null || fail "second pass"
rw_check_replies "second pass"
rw prospect show bob@buyer.example | grep -q "^status: *engaged" || fail "second pass undid the correction"
rw stats > "$T/stats"
grep -q "breakup  sent 2, replied 1 (50.0%), auto-replies 1" "$T/stats" || fail "stats: $(cat "$T/stats")"
ok "second pass changed nothing; stats exclude the auto-reply"
