/* sync.h: one sync pass over a mailbox (SPEC §3, §6 "Incremental", "Exactly once").
 *
 * The Sent folder first (outbound break-up and pending-file emails recognised by the outbound
 * rules and recorded), then every watched folder (replies recognised by In-Reply-To /
 * References, else by sender within match_window_days; classified and applied). Everything
 * else is ignored after its headers.
 *
 * Per folder the store keeps UIDVALIDITY, the highest UID processed and HIGHESTMODSEQ; each
 * message's result is committed in the same transaction as the new high-water mark, so a
 * crash anywhere repeats at most the work of uncommitted messages, and a repeated message is
 * recognised by its Message-ID (store_reply_known, store_outbound_add idempotent). A pass
 * with no new mail is one STATUS per folder. */
#ifndef RW_SYNC_H
#define RW_SYNC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "classify.h"
#include "err.h"
#include "mailbox.h"
#include "store.h"

struct ruleset;

struct sync_opts {
	const char *const *folders; /* watched folders (UTF-8), default {"INBOX"} */
	size_t nfolders;
	const char *sent_folder; /* resolved Sent folder, or NULL: no Sent folder */
	int since_days;		 /* first-run look-back (120) */
	int match_window_days;	 /* sender match window (60) */
	size_t max_body_bytes;	 /* text fetched per part (1 MiB) */
	bool keywords;		 /* set $replywatch-<class> when the server allows it */
	const struct classify_opts *classify; /* timezone, later-days, limits; kind and
						 sent_text are filled in per reply */
	bool progress;			      /* "folder: n/m" on stderr (a terminal) */
	int verbose;			      /* 1: one line per outbound / reply on stderr */
	volatile sig_atomic_t *stop; /* set by a signal: finish the message in hand, return */
	void (*check_signals)(void); /* called between messages to let blocked signals in */
	time_t now;		     /* 0: time(NULL) (tests pin it) */
};

void sync_opts_init(struct sync_opts *o);

struct sync_stats {
	unsigned long seen;	  /* messages whose headers were read */
	unsigned long outbound;	  /* outbound emails recorded */
	unsigned long replies;	  /* replies classified and recorded */
	unsigned long duplicates; /* replies already recorded (copies, UIDVALIDITY rescans) */
	unsigned long ignored;	  /* neither */
	unsigned long rescans;	  /* folders whose UIDVALIDITY changed */
	unsigned long class_count[RW_NCLASS];
};

/* The Sent folder: configured (checked to exist with STATUS, no LIST), else the folder with
 * the SPECIAL-USE \Sent attribute (one LIST). *out is malloc()ed, or NULL when the server
 * marks none (a warning, not an error: replies are then matched only to emails tracked by
 * hand). */
int sync_find_sent(struct mailbox *mb, const char *configured, char **out, struct rw_err *err);

/* One pass. Returns 0 (complete), 1 (stopped by *stop between messages), -1 on error (a
 * network error has err->code RW_ENET: reconnect and call again; nothing is lost). */
int sync_pass(struct mailbox *mb, struct store *st, const struct ruleset *rs,
	      const struct sync_opts *o, struct sync_stats *stats, struct rw_err *err);

#endif
