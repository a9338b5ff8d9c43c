#!/usr/bin/env bash
# The salesperson's morning without a mail account: track a break-up and a pending-file
# email, record contact attempts, read the agenda, export it as iCalendar and read that back
# with a standard parser (python3-icalendar); bad input gets one line and changes nothing.
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
printf '[schedule]\ntimezone = UTC\n' > "$T/cfg"
rw() { "$R" -c "$T/cfg" -d "$T/db" "$@"; }
# The day the salesperson works on (commands that move break-ups to drip go by it).
export REPLYWATCH_TODAY=2026-11-10
# Debian's python3 has python3-icalendar (.ci/deps); a python3 earlier on PATH may not.
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3

cat > "$T/breakup.eml" <<'EML'
From: Sam Seller <sam@vendor.example>
To: "Quiet, Quinn" <quinn@prospect.example>
Subject: should I close your file?
Date: Mon, 02 Nov 2026 10:00:00 +0000
Message-ID: <breakup-1@vendor.example>

This will be my last note. I'm still interested, but I don't want to be a pest.
EML
cat > "$T/pending.eml" <<'EML'
From: Sam Seller <sam@vendor.example>
To: pat@pending.example
Cc: Pia <PIA@pending.example>
Subject: a quick follow-up
Date: Tue, 03 Nov 2026 09:00:00 +0000
Message-ID: <pending-1@vendor.example>

Please advise if I should be putting my notes into the No Longer Interested file.
EML
rw track "$T/breakup.eml" --kind breakup | grep -q "tracked <breakup-1@vendor.example>" || fail "track"
rw track "$T/breakup.eml" --kind breakup | grep -q "already tracked" || fail "track twice"
# Without --kind the outbound rules tell it, as the watcher does with the Sent folder.
rw track "$T/pending.eml" | grep -q ": pending email of 2026-11-03" || fail "kind not detected"
rw prospect list > "$T/list"
grep -q "^quinn@prospect.example .*breakup-sent" "$T/list" || fail "breakup prospect: $(cat "$T/list")"
grep -q "^pia@pending.example .*pending *2027-02-01" "$T/list" || fail "pending next: $(cat "$T/list")"

# Six unanswered calls: a break-up email is suggested.
rw prospect add cole@cold.example --name Cole --company "Cold, Inc" > /dev/null
for d in 01 02 03 04 05; do rw contact cole@cold.example --channel call --date 2026-11-$d > /dev/null; done
rw contact cole@cold.example --channel voicemail --date 2026-11-06 --note "no answer" > "$T/out"
grep -q "6 attempts without an answer" "$T/out" || fail "contact: $(cat "$T/out")"

# Before drip_after_days: the break-up prospect is waiting; after: drip.
REPLYWATCH_TODAY=2026-11-10 rw due --days 7 > "$T/due" 2>&1
grep -q "breakup-sent" <(rw prospect list) || fail "moved to drip too early"
grep -A3 "^Overdue:" "$T/due" | grep -q "2026-11-06  cole@cold.example (Cole, Cold, Inc)  6 attempts without an answer: send a break-up email" ||
	fail "due: $(cat "$T/due")"
REPLYWATCH_TODAY=2026-11-16 rw due --days 90 > "$T/due" 2> "$T/err"
grep -q "1 prospect moved to drip" "$T/err" || fail "drip: $(cat "$T/err")"
rw prospect list | grep -q "^quinn@prospect.example .*drip" || fail "quinn not in drip"
grep -A10 "^Upcoming:" "$T/due" | grep -q "2027-02-01  pat@pending.example  pending file: send the pending-file email" ||
	fail "pending due: $(cat "$T/due")"

# iCalendar: written atomically, valid for a standard parser, one event per contact.
REPLYWATCH_TODAY=2026-11-16 rw due --days 90 --ics "$T/agenda.ics" > /dev/null 2>&1
"$PY" - "$T/agenda.ics" <<'PY' || fail "iCalendar check"
import sys
from icalendar import Calendar
raw = open(sys.argv[1], 'rb').read()
assert b'\r\n' in raw and b'\n' not in raw.replace(b'\r\n', b''), 'lines must end with CRLF'
for line in raw.split(b'\r\n'):
    assert len(line) <= 75, 'line longer than 75 octets: %r' % line
cal = Calendar.from_ical(raw)
assert cal['VERSION'] == '2.0' and 'PRODID' in cal
events = [c for c in cal.walk() if c.name == 'VEVENT']
assert len(events) == 3, len(events)
uids = set()
for e in events:
    assert 'DTSTAMP' in e and 'UID' in e and 'DTSTART' in e
    uids.add(str(e['UID']))
summaries = sorted(str(e['SUMMARY']) for e in events)
assert any('Cold, Inc' in s and 'break-up' in s for s in summaries), summaries
dates = sorted(e.decoded('DTSTART').isoformat() for e in events)
assert dates == ['2026-11-06', '2027-02-01', '2027-02-01'], dates
assert len(uids) == 3
PY
REPLYWATCH_TODAY=2026-11-16 rw due --days 90 --ics "$T/todo.ics" --todo > /dev/null 2>&1
"$PY" -c "
import sys; from icalendar import Calendar
c = Calendar.from_ical(open('$T/todo.ics','rb').read())
assert len([x for x in c.walk() if x.name == 'VTODO']) == 3" || fail "VTODO"

# Bad input: one line, exit 1; a bad option value is usage (2, QA F1.3); nothing changed.
before=$(rw prospect export | md5sum)
check() { # want-rc args...
	local want=$1; shift
	set +e; rw "$@" > /dev/null 2> "$T/err"; local rc=$?; set -e
	[ "$rc" = "$want" ] || fail "'$*' exit $rc, want $want"
	[ "$want" = 2 ] || [ "$(wc -l < "$T/err")" = 1 ] || fail "'$*' printed more than one line: $(cat "$T/err")"
}
check 1 contact nobody@nowhere.example --channel call
check 2 contact cole@cold.example --channel fax
check 2 contact cole@cold.example --channel call --date 2026-02-30
check 2 contact cole@cold.example
check 2 due --days many
check 1 due --ics /nonexistent/dir/agenda.ics
check 2 track "$T/breakup.eml" --kind sideways
check 1 track "$T/nofile.eml" --kind breakup
check 2 track
printf 'From: a@b.example\nTo: c@d.example\nSubject: lunch?\nMessage-ID: <l@b>\nDate: Mon, 02 Nov 2026 10:00:00 +0000\n\nThursday?\n' > "$T/lunch.eml"
check 1 track "$T/lunch.eml"
printf 'From: a@b.example\nTo: c@d.example\nSubject: x\n\nno id\n' > "$T/noid.eml"
check 1 track "$T/noid.eml" --kind breakup
[ "$(rw prospect export | md5sum)" = "$before" ] || fail "bad input changed the prospects"
for c in due contact track; do rw $c --help | grep -q usage: || fail "$c --help"; done
echo "ok"
