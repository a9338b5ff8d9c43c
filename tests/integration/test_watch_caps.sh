#!/usr/bin/env bash
# A plainer server (SPEC §6): no IDLE, no CONDSTORE, no SPECIAL-USE (capabilities overridden,
# no folder marked \Sent), folder names in other languages (modified UTF-7 on the wire,
# RFC 3501 5.1.3): the Sent folder configured as "Éléments envoyés", replies watched in
# "Gesendete Objekte/Antworten" too. The watcher polls instead of idling.
. "$(dirname "$0")/lib_watch.sh"
cat >"/tmp/rwcaps.$$" <<'EOC'
imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE NAMESPACE UIDPLUS CHILDREN
EOC
DC_SPECIAL_USE=0 rw_setup "/tmp/rwcaps.$$"
rm -f "/tmp/rwcaps.$$"
SENT="Éléments envoyés"
OTHER="Gesendete Objekte/Antworten"
dovecot_mkdir "$SENT"
dovecot_mkdir "$OTHER"
rw_make_samples "$SENT"
# One reply filed in the other folder.
dovecot_save "$OTHER" "$T/msgs/r2.eml"
dc_doveadm expunge -u "$DC_USER" mailbox INBOX header Message-ID "<reply-bob@buyer.example>"

printf 'a login %s %s\nb capability\nc list "" "*"\nd logout\n' "$DC_USER" "$DC_PASS" |
	timeout 5 openssl s_client -quiet -CAfile "$DC_CA" -connect 127.0.0.1:"$DC_IMAPS_PORT" 2>/dev/null >"$T/caps" || true
grep -q '^\* CAPABILITY' "$T/caps" || fail "no CAPABILITY answer from the test server"
if grep '^\* CAPABILITY' "$T/caps" | grep -qE 'IDLE|CONDSTORE|SPECIAL-USE'; then fail "the override did not take"; fi
grep -q '&AMk-l&AOk-ments envoy&AOk-s' "$T/caps" || fail "the server does not list the folder in modified UTF-7"
if grep -q '\\Sent' "$T/caps"; then fail "the server still marks a Sent folder"; fi
ok "server without IDLE, CONDSTORE and SPECIAL-USE; folder names in modified UTF-7"

# Without sent_folder there is no Sent folder to read: nothing is matched by thread.
rw_config folders="INBOX,$OTHER" poll_interval=5
rw -v watch --once 2>"$T/err" || { cat "$T/err" >&2; fail "pass without a Sent folder failed"; }
[ "$(rw_sql "select count(*) from outbound")" = 0 ] || fail "outbound recorded without a Sent folder"
ok "no \\Sent anywhere and none configured: the pass runs, records nothing"

# A fresh database: the pass above already looked at INBOX.
DB=$T/rw2.db
rw_config folders="INBOX,$OTHER" sent_folder="$SENT" poll_interval=5
rw -v watch --once 2>"$T/err" || { cat "$T/err" >&2; fail "pass with a UTF-8 sent_folder failed"; }
[ "$(rw_sql "select count(*) from outbound")" = 3 ] || { cat "$T/err" >&2; fail "outbound emails in '$SENT' not recorded"; }
rw_check_replies "UTF-7 folders"
[ "$(rw_sql "select folder from replies where message_id='reply-bob@buyer.example'")" = "$OTHER" ] ||
	fail "the reply in '$OTHER' not recorded with its folder name"
[ "$(rw_sql "select highestmodseq from folders where name='INBOX'")" = 0 ] || fail "HIGHESTMODSEQ stored without CONDSTORE"
ok "sent_folder '$SENT' and watched folder '$OTHER' work; no CONDSTORE state"

rw_config sent_folder="Gesendet" poll_interval=5
rc=0
rw watch --once 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "sent_folder 'Gesendet' not found" "$T/err" || { cat "$T/err" >&2; fail "a missing sent_folder is not reported clearly"; }
ok "a sent_folder that does not exist: $(cat "$T/err")"

# Polling: a new reply is found on the next poll (poll_interval 5 s).
rw_config folders="INBOX,$OTHER" sent_folder="$SENT" poll_interval=5
rw_watch_bg
sleep 1
rw_msg "$T/msgs/p1.eml" "Alice Prospect <alice@prospect.example>" "sam@seller.example" \
	"Re: Should I close your file?" "poll-1@prospect.example" 0 "breakup-1@seller.example" <<'EOM'
Call me tomorrow.
EOM
dovecot_save "$OTHER" "$T/msgs/p1.eml"
secs=$(rw_wait_sql "select count(*) from replies where message_id='poll-1@prospect.example'" 1 12) ||
	{ cat "$T/watch.err" >&2; fail "polling did not find the new reply"; }
ok "polling without IDLE found a new reply in '$OTHER' after $secs s"
kill -TERM "$RW_WATCH_PID"
wait "$RW_WATCH_PID" || fail "SIGTERM while polling: non-zero exit"
RW_WATCH_PID=
ok "SIGTERM while polling: exit 0"
