/* charset.c: declared charsets to UTF-8 with repair of lying labels (SPEC §4 "Text", §8).
 *
 * Mail lies about charsets in two common ways: text labelled iso-8859-1 is really
 * windows-1252 (curly quotes and dashes in 0x80-0x9F), and text labelled (or defaulting to)
 * us-ascii / utf-8 holds stray 8-bit bytes from another charset. Both are read the way a mail
 * client would show them; a byte is never dropped, only replaced. Wraps glibc iconv for every
 * other charset. */
#include "charset.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* windows-1252 0x80-0x9F; 0 where the code page leaves a hole (read as U+FFFD). */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0,	0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0,	0x017D, 0,	0,	0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	0x017E, 0x0178,
};

size_t charset_put_utf8(char *dst, unsigned cp)
{
	unsigned char *d = (unsigned char *)dst;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0)
		cp = 0xFFFD;
	if (cp < 0x80) {
		d[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (unsigned char)(0xC0 | (cp >> 6));
		d[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (unsigned char)(0xE0 | (cp >> 12));
		d[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (unsigned char)(0xF0 | (cp >> 18));
	d[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t charset_get_utf8(const unsigned char *s, size_t len, unsigned *cp)
{
	if (len == 0)
		return 0;
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	unsigned min;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int charset_is_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	unsigned cp;
	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t n = charset_get_utf8(p + i, len - i, &cp);
		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}

/* Valid UTF-8 is copied; any other byte is read as windows-1252; NUL becomes U+FFFD. */
static void append_repaired(struct buf *b, const char *s, size_t len, bool *repaired)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;
	char tmp[4];
	unsigned cp;
	while (i < len) {
		size_t n = 0;
		if (p[i] != 0 && p[i] < 0x80)
			n = 1;
		else if (p[i] >= 0x80)
			n = charset_get_utf8(p + i, len - i, &cp);
		if (n > 0) {
			i += n;
			run += n;
			continue;
		}
		buf_append(b, p + i - run, run);
		run = 0;
		if (p[i] == 0)
			cp = 0xFFFD;
		else if (p[i] < 0xA0)
			cp = cp1252_high[p[i] - 0x80] ? cp1252_high[p[i] - 0x80] : 0xFFFD;
		else
			cp = p[i];
		buf_append(b, tmp, charset_put_utf8(tmp, cp));
		if (repaired)
			*repaired = true;
		i++;
	}
	buf_append(b, p + i - run, run);
}

static void append_cp1252(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char tmp[4];
	for (size_t i = 0; i < len; i++) {
		unsigned cp = p[i];
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
		if (cp != 0 && cp < 0x80)
			buf_putc(b, (char)cp);
		else
			buf_append(b, tmp, charset_put_utf8(tmp, cp));
	}
}

static int has_multibyte(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

enum cs_family { CS_UTF8, CS_LATIN1, CS_OTHER };

/* Lower-cased, unquoted label; aliases that mean "treat as UTF-8" or "windows-1252". */
static enum cs_family classify_label(const char *label, char *norm, size_t cap)
{
	size_t n = 0;
	if (label != NULL)
		for (const char *p = label; *p && n + 1 < cap; p++)
			if (*p != '"' && *p != '\'' && !isspace((unsigned char)*p))
				norm[n++] = (char)tolower((unsigned char)*p);
	norm[n] = '\0';
	static const char *const utf8[] = {
		"",	"utf-8",   "utf8",    "us-ascii",  "ascii",	   "ansi_x3.4-1968", "7bit",
		"8bit", "unknown", "default", "x-unknown", "unknown-8bit", "x-user-defined"};
	static const char *const latin1[] = {"iso-8859-1", "iso8859-1", "iso_8859-1",	"latin1",
					     "latin-1",	   "l1",	"windows-1252", "cp1252",
					     "x-cp1252",   "cp819",	"iso-ir-100",	"ibm819"};
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
		if (strcmp(norm, utf8[i]) == 0)
			return CS_UTF8;
	for (size_t i = 0; i < sizeof latin1 / sizeof latin1[0]; i++)
		if (strcmp(norm, latin1[i]) == 0)
			return CS_LATIN1;
	return CS_OTHER;
}

/* Labels glibc does not know under the name mail uses. */
static const char *iconv_name(const char *norm)
{
	static const char *const map[][2] = {
		{"ks_c_5601-1987", "CP949"},
		{"gb2312", "GB18030"},
		{"gbk", "GB18030"},
		{"x-gbk", "GB18030"},
		{"iso-8859-8-i", "ISO-8859-8"},
		{"x-mac-roman", "MACINTOSH"},
		{"macintosh", "MACINTOSH"},
		{"shift-jis", "SHIFT_JIS"},
		{"x-sjis", "SHIFT_JIS"},
		{"big5-hkscs", "BIG5-HKSCS"},
		{"windows-874", "CP874"},
		{"utf-7", "UTF-7"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(norm, map[i][0]) == 0)
			return map[i][1];
	return norm;
}

/* iconv with replacement: an unconvertible byte becomes U+FFFD and conversion goes on. */
static int append_iconv(struct buf *b, const char *s, size_t len, const char *from, bool *repaired)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return -1;
	char out[4096];
	char *in = (char *)s;
	size_t inleft = len;
	while (inleft > 0 && !b->oom) {
		char *o = out;
		size_t oleft = sizeof out;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		int e = errno;
		buf_append(b, out, (size_t)(o - out));
		if (r != (size_t)-1)
			break;
		if (e == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated at the end): replace one byte and go on. */
		buf_append(b, "\xEF\xBF\xBD", 3);
		*repaired = true;
		in++;
		inleft--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	char *o = out;
	size_t oleft = sizeof out;
	iconv(cd, NULL, NULL, &o, &oleft); /* flush shift state (ISO-2022-JP) */
	buf_append(b, out, (size_t)(o - out));
	iconv_close(cd);
	return 0;
}

char *charset_to_utf8(const char *s, size_t len, const char *charset, size_t *out_len,
		      bool *repaired)
{
	struct buf b = BUF_INIT;
	bool fixed = false;
	char norm[64];
	enum cs_family fam = classify_label(charset, norm, sizeof norm);
	buf_append(&b, "", 0);
	if (fam == CS_UTF8) {
		append_repaired(&b, s, len, &fixed);
	} else if (fam == CS_LATIN1) {
		/* A Latin-1 label on text that is valid multi-byte UTF-8 is the lie, not the bytes:
		 * random Latin-1 text is almost never valid UTF-8. */
		if (has_multibyte(s, len) && charset_is_utf8(s, len)) {
			append_repaired(&b, s, len, &fixed);
			fixed = true;
		} else {
			append_cp1252(&b, s, len);
		}
	} else {
		struct buf tmp = BUF_INIT;
		if (append_iconv(&tmp, s, len, iconv_name(norm), &fixed) != 0) {
			fixed = true; /* unknown charset: read it as UTF-8 with repair */
			append_repaired(&b, s, len, &fixed);
		} else {
			/* iconv output may hold NUL (UTF-16 of U+0000); keep the result a C string.
			 */
			append_repaired(&b, tmp.data ? tmp.data : "", tmp.len, &fixed);
		}
		buf_release(&tmp);
	}
	if (b.oom) {
		buf_release(&b);
		return NULL;
	}
	if (out_len)
		*out_len = b.len;
	if (repaired && fixed)
		*repaired = true;
	return buf_detach(&b);
}
