/* json.c: a small JSON writer (RFC 8259 §7 string escaping) over struct buf. */
#include "json.h"

#include "charset.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void json_init(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof *j);
	j->out = out;
}

/* Before any value: a comma when the container already holds one, unless a key precedes. */
static void json_sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0 && j->depth <= JSON_MAX_DEPTH) {
		if (j->need_comma[j->depth - 1])
			buf_putc(j->out, ',');
		j->need_comma[j->depth - 1] = true;
	}
}

static void json_open(struct json *j, char c)
{
	json_sep(j);
	buf_putc(j->out, c);
	j->depth++;
	if (j->depth <= JSON_MAX_DEPTH)
		j->need_comma[j->depth - 1] = false;
}

static void json_close(struct json *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	buf_putc(j->out, c);
}

void json_obj_begin(struct json *j)
{
	json_open(j, '{');
}

void json_obj_end(struct json *j)
{
	json_close(j, '}');
}

void json_arr_begin(struct json *j)
{
	json_open(j, '[');
}

void json_arr_end(struct json *j)
{
	json_close(j, ']');
}

void json_key(struct json *j, const char *key)
{
	json_sep(j);
	json_escape(j->out, key, strlen(key));
	buf_putc(j->out, ':');
	j->after_key = true;
}

void json_escape(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	buf_putc(b, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
			i++;
		} else if (c < 0x20) {
			switch (c) {
			case '\n': buf_puts(b, "\\n"); break;
			case '\r': buf_puts(b, "\\r"); break;
			case '\t': buf_puts(b, "\\t"); break;
			case '\b': buf_puts(b, "\\b"); break;
			case '\f': buf_puts(b, "\\f"); break;
			default: buf_printf(b, "\\u%04x", c); break;
			}
			i++;
		} else if (c < 0x80) {
			buf_putc(b, (char)c);
			i++;
		} else {
			unsigned cp;
			size_t n = charset_get_utf8(p + i, len - i, &cp);
			if (n == 0) {
				buf_puts(b, "\xef\xbf\xbd"); /* U+FFFD: keep the output valid */
				i++;
			} else {
				buf_append(b, p + i, n);
				i += n;
			}
		}
	}
	buf_putc(b, '"');
}

void json_str(struct json *j, const char *s)
{
	if (s == NULL) {
		json_null(j);
		return;
	}
	json_strn(j, s, strlen(s));
}

void json_strn(struct json *j, const char *s, size_t len)
{
	json_sep(j);
	json_escape(j->out, s, len);
}

void json_int(struct json *j, long long v)
{
	json_sep(j);
	buf_printf(j->out, "%lld", v);
}

void json_num(struct json *j, double v)
{
	json_sep(j);
	if (!isfinite(v)) {
		buf_puts(j->out, "null");
		return;
	}
	char tmp[64];
	/* Shortest %g that reads back to the same double. */
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		double back;
		if (sscanf(tmp, "%lf", &back) == 1 && back == v)
			break;
	}
	buf_puts(j->out, tmp);
}

void json_bool(struct json *j, bool v)
{
	json_sep(j);
	buf_puts(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
	json_sep(j);
	buf_puts(j->out, "null");
}

void json_key_str(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_key_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_key_num(struct json *j, const char *key, double v)
{
	json_key(j, key);
	json_num(j, v);
}

void json_key_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_key_null(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}
