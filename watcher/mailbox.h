/* mailbox.h: a mail store as the sync logic sees it (STYLE point 10, isync's driver table).
 *
 * sync.c talks only to this interface, so the same pass runs over a real IMAP server
 * (imap.c), a local Maildir and a fault-injecting fake (maildir.c). Everything here is
 * read-only towards the user's mail except set_keyword, which only adds a keyword.
 *
 * Folder names are UTF-8 everywhere in this interface; a driver converts to its own encoding
 * (modified UTF-7 for IMAP). All memory belongs to the caller unless stated otherwise. */
#ifndef RW_MAILBOX_H
#define RW_MAILBOX_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "err.h"

struct mailbox_folder {
	char *name; /* UTF-8 */
	bool sent;  /* SPECIAL-USE \Sent (RFC 6154), in any letter case */
	bool noselect;
};

struct mailbox_status {
	uint32_t uidvalidity;
	uint32_t uidnext; /* UIDs of existing messages are all below it */
	uint32_t messages;
	uint64_t highestmodseq; /* 0 when the server has no CONDSTORE */
};

/* One message's envelope: UID, dates and the few header fields sync needs. */
struct mailbox_msg {
	uint32_t uid;
	time_t internaldate; /* 0 when unknown */
	uint32_t size;
	/* The fields of MAILBOX_HEADER_FIELDS as raw header lines ending with the blank line,
	 * then (when fetch_headers was asked for a peek) the first bytes of the body: together
	 * a parseable, possibly truncated message. NUL-terminated. */
	char *raw;
	size_t raw_len;
};

struct mailbox_msgs {
	struct mailbox_msg *v;
	size_t n;
};

void mailbox_msgs_release(struct mailbox_msgs *m);

/* Header fields every driver returns in mailbox_msg.header. */
#define MAILBOX_HEADER_FIELDS                                                                      \
	"FROM", "TO", "CC", "DATE", "SUBJECT", "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES",          \
		"AUTO-SUBMITTED", "PRECEDENCE", "X-AUTOREPLY", "CONTENT-TYPE",                     \
		"CONTENT-TRANSFER-ENCODING", "MIME-VERSION"

struct mailbox;

struct mailbox_ops {
	/* Every selectable folder. *out is an array of *count entries; mailbox_folders_free(). */
	int (*folders)(struct mailbox *mb, struct mailbox_folder **out, size_t *count,
		       struct rw_err *err);
	/* A folder's UIDVALIDITY, UIDNEXT, message count and HIGHESTMODSEQ, without selecting
	 * it when the driver can (IMAP STATUS): the cheap check of a pass with no new mail. */
	int (*status)(struct mailbox *mb, const char *folder, struct mailbox_status *out,
		      struct rw_err *err);
	/* The lowest UID >= min_uid whose INTERNALDATE is on or after since (0: no such
	 * message) into *out. */
	int (*first_since)(struct mailbox *mb, const char *folder, time_t since, uint32_t min_uid,
			   uint32_t *out, struct rw_err *err);
	/* Envelopes of the messages with first <= UID <= last, in UID order; with peek > 0 also
	 * the first peek bytes of each body (the Sent folder: outbound rules read the text). */
	int (*fetch_headers)(struct mailbox *mb, const char *folder, uint32_t first, uint32_t last,
			     size_t peek, struct mailbox_msgs *out, struct rw_err *err);
	/* The message rebuilt from its full header and its text parts only (attachments left
	 * out), each part cut at max bytes; never sets \Seen. */
	int (*fetch_text)(struct mailbox *mb, const char *folder, uint32_t uid, size_t max,
			  struct buf *out, struct rw_err *err);
	/* Add a keyword (e.g. "$replywatch-yes"). Returns 1 when set, 0 when the folder does not
	 * allow keywords; may be NULL. */
	int (*set_keyword)(struct mailbox *mb, const char *folder, uint32_t uid,
			   const char *keyword, struct rw_err *err);
	/* Wait up to seconds for a change in folder (IMAP IDLE), or until *stop becomes set.
	 * Returns 1 when something changed, 0 on timeout or stop; NULL when the driver cannot
	 * wait (the caller polls). */
	int (*wait)(struct mailbox *mb, const char *folder, int seconds,
		    volatile sig_atomic_t *stop, struct rw_err *err);
	void (*free)(struct mailbox *mb);
};

struct mailbox {
	const struct mailbox_ops *ops;
	bool can_idle;		   /* wait() is woken by the server, not a sleep */
	unsigned long round_trips; /* commands sent to the server, for the benchmark */
};

void mailbox_folders_free(struct mailbox_folder **f, size_t count);
/* Calls the driver's free; accepts NULL and clears the pointer. */
void mailbox_free(struct mailbox **mb);

#endif
