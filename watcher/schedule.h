/* schedule.h: civil dates, business days and the scheduling parameters (SPEC §2).
 *
 * A date is the text "YYYY-MM-DD" (char[11], NUL-terminated) in the configured time zone:
 * next contacts and callbacks are days, not instants. Business days are Monday to Friday.
 * Functions taking a time zone accept NULL or "" for the system's. They switch TZ for the
 * duration of the call: not thread-safe (replywatch is single-threaded). */
#ifndef RW_SCHEDULE_H
#define RW_SCHEDULE_H

#include <stdbool.h>
#include <time.h>

struct config;

struct schedule_params {
	const char *timezone;	/* borrowed; NULL = the system's */
	int breakup_later_days; /* 90 */
	int pending_later_days; /* 60 */
	int drip_after_days;	/* 14 */
	int pending_every_days; /* 90 */
	int break_up_attempts;	/* 6: unanswered attempts before a break-up email is suggested */
	int ooo_max_days;	/* 100: an out-of-office return further away is ignored */
};

/* The defaults of SPEC §5. */
void schedule_params_init(struct schedule_params *p);
/* From [schedule]; p borrows c's strings (keep c alive). */
void schedule_params_from_config(struct schedule_params *p, const struct config *c);

/* 0 when s is a real calendar date "YYYY-MM-DD" (copied to out), else -1. Also accepts
 * "today" and "tomorrow" (in tz). */
int schedule_date_parse(char out[11], const char *s, const char *tz);
/* The local date of instant t in tz. */
void schedule_date_of(char out[11], time_t t, const char *tz);
/* Today's date in tz (the clock can be pinned for tests with REPLYWATCH_TODAY=YYYY-MM-DD). */
void schedule_today(char out[11], const char *tz);
/* date + n days (n may be negative). date must be valid. */
void schedule_add_days(char out[11], const char *date, int n);
/* b - a in days. */
int schedule_days_between(const char *a, const char *b);
/* 0 = Sunday .. 6 = Saturday. */
int schedule_weekday(const char *date);
/* The first business day strictly after date. */
void schedule_next_business_day(char out[11], const char *date);
/* date itself when a business day, else the next one. */
void schedule_business_day_from(char out[11], const char *date);
/* Local midnight at the start of date in tz, as an instant. */
time_t schedule_date_start(const char *date, const char *tz);

#endif
