# lib_watch.sh: what the watcher's integration tests share (sourced after lib_dovecot.sh).
#
# rw_setup starts a Dovecot in a fresh temporary directory $T (under /tmp: every parent must
# be world-traversable for the mail user) and writes $T/config for the watcher; rw_cleanup
# (an EXIT trap) stops the server and removes $T. Messages are made by rw_msg with dates
# relative to now, so the since_days and match_window_days windows hold whenever it runs.

set -euo pipefail
here_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib_dovecot.sh
. "$here_lib/lib_dovecot.sh"

: "${REPLYWATCH:?set REPLYWATCH to the replywatch binary}"
RW_SOURCE_DIR=${RW_SOURCE_DIR:-$(cd "$here_lib/../.." && pwd)}

fail() {
	echo "FAIL: $*" >&2
	if [ -n "${T:-}" ] && [ -f "$T/dovecot.log" ]; then
		echo "--- last lines of dovecot.log" >&2
		tail -5 "$T/dovecot.log" >&2
	fi
	exit 1
}
ok() { echo "ok - $*"; }

rw_cleanup() {
	local rc=$?
	if [ -n "${RW_WATCH_PID:-}" ]; then
		kill -KILL "$RW_WATCH_PID" 2>/dev/null || true
	fi
	if [ -n "${T:-}" ]; then
		DC_DIR=$T/dc dovecot_stop KILL 2>/dev/null || true
		[ "${RW_KEEP:-}" = 1 ] || rm -rf "$T"
	fi
	exit $rc
}

# rw_setup [EXTRA_DOVECOT_CONF]
rw_setup() {
	T=$(mktemp -d /tmp/rwtest.XXXXXX)
	chmod 755 "$T"
	trap rw_cleanup EXIT
	DC_EXTRA=${1:-}
	dovecot_start "$T/dc" "$DC_EXTRA" || fail "dovecot did not start"
	printf '%s\n' "$DC_PASS" >"$T/password"
	chmod 600 "$T/password"
	DB=$T/rw.db
	rw_config
}

# rw_config [KEY=VALUE...]: [imap] keys (tls, port, ca_file, host, sent_folder, folders,
# password_file) and [watch] keys (poll_interval, since_days).
rw_config() {
	local tls=implicit port=$DC_IMAPS_PORT ca=$DC_CA host=127.0.0.1 sent="" folders=INBOX
	local pwfile=$T/password poll=60 since=120 user=$DC_USER rules="" keywords=no maxbody=1M
	local kv
	for kv in "$@"; do
		case $kv in
		tls=*) tls=${kv#tls=} ;;
		port=*) port=${kv#port=} ;;
		ca_file=*) ca=${kv#ca_file=} ;;
		host=*) host=${kv#host=} ;;
		sent_folder=*) sent=${kv#sent_folder=} ;;
		folders=*) folders=${kv#folders=} ;;
		password_file=*) pwfile=${kv#password_file=} ;;
		poll_interval=*) poll=${kv#poll_interval=} ;;
		since_days=*) since=${kv#since_days=} ;;
		user=*) user=${kv#user=} ;;
		rules_dir=*) rules=${kv#rules_dir=} ;;
		keywords=*) keywords=${kv#keywords=} ;;
		max_body_bytes=*) maxbody=${kv#max_body_bytes=} ;;
		*) fail "rw_config: unknown $kv" ;;
		esac
	done
	{
		echo "[imap]"
		echo "host = $host"
		echo "port = $port"
		echo "tls = $tls"
		[ -n "$ca" ] && echo "ca_file = $ca"
		echo "user = $user"
		echo "password_file = $pwfile"
		echo "folders = $folders"
		[ -n "$sent" ] && echo "sent_folder = $sent"
		echo "[watch]"
		echo "poll_interval = $poll"
		echo "since_days = $since"
		echo "keywords = $keywords"
		echo "max_body_bytes = $maxbody"
		if [ -n "$rules" ]; then
			echo "[rules]"
			echo "dir = $rules"
		fi
	} >"$T/config"
}

rw() { "$REPLYWATCH" -c "$T/config" -d "$DB" "$@"; }

# rw_msg FILE FROM TO SUBJECT MESSAGE-ID DAYS-AGO [IN-REPLY-TO] [EXTRA-HEADER] < BODY
rw_msg() {
	local file=$1 from=$2 to=$3 subject=$4 mid=$5 ago=$6 irt=${7:-} extra=${8:-}
	{
		printf 'From: %s\r\n' "$from"
		printf 'To: %s\r\n' "$to"
		printf 'Subject: %s\r\n' "$subject"
		printf 'Date: %s\r\n' "$(LC_ALL=C date -R -d "-$ago days")"
		printf 'Message-ID: <%s>\r\n' "$mid"
		if [ -n "$irt" ]; then
			printf 'In-Reply-To: <%s>\r\n' "$irt"
			printf 'References: <%s>\r\n' "$irt"
		fi
		[ -n "$extra" ] && printf '%s\r\n' "$extra"
		printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
		sed 's/$/\r/'
	} >"$file"
}

# The standard mailbox: two outbound emails in Sent (a break-up to alice, a pending-file
# email to bob), a third outbound that is neither kind; in INBOX a threaded reply (alice), an
# unthreaded reply (bob, by sender), an out-of-office (dave, threaded to a break-up), and
# unrelated mail (a newsletter, a stranger). EXPECTED_REPLIES lists the Message-IDs that must
# end up classified, once each.
rw_make_samples() {
	local d=$T/msgs sentf=${1:-Sent}
	mkdir -p "$d"
	rw_msg "$d/s1.eml" "Sam Seller <sam@seller.example>" "Alice Prospect <alice@prospect.example>" \
		"Should I close your file?" "breakup-1@seller.example" 10 <<'EOF'
Hi Alice,

This will be my last note. I'm still interested, but I don't want to be a pest.
If you're slammed and would like me to reconnect in 90 days or so, just let me know.

Sam
EOF
	rw_msg "$d/s2.eml" "Sam Seller <sam@seller.example>" "Bob Buyer <bob@buyer.example>" \
		"a quick follow-up" "pending-1@seller.example" 9 <<'EOF'
Hi Bob,

Please advise if I should be putting my notes from our conversations about the new
warehouse system into the No Longer Interested file, or call when you're ready to take
the next step.

Sam
EOF
	rw_msg "$d/s3.eml" "Sam Seller <sam@seller.example>" "Dave Doe <dave@doe.example>" \
		"Should I close your file?" "breakup-2@seller.example" 8 <<'EOF'
Hi Dave,

This will be my last note. I'm still interested, but I don't want to be a pest.
If you're slammed and would like me to reconnect in 90 days or so, just let me know.

Sam
EOF
	rw_msg "$d/s4.eml" "Sam Seller <sam@seller.example>" "Eve Colleague <eve@seller.example>" \
		"lunch?" "lunch-1@seller.example" 7 <<'EOF'
Lunch on Thursday?
EOF
	rw_msg "$d/r1.eml" "Alice Prospect <alice@prospect.example>" "sam@seller.example" \
		"Re: Should I close your file?" "reply-alice@prospect.example" 5 "breakup-1@seller.example" <<'EOF'
Hi Sam, sorry for the silence. We are in the middle of a reorg; please reconnect in
March.

Alice

On Mon, Sam Seller wrote:
> This will be my last note.
EOF
	rw_msg "$d/r2.eml" "Bob Buyer <bob@buyer.example>" "sam@seller.example" \
		"warehouse system" "reply-bob@buyer.example" 4 <<'EOF'
Sam, no, don't close it! Let's talk next week, can you call me Tuesday?

Bob
EOF
	rw_msg "$d/r3.eml" "Dave Doe <dave@doe.example>" "sam@seller.example" \
		"Automatic reply: Should I close your file?" "ooo-dave@doe.example" 7 "breakup-2@seller.example" \
		"Auto-Submitted: auto-replied" <<'EOF'
I am out of the office until 30 September with limited access to email.
EOF
	rw_msg "$d/u1.eml" "News <news@newsletter.example>" "sam@seller.example" \
		"This week in widgets" "news-1@newsletter.example" 3 <<'EOF'
Ten things you did not know about widgets.
EOF
	rw_msg "$d/u2.eml" "Carol Stranger <carol@stranger.example>" "sam@seller.example" \
		"Re: something else" "carol-1@stranger.example" 2 "unrelated-9@stranger.example" <<'EOF'
Thanks, see you then.
EOF
	EXPECTED_REPLIES="reply-alice@prospect.example reply-bob@buyer.example ooo-dave@doe.example"
	for f in s1 s2 s3 s4; do dovecot_save "$sentf" "$d/$f.eml" '\Seen' || fail "save $f"; done
	dovecot_save INBOX "$d/r1.eml" || fail "save r1"
	dovecot_save INBOX "$d/r2.eml" '\Seen' || fail "save r2"
	dovecot_save INBOX "$d/r3.eml" || fail "save r3"
	dovecot_save INBOX "$d/u1.eml" '\Flagged' || fail "save u1"
	dovecot_save INBOX "$d/u2.eml" || fail "save u2"
}

rw_sql() { sqlite3 -batch -noheader "$DB" "$1"; }

# Every expected reply recorded exactly once, nothing else recorded.
rw_check_replies() {
	local what=$1 n mid got
	n=$(rw_sql "select count(*) from replies")
	local want=0
	for mid in $EXPECTED_REPLIES; do
		want=$((want + 1))
		got=$(rw_sql "select count(*) from replies where message_id = '$mid'")
		[ "$got" = 1 ] || fail "$what: reply $mid recorded $got times"
	done
	[ "$n" = "$want" ] || fail "$what: $n replies recorded, expected $want: $(rw_sql 'select message_id from replies')"
}

# rw_wait_sql QUERY VALUE SECONDS: wait until the query prints VALUE; prints the seconds
# waited (to 0.01 s). Fails after SECONDS.
rw_wait_sql() {
	local q=$1 want=$2 limit=$3 start now
	start=$(date +%s.%N)
	while :; do
		if [ "$(rw_sql "$q" 2>/dev/null || true)" = "$want" ]; then
			now=$(date +%s.%N)
			awk -v a="$start" -v b="$now" 'BEGIN{printf "%.2f\n", b-a}'
			return 0
		fi
		now=$(date +%s.%N)
		if awk -v a="$start" -v b="$now" -v l="$limit" 'BEGIN{exit !(b-a > l)}'; then
			return 1
		fi
		sleep 0.05
	done
}

# rw_watch_bg: the watcher as a daemon; its stderr in $T/watch.err.
rw_watch_bg() {
	# Not through the rw function: $! must be the watcher itself, not a subshell.
	"$REPLYWATCH" -c "$T/config" -d "$DB" "$@" watch >"$T/watch.out" 2>"$T/watch.err" &
	RW_WATCH_PID=$!
}

# rw_many_replies N FIRST: N threaded replies to breakup-1 (delivered as files: fast),
# Message-IDs bulk-FIRST..bulk-(FIRST+N-1).
rw_many_replies() {
	local n=$1 first=$2 i d
	d=$(dc_maildir INBOX)
	mkdir -p "$d/tmp" "$d/new" "$d/cur"
	for ((i = first; i < first + n; i++)); do
		printf 'From: Alice Prospect <alice@prospect.example>\r\nTo: sam@seller.example\r\nSubject: Re: Should I close your file? (%d)\r\nDate: %s\r\nMessage-ID: <bulk-%d@prospect.example>\r\nIn-Reply-To: <breakup-1@seller.example>\r\n\r\nPlease reconnect in March, we are busy (%d).\r\n' \
			"$i" "$(LC_ALL=C date -R)" "$i" "$i" >"$d/tmp/bulk$i.rwtest"
		mv "$d/tmp/bulk$i.rwtest" "$d/new/$((1700000000 + i)).bulk$i.rwtest"
	done
	[ "$(id -u)" = 0 ] && chown -R "$DC_MAILUSER:" "$DC_DIR/mail"
	return 0
}
