#!/usr/bin/env bash
# Contacting or labelling a do-not-contact prospect is still recorded (it happened / it is
# the person's decision) but warned about (QA F2.17, F2.15); a past --callback is pointed out
# (F2.16). Plain prospects get no warning.
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$R" init > /dev/null
"$R" prospect add pdunn@dunn.example --do-not-contact > /dev/null
"$R" prospect add ok@dunn.example > /dev/null

"$R" contact pdunn@dunn.example --channel call > "$T/out" 2> "$T/err" || fail "contact rc"
grep -q "recorded call" "$T/out" || fail "contact not recorded: $(cat "$T/out")"
grep -q "warning: pdunn@dunn.example asked not to be contacted" "$T/err" || fail "no contact warning: $(cat "$T/err")"
"$R" contact ok@dunn.example --channel call > /dev/null 2> "$T/err"
[ -s "$T/err" ] && fail "warning for a plain prospect: $(cat "$T/err")"

# A reply from pdunn, tracked by hand: an outbound and a reply in review.
printf 'From: me@mine.example\nTo: pdunn@dunn.example\nMessage-ID: <out1@mine.example>\nDate: Mon, 2 Nov 2026 10:00:00 +0000\nSubject: Closing the loop\n\nI will close your file.\n' > "$T/o.eml"
"$R" track "$T/o.eml" --kind breakup > /dev/null
sqlite3 "$HOME/.local/share/replywatch/replywatch.db" "INSERT INTO replies (message_id, outbound_id, prospect_id, from_addr, date, class, created) SELECT 'r1@dunn.example', o.id, p.id, p.email, 1793700000, 'review', 0 FROM outbound o, prospects p WHERE p.email = 'pdunn@dunn.example'"
"$R" label r1@dunn.example yes > "$T/out" 2> "$T/err" || fail "label rc: $(cat "$T/err")"
grep -q "warning: pdunn@dunn.example asked not to be contacted (do-not-contact stays set" "$T/err" || fail "no label warning: $(cat "$T/err")"
"$R" label r1@dunn.example later --callback 2020-01-01 > /dev/null 2> "$T/err"
grep -q "warning: callback 2020-01-01 is in the past" "$T/err" || fail "no past-callback warning: $(cat "$T/err")"
echo ok
