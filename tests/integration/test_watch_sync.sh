#!/usr/bin/env bash
# A full pass over a mailbox with outbound emails, threaded and unthreaded replies, an
# auto-reply and unrelated mail (SPEC §3, §6): every reply recorded exactly once, unrelated
# mail ignored, the user's flags untouched; a second pass, a copy of a reply in another
# watched folder and a UIDVALIDITY change classify nothing twice; new mail is found.
. "$(dirname "$0")/lib_watch.sh"
rw_setup
dovecot_mkdir Archive
rw_make_samples
rw_config folders=INBOX,Archive

before_inbox=$(dovecot_flags INBOX)
before_sent=$(dovecot_flags Sent)
[ -n "$before_inbox" ] || fail "no messages in INBOX"

# -vv: the protocol trace (credentials hidden), to see what was fetched.
rw -v -v watch --once >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "first pass failed"; }
rw_check_replies "first pass"
[ "$(rw_sql "select highestmodseq from folders where name='INBOX'")" -gt 0 ] || fail "no HIGHESTMODSEQ kept although the server has CONDSTORE"
ok "first pass: 3 replies recorded once each, HIGHESTMODSEQ kept"
n=$(rw_sql "select count(*) from outbound")
[ "$n" = 3 ] || fail "$n outbound emails recorded, expected 3 (2 break-up, 1 pending; not the lunch one)"
[ "$(rw_sql "select kind from outbound where message_id='pending-1@seller.example'")" = pending ] ||
	fail "the pending-file email was not recognised as pending"
ok "Sent: 2 break-up and 1 pending-file email recorded, the unrelated one ignored"
[ "$(rw_sql "select matched_by from replies where message_id='reply-alice@prospect.example'")" = thread ] ||
	fail "the threaded reply was not matched by thread"
[ "$(rw_sql "select matched_by from replies where message_id='reply-bob@buyer.example'")" = sender ] ||
	fail "the unthreaded reply was not matched by sender"
ok "matched_by: thread for In-Reply-To, sender for the unthreaded reply"
for mid in news-1@newsletter.example carol-1@stranger.example; do
	[ "$(rw_sql "select count(*) from replies where message_id='$mid'")" = 0 ] || fail "unrelated $mid was recorded"
done
ok "unrelated mail ignored"
grep '^C: ' "$T/err" | grep -i 'FETCH' >"$T/fetches" || fail "no FETCH in the trace"
if grep -Ei ' BODY\[| RFC822[ )]|RFC822\.TEXT' "$T/fetches"; then fail "a FETCH that sets \\Seen or takes the whole message"; fi
# INBOX UIDs 4 and 5 are the unrelated messages: only their headers may be read.
if grep -E 'UID FETCH (4|5) ' "$T/fetches"; then fail "an unrelated message was downloaded beyond its headers"; fi
if grep -q "$DC_PASS" "$T/err"; then fail "the password is in the trace"; fi
ok "BODY.PEEK only, unrelated mail never fetched beyond headers, no password in the trace"

[ "$(dovecot_flags INBOX)" = "$before_inbox" ] || fail "INBOX flags changed: $(dovecot_flags INBOX)"
[ "$(dovecot_flags Sent)" = "$before_sent" ] || fail "Sent flags changed"
ok "\\Seen and other flags identical before and after"

rw -v watch --once >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "second pass failed"; }
rw_check_replies "second pass"
grep -q "0 messages read" "$T/err" || { cat "$T/err" >&2; fail "second pass read messages again"; }
ok "second pass: nothing read, nothing recorded twice"

# A copy of a reply filed in another watched folder: same Message-ID, recorded once.
dovecot_save Archive "$T/msgs/r1.eml"
rw -v watch --once >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "pass after copy failed"; }
rw_check_replies "copy in Archive"
grep -q "1 already known" "$T/err" || { cat "$T/err" >&2; fail "the copy was not recognised"; }
ok "a copy in another folder is recognised, not classified again"

# The server renumbers INBOX: everything is looked at again, nothing recorded twice.
old=$(rw_sql "select uidvalidity from folders where name='INBOX'")
dc_doveadm mailbox update -u "$DC_USER" --uid-validity $((old + 1000)) INBOX || fail "cannot change UIDVALIDITY"
rw -v watch --once >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "pass after UIDVALIDITY change failed"; }
rw_check_replies "after UIDVALIDITY change"
[ "$(rw_sql "select uidvalidity from folders where name='INBOX'")" = $((old + 1000)) ] ||
	fail "the new UIDVALIDITY was not recorded"
grep -q "3 already known" "$T/err" || { cat "$T/err" >&2; fail "rescan did not find the known replies"; }
ok "UIDVALIDITY change: rescanned, nothing classified twice"

# New mail after all that is found.
rw_msg "$T/msgs/r4.eml" "Alice Prospect <alice@prospect.example>" "sam@seller.example" \
	"Re: Should I close your file?" "reply-alice-2@prospect.example" 1 "reply-alice@prospect.example" <<'EOM'
Actually, can you call me tomorrow? We are ready to talk.
EOM
sed -i 's/^References: .*/References: <breakup-1@seller.example> <reply-alice@prospect.example>\r/' "$T/msgs/r4.eml"
dovecot_save INBOX "$T/msgs/r4.eml"
rw watch --once 2>"$T/err" || { cat "$T/err" >&2; fail "pass with new mail failed"; }
EXPECTED_REPLIES="$EXPECTED_REPLIES reply-alice-2@prospect.example"
rw_check_replies "new reply"
ok "a new reply after the rescan is recorded"

# keywords = yes: each classified reply gets $replywatch-<class>; nothing else changes.
before=$(dovecot_flags INBOX)
DB=$T/rw-keywords.db
rw_config folders=INBOX,Archive keywords=yes
rw watch --once 2>"$T/err" || { cat "$T/err" >&2; fail "pass with keywords failed"; }
after=$(dovecot_flags INBOX)
for mid in reply-alice@prospect.example reply-bob@buyer.example ooo-dave@doe.example; do
	cls=$(rw_sql "select class from replies where message_id='$mid'")
	uid=$(dc_doveadm fetch -u "$DC_USER" uid mailbox INBOX header Message-ID "<$mid>" | sed -n 's/^uid: //p' | head -1)
	grep -q "^$uid .*\$replywatch-$cls" <<<"$after" || fail "no \$replywatch-$cls on $mid (UID $uid): $after"
done
# Take the keywords away again: every other flag must be as it was.
stripped=$(sed 's/ \$replywatch-[a-z]*//g' <<<"$after")
[ "$stripped" = "$before" ] || fail "keywords = yes changed other flags: before '$before' after '$after'"
ok "keywords = yes: \$replywatch-<class> on each reply, no other flag changed"
