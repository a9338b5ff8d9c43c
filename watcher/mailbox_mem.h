/* mailbox_mem.h: a mailbox held in memory, with fault injection (STYLE point 10).
 *
 * The sync logic's test double: folders of messages with UIDs, UIDVALIDITY and INTERNALDATE,
 * and faults a real server will not produce on demand: "the n-th operation from now fails as
 * a dropped connection". It records which messages had their text fetched, so a test can
 * check that unrelated mail is never downloaded beyond its headers.
 *
 * All memory belongs to the mailbox; mailbox_free() releases it. */
#ifndef RW_MAILBOX_MEM_H
#define RW_MAILBOX_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "mailbox.h"

struct mailbox *mailbox_mem_new(void);
/* Create a folder (sent: marked \Sent). 0, or -1 on out-of-memory. */
int mailbox_mem_add_folder(struct mailbox *mb, const char *name, bool sent);
/* Append a message (copied) with the next UID; *out_uid (may be NULL) gets it. */
int mailbox_mem_append(struct mailbox *mb, const char *folder, const char *raw, size_t len,
		       time_t internaldate, uint32_t *out_uid);
/* The server renumbers the folder: a new UIDVALIDITY and new UIDs from 1, same messages. */
int mailbox_mem_renumber(struct mailbox *mb, const char *folder);
/* The n-th mailbox operation from now (1 = the next) fails with RW_ENET; 0 disables. */
void mailbox_mem_fail_after(struct mailbox *mb, unsigned long n);
/* How many times a message's text was fetched (by folder and current UID). */
unsigned mailbox_mem_text_fetches(struct mailbox *mb, const char *folder, uint32_t uid);

#endif
