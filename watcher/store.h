/* store.h: the sqlite store of prospects, outbound emails, replies, rule hits, corrections,
 * contact attempts, the schedule and per-folder sync state (SPEC §2, §7).
 *
 * Ownership: everything a caller passes in is borrowed for the call only. Everything handed
 * back in a struct is the caller's and is released by that struct's _release() function,
 * unless marked "borrowed". Callbacks of the _each() functions get borrowed data valid for
 * the call only and stop the walk by returning non-zero (that value is then returned). A
 * callback may read the store with other functions (log export reads store_reply_raw()),
 * but must not call the _each() function that is calling it, nor write.
 *
 * Transactions: every write function is atomic on its own (it runs inside a SAVEPOINT), and
 * may also be called between store_begin() and store_commit() to group several writes into
 * one transaction (the watcher commits a message's result and the folder's high-water mark
 * together: SPEC §6 "exactly once"). store_rollback() undoes the whole group.
 *
 * Dates: instants are time_t (UTC seconds); calendar days (next contact, callback) are
 * "YYYY-MM-DD" text in the configured time zone (schedule.h). */
#ifndef RW_STORE_H
#define RW_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "classify.h"
#include "err.h"
#include "schedule.h"

struct store;

/* Open (creating the parent directories and the file, mode 0600) the database at path, or at
 * the default path (paths.h) when path is NULL; WAL mode, foreign keys on, migrated forward
 * to the current schema. A database from a newer replywatch is refused. */
int store_open(struct store **out, const char *path, struct rw_err *err);
void store_free(struct store **s);
/* The schedule parameters used by the write functions (default: schedule_params_init()).
 * Copied; p->timezone is borrowed and must outlive the store. */
void store_set_params(struct store *s, const struct schedule_params *p);
/* Add one of the user's own addresses (e.g. [imap] user when it is an address; up to 8,
 * copied; others ignored): a reply naming it as a referral creates no prospect (F2.54). */
void store_add_own_address(struct store *s, const char *addr);
/* The schema version the file is at (PRAGMA user_version). */
int store_schema_version(struct store *s);

int store_begin(struct store *s, struct rw_err *err);
int store_commit(struct store *s, struct rw_err *err);
int store_rollback(struct store *s, struct rw_err *err);

/* ---- prospects ---- */

enum prospect_status {
	PS_ACTIVE = 0,
	PS_PENDING, /* in the pending file */
	PS_BREAKUP_SENT,
	PS_ENGAGED,
	PS_LATER,
	PS_DRIP,
	PS_CLOSED, /* No Longer Interested */
	PS_LEFT_COMPANY,
	PS_BAD_ADDRESS,
	PS_NSTATUS
};
/* "active", "pending", "breakup-sent", "engaged", "later", "drip", "closed", "left-company",
 * "bad-address". */
const char *prospect_status_name(enum prospect_status s);
int prospect_status_parse(const char *name, enum prospect_status *out); /* 0 / -1 */

struct prospect {
	int64_t id;
	char *email;	      /* lower case */
	char *name, *company; /* or NULL */
	enum prospect_status status;
	bool do_not_contact;
	int64_t referred_by;	 /* prospect id, 0 = none */
	char *referred_by_email; /* or NULL */
	char next_contact[11];	 /* "" = none scheduled */
	char *next_reason;	 /* why the next contact is due (see struct due_item), or NULL */
	char *next_quote;	 /* the sentence that asked for it, or NULL */
	time_t created, updated;
};
void prospect_release(struct prospect *p);

/* Fields to set; NULL / -1 = leave unchanged (or the default for a new prospect). */
struct prospect_fields {
	const char *email; /* required; checked by prospect_email_valid() */
	const char *name, *company;
	int status;		  /* enum prospect_status, or -1 */
	int do_not_contact;	  /* 0, 1 or -1. Setting 0 never clears a flag already set. */
	const char *next_contact; /* "YYYY-MM-DD", "" = clear, NULL = unchanged */
};
#define PROSPECT_FIELDS_INIT                                                                       \
	{                                                                                          \
		NULL, NULL, NULL, -1, -1, NULL                                                     \
	}

/* 1 when email looks like addr-spec "local@domain.tld" (no spaces, one @), else 0. */
int prospect_email_valid(const char *email);

/* Add a prospect (must_be_new: an existing email is an RW_EINVAL error) or update the given
 * fields of an existing one. *out_id (may be NULL) gets its id. */
int store_prospect_put(struct store *s, const struct prospect_fields *f, bool must_be_new,
		       int64_t *out_id, struct rw_err *err);
/* 1 found (out filled: prospect_release() it), 0 no such email, -1 error. */
int store_prospect_get(struct store *s, const char *email, struct prospect *out,
		       struct rw_err *err);
/* A person's decision (SPEC §2: no decision of the rules clears the flag; a person may):
 * clear do-not-contact and record it in the prospect's schedule history. 1 cleared, 0 was
 * not set, -1 error (RW_ENOTFOUND for an unknown email). */
int store_prospect_clear_dnc(struct store *s, const char *email, struct rw_err *err);
/* 1 when email is a prospect, 0 not, -1 error. */
int store_prospect_exists(struct store *s, const char *email, struct rw_err *err);
/* All prospects by email; status < 0: any status. */
int store_prospect_each(struct store *s, int status, int (*fn)(void *arg, const struct prospect *p),
			void *arg, struct rw_err *err);

/* ---- contact attempts (issue 6) ---- */

enum contact_channel { CH_CALL = 0, CH_EMAIL, CH_VOICEMAIL, CH_NOTE, CH_VISIT, CH_NCHANNEL };
const char *contact_channel_name(enum contact_channel c);
int contact_channel_parse(const char *name, enum contact_channel *out); /* 0 / -1 */

struct contact {
	int64_t id;
	char date[11];
	enum contact_channel channel;
	const char *note; /* or NULL; borrowed */
	bool answered;	  /* the prospect picked up / answered */
};
/* Record an attempt; RW_ENOTFOUND for an unknown prospect. *out_unanswered (may be NULL):
 * unanswered attempts since the prospect's last real (non-auto) reply and last answered
 * attempt, this one included. */
int store_contact_add(struct store *s, const char *email, enum contact_channel ch, const char *date,
		      const char *note, bool answered, int *out_unanswered, struct rw_err *err);
int store_contact_each(struct store *s, const char *email,
		       int (*fn)(void *arg, const struct contact *c), void *arg,
		       struct rw_err *err);

/* ---- outbound emails (SPEC §3.1) ---- */

struct outbound {
	const char *message_id; /* without <> */
	enum rw_kind kind;
	time_t date;
	const char *subject;
	const char *text;	       /* the email's text, for classify_opts.sent_text; or NULL */
	const char *const *recipients; /* To and Cc addresses */
	size_t nrecipients;
	const char *folder; /* or NULL (tracked by hand) */
	uint32_t uid;
};
/* Record an outbound email. Idempotent by message_id: 1 added, 0 already known (nothing
 * changed), -1 error. Creates a prospect per new recipient; sets the recipients' status to
 * breakup-sent / pending (a closed, left-company or bad-address prospect keeps its status)
 * and schedules the next look: drip check after drip_after_days (break-up) or the next
 * pending-file email after pending_every_days. */
int store_outbound_add(struct store *s, const struct outbound *o, struct rw_err *err);

struct outbound_ref {
	int64_t id;
	enum rw_kind kind;
	time_t date;
	char message_id[256];
	char prospect_email[256]; /* the first recipient, or the one asked for */
	char *text;		  /* or NULL; free() it */
};
/* 1 found, 0 unknown message_id, -1 error. */
int store_outbound_find(struct store *s, const char *message_id, struct outbound_ref *out,
			struct rw_err *err);
/* The latest tracked email to that address sent at or after 'since': 1/0/-1. */
int store_outbound_recent_for(struct store *s, const char *email, time_t since,
			      struct outbound_ref *out, struct rw_err *err);
void outbound_ref_release(struct outbound_ref *r);

/* ---- replies and decisions (SPEC §2) ---- */

/* 1 when a reply with that Message-ID is recorded, 0 not, -1 error. */
int store_reply_known(struct store *s, const char *message_id, struct rw_err *err);

struct reply_meta {
	const char *message_id; /* required */
	const char *from;	/* addr-spec */
	const char *subject;
	time_t date;	    /* Date header, else INTERNALDATE */
	const char *folder; /* or NULL */
	uint32_t uid;
	const char *matched_by; /* "thread" | "sender" (| "manual") */
	int64_t outbound_id;	/* the outbound it answers, 0 = unknown */
	const char *raw;	/* the message as fetched, for 'log --export-samples'; or NULL */
	size_t raw_len;
	/* The reply's To and Cc (the user's own addresses): never made a referral prospect.
	 * NULL: taken from raw's headers when a referral needs checking. */
	const char *const *to;
	size_t nto;
};
/* Record a reply and its decision: the reply, its rule hits with matched text, the rule-set
 * version; then apply the decision to the prospect and the schedule (SPEC §2 table):
 *   yes -> engaged, next business day after the reply;
 *   later -> later, the stated callback, else breakup_later_days / pending_later_days
 *   (a Saturday/Sunday moved to the Monday; a person's --callback kept as given);
 *   no -> closed, no next contact;  do_not_contact -> flag set (only a person clears it,
 *   store_prospect_clear_dnc);  yes/later from a closed or do-not-contact prospect ->
 *   nothing rescheduled, the reply waits in review and due for a person (review_note);
 *   referral -> a new prospect linked to this one (never the sender, the reply's To/Cc,
 *   nor an address of store_add_own_address);  left company -> left-company;
 *   bounce -> bad-address;  OOO with a return date -> first business day from it;
 *   review -> unchanged, queued for 'replywatch review'.
 * The prospect is the sender when it is one, else the outbound's recipient (a bounce names
 * its recipient). Idempotent by message_id: 1 recorded, 0 already known, -1 error. */
int store_reply_record(struct store *s, const struct reply_meta *m, const struct decision *d,
		       struct rw_err *err);

/* The prospect a recorded reply belongs to: 1 (out filled: prospect_release() it), 0 none,
 * -1 error. */
int store_reply_prospect(struct store *s, const char *message_id, struct prospect *out,
			 struct rw_err *err);
/* A person's correction (SPEC §2): appended to the corrections log, never overwriting the
 * decision; the prospect is rescheduled as for a decision of that class, counted from the
 * reply's date or today, whichever is later (a person deciding an old reply means "from
 * now"). callback "YYYY-MM-DD" or NULL; reason NULL = "<class>/manual". RW_ENOTFOUND when no
 * reply has that Message-ID. */
int store_label(struct store *s, const char *message_id, enum rw_class cls, const char *callback,
		const char *reason, struct rw_err *err);

/* ---- the log, for auditing ---- */

struct log_hit {
	const char *rule, *cls, *match, *scope; /* borrowed */
	double weight;
	bool negated;
};
struct log_correction {
	const char *cls, *callback, *reason; /* borrowed */
	time_t when;
};
struct log_entry {
	int64_t id;
	const char *message_id, *from, *subject, *prospect, *folder; /* borrowed, maybe NULL */
	time_t date;
	uint32_t uid;
	enum rw_kind kind;    /* of the outbound it answers */
	const char *cls;      /* effective class: the last correction's, else the decision's */
	const char *orig_cls; /* what the rules decided */
	const char *reason, *callback, *callback_quote, *ooo_return, *matched_by, *ruleset;
	double scores[3]; /* yes, later, no */
	bool corrected;
	const char *reply; /* extracted reply text */
	/* Why a person must decide (a closed / do-not-contact prospect replied), or NULL;
	 * needs_person: the note still stands (not labelled, still closed/do-not-contact). */
	const char *review_note;
	bool needs_person;
	const struct log_hit *hits;
	size_t nhits;
	const struct log_correction *corrections;
	size_t ncorrections;
};
struct log_filter {
	time_t since;	       /* 0 = all */
	const char *cls;       /* effective class, or NULL */
	const char *reason;    /* exact, or a family prefix ending in '/', or NULL */
	const char *rule;      /* entries where this rule hit, or NULL */
	const char *prospect;  /* email, or NULL */
	bool corrections_only; /* only corrected entries */
	bool review_queue;     /* with cls "review": also the replies that need a person */
};
/* Entries by reply date, oldest first. */
int store_log_each(struct store *s, const struct log_filter *f,
		   int (*fn)(void *arg, const struct log_entry *e), void *arg, struct rw_err *err);
/* The raw message kept for a reply: 1 (*out malloc'd, free() it), 0 none kept, -1 error. */
int store_reply_raw(struct store *s, int64_t reply_id, char **out, size_t *out_len,
		    struct rw_err *err);

/* ---- the agenda (issue 6) ---- */

struct due_item {
	const char *email, *name, *company; /* borrowed */
	enum prospect_status status;
	char date[11];
	/* why: "yes" (call back), "later" (the callback asked for), "ooo" (back from absence),
	 * "referral", "breakup-suggested", "pending-due", "drip-check", "manual". */
	const char *why;
	const char *quote; /* the sentence asking for it, or NULL */
	int attempts;	   /* unanswered attempts */
};
/* Move break-up prospects with no reply after drip_after_days to drip (as of today);
 * *out_moved (may be NULL) counts them. */
int store_sweep(struct store *s, const char *today, int *out_moved, struct rw_err *err);
/* Every contact due on or before 'until' (overdue ones included), by date, then email;
 * prospects that are closed, left, bad-address or do-not-contact are never due by the
 * rules, except as why "decide" (quote: the note) when such a prospect replied yes/later
 * and a person has not decided yet. */
int store_due_each(struct store *s, const char *until,
		   int (*fn)(void *arg, const struct due_item *d), void *arg, struct rw_err *err);

/* ---- statistics (issue 6) ---- */

struct stats_kind {
	enum rw_kind kind;
	long sent;			 /* outbound emails x recipients */
	long replied;			 /* of those, answered by a real (non-auto) reply */
	long auto_replies;		 /* auto-replies and bounces: never counted as replies */
	double median_hours, mean_hours; /* time to the first real reply; -1 when none */
};
struct stats_rule {
	char *rule;
	long hits;
};
struct store_stats {
	struct stats_kind kinds[3]; /* indexed by enum rw_kind */
	long classes[RW_NCLASS];    /* effective classes of all recorded replies */
	long replies, corrections;
	struct stats_rule *rules; /* by hits, most first */
	size_t nrules;
};
int store_stats(struct store *s, struct store_stats *out, struct rw_err *err);
void store_stats_release(struct store_stats *st);

/* ---- per-folder sync state (SPEC §6) ---- */

struct folder_state {
	uint32_t uidvalidity;
	uint32_t last_uid;	/* highest UID processed */
	uint64_t highestmodseq; /* 0 when CONDSTORE is not used */
};
/* 1 found, 0 never synced, -1 error. */
int store_folder_get(struct store *s, const char *folder, struct folder_state *out,
		     struct rw_err *err);
int store_folder_set(struct store *s, const char *folder, const struct folder_state *st,
		     struct rw_err *err);

/* Class and kind names used in the database (same spellings as classify.h). */
const char *store_class_name(enum rw_class c);
int store_class_parse(const char *name, enum rw_class *out);
const char *store_kind_name(enum rw_kind k);
int store_kind_parse(const char *name, enum rw_kind *out);

#endif
