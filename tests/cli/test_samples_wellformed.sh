#!/usr/bin/env bash
# The labelled samples in samples/ are well formed: every manifest row names files that exist,
# labels/kinds/dates are valid, Message-IDs are unique, threaded replies point at a sent
# Message-ID, every reply is dated after the outbound it answers, file names do not leak the
# label, and the committed files are exactly what samples/tools/gen.py produces.
# Needs only bash and python3 (not the replywatch binary).
set -euo pipefail
SRC="${RW_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
S="$SRC/samples"

python3 - "$S" <<'PY'
import csv, datetime, email, email.policy, email.utils, os, re, sys

S = sys.argv[1]
errors = []


def err(msg):
    errors.append(msg)


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    return data, email.message_from_bytes(data, policy=email.policy.compat32)


def parse_date(s, where):
    try:
        d = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError):
        d = None
    if d is None or d.tzinfo is None:
        err("%s: Date header %r does not parse with a zone" % (where, s))
    return d


def ymd(s, where, col):
    try:
        return datetime.date.fromisoformat(s) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) else None
    except ValueError:
        return None


def ids_in(v):
    return re.findall(r"<[^<>\s]+>", v or "")


# ---- every .eml: line endings consistent, Message-ID present and unique
msgids = {}
for sub in ("sent", "mail", "other"):
    d = os.path.join(S, sub)
    if not os.path.isdir(d):
        err("samples/%s/ is missing" % sub)
        continue
    for f in sorted(os.listdir(d)):
        if not f.endswith(".eml"):
            continue
        rel = "%s/%s" % (sub, f)
        data, msg = load(os.path.join(d, f))
        crlf = data.count(b"\r\n")
        lf = data.count(b"\n")
        if crlf not in (0, lf):
            err("%s: mixes CRLF and bare LF line ends (%d of %d lines CRLF)" % (rel, crlf, lf))
        mid = msg.get("Message-ID")
        if not mid or not re.fullmatch(r"\s*<[^<>\s@]+@[^<>\s@]+>\s*", mid):
            err("%s: missing or malformed Message-ID %r" % (rel, mid))
            continue
        mid = mid.strip()
        if mid in msgids:
            err("%s: Message-ID %s already used by %s" % (rel, mid, msgids[mid]))
        msgids[mid] = rel
        if not msg.get("Date"):
            err("%s: no Date header" % rel)

sent = {}
for f in sorted(os.listdir(os.path.join(S, "sent"))):
    if f.endswith(".eml"):
        _, m = load(os.path.join(S, "sent", f))
        sent["sent/" + f] = m
sent_ids = {m.get("Message-ID", "").strip(): k for k, m in sent.items()}
for k, m in sent.items():
    d = parse_date(m.get("Date", ""), k)
    if d and d.year != 2026:
        err("%s: outbound Date %s is not in 2026" % (k, m.get("Date")))
    if "dana@northwind-analytics.example" not in (m.get("From") or ""):
        err("%s: outbound not from the salesperson" % k)

# ---- manifest
REQ = ["file", "kind", "label", "callback", "ooo_return", "reason", "sent", "threaded", "client", "note"]
man_path = os.path.join(S, "manifest.tsv")
with open(man_path, encoding="utf-8") as f:
    lines = f.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
hdr = lines[0].split("\t")
for c in REQ:
    if c not in hdr:
        err("manifest.tsv:1: column %r missing" % c)
col = {c: i for i, c in enumerate(hdr)}
rows = {}
LABELS = {"yes", "later", "no", "auto", "review"}
KINDS = {"breakup", "pending"}
LEAK = re.compile(r"(yes|later|no|auto|review|ooo|bounce|unsub|refer|vacation)", re.I)
for n, line in enumerate(lines[1:], 2):
    where = "manifest.tsv:%d" % n
    if '"' in line.split("\t")[0]:
        err("%s: quoting in file column" % where)
    cells = line.split("\t")
    if len(cells) != len(hdr):
        err("%s: %d cells, header has %d" % (where, len(cells), len(hdr)))
        continue
    r = dict(zip(hdr, cells))
    fn = r["file"]
    if fn in rows:
        err("%s: %s listed twice" % (where, fn))
    rows[fn] = r
    if not re.fullmatch(r"mail/[A-Za-z0-9_.-]+\.eml", fn):
        err("%s: file %r is not mail/<name>.eml" % (where, fn))
        continue
    base = os.path.basename(fn)[:-4]
    if LEAK.search(re.sub(r"^(gmail|outlook|yahoo|iphone)", "", base)):
        err("%s: file name %r may leak the label" % (where, fn))
    if not os.path.isfile(os.path.join(S, fn)):
        err("%s: %s does not exist" % (where, fn))
        continue
    if not os.path.isfile(os.path.join(S, "expected", base + ".txt")):
        err("%s: expected/%s.txt does not exist" % (where, base))
    if r["kind"] not in KINDS:
        err("%s: kind %r not in %s" % (where, r["kind"], sorted(KINDS)))
    if r["label"] not in LABELS:
        err("%s: label %r not in %s" % (where, r["label"], sorted(LABELS)))
    if not r["reason"].startswith(r["label"] + "/"):
        err("%s: reason %r does not start with the label %r" % (where, r["reason"], r["label"]))
    if r["threaded"] not in ("yes", "no"):
        err("%s: threaded %r is not yes|no" % (where, r["threaded"]))
    if r["sent"] not in sent:
        err("%s: sent %r is not a sent/*.eml file" % (where, r["sent"]))
        continue
    data, msg = load(os.path.join(S, fn))
    rdate = parse_date(msg.get("Date", ""), fn)
    sm = sent[r["sent"]]
    sdate = parse_date(sm.get("Date", ""), r["sent"])
    if rdate and sdate and not rdate > sdate:
        err("%s: Date %s is not after its outbound's %s" % (fn, msg.get("Date"), sm.get("Date")))
    # kind must agree with the outbound's subject (pending-file emails are "a quick follow-up")
    is_pending = (sm.get("Subject") or "").strip().lower() == "a quick follow-up"
    if (r["kind"] == "pending") != is_pending:
        err("%s: kind %s disagrees with the outbound %s (Subject %r)" % (where, r["kind"], r["sent"], sm.get("Subject")))
    cb = r["callback"]
    if r["label"] == "later":
        if cb != "default":
            d = ymd(cb, where, "callback")
            if d is None:
                err("%s: callback %r is neither YYYY-MM-DD nor default" % (where, cb))
            elif rdate and not (rdate.date() < d <= rdate.date() + datetime.timedelta(days=400)):
                err("%s: callback %s is not within a year after the reply (%s)" % (where, cb, rdate.date()))
    elif cb:
        err("%s: callback %r set for label %s" % (where, cb, r["label"]))
    oo = r["ooo_return"]
    if oo:
        d = ymd(oo, where, "ooo_return")
        if r["label"] != "auto":
            err("%s: ooo_return set for label %s" % (where, r["label"]))
        if d is None:
            err("%s: ooo_return %r is not YYYY-MM-DD" % (where, oo))
        elif rdate and not (rdate.date() <= d <= rdate.date() + datetime.timedelta(days=100)):
            err("%s: ooo_return %s not within 100 days after the reply" % (where, oo))
    irt = ids_in(msg.get("In-Reply-To")) + ids_in(msg.get("References"))
    smid = sm.get("Message-ID", "").strip()
    if r["threaded"] == "yes":
        if smid not in ids_in(msg.get("In-Reply-To")):
            err("%s: threaded, but In-Reply-To %r does not name %s's Message-ID %s"
                % (fn, msg.get("In-Reply-To"), r["sent"], smid))
    else:
        hit = [i for i in irt if i in sent_ids]
        if hit:
            err("%s: marked threaded=no but references %s" % (fn, hit))
        # unthreaded replies are matched by sender: the From must be the outbound's recipient,
        # except machine mail (bounces) which carries the recipient inside the report
        fr = email.utils.parseaddr(msg.get("From", ""))[1].lower()
        to = email.utils.parseaddr(sm.get("To", ""))[1].lower()
        if r["label"] != "auto" and fr != to:
            err("%s: unthreaded reply from %s, but %s went to %s" % (fn, fr, r["sent"], to))
        if r["label"] != "auto" and rdate and sdate and (rdate - sdate).days >= 60:
            err("%s: unthreaded reply %d days after its outbound: outside match_window_days (60)"
                % (fn, (rdate - sdate).days))

# ---- every mail/*.eml has a row and an expected text; no stray expected files
for f in sorted(os.listdir(os.path.join(S, "mail"))):
    if f.endswith(".eml") and "mail/" + f not in rows:
        err("mail/%s has no manifest row" % f)
for f in sorted(os.listdir(os.path.join(S, "expected"))):
    if f.endswith(".txt") and "mail/%s.eml" % f[:-4] not in rows:
        err("expected/%s has no mail/%s.eml" % (f, f[:-4]))
    elif f.endswith(".txt"):
        t = open(os.path.join(S, "expected", f), encoding="utf-8").read()
        if not t.strip():
            err("expected/%s is empty" % f)

# ---- prospects.csv covers every outbound recipient; other/ is not from prospects nor threaded
with open(os.path.join(S, "prospects.csv"), encoding="utf-8", newline="") as f:
    rd = csv.DictReader(f)
    for c in ("email", "name", "company", "status", "next_contact", "do_not_contact"):
        if c not in (rd.fieldnames or []):
            err("prospects.csv: column %r missing" % c)
    pros = {row["email"].lower() for row in rd}
for k, m in sent.items():
    to = email.utils.parseaddr(m.get("To", ""))[1].lower()
    if to not in pros:
        err("%s: recipient %s is not in prospects.csv" % (k, to))
od = os.path.join(S, "other")
for f in sorted(os.listdir(od)) if os.path.isdir(od) else []:
    if not f.endswith(".eml"):
        continue
    _, m = load(os.path.join(od, f))
    fr = email.utils.parseaddr(m.get("From", ""))[1].lower()
    if fr in pros:
        err("other/%s: from prospect %s" % (f, fr))
    if [i for i in ids_in(m.get("In-Reply-To")) + ids_in(m.get("References")) if i in sent_ids]:
        err("other/%s: threaded to a tracked outbound" % f)

labels = {}
for r in rows.values():
    labels[r["label"]] = labels.get(r["label"], 0) + 1
print("samples: %d replies %s, %d outbound, %d other" % (
    len(rows), " ".join("%s=%d" % kv for kv in sorted(labels.items())), len(sent),
    len([f for f in os.listdir(od) if f.endswith(".eml")]) if os.path.isdir(od) else 0))
for e in errors:
    print("FAIL " + e)
sys.exit(1 if errors else 0)
PY

# the committed files are exactly the generator's output, and decode to the expected text
if [ -f "$S/tools/gen.py" ]; then
	if python3 -c 'from zoneinfo import ZoneInfo; ZoneInfo("America/New_York")' 2>/dev/null; then
		python3 "$S/tools/gen.py" --check
	else
		echo "skip: gen.py --check needs the system time zone database (Debian package tzdata)"
	fi
fi
python3 "$S/tools/selfcheck.py" "$S"
echo "samples well formed"
