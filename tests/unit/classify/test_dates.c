/* test_dates.c: stated times to dates (classify/dates.h, SPEC §2 "Dates"). Data-driven: each
 * row is what a reply says, the day it was sent, and the day a salesperson would call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

static struct civil day(const char *s)
{
	struct civil c = {0, 0, 0};
	if (civil_parse(&c, s) < 0)
		fail_msg("bad test date %s", s);
	return c;
}

struct row {
	const char *ref, *text, *want; /* want NULL: no date stated */
};

static const struct row rows[] = {
	/* offsets, written numbers, vague quantities */
	{"2026-08-12", "Reach out in 90 days like you said", "2026-11-10"},
	{"2026-03-10", "try me in 3 weeks", "2026-03-31"},
	{"2026-03-10", "in 10 days", "2026-03-20"},
	{"2026-09-24", "Give me a couple months and we'll talk", "2026-11-24"},
	{"2026-06-03", "we can revisit in about six months", "2026-12-03"},
	{"2026-06-03", "in a few weeks", "2026-06-24"},
	{"2026-06-03", "six months from now", "2026-12-03"},
	{"2026-06-10", "Recontactez-moi dans six mois", "2026-12-10"},
	/* cycles */
	{"2026-10-14", "ping me next week", "2026-10-19"},
	{"2026-10-14", "next month", "2026-11-01"},
	{"2026-10-14", "next quarter", "2027-01-01"},
	{"2026-05-20", "next quarter", "2026-07-01"},
	{"2026-10-14", "early next year", "2027-01-01"},
	/* quarters and halves */
	{"2026-10-14", "in Q2 2027", "2027-04-01"},
	{"2026-10-14", "Q3", "2027-07-01"},
	{"2026-02-14", "Q3", "2026-07-01"},
	{"2026-02-14", "in the second half of the year", "2026-07-01"},
	/* months with modifiers, future preference */
	{"2026-11-10", "Hör av dig igen i mars", "2027-03-01"},
	{"2026-11-10", "Ring mig i maj", "2027-05-01"},
	{"2026-11-10", "Ring meg i desember", "2026-12-01"},
	{"2026-10-15", "Try me again in April", "2027-04-01"},
	{"2026-10-15", "mid-April", "2027-04-15"},
	{"2026-10-15", "end of April", "2027-04-25"},
	{"2026-10-15", "early March", "2027-03-01"},
	{"2026-03-10", "in May", "2026-05-01"},
	{"2026-10-15", "in January", "2027-01-04"}, /* Jan 1 is a holiday */
	{"2026-10-15", "début janvier", "2027-01-04"},
	/* holidays, seasons, year end */
	{"2026-11-30", "Reach back out after the new year", "2027-01-04"},
	{"2026-10-01", "after the holidays", "2027-01-04"},
	{"2026-09-01", "end of the year", "2026-12-15"},
	{"2026-10-01", "in the spring", "2027-03-20"},
	{"2026-04-14", "after the summer", "2026-09-22"},
	{"2026-08-01", "after Labor Day", "2026-09-08"},
	{"2026-10-01", "after the 1st of the year", "2027-01-04"},
	/* explicit dates */
	{"2026-10-01", "after March 15", "2027-03-15"},
	{"2026-10-01", "on March 3", "2027-03-03"},
	{"2026-01-10", "by 3/15", "2026-03-15"},
	{"2026-01-10", "on 2026-03-15", "2026-03-15"},
	{"2026-10-20", "the week of Dec 7", "2026-12-07"},
	{"2026-10-20", "in the third week of November", "2026-11-15"},
	{"2026-10-15", "the 28th", "2026-10-28"},
	/* weekdays */
	{"2026-10-14", "next Wednesday", "2026-10-21"},
	{"2026-10-14", "Thursday", "2026-10-15"},
	/* an event dated earlier in the text anchors "the following week" */
	{"2026-11-05", "until our board meets on January 20. Try me the following week.",
	 "2027-01-20"},
	/* nothing stated, or in the past */
	{"2026-04-14", "Maybe later in the year.", NULL},
	{"2026-04-14", "I may call you later.", NULL},
	{"2026-04-14", "We went with a competitor last week.", NULL},
	{"2026-04-14", "Sounds good, thanks!", NULL},
};

static void stated_times_resolve(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct date_found f;
		char got[11] = "none";
		int found = dates_find(&f, rows[i].text, day(rows[i].ref));
		if (found)
			civil_format(f.date, got);
		if (rows[i].want == NULL) {
			if (found)
				fail_msg("\"%s\" (sent %s): no date expected, got %s", rows[i].text,
					 rows[i].ref, got);
		} else if (!found || strcmp(got, rows[i].want) != 0) {
			fail_msg("\"%s\" (sent %s): want %s, got %s", rows[i].text, rows[i].ref,
				 rows[i].want, got);
		}
	}
}

static void all_times_in_order_with_precision(void **state)
{
	(void)state;
	struct date_found all[8];
	size_t n = dates_find_all(all, 8, "Circle back after the holidays, mid January is best.",
				  day("2026-11-30"));
	assert_int_equal(n, 2);
	assert_true(all[1].grain < all[0].grain); /* mid January is more precise */
	char d[11];
	civil_format(all[1].date, d);
	assert_string_equal(d, "2027-01-15");
	n = dates_find_all(all, 8, "I need it before year end.", day("2026-10-01"));
	assert_int_equal(n, 1);
	assert_true(all[0].deadline);
}

static void out_of_office_returns(void **state)
{
	(void)state;
	struct civil back;
	char d[11];
	/* "back on Monday the 12th" is the 12th */
	assert_int_equal(dates_ooo_return(&back, "back on Monday the 12th", false,
					  day("2026-10-05")), 1);
	civil_format(back, d);
	assert_string_equal(d, "2026-10-12");
	/* "out until 30 September" means back on 1 October */
	assert_int_equal(dates_ooo_return(&back, "until 30 September", true, day("2026-09-20")), 1);
	civil_format(back, d);
	assert_string_equal(d, "2026-10-01");
	/* German and French phrasings */
	assert_int_equal(dates_ooo_return(&back, "bis einschließlich 23. Oktober 2026", true,
					  day("2026-10-12")), 1);
	civil_format(back, d);
	assert_string_equal(d, "2026-10-24");
	assert_int_equal(dates_ooo_return(&back, "jusqu'au 4 novembre inclus", true,
					  day("2026-10-28")), 1);
	civil_format(back, d);
	assert_string_equal(d, "2026-11-05");
	/* in the past, or more than 100 days away: ignored */
	assert_int_equal(dates_ooo_return(&back, "until 2026-09-01", true, day("2026-09-20")), 0);
	assert_int_equal(dates_ooo_return(&back, "back on 2027-06-01", false, day("2026-09-20")), 0);
	assert_int_equal(dates_ooo_return(&back, "back soon", false, day("2026-09-20")), 0);
}

static void civil_arithmetic(void **state)
{
	(void)state;
	char d[11];
	civil_format(civil_add_months(day("2026-01-31"), 1), d);
	assert_string_equal(d, "2026-02-28");
	civil_format(civil_add_months(day("2028-01-31"), 1), d);
	assert_string_equal(d, "2028-02-29");
	civil_format(civil_add_days(day("2026-12-31"), 1), d);
	assert_string_equal(d, "2027-01-01");
	assert_int_equal(civil_weekday(day("2026-12-01")), 2); /* a Tuesday */
	civil_format(civil_business_day(day("2026-12-05")), d);  /* Saturday -> Monday */
	assert_string_equal(d, "2026-12-07");
	struct civil c;
	assert_int_equal(civil_parse(&c, "2026-02-30"), -1);
	assert_int_equal(civil_parse(&c, "26-02-01"), -1);
	assert_int_equal(civil_days(day("1970-01-01")), 0);
}

static void time_zone_decides_the_day(void **state)
{
	(void)state;
	/* 2026-03-01 03:30 UTC: still February 28 in New York, March 1 in Tokyo. */
	time_t t = 1772335800;
	struct civil ny, tokyo, utc;
	assert_int_equal(dates_civil(&ny, t, "America/New_York"), 0);
	assert_int_equal(dates_civil(&tokyo, t, "Asia/Tokyo"), 0);
	assert_int_equal(dates_civil(&utc, t, "UTC"), 0);
	char a[11], b[11], c[11];
	civil_format(ny, a);
	civil_format(tokyo, b);
	civil_format(utc, c);
	assert_string_equal(a, "2026-02-28");
	assert_string_equal(b, "2026-03-01");
	assert_string_equal(c, "2026-03-01");
	/* The process's own TZ is left as it was. */
	const char *tz = getenv("TZ");
	setenv("TZ", "Europe/Berlin", 1);
	dates_civil(&ny, t, "America/New_York");
	assert_string_equal(getenv("TZ"), "Europe/Berlin");
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
}

static void hostile_text_is_harmless(void **state)
{
	(void)state;
	struct date_found f;
	static const char junk[] = "in 9999999999 months 31/31 the 99th Q9 \xff\xfe ";
	char big[20000];
	for (size_t i = 0; i < sizeof big - 1; i++)
		big[i] = junk[i % (sizeof junk - 1)];
	big[sizeof big - 1] = '\0';
	dates_find(&f, big, day("2026-01-01")); /* must not crash or hang */
	assert_int_equal(dates_find(&f, "", day("2026-01-01")), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stated_times_resolve),
		cmocka_unit_test(all_times_in_order_with_precision),
		cmocka_unit_test(out_of_office_returns),
		cmocka_unit_test(civil_arithmetic),
		cmocka_unit_test(time_zone_decides_the_day),
		cmocka_unit_test(hostile_text_is_harmless),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
