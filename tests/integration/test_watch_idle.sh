#!/usr/bin/env bash
# The watcher as a daemon (SPEC §6): a reply delivered while it is in IDLE is in the
# database within 2 seconds; the Sent folder is watched too; SIGHUP reloads the rules and
# keeps the old ones when the new ones are broken; SIGTERM ends it with exit 0.
. "$(dirname "$0")/lib_watch.sh"
rw_setup
rw_make_samples
mkdir -p "$T/rules"
# A user's own rule file, layered over the shipped rules.
printf 'rule user/give-me-a-call\nclass yes\nweight 1\nreply (?i)\\bgive me a call\\b\n' >"$T/rules/10-mine.rules"
rw_config rules_dir="$T/rules" poll_interval=5

rw_watch_bg
rw_wait_sql "select count(*) from replies" 3 20 >/dev/null || { cat "$T/watch.err" >&2; fail "first pass did not finish"; }
ok "first pass done in the background"
sleep 1 # in IDLE now

worst=0
for i in 1 2 3; do
	rw_msg "$T/msgs/idle$i.eml" "Bob Buyer <bob@buyer.example>" "sam@seller.example" \
		"Re: a quick follow-up ($i)" "idle-$i@buyer.example" 0 "pending-1@seller.example" <<'EOM'
No, please don't close it. Call me next week.
EOM
	dovecot_save INBOX "$T/msgs/idle$i.eml"
	secs=$(rw_wait_sql "select count(*) from replies where message_id='idle-$i@buyer.example'" 1 10) ||
		{ cat "$T/watch.err" >&2; fail "reply $i delivered during IDLE not recorded in 10 s"; }
	echo "  IDLE latency $i: $secs s"
	worst=$(awk -v a="$worst" -v b="$secs" 'BEGIN{print (b > a) ? b : a}')
	sleep 0.5
done
awk -v w="$worst" 'BEGIN{exit !(w <= 2.0)}' || fail "a reply took $worst s (limit 2 s)"
ok "replies delivered during IDLE recorded within 2 s (worst $worst s)"

# Sent is watched too: while idling on INBOX the watcher wakes every poll_interval (5 s
# here) to look at Sent; a new break-up email is recorded without any INBOX event.
rw_msg "$T/msgs/s9.eml" "Sam Seller <sam@seller.example>" "Fay Late <fay@late.example>" \
	"Should I close your file?" "breakup-9@seller.example" 0 <<'EOM'
This will be my last note. I'm still interested, but I don't want to be a pest.
If you're slammed and would like me to reconnect in 90 days or so, just let me know.
EOM
dovecot_save Sent "$T/msgs/s9.eml"
secs=$(rw_wait_sql "select count(*) from outbound where message_id='breakup-9@seller.example'" 1 8) ||
	{ cat "$T/watch.err" >&2; fail "a break-up email sent while idling was not recorded within 8 s"; }
ok "a break-up email sent while idling on INBOX recorded after $secs s"
rw_msg "$T/msgs/r9.eml" "Fay Late <fay@late.example>" "sam@seller.example" \
	"Re: Should I close your file?" "reply-fay@late.example" 0 "breakup-9@seller.example" <<'EOM'
Thanks Sam, call me on Monday.
EOM
dovecot_save INBOX "$T/msgs/r9.eml"
rw_wait_sql "select count(*) from replies where message_id='reply-fay@late.example'" 1 10 >/dev/null ||
	{ cat "$T/watch.err" >&2; fail "a reply to an email just sent was not matched"; }
ok "a break-up email sent while watching, and its reply, are both found"

# SIGHUP with a broken rule file: the old rules stay and the watcher says why.
printf 'rule broken/one\nclass yes\nweight 1\nreply (unclosed\n' >"$T/rules/50-broken.rules"
kill -HUP "$RW_WATCH_PID"
for _ in $(seq 1 50); do grep -q "not reloaded" "$T/watch.err" && break; sleep 0.1; done
grep -q "not reloaded" "$T/watch.err" || { cat "$T/watch.err" >&2; fail "no message about the broken rules"; }
grep "not reloaded" "$T/watch.err" | grep -q "50-broken.rules" || fail "the message does not name the broken file"
kill -0 "$RW_WATCH_PID" || fail "the watcher died on a broken rule file"
ok "SIGHUP with a broken rule file keeps the old rules: $(grep "not reloaded" "$T/watch.err" | head -1)"
rm "$T/rules/50-broken.rules"
kill -HUP "$RW_WATCH_PID"
for _ in $(seq 1 50); do grep -q "rules reloaded" "$T/watch.err" && break; sleep 0.1; done
grep -q "rules reloaded" "$T/watch.err" || { cat "$T/watch.err" >&2; fail "rules not reloaded after the fix"; }
ok "SIGHUP reloads the fixed rules"

# Still working after the reloads.
rw_msg "$T/msgs/idle4.eml" "Bob Buyer <bob@buyer.example>" "sam@seller.example" \
	"Re: a quick follow-up (4)" "idle-4@buyer.example" 0 "pending-1@seller.example" <<'EOM'
Yes, go ahead and close it.
EOM
dovecot_save INBOX "$T/msgs/idle4.eml"
rw_wait_sql "select count(*) from replies where message_id='idle-4@buyer.example'" 1 10 >/dev/null ||
	{ cat "$T/watch.err" >&2; fail "not watching after SIGHUP"; }
ok "still watching after the reloads"

kill -TERM "$RW_WATCH_PID"
rc=0
wait "$RW_WATCH_PID" || rc=$?
RW_WATCH_PID=
[ "$rc" = 0 ] || { cat "$T/watch.err" >&2; fail "SIGTERM: exit $rc"; }
ok "SIGTERM: exit 0"
EXPECTED_REPLIES="$EXPECTED_REPLIES idle-1@buyer.example idle-2@buyer.example idle-3@buyer.example reply-fay@late.example idle-4@buyer.example"
rw_check_replies "after the daemon run"
ok "every reply recorded once"
