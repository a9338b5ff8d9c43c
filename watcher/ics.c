/* ics.c: iCalendar output (RFC 5545 §3.1 content lines and folding, §3.3.11 TEXT escaping,
 * §3.6.1 VEVENT, §3.6.2 VTODO) for 'replywatch due --ics' (SPEC §5, issue 6). */
#include "ics.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "schedule.h"

void ics_line(struct buf *b, const char *name, const char *value)
{
	struct buf line = BUF_INIT;
	size_t col = 0;
	buf_printf(&line, "%s:%s", name, value);
	const unsigned char *s = (const unsigned char *)buf_str(&line);
	size_t n = line.len;
	for (size_t i = 0; i < n;) {
		/* The length of this character, so a fold never splits one. */
		size_t k = 1;
		if (s[i] >= 0xC0) {
			while (i + k < n && (s[i + k] & 0xC0) == 0x80 && k < 4)
				k++;
		}
		if (col + k > 75) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_append(b, s + i, k);
		col += k;
		i += k;
	}
	buf_puts(b, "\r\n");
	buf_release(&line);
}

void ics_escape(struct buf *out, const char *t)
{
	for (; t && *t; t++) {
		switch (*t) {
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case ';':
			buf_puts(out, "\\;");
			break;
		case ',':
			buf_puts(out, "\\,");
			break;
		case '\r':
			if (t[1] == '\n')
				t++;
			/* fall through */
		case '\n':
			buf_puts(out, "\\n");
			break;
		default:
			/* Other control characters are not allowed in TEXT. */
			if ((unsigned char)*t < 0x20 && *t != '\t')
				buf_putc(out, ' ');
			else
				buf_putc(out, *t);
		}
	}
}

static void text_line(struct buf *b, const char *name, const char *text)
{
	struct buf v = BUF_INIT;
	ics_escape(&v, text);
	ics_line(b, name, buf_str(&v));
	buf_release(&v);
}

void ics_uid(char out[32], const char *a, const char *b, const char *c)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	const char *parts[] = {a, b, c};
	for (int p = 0; p < 3; p++) {
		for (const char *s = parts[p] ? parts[p] : ""; *s; s++) {
			h ^= (unsigned char)*s;
			h *= 1099511628211ULL;
		}
		h ^= '|';
		h *= 1099511628211ULL;
	}
	snprintf(out, 32, "%016llx@replywatch", (unsigned long long)h);
}

void ics_begin(struct buf *b, const char *prodid)
{
	ics_line(b, "BEGIN", "VCALENDAR");
	ics_line(b, "VERSION", "2.0");
	ics_line(b, "PRODID", prodid);
	ics_line(b, "CALSCALE", "GREGORIAN");
	ics_line(b, "METHOD", "PUBLISH");
}

static void compact(char out[9], const char *date)
{
	snprintf(out, 9, "%.4s%.2s%.2s", date, date + 5, date + 8);
}

void ics_item(struct buf *b, const struct ics_item *it, bool todo, time_t dtstamp)
{
	char stamp[32], d[9], next[11], dn[9];
	struct tm tm;
	gmtime_r(&dtstamp, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	compact(d, it->date);
	schedule_add_days(next, it->date, 1);
	compact(dn, next);

	ics_line(b, "BEGIN", todo ? "VTODO" : "VEVENT");
	ics_line(b, "UID", it->uid);
	ics_line(b, "DTSTAMP", stamp);
	if (todo) {
		ics_line(b, "DTSTART;VALUE=DATE", d);
		ics_line(b, "DUE;VALUE=DATE", dn);
		ics_line(b, "STATUS", "NEEDS-ACTION");
	} else {
		ics_line(b, "DTSTART;VALUE=DATE", d);
		ics_line(b, "DTEND;VALUE=DATE", dn);
		ics_line(b, "TRANSP", "TRANSPARENT");
	}
	text_line(b, "SUMMARY", it->summary);
	if (it->description)
		text_line(b, "DESCRIPTION", it->description);
	ics_line(b, "END", todo ? "VTODO" : "VEVENT");
}

void ics_end(struct buf *b)
{
	ics_line(b, "END", "VCALENDAR");
}
