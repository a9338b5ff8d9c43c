#!/usr/bin/env python3
"""Build samples/ (sent/, mail/, expected/, manifest.tsv, prospects.csv) from the hand-written
records in samples/tools/replies*.txt.

The reply texts, people, companies and situations are written by hand in those files; this
script only does the MIME wrapping the way each mail client does it (quoting style, HTML
markers, transfer encodings, charsets, header set). It is deterministic: running it again
produces byte-identical files, so the committed .eml files are exactly its output.

    python3 samples/tools/gen.py            # rewrite everything under samples/
    python3 samples/tools/gen.py --check    # exit 1 if the committed files differ

Record format: see samples/tools/FORMAT.md.
"""
import base64
import datetime as dt
import glob
import hashlib
import html
import os
import quopri
import re
import sys
import textwrap
from zoneinfo import ZoneInfo

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SALES_NAME = "Dana Whitfield"
SALES_ADDR = "dana@northwind-analytics.example"
SALES_TZ = ZoneInfo("America/New_York")
SALES_SIG = ["Dana Whitfield", "Account Executive | Northwind Analytics",
             "+1 (617) 555-0142 | northwind-analytics.example"]

# --------------------------------------------------------------------------------------------
# outbound templates (the wording varies; the two trap phrases stay)

BREAKUP = {
    "b1": ("one last note",
           "Hi {first},\n\nThis will be my last note. I'm still interested, but I don't want to be a "
           "pest. If you're slammed and would like me to reconnect in 90 days or so, just let me "
           "know.\n\nBest,\nDana"),
    "b2": ("Closing the loop",
           "Hi {first},\n\nI've reached out a few times about {topic} and haven't heard back, so "
           "this will be my last note. I'm still interested in working with {company}, but I don't "
           "want to be a pest. If you're slammed right now and would like me to reconnect in 90 "
           "days or so, just let me know.\n\nThanks,\nDana"),
    "b3": ("Should I stop reaching out?",
           "{first},\n\nI don't want to be a pest, so this will be my last note for now. I'm still "
           "very interested in helping {company} with {topic}. If the timing is just bad and you'd "
           "like me to reconnect in 90 days or so, just let me know and I'll put it on my "
           "calendar.\n\nDana"),
    "b4": ("last one from me",
           "Hello {first},\n\nThis will be my last note on {topic}. I'm still interested, but I "
           "don't want to be a pest. If you're slammed and would like me to reconnect in 90 days "
           "or so, just reply and let me know \u2014 otherwise I'll assume it isn't a priority "
           "right now.\n\nAll the best,\nDana"),
    "b5": ("{company} + Northwind",
           "Hi {first},\n\nThis will be my last note. I'm still interested in {topic}, but I don't "
           "want to be a pest. If you're slammed and would like me to reconnect in 90 days or so, "
           "just let me know. Either way, thanks for your time.\n\nDana"),
    "b6": ("Taking the hint?",
           "Hi {first},\n\nI haven't been able to reach you, and I don't want to be a pest, so this "
           "will be my last note. I'm still interested in talking about {topic}. If you're slammed "
           "and would like me to reconnect in 90 days or so, just let me know.\n\nKind regards,\n"
           "Dana"),
}
PENDING = {
    "p1": "Hi {first},\n\nPlease advise if I should be putting my notes from our conversations "
          "about {topic} into the No Longer Interested file, or call when you're ready to take "
          "the next step.\n\nThanks,\nDana",
    "p2": "{first},\n\nIt's been a few months since we last spoke. Please advise if I should be "
          "putting my notes from our conversations about {topic} into the No Longer Interested "
          "file, or call when you're ready to take the next step.\n\nBest regards,\nDana",
    "p3": "Hello {first},\n\nHope all is well at {company}. Please advise if I should be putting "
          "my notes from our conversations about {topic} into the No Longer Interested file, or "
          "call me when you're ready to take the next step.\n\nDana",
}


def H(*parts, n=16):
    return hashlib.sha1("\0".join(str(p) for p in parts).encode()).hexdigest()[:n]


def uuid_from(*parts):
    h = H(*parts, n=32)
    return "%s-%s-4%s-a%s-%s" % (h[:8], h[8:12], h[13:16], h[17:20], h[20:32])


# --------------------------------------------------------------------------------------------
# record parsing


class Rec:
    pass


def parse_records(path):
    recs = []
    cur = None
    section = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("@ "):
                cur = Rec()
                cur.id = line[2:].strip()
                cur.src = "%s:%d" % (os.path.basename(path), lineno)
                cur.fields = {}
                cur.blocks = {}
                section = None
                recs.append(cur)
                continue
            if cur is None:
                continue
            if line.startswith("--") and line[2:].strip() in ("text", "sig", "disc", "body",
                                                              "expected", "extra"):
                section = line[2:].strip()
                cur.blocks[section] = []
                continue
            if section is None:
                if not line.strip() or line.startswith("#"):
                    continue
                k, _, v = line.partition(":")
                cur.fields[k.strip()] = v.strip()
            else:
                cur.blocks[section].append(line)
    for r in recs:
        for k in r.blocks:
            b = r.blocks[k]
            while b and not b[-1].strip():
                b.pop()
            r.blocks[k] = "\n".join(b)
    return recs


def parse_who(s):
    m = re.match(r"(.*?)\s*<([^>]+)>", s)
    return m.group(1).strip(), m.group(2).strip()


def parse_when(s, default_tz):
    parts = s.split()
    tz = ZoneInfo(parts[2]) if len(parts) > 2 else default_tz
    d = dt.datetime.strptime(parts[0] + " " + parts[1], "%Y-%m-%d %H:%M")
    return d.replace(tzinfo=tz)


# --------------------------------------------------------------------------------------------
# formatting helpers

WD = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WDL = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONL = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December"]


def rfc_date(d, pad=False):
    off = d.utcoffset()
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    day = ("%02d" % d.day) if pad else str(d.day)
    return "%s, %s %s %d %02d:%02d:%02d %s%02d%02d" % (WD[d.weekday()], day, MON[d.month - 1],
                                                      d.year, d.hour, d.minute, d.second, sign,
                                                      mins // 60, mins % 60)


def h12(d, sec=False):
    h = d.hour % 12 or 12
    s = ("%d:%02d:%02d" % (h, d.minute, d.second)) if sec else ("%d:%02d" % (h, d.minute))
    return s + (" AM" if d.hour < 12 else " PM")


def enc_word(s, charset="utf-8", mode="B"):
    b = s.encode(charset)
    if mode == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(b).decode())
    out = []
    for ch in b:
        c = chr(ch)
        if c == " ":
            out.append("_")
        elif c.isalnum() and ch < 128:
            out.append(c)
        else:
            out.append("=%02X" % ch)
    return "=?%s?Q?%s?=" % (charset, "".join(out))


def needs_enc(s):
    return any(ord(c) > 127 for c in s)


def addr(name, email, enc=None):
    if enc or needs_enc(name):
        return "%s <%s>" % (enc_word(name, "utf-8", enc or "Q"), email)
    if re.search(r"[,.;:@()]", name):
        return '"%s" <%s>' % (name, email)
    return "%s <%s>" % (name, email)


def quote_lines(text, prefix="> ", width=76):
    out = []
    for line in text.split("\n"):
        if not line.strip():
            out.append(prefix.rstrip())
            continue
        for w in textwrap.wrap(line, width - len(prefix), break_on_hyphens=False) or [""]:
            out.append(prefix + w)
    return out


def html_lines(text, tag="div", blank="<br>", attrs=""):
    out = []
    for line in text.split("\n"):
        if line.strip():
            out.append("<%s%s>%s</%s>" % (tag, attrs, html.escape(line, quote=False), tag))
        else:
            out.append("<%s%s>%s</%s>" % (tag, attrs, blank, tag))
    return "\n".join(out)


def html_br(text):
    return "<br>\n".join(html.escape(l, quote=False) for l in text.split("\n"))


# --------------------------------------------------------------------------------------------
# MIME parts


def encode_body(text, charset, cte):
    """Returns (charset label, cte label, encoded body text with \n line ends)."""
    label = charset
    if charset == "cp1252-as-latin1":
        raw = text.encode("cp1252")
        label = "iso-8859-1"
    elif charset == "iso-8859-1":
        raw = text.encode("iso-8859-1")
    elif charset == "windows-1252":
        raw = text.encode("cp1252")
    elif charset == "us-ascii":
        raw = text.encode("ascii")
    else:
        raw = text.encode("utf-8")
    if cte == "auto":
        cte = "7bit" if all(b < 128 for b in raw) and max(
            (len(l) for l in raw.split(b"\n")), default=0) < 990 else "quoted-printable"
    if cte == "quoted-printable":
        body = qp_fix(raw)
    elif cte == "base64":
        body = base64.encodebytes(raw.replace(b"\n", b"\r\n")).decode("ascii")
    else:
        body = raw.decode("latin-1")  # 8bit / 7bit: bytes carried as-is (latin-1 roundtrip)
    return label, cte, body


def qp_fix(raw):
    """Quoted-printable per RFC 2045: hard line breaks stay line breaks; lines over 76 get soft
    breaks; trailing white space encoded."""
    out = []
    for line in raw.split(b"\n"):
        enc = []
        for i, b in enumerate(line):
            c = chr(b)
            if b == 61 or b > 126 or (b < 32 and b != 9):
                enc.append("=%02X" % b)
            elif (b == 32 or b == 9) and i == len(line) - 1:
                enc.append("=%02X" % b)
            else:
                enc.append(c)
        cur = ""
        pieces = []
        for tok in enc:
            if len(cur) + len(tok) > 75:
                pieces.append(cur + "=")
                cur = ""
            cur += tok
        pieces.append(cur)
        out.extend(pieces)
    return "\n".join(out)


def part(ctype, text, charset="utf-8", cte="auto", extra_params="", extra_headers=()):
    label, cte, body = encode_body(text, charset, cte)
    hdr = ["Content-Type: %s; charset=\"%s\"%s" % (ctype, label, extra_params)]
    hdr += list(extra_headers)
    hdr.append("Content-Transfer-Encoding: %s" % cte)
    return "\n".join(hdr) + "\n\n" + body.rstrip("\n") + "\n"


def multipart(subtype, parts, boundary, params=""):
    out = ["Content-Type: multipart/%s; boundary=\"%s\"%s" % (subtype, boundary, params), ""]
    for p in parts:
        out.append("--" + boundary)
        out.append(p.rstrip("\n"))
        out.append("")
    out.append("--" + boundary + "--")
    return "\n".join(out) + "\n"


def assemble(headers, body_with_ct, eol):
    msg = "\n".join(headers) + "\n" + body_with_ct
    if not msg.endswith("\n"):
        msg += "\n"
    # headers are ASCII (encoded words); bodies were produced as latin-1 transparent strings
    raw = msg.encode("latin-1")
    if eol == "crlf":
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    else:
        raw = raw.replace(b"\r\n", b"\n")
    return raw


# --------------------------------------------------------------------------------------------
# localised attribution lines and Outlook header blocks

LOC = {
    "de": dict(wd=["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."],
               wdl=["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
               mon=["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
               monl=["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]),
    "fr": dict(wd=["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
               wdl=["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
               mon=["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
               monl=["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]),
    "es": dict(wd=["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
               wdl=["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
               mon=["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
               monl=["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]),
    "nl": dict(wd=["ma", "di", "wo", "do", "vr", "za", "zo"],
               wdl=["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
               mon=["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
               monl=["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]),
    "sv": dict(wd=["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
               wdl=["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
               mon=["jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec."],
               monl=["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]),
    "it": dict(wd=["lun", "mar", "mer", "gio", "ven", "sab", "dom"],
               wdl=["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
               mon=["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
               monl=["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"]),
    "pt": dict(wd=["seg.", "ter.", "qua.", "qui.", "sex.", "sáb.", "dom."],
               wdl=["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
               mon=["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
               monl=["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"]),
    "da": dict(wd=["man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."],
               wdl=["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
               mon=["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
               monl=["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"]),
}


def gmail_attr(d, lang, mobile=False):
    n, e = SALES_NAME, SALES_ADDR
    if lang == "en":
        if mobile:
            return "On %s, %s %d, %d, %s %s <%s> wrote:" % (WD[d.weekday()], MON[d.month - 1], d.day, d.year, h12(d), n, e)
        return "On %s, %s %d, %d at %s %s <%s> wrote:" % (WD[d.weekday()], MON[d.month - 1], d.day, d.year, h12(d), n, e)
    L = LOC[lang]
    wd, mo, hm = L["wd"][d.weekday()], L["mon"][d.month - 1], "%02d:%02d" % (d.hour, d.minute)
    return {
        "de": "Am %s, %d. %s %d um %s Uhr schrieb %s <%s>:" % (wd, d.day, mo, d.year, hm, n, e),
        "fr": "Le %s %d %s %d à %s, %s <%s> a écrit :" % (wd, d.day, mo, d.year, hm, n, e),
        "es": "El %s, %d %s %d a las %s, %s (<%s>) escribió:" % (wd, d.day, mo, d.year, hm, n, e),
        "nl": "Op %s %d %s %d om %s schreef %s <%s>:" % (wd, d.day, mo, d.year, hm, n, e),
        "sv": "Den %s %d %s %d kl %s skrev %s <%s>:" % (wd, d.day, mo, d.year, hm, n, e),
        "it": "Il giorno %s %d %s %d alle ore %s %s <%s> ha scritto:" % (wd, d.day, mo, d.year, hm, n, e),
        "pt": "Em %s, %d de %s de %d às %s, %s <%s> escreveu:" % (wd, d.day, mo, d.year, hm, n, e),
        "da": "%s %d. %s %d kl. %s skrev %s <%s>:" % (wd, d.day, mo, d.year, hm.replace(":", "."), n, e),
    }[lang]


def apple_attr(d, lang):
    n, e = SALES_NAME, SALES_ADDR
    if lang == "en":     # en-US
        return "On %s %d, %d, at %s, %s <%s> wrote:" % (MON[d.month - 1], d.day, d.year, h12(d), n, e)
    if lang == "gb":
        return "On %d %s %d, at %02d:%02d, %s <%s> wrote:" % (d.day, MON[d.month - 1], d.year, d.hour, d.minute, n, e)
    if lang == "de":
        return "Am %02d.%02d.%d um %02d:%02d schrieb %s <%s>:" % (d.day, d.month, d.year, d.hour, d.minute, n, e)
    if lang == "fr":
        return "Le %d %s %d à %02d:%02d, %s <%s> a écrit :" % (d.day, LOC["fr"]["monl"][d.month - 1], d.year, d.hour, d.minute, n, e)
    if lang == "nl":
        return "Op %d %s %d om %02d:%02d heeft %s <%s> het volgende geschreven:" % (d.day, LOC["nl"]["monl"][d.month - 1], d.year, d.hour, d.minute, n, e)
    if lang == "es":
        return "El %d %s %d, a las %d:%02d, %s <%s> escribió:" % (d.day, LOC["es"]["mon"][d.month - 1], d.year, d.hour, d.minute, n, e)
    if lang == "sv":
        return "%d %s %d kl. %02d:%02d skrev %s <%s>:" % (d.day, LOC["sv"]["monl"][d.month - 1], d.year, d.hour, d.minute, n, e)
    if lang == "it":
        return "Il giorno %d %s %d, alle ore %02d:%02d, %s <%s> ha scritto:" % (d.day, LOC["it"]["mon"][d.month - 1], d.year, d.hour, d.minute, n, e)
    if lang == "da":
        return "Den %d. %s %d kl. %02d.%02d skrev %s <%s>:" % (d.day, LOC["da"]["monl"][d.month - 1], d.year, d.hour, d.minute, n, e)
    if lang == "pt":
        return "Em %d de %s de %d, à(s) %02d:%02d, %s <%s> escreveu:" % (d.day, LOC["pt"]["mon"][d.month - 1].rstrip("."), d.year, d.hour, d.minute, n, e)
    raise ValueError(lang)


def outlook_block(d, lang, to, subject, bold=False):
    n, e = SALES_NAME, SALES_ADDR
    if lang == "en":
        keys = ("From", "Sent", "To", "Subject")
        sent = "%s, %s %d, %d %s" % (WDL[d.weekday()], MONL[d.month - 1], d.day, d.year, h12(d))
    else:
        L = LOC[lang]
        hm = "%02d:%02d" % (d.hour, d.minute)
        keys, sent = {
            "de": (("Von", "Gesendet", "An", "Betreff"), "%s, %d. %s %d %s" % (L["wdl"][d.weekday()], d.day, L["monl"][d.month - 1], d.year, hm)),
            "fr": (("De\u00a0", "Envoyé\u00a0", "À\u00a0", "Objet\u00a0"), "%s %d %s %d %s" % (L["wdl"][d.weekday()], d.day, L["monl"][d.month - 1], d.year, hm)),
            "nl": (("Van", "Verzonden", "Aan", "Onderwerp"), "%s %d %s %d %s" % (L["wdl"][d.weekday()], d.day, L["monl"][d.month - 1], d.year, hm)),
            "es": (("De", "Enviado el", "Para", "Asunto"), "%s, %d de %s de %d %s" % (L["wdl"][d.weekday()], d.day, L["monl"][d.month - 1], d.year, hm)),
            "sv": (("Från", "Skickat", "Till", "Ämne"), "den %d %s %d %s" % (d.day, L["monl"][d.month - 1], d.year, hm)),
            "it": (("Da", "Inviato", "A", "Oggetto"), "%s %d %s %d %s" % (L["wdl"][d.weekday()], d.day, L["monl"][d.month - 1], d.year, hm)),
            "da": (("Fra", "Sendt", "Til", "Emne"), "%d. %s %d %s" % (d.day, L["monl"][d.month - 1], d.year, hm)),
        }[lang]
    vals = ("%s <%s>" % (n, e), sent, to, subject)
    return list(zip(keys, vals))


REPLY_PREFIX = {"en": "Re: ", "de": "AW: ", "fr": "RE : ", "nl": "RE: ", "es": "RE: ",
                "sv": "SV: ", "it": "R: ", "da": "SV: ", "pt": "RE: "}


# --------------------------------------------------------------------------------------------
# the reply text: markers for bottom-posting and inline replies

def split_text(text):
    """Returns (segments, expected). segments: list of ("text", s) / ("quote", n|None)."""
    segs = []
    cur = []
    for line in text.split("\n"):
        m = re.fullmatch(r"\[\[(quote|q:(\d+))\]\]", line.strip())
        if m:
            if cur:
                segs.append(("text", "\n".join(cur).strip("\n")))
                cur = []
            segs.append(("quote", int(m.group(2)) if m.group(2) else None))
        else:
            cur.append(line)
    if cur and "\n".join(cur).strip():
        segs.append(("text", "\n".join(cur).strip("\n")))
    expected = "\n\n".join(s for k, s in segs if k == "text")
    return segs, expected


def paragraphs(text):
    return [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]


class Ctx:
    pass


def hdr_common(c, order="default"):
    """From/To/Subject/Date/Message-ID/threading headers in the given client's order."""
    h = {}
    h["From"] = addr(c.name, c.email, c.from_enc)
    h["To"] = addr(SALES_NAME, SALES_ADDR)
    h["Subject"] = c.subject_hdr
    h["Date"] = rfc_date(c.date, pad=c.pad_date)
    h["Message-ID"] = c.msgid
    if c.threaded:
        h["In-Reply-To"] = c.out_msgid
        h["References"] = c.out_msgid
    return h


def emit(h, order):
    lines = []
    for k in order:
        if k in h and h[k] is not None:
            v = h[k]
            lines.append("%s: %s" % (k, v))
    for k, v in h.items():
        if k not in order and v is not None:
            lines.append("%s: %s" % (k, v))
    return lines


def quoted_plain(c, prefix="> "):
    return "\n".join(quote_lines(c.out_text, prefix))


def sig_plain(c, dash=False):
    s = ""
    if c.sig:
        s += ("\n\n-- \n" if dash else "\n\n") + c.sig
    if c.disc and not c.disc_bottom:
        s += "\n\n" + c.disc
    return s


def sig_html(c, cls=None):
    s = ""
    if c.sig:
        if cls == "gmail":
            s += ('<br><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" '
                  'class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">'
                  + html_br(c.sig) + "</div></div>")
        else:
            s += "<div><br></div><div>" + html_br(c.sig) + "</div>"
        if c.logo:
            s += ('<div><img width="120" height="40" style="width:1.25in;height:.41in" id="Picture_x0020_1" '
                  'src="cid:%s" alt="logo"></div>' % c.logo_cid)
    if c.disc and not c.disc_bottom:
        s += '<div><br></div><div style="font-size:8pt;color:#808080">' + html_br(c.disc) + "</div>"
    return s


def text_with_quote_plain(c, quote_block, sig):
    """Top-post by default; [[quote]] / [[q:N]] markers place the quote elsewhere."""
    out = []
    has_marker = any(k == "quote" for k, _ in c.segs)
    if c.noquote:
        res = c.expected_src + sig
    elif not has_marker:
        res = c.expected_src + sig + "\n\n" + quote_block
    else:
        paras = paragraphs(c.out_text)
        first_q = True
        prev = None
        for k, v in c.segs:
            if k == "text":
                out.append(v)
            elif v is None:
                out.append(quote_block)
            else:
                q = "\n".join(quote_lines(paras[v - 1], c.qprefix))
                if prev == "q":
                    out[-1] += "\n" + c.qprefix.rstrip() + "\n" + q
                else:
                    if first_q and getattr(c, "inline_attr", None):
                        q = c.inline_attr + "\n" + q
                    out.append(q)
                first_q = False
            prev = "q" if k == "quote" and v is not None else k
        res = "\n\n".join(out) + sig
    if c.disc and c.disc_bottom:
        res += "\n\n" + c.disc
    return res


def text_html(c, style="gmail"):
    if style == "gmail":
        return html_lines(c.expected_src)
    if style == "outlook":
        return html_lines(c.expected_src, attrs=' class="elementToProof" style="font-family: Aptos, '
                          'Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; '
                          'font-size: 12pt; color: rgb(0, 0, 0);"')
    if style == "word":
        return html_lines(c.expected_src, tag="p", blank="&nbsp;", attrs=' class="MsoNormal"')
    if style == "plainp":
        return "\n".join("<p>%s</p>" % html_br(p) for p in paragraphs(c.expected_src))
    return html_lines(c.expected_src)


def quoted_html_body(c):
    return html_br(c.out_text)


# --------------------------------------------------------------------------------------------
# clients: each returns (headers list, body-with-content-type string)

def received(c, helo, ip):
    return ("from %s (%s [%s])\n\tby mx1.northwind-analytics.example (Postfix) with ESMTPS id %s\n\t"
            "for <%s>; %s" % (helo, helo, ip, H(c.id, "q", n=10).upper(), SALES_ADDR,
                              rfc_date(c.date.astimezone(SALES_TZ) + dt.timedelta(seconds=4))))


def wrap_attr_gmail(a):
    if len(a) > 76 and " <" in a:
        i = a.rindex(" <")
        return a[:i + 2] + "\n" + a[i + 2:]
    return a


def cl_gmail(c, mobile=False):
    attr = gmail_attr(c.out_local, c.lang, mobile)
    plain = text_with_quote_plain(c, wrap_attr_gmail(attr) + "\n\n" + quoted_plain(c),
                                  sig_plain(c, dash=True))
    inner = text_html(c, "gmail") if not mobile else html_lines(c.expected_src, attrs=' dir="auto"')
    qhtml = ('<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">%s<br>'
             '</div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px '
             'solid rgb(204,204,204);padding-left:1ex">%s</blockquote></div>'
             % (html.escape(attr, quote=False), quoted_html_body(c)))
    if c.noquote:
        qhtml = ""
    if c.bottom:
        hbody = '%s\n<div dir="ltr"><br></div>\n<div dir="ltr">%s%s</div>\n' % (qhtml, inner, sig_html(c, "gmail"))
    else:
        hbody = '<div dir="%s">%s%s</div><br>\n%s\n' % ("auto" if mobile else "ltr", inner,
                                                        sig_html(c, "gmail"), qhtml)
    b = "000000000000" + H(c.id, "b", n=12)
    body = multipart("alternative", [part("text/plain", plain, c.charset, c.cte),
                                     part("text/html", hbody, c.charset, c.cte)], b)
    h = hdr_common(c)
    h["MIME-Version"] = "1.0"
    h["Received"] = received(c, "mail-ej1-f%d.google.com" % (int(H(c.id, n=2), 16) % 80), "209.85.218.%d" % (int(H(c.id, "i", n=2), 16) % 250))
    h["X-Google-Smtp-Source"] = "AGHT+I" + base64.b64encode(bytes.fromhex(H(c.id, "g", n=40))).decode().rstrip("=")
    order = ["Received", "MIME-Version", "References", "In-Reply-To", "From", "Date",
             "Message-ID", "Subject", "To", "X-Google-Smtp-Source"]
    return emit(h, order), body


def outlook_tail(c, lang, seconds=False):
    to = "%s <%s>" % (c.to_display, c.email)
    blk = outlook_block(c.out_local, lang, to, c.out_subject)
    if seconds and lang == "en":
        d = c.out_local
        blk[1] = (blk[1][0], "%s, %s %d, %d %s" % (WDL[d.weekday()], MONL[d.month - 1], d.day, d.year, h12(d, True)))
    return blk


def sep_colon(k):
    return k + (":" if not k.endswith("\u00a0") else ":")


def cl_outlook(c, mobile=None):
    blk = outlook_tail(c, c.lang, seconds=bool(mobile))
    plain_blk = "\n".join("%s: %s" % (k, v) for k, v in blk)
    footer = ""
    hfooter = ""
    if mobile:
        footer = "\n\nGet Outlook for %s<https://aka.ms/%s>" % (mobile, "o0ukef" if mobile == "iOS" else "AAb9ysg")
        hfooter = ('<div id="ms-outlook-mobile-body-separator-line" dir="auto"><br></div>'
                   '<div id="ms-outlook-mobile-signature" dir="auto">Get <a href="https://aka.ms/%s">'
                   'Outlook for %s</a></div>' % ("o0ukef" if mobile == "iOS" else "AAb9ysg", mobile))
    plain = text_with_quote_plain(c, "________________________________\n" + plain_blk + "\n\n" + c.out_text,
                                  sig_plain(c) + footer)
    hblk = "<br>\n".join("<b>%s:</b> %s" % (html.escape(k), html.escape(v)) for k, v in blk)
    hbody = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=%s">\n'
             '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n'
             '</head>\n<body dir="ltr">\n%s\n%s%s\n%s</body>\n</html>\n'
             % ("utf-8" if c.charset == "utf-8" else c.charset, text_html(c, "outlook"), sig_html(c), hfooter,
                "" if c.noquote else
                ('<div id="appendonsend"></div>\n'
                 '<hr style="display:inline-block;width:98%%" tabindex="-1">\n<div id="divRplyFwdMsg" dir="ltr">'
                 '<font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">%s</font>\n'
                 '<div>&nbsp;</div>\n</div>\n<div class="BodyFragment"><font size="2"><span style="font-size:11pt;">\n'
                 '<div class="PlainText">%s</div>\n</span></font></div>\n' % (hblk, quoted_html_body(c)))))
    tag = "%s%sMB%04d" % (("SA1PR", "DM6PR", "BN8PR", "PH0PR", "CH3PR")[int(H(c.id, n=1), 16) % 5],
                          "%02d" % (int(H(c.id, "n", n=2), 16) % 20), int(H(c.id, "m", n=4), 16) % 9999)
    b = "_000_%s%s%snamprd%02dprodoutlookcom_" % (tag, H(c.id, "x", n=24).upper(), tag, int(H(c.id, n=2), 16) % 20)
    cs = "us-ascii" if not needs_enc(plain + hbody) and c.charset == "utf-8" else c.charset
    body = multipart("alternative", [part("text/plain", plain, cs, c.cte if c.cte != "auto" else "quoted-printable"),
                                     part("text/html", hbody, cs, c.cte if c.cte != "auto" else "quoted-printable")], b)
    h = hdr_common(c)
    h["Thread-Topic"] = c.out_subject if not needs_enc(c.out_subject) else enc_word(c.out_subject)
    h["Thread-Index"] = base64.b64encode(bytes.fromhex("01DC" + H(c.id, "t", n=40))).decode()
    h["Accept-Language"] = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "nl": "nl-NL", "es": "es-ES", "sv": "sv-SE", "it": "it-IT", "da": "da-DK"}[c.lang]
    h["Content-Language"] = h["Accept-Language"]
    h["X-MS-Has-Attach"] = ""
    h["X-MS-TNEF-Correlator"] = ""
    if c.suppress:
        h["X-Auto-Response-Suppress"] = "All"
    h["Message-ID"] = "<%s%s@%s.namprd%02d.prod.outlook.com>" % (tag, H(c.id, "mid", n=22).upper(), tag, int(H(c.id, n=2), 16) % 20)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["Received"] = received(c, "%s.outbound.protection.outlook.com" % tag.lower(), "40.107.%d.%d" % (int(H(c.id, "a", n=2), 16) % 250, int(H(c.id, "b", n=2), 16) % 250))
    order = ["Received", "From", "To", "Subject", "Thread-Topic", "Thread-Index", "Date", "Message-ID",
             "References", "In-Reply-To", "Accept-Language", "Content-Language", "X-MS-Has-Attach",
             "X-MS-TNEF-Correlator", "X-Auto-Response-Suppress"]
    return emit(h, order), body


def mapi_msgid(c):
    x = H(c.id, "mapi", n=32)
    return "<0000%s$%s$%s$@%s>" % (x[:8], x[8:16], x[16:24], c.email.split("@")[1])


def cl_outlook_classic(c):
    blk = outlook_tail(c, c.lang)
    plain_blk = "\n".join("%s: %s " % (k, v) if i == 0 else "%s: %s" % (k, v) for i, (k, v) in enumerate(blk))
    plain = text_with_quote_plain(c, plain_blk + "\n\n" + c.out_text, sig_plain(c))
    hblk = "<br>\n".join("<b>%s:</b> %s" % (html.escape(k), html.escape(v)) for k, v in blk)
    hbody = ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
             'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
             'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=%s">'
             '<meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--\n'
             'p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0in;\n\tfont-size:11.0pt;\n\tfont-family:"Calibri",sans-serif;}\n'
             '@page WordSection1\n\t{size:8.5in 11.0in;\n\tmargin:1.0in 1.0in 1.0in 1.0in;}\n'
             'div.WordSection1\n\t{page:WordSection1;}\n--></style></head><body lang=EN-US link="#0563C1" vlink="#954F72" '
             'style=\'word-wrap:break-word\'><div class=WordSection1>\n%s\n%s\n<p class=MsoNormal>&nbsp;</p>\n'
             '<div><div style=\'border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\'>'
             '<p class=MsoNormal>%s<o:p></o:p></p></div></div>\n<p class=MsoNormal>&nbsp;</p>\n<p class=MsoNormal>%s<o:p></o:p></p>\n'
             '</div></body></html>\n' % (c.charset if c.charset != "cp1252-as-latin1" else "iso-8859-1",
                                         text_html(c, "word"), sig_html(c), hblk, quoted_html_body(c)))
    b = "----=_NextPart_000_%s_01DC%s.%s" % (H(c.id, "1", n=4).upper(), H(c.id, "2", n=4).upper(), H(c.id, "3", n=8).upper())
    body = multipart("alternative", [part("text/plain", plain, c.charset, c.cte if c.cte != "auto" else "quoted-printable"),
                                     part("text/html", hbody, c.charset, c.cte if c.cte != "auto" else "quoted-printable")], b)
    h = hdr_common(c)
    h["Message-ID"] = mapi_msgid(c)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["X-Mailer"] = "Microsoft Outlook 16.0"
    h["Thread-Index"] = base64.b64encode(bytes.fromhex("AQ" .encode().hex() + H(c.id, "t", n=36))).decode()
    h["Content-Language"] = "en-us" if c.lang == "en" else c.lang
    if c.suppress:
        h["X-Auto-Response-Suppress"] = "All"
    order = ["From", "To", "References", "In-Reply-To", "Subject", "Date", "Message-ID", "MIME-Version",
             "X-Mailer", "Thread-Index", "Content-Language"]
    return emit(h, order), body


def cl_outlook_plain(c):
    blk = outlook_tail(c, c.lang)
    plain_blk = "\n".join("%s: %s " % (k, v) if i == 0 else "%s: %s" % (k, v) for i, (k, v) in enumerate(blk))
    hdr = {"en": "-----Original Message-----", "de": "-----Ursprüngliche Nachricht-----",
           "fr": "-----Message d'origine-----", "nl": "-----Oorspronkelijk bericht-----",
           "es": "-----Mensaje original-----", "sv": "-----Ursprungligt meddelande-----"}[c.lang]
    plain = text_with_quote_plain(c, hdr + "\n" + plain_blk + "\n\n" + c.out_text, sig_plain(c))
    h = hdr_common(c)
    h["Message-ID"] = mapi_msgid(c)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["X-Mailer"] = "Microsoft Outlook 16.0"
    h["Thread-Index"] = base64.b64encode(bytes.fromhex(H(c.id, "t", n=44))).decode()
    h["Content-Language"] = "en-us" if c.lang == "en" else c.lang
    if c.suppress:
        h["X-Auto-Response-Suppress"] = "All"
    order = ["From", "To", "References", "In-Reply-To", "Subject", "Date", "Message-ID", "MIME-Version"]
    cs = c.charset if needs_enc(plain) or c.charset != "utf-8" else "us-ascii"
    return emit(h, order), part("text/plain", plain, cs, c.cte if c.cte != "auto" else "7bit" if cs == "us-ascii" else "quoted-printable")


APPLE_VER = ["3826.200.121", "3774.600.62", "3731.700.6", "3864.100.1"]
IOS_BUILD = ["22B83", "22C152", "21H16", "23A341", "22E240"]
IPHONE_FOOT = {"en": "Sent from my iPhone", "de": "Von meinem iPhone gesendet",
               "fr": "Envoyé de mon iPhone", "es": "Enviado desde mi iPhone",
               "nl": "Verstuurd vanaf mijn iPhone", "sv": "Skickat från min iPhone",
               "it": "Inviato da iPhone", "gb": "Sent from my iPhone", "pt": "Enviado do meu iPhone",
               "ipad": "Sent from my iPad"}


def cl_apple(c, iphone=False):
    lang = c.lang if c.lang != "en" or not c.gb else "gb"
    attr = apple_attr(c.out_local, lang)
    foot = ""
    if iphone:
        foot = "\n\n" + IPHONE_FOOT["ipad" if c.ipad else lang]
    quote = "> " + attr + "\n> \n" + quoted_plain(c)
    plain = text_with_quote_plain(c, quote, sig_plain(c) + foot)
    ver = APPLE_VER[int(H(c.id, n=2), 16) % len(APPLE_VER)]
    h = hdr_common(c)
    dom = c.email.split("@")[1]
    h["Message-ID"] = "<%s@%s>" % (uuid_from(c.id, "apple").upper(), dom)
    c.msgid = h["Message-ID"]
    if iphone:
        h["X-Mailer"] = "iPhone Mail (%s)" % IOS_BUILD[int(H(c.id, n=2), 16) % len(IOS_BUILD)]
        if c.ipad:
            h["X-Mailer"] = "iPad Mail (%s)" % IOS_BUILD[int(H(c.id, n=2), 16) % len(IOS_BUILD)]
        h["Mime-Version"] = "1.0 (1.0)"
    else:
        h["X-Mailer"] = "Apple Mail (2.%s)" % ver
        h["Mime-Version"] = "1.0 (Mac OS X Mail 16.0 \\(%s\\))" % ver
    if iphone and not c.html:
        cs = "utf-8" if needs_enc(plain) or c.charset != "utf-8" else "us-ascii"
        label, cte, b = encode_body(plain, c.charset if cs != "us-ascii" else "us-ascii",
                                    c.cte if c.cte != "auto" else ("quoted-printable" if cs != "us-ascii" else "7bit"))
        body = "Content-Type: text/plain;\n\tcharset=%s\nContent-Transfer-Encoding: %s\n\n%s\n" % (label, cte, b.rstrip("\n"))
    else:
        foot_h = "<div dir=\"ltr\">%s</div>" % html.escape(foot.strip()) if foot else ""
        hbody = ('<html aria-label="message body"><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
                 '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">%s%s%s'
                 '%s<br></body></html>' % (text_html(c, "apple"), sig_html(c), foot_h,
                 "" if c.noquote else '<div><br><blockquote type="cite"><div>%s</div><br class="Apple-interchange-newline">'
                 '<div><div>%s</div></div></blockquote></div>' % (html.escape(attr, quote=False), quoted_html_body(c))))
        b = "Apple-Mail=_%s" % uuid_from(c.id, "bnd").upper()
        body = multipart("alternative", [part("text/plain", plain, c.charset, c.cte if c.cte != "auto" else "quoted-printable"),
                                         part("text/html", hbody, c.charset, c.cte if c.cte != "auto" else "quoted-printable")], b)
    order = ["From", "Content-Type", "Content-Transfer-Encoding", "Mime-Version", "Subject", "Date",
             "References", "In-Reply-To", "To", "Message-ID", "X-Mailer"]
    return emit(h, order), body


def cl_samsung(c):
    d = c.out_local
    off = int(d.utcoffset().total_seconds() // 60)
    gmt = "GMT%s%02d:%02d" % ("+" if off >= 0 else "-", abs(off) // 60, abs(off) % 60)
    sdate = "%d/%d/%02d %s (%s)" % (d.month, d.day, d.year % 100, h12(d), gmt)
    foot = {"en": "Sent from my Galaxy", "de": "Von meinem Galaxy gesendet", "fr": "Envoyé depuis mon Galaxy",
            "es": "Enviado desde mi Galaxy", "nl": "Verzonden vanaf mijn Galaxy"}[c.lang]
    if c.gb:
        foot = "Sent from my Samsung Galaxy smartphone."
    words = {"en": ("Original message", "From", "Date", "To", "Subject"),
             "es": ("Mensaje original", "De", "Fecha", "Para", "Asunto"),
             "de": ("Ursprüngliche Nachricht", "Von", "Datum", "An", "Betreff"),
             "fr": ("Message d'origine", "De ", "Date ", "À ", "Objet "),
             "nl": ("Oorspronkelijk bericht", "Van", "Datum", "Aan", "Onderwerp")}[c.lang]
    if c.lang != "en":
        sdate = "%d/%d/%d %02d:%02d (%s)" % (d.day, d.month, d.year, d.hour, d.minute, gmt)
    blk = ("-------- %s --------\n%s: %s <%s> \n%s: %s \n%s: %s \n%s: %s \n"
           % (words[0], words[1], SALES_NAME, SALES_ADDR, words[2], sdate, words[3], c.email, words[4], c.out_subject))
    plain = text_with_quote_plain(c, "\n" + blk + "\n" + c.out_text, sig_plain(c) + "\n\n\n\n" + foot)
    hb = "".join("<div>%s</div>" % html.escape(l) for l in blk.strip("\n").split("\n"))
    hbody = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head><body dir="auto">'
             '%s<div dir="auto"><br></div><div dir="auto"><br></div><div id="composer_signature" dir="auto">'
             '<div style="font-size:12px;color:#575757" dir="auto">%s</div></div><div dir="auto"><br></div><div><br></div>'
             '<div align="left" dir="auto" style="font-size:100%%;color:#000000">%s<div><br></div></div>%s</body></html>'
             % (html_lines(c.expected_src, attrs=' dir="auto"') + (sig_html(c) if c.sig else ""), html.escape(foot), hb,
                quoted_html_body(c)))
    b = "--_com.samsung.android.email_%d" % (int(H(c.id, n=12), 16) % 10**15)
    body = multipart("alternative", [part("text/plain", plain, "utf-8", "base64"),
                                     part("text/html", hbody, "utf-8", "base64")], b)
    h = hdr_common(c)
    h["Message-ID"] = "<%s@email.android.com>" % H(c.id, "sam", n=32)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["Importance"] = "normal"
    h["X-Priority"] = "3"
    order = ["Date", "Subject", "Message-ID", "Importance", "From", "To", "MIME-Version", "X-Priority",
             "In-Reply-To", "References"]
    return emit(h, order), body


def yahoo_attr(d):
    return "On %s, %s %d, %d at %s %s, %s <%s> wrote:" % (WDL[d.weekday()], MONL[d.month - 1], d.day, d.year,
                                                       h12(d, True), d.tzname(), SALES_NAME, SALES_ADDR)


def cl_yahoo(c, mobile=False):
    attr = yahoo_attr(c.out_local)
    foot = "\n\nSent from Yahoo Mail for iPhone" if mobile else ""
    quote = "    " + attr + "  \n \n " + "\n ".join(c.out_text.split("\n"))
    plain = text_with_quote_plain(c, quote, sig_plain(c) + foot)
    yid = int(H(c.id, n=6), 16)
    foot_h = ('<div><br></div><div id="ymail_android_signature">Sent from <a href="https://mail.onelink.me/107872968?">Yahoo Mail for iPhone</a></div>'
              if mobile else "")
    hbody = ('<html><head></head><body><div class="ydp%x" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">'
             '<div></div>%s%s%s</div><div id="yahoo_quoted_%d" class="yahoo_quoted">'
             '<div style="font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;">'
             '<div>%s</div><div><br></div><div><br></div><div>%s</div></div></div></body></html>'
             % (yid, html_lines(c.expected_src, attrs=' dir="ltr" data-setdir="false"'), sig_html(c), foot_h, yid,
                html.escape(attr, quote=False), quoted_html_body(c)))
    b = "----=_Part_%d_%d.%d" % (yid % 10**6, int(H(c.id, "p", n=8), 16), 1772000000000 + yid)
    body = multipart("alternative", [part("text/plain", plain, "UTF-8", "7bit" if not needs_enc(plain) and max(map(len, plain.split("\n"))) < 900 else "quoted-printable"),
                                     part("text/html", hbody, "UTF-8", "quoted-printable")], b)
    h = hdr_common(c)
    h["Message-ID"] = "<%d.%d.%d@mail.yahoo.com>" % (yid, int(H(c.id, "y", n=6), 16), 1772000000000 + yid * 7)
    c.msgid = h["Message-ID"]
    h["Reply-To"] = addr(c.name, c.email)
    h["MIME-Version"] = "1.0"
    h["X-Mailer"] = "WebService/1.1.24652 YMailNorrin" if not mobile else "WebService/1.1.24652 YahooMailIosMobile"
    order = ["Date", "From", "Reply-To", "To", "Message-ID", "In-Reply-To", "References", "Subject",
             "MIME-Version", "X-Mailer"]
    return emit(h, order), body


def tb_attr(d, lang):
    if lang == "de":
        return "Am %02d.%02d.%02d um %02d:%02d schrieb %s:" % (d.day, d.month, d.year % 100, d.hour, d.minute, SALES_NAME)
    if lang == "fr":
        return "Le %02d/%02d/%d à %02d:%02d, %s a écrit\u00a0:" % (d.day, d.month, d.year, d.hour, d.minute, SALES_NAME)
    if lang == "gb":
        return "On %02d/%02d/%d %02d:%02d, %s wrote:" % (d.day, d.month, d.year, d.hour, d.minute, SALES_NAME)
    return "On %d/%d/%02d %s, %s wrote:" % (d.month, d.day, d.year % 100, h12(d), SALES_NAME)


def flow(text, width=72):
    out = []
    for line in text.split("\n"):
        if len(line) <= width or line.startswith(">"):
            out.append(line.rstrip(" ") if line != "-- " else line)
            continue
        ws = textwrap.wrap(line, width, break_on_hyphens=False, drop_whitespace=True)
        out.extend(w + " " for w in ws[:-1])
        out.append(ws[-1])
    return "\n".join(out)


def cl_thunderbird(c, htmlmode=False):
    lang = c.lang if not (c.lang == "en" and c.gb) else "gb"
    attr = tb_attr(c.out_local, lang)
    quote = attr + "\n" + quoted_plain(c)
    plain = text_with_quote_plain(c, quote, sig_plain(c, dash=True))
    h = hdr_common(c)
    dom = c.email.split("@")[1]
    h["Message-ID"] = "<%s@%s>" % (uuid_from(c.id, "tb"), dom)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["User-Agent"] = "Mozilla Thunderbird"
    h["Content-Language"] = {"en": "en-US", "gb": "en-GB", "de": "de-DE", "fr": "fr", "nl": "nl", "sv": "sv-SE", "es": "es-ES"}[lang]
    if not htmlmode:
        label, cte, b = encode_body(flow(plain), c.charset, c.cte if c.cte != "auto" else ("8bit" if needs_enc(plain) else "7bit"))
        body = "Content-Type: text/plain; charset=%s; format=flowed\nContent-Transfer-Encoding: %s\n\n%s\n" % (
            label.upper() if label == "utf-8" else label, cte, b.rstrip("\n"))
    else:
        sigh = ('<pre class="moz-signature" cols="72">-- \n%s</pre>' % html.escape(c.sig)) if c.sig else ""
        hbody = ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
                 '  </head>\n  <body>\n    %s\n    <div class="moz-cite-prefix">%s<br>\n    </div>\n'
                 '    <blockquote type="cite" cite="mid:%s">\n      <pre wrap="" class="moz-quote-pre">%s</pre>\n'
                 '    </blockquote>\n    %s\n  </body>\n</html>\n'
                 % ("\n    ".join("<p>%s</p>" % html_br(p) for p in paragraphs(c.expected_src)),
                    html.escape(attr, quote=False), c.out_msgid.strip("<>"), html.escape(c.out_text, quote=False), sigh))
        if c.bottom:
            hbody = hbody.replace("    %s\n    <div class=\"moz-cite-prefix\">" % "\n    ".join("<p>%s</p>" % html_br(p) for p in paragraphs(c.expected_src)), "    <div class=\"moz-cite-prefix\">", 1)
            hbody = hbody.replace("    </blockquote>\n", "    </blockquote>\n    %s\n" % "\n    ".join("<p>%s</p>" % html_br(p) for p in paragraphs(c.expected_src)), 1)
        b = "------------%s" % H(c.id, "tbb", n=24)
        body = multipart("alternative", [part("text/plain", flow(plain), "UTF-8", "8bit" if needs_enc(plain) else "7bit", "; format=flowed"),
                                         part("text/html", hbody, "UTF-8", "8bit" if needs_enc(hbody) else "7bit")], b)
    order = ["Message-ID", "Date", "MIME-Version", "User-Agent", "Subject", "To", "References", "Content-Language",
             "From", "In-Reply-To"]
    return emit(h, order), body


def cl_windows_mail(c):
    d = c.out_local
    sent = "%s, %s %d, %d %s" % (WDL[d.weekday()], MONL[d.month - 1], d.day, d.year, h12(d))
    blk = "From: %s\nSent: %s\nTo: %s\nSubject: %s" % (SALES_NAME, sent, c.to_display, c.out_subject)
    plain = text_with_quote_plain(c, blk + "\n\n" + c.out_text, sig_plain(c) + "\n\nSent from Mail for Windows")
    hbody = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" '
             'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head>'
             '<meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)">'
             '</head><body lang=EN-US link=blue vlink="#954F72" style=\'word-wrap:break-word\'><div class=WordSection1>%s'
             '<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Sent from <a href="https://go.microsoft.com/fwlink/?LinkId=550986">Mail</a> for Windows</p>'
             '<p class=MsoNormal><o:p>&nbsp;</o:p></p><div style=\'mso-element:para-border-div;border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\'>'
             '<p class=MsoNormal style=\'border:none;padding:0in\'><b>From: </b><a href="mailto:%s">%s</a><br><b>Sent: </b>%s<br><b>To: </b>%s<br><b>Subject: </b>%s</p></div>'
             '<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>%s</p></div></body></html>'
             % (text_html(c, "word") + sig_html(c), SALES_ADDR, SALES_NAME, sent, html.escape(c.to_display),
                html.escape(c.out_subject), quoted_html_body(c)))
    b = "_%s-%s-%s-%s-%s_" % tuple(H(c.id, k, n=n).upper() for k, n in (("1", 8), ("2", 4), ("3", 4), ("4", 4), ("5", 12)))
    body = multipart("alternative", [part("text/plain", plain, "utf-8", "quoted-printable"),
                                     part("text/html", hbody, "utf-8", "quoted-printable")], b)
    h = hdr_common(c)
    h["MIME-Version"] = "1.0"
    h["Message-ID"] = "<%s@%s>" % (uuid_from(c.id, "wm").upper(), "hxcore.ol")
    c.msgid = h["Message-ID"]
    order = ["MIME-Version", "To", "From", "Subject", "Date", "Message-ID", "In-Reply-To", "References"]
    return emit(h, order), body


def cl_mutt(c):
    d = c.out_local
    off = int(d.utcoffset().total_seconds() // 60)
    attr = "On %s, %s %02d, %d at %02d:%02d:%02d%s %s%02d%02d, %s wrote:" % (
        WD[d.weekday()], MON[d.month - 1], d.day, d.year, d.hour % 12 or 12, d.minute, d.second,
        "AM" if d.hour < 12 else "PM", "+" if off >= 0 else "-", abs(off) // 60, abs(off) % 60, SALES_NAME)
    c.inline_attr = attr
    plain = text_with_quote_plain(c, attr + "\n" + quoted_plain(c), sig_plain(c, dash=True))
    h = hdr_common(c)
    dom = c.email.split("@")[1]
    h["Message-ID"] = "<%s@%s>" % (H(c.id, "mutt", n=20), dom)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["User-Agent"] = "Mutt/2.2.12 (2023-09-09)"
    order = ["Date", "From", "To", "Subject", "Message-ID", "References", "MIME-Version", "In-Reply-To",
             "User-Agent"]
    label, cte, b = encode_body(plain, c.charset, c.cte if c.cte != "auto" else ("8bit" if needs_enc(plain) else "7bit"))
    return emit(h, order), "Content-Type: text/plain; charset=%s\nContent-Disposition: inline\nContent-Transfer-Encoding: %s\n\n%s\n" % (
        "us-ascii" if cte == "7bit" else label, cte, b.rstrip("\n"))


def cl_zoho(c):
    d = c.out_local
    attr = "---- On %s, %02d %s %d %02d:%02d:%02d %s %s &lt;%s&gt; wrote ---" % (
        WD[d.weekday()], d.day, MON[d.month - 1], d.year, d.hour, d.minute, d.second,
        rfc_date(d)[-5:], SALES_NAME, SALES_ADDR)
    hbody = ('<!DOCTYPE html><html><head><meta content="text/html;charset=UTF-8" http-equiv="Content-Type"></head>'
             '<body><div style="font-family: Verdana, Arial, Helvetica, sans-serif; font-size: 10pt;"><div>%s</div>'
             '%s<div class="zmail_extra_hr" style="border-top: 1px solid rgb(204, 204, 204); height: 0px; margin-top: 10px; '
             'margin-bottom: 10px; line-height: 0px;"><br></div><div class="zmail_extra" data-zbluepencil-ignore="true">'
             '<div><br></div><div id="Zm-_Id_-Sgn1">%s</div><div><br></div><blockquote style="margin: 0px;">%s</blockquote>'
             '</div><div><br></div></div><br></body></html>'
             % ("</div><div>".join(html.escape(l) if l.strip() else "<br>" for l in c.expected_src.split("\n")),
                sig_html(c), attr, quoted_html_body(c)))
    h = hdr_common(c)
    h["Message-ID"] = "<%x.%d@%s>" % (int(H(c.id, n=11), 16), int(H(c.id, "z", n=12), 16) % 10**19, "zoho.com")
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["User-Agent"] = "Zoho Mail"
    h["X-Mailer"] = "Zoho Mail"
    h["Importance"] = "Medium"
    order = ["Date", "From", "To", "Message-ID", "In-Reply-To", "References", "Subject", "MIME-Version",
             "Importance", "User-Agent"]
    return emit(h, order), part("text/html", hbody, "UTF-8", "quoted-printable")


# --------------------------------------------------------------------------------------------
# machine-written mail: vacation responders, Exchange OOF, ticket systems, bounces

OOF_PREFIX = {"en": "Automatic reply: ", "de": "Automatische Antwort: ", "de-old": "Abwesenheitsnotiz: ",
              "fr": "Réponse automatique : ", "es": "Respuesta automática: ", "nl": "Automatisch antwoord: ",
              "sv": "Automatiskt svar: ", "it": "Risposta automatica: ", "da": "Automatisk svar: ",
              "oof": "Out of Office: ", "oof-ar": "Out of Office AutoReply: "}


def simple_alt(c, text, cs="utf-8", cte="auto", bnd=None):
    hb = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=%s"></head><body>'
          '<div>%s</div></body></html>' % (cs, html_br(text)))
    return multipart("alternative", [part("text/plain", text, cs, cte), part("text/html", hb, cs, cte)],
                     bnd or "=_alt_" + H(c.id, "alt", n=20))


def cl_gmail_vacation(c):
    h = hdr_common(c)
    h["MIME-Version"] = "1.0"
    h["Auto-Submitted"] = "auto-replied"
    h["X-Autoreply"] = "yes"
    h["Precedence"] = "bulk"
    h["Received"] = received(c, "mail-sor-f41.google.com", "209.85.220.41")
    b = "000000000000" + H(c.id, "b", n=12)
    body = simple_alt(c, c.expected_src, "UTF-8", "quoted-printable" if needs_enc(c.expected_src) else "7bit", b)
    order = ["Received", "MIME-Version", "From", "Date", "Message-ID", "Subject", "To", "In-Reply-To",
             "References", "Auto-Submitted", "X-Autoreply", "Precedence"]
    return emit(h, order), body


def cl_exchange_ooo(c, headers=True):
    h = hdr_common(c)
    h["Thread-Topic"] = c.out_subject
    h["Thread-Index"] = base64.b64encode(bytes.fromhex("01DC" + H(c.id, "t", n=40))).decode()
    h["Content-Language"] = {"en": "en-US", "de": "de-DE", "fr": "fr-FR", "nl": "nl-NL", "es": "es-ES",
                             "sv": "sv-SE", "it": "it-IT", "da": "da-DK"}.get(c.lang, "en-US")
    h["X-MS-Has-Attach"] = ""
    if headers:
        h["X-MS-Exchange-Inbox-Rules-Loop"] = c.email
        h["Auto-Submitted"] = "auto-generated"
        h["X-Auto-Response-Suppress"] = "All"
        h["X-MS-Exchange-Transport-EndToEndLatency"] = "00:00:00.%07d" % (int(H(c.id, n=5), 16) % 10**7)
    tag = "SN7PR%02dMB%04d" % (int(H(c.id, n=2), 16) % 20, int(H(c.id, "m", n=4), 16) % 9999)
    h["Message-ID"] = "<%s%s@%s.namprd%02d.prod.outlook.com>" % (tag, H(c.id, "mid", n=22).upper(), tag, int(H(c.id, n=2), 16) % 20)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    b = "_000_%s%s_" % (tag, H(c.id, "x", n=20).upper())
    cs = "us-ascii" if not needs_enc(c.expected_src) else c.charset
    body = simple_alt(c, c.expected_src, cs, c.cte if c.cte != "auto" else "quoted-printable", b)
    order = ["From", "To", "Subject", "Thread-Topic", "Thread-Index", "Date", "Message-ID", "References",
             "In-Reply-To", "Content-Language", "X-MS-Has-Attach", "X-MS-Exchange-Inbox-Rules-Loop",
             "Auto-Submitted", "X-Auto-Response-Suppress"]
    return emit(h, order), body


def cl_autoresponder(c):
    """Ticket systems and generic RFC 3834 responders (From is the system, not the prospect)."""
    h = hdr_common(c)
    if c.sys_from:
        h["From"] = c.sys_from
    h["MIME-Version"] = "1.0"
    if c.rfc3834:
        h["Auto-Submitted"] = "auto-replied"
    if c.precedence:
        h["Precedence"] = c.precedence
    if c.xautorespond:
        h["X-Autorespond"] = "yes"
    h["Message-ID"] = "<%s.%s@%s>" % (H(c.id, "tk", n=14), H(c.id, "tk2", n=6), (c.sys_from or c.email).split("@")[1].rstrip(">"))
    c.msgid = h["Message-ID"]
    order = ["Date", "From", "Reply-To", "To", "Message-ID", "In-Reply-To", "References", "Subject", "MIME-Version",
             "Auto-Submitted", "Precedence", "X-Autorespond"]
    return emit(h, order), simple_alt(c, c.expected_src, "UTF-8", "quoted-printable")


def cl_bounce(c, style):
    sent_raw = c.sent_raw.decode("latin-1").replace("\r\n", "\n")
    sent_hdrs = sent_raw.split("\n\n", 1)[0]
    dom = c.email.split("@")[1]
    arr = rfc_date(c.date)
    if style == "postfix":
        mta = "mx1.northwind-analytics.example"
        frm = "MAILER-DAEMON@%s (Mail Delivery System)" % mta
        subj = "Undelivered Mail Returned to Sender"
        ds = ("Reporting-MTA: dns; %s\nX-Postfix-Queue-ID: %s\nX-Postfix-Sender: rfc822; %s\nArrival-Date: %s\n\n"
              "Final-Recipient: rfc822; %s\nOriginal-Recipient: rfc822;%s\nAction: failed\nStatus: %s\n"
              "Remote-MTA: dns; mx.%s\nDiagnostic-Code: smtp; %s\n"
              % (mta, H(c.id, "q", n=10).upper(), SALES_ADDR, rfc_date(c.out_date.astimezone(SALES_TZ)), c.email,
                 c.email, c.status, dom, c.diag))
        parts = [("text/plain", c.expected_src, 'Content-Description: Notification'),
                 ("message/delivery-status", ds, 'Content-Description: Delivery report'),
                 ("message/rfc822", sent_raw, 'Content-Description: Undelivered Message')]
        msgid = "<20%s.%s@%s>" % (c.date.strftime("%y%m%d%H%M%S"), H(c.id, "pf", n=10).upper(), mta)
        extra = [("Auto-Submitted", "auto-replied")]
    elif style == "exchange":
        mta = "%s.namprd%02d.prod.outlook.com" % ("BY5PR%02dMB%04d" % (int(H(c.id, n=2), 16) % 20, int(H(c.id, "m", n=4), 16) % 9999), 11)
        frm = "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@%s>" % dom
        subj = "Undeliverable: %s" % c.out_subject
        ds = ("Reporting-MTA: dns;%s\nReceived-From-MTA: dns;northwind-analytics.example\nArrival-Date: %s\n\n"
              "Final-Recipient: rfc822;%s\nAction: failed\nStatus: %s\nDiagnostic-Code: smtp;%s\n"
              % (mta, arr, c.email, c.status, c.diag))
        parts = [("text/html", '<html><head></head><body><p><b><font color="#000066" size="3" face="Arial">'
                  '%s</font></b></p></body></html>' % html_br(c.expected_src), ""),
                 ("message/delivery-status", ds, ""),
                 ("text/rfc822-headers", sent_hdrs + "\n", "")]
        msgid = "<%s@%s>" % (uuid_from(c.id, "ndr"), mta)
        extra = [("Content-Language", "en-US"), ("X-MS-Exchange-Message-Is-Ndr", ""), ("Auto-Submitted", "auto-replied")]
    else:  # gmail
        mta = "mx.google.com"
        frm = "Mail Delivery Subsystem <mailer-daemon@googlemail.com>"
        subj = "Delivery Status Notification (Failure)"
        ds = ("Reporting-MTA: dns; googlemail.com\nArrival-Date: %s\n\nFinal-Recipient: rfc822; %s\n"
              "Action: failed\nStatus: %s\nRemote-MTA: dns; mx.%s. (203.0.113.25, the server for the domain %s.)\n"
              "Diagnostic-Code: smtp; %s\nLast-Attempt-Date: %s\n" % (rfc_date(c.out_date), c.email, c.status, dom, dom, c.diag, arr))
        parts = [("multipart/alternative", c.expected_src, ""),
                 ("message/delivery-status", ds, ""),
                 ("message/rfc822", sent_raw, "")]
        msgid = "<%s.%s@mx.google.com>" % (H(c.id, "g1", n=12), H(c.id, "g2", n=12))
        extra = [("Auto-Submitted", "auto-replied")]
    bnd = "%s.%d/%s" % (H(c.id, "bb", n=10).upper(), int(c.date.timestamp()), mta)
    pieces = []
    for ct, txt, extrah in parts:
        if ct == "multipart/alternative":
            hb = "<html><head></head><body><div>%s</div></body></html>" % html_br(txt)
            pieces.append(multipart("alternative", [part("text/plain", txt, "UTF-8", "7bit"),
                                                    part("text/html", hb, "UTF-8", "quoted-printable")],
                                    "000000000000" + H(c.id, "ga", n=12)))
        elif ct.startswith("text/"):
            p = part(ct, txt, "us-ascii" if not needs_enc(txt) else "utf-8", "7bit" if not needs_enc(txt) else "quoted-printable")
            pieces.append((extrah + "\n" if extrah else "") + p)
        else:
            pieces.append((extrah + "\n" if extrah else "") + "Content-Type: %s\n\n%s" % (ct, txt.rstrip("\n") + "\n"))
    body = multipart("report", pieces, bnd, "; report-type=delivery-status")
    h = {"Return-Path": "<>", "Date": arr, "From": frm, "To": SALES_ADDR, "Subject": subj, "Message-ID": msgid,
         "MIME-Version": "1.0"}
    for k, v in extra:
        h[k] = v
    order = ["Return-Path", "Date", "From", "To", "Subject", "Message-ID", "MIME-Version"]
    return emit(h, order), "Content-Description: Delivery Status Notification\n" * 0 + body


def cl_bounce_exim(c):
    """Exim on the recipient's side accepted, then bounced: plain text, not multipart/report."""
    dom = c.email.split("@")[1]
    sent_raw = c.sent_raw.decode("latin-1").replace("\r\n", "\n")
    text = c.expected_src + "\n\n------ This is a copy of the message, including all the headers. ------\n\n" + sent_raw
    h = {"Return-Path": "<>", "Received": "from mail.%s ([198.51.100.77])\n\tby mx1.northwind-analytics.example (Postfix) with ESMTPS id %s\n\tfor <%s>; %s"
         % (dom, H(c.id, "q", n=10).upper(), SALES_ADDR, rfc_date(c.date.astimezone(SALES_TZ))),
         "X-Failed-Recipients": c.email, "Auto-Submitted": "auto-replied",
         "From": "Mail Delivery System <Mailer-Daemon@mail.%s>" % dom, "To": SALES_ADDR,
         "Content-Type": "text/plain; charset=us-ascii",
         "Subject": "Mail delivery failed: returning message to sender",
         "Message-Id": "<E1v%s-000%s-Lq@mail.%s>" % (H(c.id, "e1", n=6), H(c.id, "e2", n=2), dom),
         "Date": rfc_date(c.date, pad=True)}
    order = ["Return-Path", "Received", "X-Failed-Recipients", "Auto-Submitted", "From", "To", "Content-Type",
             "Subject", "Message-Id", "Date"]
    return emit(h, order), "\n" + text


def cl_read_receipt(c):
    """Outlook read receipt (RFC 8098 MDN): machine-made, not a reply."""
    d = c.out_local
    sent = "%s, %s %d, %d %s" % (WDL[d.weekday()], MONL[d.month - 1], d.day, d.year, h12(d))
    r = c.date
    text = c.expected_src
    mdn = ("Reporting-UA: %s; Microsoft Outlook 16.0\nFinal-Recipient: rfc822;%s\nOriginal-Message-ID: %s\n"
           "Disposition: manual-action/MDN-sent-manually; displayed\n" % (c.email.split("@")[1], c.email, c.out_msgid))
    b = "----=_NextPart_000_%s" % H(c.id, "mdn", n=12).upper()
    body = multipart("report", [part("text/plain", text, "us-ascii", "7bit"),
                                "Content-Type: message/disposition-notification\n\n" + mdn], b,
                     "; report-type=disposition-notification")
    h = hdr_common(c)
    h["Message-ID"] = mapi_msgid(c)
    c.msgid = h["Message-ID"]
    h["MIME-Version"] = "1.0"
    h["X-Mailer"] = "Microsoft Outlook 16.0"
    h["Thread-Index"] = base64.b64encode(bytes.fromhex(H(c.id, "t", n=44))).decode()
    order = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "X-Mailer", "Thread-Index"]
    return emit(h, order), body


CLIENTS = {
    "read-receipt": cl_read_receipt,
    "bounce-exim": cl_bounce_exim,
    "gmail": lambda c: cl_gmail(c),
    "gmail-android": lambda c: cl_gmail(c, mobile=True),
    "outlook": lambda c: cl_outlook(c),
    "outlook-ios": lambda c: cl_outlook(c, mobile="iOS"),
    "outlook-android": lambda c: cl_outlook(c, mobile="Android"),
    "outlook-classic": cl_outlook_classic,
    "outlook-plain": cl_outlook_plain,
    "apple-mail": lambda c: cl_apple(c),
    "iphone": lambda c: cl_apple(c, iphone=True),
    "ipad": lambda c: cl_apple(c, iphone=True),
    "samsung": cl_samsung,
    "yahoo": lambda c: cl_yahoo(c),
    "yahoo-ios": lambda c: cl_yahoo(c, mobile=True),
    "thunderbird": lambda c: cl_thunderbird(c),
    "thunderbird-html": lambda c: cl_thunderbird(c, htmlmode=True),
    "windows-mail": cl_windows_mail,
    "mutt": cl_mutt,
    "zoho": cl_zoho,
    "gmail-vacation": cl_gmail_vacation,
    "exchange-ooo": lambda c: cl_exchange_ooo(c, True),
    "exchange-ooo-noheaders": lambda c: cl_exchange_ooo(c, False),
    "autoresponder": cl_autoresponder,
    "bounce-postfix": lambda c: cl_bounce(c, "postfix"),
    "bounce-exchange": lambda c: cl_bounce(c, "exchange"),
    "bounce-gmail": lambda c: cl_bounce(c, "gmail"),
}
# the manifest's client column: the family a person would name
CLIENT_FAMILY = {"gmail-vacation": "gmail", "exchange-ooo": "outlook", "exchange-ooo-noheaders": "outlook",
                 "bounce-postfix": "mta", "bounce-exchange": "mta", "bounce-gmail": "mta", "bounce-exim": "mta", "read-receipt": "outlook",
                 "thunderbird-html": "thunderbird", "autoresponder": "autoresponder"}


LOGO_PART = ("Content-Type: image/png; name=\"image001.png\"\nContent-Description: image001.png\n"
             "Content-Disposition: inline; filename=\"image001.png\"; size=95\nContent-ID: <%s>\n"
             "Content-Transfer-Encoding: base64\n\n"
             "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n")


def attachment(name, rid):
    """A small attachment (the watcher must skip it): a PDF or a PNG screenshot."""
    if name.endswith(".pdf"):
        data = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages "
                b"/Kids [] /Count 0 >> endobj\n% not interested in the quote? this text is inside an attachment\n"
                b"trailer << /Root 1 0 R >>\n%%EOF\n")
        ct = "application/pdf"
    else:
        data = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
        ct = "image/png"
    return ("Content-Type: %s; name=\"%s\"\nContent-Description: %s\nContent-Disposition: attachment; "
            "filename=\"%s\"; size=%d\nContent-Transfer-Encoding: base64\n\n%s"
            % (ct, name, name, name, len(data), base64.encodebytes(data).decode()))


# --------------------------------------------------------------------------------------------
# outbound (Dana writes with Thunderbird, plain text, format=flowed)

def build_sent(sid, name, email, company, topic, kind, variant, when):
    first = name.split()[0]
    if kind == "breakup":
        subj_t, body_t = BREAKUP[variant]
    else:
        subj_t, body_t = "a quick follow-up", PENDING[variant]
    subject = subj_t.format(first=first, company=company, topic=topic)
    body = body_t.format(first=first, company=company, topic=topic)
    text = body + "\n\n-- \n" + "\n".join(SALES_SIG)
    msgid = "<%s@northwind-analytics.example>" % uuid_from(sid, email, "out")
    h = ["Message-ID: " + msgid,
         "Date: " + rfc_date(when),
         "MIME-Version: 1.0",
         "User-Agent: Mozilla Thunderbird",
         "Content-Language: en-US",
         "To: " + addr(name, email),
         "From: " + addr(SALES_NAME, SALES_ADDR),
         "Subject: " + (subject if not needs_enc(subject) else enc_word(subject, "utf-8", "Q")),
         "X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0; attachmentreminder=0; deliveryformat=1",
         ]
    label, cte, b = encode_body(flow(text), "utf-8", "8bit" if needs_enc(text) else "7bit")
    bodyct = "Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: %s\n\n%s\n" % (cte, b.rstrip("\n"))
    raw = assemble(h, bodyct, "crlf")
    return raw, msgid, subject, text


# --------------------------------------------------------------------------------------------
# main

VALID_LABELS = {"yes", "later", "no", "auto", "review"}


def build_all(write=True):
    recs = []
    for f in sorted(glob.glob(os.path.join(HERE, "replies*.txt"))):
        recs.extend(parse_records(f))
    outputs = {}
    sent_by_rec = {}
    sent_list = []
    prospects = {}
    manifest = []
    seen_ids = set()
    for r in recs:
        F = r.fields
        if r.id in seen_ids:
            raise SystemExit("%s: duplicate id %s" % (r.src, r.id))
        seen_ids.add(r.id)
        c = Ctx()
        c.id = r.id
        opts = set(F.get("opt", "").split())
        out = F["out"].split()
        if out[0] == "same":
            s = sent_by_rec[out[1]]
        else:
            name, email = parse_who(F["who"])
            sid = "s%03d" % (len(sent_list) + 1)
            kind, variant = out[0], out[1]
            when = parse_when(" ".join(out[2:4]), SALES_TZ).replace(second=int(H(sid, n=2), 16) % 60)
            raw, msgid, subject, text = build_sent(sid, name, email, F["co"], F.get("topic", "our last conversation"),
                                                   kind, variant, when)
            s = dict(sid=sid, name=name, email=email, company=F["co"], kind=kind, date=when, msgid=msgid,
                     subject=subject, text=text, raw=raw)
            sent_list.append(s)
            outputs["sent/%s.eml" % sid] = raw
            prospects.setdefault(email, (name, F["co"], kind))
        sent_by_rec[r.id] = s
        c.name, c.email = parse_who(F["who"]) if "who" in F else (s["name"], s["email"])
        if "from" in F:   # someone else answers (a colleague with the thread, a shared inbox)
            c.name, c.email = parse_who(F["from"])
        c.to_display = s["name"]
        c.out_local = None
        tz = ZoneInfo(F["at"].split()[2]) if len(F["at"].split()) > 2 else SALES_TZ
        c.date = parse_when(F["at"], tz).replace(second=int(H(r.id, "sec", n=2), 16) % 60)
        if c.date <= s["date"]:
            raise SystemExit("%s: reply %s is dated before its outbound" % (r.src, r.id))
        c.out_date = s["date"]
        c.out_local = s["date"].astimezone(tz)
        c.out_msgid = s["msgid"]
        c.out_subject = s["subject"]
        c.out_text = s["text"]
        c.sent_raw = s["raw"]
        c.lang = F.get("lang", "en")
        c.gb = "gb" in opts
        c.ipad = F["client"] == "ipad"
        c.html = "html" in opts
        c.bottom = "bottom" in opts
        c.noquote = "noquote" in opts
        c.suppress = "suppress" in opts
        c.disc_bottom = "disc-bottom" in opts
        c.pad_date = "pad" in opts
        c.qprefix = "> "
        c.rfc3834 = "rfc3834" in opts
        c.xautorespond = "xautorespond" in opts
        c.precedence = next((o.split("=", 1)[1] for o in opts if o.startswith("prec=")), None)
        c.sys_from = F.get("sysfrom")
        c.status = F.get("status", "5.1.1")
        c.diag = F.get("diag", "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % c.email)
        c.from_enc = "B" if "fromB" in opts else "Q" if "fromQ" in opts else None
        c.charset = ("iso-8859-1" if "latin1" in opts else "windows-1252" if "cp1252" in opts
                     else "cp1252-as-latin1" if "mislabel" in opts else "utf-8")
        c.cte = "quoted-printable" if "qp" in opts else "base64" if "b64" in opts else "8bit" if "8bit" in opts else "auto"
        c.threaded = F.get("thr", "yes") == "yes" and not F["client"].startswith("bounce-")
        c.segs, c.expected_src = split_text(r.blocks.get("text", ""))
        c.sig = r.blocks.get("sig")
        c.disc = r.blocks.get("disc")
        client = F["client"]
        label, reason = F["label"].split()
        if label not in VALID_LABELS:
            raise SystemExit("%s: bad label %s" % (r.src, label))
        if "subj" in F:
            subj = F["subj"]
        elif client in ("exchange-ooo", "exchange-ooo-noheaders"):
            subj = OOF_PREFIX[F.get("ooflang", c.lang)] + s["subject"]
        elif client.startswith("outlook") or client in ("samsung", "windows-mail"):
            subj = REPLY_PREFIX[c.lang] + s["subject"]   # these localise the prefix (AW:, SV:, RE :)
        else:
            subj = "Re: " + s["subject"]   # Gmail, Apple, Thunderbird, Yahoo, mutt always write Re:
        if "raw8hdr" in opts:
            c.subject_hdr = subj.encode("utf-8").decode("latin-1")
        elif "subjB" in opts or "subjQ" in opts or needs_enc(subj):
            c.subject_hdr = enc_word(subj, "utf-8", "B" if "subjB" in opts else "Q")
        else:
            c.subject_hdr = subj
        c.msgid = "<%s@mail.gmail.com>" % ("CA" + base64.b64encode(bytes.fromhex(H(r.id, "gm", n=54))).decode().replace("/", "_").replace("=", ""))
        c.logo = "logo" in opts
        c.logo_cid = "image001.png@01DC%s.%s" % (H(r.id, "l1", n=4).upper(), H(r.id, "l2", n=8).upper())
        hdrs, body = CLIENTS[client](c)
        if c.logo:
            body = multipart("related", [body, LOGO_PART % c.logo_cid], "_004_" + H(r.id, "rel", n=24) + "_",
                             '; type="multipart/alternative"')
        att = next((o.split("=", 1)[1] for o in opts if o.startswith("attach=")), None)
        if att:
            mb = ("000000000000" + H(r.id, "mix", n=12) if client.startswith("gmail") else
                  "Apple-Mail=_" + uuid_from(r.id, "mix").upper() if client in ("apple-mail", "iphone", "ipad") else
                  "_005_" + H(r.id, "mix", n=24) + "_")
            body = multipart("mixed", [body, attachment(att, r.id)], mb)
        if att or c.logo:
            hdrs = ["X-MS-Has-Attach: yes" if l == "X-MS-Has-Attach: " else l for l in hdrs]
        if "x-original" in opts:
            pass
        eol = "lf" if "lf" in opts else "crlf" if "crlf" in opts else ("lf" if int(H(r.id, "eol", n=2), 16) < 77 else "crlf")
        raw = assemble(hdrs, body, eol)
        fname = "mail/%s.eml" % r.id
        outputs[fname] = raw
        exp = r.blocks.get("expected", c.expected_src)
        outputs["expected/%s.txt" % r.id] = (exp.rstrip("\n") + "\n").encode("utf-8")
        cb = F.get("cb", "")
        if label == "later" and not cb:
            raise SystemExit("%s: later without cb (use default)" % r.src)
        manifest.append([fname, s["kind"], label, cb, F.get("ooo", ""), reason, "sent/%s.eml" % s["sid"],
                         "yes" if c.threaded else "no", CLIENT_FAMILY.get(client, client),
                         F.get("note", "").replace("\t", " ")])
    manifest.sort(key=lambda m: m[0])
    lines = ["\t".join(["file", "kind", "label", "callback", "ooo_return", "reason", "sent", "threaded", "client", "note"])]
    lines += ["\t".join(m) for m in manifest]
    outputs["manifest.tsv"] = ("\n".join(lines) + "\n").encode("utf-8")
    pl = ["email,name,company,status,next_contact,do_not_contact"]
    for email, (name, co, kind) in sorted(prospects.items()):
        pl.append("%s,%s,%s,%s,,no" % (email, csvq(name), csvq(co), "pending" if kind == "pending" else "active"))
    outputs["prospects.csv"] = ("\n".join(pl) + "\n").encode("utf-8")
    return outputs


def csvq(s):
    return '"%s"' % s.replace('"', '""') if re.search(r'[,"\n]', s) else s


def main():
    check = "--check" in sys.argv
    outputs = build_all()
    # other/ is hand-made by others.py
    sys.path.insert(0, HERE)
    import others
    outputs.update(others.build())
    bad = 0
    for rel, data in sorted(outputs.items()):
        p = os.path.join(ROOT, rel)
        if check:
            try:
                with open(p, "rb") as f:
                    if f.read() != data:
                        print("differs: samples/%s" % rel)
                        bad += 1
            except FileNotFoundError:
                print("missing: samples/%s" % rel)
                bad += 1
        else:
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data)
    if not check:
        # remove generated files that no longer have a record
        for sub, ext in (("mail", ".eml"), ("expected", ".txt"), ("sent", ".eml"), ("other", ".eml")):
            for p in glob.glob(os.path.join(ROOT, sub, "*" + ext)):
                rel = os.path.relpath(p, ROOT)
                if rel not in outputs:
                    os.remove(p)
        print("wrote %d files" % len(outputs))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
