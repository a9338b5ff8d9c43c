/* imap.h: the IMAP driver behind mailbox.h, with libetpan (SPEC §6).
 *
 * imap_open() connects, verifies the server certificate (libetpan verifies nothing itself:
 * imap.c checks the chain and the host name with GnuTLS), logs in and re-reads the
 * capabilities. The returned mailbox is read-only towards the user's mail: EXAMINE, STATUS and
 * BODY.PEEK only. */
#ifndef RW_IMAP_H
#define RW_IMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "mailbox.h"

enum imap_tls { IMAP_TLS_IMPLICIT = 0, IMAP_TLS_STARTTLS, IMAP_TLS_NONE };

struct imap_params {
	const char *host;
	unsigned port; /* 0: 993 for implicit TLS, else 143 */
	enum imap_tls tls;
	const char *ca_file; /* NULL: the system trust store */
	const char *user;
	const char *password;	  /* for LOGIN / AUTHENTICATE PLAIN; borrowed, never logged */
	const char *oauth2_token; /* non-NULL: AUTHENTICATE XOAUTH2 with this token */
	int timeout;		  /* seconds for every network read (0: 60) */
	int trace;		  /* 1: protocol trace on stderr (credentials masked) */
};

/* Connect and log in. On failure err says what failed in one line: the host and port, and
 * "certificate ...", "login ... refused: <server text>" or the network error.
 * err->code is RW_EAUTH for refused credentials, RW_ENET otherwise. */
int imap_open(struct mailbox **out, const struct imap_params *p, struct rw_err *err);

/* True when the server offers the capability (after login). */
bool imap_has_capability(struct mailbox *mb, const char *name);

/* Modified UTF-7 (RFC 3501 5.1.3) to and from UTF-8. malloc()ed result, NULL on bad input. */
char *imap_utf7_encode(const char *utf8);
char *imap_utf7_decode(const char *mutf7);

/* Returns 1 when host is a loopback address (127.0.0.0/8, ::1 or "localhost"). */
int imap_host_is_loopback(const char *host);

#endif
