/* csvio.h: CSV files (RFC 4180: header row, quoted fields, UTF-8) read row by row over
 * libcsv, and written. (Not "csv.h": that name is libcsv's own header.)
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1. Each row also carries
 * the file line it starts on, since a quoted field may hold line breaks. */
#ifndef RW_CSVIO_H
#define RW_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

struct csvio_row {
	size_t rowno;		   /* 1 = the header */
	int line;		   /* first line of the row in the file */
	const char *const *fields; /* borrowed: valid during the callback; never NULL entries */
	size_t n;
};

/* Return 0 to go on, non-zero to stop (that value is returned; set err when it is -1). */
typedef int csvio_row_fn(void *arg, const struct csvio_row *row, struct rw_err *err);

/* Read f (named 'name' in messages) and call fn for each row, the header included. Blank
 * lines are skipped. The separator is the one the header row uses most of ',', ';' and tab
 * (spreadsheets save with ';' in many locales). Errors: unbalanced quotes or a stray quote
 * ("name:LINE: row N: ..."), a field that is not UTF-8, rows over max_fields fields (256). A UTF-8
 * BOM is skipped. */
int csvio_read(FILE *f, const char *name, csvio_row_fn *fn, void *arg, struct rw_err *err);

/* Write one row: fields quoted when they hold a comma, quote, line break or edge space;
 * NULL writes an empty field. Lines end with CRLF (RFC 4180). */
void csvio_write_row(FILE *f, const char *const *fields, size_t n);

#endif
