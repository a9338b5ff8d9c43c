/* test_ics.c: iCalendar output (RFC 5545): CRLF, folding at 75 octets without splitting a
 * UTF-8 character, TEXT escaping, UID and DTSTAMP, all-day events and to-dos. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ics.h"

static void test_fold_and_crlf(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	char v[300];
	/* 'é' is two octets: a fold must never fall between them. */
	for (int i = 0; i < 100; i++) {
		v[2 * i] = (char)0xC3;
		v[2 * i + 1] = (char)0xA9;
	}
	v[200] = '\0';
	ics_line(&b, "SUMMARY", v);
	const char *s = buf_str(&b);
	size_t line = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '\n') {
			assert_true(p > s && p[-1] == '\r');
			line = 0;
			continue;
		}
		if (*p != '\r')
			line++;
		assert_true(line <= 75);
		if (line == 1 && p != s)
			assert_true(*p == ' '); /* continuation */
		if (p[0] == '\r')
			assert_true((unsigned char)p[-1] == 0xA9 || p[-1] == ':');
	}
	/* Unfolding gives the original line back. */
	char un[400] = "";
	size_t n = 0;
	for (const char *p = s; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		un[n++] = *p;
	}
	un[n] = '\0';
	assert_int_equal(strncmp(un, "SUMMARY:", 8), 0);
	assert_int_equal(memcmp(un + 8, v, 200), 0);
	assert_string_equal(un + 208, "\r\n");
	buf_release(&b);
}

static void test_escape(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	ics_escape(&b, "a,b;c\\d\nnext\r\nline");
	assert_string_equal(buf_str(&b), "a\\,b\\;c\\\\d\\nnext\\nline");
	buf_release(&b);
}

static void test_event_and_todo(void **state)
{
	struct buf b = BUF_INIT;
	char uid[32], uid2[32];
	(void)state;
	ics_uid(uid, "ann@x.com", "later", "2027-03-01");
	ics_uid(uid2, "ann@x.com", "later", "2027-03-01");
	assert_string_equal(uid, uid2); /* stable: re-importing updates, not duplicates */
	ics_uid(uid2, "ann@x.com", "yes", "2027-03-01");
	assert_string_not_equal(uid, uid2);
	ics_begin(&b, "-//t//t//EN");
	struct ics_item it = {uid, "2027-02-28", "Call back: ann", "said \"try me, in March\""};
	ics_item(&b, &it, false, 0);
	ics_item(&b, &it, true, 0);
	ics_end(&b);
	const char *s = buf_str(&b);
	assert_non_null(strstr(s, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"));
	assert_non_null(strstr(s, "BEGIN:VEVENT\r\nUID:"));
	assert_non_null(strstr(s, "DTSTAMP:19700101T000000Z\r\n"));
	assert_non_null(strstr(s, "DTSTART;VALUE=DATE:20270228\r\nDTEND;VALUE=DATE:20270301\r\n"));
	assert_non_null(strstr(s, "BEGIN:VTODO\r\n"));
	assert_non_null(strstr(s, "DUE;VALUE=DATE:20270301\r\n"));
	assert_non_null(strstr(s, "DESCRIPTION:said \"try me\\, in March\"\r\n"));
	assert_non_null(strstr(s, "END:VCALENDAR\r\n"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_and_crlf),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_event_and_todo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
