/* dates.c: stated times in replies to dates (SPEC §2 "Dates").
 *
 * The text is cut into lower-case word tokens; at each token a small set of recognisers tries
 * the families of SPEC §2 (offsets "in N days/weeks/months", vague quantities "a couple of",
 * "a few", written numbers, next week/month/quarter/year, Q1..Q4 and halves, month names with
 * early/mid/late/end-of, seasons, holidays such as the new year, explicit dates in ISO, US
 * slash and European dot forms, weekdays, "the 12th", years). Each produces a period (first
 * and last day); a modifier picks the day in it: none/early = the first day, mid = the middle,
 * late = three quarters in, "end of" = the last day, "after" = the day after the last. A period
 * given without a year that would already be over is moved to its next occurrence (future
 * preference, as dateparser's PREFER_DATES_FROM=future).
 *
 * The design of a tokenised, table-driven resolver against a reference date follows what
 * HeidelTime, chrono and Duckling do (notes §5); the code is ours. */
#include "dates.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- civil dates (Howard Hinnant's days_from_civil algorithm) ---- */

long civil_days(struct civil c)
{
	long y = c.y - (c.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (c.m + (c.m > 2 ? -3 : 9)) + 2) / 5 + c.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct civil civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	struct civil c = {(int)(y + (m <= 2)), (int)m, (int)d};
	return c;
}

int civil_month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[(m - 1) % 12];
}

struct civil civil_add_days(struct civil c, long n)
{
	return civil_from_days(civil_days(c) + n);
}

struct civil civil_add_months(struct civil c, int n)
{
	long total = (long)c.y * 12 + (c.m - 1) + n;
	struct civil r;
	r.y = (int)(total / 12);
	r.m = (int)(total % 12) + 1;
	int md = civil_month_days(r.y, r.m);
	r.d = c.d > md ? md : c.d;
	return r;
}

int civil_weekday(struct civil c)
{
	long d = civil_days(c); /* 1970-01-01 was a Thursday */
	return (int)(((d % 7) + 11) % 7);
}

struct civil civil_business_day(struct civil c)
{
	int wd = civil_weekday(c);
	if (wd == 6)
		return civil_add_days(c, 2);
	if (wd == 0)
		return civil_add_days(c, 1);
	return c;
}

void civil_format(struct civil c, char out[11])
{
	/* Years are clamped to four digits: a date outside 0..9999 is never a callback. */
	int y = c.y < 0 ? 0 : c.y > 9999 ? 9999 : c.y;
	int m = c.m < 1 || c.m > 12 ? 1 : c.m;
	int d = c.d < 1 || c.d > 31 ? 1 : c.d;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int civil_parse(struct civil *out, const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	struct civil c = {atoi(s), atoi(s + 5), atoi(s + 8)};
	if (c.m < 1 || c.m > 12 || c.d < 1 || c.d > civil_month_days(c.y, c.m))
		return -1;
	*out = c;
	return 0;
}

int dates_civil(struct civil *out, time_t t, const char *tz)
{
	struct tm tm;
	const char *cur = getenv("TZ");
	bool swap = tz && *tz && (cur == NULL || strcmp(cur, tz) != 0);
	char *saved = NULL;
	if (swap) {
		saved = cur ? strdup(cur) : NULL;
		setenv("TZ", tz, 1);
		tzset();
	}
	struct tm *ok = localtime_r(&t, &tm);
	if (swap) {
		if (saved)
			setenv("TZ", saved, 1);
		else
			unsetenv("TZ");
		tzset();
		free(saved);
	}
	if (ok == NULL)
		return -1;
	out->y = tm.tm_year + 1900;
	out->m = tm.tm_mon + 1;
	out->d = tm.tm_mday;
	return 0;
}

/* ---- tokens ---- */

enum tok_kind { T_WORD, T_NUM, T_ORD, T_SEP_NUM };

struct tok {
	char w[24];
	enum tok_kind kind;
	long num;         /* T_NUM, T_ORD */
	size_t start, end;
	bool break_before; /* a sentence break (. ! ? ; newline) lies before it */
	bool comma_before;
	/* Looked up once at tokenising: the recognisers ask these again and again. */
	signed char month, wday, season; /* 1..12 / 0..6 / 0..3, else 0 / -1 / -1 */
	char unit;                       /* unit_of() */
	long numw;                       /* number_word(), or -1 */
	bool starter;                    /* can begin a time expression */
};

#define MAX_TOKS 4096

static int weekday_of(const char *w);
static int season_of(const char *w);
static char unit_of(const char *w);
struct lex {
	const char *w;
	signed char month, wday, season;
	char unit;
	long numw;
	bool starter;
};
static const struct lex *lex_find(const char *w);

static void lex_pairs(unsigned char pairs[26 * 26 / 8 + 1]);
static bool lex_maybe(const unsigned char *pairs, const char *word);

static size_t tokenise(struct tok *t, size_t max, const char *s)
{
	size_t n = 0, i = 0;
	unsigned char pairs[26 * 26 / 8 + 1];
	lex_pairs(pairs);
	bool brk = false, comma = false;
	while (s[i] && n < max) {
		unsigned char c = (unsigned char)s[i];
		if (!isalnum(c) && c < 0x80) {
			/* "23. Oktober": a dot after a day number is an ordinal, not a break. */
			if (c == '.' && n > 0 && t[n - 1].end == i && t[n - 1].kind == T_NUM &&
			    t[n - 1].num >= 1 && t[n - 1].num <= 31 && s[i + 1] == ' ' &&
			    isalpha((unsigned char)s[i + 2])) {
				t[n - 1].kind = T_ORD;
				i++;
				continue;
			}
			if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n')
				brk = true;
			if (c == ',')
				comma = true;
			/* "year's": the s after an apostrophe is not a word */
			if ((c == '\'') && (s[i + 1] == 's' || s[i + 1] == 'S') &&
			    !isalnum((unsigned char)s[i + 2])) {
				i += 2;
				continue;
			}
			i++;
			continue;
		}
		struct tok *k = &t[n];
		size_t st = i, len = 0;
		bool digits = isdigit(c), seps = false;
		while (s[i]) {
			unsigned char d = (unsigned char)s[i];
			if (isalnum(d) || d >= 0x80) {
				if (!isdigit(d))
					digits = false;
			} else if (digits && (d == '/' || d == '-' || d == '.') &&
				   isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i - 1])) {
				seps = true;
			} else {
				break;
			}
			if (len + 1 < sizeof k->w)
				k->w[len++] = (char)(d < 0x80 ? tolower(d) : d);
			i++;
		}
		k->w[len] = '\0';
		/* Latin-1 capitals in UTF-8 (Ä, É) to lower case, same length. */
		for (size_t x = 0; x + 1 < len; x++)
			if ((unsigned char)k->w[x] == 0xc3 && (unsigned char)k->w[x + 1] >= 0x80 &&
			    (unsigned char)k->w[x + 1] <= 0x9e && (unsigned char)k->w[x + 1] != 0x97)
				k->w[x + 1] = (char)((unsigned char)k->w[x + 1] + 0x20);
		k->start = st;
		k->end = i;
		k->break_before = brk;
		k->comma_before = comma;
		brk = comma = false;
		k->num = -1;
		k->month = 0;
		k->wday = k->season = -1;
		k->unit = 0;
		k->numw = -1;
		k->starter = true;
		if (seps) {
			k->kind = T_SEP_NUM;
		} else if (digits) {
			k->kind = T_NUM;
			k->num = len <= 9 ? atol(k->w) : -1;
		} else {
			size_t dl = 0;
			while (isdigit((unsigned char)k->w[dl]))
				dl++;
			const char *suf = k->w + dl;
			if (dl > 0 && dl <= 2 &&
			    (strcmp(suf, "st") == 0 || strcmp(suf, "nd") == 0 ||
			     strcmp(suf, "rd") == 0 || strcmp(suf, "th") == 0)) {
				k->kind = T_ORD;
				k->num = atol(k->w);
			} else {
				k->kind = T_WORD;
				const struct lex *x = lex_maybe(pairs, k->w) ? lex_find(k->w) : NULL;
				if (x) {
					k->month = x->month;
					k->wday = x->wday;
					k->season = x->season;
					k->unit = x->unit;
					k->numw = x->numw;
				}
				k->starter = (x && (x->starter || x->month || x->wday >= 0 ||
						    x->season >= 0 || x->unit || x->numw >= 0)) ||
					     ((k->w[0] == 'q' || k->w[0] == 'h') &&
					      isdigit((unsigned char)k->w[1]));
			}
		}
		n++;
	}
	return n;
}

static bool is(const struct tok *t, size_t n, size_t i, const char *w)
{
	/* The first byte rules out almost every word: the recognisers ask a lot. */
	return i < n && t[i].w[0] == w[0] && strcmp(t[i].w, w) == 0;
}





/* A quantity at i: digits, a range "3-6" (its lower end), written numbers, and the vague
 * ones: a/an/one = 1, a couple (of) = 2, a few = 3, several = 4, half a = 0.5. Sets *used. */
static double quantity(const struct tok *t, size_t n, size_t i, size_t *used)
{
	size_t j = i;
	if (is(t, n, j, "another") || is(t, n, j, "about") || is(t, n, j, "around") ||
	    is(t, n, j, "roughly") || is(t, n, j, "approximately") || is(t, n, j, "maybe") ||
	    is(t, n, j, "perhaps") || is(t, n, j, "the") || is(t, n, j, "next"))
		j++;
	if (j >= n)
		return -1;
	double v = -1;
	if (t[j].kind == T_NUM && t[j].num >= 0) {
		v = (double)t[j].num;
		j++;
	} else if (t[j].kind == T_SEP_NUM && strchr(t[j].w, '-') && !strchr(t[j].w, '/')) {
		v = atof(t[j].w);
		j++;
	} else if (is(t, n, j, "half") && (is(t, n, j + 1, "a") || is(t, n, j + 1, "an"))) {
		v = 0.5;
		j += 2;
	} else if ((is(t, n, j, "a") || is(t, n, j, "an")) && is(t, n, j + 1, "couple")) {
		v = 2;
		j += 2;
	} else if (is(t, n, j, "couple")) {
		v = 2;
		j++;
	} else if ((is(t, n, j, "a") && is(t, n, j + 1, "few")) ) {
		v = 3;
		j += 2;
	} else if (is(t, n, j, "few")) {
		v = 3;
		j++;
	} else if (is(t, n, j, "several")) {
		v = 4;
		j++;
	} else if (is(t, n, j, "a") || is(t, n, j, "an")) {
		v = 1;
		j++;
	} else {
		long w = t[j].numw;
		if (w >= 0) {
			v = (double)w;
			j++;
			/* "twenty one" */
			long w2 = j < n ? t[j].numw : -1;
			if (w >= 20 && w2 > 0 && w2 < 10) {
				v += (double)w2;
				j++;
			}
			/* "six to nine months": the lower end */
			if ((is(t, n, j, "to") || is(t, n, j, "or")) && j + 1 < n &&
			    (t[j + 1].numw >= 0 || t[j + 1].kind == T_NUM) &&
			    unit_of(j + 2 < n ? t[j + 2].w : "")) {
				j += 2;
			}
		}
	}
	if (v < 0)
		return -1;
	if (is(t, n, j, "of"))
		j++;
	if (is(t, n, j, "more"))
		j++;
	/* "3 to 6 months", "2 or 3 weeks" */
	if ((is(t, n, j, "to") || is(t, n, j, "or")) && j + 1 < n && t[j + 1].kind == T_NUM &&
	    j + 2 < n && t[j + 2].unit)
		j += 2;
	*used = j - i;
	return v;
}

static struct civil add_unit(struct civil ref, double v, char u)
{
	switch (u) {
	case 'd': return civil_add_days(ref, (long)(v + 0.5));
	case 'w': return civil_add_days(ref, (long)(v * 7 + 0.5));
	case 'm':
		if (v < 1)
			return civil_add_days(ref, (long)(v * 30 + 0.5));
		return civil_add_months(ref, (int)(v + 0.5));
	case 'q': return civil_add_months(ref, (int)(v * 3 + 0.5));
	default: return civil_add_months(ref, (int)(v * 12 + 0.5));
	}
}

/* ---- periods and modifiers ---- */

enum mod { M_NONE, M_EARLY, M_MID, M_LATE, M_END, M_AFTER, M_BEFORE };

struct period {
	struct civil first, last;
	bool has_year; /* the text named the year, so no future preference */
	char unit;     /* 'd' day, 'w' week, 'm' month, 'q' quarter, 'y' year, 's' season,
			* 'h' holidays */
};

/* The day a salesperson would put in the diary for a modified period (samples/README.md
 * "How the dates were read"): late or end of a month is the 25th, the end of the year is
 * December 15 (before the holidays), mid is the middle, after is the day after. */
static struct civil pick(const struct period *p, enum mod m)
{
	long a = civil_days(p->first), b = civil_days(p->last);
	struct civil l = p->last;
	switch (m) {
	case M_NONE:
	case M_EARLY: return p->first;
	case M_MID:
		if (p->unit == 'm')
			return (struct civil){p->first.y, p->first.m, 15};
		return civil_from_days(a + (b - a) / 2);
	case M_LATE:
		if (p->unit == 'm' || p->unit == 'q')
			return (struct civil){l.y, l.m, l.d < 25 ? l.d : 25};
		return civil_from_days(a + (b - a) * 3 / 4);
	case M_END:
		if (p->unit == 'm' || p->unit == 'q')
			return (struct civil){l.y, l.m, l.d < 25 ? l.d : 25};
		if (p->unit == 'y')
			return (struct civil){l.y, 12, 15};
		return l;
	case M_AFTER:
		if (p->unit == 'd')
			return p->first; /* "after March 15": the 15th */
		return civil_from_days(b + 1);
	case M_BEFORE:
		if (p->unit == 'h' && p->first.m == 12)
			return (struct civil){p->first.y, 12, 15};
		return civil_from_days(a - 7);
	}
	return p->first;
}

/* Modifiers before position i; returns how many tokens they take, going backwards is
 * awkward, so the scanner calls this at the expression's start and skips them. */
static size_t modifier(const struct tok *t, size_t n, size_t i, enum mod *m, bool *strong)
{
	static const struct {
		const char *a, *b, *c;
		enum mod m;
	} t3[] = {
		{"end", "of", "the", M_END},        {"the", "end", "of", M_END},
		{"beginning", "of", "the", M_EARLY}, {"start", "of", "the", M_EARLY},
		{"middle", "of", "the", M_MID},     {"the", "beginning", "of", M_EARLY},
		{"the", "start", "of", M_EARLY},    {"the", "middle", "of", M_MID},
	};
	for (size_t k = 0; k < sizeof t3 / sizeof t3[0]; k++)
		if (is(t, n, i, t3[k].a) && is(t, n, i + 1, t3[k].b) && is(t, n, i + 2, t3[k].c)) {
			*m = t3[k].m;
			*strong = true;
			size_t used = 3;
			if (t3[k].c[0] != 't' && is(t, n, i + 3, "the"))
				used++;
			return used;
		}
	static const struct {
		const char *a, *b;
		enum mod m;
	} t2[] = {{"end", "of", M_END},   {"beginning", "of", M_EARLY}, {"start", "of", M_EARLY},
		  {"middle", "of", M_MID}, {"early", "in", M_EARLY},   {"late", "in", M_LATE},
		  {"after", "the", M_AFTER}};
	for (size_t k = 0; k < sizeof t2 / sizeof t2[0]; k++)
		if (is(t, n, i, t2[k].a) && is(t, n, i + 1, t2[k].b)) {
			*m = t2[k].m;
			*strong = true;
			return 2;
		}
	static const struct {
		const char *a;
		enum mod m;
	} t1[] = {{"early", M_EARLY}, {"mid", M_MID},     {"late", M_LATE},  {"end", M_END},
		  {"after", M_AFTER}, {"post", M_AFTER},  {"past", M_AFTER}, {"beginning", M_EARLY},
		  {"middle", M_MID},  {"midway", M_MID},   {"before", M_BEFORE},
		  {"début", M_EARLY}, {"debut", M_EARLY},  {"anfang", M_EARLY},
		  {"principios", M_EARLY}, {"begin", M_EARLY}, {"inizio", M_EARLY},
		  {"mi", M_MID},      {"mitte", M_MID},     {"mediados", M_MID},
		  {"fin", M_END},     {"ende", M_END},      {"finales", M_END},  {"eind", M_END},
		  {"après", M_AFTER}, {"apres", M_AFTER},   {"nach", M_AFTER},
		  {"después", M_AFTER}, {"despues", M_AFTER}, {"na", M_AFTER}, {"efter", M_AFTER},
		  {"dopo", M_AFTER}};
	for (size_t k = 0; k < sizeof t1 / sizeof t1[0]; k++)
		if (is(t, n, i, t1[k].a)) {
			*m = t1[k].m;
			*strong = true;
			/* "début de", "principios de", "Ende des" */
			if (is(t, n, i + 1, "de") || is(t, n, i + 1, "d") || is(t, n, i + 1, "des") ||
			    is(t, n, i + 1, "del") || is(t, n, i + 1, "van") || is(t, n, i + 1, "di"))
				return 2;
			return 1;
		}
	return 0;
}

static bool is_year_tok(const struct tok *t, size_t n, size_t i, int *y)
{
	if (i < n && t[i].kind == T_NUM && t[i].num >= 2000 && t[i].num <= 2100) {
		*y = (int)t[i].num;
		return true;
	}
	/* 'the year 26' is rare; two-digit years only after an apostrophe are skipped. */
	return false;
}

static struct period month_period(int y, int m)
{
	struct period p = {{y, m, 1}, {y, m, civil_month_days(y, m)}, false, 'm'};
	return p;
}

static struct period quarter_period(int y, int q)
{
	struct period p = {{y, 3 * q - 2, 1}, {y, 3 * q, civil_month_days(y, 3 * q)}, false,
			   'q'};
	return p;
}

static struct period season_period(int y, int s)
{
	/* Astronomical seasons, as people date them: spring from March 20, summer June 21,
	 * autumn September 22, winter December 21. */
	static const int start[5][2] = {{3, 20}, {6, 21}, {9, 22}, {12, 21}, {3, 20}};
	struct civil f = {y, start[s][0], start[s][1]};
	struct civil next = {s == 3 ? y + 1 : y, start[s + 1][0], start[s + 1][1]};
	struct period p = {f, civil_add_days(next, -1), false, 's'};
	return p;
}


/* Resolve a period with the future preference: without a year, a period whose picked day is
 * before ref moves on by one year (or step). */
static struct civil resolve(struct period p, enum mod m, struct civil ref, int step_months)
{
	struct civil d = pick(&p, m);
	if (p.has_year)
		return d;
	for (int k = 0; k < 3 && civil_days(d) < civil_days(ref); k++) {
		p.first = civil_add_months(p.first, step_months);
		struct civil lf = civil_add_months(
			(struct civil){p.last.y, p.last.m, 1}, step_months);
		lf.d = civil_month_days(lf.y, lf.m);
		p.last = lf;
		d = pick(&p, m);
	}
	return d;
}

/* ---- recognisers: each returns tokens used (0: no match) ---- */

struct ctx {
	const struct tok *t;
	size_t n;
	struct civil ref;
	bool has_anchor;     /* a date stated earlier in the text: "the following week" */
	struct civil anchor; /* counts from it */
};

/* "in 3 weeks", "a couple of months", "six months from now", "90 days" */
static size_t r_offset(const struct ctx *c, size_t i, struct civil *out, bool *strong)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	bool cue = false;
	if (is(t, n, j, "in") || is(t, n, j, "within") || is(t, n, j, "after") ||
	    is(t, n, j, "for") || is(t, n, j, "another") || is(t, n, j, "dans") ||
	    is(t, n, j, "en") || is(t, n, j, "om") || is(t, n, j, "tra") || is(t, n, j, "fra") ||
	    (is(t, n, j, "over") && j + 1 < n && t[j + 1].kind == T_NUM)) {
		cue = !is(t, n, j, "for");
		j++;
	} else if (is(t, n, j, "give") && (is(t, n, j + 1, "it") || is(t, n, j + 1, "us") ||
					  is(t, n, j + 1, "me"))) {
		cue = true;
		j += 2;
	}
	size_t qused = 0;
	double v = quantity(t, n, j, &qused);
	if (v < 0)
		return 0;
	j += qused;
	if (j >= n || t[j].break_before)
		return 0;
	char u = t[j].unit;
	if (!u)
		return 0;
	j++;
	if (is(t, n, j, "from") && is(t, n, j + 1, "now")) {
		cue = true;
		j += 2;
	} else if (is(t, n, j, "out") || is(t, n, j, "later") || is(t, n, j, "time")) {
		cue = true;
		j++;
	} else if (is(t, n, j, "or") && is(t, n, j + 1, "so")) {
		j += 2;
	}
	*strong = cue;
	*out = add_unit(c->ref, v, u);
	return j - i;
}

/* Cycle words with next/this/following: "next week", "next quarter", "early next year". */
static size_t r_cycle(const struct ctx *c, size_t i, enum mod m, struct civil *out)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	int delta;
	bool anchored = false;
	if (is(t, n, j, "next") || is(t, n, j, "coming") || is(t, n, j, "nächste") ||
	    is(t, n, j, "nächsten") || is(t, n, j, "nächstes") || is(t, n, j, "próxima") ||
	    is(t, n, j, "próximo") || is(t, n, j, "volgende") || is(t, n, j, "prossima") ||
	    is(t, n, j, "prossimo") || is(t, n, j, "nästa") ||
	    (is(t, n, j, "following") && !is(t, n, j + 1, "up"))) {
		delta = 1;
		j++;
	} else if (is(t, n, j, "the") && is(t, n, j + 1, "following")) {
		delta = 1;
		j += 2;
		anchored = c->has_anchor;
	} else if (is(t, n, j, "this") || is(t, n, j, "the")) {
		delta = 0;
		j++;
	} else {
		return 0;
	}
	if (j >= n)
		return 0;
	char u = t[j].unit;
	struct civil r = anchored ? c->anchor : c->ref;
	struct period p = {{0, 0, 0}, {0, 0, 0}, false, 0};
	if (u == 'w') {
		int wd = civil_weekday(r);
		struct civil mon = civil_add_days(r, -((wd + 6) % 7) + 7 * delta);
		p.first = mon;
		p.last = civil_add_days(mon, 4);
	} else if (u == 'm') {
		p = month_period(civil_add_months((struct civil){r.y, r.m, 1}, delta).y,
				 civil_add_months((struct civil){r.y, r.m, 1}, delta).m);
	} else if (u == 'q') {
		int q = (r.m - 1) / 3 + 1 + delta;
		int y = r.y + (q - 1) / 4;
		q = (q - 1) % 4 + 1;
		p = quarter_period(y, q);
	} else if (u == 'y') {
		p.first = (struct civil){r.y + delta, 1, 1};
		p.last = (struct civil){r.y + delta, 12, 31};
		p.unit = 'y';
	} else {
		return 0;
	}
	if (u == 'w')
		p.unit = 'w';
	if (delta == 0 && m == M_NONE)
		return 0; /* "this month" alone states no date */
	p.has_year = true;
	*out = pick(&p, m);
	if (delta == 1 && m == M_NONE && u == 'y')
		*out = civil_business_day((struct civil){r.y + 1, 1, 2});
	if (delta == 0 && civil_days(*out) < civil_days(r))
		return 0; /* "early this month", already past: no date */
	return j + 1 - i;
}

/* "Q3", "Q3 2026", "third quarter", "H2", "second half of next year" */
static size_t r_quarter(const struct ctx *c, size_t i, enum mod m, struct civil *out)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	int q = 0, half = 0;
	if (j < n && t[j].w[0] == 'q' && t[j].w[1] >= '1' && t[j].w[1] <= '4' &&
	    (t[j].w[2] == '\0' || isdigit((unsigned char)t[j].w[2]))) {
		q = t[j].w[1] - '0';
		j++;
	} else if (j < n && t[j].w[0] == 'h' && (t[j].w[1] == '1' || t[j].w[1] == '2') &&
		   t[j].w[2] == '\0') {
		half = t[j].w[1] - '0';
		j++;
	} else {
		static const char *const ord[] = {"first", "second", "third", "fourth"};
		static const char *const ord2[] = {"1st", "2nd", "3rd", "4th"};
		size_t k = j;
		if (is(t, n, k, "the"))
			k++;
		int o = 0;
		for (int x = 0; x < 4; x++)
			if (is(t, n, k, ord[x]) || is(t, n, k, ord2[x]))
				o = x + 1;
		if (is(t, n, k, "last"))
			o = 4;
		if (o == 0)
			return 0;
		if (is(t, n, k + 1, "quarter") || is(t, n, k + 1, "qtr")) {
			q = o;
			j = k + 2;
		} else if (is(t, n, k + 1, "half") && o <= 2) {
			half = o;
			j = k + 2;
		} else {
			return 0;
		}
	}
	int y = c->ref.y;
	bool has_year = false;
	size_t k = j;
	if (is(t, n, k, "of") || is(t, n, k, "in"))
		k++;
	if (is(t, n, k, "the") && is(t, n, k + 1, "year"))
		j = k + 2;
	else if (is(t, n, k, "next") && is(t, n, k + 1, "year")) {
		y = c->ref.y + 1;
		has_year = true;
		j = k + 2;
	} else if (is(t, n, k, "this") && is(t, n, k + 1, "year")) {
		j = k + 2;
	} else if (is_year_tok(t, n, k, &y)) {
		has_year = true;
		j = k + 1;
	}
	/* "Q3 '26" / "Q326" */
	if (q && t[i].w[2] && isdigit((unsigned char)t[i].w[2])) {
		y = 2000 + atoi(t[i].w + 2) % 100;
		has_year = true;
	}
	struct period p = {{0, 0, 0}, {0, 0, 0}, false, 0};
	if (q) {
		p = quarter_period(y, q);
	} else {
		p.first = (struct civil){y, half == 1 ? 1 : 7, 1};
		p.last = (struct civil){y, half == 1 ? 6 : 12, half == 1 ? 30 : 31};
		p.unit = 'h' + 1; /* a half year: no special days */
	}
	p.has_year = has_year;
	*out = resolve(p, m, c->ref, 12);
	return j - i;
}

/* "March", "March 3rd", "3 March", "the 3rd of March", "March 2027" */
static size_t r_month(const struct ctx *c, size_t i, enum mod m, bool cued, struct civil *out,
		      bool *strong)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	int day = 0, mon = 0, y = c->ref.y;
	bool has_year = false;
	/* "Friday 6 November", "Monday, October 19": the date carries the weekday along */
	if (j < n && t[j].wday >= 0 && j + 1 < n && !t[j + 1].break_before &&
	    (t[j + 1].month || ((t[j + 1].kind == T_NUM || t[j + 1].kind == T_ORD) &&
				      j + 2 < n && (t[j + 2].month || is(t, n, j + 2, "de") ||
						    is(t, n, j + 2, "of")))))
		j++;
	/* "the 3rd of March", "el 15 de agosto", "le 4 novembre", "am 23. Oktober" */
	if ((is(t, n, j, "the") || is(t, n, j, "el") || is(t, n, j, "le") ||
	     is(t, n, j, "den") || is(t, n, j, "dem") || is(t, n, j, "am") ||
	     is(t, n, j, "il") || is(t, n, j, "o") || is(t, n, j, "dia")) &&
	    j + 1 < n && (t[j + 1].kind == T_ORD || t[j + 1].kind == T_NUM))
		j++;
	if (j < n && (t[j].kind == T_ORD || t[j].kind == T_NUM) && t[j].num >= 1 &&
	    t[j].num <= 31) {
		size_t k = j + 1;
		if (is(t, n, k, "of") || is(t, n, k, "de") || is(t, n, k, "di"))
			k++;
		if (k < n && (mon = t[k].month) != 0 && !t[k].break_before) {
			day = (int)t[j].num;
			j = k + 1;
		} else {
			return 0;
		}
	} else if (j < n && (mon = t[j].month) != 0) {
		j++;
		if (j < n && !t[j].break_before && (t[j].kind == T_ORD || t[j].kind == T_NUM) &&
		    t[j].num >= 1 && t[j].num <= 31 && !(t[j].kind == T_NUM && j + 1 < n &&
							 t[j + 1].unit)) {
			day = (int)t[j].num;
			j++;
		} else if (is(t, n, j, "the") && j + 1 < n && t[j + 1].kind == T_ORD) {
			day = (int)t[j + 1].num;
			j += 2;
		}
	} else {
		return 0;
	}
	/* "may" and "march" are also verbs: only with a day, a cue or a year. */
	const char *mw = t[day && t[i].kind != T_WORD ? j - 1 : i].w;
	(void)mw;
	if (is_year_tok(t, n, j, &y) && !t[j].break_before) {
		has_year = true;
		j++;
	}
	bool ambiguous = (mon == 5 || mon == 3) && day == 0 && !has_year && !cued;
	if (ambiguous)
		return 0;
	if (day > civil_month_days(has_year ? y : c->ref.y, mon))
		return 0;
	struct period p = month_period(y, mon);
	p.has_year = has_year;
	if (day) {
		p.first = p.last = (struct civil){y, mon, day};
		p.unit = 'd';
		*strong = true;
	}
	*out = resolve(p, m, c->ref, 12);
	/* January 1st is a holiday: "in January" is the first business day after it. */
	if (out->m == 1 && out->d == 1 && !day)
		*out = civil_business_day(civil_add_days(*out, 1));
	return j - i;
}

static size_t r_season(const struct ctx *c, size_t i, enum mod m, struct civil *out)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	int delta = -1;
	if (is(t, n, j, "the"))
		j++;
	else if (is(t, n, j, "next")) {
		delta = 1;
		j++;
	} else if (is(t, n, j, "this")) {
		j++;
	}
	int s = j < n ? t[j].season : -1;
	if (s < 0)
		return 0;
	j++;
	int y = c->ref.y;
	bool has_year = false;
	if (is(t, n, j, "of") && is_year_tok(t, n, j + 1, &y)) {
		has_year = true;
		j += 2;
	} else if (is_year_tok(t, n, j, &y)) {
		has_year = true;
		j++;
	}
	/* Winter of Y runs December Y-1 to February Y when it is early in the year. */
	struct period p = season_period(y, s);
	if (s == 3 && !has_year && c->ref.m <= 2) {
		p = season_period(y - 1, 3);
	}
	p.has_year = has_year;
	struct civil d = resolve(p, m, c->ref, 12);
	if (delta == 1 && civil_days(pick(&p, m)) >= civil_days(c->ref) &&
	    civil_days(p.first) <= civil_days(c->ref))
		d = resolve((struct period){civil_add_months(p.first, 12),
					    civil_add_months(p.last, 12), true, 's'},
			    m, c->ref, 12);
	*out = d;
	return j - i;
}

/* "the new year", "the holidays", "Christmas", "Thanksgiving" */
static size_t r_holiday(const struct ctx *c, size_t i, enum mod m, struct civil *out)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	struct civil r = c->ref;
	if (is(t, n, j, "the"))
		j++;
	struct period p = {{0, 0, 0}, {0, 0, 0}, false, 0};
	if ((is(t, n, j, "new") && (is(t, n, j + 1, "year") || is(t, n, j + 1, "years"))) ||
	    (is(t, n, j, "turn") && is(t, n, j + 1, "of") && is(t, n, j + 2, "the") &&
	     is(t, n, j + 3, "year"))) {
		j += is(t, n, j, "turn") ? 4 : 2;
		/* The new year is January 1st; "after the new year" is the first business
		 * day after it. */
		struct civil ny = {r.m == 1 && r.d <= 7 ? r.y : r.y + 1, 1, 1};
		p.first = p.last = ny;
		if (m == M_NONE || m == M_AFTER) {
			*out = civil_business_day(civil_add_days(ny, 1));
			return j - i;
		}
	} else if (is(t, n, j, "holidays") ||
		   (is(t, n, j, "holiday") && is(t, n, j + 1, "season"))) {
		j += is(t, n, j, "holiday") ? 2 : 1;
		int y = r.m == 1 && r.d <= 7 ? r.y - 1 : r.y;
		p.first = (struct civil){y, 12, 20};
		p.last = (struct civil){y + 1, 1, 1};
		p.unit = 'h';
	} else if ((is(t, n, j, "1st") || is(t, n, j, "first")) && is(t, n, j + 1, "of") &&
		   is(t, n, j + 2, "the") && is(t, n, j + 3, "year")) {
		/* "after the 1st of the year": the new year */
		j += 4;
		struct civil ny = {r.m == 1 && r.d <= 7 ? r.y : r.y + 1, 1, 1};
		*out = civil_business_day(civil_add_days(ny, 1));
		return j - i;
	} else if (is(t, n, j, "labor") && is(t, n, j + 1, "day")) {
		/* US Labor Day, the first Monday of September; Memorial Day below. */
		j += 2;
		int y = r.m > 9 || (r.m == 9 && r.d > 7) ? r.y + 1 : r.y;
		struct civil s1 = {y, 9, 1};
		int fm = 1 + (1 - civil_weekday(s1) + 7) % 7;
		p.first = p.last = (struct civil){y, 9, fm};
		p.unit = 'h';
	} else if (is(t, n, j, "memorial") && is(t, n, j + 1, "day")) {
		j += 2;
		int y = r.m > 5 ? r.y + 1 : r.y;
		struct civil m31 = {y, 5, 31};
		p.first = p.last = civil_add_days(m31, -((civil_weekday(m31) + 6) % 7));
		p.unit = 'h';
	} else if (is(t, n, j, "christmas") || is(t, n, j, "xmas")) {
		j++;
		int y = r.m == 12 && r.d > 26 ? r.y + 1 : r.y;
		p.first = p.last = (struct civil){y, 12, 25};
		p.unit = 'h';
	} else if (is(t, n, j, "thanksgiving")) {
		j++;
		int y = r.m == 12 ? r.y + 1 : r.y;
		struct civil nov1 = {y, 11, 1};
		int wd = civil_weekday(nov1);
		int first_thu = 1 + (4 - wd + 7) % 7;
		p.first = p.last = (struct civil){y, 11, first_thu + 21};
		p.unit = 'h';
	} else {
		return 0;
	}
	p.has_year = true;
	if (m == M_AFTER && p.first.m == 12 && p.last.m == 1)
		*out = civil_business_day(civil_add_days(p.last, 1)); /* after the holidays */
	else
		*out = civil_business_day(pick(&p, m));
	return j - i;
}

/* "end of the year", "year end", "EOY", "end of the month/quarter/week" */
static size_t r_period_end(const struct ctx *c, size_t i, enum mod m, struct civil *out)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	struct civil r = c->ref;
	char u = 0;
	if (m != M_NONE) {
		if (j < n && (u = t[j].unit) != 0 && u != 'd')
			j++;
		else
			return 0;
	} else if ((is(t, n, j, "year") || is(t, n, j, "month") || is(t, n, j, "quarter")) &&
		   is(t, n, j + 1, "end")) {
		u = t[j].w[0];
		if (u == 'y')
			u = 'y';
		m = M_END;
		j += 2;
	} else if (is(t, n, j, "eoy") || is(t, n, j, "eom") || is(t, n, j, "eoq")) {
		u = t[j].w[2] == 'y' ? 'y' : t[j].w[2] == 'm' ? 'm' : 'q';
		m = M_END;
		j++;
	} else {
		return 0;
	}
	struct period p = {{0, 0, 0}, {0, 0, 0}, false, 0};
	if (u == 'y') {
		p.first = (struct civil){r.y, 1, 1};
		p.last = (struct civil){r.y, 12, 31};
		p.unit = 'y';
	} else if (u == 'q') {
		p = quarter_period(r.y, (r.m - 1) / 3 + 1);
	} else if (u == 'm') {
		p = month_period(r.y, r.m);
	} else {
		int wd = civil_weekday(r);
		p.first = civil_add_days(r, -((wd + 6) % 7));
		p.last = civil_add_days(p.first, 4);
		p.unit = 'w';
	}
	p.has_year = false;
	int step = u == 'y' ? 12 : u == 'q' ? 3 : 1;
	if (u == 'w') {
		*out = pick(&p, m);
		if (civil_days(*out) < civil_days(r))
			*out = civil_add_days(*out, 7);
	} else {
		*out = resolve(p, m, r, step);
	}
	return j - i;
}

/* "2026-03-15", "3/15", "3/15/2026", "15.03.2026" */
static size_t r_numeric(const struct ctx *c, size_t i, struct civil *out)
{
	const struct tok *t = c->t;
	if (i >= c->n || t[i].kind != T_SEP_NUM)
		return 0;
	const char *w = t[i].w;
	int a = 0, b = 0, y = 0, parts = 0;
	char sep = 0;
	long v[3] = {0, 0, 0};
	size_t lens[3] = {0, 0, 0};
	for (const char *p = w; *p && parts < 3;) {
		char *end;
		v[parts] = strtol(p, &end, 10);
		lens[parts] = (size_t)(end - p);
		parts++;
		if (*end == '\0')
			break;
		if (sep && *end != sep)
			return 0;
		sep = *end;
		p = end + 1;
	}
	struct civil d;
	bool has_year = true;
	if (sep == '-' && parts == 3 && lens[0] == 4) {
		d = (struct civil){(int)v[0], (int)v[1], (int)v[2]};
	} else if (sep == '/' && (parts == 2 || parts == 3)) {
		/* US order (month/day) unless the first number cannot be a month. */
		a = (int)v[0];
		b = (int)v[1];
		if (a > 12 && b <= 12) {
			int tmp = a;
			a = b;
			b = tmp;
		}
		y = parts == 3 ? (int)(v[2] < 100 ? 2000 + v[2] : v[2]) : c->ref.y;
		has_year = parts == 3;
		d = (struct civil){y, a, b};
	} else if (sep == '.' && parts == 3 && lens[2] >= 2) {
		y = (int)(v[2] < 100 ? 2000 + v[2] : v[2]);
		d = (struct civil){y, (int)v[1], (int)v[0]};
	} else if (sep == '.' && parts == 2 && t[i].end > t[i].start && lens[1] <= 2 &&
		   v[1] >= 1 && v[1] <= 12 && v[0] >= 1 && v[0] <= 31 &&
		   c->t[i].end < 1000000) {
		/* "15.3." style European day.month: only with the trailing dot is it safe; we
		 * cannot see it here, so leave it (too easy to confuse with decimals). */
		return 0;
	} else {
		return 0;
	}
	if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > civil_month_days(d.y, d.m) || d.y < 1970 ||
	    d.y > 2200)
		return 0;
	if (!has_year && civil_days(d) < civil_days(c->ref))
		d.y++;
	if (d.d > civil_month_days(d.y, d.m))
		return 0;
	*out = d;
	return 1;
}

/* "next Wednesday", "on Monday", "Monday the 12th", "the 12th" */
static size_t r_weekday(const struct ctx *c, size_t i, struct civil *out, bool *strong)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	bool next = false;
	if (is(t, n, j, "next") || is(t, n, j, "coming") || is(t, n, j, "this") ||
	    is(t, n, j, "on")) {
		next = is(t, n, j, "next");
		*strong = true;
		j++;
	}
	int wd = j < n ? t[j].wday : -1;
	int dom = 0;
	if (wd >= 0) {
		j++;
		if (is(t, n, j, "the") && j + 1 < n && t[j + 1].kind == T_ORD) {
			dom = (int)t[j + 1].num;
			j += 2;
		} else if (j < n && t[j].kind == T_ORD && !t[j].break_before) {
			dom = (int)t[j].num;
			j++;
		}
	} else {
		if (is(t, n, j, "the") && j + 1 < n && t[j + 1].kind == T_ORD) {
			dom = (int)t[j + 1].num;
			j += 2;
		} else {
			return 0;
		}
	}
	struct civil r = c->ref;
	if (dom >= 1 && dom <= 31) {
		/* The day of the month wins over the weekday: the next such day after ref. */
		struct civil d = {r.y, r.m, dom};
		for (int k = 0; k < 3; k++) {
			if (dom <= civil_month_days(d.y, d.m) && civil_days(d) > civil_days(r))
				break;
			d = civil_add_months((struct civil){d.y, d.m, 1}, 1);
			d.d = dom;
		}
		if (dom > civil_month_days(d.y, d.m))
			return 0;
		*out = d;
		*strong = true;
		return j - i;
	}
	if (wd < 0)
		return 0;
	int cur = civil_weekday(r);
	int ahead = (wd - cur + 7) % 7;
	if (ahead == 0)
		ahead = 7;
	struct civil d = civil_add_days(r, ahead);
	/* "next Wednesday" said early in the week means the one of next week. */
	if (next && ahead < 7 && (cur + 6) % 7 < (wd + 6) % 7 && ahead <= 3)
		d = civil_add_days(d, 7);
	*out = d;
	return j - i;
}

static size_t r_year(const struct ctx *c, size_t i, enum mod m, bool cued, struct civil *out)
{
	int y;
	if (!is_year_tok(c->t, c->n, i, &y) || y <= c->ref.y || (!cued && m == M_NONE))
		return 0;
	struct period p = {{y, 1, 1}, {y, 12, 31}, true, 'y'};
	*out = pick(&p, m);
	if (m == M_NONE || m == M_EARLY)
		*out = civil_business_day(civil_add_days(*out, 1));
	return 1;
}

/* Every word the recognisers look up, with what it is, sorted by bytes for bsearch: one
 * lookup per token instead of a scan of every table ; "starter": can begin a time expression. */
static const struct lex lexicon[] = {
	{"1st", 0, -1, -1, 0, -1, 1},
	{"2nd", 0, -1, -1, 0, -1, 1},
	{"3rd", 0, -1, -1, 0, -1, 1},
	{"4th", 0, -1, -1, 0, -1, 1},
	{"a", 0, -1, -1, 0, -1, 1},
	{"ab", 0, -1, -1, 0, -1, 1},
	{"about", 0, -1, -1, 0, -1, 1},
	{"abril", 4, -1, -1, 0, -1, 0},
	{"after", 0, -1, -1, 0, -1, 1},
	{"agosto", 8, -1, -1, 0, -1, 0},
	{"am", 0, -1, -1, 0, -1, 1},
	{"an", 0, -1, -1, 'y', -1, 1},
	{"anfang", 0, -1, -1, 0, -1, 1},
	{"anni", 0, -1, -1, 'y', -1, 0},
	{"année", 0, -1, -1, 'y', -1, 0},
	{"another", 0, -1, -1, 0, -1, 1},
	{"ans", 0, -1, -1, 'y', -1, 0},
	{"aout", 8, -1, -1, 0, -1, 0},
	{"août", 8, -1, -1, 0, -1, 0},
	{"approximately", 0, -1, -1, 0, -1, 1},
	{"apr", 4, -1, -1, 0, -1, 0},
	{"apres", 0, -1, -1, 0, -1, 1},
	{"april", 4, -1, -1, 0, -1, 0},
	{"aprile", 4, -1, -1, 0, -1, 0},
	{"après", 0, -1, -1, 0, -1, 1},
	{"around", 0, -1, -1, 0, -1, 1},
	{"at", 0, -1, -1, 0, -1, 1},
	{"até", 0, -1, -1, 0, -1, 1},
	{"au", 0, -1, -1, 0, -1, 1},
	{"aug", 8, -1, -1, 0, -1, 0},
	{"august", 8, -1, -1, 0, -1, 0},
	{"augusti", 8, -1, -1, 0, -1, 0},
	{"augustus", 8, -1, -1, 0, -1, 0},
	{"automne", 0, -1, 2, 0, -1, 0},
	{"autumn", 0, -1, 2, 0, -1, 0},
	{"autunno", 0, -1, 2, 0, -1, 0},
	{"avant", 0, -1, -1, 0, -1, 1},
	{"avril", 4, -1, -1, 0, -1, 0},
	{"año", 0, -1, -1, 'y', -1, 0},
	{"años", 0, -1, -1, 'y', -1, 0},
	{"before", 0, -1, -1, 0, -1, 1},
	{"begin", 0, -1, -1, 0, -1, 1},
	{"beginning", 0, -1, -1, 0, -1, 1},
	{"bis", 0, -1, -1, 0, -1, 1},
	{"by", 0, -1, -1, 0, -1, 1},
	{"christmas", 0, -1, -1, 0, -1, 1},
	{"cinco", 0, -1, -1, 0, 5, 0},
	{"cinq", 0, -1, -1, 0, 5, 0},
	{"circa", 0, -1, -1, 0, -1, 1},
	{"coming", 0, -1, -1, 0, -1, 1},
	{"couple", 0, -1, -1, 0, -1, 1},
	{"cuatro", 0, -1, -1, 0, 4, 0},
	{"dag", 0, -1, -1, 'd', -1, 0},
	{"dagen", 0, -1, -1, 'd', -1, 0},
	{"day", 0, -1, -1, 'd', -1, 0},
	{"days", 0, -1, -1, 'd', -1, 0},
	{"debut", 0, -1, -1, 0, -1, 1},
	{"dec", 12, -1, -1, 0, -1, 0},
	{"december", 12, -1, -1, 0, -1, 0},
	{"decembre", 12, -1, -1, 0, -1, 0},
	{"dem", 0, -1, -1, 0, -1, 1},
	{"den", 0, -1, -1, 0, -1, 1},
	{"desember", 12, -1, -1, 0, -1, 0},
	{"despues", 0, -1, -1, 0, -1, 1},
	{"después", 0, -1, -1, 0, -1, 1},
	{"deux", 0, -1, -1, 0, 2, 0},
	{"dezember", 12, -1, -1, 0, -1, 0},
	{"dezembro", 12, -1, -1, 0, -1, 0},
	{"dia", 0, -1, -1, 0, -1, 1},
	{"dias", 0, -1, -1, 'd', -1, 0},
	{"dicembre", 12, -1, -1, 0, -1, 0},
	{"diciembre", 12, -1, -1, 0, -1, 0},
	{"dienstag", 0, 2, -1, 0, -1, 0},
	{"dimanche", 0, 0, -1, 0, -1, 0},
	{"dinsdag", 0, 2, -1, 0, -1, 0},
	{"doce", 0, -1, -1, 0, 12, 0},
	{"domingo", 0, 0, -1, 0, -1, 0},
	{"donderdag", 0, 4, -1, 0, -1, 0},
	{"donnerstag", 0, 4, -1, 0, -1, 0},
	{"dopo", 0, -1, -1, 0, -1, 1},
	{"dos", 0, -1, -1, 0, 2, 0},
	{"douze", 0, -1, -1, 0, 12, 0},
	{"drei", 0, -1, -1, 0, 3, 0},
	{"drie", 0, -1, -1, 0, 3, 0},
	{"due", 0, -1, -1, 0, 2, 0},
	{"during", 0, -1, -1, 0, -1, 1},
	{"début", 0, -1, -1, 0, -1, 1},
	{"décembre", 12, -1, -1, 0, -1, 0},
	{"día", 0, -1, -1, 'd', -1, 0},
	{"días", 0, -1, -1, 'd', -1, 0},
	{"early", 0, -1, -1, 0, -1, 1},
	{"efter", 0, -1, -1, 0, -1, 1},
	{"eight", 0, -1, -1, 0, 8, 0},
	{"eighteen", 0, -1, -1, 0, 18, 0},
	{"eighty", 0, -1, -1, 0, 80, 0},
	{"ein", 0, -1, -1, 0, 1, 0},
	{"eind", 0, -1, -1, 0, -1, 1},
	{"eine", 0, -1, -1, 0, 1, 0},
	{"einen", 0, -1, -1, 0, 1, 0},
	{"el", 0, -1, -1, 0, -1, 1},
	{"eleven", 0, -1, -1, 0, 11, 0},
	{"en", 0, -1, -1, 0, -1, 1},
	{"end", 0, -1, -1, 0, -1, 1},
	{"ende", 0, -1, -1, 0, -1, 1},
	{"enero", 1, -1, -1, 0, -1, 0},
	{"eom", 0, -1, -1, 0, -1, 1},
	{"eoq", 0, -1, -1, 0, -1, 1},
	{"eoy", 0, -1, -1, 0, -1, 1},
	{"estate", 0, -1, 1, 0, -1, 0},
	{"fall", 0, -1, 2, 0, -1, 0},
	{"feb", 2, -1, -1, 0, -1, 0},
	{"febbraio", 2, -1, -1, 0, -1, 0},
	{"febrero", 2, -1, -1, 0, -1, 0},
	{"februar", 2, -1, -1, 0, -1, 0},
	{"februari", 2, -1, -1, 0, -1, 0},
	{"february", 2, -1, -1, 0, -1, 0},
	{"fevereiro", 2, -1, -1, 0, -1, 0},
	{"fevrier", 2, -1, -1, 0, -1, 0},
	{"few", 0, -1, -1, 0, -1, 1},
	{"fifteen", 0, -1, -1, 0, 15, 0},
	{"fifty", 0, -1, -1, 0, 50, 0},
	{"fin", 0, -1, -1, 0, -1, 1},
	{"finales", 0, -1, -1, 0, -1, 1},
	{"fino", 0, -1, -1, 0, -1, 1},
	{"first", 0, -1, -1, 0, -1, 1},
	{"five", 0, -1, -1, 0, 5, 0},
	{"following", 0, -1, -1, 0, -1, 1},
	{"for", 0, -1, -1, 0, -1, 1},
	{"forty", 0, -1, -1, 0, 40, 0},
	{"four", 0, -1, -1, 0, 4, 0},
	{"fourteen", 0, -1, -1, 0, 14, 0},
	{"fourth", 0, -1, -1, 0, -1, 1},
	{"fra", 0, -1, -1, 0, -1, 1},
	{"freitag", 0, 5, -1, 0, -1, 0},
	{"fri", 0, 5, -1, 0, -1, 0},
	{"friday", 0, 5, -1, 0, -1, 0},
	{"from", 0, -1, -1, 0, -1, 1},
	{"frühjahr", 0, -1, 0, 0, -1, 0},
	{"frühling", 0, -1, 0, 0, -1, 0},
	{"février", 2, -1, -1, 0, -1, 0},
	{"fünf", 0, -1, -1, 0, 5, 0},
	{"gennaio", 1, -1, -1, 0, -1, 0},
	{"giorni", 0, -1, -1, 'd', -1, 0},
	{"giugno", 6, -1, -1, 0, -1, 0},
	{"give", 0, -1, -1, 0, -1, 1},
	{"half", 0, -1, -1, 0, -1, 1},
	{"hasta", 0, -1, -1, 0, -1, 1},
	{"herbst", 0, -1, 2, 0, -1, 0},
	{"herfst", 0, -1, 2, 0, -1, 0},
	{"hiver", 0, -1, 3, 0, -1, 0},
	{"holiday", 0, -1, -1, 0, -1, 1},
	{"holidays", 0, -1, -1, 0, -1, 1},
	{"hundred", 0, -1, -1, 0, 100, 0},
	{"hösten", 0, -1, 2, 0, -1, 0},
	{"i", 0, -1, -1, 0, -1, 1},
	{"il", 0, -1, -1, 0, -1, 1},
	{"im", 0, -1, -1, 0, -1, 1},
	{"in", 0, -1, -1, 0, -1, 1},
	{"inizio", 0, -1, -1, 0, -1, 1},
	{"inverno", 0, -1, 3, 0, -1, 0},
	{"invierno", 0, -1, 3, 0, -1, 0},
	{"jaar", 0, -1, -1, 'y', -1, 0},
	{"jahr", 0, -1, -1, 'y', -1, 0},
	{"jahren", 0, -1, -1, 'y', -1, 0},
	{"jan", 1, -1, -1, 0, -1, 0},
	{"janeiro", 1, -1, -1, 0, -1, 0},
	{"januar", 1, -1, -1, 0, -1, 0},
	{"januari", 1, -1, -1, 0, -1, 0},
	{"january", 1, -1, -1, 0, -1, 0},
	{"janvier", 1, -1, -1, 0, -1, 0},
	{"jeudi", 0, 4, -1, 0, -1, 0},
	{"jour", 0, -1, -1, 'd', -1, 0},
	{"jours", 0, -1, -1, 'd', -1, 0},
	{"jueves", 0, 4, -1, 0, -1, 0},
	{"juillet", 7, -1, -1, 0, -1, 0},
	{"juin", 6, -1, -1, 0, -1, 0},
	{"jul", 7, -1, -1, 0, -1, 0},
	{"julho", 7, -1, -1, 0, -1, 0},
	{"juli", 7, -1, -1, 0, -1, 0},
	{"julio", 7, -1, -1, 0, -1, 0},
	{"july", 7, -1, -1, 0, -1, 0},
	{"jun", 6, -1, -1, 0, -1, 0},
	{"june", 6, -1, -1, 0, -1, 0},
	{"junho", 6, -1, -1, 0, -1, 0},
	{"juni", 6, -1, -1, 0, -1, 0},
	{"junio", 6, -1, -1, 0, -1, 0},
	{"jusqu", 0, -1, -1, 0, -1, 1},
	{"jänner", 1, -1, -1, 0, -1, 0},
	{"kwartaal", 0, -1, -1, 'q', -1, 0},
	{"labor", 0, -1, -1, 0, -1, 1},
	{"last", 0, -1, -1, 0, -1, 1},
	{"late", 0, -1, -1, 0, -1, 1},
	{"le", 0, -1, -1, 0, -1, 1},
	{"lente", 0, -1, 0, 0, -1, 0},
	{"luglio", 7, -1, -1, 0, -1, 0},
	{"lundi", 0, 1, -1, 0, -1, 0},
	{"lunes", 0, 1, -1, 0, -1, 0},
	{"maand", 0, -1, -1, 'm', -1, 0},
	{"maandag", 0, 1, -1, 0, -1, 0},
	{"maanden", 0, -1, -1, 'm', -1, 0},
	{"maart", 3, -1, -1, 0, -1, 0},
	{"maerz", 3, -1, -1, 0, -1, 0},
	{"maggio", 5, -1, -1, 0, -1, 0},
	{"mai", 5, -1, -1, 0, -1, 0},
	{"maio", 5, -1, -1, 0, -1, 0},
	{"maj", 5, -1, -1, 0, -1, 0},
	{"mar", 3, -1, -1, 0, -1, 0},
	{"march", 3, -1, -1, 0, -1, 0},
	{"mardi", 0, 2, -1, 0, -1, 0},
	{"mars", 3, -1, -1, 0, -1, 0},
	{"martes", 0, 2, -1, 0, -1, 0},
	{"marts", 3, -1, -1, 0, -1, 0},
	{"marzo", 3, -1, -1, 0, -1, 0},
	{"março", 3, -1, -1, 0, -1, 0},
	{"may", 5, -1, -1, 0, -1, 0},
	{"maybe", 0, -1, -1, 0, -1, 1},
	{"mayo", 5, -1, -1, 0, -1, 0},
	{"mediados", 0, -1, -1, 0, -1, 1},
	{"mei", 5, -1, -1, 0, -1, 0},
	{"memorial", 0, -1, -1, 0, -1, 1},
	{"mercredi", 0, 3, -1, 0, -1, 0},
	{"mes", 0, -1, -1, 'm', -1, 0},
	{"mese", 0, -1, -1, 'm', -1, 0},
	{"meses", 0, -1, -1, 'm', -1, 0},
	{"mesi", 0, -1, -1, 'm', -1, 0},
	{"mi", 0, -1, -1, 0, -1, 1},
	{"mid", 0, -1, -1, 0, -1, 1},
	{"middle", 0, -1, -1, 0, -1, 1},
	{"midway", 0, -1, -1, 0, -1, 1},
	{"mitte", 0, -1, -1, 0, -1, 1},
	{"mittwoch", 0, 3, -1, 0, -1, 0},
	{"miércoles", 0, 3, -1, 0, -1, 0},
	{"mo", 0, -1, -1, 'm', -1, 0},
	{"mois", 0, -1, -1, 'm', -1, 0},
	{"mon", 0, 1, -1, 0, -1, 0},
	{"monat", 0, -1, -1, 'm', -1, 0},
	{"monate", 0, -1, -1, 'm', -1, 0},
	{"monaten", 0, -1, -1, 'm', -1, 0},
	{"monday", 0, 1, -1, 0, -1, 0},
	{"montag", 0, 1, -1, 0, -1, 0},
	{"month", 0, -1, -1, 'm', -1, 0},
	{"months", 0, -1, -1, 'm', -1, 0},
	{"mos", 0, -1, -1, 'm', -1, 0},
	{"mths", 0, -1, -1, 'm', -1, 0},
	{"märz", 3, -1, -1, 0, -1, 0},
	{"månad", 0, -1, -1, 'm', -1, 0},
	{"månader", 0, -1, -1, 'm', -1, 0},
	{"na", 0, -1, -1, 0, -1, 1},
	{"nach", 0, -1, -1, 0, -1, 1},
	{"najaar", 0, -1, 2, 0, -1, 0},
	{"new", 0, -1, -1, 0, -1, 1},
	{"next", 0, -1, -1, 0, -1, 1},
	{"nine", 0, -1, -1, 0, 9, 0},
	{"nineteen", 0, -1, -1, 0, 19, 0},
	{"ninety", 0, -1, -1, 0, 90, 0},
	{"nov", 11, -1, -1, 0, -1, 0},
	{"november", 11, -1, -1, 0, -1, 0},
	{"novembre", 11, -1, -1, 0, -1, 0},
	{"novembro", 11, -1, -1, 0, -1, 0},
	{"noviembre", 11, -1, -1, 0, -1, 0},
	{"nächste", 0, -1, -1, 0, -1, 1},
	{"nächsten", 0, -1, -1, 0, -1, 1},
	{"nächstes", 0, -1, -1, 0, -1, 1},
	{"nästa", 0, -1, -1, 0, -1, 1},
	{"o", 0, -1, -1, 0, -1, 1},
	{"oct", 10, -1, -1, 0, -1, 0},
	{"october", 10, -1, -1, 0, -1, 0},
	{"octobre", 10, -1, -1, 0, -1, 0},
	{"octubre", 10, -1, -1, 0, -1, 0},
	{"oktober", 10, -1, -1, 0, -1, 0},
	{"om", 0, -1, -1, 0, -1, 1},
	{"on", 0, -1, -1, 0, -1, 1},
	{"one", 0, -1, -1, 0, 1, 0},
	{"otoño", 0, -1, 2, 0, -1, 0},
	{"ottobre", 10, -1, -1, 0, -1, 0},
	{"outubro", 10, -1, -1, 0, -1, 0},
	{"over", 0, -1, -1, 0, -1, 1},
	{"past", 0, -1, -1, 0, -1, 1},
	{"perhaps", 0, -1, -1, 0, -1, 1},
	{"post", 0, -1, -1, 0, -1, 1},
	{"primavera", 0, -1, 0, 0, -1, 0},
	{"principios", 0, -1, -1, 0, -1, 1},
	{"printemps", 0, -1, 0, 0, -1, 0},
	{"prossima", 0, -1, -1, 0, -1, 1},
	{"prossimo", 0, -1, -1, 0, -1, 1},
	{"próxima", 0, -1, -1, 0, -1, 1},
	{"próximo", 0, -1, -1, 0, -1, 1},
	{"på", 0, -1, -1, 0, -1, 1},
	{"qtr", 0, -1, -1, 'q', -1, 0},
	{"qtrs", 0, -1, -1, 'q', -1, 0},
	{"quartal", 0, -1, -1, 'q', -1, 0},
	{"quarter", 0, -1, -1, 'q', -1, 0},
	{"quarters", 0, -1, -1, 'q', -1, 0},
	{"quatre", 0, -1, -1, 0, 4, 0},
	{"roughly", 0, -1, -1, 0, -1, 1},
	{"samedi", 0, 6, -1, 0, -1, 0},
	{"samstag", 0, 6, -1, 0, -1, 0},
	{"sat", 0, 6, -1, 0, -1, 0},
	{"saturday", 0, 6, -1, 0, -1, 0},
	{"sechs", 0, -1, -1, 0, 6, 0},
	{"second", 0, -1, -1, 0, -1, 1},
	{"sei", 0, -1, -1, 0, 6, 0},
	{"seis", 0, -1, -1, 0, 6, 0},
	{"semaine", 0, -1, -1, 'w', -1, 0},
	{"semaines", 0, -1, -1, 'w', -1, 0},
	{"semana", 0, -1, -1, 'w', -1, 0},
	{"semanas", 0, -1, -1, 'w', -1, 0},
	{"sep", 9, -1, -1, 0, -1, 0},
	{"sept", 9, -1, -1, 0, -1, 0},
	{"september", 9, -1, -1, 0, -1, 0},
	{"septembre", 9, -1, -1, 0, -1, 0},
	{"septiembre", 9, -1, -1, 0, -1, 0},
	{"setembro", 9, -1, -1, 0, -1, 0},
	{"setiembre", 9, -1, -1, 0, -1, 0},
	{"settembre", 9, -1, -1, 0, -1, 0},
	{"settimane", 0, -1, -1, 'w', -1, 0},
	{"seven", 0, -1, -1, 0, 7, 0},
	{"seventeen", 0, -1, -1, 0, 17, 0},
	{"seventy", 0, -1, -1, 0, 70, 0},
	{"several", 0, -1, -1, 0, -1, 1},
	{"sex", 0, -1, -1, 0, 6, 0},
	{"six", 0, -1, -1, 0, 6, 0},
	{"sixteen", 0, -1, -1, 0, 16, 0},
	{"sixty", 0, -1, -1, 0, 60, 0},
	{"sometime", 0, -1, -1, 0, -1, 1},
	{"sommaren", 0, -1, 1, 0, -1, 0},
	{"sommer", 0, -1, 1, 0, -1, 0},
	{"sonntag", 0, 0, -1, 0, -1, 0},
	{"spring", 0, -1, 0, 0, -1, 0},
	{"start", 0, -1, -1, 0, -1, 1},
	{"summer", 0, -1, 1, 0, -1, 0},
	{"sun", 0, 0, -1, 0, -1, 0},
	{"sunday", 0, 0, -1, 0, -1, 0},
	{"sábado", 0, 6, -1, 0, -1, 0},
	{"tag", 0, -1, -1, 'd', -1, 0},
	{"tage", 0, -1, -1, 'd', -1, 0},
	{"tagen", 0, -1, -1, 'd', -1, 0},
	{"ten", 0, -1, -1, 0, 10, 0},
	{"thanksgiving", 0, -1, -1, 0, -1, 1},
	{"the", 0, -1, -1, 0, -1, 1},
	{"third", 0, -1, -1, 0, -1, 1},
	{"thirteen", 0, -1, -1, 0, 13, 0},
	{"thirty", 0, -1, -1, 0, 30, 0},
	{"this", 0, -1, -1, 0, -1, 1},
	{"three", 0, -1, -1, 0, 3, 0},
	{"through", 0, -1, -1, 0, -1, 1},
	{"thru", 0, -1, -1, 0, -1, 1},
	{"thu", 0, 4, -1, 0, -1, 0},
	{"thur", 0, 4, -1, 0, -1, 0},
	{"thurs", 0, 4, -1, 0, -1, 0},
	{"thursday", 0, 4, -1, 0, -1, 0},
	{"til", 0, -1, -1, 0, -1, 1},
	{"till", 0, -1, -1, 0, -1, 1},
	{"tomorrow", 0, -1, -1, 0, -1, 1},
	{"tot", 0, -1, -1, 0, -1, 1},
	{"toward", 0, -1, -1, 0, -1, 1},
	{"towards", 0, -1, -1, 0, -1, 1},
	{"tra", 0, -1, -1, 0, -1, 1},
	{"tre", 0, -1, -1, 0, 3, 0},
	{"tres", 0, -1, -1, 0, 3, 0},
	{"trimestre", 0, -1, -1, 'q', -1, 0},
	{"trois", 0, -1, -1, 0, 3, 0},
	{"tue", 0, 2, -1, 0, -1, 0},
	{"tues", 0, 2, -1, 0, -1, 0},
	{"tuesday", 0, 2, -1, 0, -1, 0},
	{"turn", 0, -1, -1, 0, -1, 1},
	{"två", 0, -1, -1, 0, 2, 0},
	{"twaalf", 0, -1, -1, 0, 12, 0},
	{"twee", 0, -1, -1, 0, 2, 0},
	{"twelve", 0, -1, -1, 0, 12, 0},
	{"twenty", 0, -1, -1, 0, 20, 0},
	{"two", 0, -1, -1, 0, 2, 0},
	{"una", 0, -1, -1, 0, 1, 0},
	{"une", 0, -1, -1, 0, 1, 0},
	{"uno", 0, -1, -1, 0, 1, 0},
	{"until", 0, -1, -1, 0, -1, 1},
	{"veckor", 0, -1, -1, 'w', -1, 0},
	{"vendredi", 0, 5, -1, 0, -1, 0},
	{"verano", 0, -1, 1, 0, -1, 0},
	{"vier", 0, -1, -1, 0, 4, 0},
	{"viernes", 0, 5, -1, 0, -1, 0},
	{"volgende", 0, -1, -1, 0, -1, 1},
	{"voorjaar", 0, -1, 0, 0, -1, 0},
	{"vrijdag", 0, 5, -1, 0, -1, 0},
	{"våren", 0, -1, 0, 0, -1, 0},
	{"wed", 0, 3, -1, 0, -1, 0},
	{"wednesday", 0, 3, -1, 0, -1, 0},
	{"week", 0, -1, -1, 'w', -1, 1},
	{"weeks", 0, -1, -1, 'w', -1, 0},
	{"weken", 0, -1, -1, 'w', -1, 0},
	{"winter", 0, -1, 3, 0, -1, 0},
	{"within", 0, -1, -1, 0, -1, 1},
	{"wk", 0, -1, -1, 'w', -1, 0},
	{"wks", 0, -1, -1, 'w', -1, 0},
	{"woche", 0, -1, -1, 'w', -1, 0},
	{"wochen", 0, -1, -1, 'w', -1, 0},
	{"woensdag", 0, 3, -1, 0, -1, 0},
	{"xmas", 0, -1, -1, 0, -1, 1},
	{"year", 0, -1, -1, 'y', -1, 0},
	{"years", 0, -1, -1, 'y', -1, 0},
	{"yr", 0, -1, -1, 'y', -1, 0},
	{"yrs", 0, -1, -1, 'y', -1, 0},
	{"zaterdag", 0, 6, -1, 0, -1, 0},
	{"zero", 0, -1, -1, 0, 0, 0},
	{"zes", 0, -1, -1, 0, 6, 0},
	{"zomer", 0, -1, 1, 0, -1, 0},
	{"zondag", 0, 0, -1, 0, -1, 0},
	{"zwei", 0, -1, -1, 0, 2, 0},
	{"zwölf", 0, -1, -1, 0, 12, 0},
	{"été", 0, -1, 1, 0, -1, 0},
};

static int cmp_lex(const void *a, const void *b)
{
	return strcmp((const char *)a, ((const struct lex *)b)->w);
}

static const struct lex *lex_find(const char *w)
{
	return bsearch(w, lexicon, sizeof lexicon / sizeof lexicon[0], sizeof lexicon[0], cmp_lex);
}

/* Which two-letter starts the lexicon has, so most words skip the lookup: one bit per pair of
 * ASCII letters; words not starting with two ASCII letters are always looked up. */
static void lex_pairs(unsigned char pairs[26 * 26 / 8 + 1])
{
	memset(pairs, 0, 26 * 26 / 8 + 1);
	for (size_t i = 0; i < sizeof lexicon / sizeof lexicon[0]; i++) {
		const unsigned char *w = (const unsigned char *)lexicon[i].w;
		if (w[0] >= 'a' && w[0] <= 'z' && w[1] >= 'a' && w[1] <= 'z') {
			unsigned k = (unsigned)(w[0] - 'a') * 26 + (unsigned)(w[1] - 'a');
			pairs[k / 8] |= (unsigned char)(1u << (k % 8));
		}
	}
}

static bool lex_maybe(const unsigned char *pairs, const char *word)
{
	const unsigned char *w = (const unsigned char *)word;
	if (!(w[0] >= 'a' && w[0] <= 'z' && w[1] >= 'a' && w[1] <= 'z'))
		return true;
	unsigned k = (unsigned)(w[0] - 'a') * 26 + (unsigned)(w[1] - 'a');
	return (pairs[k / 8] >> (k % 8)) & 1;
}



static int weekday_of(const char *w)
{
	const struct lex *x = lex_find(w);
	return x ? x->wday : -1;
}

static int season_of(const char *w)
{
	const struct lex *x = lex_find(w);
	return x ? x->season : -1;
}

static char unit_of(const char *w)
{
	const struct lex *x = lex_find(w);
	return x ? x->unit : 0;
}


/* Try everything at token i. */
static size_t try_at(const struct ctx *c, size_t i, struct civil *out, bool *strong)
{
	const struct tok *t = c->t;
	size_t n = c->n, j = i;
	bool cued = false;
	*strong = false;
	if (!t[i].starter)
		return 0;
	if (is(t, n, j, "tomorrow")) {
		*out = civil_add_days(c->ref, 1);
		*strong = true;
		return 1;
	}
	size_t used = r_offset(c, i, out, strong);
	if (used)
		return used;
	/* "the third week of November", "first week of January" */
	{
		static const char *const nth[] = {"first", "second", "third", "fourth", "last"};
		size_t k = j;
		if (is(t, n, k, "in") || is(t, n, k, "during"))
			k++;
		if (is(t, n, k, "the"))
			k++;
		for (int x = 0; x < 5; x++)
			if (is(t, n, k, nth[x]) && is(t, n, k + 1, "week") &&
			    (is(t, n, k + 2, "of") || is(t, n, k + 2, "in"))) {
				struct civil d;
				bool s2 = false;
				size_t mu = r_month(c, k + 3, M_NONE, true, &d, &s2);
				if (!mu)
					break;
				if (x == 4)
					d = civil_add_days((struct civil){d.y, d.m,
									  civil_month_days(d.y, d.m)}, -6);
				else if (x > 0)
					d = civil_add_days((struct civil){d.y, d.m, 1}, 7 * x);
				*out = d;
				*strong = true;
				return k + 3 + mu - i;
			}
	}
	/* Cue words that make a bare month or year a stated time. */
	static const char *const cues[] = {"in", "until", "till", "til", "by", "around",
		"after", "before", "from", "on", "during", "over", "through", "thru", "at",
		"circa", "towards", "toward", "sometime", "early", "mid", "late", "next", "bis",
		"hasta", "dans", "en", "im", "avant", "week", NULL};
	for (size_t k = 0; cues[k]; k++)
		if (is(t, n, j, cues[k])) {
			cued = true;
			break;
		}
	/* Swedish, Danish, Norwegian "i mars", "på fredag" (F2.53); not before "may"/"march",
	 * which after an English "I" are verbs ("I may call"). */
	bool nordic = !cued && (is(t, n, j, "i") || is(t, n, j, "på")) &&
		      !is(t, n, j + 1, "may") && !is(t, n, j + 1, "march");
	if (nordic)
		cued = true;
	enum mod m = M_NONE;
	size_t skip = 0;
	/* "in", "until", "by"... are skipped but remembered; "after" is a modifier. */
	if (is(t, n, j, "in") || is(t, n, j, "until") || is(t, n, j, "till") ||
	    is(t, n, j, "til") || is(t, n, j, "by") || is(t, n, j, "around") ||
	    is(t, n, j, "from") || is(t, n, j, "during") || is(t, n, j, "over") ||
	    is(t, n, j, "through") || is(t, n, j, "thru") || is(t, n, j, "sometime") ||
	    is(t, n, j, "towards") || is(t, n, j, "toward") || is(t, n, j, "at") ||
	    is(t, n, j, "on") || is(t, n, j, "bis") || is(t, n, j, "hasta") ||
	    is(t, n, j, "dans") || is(t, n, j, "en") || is(t, n, j, "im") ||
	    is(t, n, j, "até") || is(t, n, j, "tot") || is(t, n, j, "fino") ||
	    is(t, n, j, "jusqu") || is(t, n, j, "au") || is(t, n, j, "ab") ||
	    nordic || (is(t, n, j, "week") && is(t, n, j + 1, "of"))) {
		skip = 1;
		if (is(t, n, j + 1, "the") && !is(t, n, j + 2, "new") &&
		    !(j + 2 < n && t[j + 2].kind == T_ORD))
			skip = 2;
	}
	bool mstrong = false;
	size_t mod_used = modifier(t, n, j + skip, &m, &mstrong);
	if (m == M_AFTER && mod_used == 2)
		mod_used = 1; /* "after the": keep "the" for the recognisers */
	size_t k = j + skip + mod_used;
	if (is(t, n, k, "of"))
		k++;
	if (mod_used && is(t, n, k, "the") && !is(t, n, k + 1, "new") &&
	    !is(t, n, k + 1, "holidays") && !is(t, n, k + 1, "following") &&
	    !(k + 1 < n && t[k + 1].kind == T_ORD) &&
	    !(k + 1 < n && (t[k + 1].season >= 0)))
		k++;
	cued = cued || mstrong;
	size_t pre = k - i;
	bool s2 = false;
	struct civil d;
	if ((used = r_cycle(c, k, m, &d)) || (used = r_quarter(c, k, m, &d)) ||
	    (used = r_holiday(c, k, m, &d)) || (used = r_season(c, k, m, &d)) ||
	    (used = r_period_end(c, k, m, &d)) || (used = r_year(c, k, m, cued, &d))) {
		*out = d;
		*strong = true;
		return pre + used;
	}
	if ((used = r_month(c, k, m, cued, &d, &s2))) {
		*out = d;
		*strong = cued || s2;
		return pre + used;
	}
	if ((used = r_numeric(c, k, &d))) {
		*out = d;
		*strong = true;
		return pre + used;
	}
	if ((used = r_weekday(c, k, &d, &s2))) {
		*out = d;
		*strong = cued || s2;
		return pre + used;
	}
	return 0;
}

/* How precise an expression is: 1 a day, 2 a week or part of a month, 3 a month or an
 * offset, 4 a quarter, season or year. */
static int grain_of(const struct tok *t, size_t from, size_t to)
{
	int g = 3;
	bool period = false;
	for (size_t i = from; i < to; i++) {
		const char *w = t[i].w;
		if (t[i].kind == T_SEP_NUM || t[i].kind == T_ORD || weekday_of(w) >= 0 ||
		    strcmp(w, "tomorrow") == 0 || (t[i].kind == T_NUM && t[i].num <= 31 && i > from &&
						   t[i - 1].month))
			return 1;
		if (unit_of(w) == 'w' || strcmp(w, "mid") == 0 || strcmp(w, "middle") == 0 ||
		    strcmp(w, "late") == 0 || strcmp(w, "end") == 0 || strcmp(w, "mitte") == 0 ||
		    strcmp(w, "ende") == 0 || strcmp(w, "fin") == 0)
			g = 2;
		if (unit_of(w) == 'q' || unit_of(w) == 'y' || season_of(w) >= 0 ||
		    strcmp(w, "holidays") == 0 || (w[0] == 'q' && isdigit((unsigned char)w[1])))
			period = true;
	}
	return g == 2 ? 2 : period ? 4 : 3;
}

size_t dates_find_all(struct date_found *out, size_t max, const char *text, struct civil ref)
{
	if (text == NULL)
		return 0;
	/* A token takes at least two bytes (a character and a separator). */
	size_t cap = strlen(text) / 2 + 2;
	if (cap > MAX_TOKS)
		cap = MAX_TOKS;
	struct tok *t = malloc(cap * sizeof *t);
	size_t found = 0;
	if (t == NULL)
		return 0;
	struct ctx c = {t, tokenise(t, cap, text), ref, false, {0, 0, 0}};
	for (size_t i = 0; i < c.n && found < max; i++) {
		struct civil d;
		bool strong = false;
		/* A time in the past is not a callback: "back in August", "last week". */
		if (is(t, c.n, i, "last") || is(t, c.n, i, "ago") || is(t, c.n, i, "since") ||
		    (is(t, c.n, i, "back") && is(t, c.n, i + 1, "in"))) {
			i += 1;
			continue;
		}
		size_t used = try_at(&c, i, &d, &strong);
		if (!used)
			continue;
		if (is(t, c.n, i + used, "ago"))
			continue;
		out[found].date = d;
		out[found].start = t[i].start;
		out[found].end = t[i + used - 1].end;
		out[found].strong = strong;
		out[found].deadline = is(t, c.n, i, "before") ||
				      (i > 0 && is(t, c.n, i - 1, "before"));
		out[found].grain = grain_of(t, i, i + used);
		c.has_anchor = true;
		c.anchor = d;
		found++;
		i += used - 1;
	}
	free(t);
	return found;
}

int dates_find(struct date_found *out, const char *text, struct civil ref)
{
	struct date_found all[32];
	size_t n = dates_find_all(all, 32, text, ref);
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (all[i].strong) {
			*out = all[i];
			return 1;
		}
	*out = all[0];
	return 1;
}

int dates_ooo_return(struct civil *out, const char *phrase, bool last_day_away,
		     struct civil ref)
{
	struct date_found f;
	if (!dates_find(&f, phrase, ref))
		return 0;
	struct civil d = f.date;
	if (last_day_away)
		d = civil_add_days(d, 1);
	long delta = civil_days(d) - civil_days(ref);
	if (delta < 0 || delta > 100)
		return 0;
	*out = d;
	return 1;
}
