#!/usr/bin/env bash
# XOAUTH2 (SPEC §6): the token comes from oauth2_token_command and is checked by Dovecot's
# oauth2 passdb against a local introspection endpoint (a few lines of Python); a good token
# logs in with method XOAUTH2, a bad one is refused in one line, a failing command is
# reported, and the token never appears in any message.
. "$(dirname "$0")/lib_watch.sh"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

W=$(mktemp -d /tmp/rwoauth.XXXXXX)
chmod 755 "$W"
OPORT=$(dc_free_port)
cat >"$W/introspect.py" <<'EOP'
import http.server, json, sys, urllib.parse
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        tok = urllib.parse.parse_qs(body).get("token", [""])[0]
        good = tok == "good-token-0123456789"
        data = json.dumps({"active": True, "username": "sam"} if good else {"active": False}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *a):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
EOP
python3 "$W/introspect.py" "$OPORT" </dev/null >/dev/null 2>&1 &
HTTP_PID=$!
cat >"$W/oauth2.conf.ext" <<EOC
introspection_mode = post
introspection_url = http://127.0.0.1:$OPORT/introspect
username_attribute = username
active_attribute = active
active_value = true
EOC
cat >"$W/extra.conf" <<EOC
auth_mechanisms = plain login xoauth2 oauthbearer
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $W/oauth2.conf.ext
}
EOC
chmod 644 "$W"/*
rw_setup "$W/extra.conf"
trap 'kill $HTTP_PID 2>/dev/null; rm -rf "$W"; rw_cleanup' EXIT
rw_make_samples

with_token_command() {
	rw_config
	sed -i "s|^password_file = .*|oauth2_token_command = $1|" "$T/config"
}

printf 'good-token-0123456789\n' >"$T/token"
chmod 600 "$T/token"
with_token_command "cat $T/token"
# -vv: with the protocol trace, which must hide the SASL exchange.
rw -v -v watch --once >"$T/out" 2>"$T/trace" || { cat "$T/trace" >&2; fail "XOAUTH2 with a good token failed"; }
b64=$(printf 'user=%s\001auth=Bearer %s\001\001' "$DC_USER" good-token-0123456789 | base64 -w0)
if grep -q -e "token-0123456789" -e "${b64:0:20}" "$T/trace"; then fail "the token is in the protocol trace"; fi
grep -q "Login: user=<$DC_USER>, method=XOAUTH2" "$T/dc/dovecot.log" || fail "the server saw no XOAUTH2 login"
rw_check_replies "XOAUTH2"
ok "XOAUTH2 with the token from oauth2_token_command: logged in, 3 replies recorded"

with_token_command "echo bad-token-9876543210"
rc=0
rw watch --once >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "XOAUTH2 as 'sam' refused" "$T/err" || { cat "$T/err" >&2; fail "a bad token is not refused clearly"; }
[ "$(wc -l <"$T/err")" = 1 ] || { cat "$T/err" >&2; fail "more than one line for a bad token"; }
ok "a bad token: $(cat "$T/err")"

with_token_command "exit 3"
rc=0
rw watch --once >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" = 1 ] && grep -q "oauth2_token_command failed (exit status 3)" "$T/err" || { cat "$T/err" >&2; fail "a failing token command is not reported"; }
ok "a failing token command: $(cat "$T/err")"

if grep -rq "token-0123456789\|token-9876543210" "$T/err" "$T/out"; then fail "a token was printed"; fi
ok "no token in any message"
