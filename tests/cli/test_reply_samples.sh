#!/bin/bash
# test_reply_samples.sh: the reply extracted from every samples/mail/rNNN.eml against the text
# its sender wrote (samples/expected/rNNN.txt), compared after the normalisation replywatch
# applies (typographic quotes and dashes folded, NBSP to space, white space collapsed).
#
# Uses bench_extract --json (mail_parse -> mail_text -> reply_extract). As in the peer
# fixtures, a signature is optional: the reply may go on past the sender's text only with the
# sample's own signature or disclaimer (its --sig / --disc block in samples/tools/replies*.txt),
# never with quoted history. Every sample must pass; every miss is printed.
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
import glob, json, os, re, sys, unicodedata
src = sys.argv[1]
sys.path.insert(0, os.path.join(src, "samples", "tools"))
import gen
tail = {}
for path in sorted(glob.glob(os.path.join(src, "samples", "tools", "replies*.txt"))):
    for rec in gen.parse_records(path):
        tail[rec.id] = " ".join(rec.blocks.get(k, "") for k in ("sig", "disc"))
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
    nows = lambda t: re.sub(r"\s+", "", t)
    extra = got[len(want):] if got.startswith(want) else None
    if want == got or (extra is not None and extra[:1] in ("", " ")
                       and nows(norm(tail.get(name, ""))).startswith(nows(extra))):
        ok += 1
    else:
        print("miss %s\n  want: %.160s\n  got:  %.160s" % (name, want, got))
print("test_reply_samples: %d/%d samples yield the reply their sender wrote" % (ok, total))
sys.exit(0 if total and ok == total else 1)
' "$src"
