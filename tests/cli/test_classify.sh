#!/usr/bin/env bash
# test_classify.sh: 'replywatch classify' as a user runs it (SPEC §5): no config file needed,
# JSON lines with the fixed fields, --explain, unreadable files named and skipped, exit codes.
set -euo pipefail
: "${REPLYWATCH:?}" "${RW_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }

cat >"$tmp/later.eml" <<'MAIL'
From: Doug <doug@example.com>
To: Dana <dana@example.org>
Subject: Re: one last note
Date: Thu, 15 Oct 2026 09:12:00 -0400
Message-ID: <later-1@example.com>
Content-Type: text/plain; charset=utf-8

Dana - budgets are frozen through the end of Q1. Try me again in April.

Doug

On Wed, Oct 14, 2026 at 4:00 PM Dana <dana@example.org> wrote:
> I don't want to be a pest, so this will be my last note. If you'd like me
> to reconnect in 90 days, just let me know. Or should it go into the No
> Longer Interested file?
MAIL
cat >"$tmp/pending-yes.eml" <<'MAIL'
From: Priya <priya@example.com>
Subject: Re: a quick follow-up
Date: Tue, 06 Oct 2026 10:00:00 +0000
Content-Type: text/plain

Yes, go ahead and close it out.

> Please advise if I should be putting my notes from our conversations into
> the No Longer Interested file, or call when you're ready to take the next step.
MAIL

# --json: one object per message per line, the fixed fields present
"$REPLYWATCH" classify --json "$tmp/later.eml" "$tmp/pending-yes.eml" >"$tmp/out.jsonl"
[ "$(wc -l <"$tmp/out.jsonl")" = 2 ] || fail "want 2 JSON lines"
python3 - "$tmp/out.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for r in rows:
    for k in ("file", "class", "scores", "callback", "ooo_return", "bounce", "rules", "reply",
              "reason", "ruleset"):
        assert k in r, (k, r)
    assert set(r["scores"]) >= {"yes", "later", "no"}, r["scores"]
    for h in r["rules"]:
        assert set(h) >= {"name", "class", "weight", "match"}, h
a, b = rows
assert a["class"] == "later" and a["callback"] == "2027-04-01", a
assert a["reason"] == "later/budget", a["reason"]
assert "No Longer" not in a["reply"] and "Try me again in April" in a["reply"], a["reply"]
assert b["class"] == "no" and b["kind"] == "pending" and b["kind_inferred"] is True, b
assert b["callback"] is None and b["bounce"] is False
PY

# plain and --explain output
"$REPLYWATCH" classify "$tmp/later.eml" | grep -q "later (later/budget) callback 2027-04-01" ||
	fail "plain output"
"$REPLYWATCH" classify --explain --kind breakup "$tmp/later.eml" >"$tmp/explain.txt"
for want in "reply:" "budgets are frozen" "later-budget" "scores:" "decision: later" \
	"callback: 2027-04-01" "ruleset:"; do
	grep -q -- "$want" "$tmp/explain.txt" || fail "--explain lacks '$want'"
done

# --kind breakup flips the pending inversion: "yes, go ahead" is no longer a no
"$REPLYWATCH" classify --json --kind breakup "$tmp/pending-yes.eml" |
	python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["class"] != "no", r'

# --sent: the outbound itself gives the kind of a reply that does not quote it
cat >"$tmp/sent.eml" <<'MAIL'
From: Dana <dana@example.org>
To: Priya <priya@example.com>
Subject: a quick follow-up
Date: Mon, 05 Oct 2026 09:00:00 +0000

Please advise if I should be putting my notes from our conversations into the
No Longer Interested file, or call when you're ready to take the next step.
MAIL
printf 'From: Priya <priya@example.com>\nSubject: hi\nDate: Tue, 06 Oct 2026 10:00:00 +0000\n\nGo ahead.\n' \
	>"$tmp/fresh.eml"
"$REPLYWATCH" classify --json --sent "$tmp/sent.eml" "$tmp/fresh.eml" |
	python3 -c 'import json,sys; r=json.load(sys.stdin); assert (r["kind"], r["class"]) == ("pending", "no"), r'

# a file that cannot be read: named on stderr, the others still classified, exit 1
set +e
"$REPLYWATCH" classify --json "$tmp/missing.eml" "$tmp/later.eml" >"$tmp/out2" 2>"$tmp/err2"
rc=$?
set -e
[ $rc = 1 ] || fail "missing file: exit $rc, want 1"
grep -q "missing.eml" "$tmp/err2" || fail "error does not name the file"
[ "$(wc -l <"$tmp/out2")" = 1 ] || fail "the readable file was not classified"

# usage errors exit 2
set +e
"$REPLYWATCH" classify --kind newsletter "$tmp/later.eml" 2>/dev/null; rc1=$?
"$REPLYWATCH" classify 2>/dev/null; rc2=$?
set -e
[ $rc1 = 2 ] && [ $rc2 = 2 ] || fail "usage errors: exit $rc1 $rc2, want 2"
"$REPLYWATCH" classify --help | grep -q "usage: replywatch classify" || fail "--help"

# a config: [rules] dir layered over the shipped rules, [schedule] defaults and time zone
mkdir -p "$tmp/myrules"
cat >"$tmp/myrules/zz-mine.rules" <<'RULES'
rule mine-frozen
	class no
	reason no/frozen-out
	weight 20
	reply \bfrozen\b
	example budgets are frozen
RULES
cat >"$tmp/config" <<EOF2
[rules]
dir = $tmp/myrules
[schedule]
timezone = Asia/Tokyo
breakup_later_days = 30
EOF2
"$REPLYWATCH" -c "$tmp/config" classify --json "$tmp/later.eml" |
	python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["reason"]=="no/frozen-out", r'
# a broken user rule stops the command with its location
printf 'rule bad\n\tclass no\n\treply (unclosed\n' >"$tmp/myrules/zz-mine.rules"
set +e
"$REPLYWATCH" -c "$tmp/config" classify "$tmp/later.eml" 2>"$tmp/err3"; rc=$?
set -e
[ $rc = 1 ] || fail "broken rules: exit $rc"
grep -q "zz-mine.rules:3:" "$tmp/err3" || fail "broken rule not located: $(cat "$tmp/err3")"
echo "ok"
