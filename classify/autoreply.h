/* autoreply.h: messages no person wrote: out-of-office, auto-acknowledgement, left the company,
 * bounces (SPEC §4 "Auto-replies and bounces", RFC 3834, RFC 3464). */
#ifndef RW_AUTOREPLY_H
#define RW_AUTOREPLY_H

#include "mail.h"

enum autoreply_kind {
	AUTO_NONE = 0,
	AUTO_OUT_OF_OFFICE,
	AUTO_ACK,	   /* "we received your message", ticket systems */
	AUTO_LEFT_COMPANY, /* "no longer with the company" */
	AUTO_BOUNCE,
	AUTO_OTHER, /* automatic, but none of the above */
};

struct autoreply {
	enum autoreply_kind kind;
	char *why; /* the header or phrase that decided, for --explain and the log */
	/* Out-of-office: the phrase that states the return ("until 30 September",
	 * "back on Monday the 12th") and how to read it; the date is resolved by dates.h. */
	char *return_phrase;
	int return_is_last_day_away; /* 1: "until/through X" means back on X+1; 0: "back on X" */
	/* Bounce: the failed recipient and the RFC 3463 status ("5.1.1"), when found. */
	char *bounce_recipient;
	char *bounce_status;
	/* Left the company / OOO naming someone else to contact. */
	char *alternate_contact;
};

/* Decide whether m (with its extracted reply text) is automatic. Returns 0, -1 on oom. */
int autoreply_detect(struct autoreply *out, const struct mail *m, const char *reply_text);
void autoreply_release(struct autoreply *a);
const char *autoreply_kind_name(enum autoreply_kind k); /* "out-of-office", "bounce", ... */

#endif
