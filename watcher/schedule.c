/* schedule.c: calendar-day arithmetic and business days for next contacts (SPEC §2).
 *
 * Dates are proleptic Gregorian days converted with Howard Hinnant's days-from-civil
 * formulas, so adding days never meets daylight-saving gaps; only the step from an instant
 * to a local day needs the time zone. */
#include "schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

void schedule_params_init(struct schedule_params *p)
{
	p->timezone = NULL;
	p->breakup_later_days = 90;
	p->pending_later_days = 60;
	p->drip_after_days = 14;
	p->pending_every_days = 90;
	p->break_up_attempts = 6;
	p->ooo_max_days = 100;
}

void schedule_params_from_config(struct schedule_params *p, const struct config *c)
{
	schedule_params_init(p);
	p->timezone = c->schedule.timezone;
	p->breakup_later_days = c->schedule.breakup_later_days;
	p->pending_later_days = c->schedule.pending_later_days;
	p->drip_after_days = c->schedule.drip_after_days;
	p->pending_every_days = c->schedule.pending_every_days;
}

static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = (long)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

static int split(const char *s, int *y, unsigned *m, unsigned *d)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = atoi(s);
	*m = (unsigned)atoi(s + 5);
	*d = (unsigned)atoi(s + 8);
	if (*y < 1900 || *y > 9999 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	unsigned max = mdays[*m - 1];
	if (*m == 2 && ((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0))
		max = 29;
	return *d <= max ? 0 : -1;
}

static long to_days(const char *date)
{
	int y;
	unsigned m, d;
	if (split(date, &y, &m, &d) < 0)
		return 0;
	return days_from_civil(y, m, d);
}

static void fmt_date(char out[11], int y, unsigned m, unsigned d)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, m % 100u, d % 100u);
}

static void from_days(char out[11], long z)
{
	int y;
	unsigned m, d;
	civil_from_days(z, &y, &m, &d);
	fmt_date(out, y, m, d);
}

/* Run localtime_r / mktime under another TZ, restoring the old one after. */
struct tzswap {
	char *old;
	bool had, swapped;
};

static void tz_enter(struct tzswap *t, const char *tz)
{
	t->swapped = tz && *tz;
	if (!t->swapped)
		return;
	const char *old = getenv("TZ");
	t->had = old != NULL;
	t->old = old ? strdup(old) : NULL;
	setenv("TZ", tz, 1);
	tzset();
}

static void tz_leave(struct tzswap *t)
{
	if (!t->swapped)
		return;
	if (t->had && t->old)
		setenv("TZ", t->old, 1);
	else
		unsetenv("TZ");
	free(t->old);
	tzset();
}

void schedule_date_of(char out[11], time_t t, const char *tz)
{
	struct tzswap sw;
	struct tm tm;
	tz_enter(&sw, tz);
	localtime_r(&t, &tm);
	tz_leave(&sw);
	fmt_date(out, tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday);
}

void schedule_today(char out[11], const char *tz)
{
	const char *pin = getenv("REPLYWATCH_TODAY");
	int y;
	unsigned m, d;
	if (pin && split(pin, &y, &m, &d) == 0) {
		snprintf(out, 11, "%s", pin);
		return;
	}
	schedule_date_of(out, time(NULL), tz);
}

int schedule_date_parse(char out[11], const char *s, const char *tz)
{
	int y;
	unsigned m, d;
	if (strcmp(s, "today") == 0) {
		schedule_today(out, tz);
		return 0;
	}
	if (strcmp(s, "tomorrow") == 0) {
		char t[11];
		schedule_today(t, tz);
		schedule_add_days(out, t, 1);
		return 0;
	}
	if (split(s, &y, &m, &d) < 0)
		return -1;
	snprintf(out, 11, "%s", s);
	return 0;
}

void schedule_add_days(char out[11], const char *date, int n)
{
	from_days(out, to_days(date) + n);
}

int schedule_days_between(const char *a, const char *b)
{
	return (int)(to_days(b) - to_days(a));
}

int schedule_weekday(const char *date)
{
	long z = to_days(date); /* 1970-01-01 was a Thursday */
	return (int)(((z % 7) + 7 + 4) % 7);
}

void schedule_business_day_from(char out[11], const char *date)
{
	long z = to_days(date);
	int wd = schedule_weekday(date);
	if (wd == 6)
		z += 2;
	else if (wd == 0)
		z += 1;
	from_days(out, z);
}

void schedule_next_business_day(char out[11], const char *date)
{
	char next[11];
	schedule_add_days(next, date, 1);
	schedule_business_day_from(out, next);
}

time_t schedule_date_start(const char *date, const char *tz)
{
	int y;
	unsigned m, d;
	struct tzswap sw;
	struct tm tm = {0};
	if (split(date, &y, &m, &d) < 0)
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d;
	tm.tm_isdst = -1;
	tz_enter(&sw, tz);
	time_t t = mktime(&tm);
	tz_leave(&sw);
	return t;
}
