#!/usr/bin/env python3
"""Builds samples/holdout/{sent,mail,manifest.tsv} from records.py. Deterministic."""
import base64, datetime as D, hashlib, html, os, quopri, re, sys, textwrap, uuid
sys.path.insert(0, os.path.dirname(__file__))
from records import R

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DANA = 'Dana Whitfield <dana@northwind-analytics.example>'
DANA_ADDR = 'dana@northwind-analytics.example'

def h(s, n=16):
    return hashlib.sha256(s.encode()).hexdigest()[:n]

def slug(company):
    w = re.sub(r'[^a-z0-9 ]', '', company.lower().replace('&', ' ').replace('ø','o').replace('ü','ue').replace('é','e').replace('è','e')).split()
    w = [x for x in w if x not in ('co', 'and', 'group', 'gmbh', 'ag', 'the')] or w
    return '-'.join(w[:2]) + '.example'

def addr(name, company):
    first, last = name.split()[0], name.split()[-1]
    f = lambda s: s.lower().replace('ø','o').replace('ü','ue').replace('é','e').replace('á','a').replace('í','i').replace('.','')
    return f'{f(first)}.{f(last)}@{slug(company)}'

def parse(s, tz):
    d = D.datetime.strptime(s, '%Y-%m-%d %H:%M')
    sign = 1 if tz[0] == '+' else -1
    off = D.timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5])) * sign
    return d.replace(tzinfo=D.timezone(off))

def et(s):
    d = D.datetime.strptime(s, '%Y-%m-%d %H:%M')
    return parse(s, '-0500' if d.date() >= D.date(2026, 11, 1) else '-0400')

def rfc(d, secs=0):
    d = d + D.timedelta(seconds=secs)
    return d.strftime('%a, %d %b %Y %H:%M:%S ') + d.strftime('%z')

def qp(text):
    return quopri.encodestring(text.encode('utf-8')).decode('ascii')

def part(ctype, text, cte='quoted-printable', charset='utf-8', extra=''):
    if cte == 'base64':
        body = '\n'.join(textwrap.wrap(base64.b64encode(text.encode(charset)).decode(), 76))
    elif cte == 'quoted-printable':
        body = quopri.encodestring(text.encode(charset)).decode('ascii')
    else:
        body = text
    return f'Content-Type: {ctype}; charset="{charset}"{extra}\nContent-Transfer-Encoding: {cte}\n\n{body}\n'

def multipart(sub, boundary, parts, extra=''):
    out = ''
    for p in parts:
        out += f'--{boundary}\n{p}\n'
    out += f'--{boundary}--\n'
    return f'Content-Type: multipart/{sub}; boundary="{boundary}"{extra}\n\n' + out

def enc_header(s):
    if all(ord(c) < 128 for c in s):
        return s
    return '=?UTF-8?B?' + base64.b64encode(s.encode()).decode() + '?='

def from_hdr(name, a):
    return f'{enc_header(name)} <{a}>' if all(ord(c) < 128 for c in name) else f'{enc_header(name)} <{a}>'

# ---------------- outbound ----------------
BREAKUP_SUBJ = ['Closing the loop', 'One last note', 'Should I close your file?', 'Last try, {first}']
def outbound_text(rec, i):
    first = rec['name'].split()[0]
    if rec['kind'] == 'pending':
        subj = 'a quick follow-up'
        body = (f"Hi {first},\n\nPlease advise if I should be putting my notes from our conversations about "
                f"{rec['topic']} into the No Longer Interested file, or call when you're ready to take the next step.\n\n"
                "Thanks,\nDana")
    else:
        subj = BREAKUP_SUBJ[i % 4].format(first=first)
        v = i % 3
        if v == 0:
            p = (f"I've reached out a few times about {rec['topic']} and haven't heard back, so this will be my last note. "
                 f"I'm still interested in working with {rec['company']}, but I don't want to be a pest. If you're slammed "
                 "right now and would like me to reconnect in 90 days or so, just let me know.")
        elif v == 1:
            p = (f"I haven't been able to connect with you about {rec['topic']}, so I'll assume the timing isn't right and "
                 "this will be my last note. I don't want to be a pest. If you're slammed and would like me to reconnect "
                 "in 90 days or so, just let me know.")
        else:
            p = (f"This will be my last note about {rec['topic']}. I'm still interested in helping {rec['company']}, "
                 "but I don't want to be a pest. If you're slammed right now and would like me to reconnect in 90 days or so, "
                 "just let me know.")
        body = f"Hi {first},\n\n{p}\n\nThanks,\nDana"
    sig = "\n\n-- \nDana Whitfield\nAccount Executive | Northwind Analytics\n+1 (617) 555-0142 | northwind-analytics.example"
    return subj, body, body + sig

def flowed(text):
    out = []
    for line in text.split('\n'):
        if line == '-- ':
            out.append(line); continue
        ws = textwrap.wrap(line, 72, break_long_words=False, break_on_hyphens=False) or ['']
        out += [w + ' ' for w in ws[:-1]] + [ws[-1]]
    return '\n'.join(out)

def wrapped(text, width=76):
    out = []
    for line in text.split('\n'):
        out += textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or ['']
    return '\n'.join(out)

# ---------------- quote helpers ----------------
EN_DAYS = ['Monday','Tuesday','Wednesday','Thursday','Friday','Saturday','Sunday']
def ampm(d):
    return d.strftime('%I:%M %p').lstrip('0')

def gmail_attr(od, lang):
    if lang == 'de':
        wd = ['Mo.','Di.','Mi.','Do.','Fr.','Sa.','So.'][od.weekday()]
        mo = ['Jan.','Feb.','März','Apr.','Mai','Juni','Juli','Aug.','Sept.','Okt.','Nov.','Dez.'][od.month-1]
        return f'Am {wd}, {od.day}. {mo} {od.year} um {od:%H:%M} Uhr schrieb Dana Whitfield <', f'{DANA_ADDR}>:'
    if lang == 'fr':
        wd = ['lun.','mar.','mer.','jeu.','ven.','sam.','dim.'][od.weekday()]
        mo = ['janv.','févr.','mars','avr.','mai','juin','juil.','août','sept.','oct.','nov.','déc.'][od.month-1]
        return f'Le {wd} {od.day} {mo} {od.year} à {od:%H:%M}, Dana Whitfield <', f'{DANA_ADDR}> a écrit :'
    if lang == 'es':
        wd = ['lun','mar','mié','jue','vie','sáb','dom'][od.weekday()]
        mo = ['ene','feb','mar','abr','may','jun','jul','ago','sept','oct','nov','dic'][od.month-1]
        return f'El {wd}, {od.day} {mo} {od.year} a las {od:%H:%M}, Dana Whitfield (<', f'{DANA_ADDR}>) escribió:'
    return f'On {od:%a}, {od:%b} {od.day}, {od.year} at {ampm(od)} Dana Whitfield <', f'{DANA_ADDR}> wrote:'

def outlook_block(od, to, subj, lang):
    if lang == 'de':
        wd = ['Montag','Dienstag','Mittwoch','Donnerstag','Freitag','Samstag','Sonntag'][od.weekday()]
        mo = ['Januar','Februar','März','April','Mai','Juni','Juli','August','September','Oktober','November','Dezember'][od.month-1]
        return [('Von', DANA), ('Gesendet', f'{wd}, {od.day}. {mo} {od.year} {od:%H:%M}'), ('An', to), ('Betreff', subj)], ':'
    if lang == 'fr':
        wd = ['lundi','mardi','mercredi','jeudi','vendredi','samedi','dimanche'][od.weekday()]
        mo = ['janvier','février','mars','avril','mai','juin','juillet','août','septembre','octobre','novembre','décembre'][od.month-1]
        return [('De', DANA), ('Envoyé', f'{wd} {od.day} {mo} {od.year} {od:%H:%M}'), ('À', to), ('Objet', subj)], ' :'
    if lang == 'es':
        wd = ['lunes','martes','miércoles','jueves','viernes','sábado','domingo'][od.weekday()]
        mo = ['enero','febrero','marzo','abril','mayo','junio','julio','agosto','septiembre','octubre','noviembre','diciembre'][od.month-1]
        return [('De', DANA), ('Enviado', f'{wd}, {od.day} de {mo} de {od.year} {od:%H:%M}'), ('Para', to), ('Asunto', subj)], ':'
    return [('From', DANA), ('Sent', f'{EN_DAYS[od.weekday()]}, {od:%B} {od.day}, {od.year} {ampm(od)}'), ('To', to), ('Subject', subj)], ':'

def re_prefix(lang):
    return {'de': 'AW: ', 'fr': 'RE : ', 'es': 'RE: '}.get(lang, 'RE: ')

def html_paras(text):
    return ''.join(f'<div>{html.escape(l) if l else "<br>"}</div>' for l in text.split('\n'))

def quoted(text):
    return '\n'.join(('> ' + l) if l else '>' for l in text.split('\n'))

# ---------------- clients ----------------
def client_is_auto(rec):
    return rec['client'] in ('vacation', 'exchange-ooo', 'exchange-ooo-bare', 'ticket', 'bounce-postfix', 'bounce-exchange')

def build(rec, i, out):
    subj, obody, ofull = out['subj'], out['body'], out['full']
    rd = parse(rec['reply'], rec['tz'])
    od = out['date_local'].astimezone(rd.tzinfo)   # outbound as the replier's client shows it
    if client_is_auto(rec):
        rd = (od + D.timedelta(minutes=1)).astimezone(rd.tzinfo)
    secs = int(h(rec['name'] + 's', 4), 16) % 60
    name, a = rec['name'], out['to_addr']
    to_dana = DANA
    to_prospect = f"{name} <{a}>"
    lang, client, body = rec['lang'], rec['client'], rec['body']
    hdr = []
    thread = rec['threaded']
    mid_out = out['mid']
    def threading():
        return [('In-Reply-To', mid_out), ('References', mid_out)] if thread else []
    reply_subj = ('Re: ' + subj) if thread else None
    nl = '\n'
    key = rec['name']

    if client in ('gmail', 'gmail-android'):
        a1, a2 = gmail_attr(od, lang)
        if client == 'gmail-android' and lang == 'en':
            a1 = f'On {od:%a}, {od:%b} {od.day}, {od.year}, {ampm(od)} Dana Whitfield <'
        text = f"{body}\n\n{a1}\n{a2}\n\n{quoted(ofull)}\n"
        ohtml = html_paras(obody) + '<div><br></div><div>-- <br><div dir="ltr">Dana Whitfield<br>Account Executive | Northwind Analytics<br>+1 (617) 555-0142 | northwind-analytics.example</div></div>'
        hb = (f'<div dir="ltr">{html_paras(body)}</div><br><div class="gmail_quote gmail_quote_container">'
              f'<div dir="ltr" class="gmail_attr">{html.escape(a1 + a2).replace("&lt;" + DANA_ADDR, "&lt;<a href=" + chr(34) + "mailto:" + DANA_ADDR + chr(34) + ">" + DANA_ADDR + "</a>")}<br></div>'
              f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">{ohtml}</blockquote></div>\n')
        b = '000000000000' + h(key, 16)
        mime = multipart('alternative', b, [part('text/plain', text), part('text/html', hb)])
        hdr = [('MIME-Version', '1.0'), ('Date', rfc(rd, secs))] + threading() + [
            ('Message-ID', f'<CA{h(key,8).upper()}+{h(key+"g",20)}@mail.gmail.com>'),
            ('Subject', enc_header(reply_subj or 'Northwind')), ('From', from_hdr(name, a)), ('To', to_dana)]
        return hdr, mime

    if client == 'outlook':
        blk, colon = outlook_block(od, to_prospect, subj, lang)
        ptext = body + '\n\n________________________________\n' + ''.join(f'{k}{colon} {v}\n' for k, v in blk) + '\n' + ofull + '\n'
        bh = ''.join(f'<b>{html.escape(k)}{colon}</b> {html.escape(v)}<br>' for k, v in blk)
        hb = ('<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
              '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n<body dir="ltr">\n'
              f'<div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">\n{html_paras(body)}</div>\n'
              '<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
              f'<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">{bh}</font>\n<div>&nbsp;</div>\n</div>\n'
              f'<div class="BodyFragment"><font size="2"><span style="font-size:11pt;">\n<div class="PlainText">{html.escape(ofull).replace(nl, "<br>" + nl)}</div>\n</span></font></div>\n</body>\n</html>\n')
        b = '_000_' + h(key, 20).upper() + 'namprd04prodoutlo_'
        mime = multipart('alternative', b, [part('text/plain', ptext), part('text/html', hb)])
        p = re_prefix(lang)
        hdr = [('From', from_hdr(name, a)), ('To', to_dana), ('Subject', enc_header((p + subj) if thread else 'Northwind Analytics')),
               ('Thread-Topic', enc_header(subj)), ('Thread-Index', base64.b64encode(bytes.fromhex(h(key + 'ti', 44))).decode()),
               ('Date', rfc(rd, secs)), ('Message-ID', f'<MN2PR04MB{h(key,4).upper()}{h(key+"o",12).upper()}@MN2PR04MB{h(key,4).upper()}.namprd04.prod.outlook.com>')] + threading() + [
               ('Accept-Language', {'de': 'de-DE', 'fr': 'fr-FR', 'es': 'es-ES'}.get(lang, 'en-US') + ', en-US'),
               ('Content-Language', {'de': 'de-DE', 'fr': 'fr-FR', 'es': 'es-ES'}.get(lang, 'en-US')),
               ('X-MS-Has-Attach', ''), ('X-MS-TNEF-Correlator', ''), ('MIME-Version', '1.0')]
        return hdr, mime

    if client == 'outlook-plain':
        blk, colon = outlook_block(od, to_prospect, subj, lang)
        text = body + '\n\n-----Original Message-----\n' + ''.join(f'{k}{colon} {v}\n' for k, v in blk) + '\n' + ofull + '\n'
        mime = part('text/plain', wrapped(text), cte='7bit' if text.isascii() else 'quoted-printable', charset='us-ascii' if text.isascii() else 'utf-8')
        hdr = [('From', from_hdr(name, a)), ('To', to_dana), ('Subject', ('RE: ' + subj) if thread else 'your email'),
               ('Date', rfc(rd, secs)), ('Message-ID', f'<{h(key,12)}$a1b2c3$@{a.split("@")[1]}>')] + threading() + [
               ('MIME-Version', '1.0'), ('X-Mailer', 'Microsoft Outlook 16.0'), ('Thread-Index', base64.b64encode(bytes.fromhex(h(key + 'ti', 44))).decode()),
               ('Content-Language', 'en-us')]
        return hdr, mime

    if client == 'apple-mail':
        attr = f'On {od.day} {od:%b} {od.year}, at {od:%H:%M}, Dana Whitfield <{DANA_ADDR}> wrote:'
        text = f"{body}\n\n{attr}\n\n{quoted(ofull)}\n\n"
        hb = ('<html aria-label="message body"><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
              '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
              f'{html_paras(body)}<div><br><blockquote type="cite"><div>{html.escape(attr)}</div><br class="Apple-interchange-newline">'
              f'<div><div>{html_paras(ofull)}</div></div></blockquote></div><br></body></html>\n')
        b = 'Apple-Mail=_' + str(uuid.UUID(h(key, 32), version=4)).upper()
        mime = multipart('alternative', b, [part('text/plain', text), part('text/html', hb)])
        hdr = [('From', from_hdr(name, a)), ('Content-Type-Placeholder', ''), ('Mime-Version', '1.0 (Mac OS X Mail 16.0 \\(3826.400.131.1.6\\))'),
               ('Subject', ('Re: ' + subj) if thread else 'Northwind'), ('Date', rfc(rd, secs))] + threading() + [
               ('To', to_dana), ('Message-Id', f'<{str(uuid.UUID(h(key + "m", 32), version=4)).upper()}@{a.split("@")[1]}>'),
               ('X-Mailer', 'Apple Mail (2.3826.400.131.1.6)')]
        return hdr, mime

    if client == 'iphone':
        attr = f'On {od:%b} {od.day}, {od.year}, at {ampm(od)}, Dana Whitfield <{DANA_ADDR}> wrote:'
        if 'Sent from my iPhone' not in body:
            body = body + '\n\nSent from my iPhone'
        text = f"{body}\n\n> {attr}\n> \n{quoted(ofull)}\n"
        mime = part('text/plain', text, cte='quoted-printable')
        hdr = [('Content-Type-Placeholder', ''), ('From', from_hdr(name, a)), ('Mime-Version', '1.0 (1.0)'),
               ('Subject', ('Re: ' + subj) if thread else 'Dana'), ('Date', rfc(rd, secs)),
               ('Message-Id', f'<{str(uuid.UUID(h(key + "i", 32), version=4)).upper()}@{a.split("@")[1]}>')] + threading() + [
               ('To', to_dana), ('X-Mailer', 'iPhone Mail (22B83)')]
        return hdr, mime

    if client == 'thunderbird':
        attr = f'On {od.month}/{od.day}/{od:%y} {ampm(od)}, Dana Whitfield wrote:'
        text = f"{attr}\n{quoted(ofull)}\n\n{body}\n"
        mime = part('text/plain', flowed(text), cte='7bit' if text.isascii() else '8bit', extra='; format=flowed')
        hdr = [('Message-ID', f'<{uuid.UUID(h(key + "t", 32), version=4)}@{a.split("@")[1]}>'), ('Date', rfc(rd, secs)), ('MIME-Version', '1.0'),
               ('User-Agent', 'Mozilla Thunderbird'), ('Subject', 'Re: ' + subj), ('To', to_dana)] + threading() + [
               ('Content-Language', 'en-US'), ('From', from_hdr(name, a))]
        return hdr, mime

    if client == 'yahoo':
        attr = f'On {EN_DAYS[od.weekday()]}, {od:%B} {od.day}, {od.year} at {od:%I:%M:%S %p} EDT, Dana Whitfield <{DANA_ADDR}> wrote:'
        text = f"{body}\n\n    {attr}  \n \n" + '\n'.join(' ' + l for l in ofull.split('\n')) + '\n'
        hb = (f'<html><head></head><body><div class="ydp3f2c1a9yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">'
              f'{html_paras(body)}</div><div id="ydp7b1yahoo_quoted_{h(key,10)}" class="ydp7b1yahoo_quoted"><div style="font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;">'
              f'<div>{html.escape(attr)}</div><div><br></div><div><br></div><div><div dir="ltr">{html_paras(ofull)}</div></div></div></div></body></html>\n')
        b = '----=_Part_' + str(int(h(key, 6), 16)) + '_' + str(int(h(key + 'y', 8), 16)) + '.17' + str(int(h(key, 5), 16))
        mime = multipart('alternative', b, [part('text/plain', text, cte='7bit', charset='UTF-8'), part('text/html', hb, cte='quoted-printable', charset='UTF-8')])
        hdr = [('Date', rfc(rd, secs)), ('From', from_hdr(name, a)), ('To', to_dana),
               ('Message-ID', f'<{int(h(key,9),16)}.{int(h(key+"y",7),16)}@mail.yahoo.com>')] + threading() + [
               ('Subject', 'Re: ' + subj), ('MIME-Version', '1.0'), ('X-Mailer', 'WebService/1.1.24562 YMailNorrin')]
        return hdr, mime

    if client == 'vacation':
        s = {'es': 'Fuera de la oficina', 'en': 'Out of office'}.get(lang, 'Out of office')
        b = '000000000000' + h(key, 16)
        mime = multipart('alternative', b, [part('text/plain', body + '\n'), part('text/html', f'<div dir="ltr">{html_paras(body)}</div>\n')])
        hdr = [('MIME-Version', '1.0'), ('Date', rfc(rd + D.timedelta(minutes=1), secs))] + threading() + [
               ('Message-ID', f'<CA{h(key,8).upper()}+vac{h(key+"v",18)}@mail.gmail.com>'), ('Subject', enc_header(s if lang != 'es' else 'Respuesta automática: ' + subj)),
               ('From', from_hdr(name, a)), ('To', to_dana), ('Auto-Submitted', 'auto-replied'), ('X-Autoreply', 'yes'), ('Precedence', 'bulk')]
        return hdr, mime

    if client in ('exchange-ooo', 'exchange-ooo-bare'):
        pre = {'de': 'Abwesenheitsnotiz: ', 'fr': 'Réponse automatique : '}.get(lang, 'Automatic reply: ')
        if client == 'exchange-ooo-bare':
            pre = 'Out of Office: ' if 'parental' in body else 'RE: '
        hb = ('<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n<body>\n'
              f'<div style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt;">{html_paras(body)}</div>\n</body>\n</html>\n')
        b = '_000_' + h(key, 20).upper() + 'prod_'
        mime = multipart('alternative', b, [part('text/plain', body + '\n'), part('text/html', hb)])
        hdr = [('From', from_hdr(name, a)), ('To', to_dana), ('Subject', enc_header(pre + subj)), ('Thread-Topic', enc_header(subj)),
               ('Date', rfc(rd + D.timedelta(minutes=1), secs)), ('Message-ID', f'<{h(key+"x",24).upper()}@{a.split("@")[1]}>')] + threading() + [
               ('Content-Language', {'de': 'de-DE', 'fr': 'fr-FR'}.get(lang, 'en-US'))]
        if client == 'exchange-ooo':
            hdr += [('Auto-Submitted', 'auto-generated'), ('X-Auto-Response-Suppress', 'All'), ('X-MS-Exchange-Inbox-Rules-Loop', a)]
        hdr += [('MIME-Version', '1.0')]
        return hdr, mime

    if client == 'ticket':
        mime = part('text/plain', body + '\n\n--\nCalder County Schools Purchasing Helpdesk\n', cte='7bit', charset='us-ascii')
        hdr = [('From', f'Calder County Schools Purchasing <{a}>'), ('To', to_dana), ('Subject', f'[Ticket #48213] Re: {subj}'),
               ('Date', rfc(rd + D.timedelta(minutes=1), secs)), ('Message-ID', f'<ticket-48213-{h(key,8)}@helpdesk.{a.split("@")[1]}>')] + threading() + [
               ('Auto-Submitted', 'auto-generated'), ('X-Autogenerated', 'Reply'), ('Precedence', 'auto_reply'), ('MIME-Version', '1.0')]
        return hdr, mime

    if client in ('bounce-postfix', 'bounce-exchange'):
        dom = a.split('@')[1]
        orig_hdrs = (f"Message-ID: {mid_out}\nDate: {out['date_hdr']}\nMIME-Version: 1.0\nUser-Agent: Mozilla Thunderbird\n"
                     f"To: {to_prospect}\nFrom: {DANA}\nSubject: {subj}\nContent-Type: text/plain; charset=UTF-8; format=flowed\n")
        ts = rfc(rd + D.timedelta(seconds=4))
        if client == 'bounce-postfix':
            qid = h(key, 10).upper()
            notice = (f"This is the mail system at host mail.northwind-analytics.example.\n\nI'm sorry to have to inform you that your message could not\n"
                      f"be delivered to one or more recipients. It's attached below.\n\nFor further assistance, please send mail to postmaster.\n\n"
                      f"If you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n"
                      f"                   The mail system\n\n<{a}>: host mx1.{dom}[203.0.113.25] said: 550 5.1.1\n    <{a}>: Recipient address rejected: User unknown in virtual mailbox\n    table (in reply to RCPT TO command)\n")
            ds = (f"Reporting-MTA: dns; mail.northwind-analytics.example\nX-Postfix-Queue-ID: {qid}\nX-Postfix-Sender: rfc822; {DANA_ADDR}\n"
                  f"Arrival-Date: {out['date_hdr']}\n\nFinal-Recipient: rfc822; {a}\nOriginal-Recipient: rfc822;{a}\nAction: failed\nStatus: 5.1.1\n"
                  f"Remote-MTA: dns; mx1.{dom}\nDiagnostic-Code: smtp; 550 5.1.1 <{a}>: Recipient address rejected: User\n    unknown in virtual mailbox table\n")
            b = f'{qid}.{int(h(key,8),16)}/mail.northwind-analytics.example'
            mime = (f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{b}"\n\nThis is a MIME-encapsulated message.\n\n'
                    f'--{b}\nContent-Description: Notification\nContent-Type: text/plain; charset=us-ascii\n\n{notice}\n'
                    f'--{b}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n{ds}\n'
                    f'--{b}\nContent-Description: Undelivered Message Headers\nContent-Type: text/rfc822-headers\n\n{orig_hdrs}\n--{b}--\n')
            hdr = [('Return-Path', '<>'), ('Date', ts), ('From', 'MAILER-DAEMON@mail.northwind-analytics.example (Mail Delivery System)'),
                   ('Subject', 'Undelivered Mail Returned to Sender'), ('To', DANA_ADDR), ('Auto-Submitted', 'auto-replied'), ('MIME-Version', '1.0'),
                   ('Message-Id', f'<20261117{h(key,6)}.{qid}@mail.northwind-analytics.example>')]
            return hdr, mime
        notice_t = (f"Your message to {a} couldn't be delivered.\n\n{name.split()[0]} wasn't found at {dom}.\n\n"
                    f"dana  Office 365  {name.split()[0]}\nAction Required  Recipient\n\nUnknown To address\n\n"
                    "How to Fix It\nThe address may be misspelled or may not exist. Try one or more of the following:\n"
                    "- Retype the recipient's address, then resend the message.\n- If the recipient has left the organization, contact someone else there.\n\n"
                    f"Diagnostic information for administrators:\n\nGenerating server: BN8PR04MB6129.namprd04.prod.outlook.com\n\n{a}\n"
                    f"Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n")
        hb = '<html><body><p><b><font color="#000000" size="3">Your message to <a href="mailto:' + a + '">' + a + '</a> couldn\'t be delivered.</font></b></p>' + html_paras(notice_t) + '</body></html>\n'
        ds = (f"Reporting-MTA: dns;BN8PR04MB6129.namprd04.prod.outlook.com\nReceived-From-MTA: dns;northwind-analytics.example\nArrival-Date: {out['date_hdr']}\n\n"
              f"Final-Recipient: rfc822;{a}\nAction: failed\nStatus: 5.1.10\nDiagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n")
        b1 = '_' + h(key, 8) + '-' + h(key + '1', 4) + '_'
        b2 = '_' + h(key, 8) + '-' + h(key + '2', 4) + '_'
        alt = multipart('alternative', b2, [part('text/plain', notice_t), part('text/html', hb)])
        mime = (f'Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="{b1}"\n\n'
                f'--{b1}\n{alt}\n--{b1}\nContent-Type: message/delivery-status\n\n{ds}\n--{b1}\nContent-Type: message/rfc822\n\n{orig_hdrs}\n{obody}\n\n--{b1}--\n')
        hdr = [('From', 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@northwind-analytics.example>'), ('To', DANA),
               ('Date', ts), ('Content-Language', 'en-US'), ('Message-ID', f'<{uuid.UUID(h(key + "n", 32), version=4)}@BN8PR04MB6129.namprd04.prod.outlook.com>'),
               ('In-Reply-To', mid_out), ('References', mid_out), ('Subject', 'Undeliverable: ' + subj), ('Auto-Submitted', 'auto-replied'),
               ('X-MS-Exchange-Message-Is-Ndr', ''), ('MIME-Version', '1.0')]
        return hdr, mime
    raise SystemExit('unknown client ' + client)

def render(hdr, mime, crlf):
    # mime starts with Content-Type ... headers, blank line, body.  Put its headers where the placeholder is (or at the end).
    mh, mb = mime.split('\n\n', 1)
    lines = []
    placed = False
    for k, v in hdr:
        if k == 'Content-Type-Placeholder':
            lines.append(mh); placed = True; continue
        lines.append(f'{k}: {v}' if v != '' else f'{k}:')
    if not placed:
        lines.append(mh)
    s = '\n'.join(lines) + '\n\n' + mb
    if crlf:
        s = s.replace('\r\n', '\n').replace('\n', '\r\n')
    return s

def main():
    os.makedirs(os.path.join(ROOT, 'sent'), exist_ok=True)
    os.makedirs(os.path.join(ROOT, 'mail'), exist_ok=True)
    rows = []
    CLIENT_NAME = {'vacation': 'gmail', 'exchange-ooo': 'outlook', 'exchange-ooo-bare': 'outlook', 'ticket': 'autoresponder',
                   'bounce-postfix': 'mta', 'bounce-exchange': 'mta'}
    for i, rec in enumerate(R, 1):
        od = et(rec['sent'])
        rd = parse(rec['reply'], rec['tz'])
        if client_is_auto(rec):
            rd = od
        assert rd >= od, (i, rec['name'])
        subj, body, full = outbound_text(rec, i)
        to_addr = 'purchasing@' + slug(rec['company']) if rec['client'] == 'ticket' else addr(rec['name'], rec['company'])
        mid = f'<{uuid.UUID(h("out" + rec["name"], 32), version=4)}@northwind-analytics.example>'
        date_hdr = rfc(od, int(h(rec['name'], 4), 16) % 60)
        sent = (f"Message-ID: {mid}\nDate: {date_hdr}\nMIME-Version: 1.0\nUser-Agent: Mozilla Thunderbird\nContent-Language: en-US\n"
                f"To: {from_hdr(rec['name'], to_addr) if rec['client'] != 'ticket' else 'Purchasing <' + to_addr + '>'}\nFrom: {DANA}\nSubject: {subj}\n"
                "X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0; attachmentreminder=0; deliveryformat=1\n"
                "Content-Type: text/plain; charset=UTF-8; format=flowed\nContent-Transfer-Encoding: 7bit\n\n" + flowed(full) + '\n')
        sname = f'sent/h-s{i:02d}.eml'
        with open(os.path.join(ROOT, sname), 'w', newline='') as f:
            f.write(sent)
        out = dict(subj=subj, body=body, full=full, date_local=od, to_addr=to_addr, mid=mid, date_hdr=date_hdr)
        hdr, mime = build(rec, i, out)
        mname = f'mail/h{i:03d}.eml'
        with open(os.path.join(ROOT, mname), 'w', newline='', encoding='utf-8') as f:
            f.write(render(hdr, mime, crlf=(i % 3 == 0)))
        threaded = 'yes' if (rec['threaded'] and not rec['client'].startswith('bounce')) else 'no'
        rows.append([mname, rec['kind'], rec['label'], rec['cb'], rec['ooo'], rec['reason'], sname, threaded,
                     CLIENT_NAME.get(rec['client'], rec['client']), rec['note']])
    with open(os.path.join(ROOT, 'manifest.tsv'), 'w') as f:
        f.write('file\tkind\tlabel\tcallback\tooo_return\treason\tsent\tthreaded\tclient\tnote\n')
        for r in rows:
            f.write('\t'.join(x.replace('\t', ' ') for x in r) + '\n')
    print(len(rows), 'replies written')

if __name__ == '__main__':
    main()
