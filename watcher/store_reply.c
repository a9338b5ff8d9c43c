/* store_reply.c: outbound emails, replies, decisions and corrections, and what each does to
 * the prospect and its next contact (SPEC §2 table, §3, §7).
 *
 * A decision is applied in the same SAVEPOINT that records it, so the reply, its rule hits,
 * the prospect's new status and the schedule change together or not at all. A correction
 * (label) is appended and applied the same way; nothing ever rewrites a recorded decision. */
#include "store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mail.h"

/* ---- outbound ---- */

int store_outbound_add(struct store *s, const struct outbound *o, struct rw_err *err)
{
	static const char find[] = "SELECT id FROM outbound WHERE message_id = ?1";
	static const char ins[] = "INSERT INTO outbound (message_id, kind, date, subject, body,"
				  " folder, uid, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	static const char rcpt[] = "INSERT OR IGNORE INTO outbound_recipients (outbound_id,"
				   " prospect_id, position) VALUES (?1, ?2, ?3)";
	static const char status[] = "SELECT status FROM prospects WHERE id = ?1";
	sqlite3_stmt *st;
	int64_t oid;
	int r, rc = -1;
	size_t added = 0;

	if (!o->message_id || !*o->message_id)
		return rw_fail(err, RW_EINVAL, "the outbound email has no Message-ID");
	if (store_sp_begin(s, err) < 0)
		return -1;
	if (!(st = store_stmt(s, find, err)))
		goto out;
	store_bind_text(st, 1, o->message_id);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r == SQLITE_ROW) {
		rc = 0; /* already tracked: idempotent */
		goto out;
	}
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "looking up an outbound email");
		goto out;
	}
	if (!(st = store_stmt(s, ins, err)))
		goto out;
	store_bind_text(st, 1, o->message_id);
	store_bind_text(st, 2, store_kind_name(o->kind));
	sqlite3_bind_int64(st, 3, (sqlite3_int64)o->date);
	store_bind_text_null(st, 4, o->subject);
	store_bind_text_null(st, 5, o->text);
	store_bind_text_null(st, 6, o->folder);
	if (o->folder)
		sqlite3_bind_int64(st, 7, o->uid);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)time(NULL));
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "recording an outbound email");
		goto out;
	}
	oid = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < o->nrecipients; i++) {
		int64_t pid;
		enum prospect_status ps = PS_ACTIVE;
		const char *addr = o->recipients[i];
		if (!addr || !prospect_email_valid(addr))
			continue; /* an undisclosed-recipients group or junk: not a prospect */
		if (store_prospect_ensure(s, addr, 0, &pid, NULL, err) < 0)
			goto out;
		if (!(st = store_stmt(s, rcpt, err)))
			goto out;
		sqlite3_bind_int64(st, 1, oid);
		sqlite3_bind_int64(st, 2, pid);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)added++);
		r = sqlite3_step(st);
		sqlite3_reset(st);
		if (r != SQLITE_DONE) {
			store_dberr(s, err, "recording a recipient");
			goto out;
		}
		if (!(st = store_stmt(s, status, err)))
			goto out;
		sqlite3_bind_int64(st, 1, pid);
		if (sqlite3_step(st) == SQLITE_ROW && store_col_text(st, 0))
			prospect_status_parse(store_col_text(st, 0), &ps);
		sqlite3_reset(st);
		/* A prospect a decision closed stays closed until a person reopens it. */
		if (ps == PS_CLOSED || ps == PS_LEFT_COMPANY || ps == PS_BAD_ADDRESS)
			continue;
		if (o->kind == RW_KIND_BREAKUP) {
			/* Nothing is due: no reply within drip_after_days moves it to drip. */
			if (store_schedule_set(s, pid, PS_BREAKUP_SENT, NULL, "breakup-sent", NULL,
					       0, err) < 0)
				goto out;
		} else if (o->kind == RW_KIND_PENDING) {
			char d[11], next[11];
			schedule_date_of(d, o->date, s->params.timezone);
			schedule_add_days(next, d, s->params.pending_every_days);
			if (store_schedule_set(s, pid, PS_PENDING, next, "pending-due", NULL, 0,
					       err) < 0)
				goto out;
		}
	}
	rc = 1;
out:
	return store_sp_end(s, rc, err);
}

static int ref_from_row(sqlite3_stmt *st, struct outbound_ref *out)
{
	const char *t;
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(st, 0);
	if (store_kind_parse(store_col_text(st, 1), &out->kind) < 0)
		out->kind = RW_KIND_UNKNOWN;
	out->date = (time_t)sqlite3_column_int64(st, 2);
	snprintf(out->message_id, sizeof out->message_id, "%s",
		 (t = store_col_text(st, 3)) ? t : "");
	snprintf(out->prospect_email, sizeof out->prospect_email, "%s",
		 (t = store_col_text(st, 4)) ? t : "");
	if ((t = store_col_text(st, 5)) && !(out->text = strdup(t)))
		return -1;
	return 0;
}

/* One row of an outbound query: 1 (out filled), 0 none, -1 error. */
static int step_ref(struct store *s, sqlite3_stmt *st, struct outbound_ref *out, struct rw_err *err)
{
	int rc, r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		rc = ref_from_row(st, out) < 0 ? rw_fail(err, RW_ENOMEM, "out of memory") : 1;
	else
		rc = r == SQLITE_DONE ? 0 : store_dberr(s, err, "finding an outbound email");
	sqlite3_reset(st);
	return rc;
}

int store_outbound_find(struct store *s, const char *message_id, struct outbound_ref *out,
			struct rw_err *err)
{
	static const char sql[] =
		"SELECT o.id, o.kind, o.date, o.message_id, (SELECT p.email FROM"
		" outbound_recipients r JOIN prospects p ON p.id = r.prospect_id WHERE"
		" r.outbound_id = o.id ORDER BY r.position LIMIT 1), o.body"
		" FROM outbound o WHERE o.message_id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, message_id);
	return step_ref(s, st, out, err);
}

int store_outbound_recent_for(struct store *s, const char *email, time_t since,
			      struct outbound_ref *out, struct rw_err *err)
{
	static const char sql[] =
		"SELECT o.id, o.kind, o.date, o.message_id, p.email, o.body FROM outbound o"
		" JOIN outbound_recipients r ON r.outbound_id = o.id JOIN prospects p ON p.id ="
		" r.prospect_id WHERE p.email = ?1 AND o.date >= ?2 ORDER BY o.date DESC, o.id"
		" DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, email);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)since);
	return step_ref(s, st, out, err);
}

void outbound_ref_release(struct outbound_ref *r)
{
	if (!r)
		return;
	free(r->text);
	r->text = NULL;
}

/* ---- applying a decision ---- */

struct effect {
	enum rw_class cls;
	enum rw_kind kind;
	time_t reply_date;
	const char *callback, *quote, *ooo_return, *referral;
	bool do_not_contact, left_company, bounce;
	bool by_person; /* a correction: the person's decision is applied as given */
	/* "YYYY-MM-DD" the schedule counts from instead of the reply's date, or NULL */
	const char *base_date;
	int64_t reply_id;
};

/* The prospect's status and flag before this reply changes anything. */
static int prospect_state(struct store *s, int64_t pid, enum prospect_status *out_status,
			  bool *out_dnc, struct rw_err *err)
{
	static const char sql[] = "SELECT status, do_not_contact FROM prospects WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	*out_status = PS_ACTIVE;
	*out_dnc = false;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		prospect_status_parse(store_col_text(st, 0) ? store_col_text(st, 0) : "",
				      out_status);
		*out_dnc = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading a prospect");
}

static int set_review_note(struct store *s, int64_t rid, const char *note, struct rw_err *err)
{
	static const char sql[] = "UPDATE replies SET review_note = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	store_bind_text(st, 2, note);
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "queueing a reply for review");
}

static int set_dnc(struct store *s, int64_t pid, struct rw_err *err)
{
	static const char sql[] = "UPDATE prospects SET do_not_contact = 1 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "setting do-not-contact");
}

static int prospect_email_of(struct store *s, int64_t pid, char *out, size_t n, struct rw_err *err)
{
	static const char sql[] = "SELECT email FROM prospects WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	int r = sqlite3_step(st);
	snprintf(out, n, "%s",
		 r == SQLITE_ROW && store_col_text(st, 0) ? store_col_text(st, 0) : "");
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading a prospect");
}

/* The quoted sentence on one line: replies wrap where the sender's client did. */
static char *one_line(const char *q)
{
	if (!q)
		return NULL;
	char *o = malloc(strlen(q) + 1), *w = o;
	if (!o)
		return NULL;
	bool space = false;
	for (const char *p = q; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = w != o;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = false;
		*w++ = *p;
	}
	*w = '\0';
	return o;
}

static int apply_one(struct store *s, int64_t pid, const struct effect *e, struct rw_err *err);

/* SPEC §2 table, for one prospect. */
static int apply(struct store *s, int64_t pid, const struct effect *e, struct rw_err *err)
{
	struct effect e2 = *e;
	char *q = one_line(e->quote);
	if (e->quote && !q)
		return rw_fail(err, RW_ENOMEM, "out of memory");
	e2.quote = q;
	int rc = apply_one(s, pid, &e2, err);
	free(q);
	return rc;
}

static int apply_one(struct store *s, int64_t pid, const struct effect *e, struct rw_err *err)
{
	const struct schedule_params *p = &s->params;
	char rd[11], date[11];

	enum prospect_status was;
	bool was_dnc;

	schedule_date_of(rd, e->reply_date, p->timezone);
	if (e->base_date && strcmp(e->base_date, rd) > 0)
		snprintf(rd, sizeof rd, "%s", e->base_date);
	if (prospect_state(s, pid, &was, &was_dnc, err) < 0)
		return -1;
	if (e->do_not_contact && set_dnc(s, pid, err) < 0)
		return -1;
	if (e->referral && prospect_email_valid(e->referral)) {
		int64_t rid;
		bool created;
		char from[256], quote[300];
		if (store_prospect_ensure(s, e->referral, pid, &rid, &created, err) < 0)
			return -1;
		if (created) {
			if (prospect_email_of(s, pid, from, sizeof from, err) < 0)
				return -1;
			snprintf(quote, sizeof quote, "referred by %s", from);
			schedule_next_business_day(date, rd);
			if (store_schedule_set(s, rid, -1, date, "referral", quote, e->reply_id,
					       err) < 0)
				return -1;
		}
	}
	if (e->bounce)
		return store_schedule_set(s, pid, PS_BAD_ADDRESS, NULL, "bounce", NULL, e->reply_id,
					  err);
	if (e->left_company)
		return store_schedule_set(s, pid, PS_LEFT_COMPANY, NULL, "left-company", NULL,
					  e->reply_id, err);
	/* SPEC §2: closed means no contact "until a person reopens it", and no decision clears
	 * do-not-contact. A yes/later from such a prospect is recorded as decided, but only a
	 * person may act on it: the reply waits in review and due (F5.3, F5.4). */
	if (!e->by_person && (e->cls == RW_YES || e->cls == RW_LATER) &&
	    (was == PS_CLOSED || was_dnc)) {
		char email[256], note[400];
		if (prospect_email_of(s, pid, email, sizeof email, err) < 0)
			return -1;
		if (was_dnc)
			snprintf(note, sizeof note,
				 "do-not-contact prospect asked to be contacted (replied %s): clear "
				 "the flag with 'replywatch prospect set %s --clear-do-not-contact'",
				 store_class_name(e->cls), email);
		else
			snprintf(note, sizeof note,
				 "closed prospect replied %s: reopen with 'replywatch prospect set %s "
				 "--status active'",
				 store_class_name(e->cls), email);
		return set_review_note(s, e->reply_id, note, err);
	}
	switch (e->cls) {
	case RW_YES:
		schedule_next_business_day(date, rd);
		return store_schedule_set(s, pid, PS_ENGAGED, date, "yes", e->quote, e->reply_id,
					  err);
	case RW_LATER:
		if (!e->callback || schedule_date_parse(date, e->callback, NULL) < 0 ||
		    strcmp(e->callback, "today") == 0)
			schedule_add_days(date, rd,
					  e->kind == RW_KIND_PENDING ? p->pending_later_days
								     : p->breakup_later_days);
		/* "In May" is May 1st, which may be a Saturday: nobody calls then, so the
		 * agenda gets the Monday (F2.45). A date a person typed is kept as typed. */
		if (!(e->by_person && e->callback)) {
			char bd[11];
			schedule_business_day_from(bd, date);
			memcpy(date, bd, sizeof date);
		}
		return store_schedule_set(s, pid, PS_LATER, date, "later", e->quote, e->reply_id,
					  err);
	case RW_NO:
		return store_schedule_set(s, pid, PS_CLOSED, NULL, "no", NULL, e->reply_id, err);
	case RW_AUTO:
		/* A return date in the past or more than ooo_max_days away is ignored. */
		if (e->ooo_return && schedule_date_parse(date, e->ooo_return, NULL) == 0) {
			int days = schedule_days_between(rd, date);
			if (days > 0 && days <= p->ooo_max_days) {
				char when[11];
				schedule_business_day_from(when, date);
				return store_schedule_set(s, pid, -1, when, "ooo", NULL,
							  e->reply_id, err);
			}
		}
		return 0;
	case RW_REVIEW:
	default:
		return 0; /* queued for a person: 'replywatch review' */
	}
}

static bool in_list(const char *addr, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && strcasecmp(addr, v[i]) == 0)
			return true;
	return false;
}

/* F2.54: a referral naming the sender, or the user (the reply's To/Cc, an own address), is
 * the rules misreading "I forwarded your note to <you>": no prospect is made of it. 1 own,
 * 0 not, -1 error. */
static int referral_is_own(struct store *s, const struct reply_meta *m, const struct decision *d,
			   const char *addr, struct rw_err *err)
{
	if ((m->from && strcasecmp(addr, m->from) == 0) ||
	    (d->from && strcasecmp(addr, d->from) == 0) ||
	    in_list(addr, (const char *const *)s->own, s->nown) || in_list(addr, m->to, m->nto))
		return 1;
	if (m->to || !m->raw)
		return 0;
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	struct mail *mail = NULL;
	struct rw_err e2 = {0};
	if (mail_parse(&mail, m->raw, m->raw_len, &lim, &e2) < 0) {
		if (e2.code == RW_ENOMEM)
			return rw_fail(err, RW_ENOMEM, "out of memory");
		return 0; /* unparsable headers: nothing more to compare with */
	}
	static const char *const hdrs[] = {"To", "Cc", "Delivered-To", "X-Original-To"};
	int own = 0;
	for (size_t h = 0; h < sizeof hdrs / sizeof hdrs[0] && !own; h++) {
		size_t n = 0;
		const char *const *v = mail_addresses(mail, hdrs[h], &n);
		own = in_list(addr, v, n);
	}
	mail_free(&mail);
	return own;
}

int store_reply_prospect(struct store *s, const char *message_id, struct prospect *out,
			 struct rw_err *err)
{
	static const char sql[] = "SELECT p.email FROM replies r JOIN prospects p ON p.id ="
				  " r.prospect_id WHERE r.message_id = ?1";
	char email[256];
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, message_id);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		snprintf(email, sizeof email, "%s", store_col_text(st, 0));
	sqlite3_reset(st);
	if (r == SQLITE_DONE)
		return 0;
	if (r != SQLITE_ROW)
		return store_dberr(s, err, "finding the reply's prospect");
	return store_prospect_get(s, email, out, err);
}

int store_reply_known(struct store *s, const char *message_id, struct rw_err *err)
{
	static const char sql[] = "SELECT 1 FROM replies WHERE message_id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, message_id);
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r == SQLITE_ROW)
		return 1;
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "looking up a reply");
}

/* Whose reply is it: the sender when a prospect (and a recipient of the outbound when there
 * is one), else the bounce's recipient, else the outbound's first recipient. */
static int reply_prospect(struct store *s, const struct reply_meta *m, const struct decision *d,
			  int64_t *out, struct rw_err *err)
{
	static const char first[] = "SELECT prospect_id FROM outbound_recipients WHERE"
				    " outbound_id = ?1 ORDER BY position LIMIT 1";
	int r;
	*out = 0;
	if (m->from && *m->from && (r = store_prospect_id(s, m->from, out, err)) != 0)
		return r < 0 ? -1 : 0;
	if (d->bounce_recipient && *d->bounce_recipient &&
	    (r = store_prospect_id(s, d->bounce_recipient, out, err)) != 0)
		return r < 0 ? -1 : 0;
	if (!m->outbound_id)
		return 0;
	sqlite3_stmt *st = store_stmt(s, first, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->outbound_id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading recipients");
}

static int outbound_kind(struct store *s, int64_t oid, enum rw_kind *out, struct rw_err *err)
{
	static const char sql[] = "SELECT kind FROM outbound WHERE id = ?1";
	*out = RW_KIND_UNKNOWN;
	if (!oid)
		return 0;
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, oid);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		store_kind_parse(store_col_text(st, 0), out);
	sqlite3_reset(st);
	return r == SQLITE_ROW || r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading an outbound");
}

int store_reply_record(struct store *s, const struct reply_meta *m, const struct decision *d,
		       struct rw_err *err)
{
	static const char ins[] =
		"INSERT INTO replies (message_id, outbound_id, prospect_id, from_addr, subject,"
		" date, folder, uid, matched_by, class, reason, score_yes, score_later, score_no,"
		" callback, callback_quote, ooo_return, bounce, do_not_contact, referral,"
		" left_company, ruleset, reply_text, warnings, raw, created) VALUES (?1, ?2, ?3, "
		"?4,"
		" ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,"
		" ?22, ?23, ?24, ?25, ?26)";
	static const char hit[] = "INSERT INTO rule_hits (reply_id, rule, class, weight, match,"
				  " scope, negated, hit_limit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
				  " ?8)";
	const char *mid = m->message_id && *m->message_id ? m->message_id : d->message_id;
	int64_t pid = 0, rid;
	enum rw_kind kind;
	sqlite3_stmt *st;
	int r, rc = -1;

	if (!mid || !*mid)
		return rw_fail(err, RW_EINVAL, "a reply without a Message-ID cannot be recorded");
	if (store_sp_begin(s, err) < 0)
		return -1;
	if ((r = store_reply_known(s, mid, err)) != 0) {
		rc = r < 0 ? -1 : 0; /* exactly once: already recorded */
		goto out;
	}
	if (reply_prospect(s, m, d, &pid, err) < 0 ||
	    outbound_kind(s, m->outbound_id, &kind, err) < 0)
		goto out;
	if (!(st = store_stmt(s, ins, err)))
		goto out;
	store_bind_text(st, 1, mid);
	if (m->outbound_id)
		sqlite3_bind_int64(st, 2, m->outbound_id);
	if (pid)
		sqlite3_bind_int64(st, 3, pid);
	store_bind_text_null(st, 4, m->from);
	store_bind_text_null(st, 5, m->subject ? m->subject : d->subject);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)(m->date ? m->date : d->date));
	store_bind_text_null(st, 7, m->folder);
	if (m->folder)
		sqlite3_bind_int64(st, 8, m->uid);
	store_bind_text_null(st, 9, m->matched_by);
	store_bind_text(st, 10, store_class_name(d->cls));
	store_bind_text_null(st, 11, d->reason);
	sqlite3_bind_double(st, 12, d->scores[RW_YES]);
	sqlite3_bind_double(st, 13, d->scores[RW_LATER]);
	sqlite3_bind_double(st, 14, d->scores[RW_NO]);
	store_bind_text_null(st, 15, d->callback);
	store_bind_text_null(st, 16, d->callback_quote);
	store_bind_text_null(st, 17, d->ooo_return);
	sqlite3_bind_int(st, 18, d->bounce);
	sqlite3_bind_int(st, 19, d->do_not_contact);
	store_bind_text_null(st, 20, d->referral);
	sqlite3_bind_int(st, 21, d->left_company);
	store_bind_text_null(st, 22, d->ruleset);
	store_bind_text_null(st, 23, d->reply);
	store_bind_text_null(st, 24, d->warnings);
	if (m->raw)
		sqlite3_bind_blob64(st, 25, m->raw, m->raw_len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 26, (sqlite3_int64)time(NULL));
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "recording a reply");
		goto out;
	}
	rid = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; i < d->nhits; i++) {
		const struct rw_hit *h = &d->hits[i];
		if (!(st = store_stmt(s, hit, err)))
			goto out;
		sqlite3_bind_int64(st, 1, rid);
		store_bind_text(st, 2, h->rule ? h->rule : "?");
		store_bind_text(st, 3, store_class_name(h->cls));
		sqlite3_bind_double(st, 4, h->weight);
		store_bind_text(st, 5, h->match);
		store_bind_text(st, 6, h->scope);
		sqlite3_bind_int(st, 7, h->negated);
		sqlite3_bind_int(st, 8, h->limit);
		r = sqlite3_step(st);
		sqlite3_reset(st);
		if (r != SQLITE_DONE) {
			store_dberr(s, err, "recording a rule hit");
			goto out;
		}
	}
	const char *referral = d->referral;
	if (referral && *referral) {
		int own = referral_is_own(s, m, d, referral, err);
		if (own < 0)
			goto out;
		if (own)
			referral = NULL;
	}
	if (pid) {
		struct effect e = {
			.cls = d->cls,
			.kind = kind,
			.reply_date = m->date ? m->date : d->date,
			.callback = d->callback[0] ? d->callback : NULL,
			.quote = d->callback_quote,
			.ooo_return = d->ooo_return[0] ? d->ooo_return : NULL,
			.referral = referral,
			.do_not_contact = d->do_not_contact,
			.left_company = d->left_company,
			.bounce = d->bounce,
			.reply_id = rid,
		};
		if (apply(s, pid, &e, err) < 0)
			goto out;
	}
	rc = 1;
out:
	return store_sp_end(s, rc, err);
}

int store_label(struct store *s, const char *message_id, enum rw_class cls, const char *callback,
		const char *reason, struct rw_err *err)
{
	static const char find[] =
		"SELECT r.id, r.prospect_id, r.date, COALESCE(o.kind, 'unknown'), r.ooo_return,"
		" r.callback_quote FROM replies r LEFT JOIN outbound o ON o.id = r.outbound_id"
		" WHERE r.message_id = ?1";
	static const char ins[] = "INSERT INTO corrections (reply_id, class, callback, reason,"
				  " created) VALUES (?1, ?2, ?3, ?4, ?5)";
	char cb[11] = "", why[128], *ooo = NULL, *quote = NULL, today[11];
	int64_t rid, pid;
	time_t rdate;
	enum rw_kind kind = RW_KIND_UNKNOWN;
	sqlite3_stmt *st;
	int r, rc = -1;

	if ((unsigned)cls >= RW_NCLASS)
		return rw_fail(err, RW_EINVAL, "unknown class");
	if (callback && schedule_date_parse(cb, callback, s->params.timezone) < 0)
		return rw_fail(err, RW_EINVAL, "'%s' is not a date (YYYY-MM-DD)", callback);
	if (callback && cls != RW_LATER)
		return rw_fail(err, RW_EINVAL, "--callback goes with class later only");
	snprintf(why, sizeof why, "%s", reason && *reason ? reason : "");
	if (!*why)
		snprintf(why, sizeof why, "%s/manual", store_class_name(cls));
	if (store_sp_begin(s, err) < 0)
		return -1;
	if (!(st = store_stmt(s, find, err)))
		goto out;
	store_bind_text(st, 1, message_id);
	r = sqlite3_step(st);
	if (r != SQLITE_ROW) {
		sqlite3_reset(st);
		if (r == SQLITE_DONE)
			rw_fail(err, RW_ENOTFOUND,
				"no reply with Message-ID <%s> is recorded "
				"(see 'replywatch log')",
				message_id);
		else
			store_dberr(s, err, "finding the reply");
		goto out;
	}
	rid = sqlite3_column_int64(st, 0);
	pid = sqlite3_column_int64(st, 1);
	rdate = (time_t)sqlite3_column_int64(st, 2);
	store_kind_parse(store_col_text(st, 3), &kind);
	ooo = store_col_dup(st, 4);
	quote = store_col_dup(st, 5);
	sqlite3_reset(st);
	if (!(st = store_stmt(s, ins, err)))
		goto out;
	sqlite3_bind_int64(st, 1, rid);
	store_bind_text(st, 2, store_class_name(cls));
	store_bind_text_null(st, 3, cb);
	store_bind_text(st, 4, why);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "recording the correction");
		goto out;
	}
	schedule_today(today, s->params.timezone);
	if (pid) {
		struct effect e = {
			.cls = cls,
			.kind = kind,
			.reply_date = rdate,
			.callback = *cb ? cb : NULL,
			/* A person's callback is theirs, not the sentence the rules quoted. */
			.quote = *cb ? "set by a person (replywatch label)" : quote,
			.ooo_return = ooo,
			.do_not_contact = strstr(why, "unsubscribe") != NULL,
			.left_company = strcmp(why, "auto/left-company") == 0,
			.bounce = strcmp(why, "auto/bounce") == 0,
			.by_person = true,
			/* A person working the queue today means "from now", not from a reply
			 * of months ago (F2.55). */
			.base_date = today,
			.reply_id = rid,
		};
		if (apply(s, pid, &e, err) < 0)
			goto out;
	}
	rc = 0;
out:
	free(ooo);
	free(quote);
	return store_sp_end(s, rc, err);
}
