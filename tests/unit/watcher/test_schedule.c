/* test_schedule.c: calendar days and business days (SPEC §2 scheduling). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "schedule.h"

/* Data-driven: input date, days to add, expected. */
static const struct {
	const char *date;
	int n;
	const char *want;
} adds[] = {
	{"2026-01-31", 1, "2026-02-01"},  {"2028-02-28", 1, "2028-02-29"},
	{"2027-02-28", 1, "2027-03-01"},  {"2026-12-31", 1, "2027-01-01"},
	{"2026-03-01", -1, "2026-02-28"}, {"2026-11-02", 90, "2027-01-31"},
	{"2000-02-28", 1, "2000-02-29"},  {"2100-02-28", 1, "2100-03-01"},
};

static void test_add_days(void **state)
{
	char out[11];
	(void)state;
	for (size_t i = 0; i < sizeof adds / sizeof adds[0]; i++) {
		schedule_add_days(out, adds[i].date, adds[i].n);
		assert_string_equal(out, adds[i].want);
		assert_int_equal(schedule_days_between(adds[i].date, out), adds[i].n);
	}
}

static void test_business_days(void **state)
{
	static const struct {
		const char *date, *next, *from;
	} t[] = {
		/* Friday -> Monday; Saturday -> Monday; Sunday -> Monday; Monday -> Tuesday. */
		{"2026-11-06", "2026-11-09", "2026-11-06"},
		{"2026-11-07", "2026-11-09", "2026-11-09"},
		{"2026-11-08", "2026-11-09", "2026-11-09"},
		{"2026-11-09", "2026-11-10", "2026-11-09"},
	};
	char out[11];
	(void)state;
	assert_int_equal(schedule_weekday("2026-11-02"), 1); /* a Monday */
	assert_int_equal(schedule_weekday("1970-01-01"), 4);
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		schedule_next_business_day(out, t[i].date);
		assert_string_equal(out, t[i].next);
		schedule_business_day_from(out, t[i].date);
		assert_string_equal(out, t[i].from);
	}
}

static void test_parse(void **state)
{
	char out[11];
	(void)state;
	assert_int_equal(schedule_date_parse(out, "2028-02-29", NULL), 0);
	assert_string_equal(out, "2028-02-29");
	const char *bad[] = {"2027-02-29", "2026-13-01", "2026-00-10",	"2026-04-31", "26-01-01",
			     "2026/01/01", "",		 "2026-01-01x", "tomorrowish"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(schedule_date_parse(out, bad[i], NULL), -1);
	setenv("REPLYWATCH_TODAY", "2026-12-31", 1);
	assert_int_equal(schedule_date_parse(out, "tomorrow", NULL), 0);
	assert_string_equal(out, "2027-01-01");
	unsetenv("REPLYWATCH_TODAY");
}

static void test_time_zones(void **state)
{
	char out[11];
	(void)state;
	/* 2026-11-02 23:30 UTC is already the 3rd in Berlin, still the 2nd in New York. */
	time_t t = (time_t)1793613600 + 13 * 3600 + 1800;
	schedule_date_of(out, t, "UTC");
	assert_string_equal(out, "2026-11-02");
	schedule_date_of(out, t, "Europe/Berlin");
	assert_string_equal(out, "2026-11-03");
	schedule_date_of(out, t, "America/New_York");
	assert_string_equal(out, "2026-11-02");
	assert_int_equal(schedule_date_start("2026-11-02", "UTC"), (time_t)1793613600 - 36000);
	assert_int_equal(schedule_date_start("2026-11-02", "Europe/Berlin"),
			 (time_t)1793613600 - 36000 - 3600);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_days),
		cmocka_unit_test(test_business_days),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_time_zones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
