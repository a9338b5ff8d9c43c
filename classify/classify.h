/* classify.h: the whole pipeline, raw message -> decision (SPEC §4, §2).
 *
 *	MIME (mail.h) -> text -> reply (reply.h) -> auto-reply (autoreply.h) -> rules (rules.h)
 *	-> dates (dates.h) -> decision
 *
 * Pure: bytes and rules in, a decision out; no network, no database, no globals. */
#ifndef RW_CLASSIFY_H
#define RW_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "err.h"
#include "mail.h"

enum rw_class { RW_YES = 0, RW_LATER, RW_NO, RW_AUTO, RW_REVIEW, RW_NCLASS };
/* "yes", "later", "no", "auto", "review". */
const char *rw_class_name(enum rw_class c);
/* 0 and *out set, or -1 for an unknown name. */
int rw_class_parse(const char *name, enum rw_class *out);

/* The kind of outbound email a reply answers. */
enum rw_kind { RW_KIND_UNKNOWN = 0, RW_KIND_BREAKUP, RW_KIND_PENDING };
const char *rw_kind_name(enum rw_kind k); /* "unknown", "breakup", "pending" */
int rw_kind_parse(const char *name, enum rw_kind *out);

struct ruleset; /* rules.h */

struct rw_hit {
	char *rule;   /* rule name */
	enum rw_class cls;
	double weight;
	char *match;  /* the matched text */
	char *scope;  /* "reply", "subject", "header:X-Foo", "body" */
	bool negated; /* matched inside a negation scope (and scored accordingly) */
	bool limit;   /* the pattern hit a PCRE2 limit: reported, not scored */
};

struct decision {
	enum rw_class cls;
	char *reason;               /* "no/other-vendor", "auto/out-of-office", ... */
	double scores[RW_NCLASS];   /* yes, later, no (auto, review unused: 0) */
	char callback[11];          /* YYYY-MM-DD, or "" */
	char *callback_quote;       /* the sentence that stated the date, or NULL */
	char ooo_return[11];        /* YYYY-MM-DD, or "" */
	bool bounce;
	char *bounce_recipient, *bounce_status;
	bool do_not_contact;        /* unsubscribe / stop emailing me */
	char *referral;             /* the address a referral names, or NULL */
	bool left_company;
	char *reply;                /* the extracted reply text */
	struct rw_hit *hits;
	size_t nhits;
	char ruleset[17];           /* version (hash) of the rule set that decided */
	char *trace;                /* for --explain: one "stage: detail" per line */
	char *warnings;             /* limits hit, repairs made; "" when none */
	/* From the message, for callers that record it. */
	char *message_id, *from, *subject;
	time_t date;                /* reply's Date header (or opts->fallback_date) */
	/* Added by the rules engine (issue 4): */
	char next_contact[11];      /* what the decision implies (SPEC §2 table): yes: the next
				     * business day; later: callback; auto with a return date: the
				     * first business day on or after it; else "" */
	enum rw_kind kind;          /* the kind used: opts->kind, else inferred from the quoted
				     * outbound in the message (outbound rules), else UNKNOWN */
	bool kind_inferred;
	bool callback_default;      /* later without a stated date: callback = reply + 90/60 days */
};

struct classify_opts {
	enum rw_kind kind;          /* of the outbound it answers; UNKNOWN offline */
	const char *sent_text;      /* the outbound email's text, or NULL */
	const char *timezone;       /* IANA name, or NULL for the system's */
	time_t fallback_date;       /* used when the Date header is missing (INTERNALDATE) */
	int breakup_later_days;     /* default 90 */
	int pending_later_days;     /* default 60 */
	struct mime_limits limits;
	const char *user_address;    /* the user's own address ([imap] user), or NULL: never a
				      * referral; the reply's From and To never are either */
};

void classify_opts_init(struct classify_opts *o);

int classify_message(struct decision **out, const struct ruleset *rs, const char *raw,
		     size_t len, const struct classify_opts *opts, struct rw_err *err);
void decision_free(struct decision **d);

#endif
