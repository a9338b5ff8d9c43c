#!/usr/bin/env bash
# Large mail (SPEC §6): of a reply only the text parts are fetched, each up to
# max_body_bytes; attachments are never downloaded; unrelated mail with a big attachment is
# never downloaded beyond its headers.
. "$(dirname "$0")/lib_watch.sh"
rw_setup
rw_make_samples
rw_config max_body_bytes=64K

attachment() { head -c "$1" /dev/urandom | base64 -w 76 | sed 's/$/\r/'; }
{
	printf 'From: Alice Prospect <alice@prospect.example>\r\nTo: sam@seller.example\r\n'
	printf 'Subject: Re: Should I close your file? (with the brochure)\r\nDate: %s\r\n' "$(LC_ALL=C date -R)"
	printf 'Message-ID: <big-attach@prospect.example>\r\nIn-Reply-To: <breakup-1@seller.example>\r\n'
	printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="outer"\r\n\r\n'
	printf -- '--outer\r\nContent-Type: multipart/alternative; boundary="inner"\r\n\r\n'
	printf -- '--inner\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nYes, call me on Tuesday, we want to go ahead.\r\n'
	printf -- '--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Yes, call me on Tuesday, we want to go ahead.</p>\r\n'
	printf -- '--inner--\r\n'
	printf -- '--outer\r\nContent-Type: application/pdf; name="brochure.pdf"\r\nContent-Disposition: attachment; filename="brochure.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
	attachment 3000000
	printf -- '--outer\r\nContent-Type: text/plain; name="notes.txt"\r\nContent-Disposition: attachment; filename="notes.txt"\r\n\r\n'
	head -c 500000 /dev/zero | tr '\0' 'x' | fold -w 70 | sed 's/$/\r/'
	printf -- '--outer--\r\n'
} >"$T/msgs/big1.eml"
{
	printf 'From: Bob Buyer <bob@buyer.example>\r\nTo: sam@seller.example\r\nSubject: Re: a quick follow-up\r\n'
	printf 'Date: %s\r\nMessage-ID: <big-text@buyer.example>\r\nIn-Reply-To: <pending-1@seller.example>\r\n' "$(LC_ALL=C date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
	printf 'Please reconnect in March.\r\n'
	for _ in $(seq 1 40000); do printf 'and a very long log file pasted below, line after line after line\r\n'; done
} >"$T/msgs/big2.eml"
{
	printf 'From: News <news@newsletter.example>\r\nTo: sam@seller.example\r\nSubject: The big catalogue\r\n'
	printf 'Date: %s\r\nMessage-ID: <big-news@newsletter.example>\r\n' "$(LC_ALL=C date -R)"
	printf 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nOur catalogue.\r\n'
	printf -- '--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n'
	attachment 3000000
	printf -- '--b--\r\n'
} >"$T/msgs/big3.eml"
for f in big1 big2 big3; do dovecot_save INBOX "$T/msgs/$f.eml"; done
EXPECTED_REPLIES="$EXPECTED_REPLIES big-attach@prospect.example big-text@buyer.example"

rw -v -v watch --once >"$T/out" 2>"$T/err" || { tail -5 "$T/err" >&2; fail "pass failed"; }
rw_check_replies "large mail"
ok "replies with a 3 MB attachment and with 2.7 MB of text recorded"
# The server's own count of bytes it sent in the session.
out=$(grep "imap($DC_USER).*Logged out" "$T/dc/dovecot.log" | tail -1 | sed -n 's/.* out=\([0-9]*\).*/\1/p')
[ -n "$out" ] || fail "no byte count in dovecot.log"
[ "$out" -lt 400000 ] || fail "the server sent $out bytes: attachments or whole texts were downloaded"
ok "the server sent $out bytes for messages of $(du -cb "$T"/msgs/big*.eml | tail -1 | cut -f1) bytes"
grep '^C: .*FETCH' "$T/err" >"$T/fetches"
grep -q 'BODY.PEEK\[1.1\]<0.65536>' "$T/fetches" || fail "the text part was not fetched with the cap"
if grep -qE 'BODY.PEEK\[(2|3)\]' "$T/fetches"; then fail "an attachment part was fetched"; fi
ok "text parts fetched with BODY.PEEK up to 64 KiB, attachment parts never"
raw=$(rw_sql "select length(raw) from replies where message_id='big-text@buyer.example'")
[ -n "$raw" ] && [ "$raw" -le 70000 ] || fail "the stored text is $raw bytes, cap 64 KiB"
ok "a huge text part is cut at max_body_bytes"
