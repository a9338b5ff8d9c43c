/* csvio.c: CSV reading over libcsv and writing (RFC 4180; SPEC §5 prospect import/export).
 *
 * libcsv reports neither rows nor positions, so the file is fed to it one line at a time:
 * a record always ends at the end of a line, so the line a record starts on is the first
 * non-blank line fed after the previous record ended. */
#include "csvio.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 256

struct reader {
	const char *name;
	csvio_row_fn *fn;
	void *arg;
	struct rw_err *err;
	char *fields[MAX_FIELDS];
	size_t n;
	size_t rowno;
	int line, start;
	bool fresh; /* between records */
	int stop;   /* what fn returned, or -1 for our own error */
	bool too_many, bad_utf8;
};

static bool utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t k;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF)
			k = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3;
		else
			return false;
		for (size_t j = 1; j <= k; j++)
			if (i + j >= len || (s[i + j] & 0xC0) != 0x80)
				return false;
		if (c == 0xE0 && s[i + 1] < 0xA0)
			return false; /* overlong */
		if (c == 0xED && s[i + 1] > 0x9F)
			return false; /* surrogates */
		if (c == 0xF0 && s[i + 1] < 0x90)
			return false;
		if (c == 0xF4 && s[i + 1] > 0x8F)
			return false;
		i += k + 1;
	}
	return true;
}

static void clear_fields(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
}

static void on_field(void *data, size_t len, void *arg)
{
	struct reader *r = arg;
	if (r->stop)
		return;
	if (r->n >= MAX_FIELDS) {
		r->too_many = true;
		return;
	}
	char *f = malloc(len + 1);
	if (!f) {
		r->stop = rw_fail(r->err, RW_ENOMEM, "out of memory");
		return;
	}
	if (len)
		memcpy(f, data, len);
	f[len] = '\0';
	if (!utf8_valid((unsigned char *)f, len))
		r->bad_utf8 = true;
	r->fields[r->n++] = f;
}

static void on_record(int c, void *arg)
{
	struct reader *r = arg;
	(void)c;
	if (r->stop)
		goto done;
	r->rowno++;
	if (r->too_many) {
		r->stop = rw_fail(r->err, RW_ESYNTAX, "%s:%d: row %zu: more than %d fields",
				  r->name, r->start, r->rowno, MAX_FIELDS);
		goto done;
	}
	if (r->bad_utf8) {
		r->stop = rw_fail(r->err, RW_ESYNTAX,
				  "%s:%d: row %zu: not UTF-8 text (save the "
				  "file as UTF-8)",
				  r->name, r->start, r->rowno);
		goto done;
	}
	struct csvio_row row = {r->rowno, r->start, (const char *const *)r->fields, r->n};
	r->stop = r->fn(r->arg, &row, r->err);
done:
	clear_fields(r);
	r->too_many = r->bad_utf8 = false;
	r->fresh = true;
}

int csvio_read(FILE *f, const char *name, csvio_row_fn *fn, void *arg, struct rw_err *err)
{
	struct csv_parser p;
	struct reader r = {.name = name, .fn = fn, .arg = arg, .err = err, .fresh = true};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = -1;
	bool sniffed = false;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return rw_fail(err, RW_ENOMEM, "out of memory");
	errno = 0;
	while (!r.stop && (len = getline(&line, &cap, f)) >= 0) {
		char *start = line;
		r.line++;
		if (r.line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			start += 3;
			len -= 3;
		}
		if (r.rowno == 0 && r.fresh && !sniffed) {
			/* Spreadsheets in many locales save with ';' (or tabs): take the separator
			 * the header row uses most. */
			size_t n[3] = {0, 0, 0};
			for (ssize_t i = 0; i < len; i++) {
				if (start[i] == ',')
					n[0]++;
				else if (start[i] == ';')
					n[1]++;
				else if (start[i] == '\t')
					n[2]++;
			}
			if (n[1] > n[0] && n[1] >= n[2])
				csv_set_delim(&p, ';');
			else if (n[2] > n[0] && n[2] > n[1])
				csv_set_delim(&p, '\t');
			sniffed = n[0] + n[1] + n[2] > 0;
		}
		if (r.fresh) {
			bool blank = true;
			for (ssize_t i = 0; i < len; i++)
				if (start[i] != '\n' && start[i] != '\r' && start[i] != ' ' &&
				    start[i] != '\t')
					blank = false;
			if (blank)
				continue;
			r.start = r.line;
			r.fresh = false;
		}
		if (csv_parse(&p, start, (size_t)len, on_field, on_record, &r) != (size_t)len &&
		    !r.stop) {
			r.stop = rw_fail(err, RW_ESYNTAX,
					 "%s:%d: row %zu: a quote in the wrong place (a field with "
					 "commas or quotes must be quoted, quotes doubled)",
					 name, r.line, r.rowno + 1);
		}
	}
	/* getline's errno says why: "Is a directory" (F2.2) rather than a bare "read error". */
	int read_errno = errno;
	if (ferror(f) && !r.stop)
		r.stop = rw_fail(err, RW_EIO, "%s: %s", name,
				 read_errno ? strerror(read_errno) : "read error");
	if (!r.stop && csv_fini(&p, on_field, on_record, &r) != 0 && !r.stop)
		r.stop = rw_fail(err, RW_ESYNTAX,
				 "%s:%d: row %zu: unbalanced quotes (a quoted field is never "
				 "closed)",
				 name, r.start, r.rowno + 1);
	rc = r.stop;
	clear_fields(&r);
	csv_free(&p);
	free(line);
	return rc;
}

void csvio_write_row(FILE *f, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = fields[i] ? fields[i] : "";
		size_t len = strlen(v);
		bool quote = strpbrk(v, ",\"\r\n") != NULL ||
			     (len && (v[0] == ' ' || v[0] == '\t' || v[len - 1] == ' ' ||
				      v[len - 1] == '\t'));
		if (i)
			fputc(',', f);
		if (!quote) {
			fputs(v, f);
			continue;
		}
		fputc('"', f);
		for (; *v; v++) {
			if (*v == '"')
				fputc('"', f);
			fputc(*v, f);
		}
		fputc('"', f);
	}
	fputs("\r\n", f);
}
