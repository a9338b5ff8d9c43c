#!/usr/bin/env bash
# bench_imap.sh: the watcher against a local Dovecot (SPEC §6 "Incremental").
#
#	tests/bench/bench_imap.sh PATH/TO/replywatch [SIZES...]      (default: 1000 100000)
#
# For each size: a fresh Dovecot whose INBOX holds that many messages (1-8 KiB, 1% of them
# replies to a tracked break-up email), then
#   - the first pass (`watch --once` on an empty database): wall time, messages/s, peak RSS;
#   - a pass with no new mail (a second `watch --once`): wall time, round trips of the pass,
#     peak RSS.
# Round trips are the pass's commands (login and LOGOUT add a constant 3-4). The acceptance
# numbers: the no-new-mail pass costs the same round trips at every size; peak RSS < 32 MiB.
# Takes about a minute for 100,000 messages (writing them is most of it). Needs python3.
set -euo pipefail
bin=${1:?usage: bench_imap.sh PATH/TO/replywatch [SIZES...]}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 100000)
here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../integration/lib_dovecot.sh
. "$here/tests/integration/lib_dovecot.sh"

T=""
cleanup() {
	if [ -n "$T" ]; then
		DC_DIR=$T/dc dovecot_stop KILL 2>/dev/null || true
		rm -rf "$T"
	fi
}
trap cleanup EXIT

# write_mailbox DIR N: N messages straight into the Maildir (cur/, seen by nobody yet).
write_mailbox() {
	python3 - "$1" "$2" <<'EOF'
import os, random, sys, time
d, n = sys.argv[1], int(sys.argv[2])
random.seed(42)
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(d, sub), exist_ok=True)
words = ("widget order invoice meeting update shipping report quarter budget team project "
         "schedule review notes lunch agenda please thanks regards").split()
now = time.time()
for i in range(1, n + 1):
    t = now - (n - i) * 60  # one a minute: all within since_days
    date = time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(t))
    if i % 100 == 0:
        hdr = ("From: Alice Prospect <alice@prospect.example>\r\nTo: sam@seller.example\r\n"
               "Subject: Re: Should I close your file?\r\nIn-Reply-To: <breakup-1@seller.example>\r\n")
        body = "Please reconnect in March, we are in the middle of a reorg.\r\n"
    else:
        hdr = ("From: Sender %d <sender%d@example.net>\r\nTo: sam@seller.example\r\n"
               "Subject: %s %d\r\n" % (i % 977, i % 977, random.choice(words), i))
        body = "".join(" ".join(random.choice(words) for _ in range(12)) + "\r\n"
                       for _ in range(random.randint(10, 120)))
    msg = (hdr + "Date: %s\r\nMessage-ID: <bench-%d@example.net>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" % (date, i) + body).encode()
    name = "%d.M%dP1.bench,S=%d:2,S" % (int(t), i, len(msg))
    with open(os.path.join(d, "cur", name), "wb") as f:
        f.write(msg)
    os.utime(os.path.join(d, "cur", name), (t, t))
EOF
}

# run LABEL: one `watch --once`; prints wall s, pass s, round trips, peak RSS MiB.
run() {
	local label=$1 err=$T/err.$RANDOM
	/usr/bin/time -f "%e %M" -o "$T/time" "$bin" -c "$T/config" -d "$T/rw.db" watch --once 2>"$err" ||
		{ cat "$err" >&2; exit 1; }
	local wall rss line secs rt seen
	read -r wall rss <"$T/time"
	line=$(grep "messages read" "$err" | tail -1)
	seen=$(sed -n 's/.*watch: \([0-9]*\) messages read.*/\1/p' <<<"$line")
	secs=$(sed -n 's/.*(\([0-9.]*\) s, \([0-9]*\) round trips).*/\1/p' <<<"$line")
	rt=$(sed -n 's/.*(\([0-9.]*\) s, \([0-9]*\) round trips).*/\2/p' <<<"$line")
	printf '  %-22s %8s msgs  wall %6.2f s  pass %6.2f s  %6s round trips  peak RSS %5.1f MiB\n' \
		"$label" "$seen" "$wall" "$secs" "$rt" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
	awk -v k="$rss" 'BEGIN{exit !(k/1024 < 32)}' || echo "  !! peak RSS over 32 MiB"
}

for n in "${sizes[@]}"; do
	T=$(mktemp -d /tmp/rwbench.XXXXXX)
	chmod 755 "$T"
	echo "== INBOX of $n messages"
	t0=$(date +%s.%N)
	dovecot_start "$T/dc"
	write_mailbox "$T/dc/mail/$DC_USER" "$n"
	mkdir -p "$T/dc/mail/$DC_USER/.Sent/cur" "$T/dc/mail/$DC_USER/.Sent/new" "$T/dc/mail/$DC_USER/.Sent/tmp"
	printf 'From: sam@seller.example\r\nTo: Alice <alice@prospect.example>\r\nSubject: Should I close your file?\r\nDate: %s\r\nMessage-ID: <breakup-1@seller.example>\r\n\r\nThis will be my last note. I'"'"'m still interested, but I don'"'"'t want to be a pest. If you'"'"'re slammed and would like me to reconnect in 90 days or so, just let me know.\r\n' \
		"$(LC_ALL=C date -R -d '-200 days')" >"$T/sent.eml"
	# The break-up email is older than the replies' window start only in INTERNALDATE terms
	# that do not matter here; its Date header makes the thread match.
	dovecot_deliver Sent "$T/sent.eml"
	[ "$(id -u)" = 0 ] && chown -R "$DC_MAILUSER:" "$T/dc/mail"
	printf '  written in %.1f s (%s MiB)\n' "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" \
		"$(du -sm "$T/dc/mail" | cut -f1)"
	printf '%s\n' "$DC_PASS" >"$T/password"
	chmod 600 "$T/password"
	cat >"$T/config" <<EOF
[imap]
host = 127.0.0.1
port = $DC_IMAPS_PORT
ca_file = $DC_CA
user = $DC_USER
password_file = $T/password
[watch]
since_days = 3650
EOF
	run "first pass"
	run "no new mail"
	run "no new mail (again)"
	echo "  replies recorded: $(sqlite3 "$T/rw.db" 'select count(*) from replies' 2>/dev/null || echo '?')"
	cleanup
	T=""
done
