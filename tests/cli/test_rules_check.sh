#!/usr/bin/env bash
# test_rules_check.sh: 'replywatch rules check' and the bad inputs of 'rules test' (SPEC §5):
# every problem located as file:line[:column], exit 1 on any error.
set -euo pipefail
: "${REPLYWATCH:?}" "${RW_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config"
mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }

# the shipped rules are clean
"$REPLYWATCH" rules check >"$tmp/ok.txt" || { cat "$tmp/ok.txt"; fail "shipped rules have errors"; }
grep -q " 0 errors" "$tmp/ok.txt" || fail "no summary"

# a user directory with one of each mistake
mkdir "$tmp/bad"
cat >"$tmp/bad/10-bad.rules" <<'RULES'
rule broken-regex
	class no
	reply \bnot (interested|keen\b

rule typo-key
	class no
	weigth 2
	reply \bnope\b

rule empty
	class later
	reply (?:later)?

rule twice
	class yes
	reply \byes\b
rule twice
	class yes
	reply \byep\b

rule bad-example
	class no
	reply \bstop\s+emailing\b
	example please stop emailing me
	example go away
	counter I will stop emailing you
RULES
set +e
"$REPLYWATCH" rules check "$tmp/bad" >"$tmp/bad.txt" 2>&1; rc=$?
set -e
[ $rc = 1 ] || fail "exit $rc, want 1"
cat "$tmp/bad.txt"
f="$tmp/bad/10-bad.rules"
grep -qF "$f:3:32: error: missing closing parenthesis" "$tmp/bad.txt" || fail "regex error location"
grep -qF "$f:7:1: error: unknown key 'weigth'" "$tmp/bad.txt" || fail "unknown key"
grep -qF "$f:12:8: error: pattern matches the empty string" "$tmp/bad.txt" || fail "empty match"
grep -qF "$f:17: error: duplicate rule name 'twice' (first defined at $f:14)" "$tmp/bad.txt" ||
	fail "duplicate"

# examples are checked once the file loads
cat >"$tmp/bad/10-bad.rules" <<'RULES'
rule bad-example
	class no
	reply \bstop\s+emailing\b
	example please stop emailing me
	example go away
	counter I will stop emailing you
RULES
set +e
"$REPLYWATCH" rules check "$tmp/bad" >"$tmp/ex.txt" 2>&1; rc=$?
set -e
[ $rc = 1 ] || fail "examples: exit $rc"
grep -qF "$f:5: error: rule bad-example does not fire on its example \"go away\"" "$tmp/ex.txt" ||
	fail "failing example"
grep -qF "$f:6: error: rule bad-example fires on its counter-example" "$tmp/ex.txt" ||
	fail "matching counter-example"

# one file on its own, and a missing directory
"$REPLYWATCH" rules check "$RW_SOURCE_DIR/rules/20-no.rules" >/dev/null || fail "single file"
set +e
"$REPLYWATCH" rules check "$tmp/nowhere" 2>"$tmp/err.txt"; rc=$?
set -e
[ $rc = 1 ] && grep -q "nowhere" "$tmp/err.txt" || fail "missing dir: exit $rc"

# rules test: bad manifests are located, and nothing is lost
mkdir "$tmp/m"
printf 'file\tkind\tlabel\tcallback\n' >"$tmp/m/manifest.tsv"
printf 'a.eml\tbreakup\tmaybe\t\n' >>"$tmp/m/manifest.tsv"
printf 'b.eml\tbreakup\tlater\tnext week\n' >>"$tmp/m/manifest.tsv"
printf 'c.eml breakup later\n' >>"$tmp/m/manifest.tsv"
printf 'missing.eml\tbreakup\tyes\t\n' >>"$tmp/m/manifest.tsv"
set +e
"$REPLYWATCH" rules test "$tmp/m/manifest.tsv" >"$tmp/t.out" 2>"$tmp/t.err"; rc=$?
set -e
[ $rc = 1 ] || fail "bad manifest: exit $rc"
grep -qF "manifest.tsv:2: unknown label 'maybe'" "$tmp/t.err" || fail "bad label"
grep -qF "manifest.tsv:3: callback 'next week' is not YYYY-MM-DD" "$tmp/t.err" || fail "bad date"
grep -qF "manifest.tsv:4: 1 column" "$tmp/t.err" || fail "not tab separated"
grep -qF "manifest.tsv:5:" "$tmp/t.err" && grep -q "missing.eml" "$tmp/t.err" || fail "missing file"
printf 'name\tlabel\n' >"$tmp/m/h.tsv"
set +e
"$REPLYWATCH" rules test "$tmp/m/h.tsv" 2>"$tmp/h.err"; rc=$?
set -e
[ $rc = 1 ] && grep -qF "h.tsv:1: the header row must name the columns file and label" "$tmp/h.err" ||
	fail "bad header"
printf 'file\tkind\tlabel\tcallback\n' >"$tmp/m/empty.tsv"
set +e
"$REPLYWATCH" rules test "$tmp/m/empty.tsv" --min-accuracy 0 >/dev/null 2>"$tmp/e.err"; rc=$?
set -e
[ $rc = 1 ] && grep -qF "empty.tsv: no samples" "$tmp/e.err" || fail "empty manifest passed: exit $rc"
echo "ok"
