#!/usr/bin/env bash
# The demo (README's first command: cmake --build build --target demo).
#
# Starts a throwaway Dovecot on 127.0.0.1 (TLS with its own CA, in a temporary directory),
# loads samples/sent/*.eml into its Sent folder and samples/mail/*.eml and
# samples/other/*.eml into INBOX, writes a config for it, runs one watch pass, prints the
# classification log and the agenda, and stops the server. Nothing outside the temporary
# directory is touched.
set -euo pipefail
bin=${1:?usage: run.sh PATH/TO/replywatch}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../integration/lib_dovecot.sh
. "$here/tests/integration/lib_dovecot.sh"

command -v dovecot >/dev/null || {
	echo "demo: needs Dovecot (Debian: apt-get install dovecot-imapd)" >&2
	exit 1
}
shopt -s nullglob
sent=("$here"/samples/sent/*.eml)
mail=("$here"/samples/mail/*.eml "$here"/samples/other/*.eml)
if [ ${#mail[@]} -eq 0 ]; then
	echo "demo: no sample messages in samples/mail/" >&2
	exit 1
fi

T=$(mktemp -d /tmp/replywatch-demo.XXXXXX)
chmod 755 "$T"
cleanup() {
	DC_DIR=$T/dc dovecot_stop 2>/dev/null || true
	rm -rf "$T"
}
trap cleanup EXIT

echo "== starting a local Dovecot (TLS, throwaway CA) in $T"
dovecot_start "$T/dc"
echo "== loading ${#sent[@]} sent emails into Sent and ${#mail[@]} messages into INBOX"
[ ${#sent[@]} -gt 0 ] && dovecot_deliver Sent "${sent[@]}"
dovecot_deliver INBOX "${mail[@]}"

printf '%s\n' "$DC_PASS" >"$T/password"
chmod 600 "$T/password"
tz=$(sed -n 's/^timezone *= *//p' "$here/samples/config.sample" 2>/dev/null | head -1)
cat >"$T/config" <<EOF
[imap]
host = 127.0.0.1
port = $DC_IMAPS_PORT
tls = implicit
ca_file = $DC_CA
user = $DC_USER
password_file = $T/password
folders = INBOX

[schedule]
${tz:+timezone = $tz}
EOF
rw() { "$bin" -c "$T/config" -d "$T/replywatch.db" "$@"; }

echo "== replywatch watch --once"
t0=$(date +%s.%N)
rw watch --once
echo "(watch pass: $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s)"
echo
echo "== replywatch log"
rw log
echo
echo "== replywatch due"
rw due
