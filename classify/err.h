/* err.h: an error is a code plus a located message, set where it is found and printed once,
 * at the top (STYLE point 4).
 *
 *	return rw_fail(err, RW_ESYNTAX, "%s:%d: unknown scope '%s'", path, line, scope);
 */
#ifndef RW_ERR_H
#define RW_ERR_H

#include <stddef.h>

enum rw_errcode {
	RW_OK = 0,
	RW_ENOMEM,   /* out of memory */
	RW_EIO,      /* a file or socket could not be read or written */
	RW_ESYNTAX,  /* a rule, config, CSV or message could not be parsed */
	RW_EINVAL,   /* a value out of range or of the wrong type */
	RW_ENOTFOUND, /* no such prospect, message, file */
	RW_ELIMIT,   /* an input limit was reached */
	RW_ENET,     /* network, TLS or protocol failure */
	RW_EAUTH,    /* the server refused the credentials */
	RW_EDB,      /* the database refused */
	RW_EUSAGE,   /* the command line is wrong (exit 2) */
};

struct rw_err {
	enum rw_errcode code;
	char msg[1024];
};

/* Set err (when not NULL) and return -1. Formats like printf. */
int rw_fail(struct rw_err *err, enum rw_errcode code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear err to RW_OK and an empty message. */
void rw_err_clear(struct rw_err *err);

/* Prefix err's message with "prefix: " (for adding a location found further up). */
void rw_err_prefix(struct rw_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
