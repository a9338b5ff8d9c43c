/* test_csv.c: CSV reading and writing (RFC 4180) as prospect import/export use it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "csvio.h"

struct got {
	struct buf b;
	int rows;
};

static int on_row(void *arg, const struct csvio_row *r, struct rw_err *err)
{
	struct got *g = arg;
	(void)err;
	buf_printf(&g->b, "%zu@%d:", r->rowno, r->line);
	for (size_t i = 0; i < r->n; i++)
		buf_printf(&g->b, "[%s]", r->fields[i]);
	buf_putc(&g->b, '\n');
	g->rows++;
	return 0;
}

static int parse(const char *text, struct got *g, struct rw_err *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	memset(g, 0, sizeof *g);
	int rc = csvio_read(f, "t.csv", on_row, g, err);
	fclose(f);
	return rc;
}

static void test_quotes_lines_bom(void **state)
{
	struct got g;
	struct rw_err err = {0};
	(void)state;
	assert_int_equal(parse("\xEF\xBB\xBF"
			       "email,name\r\n"
			       "a@x.com,\"Smith, Ann\"\r\n"
			       "\r\n"
			       "b@x.com,\"two\nlines \"\"q\"\"\"\n"
			       "c@x.com,Zoë\n",
			       &g, &err),
			 0);
	assert_string_equal(buf_str(&g.b), "1@1:[email][name]\n"
					   "2@2:[a@x.com][Smith, Ann]\n"
					   "3@4:[b@x.com][two\nlines \"q\"]\n"
					   "4@6:[c@x.com][Zoë]\n");
	buf_release(&g.b);
}

static void test_separator_from_header(void **state)
{
	struct got g;
	struct rw_err err = {0};
	(void)state;
	assert_int_equal(parse("email;name;company\na@x.com;\"Smith; Ann\";A, B\n", &g, &err), 0);
	assert_string_equal(buf_str(&g.b), "1@1:[email][name][company]\n"
					   "2@2:[a@x.com][Smith; Ann][A, B]\n");
	buf_release(&g.b);
	assert_int_equal(parse("email\tname\na@x.com\tAnn, B\n", &g, &err), 0);
	assert_string_equal(buf_str(&g.b), "1@1:[email][name]\n2@2:[a@x.com][Ann, B]\n");
	buf_release(&g.b);
}

static void test_errors_name_row_and_line(void **state)
{
	struct got g;
	struct rw_err err = {0};
	(void)state;
	assert_int_equal(parse("email\na@x.com\n\"b@x.com\n", &g, &err), -1);
	assert_string_equal(err.msg,
			    "t.csv:3: row 3: unbalanced quotes (a quoted field is never closed)");
	buf_release(&g.b);
	assert_int_equal(parse("email,name\na@x.com,An\"n\n", &g, &err), -1);
	assert_non_null(strstr(err.msg, "t.csv:2: row 2: a quote in the wrong place"));
	buf_release(&g.b);
	assert_int_equal(parse("email,name\na@x.com,\xff\xfe\n", &g, &err), -1);
	assert_non_null(strstr(err.msg, "t.csv:2: row 2: not UTF-8"));
	buf_release(&g.b);
}

static void test_write_round_trip(void **state)
{
	char *out = NULL;
	size_t len = 0;
	struct got g;
	struct rw_err err = {0};
	(void)state;
	FILE *f = open_memstream(&out, &len);
	const char *row[] = {"a@x.com", "Smith, \"Ann\"", NULL, " pad", "two\nlines"};
	csvio_write_row(f, row, 5);
	fclose(f);
	assert_string_equal(out, "a@x.com,\"Smith, \"\"Ann\"\"\",,\" pad\",\"two\nlines\"\r\n");
	assert_int_equal(parse(out, &g, &err), 0);
	assert_string_equal(buf_str(&g.b), "1@1:[a@x.com][Smith, \"Ann\"][][ pad][two\nlines]\n");
	buf_release(&g.b);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quotes_lines_bom),
		cmocka_unit_test(test_separator_from_header),
		cmocka_unit_test(test_errors_name_row_and_line),
		cmocka_unit_test(test_write_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
