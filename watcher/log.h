/* log.h: replywatch's one logging interface: levels, per-subsystem debug switches, stderr.
 *
 *	log_info(LOG_SYNC, "%s: %u new messages", folder, n);
 *	log_debug(LOG_IMAP, "> %s", line);   (only with -vv or REPLYWATCH_DEBUG=imap)
 *
 * Secrets are never logged: never pass a password or token. As a second line of defence,
 * a message containing an IMAP LOGIN or AUTHENTICATE command, or "password"/"token" followed
 * by '=' or ':', has everything after that word replaced by "<redacted>". */
#ifndef RW_LOG_H
#define RW_LOG_H

#include <stdbool.h>

enum log_level { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

enum log_sub { LOG_MAIN = 0, LOG_CONFIG, LOG_STORE, LOG_IMAP, LOG_SYNC, LOG_RULES, LOG_NSUB };

/* Level from -v count (0: warnings, 1: info, 2+: debug everywhere) and debug switches from
 * REPLYWATCH_DEBUG, a comma list of subsystem names ("imap,store") or "all". */
void log_setup(int verbose);
/* Turn one subsystem's debug messages on or off. */
void log_debug_enable(enum log_sub sub, bool on);
bool log_enabled(enum log_sub sub, enum log_level level);
/* "main", "config", "store", "imap", "sync", "rules". */
const char *log_sub_name(enum log_sub sub);

void log_msg(enum log_sub sub, enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define log_error(sub, ...) log_msg((sub), LOG_ERROR, __VA_ARGS__)
#define log_warn(sub, ...)  log_msg((sub), LOG_WARN, __VA_ARGS__)
#define log_info(sub, ...)  log_msg((sub), LOG_INFO, __VA_ARGS__)
#define log_debug(sub, ...)                                                                        \
	do {                                                                                       \
		if (log_enabled((sub), LOG_DEBUG))                                                 \
			log_msg((sub), LOG_DEBUG, __VA_ARGS__);                                    \
	} while (0)

#endif
