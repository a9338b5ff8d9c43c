#!/usr/bin/env bash
# The connection (SPEC §6): implicit TLS and STARTTLS verified against the configured CA;
# a CA that did not sign the server's certificate and a host name the certificate does not
# name are refused before any credential is sent; plain text only to loopback; a wrong
# password is one clear line and exit 1.
. "$(dirname "$0")/lib_watch.sh"
rw_setup

expect_ok() {
	local what=$1
	rw watch --once >"$T/out" 2>"$T/err" || { cat "$T/err" >&2; fail "$what: watch --once failed"; }
	ok "$what"
}
# expect_refused WHAT PATTERN: exit 1, one line on stderr matching PATTERN.
expect_refused() {
	local what=$1 pattern=$2 rc=0
	rw watch --once >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" = 1 ] || { cat "$T/err" >&2; fail "$what: exit $rc, expected 1"; }
	grep -q -- "$pattern" "$T/err" || { cat "$T/err" >&2; fail "$what: no '$pattern' in the message"; }
	[ "$(wc -l <"$T/err")" = 1 ] || { cat "$T/err" >&2; fail "$what: more than one line"; }
	if grep -q "$DC_PASS" "$T/err" "$T/out"; then fail "$what: the password was printed"; fi
	ok "$what: $(cat "$T/err")"
}

rw_config
expect_ok "implicit TLS, right CA"
rw_config tls=starttls port="$DC_IMAP_PORT"
expect_ok "STARTTLS, right CA"

rw_config ca_file="$DC_OTHER_CA"
expect_refused "implicit TLS, wrong CA" "certificate not trusted"
rw_config tls=starttls port="$DC_IMAP_PORT" ca_file="$DC_OTHER_CA"
expect_refused "STARTTLS, wrong CA" "certificate not trusted"
# The server listens on 127.0.0.2 too; its certificate names only localhost and 127.0.0.1.
rw_config host=127.0.0.2
expect_refused "wrong host name" "does not name host '127.0.0.2'"
grep -q "user=<$DC_USER>" "$T/dc/dovecot.log" && [ "$(grep -c "Login: user=<$DC_USER>" "$T/dc/dovecot.log")" = 2 ] ||
	fail "a refused server saw a login (only the 2 good sessions may log in)"
ok "no login was attempted to a refused server"
# The system store does not know the throwaway CA.
rw_config ca_file=
expect_refused "system trust store, private CA" "certificate not trusted"

rw_config tls=none port="$DC_IMAP_PORT"
expect_ok "plain text to 127.0.0.1"
rw_config tls=none port="$DC_IMAP_PORT" host=imap.example.com
expect_refused "plain text to a remote host" "only to a loopback"

printf 'wrong\n' >"$T/badpw"
chmod 600 "$T/badpw"
rw_config password_file="$T/badpw"
expect_refused "wrong password" "LOGIN as 'sam' refused"

rw_config port=1
expect_refused "nothing listening" "cannot connect"

# A server that accepts the connection and then says nothing: the read times out.
port=$(dc_free_port)
python3 -c '
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(5)
conns = []
end = time.time() + 30
while time.time() < end:
    s.settimeout(1)
    try:
        conns.append(s.accept()[0])
    except OSError:
        pass
' "$port" &
silent=$!
sleep 0.5
for tls in implicit none; do
	rw_config port="$port" tls=$tls
	start=$(date +%s)
	rc=0
	REPLYWATCH_IMAP_TIMEOUT=2 rw watch --once >"$T/out" 2>"$T/err" || rc=$?
	took=$(($(date +%s) - start))
	[ "$rc" = 1 ] || { cat "$T/err" >&2; fail "silent server ($tls): exit $rc"; }
	[ "$took" -le 10 ] || fail "silent server ($tls): gave up only after $took s (timeout 2 s per read)"
	ok "a server that never answers (tls = $tls): given up after $took s: $(tail -1 "$T/err")"
done
kill "$silent" 2>/dev/null || true
