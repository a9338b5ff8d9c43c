#!/usr/bin/env bash
# init in a fresh HOME: a commented config (0600) and a database (0600) at the default
# paths; a second init refuses to overwrite the config, --force rewrites it.
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$R" init > "$T/out" || fail "init failed"
CFG=$HOME/.config/replywatch/config DB=$HOME/.local/share/replywatch/replywatch.db
[ -f "$CFG" ] || fail "no config at $CFG"
[ -f "$DB" ] || fail "no database at $DB"
[ "$(stat -c %a "$CFG")" = 600 ] || fail "config mode $(stat -c %a "$CFG")"
[ "$(stat -c %a "$DB")" = 600 ] || fail "database mode $(stat -c %a "$DB")"
for key in host port tls ca_file user password_command password_file oauth2_token_command \
	folders sent_folder poll_interval since_days match_window_days keywords max_body_bytes \
	dir timezone breakup_later_days pending_later_days drip_after_days pending_every_days; do
	grep -q "^#$key =" "$CFG" || fail "config does not show key $key"
done
for s in imap watch rules schedule; do grep -qx "\[$s\]" "$CFG" || fail "no [$s]"; done
# The written config loads as it is: a command runs with it.
"$R" prospect list 2>/dev/null || fail "prospect list with the fresh config failed"

echo "# mine" >> "$CFG"
if "$R" init 2> "$T/err"; then fail "second init overwrote the config"; fi
grep -q "already exists" "$T/err" || fail "no 'already exists' message: $(cat "$T/err")"
grep -q "# mine" "$CFG" || fail "config was changed"
"$R" init --force > /dev/null || fail "init --force failed"
grep -q "# mine" "$CFG" && fail "--force did not rewrite the config"

# -c and -d choose other places; unknown options are usage errors.
"$R" -c "$T/other/cfg" -d "$T/other/db.sqlite" init > /dev/null || fail "init -c -d"
[ -f "$T/other/cfg" ] && [ -f "$T/other/db.sqlite" ] || fail "-c/-d not honoured"
set +e; "$R" init --bogus 2>/dev/null; rc=$?; set -e
[ $rc = 2 ] || fail "init --bogus exit $rc, want 2"
"$R" init --help | grep -q "usage:" || fail "init --help"
echo "ok"
