/* dates.h: turn "circle back after the new year" into a date (SPEC §2).
 *
 * Arithmetic is on civil dates (year, month, day) in the proleptic Gregorian calendar, so no
 * time zone state is touched after the reference day is known. The reference day is the
 * reply's Date in the configured time zone (dates_civil()). Every stated period resolves with
 * a preference for the future: "in March" said in April means next March. */
#ifndef RW_DATES_H
#define RW_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct civil {
	int y, m, d; /* m 1..12, d 1..31 */
};

/* The civil date of instant t in time zone tz (IANA name; NULL or "": the process's own,
 * i.e. TZ or /etc/localtime). Uses localtime_r. A tz different from the process's own is
 * applied by setting TZ around the call and restoring it, which is not thread-safe: callers
 * that run threads set TZ once at start-up instead (cmd_classify and the watcher do), and then
 * this never touches the environment. Returns 0, -1 when t cannot be converted. */
int dates_civil(struct civil *out, time_t t, const char *tz);

long civil_days(struct civil c);              /* days since 1970-01-01 */
struct civil civil_from_days(long days);
struct civil civil_add_days(struct civil c, long n);
struct civil civil_add_months(struct civil c, int n); /* day clamped to the month's length */
int civil_weekday(struct civil c);            /* 0 Sunday .. 6 Saturday */
int civil_month_days(int y, int m);
/* The first Monday-to-Friday day on or after c. */
struct civil civil_business_day(struct civil c);
/* "YYYY-MM-DD" into out (11 bytes). */
void civil_format(struct civil c, char out[11]);
/* Parse "YYYY-MM-DD" exactly; 0 ok, -1 not a valid date. */
int civil_parse(struct civil *out, const char *s);

/* A stated time found in text. */
struct date_found {
	struct civil date;
	size_t start, end; /* byte span of the expression in the text */
	bool strong;       /* introduced by a cue (in, after, until, next, early...) */
	bool deadline;     /* "before X": a limit, not a time to call */
	int grain;         /* 1 a day, 2 a week or part of a month, 3 a month, 4 longer */
};

/* Find the stated time in text (a phrase captured by a rule, or a whole reply): the first
 * strong expression, else the first one. 1 found, 0 none. */
int dates_find(struct date_found *out, const char *text, struct civil ref);

/* Every stated time in text, in order, at most max. Returns the count. */
size_t dates_find_all(struct date_found *out, size_t max, const char *text, struct civil ref);

/* An out-of-office return phrase: the day the person is back. last_day_away: "until/through
 * X" means back on X+1. A return date before ref or more than 100 days after it is ignored
 * (SPEC §2). 1 found, 0 none or ignored. */
int dates_ooo_return(struct civil *out, const char *phrase, bool last_day_away,
		     struct civil ref);

#endif
