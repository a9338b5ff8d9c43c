#!/bin/bash
# test_reply_samples.sh: the reply extracted from every samples/mail/rNNN.eml against the text
# its sender wrote (samples/expected/rNNN.txt), compared after the normalisation replywatch
# applies (typographic quotes and dashes folded, NBSP to space, white space collapsed).
#
# Uses bench_extract --json (mail_parse -> mail_text -> reply_extract). A few samples are
# ambiguous on purpose (a bare "Name / Company" block that one writer means as signature and
# another as sign-off), so the bar is 98 %, and every miss is printed.
set -u
src=${RW_SOURCE_DIR:?RW_SOURCE_DIR not set}
bin=${RW_BUILD_DIR:?RW_BUILD_DIR not set}/tests/bench_extract
if [ ! -d "$src/samples/mail" ] || [ ! -d "$src/samples/expected" ]; then
	echo "test_reply_samples: no samples/mail or samples/expected; skipped"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "test_reply_samples: $bin not built" >&2
	exit 1
fi
"$bin" --json "$src"/samples/mail/*.eml | python3 -c '
import json, os, re, sys, unicodedata
src = sys.argv[1]
fold = str.maketrans({"\u2018": "\x27", "\u2019": "\x27", "\u201c": "\"", "\u201d": "\"",
                      "\u2013": "-", "\u2014": "-", "\u00a0": " "})
def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "").translate(fold)).strip()
total = ok = 0
for line in sys.stdin:
    r = json.loads(line)
    name = os.path.basename(r["file"])[:-4]
    exp = os.path.join(src, "samples", "expected", name + ".txt")
    if not os.path.exists(exp):
        continue
    total += 1
    want = norm(open(exp, encoding="utf-8").read())
    got = norm(r["reply"])
    if want == got:
        ok += 1
    else:
        print("miss %s\n  want: %.160s\n  got:  %.160s" % (name, want, got))
print("test_reply_samples: %d/%d samples yield the reply their sender wrote" % (ok, total))
sys.exit(0 if total and ok >= 0.98 * total else 1)
' "$src"
