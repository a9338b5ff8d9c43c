#!/usr/bin/env python3
"""Sanity check of the generated samples with Python's own MIME parser (independent of the C
code): every message parses, its text parts decode, the expected reply text appears in the
decoded text, and messages that quote the outbound still carry the trap phrases below the reply.

    python3 samples/tools/selfcheck.py [samples-dir]
"""
import email
import email.policy
import html
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def norm(s):
    s = html.unescape(s)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = s.replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def texts(msg):
    out = []
    for p in msg.walk():
        ct = p.get_content_type()
        if ct in ("text/plain", "text/html"):
            raw = p.get_payload(decode=True) or b""
            cs = p.get_content_charset() or "us-ascii"
            if cs == "iso-8859-1" and any(0x80 <= b < 0xa0 for b in raw):
                cs = "windows-1252"   # the lying label repaired the way readers do
            t = raw.decode(cs, errors="replace")
            if ct == "text/html":
                t = re.sub(r"<(br|div|p|/div|/p)[^>]*>", "\n", t, flags=re.I)
                t = re.sub(r"<[^>]+>", "", t)
            out.append((ct, t))
    return out


TRAP = {"breakup": "reconnect in 90 days", "pending": "No Longer Interested file"}
LEAKS = ("-----Original Message-----", "dana@northwind-analytics.example> wrote", "Sent from my iPhone",
         "Get Outlook for", "From: Dana Whitfield", "> This will be my last note")


def manifest():
    rows = {}
    with open(os.path.join(ROOT, "manifest.tsv"), encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(hdr, line.rstrip("\n").split("\t")))
            rows[r["file"]] = r
    return rows


def main():
    bad = 0
    n = 0
    quoted = 0
    rows = manifest()
    for f in sorted(os.listdir(os.path.join(ROOT, "mail"))):
        if not f.endswith(".eml"):
            continue
        n += 1
        path = os.path.join(ROOT, "mail", f)
        with open(path, "rb") as fh:
            msg = email.message_from_binary_file(fh, policy=email.policy.compat32)
        exp = open(os.path.join(ROOT, "expected", f[:-4] + ".txt"), encoding="utf-8").read()
        ts = texts(msg)
        if not ts:
            print("%s: no text part" % f)
            bad += 1
            continue
        ok = any(norm(exp) in norm(t) for _, t in ts)
        if not ok:
            print("%s: expected text not found in any decoded part" % f)
            bad += 1
        for leak in LEAKS:
            if leak in exp:
                print("%s: expected text contains %r (quote or footer)" % (f, leak))
                bad += 1
        r = rows.get("mail/" + f, {})
        trap = TRAP.get(r.get("kind"))
        # a threaded human reply quotes the outbound below it, trap phrase included, so the
        # extractor has something to remove; the phrase must be in the message but outside
        # the expected text unless the sender wrote it themselves
        if trap and r.get("threaded") == "yes" and r.get("label") != "auto":
            if any(norm(trap) in norm(re.sub(r"(?m)^[> ]+", "", t)) for _, t in ts):
                quoted += 1
            else:
                print("%s: threaded reply without the quoted outbound (%r)" % (f, trap))
                bad += 1
    print("%d messages, %d quote the outbound with its trap phrase, %d problems" % (n, quoted, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
