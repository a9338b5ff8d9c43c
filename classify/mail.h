/* mail.h: one RFC 5322 / MIME message, parsed (SPEC §4 "Text").
 *
 * mail_parse() never fails on bad input: malformed MIME, lying charsets, 8-bit headers and
 * binary junk give a best-effort message and a note in mail_warnings(). It fails only on
 * out-of-memory. All strings returned are UTF-8 and borrowed: valid until mail_free(). */
#ifndef RW_MAIL_H
#define RW_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "err.h"

/* Limits for untrusted input; a limit hit is noted in mail_warnings(), never fatal. */
struct mime_limits {
	unsigned max_parts; /* MIME parts walked (default 200) */
	unsigned max_depth; /* multipart nesting (default 20) */
	size_t max_text;    /* bytes of decoded text kept (default 1 MiB) */
	size_t max_line;    /* a longer line is split in two, nothing dropped (default 16 KiB) */
};

#define MIME_LIMITS_DEFAULT                                                                        \
	{                                                                                          \
		200, 20, 1024 * 1024, 16 * 1024                                                    \
	}

struct mail;

int mail_parse(struct mail **out, const char *raw, size_t len, const struct mime_limits *lim,
	       struct rw_err *err);
void mail_free(struct mail **m);

/* First header of that name (case-insensitive), RFC 2047-decoded and unfolded; NULL if absent. */
const char *mail_header(const struct mail *m, const char *name);
/* The n-th header field of the message (0-based), for scope=header rules and --explain;
 * returns 0 and sets *name and *value, or -1 past the end. */
int mail_header_at(const struct mail *m, size_t n, const char **name, const char **value);

/* Addresses (lower-cased addr-spec only, "a@b.c") in a header such as From, To, Cc; *count set.
 * Borrowed array. */
const char *const *mail_addresses(const struct mail *m, const char *header, size_t *count);
/* Message-ID without angle brackets, or NULL. */
const char *mail_message_id(const struct mail *m);
/* In-Reply-To and References message ids, without angle brackets, in header order. */
const char *const *mail_references(const struct mail *m, size_t *count);
/* Date header as a UTC instant; 0 when absent or unreadable. *tz_minutes: its offset. */
time_t mail_date(const struct mail *m, int *tz_minutes);

/* The message's text: text/plain preferred, else HTML turned into text with quoted HTML blocks
 * (gmail_quote, blockquote type=cite, divRplyFwdMsg, ...) removed (a removed block quote
 * leaves one ">" line, so reply_extract() keeps inline answers); decoded, UTF-8, LF line
 * ends, format=flowed joined. The first non-attachment text part wins (an empty text/plain
 * yields to the HTML); message/rfc822 parts (forwards, a bounce's returned copy) are never
 * read for it, so a bounce's text is its human-readable notification. "" when none. */
const char *mail_text(const struct mail *m);
/* True when mail_text() came from HTML. */
bool mail_text_is_html(const struct mail *m);
/* The MIME content type of the top level, lower case ("multipart/report"). */
const char *mail_content_type(const struct mail *m);
/* For multipart/report (RFC 3464): the message/delivery-status part's text, else NULL. */
const char *mail_delivery_status(const struct mail *m);

/* Notes on what was repaired or cut (one per line), "" when none. */
const char *mail_warnings(const struct mail *m);

#endif
