/* mail.c: one RFC 5322 / MIME message to headers and UTF-8 text (SPEC §4 "Text", §8).
 *
 * RFC 5322 header fields (unfolding), RFC 2045-2047 (MIME structure, base64 and
 * quoted-printable, encoded words), RFC 2231 parameter values as libetpan gives them,
 * RFC 3676 format=flowed, RFC 3464 message/delivery-status.
 *
 * libetpan parses what it is good at, each on exactly the bytes of one field or part:
 * Content-Type and Content-Transfer-Encoding values (mailmime_content_parse,
 * mailmime_encoding_parse), addresses and dates (mailimf_*), base64/QP bodies
 * (mailmime_part_parse). The MIME tree is walked here rather than by mailmime_parse(), because
 * mailmime_parse() builds the whole tree recursively with no bound on depth or part count:
 * walking it ourselves lets struct mime_limits stop hostile nesting before any work is done,
 * and lets a broken part be skipped without losing its siblings. Nothing here fails on bad
 * input; what was repaired or cut is noted in mail_warnings(). */
#include "mail.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libetpan/libetpan.h>

#include "buf.h"
#include "charset.h"
#include "html.h"

struct hdr {
	char *name;
	char *value; /* unfolded, RFC 2047-decoded, UTF-8 */
	char *raw;   /* unfolded, as sent (for structured parsing) */
};

struct addrs {
	char *header;
	char **list;
	size_t n;
};

struct mail {
	struct hdr *hdrs;
	size_t nhdrs;
	struct addrs *addrs;
	size_t naddrs;
	char *message_id;
	char **refs;
	size_t nrefs;
	time_t date;
	int tz_minutes;
	char *text;
	bool text_is_html;
	char *content_type;
	char *dsn;
	struct buf warnings;
};

/* Header fields kept per message or part; more is hostile and noted. */
#define MAX_HEADERS	 1000
#define MAX_HEADER_VALUE (64 * 1024)

static const char *const address_headers[] = {
	"from",		 "to",		"cc",	       "bcc",
	"reply-to",	 "sender",	"return-path", "delivered-to",
	"x-original-to", "resent-from", "resent-to",
};

/* ------------------------------------------------------------------ header block */

struct hdrlist {
	struct hdr *v;
	size_t n, cap;
	bool oom;
};

static void hdrlist_free(struct hdrlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].value);
		free(l->v[i].raw);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static void hdrlist_add(struct hdrlist *l, const char *name, size_t nlen, const char *raw,
			size_t rlen)
{
	if (l->oom)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct hdr *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL) {
			l->oom = true;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	struct hdr *h = &l->v[l->n];
	h->name = strndup(name, nlen);
	h->raw = strndup(raw, rlen);
	h->value = NULL;
	if (h->name == NULL || h->raw == NULL) {
		free(h->name);
		free(h->raw);
		l->oom = true;
		return;
	}
	l->n++;
}

static bool is_ftext(unsigned char c)
{
	return c > 32 && c < 127 && c != ':';
}

/* The line at p starts a header field ("Name:"). */
static bool field_line(const char *p, size_t len)
{
	size_t k = 0;
	while (k < len && is_ftext((unsigned char)p[k]))
		k++;
	if (k == 0)
		return false;
	while (k < len && (p[k] == ' ' || p[k] == '\t'))
		k++;
	return k < len && p[k] == ':';
}

/* Split the header block of p[0..len) into l (values unfolded, not yet decoded); returns the
 * offset where the body starts. A line that is neither a field nor a continuation ends the
 * header block (it is kept as body text, so nothing is lost). */
static size_t parse_header_block(const char *p, size_t len, struct hdrlist *l, struct buf *warn,
				 const char *where)
{
	size_t i = 0;
	struct buf val = BUF_INIT;
	const char *name = NULL;
	size_t nlen = 0;
	bool noted_many = false;

	/* An mbox "From " separator line is not a header. */
	if (len >= 5 && memcmp(p, "From ", 5) == 0) {
		const char *nl = memchr(p, '\n', len);
		i = nl ? (size_t)(nl - p) + 1 : len;
	}
	while (i < len) {
		const char *line = p + i;
		const char *nl = memchr(line, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - line) : len - i;
		size_t next = i + ll + (nl ? 1 : 0);
		size_t content = ll;
		if (content > 0 && line[content - 1] == '\r')
			content--;
		if (content == 0) { /* the blank line: body follows */
			i = next;
			break;
		}
		if ((line[0] == ' ' || line[0] == '\t') && name != NULL) {
			if (val.len < MAX_HEADER_VALUE)
				buf_append(&val, line, content); /* unfold: drop only the CRLF */
			i = next;
			continue;
		}
		size_t k = 0;
		while (k < content && is_ftext((unsigned char)line[k]))
			k++;
		size_t nend = k;
		while (k < content && (line[k] == ' ' || line[k] == '\t'))
			k++; /* "Subject : x" is obsolete syntax, still seen */
		if (nend == 0 || k >= content || line[k] != ':') {
			/* A value wrapped without the leading blank (broken clients): when the
			 * next line is a field again, this one is a continuation, so the fields
			 * below it (Content-Type!) are not lost into the body. */
			if (name != NULL && next < len && field_line(p + next, len - next)) {
				if (warn)
					buf_printf(warn,
						   "%s: header line without a colon joined to the "
						   "field above\n",
						   where);
				if (val.len < MAX_HEADER_VALUE) {
					buf_putc(&val, ' ');
					buf_append(&val, line, content);
				}
				i = next;
				continue;
			}
			if (l->n == 0 && name == NULL && warn)
				buf_printf(warn, "%s: no header fields; read as body\n", where);
			else if (warn)
				buf_printf(warn,
					   "%s: header block ends at a line that is not a field\n",
					   where);
			break;
		}
		if (name != NULL) {
			if (l->n < MAX_HEADERS)
				hdrlist_add(l, name, nlen, buf_str(&val), val.len);
			else if (!noted_many && warn) {
				buf_printf(warn, "%s: more than %d header fields; rest ignored\n",
					   where, MAX_HEADERS);
				noted_many = true;
			}
		}
		name = line;
		nlen = nend;
		buf_reset(&val);
		k++;
		while (k < content && (line[k] == ' ' || line[k] == '\t'))
			k++;
		buf_append(&val, line + k, content - k);
		i = next;
	}
	if (name != NULL && l->n < MAX_HEADERS)
		hdrlist_add(l, name, nlen, buf_str(&val), val.len);
	if (val.oom)
		l->oom = true;
	buf_release(&val);
	return i;
}

/* strcasecmp(a, b) == 0, with the first byte compared inline: most header names differ
 * there, and mail_parse compares every header with a dozen names. */
static bool hname_is(const char *a, const char *b)
{
	unsigned char x = (unsigned char)a[0], y = (unsigned char)b[0];
	if (x >= 'A' && x <= 'Z')
		x = (unsigned char)(x + 32);
	if (y >= 'A' && y <= 'Z')
		y = (unsigned char)(y + 32);
	return x == y && strcasecmp(a, b) == 0;
}

static const char *hdrlist_raw(const struct hdrlist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (hname_is(l->v[i].name, name))
			return l->v[i].raw;
	return NULL;
}

/* ------------------------------------------------------------------ RFC 2047 */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decode the encoded text of one word into dst (B or Q); tolerant of missing padding. */
/* RFC 2045 §6.7 quoted-printable body: "=XX" is a byte, "=" at the end of a line (after
 * optional blanks) is a soft break, and (note 1) an "=" followed by anything else is kept
 * as written: sloppy senders write "2+2=4", and decoding that eats characters (F2.46).
 * Malloc'd, NUL-terminated; *out_len its length. NULL when out of memory. */
static char *qp_decode(const char *s, size_t n, size_t *out_len)
{
	char *o = malloc(n + 1);
	size_t j = 0;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '=') {
			o[j++] = s[i];
			continue;
		}
		if (i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0) {
			o[j++] = (char)(hexval((unsigned char)s[i + 1]) * 16 +
					hexval((unsigned char)s[i + 2]));
			i += 2;
			continue;
		}
		size_t k = i + 1;
		while (k < n && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == n) {
			i = k - 1; /* "=" at the very end: a soft break with nothing after */
			continue;
		}
		if (s[k] == '\n' || (s[k] == '\r' && k + 1 < n && s[k + 1] == '\n')) {
			i = s[k] == '\r' ? k + 1 : k; /* soft line break */
			continue;
		}
		o[j++] = '='; /* not an escape: kept literally */
	}
	o[j] = '\0';
	*out_len = j;
	return o;
}

static void decode_word(struct buf *dst, char enc, const char *s, size_t n)
{
	if (enc == 'b' || enc == 'B') {
		unsigned acc = 0;
		int bits = 0;
		for (size_t i = 0; i < n; i++) {
			int v = b64val((unsigned char)s[i]);
			if (v < 0)
				continue;
			acc = (acc << 6) | (unsigned)v;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				buf_putc(dst, (char)((acc >> bits) & 0xFF));
			}
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '_') {
			buf_putc(dst, ' ');
		} else if (s[i] == '=' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
			   hexval((unsigned char)s[i + 2]) >= 0) {
			buf_putc(dst, (char)(hexval((unsigned char)s[i + 1]) * 16 +
					     hexval((unsigned char)s[i + 2])));
			i += 2;
		} else {
			buf_putc(dst, s[i]);
		}
	}
}

/* Parse "=?charset?E?text?=" at s; returns its length or 0. */
static size_t parse_encoded_word(const char *s, size_t n, const char **cs, size_t *cslen, char *enc,
				 const char **text, size_t *tlen)
{
	if (n < 8 || s[0] != '=' || s[1] != '?')
		return 0;
	size_t i = 2;
	while (i < n && s[i] != '?' && !isspace((unsigned char)s[i]))
		i++;
	if (i >= n || s[i] != '?' || i == 2 || i + 3 >= n)
		return 0;
	*cs = s + 2;
	*cslen = i - 2;
	*enc = s[i + 1];
	if (strchr("bBqQ", *enc) == NULL || s[i + 2] != '?')
		return 0;
	size_t t = i + 3, j = t;
	while (j + 1 < n && !(s[j] == '?' && s[j + 1] == '=')) {
		if (s[j] == ' ' || s[j] == '\t')
			return 0;
		j++;
	}
	if (j + 1 >= n)
		return 0;
	*text = s + t;
	*tlen = j - t;
	return j + 2;
}

static void flush_words(struct buf *out, struct buf *bytes, const char *cs, bool *repaired)
{
	if (bytes->len == 0)
		return;
	char *u = charset_to_utf8(bytes->data, bytes->len, cs, NULL, repaired);
	if (u == NULL)
		out->oom = true;
	else
		buf_puts(out, u);
	free(u);
	buf_reset(bytes);
}

/* A header value to UTF-8: 8-bit raw bytes are repaired, encoded words decoded, and adjacent
 * encoded words joined (whitespace between them is not part of the text, RFC 2047 §6.2). */
static char *decode_header(const char *raw, bool *repaired)
{
	size_t n = strlen(raw);
	struct buf out = BUF_INIT, bytes = BUF_INIT;
	char cs[64] = "", prev_cs[64] = "";
	size_t i = 0;
	buf_append(&out, "", 0);
	while (i < n) {
		const char *c, *t;
		size_t cl, tl;
		char enc;
		size_t w = parse_encoded_word(raw + i, n - i, &c, &cl, &enc, &t, &tl);
		if (w == 0) {
			/* Plain run up to the next "=?" */
			size_t j = i + 1;
			while (j < n && !(raw[j] == '=' && j + 1 < n && raw[j + 1] == '?'))
				j++;
			/* Whitespace only between two encoded words: dropped. */
			bool blank = true;
			for (size_t k = i; k < j; k++)
				if (raw[k] != ' ' && raw[k] != '\t')
					blank = false;
			size_t c2l, t2l;
			const char *c2, *t2;
			char e2;
			if (blank && bytes.len > 0 && j < n &&
			    parse_encoded_word(raw + j, n - j, &c2, &c2l, &e2, &t2, &t2l) > 0) {
				i = j;
				continue;
			}
			flush_words(&out, &bytes, prev_cs, repaired);
			char *u = charset_to_utf8(raw + i, j - i, NULL, NULL, repaired);
			if (u == NULL)
				out.oom = true;
			else
				buf_puts(&out, u);
			free(u);
			i = j;
			continue;
		}
		if (cl >= sizeof cs)
			cl = sizeof cs - 1;
		memcpy(cs, c, cl);
		cs[cl] = '\0';
		char *star = strchr(cs, '*'); /* RFC 2231 language suffix */
		if (star)
			*star = '\0';
		if (strcasecmp(cs, prev_cs) != 0)
			flush_words(&out, &bytes, prev_cs, repaired);
		memcpy(prev_cs, cs, sizeof cs);
		decode_word(&bytes, enc, t, tl);
		i += w;
	}
	flush_words(&out, &bytes, prev_cs, repaired);
	buf_release(&bytes);
	if (out.oom) {
		buf_release(&out);
		return NULL;
	}
	/* Control characters (CR/LF/TAB from folding or decoding) become spaces. */
	for (size_t k = 0; k < out.len; k++)
		if ((unsigned char)out.data[k] < 32)
			out.data[k] = ' ';
	return buf_detach(&out);
}

/* ------------------------------------------------------------------ MIME walk */

struct ctype {
	char type[128]; /* "text/plain", lower case */
	char charset[64];
	char boundary[256];
	bool flowed, delsp;
};

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static void parse_ctype(struct ctype *ct, const char *raw, const char *dflt)
{
	memset(ct, 0, sizeof *ct);
	snprintf(ct->type, sizeof ct->type, "%s", dflt);
	if (raw == NULL)
		return;
	size_t idx = 0;
	struct mailmime_content *c = NULL;
	if (mailmime_content_parse(raw, strlen(raw), &idx, &c) != MAILIMF_NO_ERROR || c == NULL) {
		/* Fall back to the bare token: "text/html" survives a broken parameter list. */
		size_t k = 0;
		while (raw[k] && raw[k] != ';' && !isspace((unsigned char)raw[k]) &&
		       k + 1 < sizeof ct->type)
			k++;
		if (k > 0 && memchr(raw, '/', k)) {
			memcpy(ct->type, raw, k);
			ct->type[k] = '\0';
			lower(ct->type);
		}
		return;
	}
	const char *major = "application";
	struct mailmime_type *t = c->ct_type;
	if (t && t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE && t->tp_data.tp_discrete_type) {
		switch (t->tp_data.tp_discrete_type->dt_type) {
		case MAILMIME_DISCRETE_TYPE_TEXT:
			major = "text";
			break;
		case MAILMIME_DISCRETE_TYPE_IMAGE:
			major = "image";
			break;
		case MAILMIME_DISCRETE_TYPE_AUDIO:
			major = "audio";
			break;
		case MAILMIME_DISCRETE_TYPE_VIDEO:
			major = "video";
			break;
		case MAILMIME_DISCRETE_TYPE_EXTENSION:
			if (t->tp_data.tp_discrete_type->dt_extension)
				major = t->tp_data.tp_discrete_type->dt_extension;
			break;
		default:
			break;
		}
	} else if (t && t->tp_type == MAILMIME_TYPE_COMPOSITE_TYPE &&
		   t->tp_data.tp_composite_type) {
		switch (t->tp_data.tp_composite_type->ct_type) {
		case MAILMIME_COMPOSITE_TYPE_MESSAGE:
			major = "message";
			break;
		case MAILMIME_COMPOSITE_TYPE_MULTIPART:
			major = "multipart";
			break;
		default:
			if (t->tp_data.tp_composite_type->ct_token)
				major = t->tp_data.tp_composite_type->ct_token;
			break;
		}
	}
	snprintf(ct->type, sizeof ct->type, "%s/%s", major, c->ct_subtype ? c->ct_subtype : "");
	lower(ct->type);
	if (c->ct_parameters) {
		for (clistiter *it = clist_begin(c->ct_parameters); it; it = clist_next(it)) {
			struct mailmime_parameter *p = clist_content(it);
			if (p == NULL || p->pa_name == NULL || p->pa_value == NULL)
				continue;
			if (strcasecmp(p->pa_name, "charset") == 0)
				snprintf(ct->charset, sizeof ct->charset, "%s", p->pa_value);
			else if (strcasecmp(p->pa_name, "boundary") == 0)
				snprintf(ct->boundary, sizeof ct->boundary, "%s", p->pa_value);
			else if (strcasecmp(p->pa_name, "format") == 0)
				ct->flowed = strcasecmp(p->pa_value, "flowed") == 0;
			else if (strcasecmp(p->pa_name, "delsp") == 0)
				ct->delsp = strcasecmp(p->pa_value, "yes") == 0;
		}
	}
	mailmime_content_free(c);
}

static int parse_cte(const char *raw)
{
	if (raw == NULL)
		return MAILMIME_MECHANISM_7BIT;
	size_t idx = 0;
	struct mailmime_mechanism *m = NULL;
	int r = MAILMIME_MECHANISM_7BIT;
	if (mailmime_encoding_parse(raw, strlen(raw), &idx, &m) == MAILIMF_NO_ERROR && m) {
		r = m->enc_type;
		mailmime_mechanism_free(m);
	}
	if (r == MAILMIME_MECHANISM_TOKEN || r == MAILMIME_MECHANISM_ERROR)
		r = MAILMIME_MECHANISM_8BIT; /* unknown encoding: read as is (RFC 2045 §6.4 says
					      * treat as application/octet-stream; we lose less) */
	return r;
}

struct walk {
	const struct mime_limits *lim;
	struct buf *warn;
	unsigned parts;
	bool parts_noted, depth_noted;
	char *plain, *html; /* first of each, decoded UTF-8 */
	char *dsn;
	struct ctype plain_ct;
	bool oom;
	/* The top-level Content-Type as mail_parse already parsed it (from the same raw value):
	 * walk_part reuses it at depth 0 instead of running libetpan on it a second time. */
	const char *top_raw;
	struct ctype top_ct;
};

/* Decode one leaf's body (CTE, then charset). NULL on oom. */
static char *decode_leaf(struct walk *w, const char *body, size_t len, int cte,
			 const struct ctype *ct)
{
	char *dec = NULL;
	size_t dlen = 0;
	/* Never decode far more than max_text can keep: a 100 MB part costs 100 MB otherwise.
	 * Four times the limit covers base64 growth and HTML markup. */
	size_t cap = w->lim->max_text > ((size_t)-1 - 4096) / 4 ? (size_t)-1
								 : w->lim->max_text * 4 + 4096;
	if (len > cap) {
		buf_printf(w->warn, "limit: %s part of %zu bytes; only the first %zu read\n",
			   ct->type, len, cap);
		len = cap;
	}
	const char *src = body;
	size_t slen = len;
	char *qp = NULL;
	if (cte == MAILMIME_MECHANISM_QUOTED_PRINTABLE) {
		if (!(qp = qp_decode(body, len, &slen))) {
			w->oom = true;
			return NULL;
		}
		src = qp;
	} else if (cte == MAILMIME_MECHANISM_BASE64) {
		size_t idx = 0;
		if (mailmime_part_parse(body, len, &idx, cte, &dec, &dlen) == MAILIMF_NO_ERROR &&
		    dec != NULL) {
			src = dec;
			slen = dlen;
		} else {
			buf_printf(w->warn, "mime: %s body could not be decoded; kept as sent\n",
				   cte == MAILMIME_MECHANISM_BASE64 ? "base64"
								    : "quoted-printable");
			dec = NULL;
		}
	}
	bool repaired = false;
	char *u = charset_to_utf8(src, slen, ct->charset, NULL, &repaired);
	if (repaired)
		buf_printf(w->warn, "charset: %s text repaired (label '%s')\n", ct->type,
			   ct->charset[0] ? ct->charset : "none");
	if (dec)
		mailmime_decoded_part_free(dec);
	free(qp);
	if (u == NULL)
		w->oom = true;
	return u;
}

static bool is_attachment(const struct hdrlist *h)
{
	const char *d = hdrlist_raw(h, "content-disposition");
	if (d == NULL)
		return false;
	while (isspace((unsigned char)*d))
		d++;
	return strncasecmp(d, "attachment", 10) == 0;
}

static bool blank_text(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* Find "--boundary" delimiter lines in body; calls walk_part for each part. */
static void walk_part(struct walk *w, const char *p, size_t len, unsigned depth,
		      const char *dflt_type);

static void walk_multipart(struct walk *w, const char *body, size_t len, const char *boundary,
			   unsigned depth, const char *subtype)
{
	size_t bl = strlen(boundary);
	const char *part = NULL;
	size_t i = 0;
	bool closed = false;
	unsigned found = 0;
	/* Parts of multipart/digest default to message/rfc822 (RFC 2046 §5.1.5). */
	const char *dflt =
		strcmp(subtype, "multipart/digest") == 0 ? "message/rfc822" : "text/plain";
	while (i < len) {
		const char *line = body + i;
		const char *nl = memchr(line, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - line) : len - i;
		size_t next = i + ll + (nl ? 1 : 0);
		if (ll >= bl + 2 && line[0] == '-' && line[1] == '-' &&
		    memcmp(line + 2, boundary, bl) == 0) {
			bool close = ll >= bl + 4 && line[bl + 2] == '-' && line[bl + 3] == '-';
			if (part != NULL) {
				/* The line break before the delimiter belongs to it. */
				size_t plen = (size_t)(line - part);
				if (plen > 0 && part[plen - 1] == '\n')
					plen--;
				if (plen > 0 && part[plen - 1] == '\r')
					plen--;
				walk_part(w, part, plen, depth + 1, dflt);
			}
			found++;
			part = body + next;
			if (close) {
				closed = true;
				part = NULL;
				break;
			}
		}
		i = next;
	}
	if (part != NULL && part < body + len)
		walk_part(w, part, (size_t)(body + len - part), depth + 1, dflt);
	if (found == 0) {
		buf_printf(w->warn, "mime: boundary '%s' never found; body read as text\n",
			   boundary);
		struct ctype ct;
		parse_ctype(&ct, NULL, "text/plain");
		if (w->plain == NULL) {
			w->plain = decode_leaf(w, body, len, MAILMIME_MECHANISM_8BIT, &ct);
			w->plain_ct = ct;
		}
	} else if (!closed) {
		buf_printf(w->warn, "mime: multipart '%s' not closed\n", boundary);
	}
}

static void walk_part(struct walk *w, const char *p, size_t len, unsigned depth,
		      const char *dflt_type)
{
	if (w->oom)
		return;
	if (++w->parts > w->lim->max_parts) {
		if (!w->parts_noted)
			buf_printf(w->warn, "limit: more than %u MIME parts; rest skipped\n",
				   w->lim->max_parts);
		w->parts_noted = true;
		return;
	}
	if (depth > w->lim->max_depth) {
		if (!w->depth_noted)
			buf_printf(w->warn,
				   "limit: MIME nesting deeper than %u; deeper parts skipped\n",
				   w->lim->max_depth);
		w->depth_noted = true;
		return;
	}
	struct hdrlist h = {0};
	size_t off = parse_header_block(p, len, &h, NULL, "part");
	if (h.n == 0)
		off = (len > 0 && p[0] == '\n')			  ? 1
		      : (len > 1 && p[0] == '\r' && p[1] == '\n') ? 2
								  : 0;
	if (h.oom) {
		w->oom = true;
		hdrlist_free(&h);
		return;
	}
	struct ctype ct;
	const char *ctraw = hdrlist_raw(&h, "content-type");
	if (depth == 0 && ctraw != NULL && w->top_raw != NULL && strcmp(ctraw, w->top_raw) == 0 &&
	    strcmp(dflt_type, "text/plain") == 0)
		ct = w->top_ct; /* parse_ctype depends on (raw, dflt) only */
	else
		parse_ctype(&ct, ctraw, dflt_type);
	int cte = parse_cte(hdrlist_raw(&h, "content-transfer-encoding"));
	const char *body = p + off;
	size_t blen = len - off;
	bool attach = is_attachment(&h);
	hdrlist_free(&h);

	if (strncmp(ct.type, "multipart/", 10) == 0) {
		if (ct.boundary[0] == '\0') {
			buf_printf(w->warn, "mime: %s without boundary; read as text\n", ct.type);
			parse_ctype(&ct, NULL, "text/plain");
		} else {
			walk_multipart(w, body, blen, ct.boundary, depth, ct.type);
			return;
		}
	}
	if (strcmp(ct.type, "message/delivery-status") == 0 ||
	    strcmp(ct.type, "message/global-delivery-status") == 0) {
		if (w->dsn == NULL)
			w->dsn = decode_leaf(w, body, blen, cte, &ct);
		return;
	}
	if (attach)
		return;
	if (strcmp(ct.type, "text/plain") == 0 && (w->plain == NULL || blank_text(w->plain))) {
		char *t = decode_leaf(w, body, blen, cte, &ct);
		if (t != NULL && (w->plain == NULL || !blank_text(t))) {
			free(w->plain);
			w->plain = t;
			w->plain_ct = ct;
		} else {
			free(t);
		}
	} else if (strcmp(ct.type, "text/html") == 0 && w->html == NULL) {
		w->html = decode_leaf(w, body, blen, cte, &ct);
	}
	/* message/rfc822 and everything else: an attachment or a forward, not the sender's text. */
}

/* ------------------------------------------------------------------ text post-processing */

/* RFC 3676: join soft-broken lines (ending in a space) of the same quote depth. */
static char *unflow(const char *s, bool delsp)
{
	struct buf out = BUF_INIT;
	buf_append(&out, "", 0);
	const char *p = s;
	int prev_depth = -1;
	bool joining = false;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t ll = nl ? (size_t)(nl - p) : strlen(p);
		size_t l = ll;
		if (l > 0 && p[l - 1] == '\r')
			l--;
		int depth = 0;
		size_t k = 0;
		while (k < l && p[k] == '>') {
			depth++;
			k++;
		}
		if (depth > 0 && k < l && p[k] == ' ')
			k++; /* space-stuffing after the quote marks */
		else if (depth == 0 && k < l && p[k] == ' ')
			k++;
		const char *txt = p + k;
		size_t tl = l - k;
		if (joining && depth != prev_depth) {
			buf_putc(&out, '\n');
			joining = false;
		}
		if (!joining)
			for (int d = 0; d < depth; d++)
				buf_putc(&out, '>');
		if (!joining && depth > 0)
			buf_putc(&out, ' ');
		bool sig = tl == 3 && memcmp(txt, "-- ", 3) == 0;
		bool soft = tl > 0 && txt[tl - 1] == ' ' && !sig;
		buf_append(&out, txt, soft && delsp ? tl - 1 : tl);
		if (soft && nl) {
			joining = true;
		} else {
			if (nl)
				buf_putc(&out, '\n');
			joining = false;
		}
		prev_depth = depth;
		p = nl ? nl + 1 : p + ll;
	}
	return buf_detach(&out);
}

/* CRLF and lone CR to LF; lines over max_line split; text over max_text cut (at a UTF-8
 * character boundary). */
static char *finish_text(const char *s, const struct mime_limits *lim, struct buf *warn)
{
	struct buf out = BUF_INIT;
	buf_append(&out, "", 0);
	size_t col = 0;
	bool split_noted = false;
	for (const char *p = s; *p; p++) {
		if (out.len >= lim->max_text) {
			buf_printf(warn, "limit: text longer than %zu bytes; cut\n", lim->max_text);
			break;
		}
		/* A run without CR or LF that reaches neither max_line nor max_text goes in whole
		 * (what the byte loop below would do to it, without a call per byte). */
		size_t run = 0;
		size_t room_line = col < lim->max_line ? lim->max_line - col : 0;
		size_t room_text = lim->max_text - out.len;
		while (run < room_line && run < room_text && p[run] != '\0' && p[run] != '\r' &&
		       p[run] != '\n')
			run++;
		if (run > 0) {
			buf_append(&out, p, run);
			col += run;
			p += run - 1;
			continue;
		}
		char c = *p;
		if (c == '\r') {
			if (p[1] == '\n')
				continue;
			c = '\n';
		}
		if (c != '\n' && col >= lim->max_line && ((unsigned char)c & 0xC0) != 0x80) {
			buf_putc(&out, '\n');
			col = 0;
			if (!split_noted)
				buf_printf(warn, "limit: line longer than %zu bytes; split\n",
					   lim->max_line);
			split_noted = true;
		}
		buf_putc(&out, c);
		col = c == '\n' ? 0 : col + 1;
	}
	/* Cut back to a character boundary if max_text fell inside one. */
	while (out.len > 0 && ((unsigned char)out.data[out.len - 1] & 0x80)) {
		size_t st = out.len - 1;
		while (st > 0 && ((unsigned char)out.data[st] & 0xC0) == 0x80)
			st--;
		unsigned cp;
		if (charset_get_utf8((unsigned char *)out.data + st, out.len - st, &cp) ==
		    out.len - st)
			break;
		out.len = st;
		out.data[out.len] = '\0';
	}
	return buf_detach(&out);
}

/* ------------------------------------------------------------------ addresses, ids, date */

static int strlist_add(char ***v, size_t *n, const char *s, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strlen((*v)[i]) == len && memcmp((*v)[i], s, len) == 0)
			return 0;
	char **nv = realloc(*v, (*n + 2) * sizeof *nv);
	if (nv == NULL)
		return -1;
	*v = nv;
	char *c = strndup(s, len);
	if (c == NULL)
		return -1;
	for (char *q = c; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	nv[(*n)++] = c;
	nv[*n] = NULL;
	return 0;
}

static bool addr_char(unsigned char c)
{
	return c > 32 && c < 127 && !strchr("<>()[]\\,;:\"", c);
}

/* Fallback when mailimf cannot parse the list: every token around an '@'. */
static int scan_addresses(char ***v, size_t *n, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p != '@')
			continue;
		const char *a = p, *b = p + 1;
		while (a > s && addr_char((unsigned char)a[-1]))
			a--;
		while (*b && addr_char((unsigned char)*b))
			b++;
		if (a < p && b > p + 1 && strlist_add(v, n, a, (size_t)(b - a)) != 0)
			return -1;
		p = b - 1;
	}
	return 0;
}

static int parse_addresses(struct addrs *out, const char *raw)
{
	size_t idx = 0;
	struct mailimf_address_list *al = NULL;
	int rc = 0;
	if (mailimf_address_list_parse(raw, strlen(raw), &idx, &al) == MAILIMF_NO_ERROR && al) {
		for (clistiter *it = clist_begin(al->ad_list); it && rc == 0; it = clist_next(it)) {
			struct mailimf_address *a = clist_content(it);
			if (a->ad_type == MAILIMF_ADDRESS_MAILBOX && a->ad_data.ad_mailbox &&
			    a->ad_data.ad_mailbox->mb_addr_spec) {
				const char *s = a->ad_data.ad_mailbox->mb_addr_spec;
				rc = strlist_add(&out->list, &out->n, s, strlen(s));
			} else if (a->ad_type == MAILIMF_ADDRESS_GROUP && a->ad_data.ad_group &&
				   a->ad_data.ad_group->grp_mb_list) {
				clist *mbs = a->ad_data.ad_group->grp_mb_list->mb_list;
				for (clistiter *j = clist_begin(mbs); j && rc == 0;
				     j = clist_next(j)) {
					struct mailimf_mailbox *mb = clist_content(j);
					if (mb && mb->mb_addr_spec)
						rc = strlist_add(&out->list, &out->n,
								 mb->mb_addr_spec,
								 strlen(mb->mb_addr_spec));
				}
			}
		}
		mailimf_address_list_free(al);
	}
	if (rc == 0 && out->n == 0)
		rc = scan_addresses(&out->list, &out->n, raw);
	return rc;
}

/* Every "<id>" in s (message ids without brackets). */
static int scan_msgids(char ***v, size_t *n, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (*p != '<')
			continue;
		const char *e = strchr(p + 1, '>');
		if (e == NULL)
			break;
		if (e > p + 1 && memchr(p + 1, '<', (size_t)(e - p - 1)) == NULL) {
			if (strlist_add(v, n, p + 1, (size_t)(e - p - 1)) != 0)
				return -1;
		}
		p = e;
	}
	return 0;
}

static time_t parse_date(const char *raw, int *tz)
{
	size_t idx = 0;
	struct mailimf_date_time *dt = NULL;
	*tz = 0;
	if (mailimf_date_time_parse(raw, strlen(raw), &idx, &dt) != MAILIMF_NO_ERROR || dt == NULL)
		return 0;
	time_t r = 0;
	/* RFC 5322 §4.3 obs-year: two digits, 00-49 are 20xx, 50-99 are 19xx. */
	if (dt->dt_year >= 0 && dt->dt_year < 50)
		dt->dt_year += 2000;
	else if (dt->dt_year >= 50 && dt->dt_year < 1000)
		dt->dt_year += 1900;
	if (dt->dt_month >= 1 && dt->dt_month <= 12 && dt->dt_day >= 1 && dt->dt_day <= 31 &&
	    dt->dt_year >= 1970 && dt->dt_year < 10000 && dt->dt_hour >= 0 && dt->dt_hour < 24 &&
	    dt->dt_min >= 0 && dt->dt_min < 60 && dt->dt_sec >= 0 && dt->dt_sec <= 60 &&
	    dt->dt_zone > -2400 && dt->dt_zone < 2400) {
		struct tm tm = {0};
		tm.tm_year = dt->dt_year - 1900;
		tm.tm_mon = dt->dt_month - 1;
		tm.tm_mday = dt->dt_day;
		tm.tm_hour = dt->dt_hour;
		tm.tm_min = dt->dt_min;
		tm.tm_sec = dt->dt_sec;
		int z = dt->dt_zone;
		int mins = (z < 0 ? -1 : 1) * ((abs(z) / 100) * 60 + abs(z) % 100);
		r = timegm(&tm) - (time_t)mins * 60;
		*tz = mins;
	}
	mailimf_date_time_free(dt);
	return r;
}

/* ------------------------------------------------------------------ public */

int mail_parse(struct mail **out, const char *raw, size_t len, const struct mime_limits *lim,
	       struct rw_err *err)
{
	static const struct mime_limits dflt = MIME_LIMITS_DEFAULT;
	struct mail *m = calloc(1, sizeof *m);
	struct hdrlist h = {0};
	struct walk w = {0};
	char *text = NULL;
	int rc = -1;
	*out = NULL;
	if (m == NULL)
		goto out;
	if (lim == NULL)
		lim = &dflt;
	if (raw == NULL)
		len = 0;
	buf_append(&m->warnings, "", 0);

	size_t off = parse_header_block(raw ? raw : "", len, &h, &m->warnings, "message");
	if (h.oom)
		goto out;
	if (h.n == 0)
		off = 0;
	if (memchr(raw ? raw : "", '\0', len) != NULL)
		buf_puts(&m->warnings, "message: NUL bytes in the message\n");

	/* Header values: decoded once, here, so every accessor is a lookup. */
	bool hdr_repaired = false;
	for (size_t i = 0; i < h.n; i++) {
		h.v[i].value = decode_header(h.v[i].raw, &hdr_repaired);
		if (h.v[i].value == NULL)
			goto out;
	}
	if (hdr_repaired)
		buf_puts(&m->warnings, "charset: header text repaired\n");
	m->hdrs = h.v;
	m->nhdrs = h.n;
	h.v = NULL;
	h.n = h.cap = 0;

	for (size_t i = 0; i < m->nhdrs; i++) {
		const char *name = m->hdrs[i].name;
		for (size_t k = 0; k < sizeof address_headers / sizeof address_headers[0]; k++) {
			if (!hname_is(name, address_headers[k]))
				continue;
			struct addrs *a = NULL;
			for (size_t j = 0; j < m->naddrs; j++)
				if (hname_is(m->addrs[j].header, name))
					a = &m->addrs[j];
			if (a == NULL) {
				struct addrs *na = realloc(m->addrs, (m->naddrs + 1) * sizeof *na);
				if (na == NULL)
					goto out;
				m->addrs = na;
				a = &m->addrs[m->naddrs];
				memset(a, 0, sizeof *a);
				a->header = strdup(address_headers[k]);
				if (a->header == NULL)
					goto out;
				m->naddrs++;
			}
			if (parse_addresses(a, m->hdrs[i].raw) != 0)
				goto out;
		}
		if (hname_is(name, "in-reply-to") || hname_is(name, "references"))
			if (scan_msgids(&m->refs, &m->nrefs, m->hdrs[i].raw) != 0)
				goto out;
		if (hname_is(name, "message-id") && m->message_id == NULL) {
			const char *v = m->hdrs[i].raw;
			const char *a = strchr(v, '<'), *b = a ? strchr(a, '>') : NULL;
			m->message_id = (a && b && b > a + 1) ? strndup(a + 1, (size_t)(b - a - 1))
							      : strdup(v);
			if (m->message_id == NULL)
				goto out;
		}
		if (hname_is(name, "date") && m->date == 0)
			m->date = parse_date(m->hdrs[i].raw, &m->tz_minutes);
	}

	/* The body, as the top-level part; its header fields are the message's. */
	struct ctype ct;
	const char *ctraw = NULL;
	for (size_t i = 0; i < m->nhdrs && ctraw == NULL; i++)
		if (hname_is(m->hdrs[i].name, "content-type"))
			ctraw = m->hdrs[i].raw;
	parse_ctype(&ct, ctraw, "text/plain");
	m->content_type = strdup(ct.type);
	if (m->content_type == NULL)
		goto out;
	w.top_raw = ctraw;
	w.top_ct = ct;

	w.lim = lim;
	w.warn = &m->warnings;
	{
		/* Re-walk the top level through walk_part with a synthetic header view: the
		 * message's header block is parsed again by walk_part from raw, which keeps one
		 * code path for top level and nested parts. */
		if (h.n == 0 && m->nhdrs == 0) {
			const char *p = raw ? raw : "";
			struct ctype plain;
			parse_ctype(&plain, NULL, "text/plain");
			w.parts = 1;
			w.plain = decode_leaf(&w, p, len, MAILMIME_MECHANISM_8BIT, &plain);
			w.plain_ct = plain;
		} else {
			walk_part(&w, raw, len, 0, "text/plain");
		}
	}
	if (w.oom)
		goto out;
	(void)off;

	if (w.plain != NULL && !(blank_text(w.plain) && w.html != NULL)) {
		if (w.plain_ct.flowed) {
			char *u = unflow(w.plain, w.plain_ct.delsp);
			if (u == NULL)
				goto out;
			free(w.plain);
			w.plain = u;
		}
		text = w.plain;
		w.plain = NULL;
	} else if (w.html != NULL) {
		struct buf notes = BUF_INIT;
		if (html_to_text(&text, w.html, strlen(w.html), &notes) != 0) {
			buf_release(&notes);
			goto out;
		}
		buf_puts(&m->warnings, buf_str(&notes));
		buf_release(&notes);
		m->text_is_html = true;
	}
	m->text = finish_text(text ? text : "", lim, &m->warnings);
	if (m->text == NULL)
		goto out;
	m->dsn = w.dsn;
	w.dsn = NULL;
	if (m->warnings.oom)
		goto out;
	*out = m;
	m = NULL;
	rc = 0;
out:
	free(text);
	free(w.plain);
	free(w.html);
	free(w.dsn);
	hdrlist_free(&h);
	mail_free(&m);
	if (rc != 0)
		rw_fail(err, RW_ENOMEM, "mail: out of memory");
	return rc;
}

void mail_free(struct mail **mp)
{
	if (mp == NULL || *mp == NULL)
		return;
	struct mail *m = *mp;
	for (size_t i = 0; i < m->nhdrs; i++) {
		free(m->hdrs[i].name);
		free(m->hdrs[i].value);
		free(m->hdrs[i].raw);
	}
	free(m->hdrs);
	for (size_t i = 0; i < m->naddrs; i++) {
		free(m->addrs[i].header);
		for (size_t j = 0; j < m->addrs[i].n; j++)
			free(m->addrs[i].list[j]);
		free(m->addrs[i].list);
	}
	free(m->addrs);
	free(m->message_id);
	for (size_t i = 0; i < m->nrefs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->text);
	free(m->content_type);
	free(m->dsn);
	buf_release(&m->warnings);
	free(m);
	*mp = NULL;
}

const char *mail_header(const struct mail *m, const char *name)
{
	for (size_t i = 0; i < m->nhdrs; i++)
		if (hname_is(m->hdrs[i].name, name))
			return m->hdrs[i].value;
	return NULL;
}

int mail_header_at(const struct mail *m, size_t n, const char **name, const char **value)
{
	if (n >= m->nhdrs)
		return -1;
	*name = m->hdrs[n].name;
	*value = m->hdrs[n].value;
	return 0;
}

const char *const *mail_addresses(const struct mail *m, const char *header, size_t *count)
{
	static const char *const none[] = {NULL};
	for (size_t i = 0; i < m->naddrs; i++) {
		if (strcasecmp(m->addrs[i].header, header) == 0 && m->addrs[i].n > 0) {
			*count = m->addrs[i].n;
			return (const char *const *)m->addrs[i].list;
		}
	}
	*count = 0;
	return none;
}

const char *mail_message_id(const struct mail *m)
{
	return m->message_id;
}

const char *const *mail_references(const struct mail *m, size_t *count)
{
	static const char *const none[] = {NULL};
	*count = m->nrefs;
	return m->nrefs ? (const char *const *)m->refs : none;
}

time_t mail_date(const struct mail *m, int *tz_minutes)
{
	if (tz_minutes)
		*tz_minutes = m->tz_minutes;
	return m->date;
}

const char *mail_text(const struct mail *m)
{
	return m->text;
}

bool mail_text_is_html(const struct mail *m)
{
	return m->text_is_html;
}

const char *mail_content_type(const struct mail *m)
{
	return m->content_type;
}

const char *mail_delivery_status(const struct mail *m)
{
	return m->dsn;
}

const char *mail_warnings(const struct mail *m)
{
	return buf_str(&m->warnings);
}
