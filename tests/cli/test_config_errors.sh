#!/usr/bin/env bash
# A config with a bad key, a bad value and a world-readable password file: all three are
# reported with file:line, in one run, and the command fails (issue 2). A missing -c file
# is an error; a missing default file is not.
set -euo pipefail
R=${REPLYWATCH:?}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export HOME=$T/home; unset XDG_CONFIG_HOME XDG_DATA_HOME; mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
# Reading commands want an existing database (F2.32): make the default one and $T/db.
"$R" prospect add seed@example.com > /dev/null
"$R" -d "$T/db" prospect add seed@example.com > /dev/null

echo hunter2 > "$T/pw"; chmod 644 "$T/pw"
cat > "$T/cfg" <<CFG
[imap]
host = imap.example.com
colour = blue
password_file = $T/pw

[watch]
poll_interval = soon
CFG
set +e; "$R" -c "$T/cfg" prospect list > "$T/out" 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] || fail "exit $rc, want 1"
grep -q "^replywatch: $T/cfg:3: unknown key 'colour'" "$T/err" || fail "bad key: $(cat "$T/err")"
grep -q "^replywatch: $T/cfg:4: password_file $T/pw is mode 0644" "$T/err" ||
	fail "password file: $(cat "$T/err")"
grep -q "^replywatch: $T/cfg:7: watch.poll_interval: 'soon' is not a whole number" "$T/err" ||
	fail "bad value: $(cat "$T/err")"
grep -q hunter2 "$T/err" "$T/out" && fail "the password was printed"
[ -s "$T/out" ] && fail "output on failure: $(cat "$T/out")"

# Fixing them makes it pass.
chmod 600 "$T/pw"; sed -i '/colour/d; s/soon/120/' "$T/cfg"
"$R" -c "$T/cfg" prospect list > /dev/null 2>&1 || fail "fixed config still fails"

# A password inside a readable config is refused; inside a 0600 one it is accepted.
printf '[imap]\nhost = localhost\npassword = s3cret\n' > "$T/inline"; chmod 644 "$T/inline"
set +e; "$R" -c "$T/inline" prospect list 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "$T/inline:3: a password in this file needs" "$T/err" ||
	fail "inline password in a 0644 file: rc=$rc $(cat "$T/err")"
grep -q s3cret "$T/err" && fail "the inline password was printed"
chmod 600 "$T/inline"; "$R" -c "$T/inline" prospect list > /dev/null 2>&1 || fail "0600 inline"

# Out of bounds, unknown section, bad tls, bad zone: each with its line.
printf '[watch]\nsince_days = 0\n[nope]\n[imap]\ntls = maybe\n[schedule]\ntimezone = Mars/Base\n' > "$T/b2"
set +e; "$R" -c "$T/b2" due 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] || fail "b2 exit $rc"
for want in ":2: watch.since_days: 0 is out of bounds" ":3: unknown section \[nope\]" \
	":5: imap.tls: 'maybe'" ":7: unknown time zone 'Mars/Base'"; do
	grep -q "$T/b2$want" "$T/err" || fail "missing '$want' in: $(cat "$T/err")"
done

# -c naming a missing file fails; no default file at all runs on defaults.
set +e; "$R" -c "$T/missing" prospect list 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "$T/missing" "$T/err" || fail "missing -c file: rc=$rc"
"$R" -d "$T/db" prospect list > /dev/null 2>&1 || fail "no config file at all should work"
# F2.21: a group/world-writable config that runs a command is refused, naming the file, and
# the command is never run.
for key in password_command oauth2_token_command; do
	printf '[imap]\nhost = 127.0.0.1\nport = 1\ntls = none\nuser = u\n%s = touch %s/PWNED; echo pw\n' \
		"$key" "$T" > "$T/ww"
	chmod 666 "$T/ww"
	set +e; "$R" -c "$T/ww" -d "$T/ww.db" watch --once > /dev/null 2> "$T/err"; rc=$?; set -e
	[ $rc = 1 ] || fail "writable config with $key: rc=$rc"
	grep -q "$T/ww:6: $key: refused: $T/ww is writable by group or others (mode 0666)" "$T/err" ||
		fail "writable config message: $(cat "$T/err")"
	[ -e "$T/PWNED" ] && fail "$key of a world-writable config was run"
	chmod 620 "$T/ww"
	set +e; "$R" -c "$T/ww" prospect list > /dev/null 2> "$T/err"; rc=$?; set -e
	[ $rc = 1 ] && grep -q "mode 0620" "$T/err" || fail "group-writable config accepted"
	chmod 600 "$T/ww"
	set +e; "$R" -c "$T/ww" prospect list > /dev/null 2> "$T/err"; set -e
	grep -q refused "$T/err" && fail "a private config was refused: $(cat "$T/err")"
done
# F2.23: an empty password file (or an empty first line) is an error with its config line.
: > "$T/pw0"; chmod 600 "$T/pw0"
printf '[imap]\nhost = 127.0.0.1\nport = 1\ntls = none\nuser = u\npassword_file = %s\n' "$T/pw0" > "$T/e"
chmod 600 "$T/e"
set +e; "$R" -c "$T/e" -d "$T/db" watch --once > /dev/null 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "$T/e:6: password_file $T/pw0 is empty" "$T/err" || fail "empty password file: rc=$rc $(cat "$T/err")"
printf '\nsecret\n' > "$T/pw0"
set +e; "$R" -c "$T/e" -d "$T/db" watch --once > /dev/null 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "password_file $T/pw0 is empty" "$T/err" || fail "empty first line: $(cat "$T/err")"
printf '[imap]\nhost = 127.0.0.1\nport = 1\ntls = none\nuser = u\npassword_command = true\n' > "$T/e"
set +e; "$R" -c "$T/e" -d "$T/db" watch --once > /dev/null 2> "$T/err"; rc=$?; set -e
[ $rc = 1 ] && grep -q "password_command printed nothing" "$T/err" || fail "empty command output: $(cat "$T/err")"
echo "ok"
