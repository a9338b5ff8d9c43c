/* log.c: levelled logging to stderr with per-subsystem debug switches (STYLE point 15).
 * The watcher's only global state lives here: the level and the switches are process-wide
 * settings made once at start-up. */
#include "log.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static enum log_level level = LOG_WARN;
static bool debug_on[LOG_NSUB];

static const char *const sub_names[LOG_NSUB] = {"main", "config", "store", "imap", "sync", "rules"};

const char *log_sub_name(enum log_sub sub)
{
	return (unsigned)sub < LOG_NSUB ? sub_names[sub] : "main";
}

void log_debug_enable(enum log_sub sub, bool on)
{
	if ((unsigned)sub < LOG_NSUB)
		debug_on[sub] = on;
}

void log_setup(int verbose)
{
	const char *env = getenv("REPLYWATCH_DEBUG");
	level = verbose <= 0 ? LOG_WARN : verbose == 1 ? LOG_INFO : LOG_DEBUG;
	for (int i = 0; i < LOG_NSUB; i++)
		debug_on[i] = verbose >= 2;
	if (!env)
		return;
	char *copy = strdup(env), *save = NULL;
	for (char *t = copy ? strtok_r(copy, ", ", &save) : NULL; t;
	     t = strtok_r(NULL, ", ", &save)) {
		for (int i = 0; i < LOG_NSUB; i++)
			if (strcasecmp(t, "all") == 0 || strcasecmp(t, sub_names[i]) == 0)
				debug_on[i] = true;
	}
	free(copy);
}

bool log_enabled(enum log_sub sub, enum log_level lv)
{
	if (lv == LOG_DEBUG)
		return (unsigned)sub < LOG_NSUB && debug_on[sub];
	return lv <= level;
}

/* Cut the message after a word that announces a secret. */
static void redact(char *msg)
{
	static const char *const words[] = {"LOGIN ", "AUTHENTICATE ", "password",
					    "token",  "passwd",	       "secret"};
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		char *p = strcasestr(msg, words[w]);
		if (!p)
			continue;
		char *after = p + strlen(words[w]);
		if (words[w][strlen(words[w]) - 1] != ' ') {
			while (*after == ' ' || *after == '_' || isalpha((unsigned char)*after))
				after++;
			if (*after != '=' && *after != ':')
				continue;
			after++;
		}
		strcpy(after, " <redacted>");
		return;
	}
}

void log_msg(enum log_sub sub, enum log_level lv, const char *fmt, ...)
{
	static const char *const lvname[] = {"error", "warning", "info", "debug"};
	char msg[2048];
	va_list ap;

	if (!log_enabled(sub, lv))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg - 16, fmt, ap);
	va_end(ap);
	redact(msg);
	if (lv == LOG_DEBUG) {
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(ts, sizeof ts, "%H:%M:%S", &tm);
		fprintf(stderr, "%s %s: %s\n", ts, log_sub_name(sub), msg);
	} else {
		fprintf(stderr, "replywatch: %s: %s%s%s\n", lvname[lv],
			sub == LOG_MAIN ? "" : log_sub_name(sub), sub == LOG_MAIN ? "" : ": ", msg);
	}
}
