/* reply.c: keep only what the sender wrote now (SPEC §4 "Reply extraction"; RFC 3676 §4.3
 * signature separator; RFC 3676 / RFC 2646 ">" quoting).
 *
 * The text is cut into lines and every line gets one class letter, talon/discourse style:
 *
 *	q  quoted (">" ...)               s  splitter ("On ... wrote:", Outlook header block,
 *	e  empty                             "-----Original Message-----", forward markers)
 *	t  text                           m  mobile footer ("Sent from my iPhone", ...)
 *	d  signature separator "-- "      l  start of a legal disclaimer
 *
 * A splitter followed by ">" lines is an attribution: it and the quote go, and text after
 * them (a bottom-post or an inline answer) stays. Any other splitter ends the reply: all after
 * it is the quoted message, marked or not. Quoted lines go everywhere. After the cut, the
 * first "-- ", mobile footer or disclaimer line that is not the first line of text ends the
 * reply: a short answer above a signature ("No thanks" + "Sent from my iPhone") survives.
 * When the outbound text is known, remaining lines that repeat one of its sentences are
 * dropped: clients that quote without markers cannot leak the trap phrases.
 *
 * The line patterns are PCRE2, compiled once per process with pthread_once into a table that
 * is never written again: compiling ~10 patterns per message would cost more than the whole
 * extraction, and an immutable table shared by threads is not mutable global state. */
#include "reply.h"

#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "charset.h"

/* Lines examined for splitters; a longer text is quoted history far below the reply. */
#define MAX_LINES 4000
/* An "On ... wrote:" attribution is wrapped over at most this many lines. */
#define WRAP_LINES 3

enum pat {
	P_ON_WROTE,    /* a whole attribution line (or a joined window of lines) */
	P_ON_OPENER,   /* the first line of a wrapped attribution */
	P_DATE_EMAIL,  /* "2014-10-17 11:28 GMT+03:00 Bob <bob@example.com>:" and kin */
	P_ORIGINAL,    /* "-----Original Message-----" and translations, forward markers */
	P_HEADER,      /* Outlook "From: x" / "*Sent:* y" header line */
	P_HEADER_FROM, /* the From/Date-like ones, one of which a header block must hold */
	P_FROM_ADDR,   /* "From: Name <addr>" on its own is a splitter (Hotmail) */
	P_MOBILE,      /* "Sent from my iPhone", "Von meinem iPhone gesendet", ... */
	P_DISCLAIMER,  /* "CONFIDENTIALITY NOTICE", "This e-mail and any attachments" ... */
	P_ANDROID,     /* "---- John Smith wrote ----" */
	P_VERB_NAME,   /* "Am 25.06.2015 um 10:55 schrieb Test user:" (verb before the name) */
	P_DATE_LINE,   /* "2016-03-03 17:21 GMT+01:00 Some One", "2013/7/20 sam <a@b>" */
	P_FROM_INLINE, /* "From: bob@example.com Date: Thu, 24 Mar" (HTML rendered inline) */
	P_DATEISH,     /* a year or a time: a wrapped attribution's first line has one */
	P_LABEL_DATE,  /* "Message du : 12/12/2016 13:20" above a header block */
	P_QUOTING,     /* Horde/IMP "Quoting Name <addr>:" */
	P_FOOTER,      /* a company or list footer, anywhere in a line ("To unsubscribe from") */
	P_FROM_NAME,   /* From- and Date-family header names, one of which a quoted block holds */
	P_COUNT
};

/* The tables read better in rows than one entry per line. */
/* clang-format off */
static const char *const pattern_src[P_COUNT] = {
	[P_ON_WROTE] =
		"^[\\s>]*-*\\s*(?:\\S.{0,600}?\\s)?"
		"(?:wrote|writes|said|a\\s+[ée]crit|[ée]crit|schrieb|schreef|geschreven|"
		"escribi[óo]|ha\\s+escrito|escreveu|scritto|ha\\s+scritto|skrev(?:\\s+f[øo]lgende)?|"
		"kirjoitti|napisa[łl](?:\\(a\\)|a)?|pisze|написал[аи]?|пише|写道|írta|yazd[ıi]|"
		"đã viết|skriver)"
		"(?:\\s+(?:am|le|on)\\s.{0,80})?\\s*[:：]?\\s*[-\\s]*$",
	[P_ON_OPENER] = "^[\\s>]*-*\\s*(?:On|Le|Am|Op|El|Il|Em|Den|På|Dne|W\\s+dniu|Dnia|Vào|Il\\s+giorno|"
			"Am\\s+\\d|\\p{L}{2,4}\\.?\\s+\\d{1,2}[./]|\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|"
			"\\d{1,2}\\.?\\s+\\p{L}{3,10}\\.?\\s+\\d{4})",
	[P_DATE_EMAIL] =
		"^[\\s>]*(?=.*\\d{1,2}[:.]\\d\\d|.*\\b(?:19|20)\\d\\d\\b)(?=.*(?:@|mailto:)).{0,300}"
		"[:：]\\s*$",
	[P_ORIGINAL] =
		"^[\\s>*]*(?:-{2,}|_{2,}|={2,})?\\s*(?:Original\\s+Message|Reply\\s+Message|"
		"Forwarded\\s+message|Forwarded\\s+Message|Urspr[üu]ngliche\\s+Nachricht|"
		"Originalnachricht|Weitergeleitete\\s+Nachricht|Antwort\\s+Nachricht|"
		"Message\\s+d'origine|Message\\s+original|Message\\s+transf[ée]r[ée]|"
		"Mensaje\\s+original|Mensaje\\s+reenviado|Messaggio\\s+originale|"
		"Messaggio\\s+inoltrato|Oorspronkelijk\\s+bericht|Origineel\\s+bericht|"
		"Doorgestuurd\\s+bericht|Ursprungligt\\s+meddelande|Vidarebefordrat\\s+meddelande|"
		"Opprinnelig\\s+melding|Videresendt\\s+melding|Oprindelig\\s+meddelelse|"
		"Videresendt\\s+meddelelse|Alkuper[äa]inen\\s+viesti|V[äa]litetty\\s+viesti|"
		"Mensagem\\s+original|Mensagem\\s+encaminhada|Wiadomo[śs][ćc]\\s+oryginalna|"
		"Исходное\\s+сообщение|Пересланное\\s+сообщение|原始邮件|原始郵件)"
		"\\s*(?:-{2,}|_{2,}|={2,})?\\s*:?[\\s*]*$"
		"|^[\\s-]*(?:This\\s+is\\s+a\\s+copy\\s+of\\s+the\\s+message|"
		"Below\\s+this\\s+line\\s+is\\s+a\\s+copy\\s+of\\s+the\\s+message|"
		"(?:A\\s+copy\\s+of\\s+the\\s+)?original\\s+message\\s+follows)\\b.*$"
		"|^\\s*(?:Begin\\s+forwarded\\s+message|D[ée]but\\s+du\\s+message\\s+(?:transf[ée]r[ée]|r[ée]exp[ée]di[ée])|"
		"Anfang\\s+der\\s+weitergeleiteten\\s+(?:Nachricht|E-Mail)|Inizio\\s+messaggio\\s+inoltrato|"
		"Comienzo\\s+del\\s+mensaje\\s+reenviado|In[íi]cio\\s+da\\s+mensagem\\s+(?:reencaminhada|encaminhada)|"
		"Begin\\s+doorgestuurd\\s+bericht|Vidarebefordrat\\s+brev)\\s*:?\\s*$",
	[P_HEADER] =
		"^[\\s>]*\\*{0,2}(?:From|Sent|Date|To|Cc|Bcc|Subject|Reply-To|Von|Gesendet|An|Betreff|"
		"Datum|Kopie|De|Envoy[ée]|[ÀA]|Objet|Cc|Exp[ée]diteur|Destinataire|Para|Enviado|"
		"Sujet|Copie|Risposta|Rispondi\\s+a|Antwort\\s+an|R[ée]pondre\\s+[àa]|"
		"Enviada\\s+em|Asunto|Assunto|Fecha|Data|Da|Inviato|Oggetto|Van|Verzonden|Aan|"
		"Onderwerp|Fr[åa]n|Skickat|Till|[ÄA]mne|Fra|Sendt|Til|Emne|L[äa]hett[äa]j[äa]|"
		"L[äa]hetetty|Vastaanottaja|Aihe|Od|Wys[łl]ano|Do|Temat|Dátum|Feladó|Tárgy|Címzett|"
		"发件人|收件人|主题|发送时间|日期|寄件者|收件者|主旨|От|Отправлено|Кому|Тема)"
		"\\s?\\*{0,2}\\s?[:：]\\s?\\*{0,2}(?:\\s|$)",
	[P_HEADER_FROM] =
		"^[\\s>]*\\*{0,2}(?:From|Sent|Date|Von|Gesendet|Datum|De|Envoy[ée]|Exp[ée]diteur|Enviado|"
		"Enviada\\s+em|Fecha|Data|Da|Inviato|Van|Verzonden|Fr[åa]n|Skickat|Fra|Sendt|"
		"L[äa]hett[äa]j[äa]|L[äa]hetetty|Od|Wys[łl]ano|Feladó|发件人|发送时间|寄件者|От|"
		"Отправлено)\\s?\\*{0,2}\\s?[:：]",
	[P_FROM_ADDR] = "^\\s*\\*{0,2}(?:From|Von|De|Van|Da|Fra|Fr[åa]n|发件人)\\s?\\*{0,2}\\s?[:：]"
			"\\s?\\*{0,2}.{0,200}(?:<[^>\\s]+@[^>\\s]+>|\\[mailto:[^\\]]+\\])",
	[P_MOBILE] =
		"^\\s*[(<]?\\s*(?:"
		"Sent\\s+(?:from|via|with|using|by)\\s.{1,80}|"
		"Get\\s+Outlook\\s+for\\s.{1,30}|"
		"(?:Von\\s+meinem|Gesendet\\s+von\\s+meinem)\\s.{1,60}(?:gesendet)?|"
		"Gesendet\\s+(?:mit|von|vom)\\s.{1,60}|"
		"Diese\\s+Nachricht\\s+wurde\\s+von\\s.{1,60}gesendet\\.?|"
		"Envoy[ée]\\s+(?:de|depuis|avec|à\\s+partir\\s+de)\\s.{1,60}|"
		"Enviado\\s+(?:desde|do|de|con|com|a\\s+partir\\s+do)\\s.{1,60}|"
		"Inviato\\s+(?:da|dal|con)\\s.{1,60}|"
		"(?:Verzonden|Verstuurd)\\s+(?:vanaf|met|van)\\s.{1,60}|"
		"Skickat\\s+fr[åa]n\\s.{1,60}|Sendt\\s+fra\\s.{1,60}|Sent\\s+fra\\s.{1,60}|"
		"L[äa]hetetty\\s.{1,40}(?:sta|st[äa]|lla|ll[äa])|"
		"Wys[łl]ane\\s+z\\s.{1,60}|Отправлено\\s+с\\s.{1,60}|"
		"从我的\\s*\\S+\\s*发送|從我的\\s*\\S+\\s*傳送|\\S+から送信|"
		"\\S+\\s+from\\s+mobile)\\s*[)>]?\\s*$",
	[P_DISCLAIMER] =
		"^\\s*\\*{0,2}\\s*(?:CONFIDENTIALITY\\s+(?:NOTICE|NOTE|STATEMENT)|"
		"(?:IMPORTANT\\s+)?DISCLAIMER|PRIVILEGED\\s+AND\\s+CONFIDENTIAL|"
		/* A sentence opening counts only with the words of a disclaimer in the line:
		 * "This message is to let you know we chose another vendor" is the reply. */
		"(?=.{0,400}?(?:confidential|privileged|intended\\s+(?:solely\\s+|only\\s+)?"
		"(?:for|recipient)|unauthori[sz]ed|prohibited|legally|vertraulich|confidentiel|"
		"riservat|confidencial|vertrouwelijk|destinatario|destinataire|Empf[äa]nger))(?:"
		"This\\s+(?:e-?mail|message|communication)(?:\\s+message)?(?:\\s+and\\s+any\\s+"
		"(?:files|attachments))?\\s+(?:is|are|may\\s+contain|contains?|transmitted|"
		"and\\s+its\\s+attachments|including\\s+any\\s+attachments)|"
		"The\\s+information\\s+(?:contained\\s+)?in\\s+this\\s+(?:e-?mail|message|"
		"communication)|"
		"Diese\\s+(?:E-?Mail|Nachricht)\\s+(?:enth[äa]lt|ist|kann)\\s+vertrauliche|"
		"Ce\\s+(?:message|courriel|e-?mail)\\s+(?:et\\s+ses\\s+pi[èe]ces\\s+jointes\\s+)?"
		"(?:est|sont|contient|peut)|"
		"Este\\s+(?:mensaje|correo)\\s+(?:y\\s+sus\\s+anexos\\s+)?(?:es|contiene|puede)|"
		"Questo\\s+messaggio\\s+(?:e|è|contiene|pu[òo])|"
		"Dit\\s+(?:e-?mail)?bericht\\s+(?:is|kan|bevat)|Le\\s+informazioni\\s+contenute))",
	[P_VERB_NAME] =
		/* The date comes first: an opener word or two, then a digit ("Am 25.06.2015 um
		 * 10:55 schrieb X:", "tir. 18. apr. 2017 kl. 13:09 skrev X:"); "I wrote to Bob
		 * about the 3 items:" is text. */
		"^[\\s>]*-*\\s*(?:\\S{1,12}\\s+){0,2}\\d.{0,300}?\\s(?:schreef|schrieb|skrev|escribi[óo]|wrote|"
		"scrisse|написал[аи]?|kirjoitti|a\\s+[ée]crit|escreveu)\\s.{1,200}[:：]\\s*$",
	[P_DATE_LINE] =
		"^[\\s>]*(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4})"
		/* A time or an <address> must follow: "2026-11-03 works for me, mail bob@x" is text. */
		"(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?\\s.{0,160}"
		"(?:<[^>\\s]+@[^>\\s]+>|\\bGMT[+-]?\\d{0,2}(?::\\d\\d)?\\b|\\S+@\\S+)|"
		"\\s.{0,160}<[^>\\s]+@[^>\\s]+>)[^.?!]{0,60}$",
	[P_FROM_INLINE] = "^\\s*\\*{0,2}(?:From|Von|De|Van|Da|Fra|Fr[åa]n)\\s?\\*{0,2}\\s?:.{1,300}\\b"
			  "(?:Sent|Date|To|Subject|Gesendet|Datum|Betreff|Envoy[ée]|Objet|Enviado|Asunto|"
			  "Verzonden|Onderwerp|Skickat|Sendt|Inviato|Oggetto)\\s?\\*{0,2}\\s?:",
	[P_LABEL_DATE] = "^\\s*\\p{L}[\\p{L} ]{0,25}\\s?:\\s.{0,40}\\d",
	[P_QUOTING] = "^\\s*(?:Quoting|Zitat\\s+von|Citando|Citazione\\s+di|Citation\\s+de|Citerar)"
		      "\\s.{1,200}[:：]\\s*$",
	[P_FOOTER] = "\\b(?:You\\s+are\\s+receiving\\s+this\\s+(?:e-?mail|message)|"
		     "To\\s+unsubscribe\\s+from|If\\s+you\\s+no\\s+longer\\s+wish\\s+to\\s+receive|"
		     "This\\s+(?:e-?mail|message)\\s+was\\s+sent\\s+to\\s+\\S+@|"
		     "Sie\\s+erhalten\\s+diese\\s+(?:E-?Mail|Nachricht)|"
		     "Vous\\s+recevez\\s+(?:ce|cet)\\s+(?:e-?mail|message|courriel))",
	[P_FROM_NAME] = "^[\\s>]*\\*{0,2}(?:From|Von|De|Van|Da|Fra|Fr[åa]n|Od|L[äa]hett[äa]j[äa]|Feladó|"
			"Exp[ée]diteur|发件人|寄件者|От|Date|Datum|Fecha|Data|Dátum|日期)\\s?\\*{0,2}\\s?[:：]",
	[P_DATEISH] = "\\b(?:19|20)\\d\\d\\b|\\b\\d{1,2}[:.]\\d\\d\\b",
	[P_ANDROID] = "^\\s*-{2,}.{0,100}\\b(?:wrote|schrieb|a\\s+[ée]crit|escribi[óo])\\s*[:]?\\s*-{2,}\\s*$",
};
/* clang-format on */

struct patterns {
	pcre2_code *code[P_COUNT];
	bool ok;
};

/* Compiled once (see the file comment); read-only afterwards. */
static struct patterns compiled;
static pthread_once_t compiled_once = PTHREAD_ONCE_INIT;

/* REPLYWATCH_NO_JIT=1 (the one switch, as in regex.c) skips JIT: valgrind cannot follow
 * JIT-generated code and reports uninitialised reads inside it that are not there (the
 * interpreter gives the same results). */
static void compile_patterns(void)
{
	const char *nojit = getenv("REPLYWATCH_NO_JIT");
	bool jit = nojit == NULL || *nojit == '\0' || *nojit == '0';
	compiled.ok = true;
	for (int i = 0; i < P_COUNT; i++) {
		int ec;
		PCRE2_SIZE eo;
		compiled.code[i] = pcre2_compile((PCRE2_SPTR)pattern_src[i], PCRE2_ZERO_TERMINATED,
						 PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP |
							 PCRE2_MATCH_INVALID_UTF,
						 &ec, &eo, NULL);
		if (compiled.code[i] == NULL) {
			compiled.ok = false;
			continue;
		}
		if (jit)
			pcre2_jit_compile(compiled.code[i], PCRE2_JIT_COMPLETE);
	}
}

struct matcher {
	pcre2_match_data *md;
	pcre2_match_context *mc;
};

/* 1 when pattern p matches s[0..len), 0 when not (or on a limit: a line we cannot judge
 * is kept as text, which loses nothing). */
/* ------------------------------------------------------------------ prefilters
 *
 * The most-run patterns need a word, a digit or an '@' that a plain scan finds far faster
 * than PCRE2 fails. A prefilter only says "cannot match" for pure-ASCII text: there the
 * caseless UCP pattern can only match ASCII letters of its ASCII words (no Kelvin sign, long
 * s or Unicode digit can be in the text), so the answer is the pattern's own. Text with any
 * other byte always goes to PCRE2. */

static bool ascii_only(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* 1 when the lower-case word w is at s[i..) (ASCII case-insensitive). "c | 0x20" also folds
 * some punctuation together: a false "maybe" only sends the text on to PCRE2. */
static bool word_at(const char *s, size_t n, size_t i, const char *w)
{
	for (; *w; w++, i++)
		if (i >= n || (s[i] | 0x20) != *w)
			return false;
	return true;
}

static bool has_word_ci(const char *s, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) == w[0] && word_at(s, n, i, w))
			return true;
	return false;
}

/* Could s[0..n) hold one of P_ON_WROTE's verbs? One pass, looking only at letters a verb can
 * start with. The ASCII spellings ("a\s+[ée]crit" holds "ecrit", "ha\s+escrito" holds
 * "escrito", ...); any non-ASCII byte answers yes (the other verbs are not ASCII). */
static bool may_be_on_wrote(const char *s, size_t n)
{
	static const char *const w_words[] = {"wrote", "writes", NULL};
	static const char *const s_words[] = {"said",  "schrieb", "schreef", "scritto",
					      "skrev", "skriver", NULL};
	static const char *const e_words[] = {"ecrit", "escribio", "escrito", "escreveu", NULL};
	static const char *const g_words[] = {"geschreven", NULL};
	static const char *const k_words[] = {"kirjoitti", NULL};
	static const char *const n_words[] = {"napisal", NULL};
	static const char *const p_words[] = {"pisze", NULL};
	static const char *const y_words[] = {"yazdi", NULL};
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return true;
		const char *const *v;
		switch (c | 0x20) {
		case 'w':
			v = w_words;
			break;
		case 's':
			v = s_words;
			break;
		case 'e':
			v = e_words;
			break;
		case 'g':
			v = g_words;
			break;
		case 'k':
			v = k_words;
			break;
		case 'n':
			v = n_words;
			break;
		case 'p':
			v = p_words;
			break;
		case 'y':
			v = y_words;
			break;
		default:
			continue;
		}
		for (; *v; v++)
			if (word_at(s, n, i, *v))
				return true;
	}
	return false;
}

/* Could s[0..n) hold one of the lower-case ASCII words (NULL-terminated list)? Any non-ASCII
 * byte answers yes. One pass; only bytes a word starts with are looked at further. */
static bool may_hold(const char *s, size_t n, const char *const *words)
{
	uint32_t first = 0;
	for (const char *const *w = words; *w; w++)
		first |= 1u << ((*w)[0] - 'a');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return true;
		unsigned l = c | 0x20;
		if (l < 'a' || l > 'z' || !(first & (1u << (l - 'a'))))
			continue;
		for (const char *const *w = words; *w; w++)
			if ((*w)[0] == (char)l && word_at(s, n, i, *w))
				return true;
	}
	return false;
}

/* P_DISCLAIMER needs one of these: its three headings or a word of its look-ahead
 * ("confidenti" holds confidential(ity) and confidentiel, "destinata" destinatario and
 * destinataire, "empf" the ASCII Empfanger; Empfänger is not ASCII). */
static const char *const disclaimer_words[] = {
	"confidenti",	 "confidencial", "disclaimer", "privileged",  "intended",
	"unauthori",	 "prohibited",	 "legally",    "vertraulich", "riservat",
	"vertrouwelijk", "destinata",	 "empf",       NULL,
};

/* 0 when pattern p cannot match s[0..len) (see above), 1 when PCRE2 must tell. */
static bool may_match(enum pat p, const char *s, size_t len)
{
	switch (p) {
	case P_ON_WROTE:
		return may_be_on_wrote(s, len);
	case P_DATEISH: /* both branches end in \d\d: two ASCII digits in a row */
		for (size_t i = 0; i < len; i++) {
			if ((unsigned char)s[i] >= 0x80)
				return true;
			if (isdigit((unsigned char)s[i]) && i + 1 < len &&
			    isdigit((unsigned char)s[i + 1]))
				return true;
		}
		return false;
	case P_DISCLAIMER:
		return may_hold(s, len, disclaimer_words);
	/* These need a colon, ':' or the full-width '：' (neither has a case): */
	case P_HEADER:
	case P_HEADER_FROM:
	case P_FROM_ADDR:
	case P_FROM_INLINE:
	case P_FROM_NAME:
	case P_LABEL_DATE:
	case P_QUOTING:
	case P_VERB_NAME:
		return memchr(s, ':', len) != NULL || memmem(s, len, "\xEF\xBC\x9A", 3) != NULL;
	case P_ANDROID: /* "^\\s*-{2,}" */
		return memmem(s, len, "--", 2) != NULL;
	case P_DATE_EMAIL:
		if (memchr(s, ':', len) == NULL && memmem(s, len, "\xEF\xBC\x9A", 3) == NULL)
			return false; /* it ends in [:：] */
		return memchr(s, '@', len) != NULL || !ascii_only(s, len) ||
		       has_word_ci(s, len, "mailto:");
	default:
		return true;
	}
}

static int match(struct matcher *mt, enum pat p, const char *s, size_t len)
{
	if (compiled.code[p] == NULL)
		return 0;
	if (!may_match(p, s, len))
		return 0;
	int rc = pcre2_match(compiled.code[p], (PCRE2_SPTR)s, len, 0, 0, mt->md, mt->mc);
	return rc >= 0;
}

/* ------------------------------------------------------------------ normalisation */

char *text_normalise(const char *s)
{
	struct buf b = BUF_INIT;
	buf_append(&b, "", 0);
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	size_t i = 0;
	/* Most text is ASCII and comes out as it went in: copy ASCII runs whole (only CR needs
	 * a look among them) instead of decoding and appending one character at a time. */
	while (i < n) {
		size_t run = 0;
		while (i + run < n && p[i + run] < 0x80 && p[i + run] != '\r')
			run++;
		if (run > 0) {
			buf_append(&b, p + i, run);
			i += run;
			continue;
		}
		unsigned cp;
		size_t k = charset_get_utf8(p + i, n - i, &cp);
		if (k == 0) { /* invalid byte: U+FFFD, never dropped silently */
			buf_append(&b, "\xEF\xBF\xBD", 3);
			i++;
			continue;
		}
		const char *rep = NULL;
		switch (cp) {
		case 0x2018:
		case 0x2019:
		case 0x201A:
		case 0x201B:
		case 0x2032:
		case 0x02BC:
			rep = "'";
			break;
		case 0x201C:
		case 0x201D:
		case 0x201E:
		case 0x201F:
		case 0x2033:
		case 0x00AB:
		case 0x00BB:
			rep = cp == 0x00AB || cp == 0x00BB ? NULL : "\"";
			break;
		case 0x2010:
		case 0x2011:
		case 0x2012:
		case 0x2013:
		case 0x2014:
		case 0x2015:
		case 0x2212:
			rep = "-";
			break;
		case 0x00A0:
		case 0x2007:
		case 0x202F:
		case 0x2009:
		case 0x200A:
		case 0x2002:
		case 0x2003:
		case 0x2004:
		case 0x2005:
		case 0x2006:
		case 0x2008:
		case 0x205F:
		case 0x3000:
			rep = " ";
			break;
		case 0x200B:
		case 0x200C:
		case 0x200D:
		case 0x2060:
		case 0xFEFF:
		case 0x00AD:
		case 0x200E:
		case 0x200F:
		case 0x202A:
		case 0x202B:
		case 0x202C:
		case 0x202D:
		case 0x202E:
		case 0x2066:
		case 0x2067:
		case 0x2068:
		case 0x2069:
			rep = "";
			break;
		case 0x2026:
			rep = "...";
			break;
		case '\r':
			rep = (i + 1 < n && p[i + 1] == '\n') ? "" : "\n";
			break;
		default:
			break;
		}
		if (rep != NULL)
			buf_puts(&b, rep);
		else
			buf_append(&b, p + i, k);
		i += k;
	}
	return buf_detach(&b);
}

/* ------------------------------------------------------------------ lines */

struct line {
	const char *s;
	size_t len;
	char cls;
};

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return false;
	return true;
}

/* ">" quoting, also the "C>" / "JS>" initials style; a ">>> ... <<<" banner is not a quote. */
static bool quoted(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t k = i;
	while (k < n && k - i < 3 && isalpha((unsigned char)s[k]))
		k++;
	if (k > i && k < n && s[k] == '>' && isupper((unsigned char)s[i]))
		i = k;
	if (i >= n || s[i] != '>')
		return false;
	return s[n - 1] != '<';
}

/* Only punctuation: "-----", "=====", "*****" (the rule above a quoted header block). */
static bool delimiter_line(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (strchr("-_=*~#+", s[i]))
			k++;
		else if (!isspace((unsigned char)s[i]))
			return false;
	}
	return k >= 2;
}

/* "-- " (RFC 3676), also "--" and the "—" folded to "-" by normalisation. */
static bool sig_dashes(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return n - i == 2 && s[i] == '-' && s[i + 1] == '-';
}

/* A run of at least min underscores (Outlook's reply line), nothing else on the line. */
static bool underscores(const char *s, size_t n, size_t min)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_')
			k++;
		else if (!isspace((unsigned char)s[i]) && s[i] != '*')
			return false;
	}
	return k >= min;
}

static size_t word_count(const char *s, size_t n)
{
	size_t w = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool sp = isspace((unsigned char)s[i]);
		if (!sp && !in)
			w++;
		in = !sp;
	}
	return w;
}

static bool has_device_word(const char *s, size_t n)
{
	static const char *const dev[] = {
		"iphone",  "ipad",    "android", "samsung", "galaxy", "blackberry", "smartphone",
		"outlook", "yahoo",   "gmail",	 "huawei",  "pixel",  "nokia",	    "motorola",
		"htc",	   "windows", "xiaomi",	 "tablet",  "aol"};
	char low[256];
	size_t k = n < sizeof low - 1 ? n : sizeof low - 1;
	for (size_t i = 0; i < k; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[k] = '\0';
	for (size_t i = 0; i < sizeof dev / sizeof dev[0]; i++)
		if (strstr(low, dev[i]))
			return true;
	return false;
}

/* A mobile footer line, not a sentence that happens to start "Sent from my desk, ...". */
static bool mobile_footer(struct matcher *mt, const char *s, size_t n)
{
	if (!match(mt, P_MOBILE, s, n))
		return false;
	size_t w = word_count(s, n);
	return w <= 8 || (w <= 12 && has_device_word(s, n));
}

static bool header_line(struct matcher *mt, const struct line *l)
{
	return l->len > 0 && match(mt, P_HEADER, l->s, l->len);
}

/* Outlook-style block: two or more header lines close together (a wrapped value or a blank
 * line may sit between), one of them naming the sender or the date (From:, Von:, De:, Date:,
 * ...). A read receipt's "To: / Subject: / Sent:" summary has neither and is not a quote. */
static bool header_block_at(struct matcher *mt, const struct line *v, size_t n, size_t i)
{
	if (!header_line(mt, &v[i]))
		return false;
	size_t headers = 1, gap = 0;
	bool from = match(mt, P_FROM_NAME, v[i].s, v[i].len);
	for (size_t j = i + 1; j < n && j <= i + 8 && gap <= 2; j++) {
		if (header_line(mt, &v[j])) {
			headers++;
			from |= match(mt, P_FROM_NAME, v[j].s, v[j].len);
			gap = 0;
			if (headers >= 2 && from)
				return true;
		} else if (v[j].len > 200) {
			break;
		} else {
			gap++;
		}
	}
	return false;
}

/* Join lines i..i+k-1 into tmp for wrapped attributions: blank lines skipped, a
 * quoted-printable soft break left raw ("w=" + "rote:") joined without a space. */
static const char *join_lines(struct buf *tmp, const struct line *v, size_t i, size_t k)
{
	buf_reset(tmp);
	for (size_t j = i; j < i + k; j++) {
		if (blank(v[j].s, v[j].len))
			continue;
		if (tmp->len > 0 && tmp->data[tmp->len - 1] == '=')
			tmp->data[--tmp->len] = '\0';
		else if (j > i)
			buf_putc(tmp, ' ');
		buf_append(tmp, v[j].s, v[j].len);
	}
	return buf_str(tmp);
}

static bool attribution_text(struct matcher *mt, const char *s, size_t n)
{
	return match(mt, P_ON_WROTE, s, n) || match(mt, P_DATE_EMAIL, s, n) ||
	       match(mt, P_VERB_NAME, s, n);
}

/* How many lines a wrapped attribution starting at line i spans (0: none). */
static size_t wrapped_attribution(struct matcher *mt, struct buf *tmp, const struct line *v,
				  size_t n, size_t i)
{
	bool dateish = match(mt, P_DATEISH, v[i].s, v[i].len);
	if (!dateish && !match(mt, P_ON_OPENER, v[i].s, v[i].len))
		return 0;
	/* Polymail and Gmail-on-Android wrap with blank lines and a lone "<" inside; allow a
	 * longer window only when the first line carries a date. */
	size_t maxk = dateish ? 7 : WRAP_LINES;
	for (size_t k = 2; k <= maxk && i + k <= n; k++) {
		const struct line *last = &v[i + k - 1];
		if (blank(last->s, last->len)) {
			if (!dateish)
				break;
			continue;
		}
		if (quoted(last->s, last->len) && last->len > 12)
			break; /* the quote itself, not a wrapped "> wrote:" tail */
		if (last->len > 1000)
			break;
		const char *j = join_lines(tmp, v, i, k);
		if (attribution_text(mt, j, strlen(j)))
			return k;
	}
	return 0;
}

/* How many lines an attribution starting at line i spans (0: none). */
static size_t attribution_at(struct matcher *mt, struct buf *tmp, const struct line *v, size_t n,
			     size_t i, bool *weak)
{
	*weak = false;
	if (v[i].len == 0 || v[i].len > 1000)
		return 0;
	/* Postfix bounce text: "<rcpt@host>: host mx[1.2.3.4] said: 550 ..." is no attribution. */
	if (v[i].s[0] == '<' && memmem(v[i].s, v[i].len, ">: ", 3))
		return 0;
	/* A lone verb line ("wrote:") is the tail of a wrap, judged from its head; a bare
	 * "Something wrote:" without date, address or opener counts only above a quote. */
	if (match(mt, P_ON_WROTE, v[i].s, v[i].len) && word_count(v[i].s, v[i].len) >= 2) {
		if (match(mt, P_DATEISH, v[i].s, v[i].len) || memchr(v[i].s, '@', v[i].len) ||
		    match(mt, P_ON_OPENER, v[i].s, v[i].len))
			return 1;
		*weak = true;
		return 1;
	}
	if (match(mt, P_DATE_EMAIL, v[i].s, v[i].len) || match(mt, P_VERB_NAME, v[i].s, v[i].len))
		return 1;
	if (match(mt, P_QUOTING, v[i].s, v[i].len)) {
		*weak = memchr(v[i].s, '@', v[i].len) == NULL;
		return 1;
	}
	size_t k = wrapped_attribution(mt, tmp, v, n, i);
	/* "Am heutigen Tage" + "Am So., 1. Jan. 2023 ... schrieb X <" + "x>:": the attribution
	 * starts at the latest line that still makes one. */
	bool opener = k >= 2 && match(mt, P_ON_OPENER, v[i].s, v[i].len);
	for (size_t j = i + 1; k >= 2 && j < i + k; j++) {
		if (blank(v[j].s, v[j].len))
			continue;
		/* An "On ..." head yields only to a later "On ..." head; a line that only holds a
		 * time ("see you at 11:00") yields to any later head. */
		if (!match(mt, P_ON_OPENER, v[j].s, v[j].len) &&
		    (opener || !match(mt, P_DATEISH, v[j].s, v[j].len)))
			continue;
		bool lw;
		size_t later = attribution_at(mt, tmp, v, n, j, &lw);
		if (later > 0 && !lw && j + later <= i + k)
			return 0;
	}
	return k;
}

/* A wrapped attribution glued to the reply ("reply On Wed, Apr 4, 2012 at 3:59 PM, bob
 * wrote:"): the offset where it starts, or 0. */
static size_t glued_attribution(struct matcher *mt, const char *s, size_t n)
{
	if (n > 1000 || !match(mt, P_ON_WROTE, s, n))
		return 0;
	for (size_t k = 1; k + 3 < n; k++) {
		if (memcmp(s + k, "On ", 3) != 0 || (s[k - 1] != ' ' && s[k - 1] != '-'))
			continue;
		if (match(mt, P_DATEISH, s + k, n - k) && match(mt, P_ON_WROTE, s + k, n - k))
			return k;
	}
	return 0;
}

/* ------------------------------------------------------------------ outbound sentences */

/* Lower-case letters and digits only, single spaces: how sentences are compared. */
static void squash(struct buf *out, const char *s, size_t n)
{
	bool sp = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c >= 0x80) {
			if (sp && out->len > 0)
				buf_putc(out, ' ');
			sp = false;
			buf_putc(out, (char)tolower(c));
		} else {
			sp = true;
		}
	}
}

/* True when the line repeats (a sentence-sized part of) the outbound text. */
static bool repeats_sent(const char *sent_sq, const char *s, size_t n)
{
	if (sent_sq == NULL || *sent_sq == '\0')
		return false;
	struct buf b = BUF_INIT;
	squash(&b, s, n);
	bool r = false;
	/* Short lines ("Thanks", "Yes") are the reply's own words even if the outbound used them.
	 */
	if (b.len >= 20 && word_count(buf_str(&b), b.len) >= 4)
		r = strstr(sent_sq, buf_str(&b)) != NULL;
	buf_release(&b);
	return r;
}

/* ------------------------------------------------------------------ contact blocks */

/* A phone number (7+ digits among digits, spaces and +()-./), an address or a web site. */
static bool contact_line(const char *s, size_t n)
{
	size_t digits = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c)) {
			digits++;
			run++;
		} else if (strchr(" +()-./", c) && run > 0) {
			continue;
		} else {
			if (digits >= 7)
				return true;
			digits = run = 0;
		}
	}
	if (digits >= 7)
		return true;
	for (size_t i = 0; i + 4 <= n; i++)
		if (s[i] == '@' || strncasecmp(s + i, "www.", 4) == 0 ||
		    strncasecmp(s + i, "http", 4) == 0)
			return true;
	return false;
}

/* The lines of a signature block: short, not sentences. */
static bool block_line(const char *s, size_t n)
{
	if (n > 90 || word_count(s, n) > 10)
		return false;
	char last = s[n - 1];
	return last != '?' && last != '!' && last != ':' && !(last == '.' && word_count(s, n) > 5);
}

/* The paragraph of kept lines ending at or before end: [*b, *e) (lines of class t, with q/a
 * lines inside skipped); returns the number of text lines in it. */
static size_t last_paragraph(const struct line *v, size_t end, size_t *b, size_t *e)
{
	size_t ee = end;
	while (ee > 0 && v[ee - 1].cls != 't')
		ee--;
	size_t bb = ee;
	while (bb > 0 && (v[bb - 1].cls == 't' || v[bb - 1].cls == 'q' || v[bb - 1].cls == 'a'))
		bb--;
	size_t lines = 0;
	for (size_t i = bb; i < ee; i++)
		lines += v[i].cls == 't';
	*b = bb;
	*e = ee;
	return lines;
}

static bool text_before(const struct line *v, size_t b)
{
	for (size_t i = 0; i < b; i++)
		if (v[i].cls == 't')
			return true;
	return false;
}

/* "Douglas Pruitt, CPA", "Dr. Sabine Krüger", "Robert Nakamura | Director of Sales": up to
 * six words, each capitalised but for short connectors; "Please reach out to" is no name. */
static bool name_line(const char *s, size_t n)
{
	static const char *const small[] = {"of",  "and", "for", "de", "van", "von", "der", "den",
					    "the", "y",	  "e",	 "di", "du",  "la",  "le",  "da",
					    "dos", "del", "zu",	 "af", "at",  NULL};
	if (n == 0 || n > 80 || memchr(s, '@', n) || word_count(s, n) > 6)
		return false;
	for (size_t k = 0; k < n;) {
		while (k < n && isspace((unsigned char)s[k]))
			k++;
		size_t st = k;
		while (k < n && !isspace((unsigned char)s[k]))
			k++;
		if (k == st)
			break;
		unsigned char c = (unsigned char)s[st];
		if (isupper(c) || c >= 0x80 || !isalpha(c))
			continue;
		bool ok = false;
		for (size_t j = 0; small[j] && !ok; j++)
			ok = k - st == strlen(small[j]) && strncmp(s + st, small[j], k - st) == 0;
		if (!ok)
			return false;
	}
	return isupper((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80;
}

/* Name, title, company, phone: short lines, one with a phone number, address or site, the
 * first one a capitalised name. */
static bool contact_paragraph(const struct line *v, size_t b, size_t e, size_t lines)
{
	bool contact = false;
	for (size_t i = b; i < e; i++) {
		if (v[i].cls != 't')
			continue;
		if (!block_line(v[i].s, v[i].len))
			return false;
		contact |= contact_line(v[i].s, v[i].len);
	}
	size_t first = b;
	while (first < e && v[first].cls != 't')
		first++;
	return lines >= 2 && lines <= 8 && contact && first < e &&
	       name_line(v[first].s, v[first].len);
}

/* A company's registration footer ("Sitz Mainz, Amtsgericht Mainz HRB 55512"). */
static bool registration_paragraph(const struct line *v, size_t b, size_t e)
{
	static const char *const marks[] = {"HRB ",
					    "Amtsgericht",
					    "Registergericht",
					    "Geschäftsführer",
					    "Registered in",
					    "Registered office",
					    "Company No",
					    "Company number",
					    "VAT No",
					    "VAT Reg",
					    "P.IVA",
					    "Partita IVA",
					    "Capitale sociale",
					    "RCS ",
					    "SIRET",
					    "KvK",
					    "Handelsregister",
					    NULL};
	for (size_t i = b; i < e; i++)
		for (size_t k = 0; marks[k]; k++)
			if (v[i].cls == 't' && v[i].len < 400 &&
			    memmem(v[i].s, v[i].len, marks[k], strlen(marks[k])))
				return true;
	return false;
}

/* The length of the first word of s[0..n) (letters only), after leading blanks at *start. */
static size_t first_word(const char *s, size_t n, size_t *start)
{
	size_t i = 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	size_t k = i;
	while (k < n && (isalpha((unsigned char)s[k]) || (unsigned char)s[k] >= 0x80))
		k++;
	*start = i;
	return k - i;
}

/* "Karen" + blank + "Karen Mitchell / Practice Administrator / Mitchell Orthodontics": a
 * name-and-title block repeating the sign-off name just above it. */
static bool name_after_signoff(const struct line *v, size_t b, size_t e, size_t lines)
{
	if (lines < 2 || lines > 5)
		return false;
	size_t first = b;
	while (first < e && v[first].cls != 't')
		first++;
	for (size_t i = first; i < e; i++)
		if (v[i].cls == 't' && !block_line(v[i].s, v[i].len))
			return false;
	size_t p = b;
	while (p > 0 && v[p - 1].cls != 't')
		p--;
	if (p == 0 || p == b)
		return false;
	const struct line *so = &v[p - 1];
	if (word_count(so->s, so->len) > 2 || so->len > 30)
		return false;
	size_t s1, s2;
	size_t l1 = first_word(so->s, so->len, &s1);
	size_t l2 = first_word(v[first].s, v[first].len, &s2);
	if (l1 < 2 || l2 < 2 || !isupper((unsigned char)v[first].s[s2]))
		return false;
	size_t l = l1 < l2 ? l1 : l2;
	return strncasecmp(so->s + s1, v[first].s + s2, l) == 0;
}

/* Where the trailing signature paragraphs (contact block, registration footer) start among the kept
 * lines [0, end), or end when there are none. Something written must stay above them. */
static size_t contact_block(const struct line *v, size_t end)
{
	for (int round = 0; round < 3; round++) {
		size_t b, e;
		size_t lines = last_paragraph(v, end, &b, &e);
		if (lines == 0 || !text_before(v, b))
			break;
		/* A bare name + company block without a phone is left: it is as often the
		 * sign-off the sender typed as a signature. */
		if (!(contact_paragraph(v, b, e, lines) || registration_paragraph(v, b, e) ||
		      name_after_signoff(v, b, e, lines)))
			break;
		end = b;
	}
	return end;
}

/* ------------------------------------------------------------------ extraction */

static void trace_line(struct buf *t, const char *stage, const char *what, size_t line)
{
	buf_printf(t, "%s: %s at line %zu\n", stage, what, line + 1);
}

int reply_extract(struct reply *out, const char *text, int text_is_html, const char *sent_text)
{
	struct buf res = BUF_INIT, trace = BUF_INIT, tmp = BUF_INIT, sent = BUF_INIT;
	struct line *v = NULL;
	struct matcher mt = {NULL, NULL};
	char *norm = NULL;
	int rc = -1;
	out->text = out->trace = NULL;

	pthread_once(&compiled_once, compile_patterns);
	if (!compiled.ok)
		buf_puts(&trace, "reply: a built-in pattern failed to compile\n");
	mt.md = pcre2_match_data_create(4, NULL);
	mt.mc = pcre2_match_context_create(NULL);
	if (mt.md == NULL || mt.mc == NULL)
		goto out;
	pcre2_set_match_limit(mt.mc, 200000);
	pcre2_set_depth_limit(mt.mc, 2000);

	norm = text_normalise(text ? text : "");
	if (norm == NULL)
		goto out;
	if (text_is_html)
		buf_puts(&trace, "reply: text rendered from HTML\n");

	size_t n = 0, cap = 64;
	v = malloc(cap * sizeof *v);
	if (v == NULL)
		goto out;
	const char *p = norm;
	for (; *p && n + 1 < MAX_LINES;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (n + 2 > cap) {
			struct line *nv = realloc(v, cap * 2 * sizeof *nv);
			if (nv == NULL)
				goto out;
			v = nv;
			cap *= 2;
		}
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		size_t g = quoted(p, len) ? 0 : glued_attribution(&mt, p, len);
		if (g > 0) {
			size_t a = g;
			while (a > 0 && (p[a - 1] == ' ' || p[a - 1] == '-'))
				a--;
			v[n].s = p;
			v[n].len = a;
			v[n].cls = 't';
			n++;
			trace_line(&trace, "splitter", "attribution glued to the reply, split",
				   n - 1);
			p += g;
			len -= g;
		}
		v[n].s = p;
		v[n].len = len;
		v[n].cls = 't';
		n++;
		p = nl ? nl + 1 : p + strlen(p);
	}

	if (*p)
		buf_printf(&trace, "limit: only the first %d lines read for the reply\n",
			   MAX_LINES - 1);

	/* 1. Empty and quoted lines. A short unquoted line glued below a long quoted one and
	 * starting in lower case is the quote's own wrapped tail (clients that wrap after
	 * quoting), not an answer. */
	size_t nquoted = 0;
	for (size_t i = 0; i < n; i++) {
		if (blank(v[i].s, v[i].len))
			v[i].cls = 'e';
		else if (quoted(v[i].s, v[i].len))
			v[i].cls = 'q';
	}
	for (size_t i = 1; i < n; i++) {
		if (v[i].cls != 't' || v[i - 1].cls != 'q')
			continue;
		unsigned char c0 = 0;
		for (size_t k = 0; k < v[i].len && !c0; k++)
			if (!isspace((unsigned char)v[i].s[k]))
				c0 = (unsigned char)v[i].s[k];
		bool next_q = i + 1 < n && v[i + 1].cls == 'q';
		bool lowerish = c0 < 0x80 && !isupper(c0);
		if (lowerish && (next_q || v[i - 1].len >= 60))
			v[i].cls = 'q';
	}
	for (size_t i = 0; i < n; i++)
		nquoted += v[i].cls == 'q';

	/* 2. Find where the quoted message starts. */
	size_t cut = n;		 /* first line of the quoted message */
	bool hard = false;	 /* a header block: the lines above may be its rule and date */
	size_t first_attr = n;	 /* first attribution kept going past (above a '>' quote) */
	bool text_above = false; /* the sender wrote text above it: a top-post */
	bool cut_is_attr = false;
	for (size_t i = 0; i < n; i++) {
		struct line *l = &v[i];
		if (l->cls != 't' || l->len > 1000)
			continue;
		const char *what = NULL;
		if (match(&mt, P_ORIGINAL, l->s, l->len) || match(&mt, P_ANDROID, l->s, l->len)) {
			what = "original/forwarded message marker";
		} else if (underscores(l->s, l->len, 3) && i + 1 < n &&
			   (header_line(&mt, &v[i + 1]) ||
			    (i + 2 < n && v[i + 1].cls == 'e' && header_line(&mt, &v[i + 2])))) {
			what = "underscore line above a header block";
		} else if (underscores(l->s, l->len, 20) ||
			   (delimiter_line(l->s, l->len) && l->len >= 20 && l->s[0] == '=')) {
			what = "underscore or '=' rule";
		} else if (header_block_at(&mt, v, n, i)) {
			what = "From:/Sent:/To:/Subject: header block";
			hard = true;
		} else if (match(&mt, P_FROM_ADDR, l->s, l->len) ||
			   match(&mt, P_FROM_INLINE, l->s, l->len)) {
			what = "From: line";
			hard = true;
		}
		if (what != NULL) {
			trace_line(&trace, "splitter", what, i);
			cut = i;
			break;
		}
		bool weak = false;
		size_t span = attribution_at(&mt, &tmp, v, n, i, &weak);
		bool dateline = span == 0 && match(&mt, P_DATE_LINE, l->s, l->len);
		if (dateline)
			span = 1;
		if (span > 0) {
			/* Attribution + ">" quote: drop both, keep answers written below. */
			size_t j = i + span;
			while (j < n && v[j].cls == 'e')
				j++;
			if (j < n && v[j].cls == 'q') {
				trace_line(&trace, "splitter",
					   dateline ? "date line above a '>' quote"
						    : "'On ... wrote:' above a '>' quote",
					   i);
				for (size_t k = i; k < i + span; k++)
					v[k].cls = 'a';
				if (first_attr == n) {
					first_attr = i;
					for (size_t k = 0; k < i; k++)
						text_above |= v[k].cls == 't';
				}
				i += span - 1;
				continue;
			}
			if (weak)
				continue;
			cut_is_attr = true;
			trace_line(&trace, "splitter",
				   dateline ? "date and sender line" : "'On ... wrote:'", i);
			cut = i;
			break;
		}
	}
	/* A top-post whose '>' quote is followed by more embedded history: the history
	 * started at the first attribution, and the unquoted text between is part of it. */
	if (cut < n && first_attr < cut && text_above && cut_is_attr) {
		trace_line(&trace, "splitter", "top-post: history starts at the first attribution",
			   first_attr);
		cut = first_attr;
		hard = false;
	}
	/* A header block is often introduced by a rule and a "Message du : <date>" line. */
	while (hard && cut > 0 && cut < n &&
	       (v[cut - 1].cls == 'e' || delimiter_line(v[cut - 1].s, v[cut - 1].len) ||
		(v[cut - 1].len < 80 && match(&mt, P_LABEL_DATE, v[cut - 1].s, v[cut - 1].len))))
		cut--;
	if (nquoted > 0)
		buf_printf(&trace, "quote: %zu '>' lines removed\n", nquoted);

	/* 2. Signatures and footers in what is left: the first one that is not the first line of
	 * text ends the reply. */
	size_t first_text = cut;
	for (size_t i = 0; i < cut; i++)
		if (v[i].cls == 't') {
			first_text = i;
			break;
		}
	size_t end = cut;
	for (size_t i = 0; i < cut; i++) {
		if (v[i].cls != 't')
			continue;
		const struct line *l = &v[i];
		const char *what = NULL;
		if (sig_dashes(l->s, l->len))
			what = "'-- ' separator";
		else if (l->len <= 200 && mobile_footer(&mt, l->s, l->len))
			what = "mobile footer";
		else if (l->len <= 1000 && i > first_text && match(&mt, P_DISCLAIMER, l->s, l->len))
			what = "legal disclaimer";
		else if (l->len <= 2000 && i > first_text && match(&mt, P_FOOTER, l->s, l->len))
			what = "list or company footer";
		if (what == NULL)
			continue;
		if (i == first_text && strcmp(what, "'-- ' separator") != 0 &&
		    strcmp(what, "mobile footer") != 0)
			continue;
		trace_line(&trace, "signature", what, i);
		end = i;
		break;
	}

	/* Then a trailing name/title/phone block below the sign-off. */
	size_t cb = contact_block(v, end);
	if (cb < end) {
		trace_line(&trace, "signature", "contact block", cb);
		end = cb;
	}

	/* 3. Outbound sentences repeated without quote marks. */
	const char *sent_sq = NULL;
	if (sent_text != NULL) {
		char *sn = text_normalise(sent_text);
		if (sn == NULL)
			goto out;
		squash(&sent, sn, strlen(sn));
		free(sn);
		sent_sq = buf_str(&sent);
	}

	/* 4. Assemble: text lines before the end, without quotes and attributions; runs of blank
	 * lines kept as one. */
	size_t dropped_sent = 0;
	bool pending_blank = false, any = false;
	for (size_t i = 0; i < end; i++) {
		if (v[i].cls == 'q' || v[i].cls == 'a')
			continue;
		if (v[i].cls == 'e') {
			pending_blank = any;
			continue;
		}
		if (sent_sq && repeats_sent(sent_sq, v[i].s, v[i].len)) {
			dropped_sent++;
			continue;
		}
		if (pending_blank)
			buf_putc(&res, '\n');
		pending_blank = false;
		if (any)
			buf_putc(&res, '\n');
		buf_append(&res, v[i].s, v[i].len);
		any = true;
	}
	if (dropped_sent)
		buf_printf(&trace, "sent: %zu lines repeating the outbound email removed\n",
			   dropped_sent);
	buf_append(&res, "", 0);
	buf_append(&trace, "", 0);
	if (res.oom || trace.oom)
		goto out;
	out->text = buf_detach(&res);
	out->trace = buf_detach(&trace);
	rc = 0;
out:
	pcre2_match_data_free(mt.md);
	pcre2_match_context_free(mt.mc);
	free(v);
	free(norm);
	buf_release(&res);
	buf_release(&trace);
	buf_release(&tmp);
	buf_release(&sent);
	return rc;
}

void reply_release(struct reply *r)
{
	if (r == NULL)
		return;
	free(r->text);
	free(r->trace);
	r->text = r->trace = NULL;
}
