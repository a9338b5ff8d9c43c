/* store_query.c: the read side of the store: the audit log, the agenda, statistics
 * (SPEC §2, §5; issue 6). */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

int store_log_each(struct store *s, const struct log_filter *f,
		   int (*fn)(void *arg, const struct log_entry *e), void *arg,
		   struct rw_err *err)
{
	(void)s, (void)f, (void)fn, (void)arg;
	return rw_fail(err, RW_EINVAL, "log: not available yet");
}

int store_reply_raw(struct store *s, int64_t reply_id, char **out, size_t *out_len,
		    struct rw_err *err)
{
	(void)s, (void)reply_id, (void)out, (void)out_len;
	return rw_fail(err, RW_EINVAL, "not available yet");
}

int store_sweep(struct store *s, const char *today, int *out_moved, struct rw_err *err)
{
	(void)s, (void)today, (void)err;
	if (out_moved)
		*out_moved = 0;
	return 0;
}

int store_due_each(struct store *s, const char *today, const char *until,
		   int (*fn)(void *arg, const struct due_item *d), void *arg,
		   struct rw_err *err)
{
	(void)s, (void)today, (void)until, (void)fn, (void)arg;
	return rw_fail(err, RW_EINVAL, "due: not available yet");
}

int store_stats(struct store *s, struct store_stats *out, struct rw_err *err)
{
	(void)s;
	memset(out, 0, sizeof *out);
	return rw_fail(err, RW_EINVAL, "stats: not available yet");
}

void store_stats_release(struct store_stats *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->nrules; i++)
		free(st->rules[i].rule);
	free(st->rules);
	memset(st, 0, sizeof *st);
}
