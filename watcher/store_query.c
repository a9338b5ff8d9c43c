/* store_query.c: the read side of the store: the audit log, the agenda (with the drip
 * sweep), statistics (SPEC §2, §5; issue 6).
 *
 * A person's correction wins: class, reason and callback shown are the last correction's
 * when there is one (replies_effective), and the decision the rules made stays visible
 * beside it. Auto-replies never count as replies. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the log ---- */

static const char log_sql[] =
	"SELECT * FROM (SELECT r.id, r.message_id, r.from_addr, r.subject, r.date, r.folder,"
	" r.uid, COALESCE(o.kind, 'unknown') AS kind, r.eff_class, r.class,"
	" CASE WHEN r.corrected THEN (SELECT c.reason FROM corrections c WHERE c.reply_id = r.id"
	"  ORDER BY c.id DESC LIMIT 1) ELSE r.reason END AS reason,"
	" CASE WHEN r.corrected THEN (SELECT c.callback FROM corrections c WHERE c.reply_id ="
	"  r.id ORDER BY c.id DESC LIMIT 1) ELSE r.callback END AS callback,"
	" r.callback_quote, r.ooo_return, r.matched_by, r.ruleset, r.score_yes, r.score_later,"
	" r.score_no, r.corrected, r.reply_text, p.email AS prospect, r.review_note,"
	" (r.review_note IS NOT NULL AND NOT r.corrected AND (p.status = 'closed' OR"
	"  p.do_not_contact = 1)) AS needs_person"
	" FROM replies_effective r LEFT JOIN outbound o ON o.id = r.outbound_id"
	" LEFT JOIN prospects p ON p.id = r.prospect_id) e"
	" WHERE (?1 IS NULL OR e.date >= ?1) AND (?2 IS NULL OR e.eff_class = ?2 OR"
	"  (?7 = 1 AND e.needs_person))"
	" AND (?3 IS NULL OR e.reason = ?3 OR (substr(?3, -1) = '/' AND substr(e.reason, 1,"
	"  length(?3)) = ?3))"
	" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM rule_hits h WHERE h.reply_id = e.id AND"
	"  h.rule = ?4))"
	" AND (?5 IS NULL OR e.prospect = lower(?5)) AND (?6 = 0 OR e.corrected)"
	" ORDER BY e.date, e.id";

static const char hits_sql[] = "SELECT rule, class, weight, match, scope, negated FROM"
			       " rule_hits WHERE reply_id = ?1 ORDER BY id";
static const char corr_sql[] = "SELECT class, callback, reason, created FROM corrections"
			       " WHERE reply_id = ?1 ORDER BY id";

static int load_hits(struct store *s, int64_t rid, struct log_hit **out, size_t *n,
		     struct rw_err *err)
{
	sqlite3_stmt *st = store_stmt(s, hits_sql, err);
	struct log_hit *v = NULL;
	size_t cap = 0;
	int r;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow(&v, &cap, *n, sizeof *v) < 0) {
			sqlite3_reset(st);
			*out = v;
			return rw_fail(err, RW_ENOMEM, "out of memory");
		}
		struct log_hit *h = &v[(*n)++];
		/* Column texts stay valid until the statement steps again: copy them. */
		h->rule = store_col_dup(st, 0);
		h->cls = store_col_dup(st, 1);
		h->weight = sqlite3_column_double(st, 2);
		h->match = store_col_dup(st, 3);
		h->scope = store_col_dup(st, 4);
		h->negated = sqlite3_column_int(st, 5) != 0;
	}
	*out = v;
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading rule hits");
}

static void free_hits(struct log_hit *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)v[i].rule);
		free((char *)v[i].cls);
		free((char *)v[i].match);
		free((char *)v[i].scope);
	}
	free(v);
}

static int load_corrections(struct store *s, int64_t rid, struct log_correction **out, size_t *n,
			    struct rw_err *err)
{
	sqlite3_stmt *st = store_stmt(s, corr_sql, err);
	struct log_correction *v = NULL;
	size_t cap = 0;
	int r;
	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (store_grow(&v, &cap, *n, sizeof *v) < 0) {
			sqlite3_reset(st);
			*out = v;
			return rw_fail(err, RW_ENOMEM, "out of memory");
		}
		struct log_correction *c = &v[(*n)++];
		c->cls = store_col_dup(st, 0);
		c->callback = store_col_dup(st, 1);
		c->reason = store_col_dup(st, 2);
		c->when = (time_t)sqlite3_column_int64(st, 3);
	}
	*out = v;
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading corrections");
}

static void free_corrections(struct log_correction *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)v[i].cls);
		free((char *)v[i].callback);
		free((char *)v[i].reason);
	}
	free(v);
}

int store_log_each(struct store *s, const struct log_filter *f,
		   int (*fn)(void *arg, const struct log_entry *e), void *arg, struct rw_err *err)
{
	static const struct log_filter none;
	sqlite3_stmt *st = store_stmt(s, log_sql, err);
	int r, rc = 0;

	if (!st)
		return -1;
	if (!f)
		f = &none;
	if (f->since)
		sqlite3_bind_int64(st, 1, (sqlite3_int64)f->since);
	store_bind_text_null(st, 2, f->cls);
	store_bind_text_null(st, 3, f->reason);
	store_bind_text_null(st, 4, f->rule);
	store_bind_text_null(st, 5, f->prospect);
	sqlite3_bind_int(st, 6, f->corrections_only);
	sqlite3_bind_int(st, 7, f->review_queue);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct log_entry e = {0};
		struct log_hit *hits = NULL;
		struct log_correction *corr = NULL;
		e.id = sqlite3_column_int64(st, 0);
		e.message_id = store_col_text(st, 1);
		e.from = store_col_text(st, 2);
		e.subject = store_col_text(st, 3);
		e.date = (time_t)sqlite3_column_int64(st, 4);
		e.folder = store_col_text(st, 5);
		e.uid = (uint32_t)sqlite3_column_int64(st, 6);
		if (store_kind_parse(store_col_text(st, 7), &e.kind) < 0)
			e.kind = RW_KIND_UNKNOWN;
		e.cls = store_col_text(st, 8);
		e.orig_cls = store_col_text(st, 9);
		e.reason = store_col_text(st, 10);
		e.callback = store_col_text(st, 11);
		e.callback_quote = store_col_text(st, 12);
		e.ooo_return = store_col_text(st, 13);
		e.matched_by = store_col_text(st, 14);
		e.ruleset = store_col_text(st, 15);
		e.scores[0] = sqlite3_column_double(st, 16);
		e.scores[1] = sqlite3_column_double(st, 17);
		e.scores[2] = sqlite3_column_double(st, 18);
		e.corrected = sqlite3_column_int(st, 19) != 0;
		e.reply = store_col_text(st, 20);
		e.prospect = store_col_text(st, 21);
		e.review_note = store_col_text(st, 22);
		e.needs_person = sqlite3_column_int(st, 23) != 0;
		if (load_hits(s, e.id, &hits, &e.nhits, err) < 0 ||
		    load_corrections(s, e.id, &corr, &e.ncorrections, err) < 0) {
			rc = -1;
		} else {
			e.hits = hits;
			e.corrections = corr;
			rc = fn(arg, &e);
		}
		free_hits(hits, e.nhits);
		free_corrections(corr, e.ncorrections);
		if (rc)
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = store_dberr(s, err, "reading the log");
	sqlite3_reset(st);
	return rc;
}

int store_reply_raw(struct store *s, int64_t reply_id, char **out, size_t *out_len,
		    struct rw_err *err)
{
	static const char sql[] = "SELECT raw FROM replies WHERE id = ?1 AND raw IS NOT NULL";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int r, rc = 0;
	*out = NULL;
	*out_len = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, reply_id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		const void *b = sqlite3_column_blob(st, 0);
		if (!(*out = malloc(n + 1))) {
			rc = rw_fail(err, RW_ENOMEM, "out of memory");
		} else {
			if (n)
				memcpy(*out, b, n);
			(*out)[n] = '\0';
			*out_len = n;
			rc = 1;
		}
	} else if (r != SQLITE_DONE) {
		rc = store_dberr(s, err, "reading a message");
	}
	sqlite3_reset(st);
	return rc;
}

/* ---- drip sweep ---- */

int store_sweep(struct store *s, const char *today, int *out_moved, struct rw_err *err)
{
	/* Break-up prospects, with their latest break-up email and whether any real reply
	 * (review included: a person still has to read it) came after it. */
	static const char sql[] =
		"SELECT b.id, b.sent FROM (SELECT p.id, max(o.date) AS sent FROM prospects p"
		" JOIN outbound_recipients x ON x.prospect_id = p.id"
		" JOIN outbound o ON o.id = x.outbound_id AND o.kind = 'breakup'"
		" WHERE p.status = 'breakup-sent' GROUP BY p.id) b"
		" WHERE NOT EXISTS (SELECT 1 FROM replies_effective r WHERE r.prospect_id = b.id"
		"  AND r.eff_class <> 'auto' AND r.date >= b.sent)";
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int r, rc = -1, moved = 0;

	if (out_moved)
		*out_moved = 0;
	if (store_sp_begin(s, err) < 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		goto out;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		char sent[11], due[11];
		schedule_date_of(sent, (time_t)sqlite3_column_int64(st, 1), s->params.timezone);
		schedule_add_days(due, sent, s->params.drip_after_days);
		if (strcmp(due, today) > 0)
			continue;
		if (store_grow(&ids, &cap, n, sizeof *ids) < 0) {
			sqlite3_reset(st);
			rw_fail(err, RW_ENOMEM, "out of memory");
			goto out;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "finding break-up emails without a reply");
		goto out;
	}
	for (size_t i = 0; i < n; i++, moved++)
		if (store_schedule_set(s, ids[i], PS_DRIP, NULL, "drip", NULL, 0, err) < 0)
			goto out;
	if (out_moved)
		*out_moved = moved;
	rc = 0;
out:
	free(ids);
	return store_sp_end(s, rc, err);
}

/* ---- the agenda ---- */

struct due_vec {
	struct due_item *v;
	size_t n, cap;
};

static int due_push(struct due_vec *d, sqlite3_stmt *st, const char *date, const char *why,
		    const char *quote, int attempts)
{
	if (store_grow(&d->v, &d->cap, d->n, sizeof *d->v) < 0)
		return -1;
	struct due_item *it = &d->v[d->n];
	memset(it, 0, sizeof *it);
	it->email = store_col_dup(st, 0);
	it->name = store_col_dup(st, 1);
	it->company = store_col_dup(st, 2);
	if (prospect_status_parse(store_col_text(st, 3) ? store_col_text(st, 3) : "", &it->status) <
	    0)
		it->status = PS_ACTIVE;
	snprintf(it->date, sizeof it->date, "%s", date);
	it->why = strdup(why);
	it->quote = quote ? strdup(quote) : NULL;
	it->attempts = attempts;
	d->n++;
	return it->email && it->why ? 0 : -1;
}

static void due_free(struct due_vec *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free((char *)d->v[i].email);
		free((char *)d->v[i].name);
		free((char *)d->v[i].company);
		free((char *)d->v[i].why);
		free((char *)d->v[i].quote);
	}
	free(d->v);
}

static int due_cmp(const void *a, const void *b)
{
	const struct due_item *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : strcmp(x->email, y->email);
}

static const char decide_sql[] =
	"SELECT p.email, p.name, p.company, p.status, max(r.date), r.review_note"
	" FROM replies_effective r JOIN prospects p ON p.id = r.prospect_id"
	" WHERE r.review_note IS NOT NULL AND NOT r.corrected AND (p.status = 'closed' OR"
	" p.do_not_contact = 1) GROUP BY p.id ORDER BY p.email";

int store_due_each(struct store *s, const char *until,
		   int (*fn)(void *arg, const struct due_item *d), void *arg, struct rw_err *err)
{
	/* One row per prospect who may be due, with what the attempts say:
	 * 0 email, 1 name, 2 company, 3 status, 4 next_contact, 5 next_reason, 6 next_quote,
	 * 7 unanswered attempts, 8 date of the Nth unanswered attempt, 9 last attempt date,
	 * 10 last contact of any kind (attempt or outbound) as a date, 11 created date. */
	static const char sql[] =
		"WITH open AS (SELECT c.prospect_id, c.date FROM contacts c WHERE " OPEN_ATTEMPTS
		")"
		" SELECT p.email, p.name, p.company, p.status, p.next_contact, p.next_reason,"
		" p.next_quote,"
		" (SELECT count(*) FROM open WHERE open.prospect_id = p.id),"
		" (SELECT date FROM open WHERE open.prospect_id = p.id ORDER BY date LIMIT 1"
		"  OFFSET ?1 - 1),"
		" (SELECT max(date) FROM contacts c WHERE c.prospect_id = p.id),"
		" max(COALESCE((SELECT max(date) FROM contacts c WHERE c.prospect_id = p.id), ''),"
		"  COALESCE((SELECT date(max(o.date), 'unixepoch') FROM outbound o JOIN"
		"  outbound_recipients x ON x.outbound_id = o.id WHERE x.prospect_id = p.id), '')),"
		" date(p.created, 'unixepoch')"
		" FROM prospects p WHERE p.do_not_contact = 0 AND p.status NOT IN ('closed',"
		" 'left-company', 'bad-address', 'drip') ORDER BY p.email";
	const struct schedule_params *pp = &s->params;
	struct due_vec d = {0};
	int r, rc = -1;

	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, pp->break_up_attempts);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		enum prospect_status ps = PS_ACTIVE;
		const char *next = store_col_text(st, 4);
		int attempts = sqlite3_column_int(st, 7);
		const char *nth = store_col_text(st, 8), *lastatt = store_col_text(st, 9);
		int pr = 0;

		prospect_status_parse(store_col_text(st, 3) ? store_col_text(st, 3) : "", &ps);
		/* Attempts made on or after the scheduled day mean that contact happened. */
		bool next_done = next && lastatt && strcmp(lastatt, next) >= 0 && ps != PS_PENDING;
		bool suggest = attempts >= pp->break_up_attempts && nth && ps != PS_BREAKUP_SENT &&
			       ps != PS_PENDING;
		if (suggest && (!next || next_done)) {
			if (strcmp(nth, until) <= 0) {
				char q[96];
				snprintf(q, sizeof q, "%d attempts without an answer", attempts);
				pr = due_push(&d, st, nth, "breakup-suggested", q, attempts);
			}
		} else if (next && !next_done) {
			if (strcmp(next, until) <= 0)
				pr = due_push(&d, st, next,
					      store_col_text(st, 5) ? store_col_text(st, 5)
								    : "manual",
					      store_col_text(st, 6), attempts);
		} else if (ps == PS_PENDING) {
			/* In the pending file with nothing scheduled: due pending_every_days after
			 * the last contact (or after it was added). */
			const char *last = store_col_text(st, 10);
			char when[11];
			if (!last || !*last)
				last = store_col_text(st, 11);
			if (last && schedule_date_parse(when, last, NULL) == 0) {
				schedule_add_days(when, last, pp->pending_every_days);
				if (strcmp(when, until) <= 0)
					pr = due_push(&d, st, when, "pending-due", NULL, attempts);
			}
		}
		if (pr < 0) {
			sqlite3_reset(st);
			rw_fail(err, RW_ENOMEM, "out of memory");
			goto out;
		}
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "reading the agenda");
		goto out;
	}
	/* A closed or do-not-contact prospect who replied yes/later is never due by the
	 * rules, but a person must decide: listed (as of the reply) until labelled, reopened
	 * or cleared (F5.3). */
	if (!(st = store_stmt(s, decide_sql, err)))
		goto out;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		char when[11];
		schedule_date_of(when, (time_t)sqlite3_column_int64(st, 4), pp->timezone);
		if (due_push(&d, st, when, "decide", store_col_text(st, 5), 0) < 0) {
			sqlite3_reset(st);
			rw_fail(err, RW_ENOMEM, "out of memory");
			goto out;
		}
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "reading the agenda");
		goto out;
	}
	if (d.n)
		qsort(d.v, d.n, sizeof *d.v, due_cmp);
	rc = 0;
	for (size_t i = 0; i < d.n && rc == 0; i++)
		rc = fn(arg, &d.v[i]);
out:
	due_free(&d);
	return rc;
}

/* ---- statistics ---- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int store_stats(struct store *s, struct store_stats *out, struct rw_err *err)
{
	/* Per (outbound, recipient): the kind, and the delay to the first real reply. */
	static const char pairs[] =
		"SELECT o.kind, (SELECT min(r.date) FROM replies_effective r WHERE r.outbound_id ="
		" o.id AND r.prospect_id = x.prospect_id AND r.eff_class <> 'auto') - o.date"
		" FROM outbound o JOIN outbound_recipients x ON x.outbound_id = o.id";
	static const char autos[] =
		"SELECT COALESCE(o.kind, 'unknown'), count(*) FROM replies_effective r LEFT JOIN"
		" outbound o ON o.id = r.outbound_id WHERE r.eff_class = 'auto' GROUP BY 1";
	static const char classes[] =
		"SELECT eff_class, count(*) FROM replies_effective GROUP BY 1";
	static const char ncorr[] = "SELECT count(*) FROM corrections";
	static const char rules[] =
		"SELECT rule, count(*) FROM rule_hits GROUP BY rule ORDER BY 2 DESC, 1";
	double *delays[3] = {NULL, NULL, NULL};
	size_t nd[3] = {0}, capd[3] = {0};
	sqlite3_stmt *st;
	int r, rc = -1;

	memset(out, 0, sizeof *out);
	for (int k = 0; k < 3; k++) {
		out->kinds[k].kind = (enum rw_kind)k;
		out->kinds[k].median_hours = out->kinds[k].mean_hours = -1;
	}
	if (!(st = store_stmt(s, pairs, err)))
		goto out;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		enum rw_kind k = RW_KIND_UNKNOWN;
		store_kind_parse(store_col_text(st, 0), &k);
		out->kinds[k].sent++;
		if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		out->kinds[k].replied++;
		if (store_grow(&delays[k], &capd[k], nd[k], sizeof(double)) < 0) {
			sqlite3_reset(st);
			rw_fail(err, RW_ENOMEM, "out of memory");
			goto out;
		}
		double h = (double)sqlite3_column_int64(st, 1) / 3600.0;
		delays[k][nd[k]++] = h < 0 ? 0 : h;
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "counting replies");
		goto out;
	}
	for (int k = 0; k < 3; k++) {
		if (!nd[k])
			continue;
		double sum = 0;
		qsort(delays[k], nd[k], sizeof(double), cmp_double);
		for (size_t i = 0; i < nd[k]; i++)
			sum += delays[k][i];
		out->kinds[k].mean_hours = sum / (double)nd[k];
		out->kinds[k].median_hours =
			nd[k] % 2 ? delays[k][nd[k] / 2]
				  : (delays[k][nd[k] / 2 - 1] + delays[k][nd[k] / 2]) / 2;
	}
	if (!(st = store_stmt(s, autos, err)))
		goto out;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		enum rw_kind k = RW_KIND_UNKNOWN;
		store_kind_parse(store_col_text(st, 0), &k);
		out->kinds[k].auto_replies += sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (!(st = store_stmt(s, classes, err)))
		goto out;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		enum rw_class c;
		if (store_class_parse(store_col_text(st, 0), &c) == 0) {
			out->classes[c] += sqlite3_column_int64(st, 1);
			out->replies += sqlite3_column_int64(st, 1);
		}
	}
	sqlite3_reset(st);
	if (!(st = store_stmt(s, ncorr, err)))
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW)
		out->corrections = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (!(st = store_stmt(s, rules, err)))
		goto out;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct stats_rule *nv = realloc(out->rules, (out->nrules + 1) * sizeof *nv);
		if (!nv) {
			sqlite3_reset(st);
			rw_fail(err, RW_ENOMEM, "out of memory");
			goto out;
		}
		out->rules = nv;
		nv[out->nrules].rule = store_col_dup(st, 0);
		nv[out->nrules].hits = sqlite3_column_int64(st, 1);
		out->nrules++;
	}
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "counting rule hits");
		goto out;
	}
	rc = 0;
out:
	for (int k = 0; k < 3; k++)
		free(delays[k]);
	if (rc < 0)
		store_stats_release(out);
	return rc;
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
