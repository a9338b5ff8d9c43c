/* store_int.h: what the store_*.c files share; not for use outside the store. */
#ifndef RW_STORE_INT_H
#define RW_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

#define STORE_NSTMT 96
#define STORE_NOWN 8

struct store {
	sqlite3 *db;
	char *path;
	struct schedule_params params;
	int depth; /* open savepoints / transactions (for sp_begin naming) */
	/* The user's own addresses ([imap] user ...): never a referral prospect (F2.54). */
	char *own[STORE_NOWN];
	size_t nown;
	struct {
		const char *sql; /* identity: the string literal's address */
		sqlite3_stmt *st;
	} cache[STORE_NSTMT];
};

/* A prepared statement for this SQL literal, reset with its bindings cleared; cached by the
 * literal's address. NULL with err set on failure. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct rw_err *err);
/* err from the database's last error, prefixed with what was being done. Returns -1. */
int store_dberr(struct store *s, struct rw_err *err, const char *what);
/* A savepoint around a group of writes: sp_begin, then sp_end(ok). */
int store_sp_begin(struct store *s, struct rw_err *err);
int store_sp_end(struct store *s, int rc, struct rw_err *err);

/* Binding helpers: NULL or "" text binds NULL when marked _null. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);
int store_bind_text_null(sqlite3_stmt *st, int i, const char *v);
const char *store_col_text(sqlite3_stmt *st, int i); /* NULL for SQL NULL */
char *store_col_dup(sqlite3_stmt *st, int i);	     /* malloc'd copy, or NULL */

/* The SQL condition on contacts c for an attempt still without an answer (store.c). */
#define OPEN_ATTEMPTS                                                                              \
	"c.answered = 0 AND c.date > max(COALESCE((SELECT max(date(r.date, 'unixepoch')) FROM"     \
	" replies_effective r WHERE r.prospect_id = c.prospect_id AND r.eff_class <> 'auto'),"     \
	" ''), COALESCE((SELECT max(a.date) FROM contacts a WHERE a.prospect_id = c.prospect_id"   \
	" AND a.answered), ''))"

/* Make room for one more element in a growable array: 0, or -1 (the array untouched). */
int store_grow(void *arrayp, size_t *cap, size_t n, size_t elem);

/* The prospect id for email: 1 found, 0 none, -1 error. */
int store_prospect_id(struct store *s, const char *email, int64_t *out, struct rw_err *err);
/* Find or create (status active) the prospect for email; *created set when new. */
int store_prospect_ensure(struct store *s, const char *email, int64_t referred_by, int64_t *out,
			  bool *created, struct rw_err *err);
/* Set the prospect's next contact and record it in the schedule history. date NULL/"" clears
 * it. status < 0 leaves the status. */
int store_schedule_set(struct store *s, int64_t prospect, int status, const char *date,
		       const char *why, const char *quote, int64_t reply_id, struct rw_err *err);

#endif
