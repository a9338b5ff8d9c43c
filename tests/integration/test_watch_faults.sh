#!/usr/bin/env bash
# Faults (SPEC §6 "Exactly once", "Faults"): the server restarted in the middle of a pass,
# and the watcher SIGKILLed in the middle of a pass and started again. After each, every
# reply is recorded exactly once: none twice, none skipped.
. "$(dirname "$0")/lib_watch.sh"
rw_setup
rw_make_samples
N=400

count() { rw_sql "select count(*) from replies where message_id like 'bulk-%'"; }
check_bulk() {
	local what=$1 want=$2 got dup
	got=$(count)
	[ "$got" = "$want" ] || fail "$what: $got bulk replies recorded, expected $want"
	dup=$(rw_sql "select count(*) - count(distinct uid) from replies where folder='INBOX'")
	[ "$dup" = 0 ] || fail "$what: a message was recorded under two UIDs"
}

# 1. The server goes away mid-pass; the daemon reconnects with backoff and finishes.
rw_many_replies $N 1
rw_watch_bg
for _ in $(seq 1 400); do
	c=$(count 2>/dev/null || echo 0)
	[ "${c:-0}" -gt 20 ] && break
	sleep 0.02
done
[ "${c:-0}" -gt 20 ] && [ "$c" -lt $N ] || fail "could not catch the watcher mid-pass ($c of $N)"
dovecot_restart
echo "  server restarted after $c of $N replies"
rw_wait_sql "select count(*) from replies where message_id like 'bulk-%'" $N 60 >/dev/null ||
	{ cat "$T/watch.err" >&2; fail "the pass did not complete after the restart ($(count) of $N)"; }
grep -q "reconnecting in" "$T/watch.err" || { cat "$T/watch.err" >&2; fail "no reconnect seen"; }
check_bulk "server restart" $N
kill -0 "$RW_WATCH_PID" || fail "the watcher exited"
ok "server restarted mid-pass: reconnected ($(grep -c "reconnecting in" "$T/watch.err") time(s)), all $N replies once"
kill -TERM "$RW_WATCH_PID"
wait "$RW_WATCH_PID" || fail "SIGTERM: non-zero exit"
RW_WATCH_PID=

# 2. The watcher is killed without warning mid-pass, then run again.
rw_many_replies $N $((N + 1))
rw watch --once 2>"$T/once.err" &
pid=$!
for _ in $(seq 1 400); do
	c=$(count 2>/dev/null || echo 0)
	[ "${c:-0}" -gt $((N + 20)) ] && break
	sleep 0.02
done
# rw is a function: kill the replywatch process itself.
wpid=$(ps -o pid= --ppid "$pid" | head -1)
kill -KILL ${wpid:-$pid} 2>/dev/null || true
wait "$pid" 2>/dev/null || true
c=$(count)
[ "$c" -gt $N ] && [ "$c" -lt $((2 * N)) ] || fail "could not kill the watcher mid-pass ($c of $((2 * N)))"
echo "  watcher SIGKILLed after $c of $((2 * N)) replies"
rw watch --once 2>"$T/once.err" || { cat "$T/once.err" >&2; fail "the pass after SIGKILL failed"; }
check_bulk "SIGKILL" $((2 * N))
ok "watcher SIGKILLed mid-pass and restarted: all $((2 * N)) replies once"
# 3. SIGTERM mid-pass: the message in hand is finished, exit 0, and the next pass goes on
# from there.
rw_many_replies $N $((2 * N + 1))
"$REPLYWATCH" -c "$T/config" -d "$DB" watch --once 2>"$T/once.err" &
pid=$!
for _ in $(seq 1 400); do
	c=$(count 2>/dev/null || echo 0)
	[ "${c:-0}" -gt $((2 * N + 20)) ] && break
	sleep 0.02
done
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
[ "$rc" = 0 ] || { cat "$T/once.err" >&2; fail "SIGTERM mid-pass: exit $rc"; }
c=$(count)
[ "$c" -lt $((3 * N)) ] || fail "SIGTERM came too late to test anything ($c)"
last=$(rw_sql "select last_uid from folders where name='INBOX'")
maxuid=$(rw_sql "select max(uid) from replies where folder='INBOX'")
[ "$last" = "$maxuid" ] || fail "after SIGTERM the high-water mark ($last) is not the last recorded reply ($maxuid)"
echo "  SIGTERM after $c of $((3 * N)) replies: exit 0, high-water mark at the last one recorded"
rw watch --once 2>"$T/once.err" || { cat "$T/once.err" >&2; fail "the pass after SIGTERM failed"; }
check_bulk "SIGTERM" $((3 * N))
ok "SIGTERM mid-pass: finished the message in hand, exit 0; the next pass recorded the rest once"
EXPECTED_REPLIES="$EXPECTED_REPLIES $(rw_sql "select group_concat(message_id, ' ') from replies where message_id like 'bulk-%'")"
rw_check_replies "after the faults"
ok "nothing else recorded"
