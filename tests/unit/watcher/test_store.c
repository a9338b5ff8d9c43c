/* test_store.c: the store as the watcher and the salesperson use it: outbound emails,
 * replies and their decisions applied to prospects (SPEC §2 table), corrections, the
 * agenda, the log, stats, folder state, exactly-once and all-or-nothing writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "store_int.h"

#include "store_fixture.h"

static int setup(void **state)
{
	return fx_open(state, "store", "sub/dir/rw.db");
}

/* 2026-11-02 10:00 UTC, a Monday. */
static time_t at(int day_offset, int hour)
{
	return (time_t)1793613600 + (time_t)day_offset * 86400 + (time_t)(hour - 10) * 3600;
}

static void track(struct store *s, const char *mid, enum rw_kind k, time_t date,
		  const char *const *rcpt, size_t n)
{
	struct rw_err err = {0};
	struct outbound o = {.message_id = mid,
			     .kind = k,
			     .date = date,
			     .subject = "a quick "
					"follow-up",
			     .text = "sent text",
			     .recipients = rcpt,
			     .nrecipients = n};
	if (store_outbound_add(s, &o, &err) < 0)
		fail_msg("outbound_add: %s", err.msg);
}

static void reply(struct store *s, const char *mid, const char *from, time_t date,
		  const char *answers, struct decision *d)
{
	struct rw_err err = {0};
	struct outbound_ref ref = {0};
	int64_t oid = 0;
	if (answers) {
		assert_int_equal(store_outbound_find(s, answers, &ref, &err), 1);
		oid = ref.id;
		outbound_ref_release(&ref);
	}
	struct reply_meta m = {.message_id = mid,
			       .from = from,
			       .subject = "Re: hi",
			       .date = date,
			       .folder = "INBOX",
			       .uid = 7,
			       .matched_by = answers ? "thread" : "sender",
			       .outbound_id = oid};
	if (store_reply_record(s, &m, d, &err) < 0)
		fail_msg("reply_record: %s", err.msg);
}

static void get(struct store *s, const char *email, struct prospect *p)
{
	struct rw_err err = {0};
	assert_int_equal(store_prospect_get(s, email, p, &err), 1);
}

static void test_file_mode_and_schema(void **state)
{
	struct fx *f = *state;
	struct stat st;
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(store_schema_version(f->s) >= 1);
	/* Reopening an existing database migrates nothing and keeps its data. */
	struct rw_err err = {0};
	struct prospect_fields pf = PROSPECT_FIELDS_INIT;
	pf.email = "keep@example.com";
	assert_int_equal(store_prospect_put(f->s, &pf, true, NULL, &err), 0);
	store_free(&f->s);
	assert_int_equal(store_open(&f->s, f->path, &err), 0);
	assert_int_equal(store_prospect_exists(f->s, "KEEP@example.com", &err), 1);
}

/* A database made by the first schema is migrated forward, keeping its data. */
static void test_forward_migration(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect_fields pf = PROSPECT_FIELDS_INIT;
	pf.email = "old@example.com";
	assert_int_equal(store_prospect_put(f->s, &pf, true, NULL, &err), 0);
	assert_int_equal(store_contact_add(f->s, "old@example.com", CH_CALL, "2026-11-02", "hi",
					   false, NULL, &err),
			 0);
	int v = store_schema_version(f->s);
	assert_true(v >= 2);
	/* Take the file back to version 1, as an older replywatch left it. */
	assert_int_equal(sqlite3_exec(f->s->db,
				      "ALTER TABLE contacts DROP COLUMN answered;"
				      " ALTER TABLE replies DROP COLUMN review_note;"
				      " PRAGMA user_version = 1",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	store_free(&f->s);
	assert_int_equal(store_open(&f->s, f->path, &err), 0);
	assert_int_equal(store_schema_version(f->s), v);
	int un = 0;
	assert_int_equal(store_contact_add(f->s, "old@example.com", CH_CALL, "2026-11-03", NULL,
					   true, &un, &err),
			 0);
	assert_int_equal(un, 0);
	assert_int_equal(store_prospect_exists(f->s, "old@example.com", &err), 1);
}

static void test_newer_schema_refused(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	assert_int_equal(sqlite3_exec(f->s->db, "PRAGMA user_version = 999", NULL, NULL, NULL),
			 SQLITE_OK);
	store_free(&f->s);
	assert_int_equal(store_open(&f->s, f->path, &err), -1);
	assert_non_null(strstr(err.msg, "newer"));
	/* Put it back for teardown. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA user_version = 2", NULL, NULL, NULL);
	sqlite3_close(db);
}

static void test_outbound_idempotent_creates_prospects(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	const char *rc[] = {"ann@example.com", "bob@example.com", "undisclosed-recipients:;"};
	track(f->s, "b1@me", RW_KIND_BREAKUP, at(0, 10), rc, 3);
	struct outbound o = {.message_id = "b1@me",
			     .kind = RW_KIND_BREAKUP,
			     .date = at(0, 10),
			     .recipients = rc,
			     .nrecipients = 1};
	assert_int_equal(store_outbound_add(f->s, &o, &err), 0); /* already known */
	struct prospect p;
	get(f->s, "ann@example.com", &p);
	assert_int_equal(p.status, PS_BREAKUP_SENT);
	prospect_release(&p);
	assert_int_equal(store_prospect_exists(f->s, "undisclosed-recipients:;", &err), 0);

	struct outbound_ref ref;
	assert_int_equal(store_outbound_find(f->s, "b1@me", &ref, &err), 1);
	assert_int_equal(ref.kind, RW_KIND_BREAKUP);
	assert_string_equal(ref.prospect_email, "ann@example.com");
	assert_string_equal(ref.text, "sent text");
	outbound_ref_release(&ref);
	assert_int_equal(store_outbound_find(f->s, "nope@me", &ref, &err), 0);
	assert_int_equal(store_outbound_recent_for(f->s, "bob@example.com", at(-1, 10), &ref, &err),
			 1);
	assert_string_equal(ref.message_id, "b1@me");
	outbound_ref_release(&ref);
	assert_int_equal(store_outbound_recent_for(f->s, "bob@example.com", at(1, 10), &ref, &err),
			 0);
}

static void test_decisions_apply_table(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	const char *rc[] = {"yes@x.com",    "later@x.com", "dflt@x.com", "no@x.com",  "ref@x.com",
			    "bounce@x.com", "ooo@x.com",   "rev@x.com",	 "left@x.com"};
	track(f->s, "b@me", RW_KIND_BREAKUP, at(0, 10), rc, 9);
	const char *pc[] = {"pend@x.com"};
	track(f->s, "p@me", RW_KIND_PENDING, at(0, 10), pc, 1);

	/* yes on Friday 2026-11-06 -> engaged, next business day Monday 11-09. */
	struct rw_hit hit = {.rule = "yes/meeting",
			     .cls = RW_YES,
			     .weight = 2.5,
			     .match = "let's talk Tuesday",
			     .scope = "reply"};
	struct decision d = {.cls = RW_YES,
			     .reason = "yes/meeting",
			     .hits = &hit,
			     .nhits = 1,
			     .ruleset = "abc123",
			     .reply = "Sure, let's talk Tuesday"};
	d.scores[RW_YES] = 2.5;
	reply(f->s, "r-yes", "yes@x.com", at(4, 15), "b@me", &d);
	get(f->s, "yes@x.com", &p);
	assert_int_equal(p.status, PS_ENGAGED);
	assert_string_equal(p.next_contact, "2026-11-09");
	assert_string_equal(p.next_reason, "yes");
	prospect_release(&p);

	/* later with a stated date keeps it and quotes the sentence. */
	struct decision dl = {.cls = RW_LATER,
			      .reason = "later/bad-timing",
			      .callback = "2027-03-01",
			      .callback_quote = "try me in March"};
	reply(f->s, "r-later", "later@x.com", at(1, 10), "b@me", &dl);
	get(f->s, "later@x.com", &p);
	assert_int_equal(p.status, PS_LATER);
	assert_string_equal(p.next_contact, "2027-03-01");
	assert_string_equal(p.next_quote, "try me in March");
	prospect_release(&p);

	/* later without a date: 90 days after a break-up reply, 60 after a pending one (on a
	 * weekend: the Monday after, F2.45). */
	struct decision dd = {.cls = RW_LATER, .reason = "later/bad-timing"};
	reply(f->s, "r-dflt", "dflt@x.com", at(0, 12), "b@me", &dd);
	get(f->s, "dflt@x.com", &p);
	assert_string_equal(p.next_contact, "2027-02-01"); /* Sun 31 -> Mon */
	prospect_release(&p);
	reply(f->s, "r-pend", "pend@x.com", at(0, 12), "p@me", &dd);
	get(f->s, "pend@x.com", &p);
	assert_string_equal(p.next_contact, "2027-01-01");
	prospect_release(&p);

	/* no + unsubscribe: closed, nothing due, do-not-contact that a later yes keeps. */
	struct decision dn = {.cls = RW_NO, .reason = "no/unsubscribe", .do_not_contact = true};
	reply(f->s, "r-no", "no@x.com", at(1, 10), "b@me", &dn);
	get(f->s, "no@x.com", &p);
	assert_int_equal(p.status, PS_CLOSED);
	assert_true(p.do_not_contact);
	assert_string_equal(p.next_contact, "");
	prospect_release(&p);
	reply(f->s, "r-no2", "no@x.com", at(2, 10), NULL, &d);
	get(f->s, "no@x.com", &p);
	assert_true(p.do_not_contact);
	prospect_release(&p);

	/* referral: a new prospect linked to the first. */
	struct decision dr = {.cls = RW_YES, .reason = "yes/referral", .referral = "jane@x.com"};
	reply(f->s, "r-ref", "ref@x.com", at(1, 10), "b@me", &dr);
	get(f->s, "jane@x.com", &p);
	assert_string_equal(p.referred_by_email, "ref@x.com");
	assert_string_equal(p.next_reason, "referral");
	prospect_release(&p);

	/* bounce from MAILER-DAEMON, matched by thread: the recipient it names. */
	struct decision db = {.cls = RW_AUTO,
			      .reason = "auto/bounce",
			      .bounce = true,
			      .bounce_recipient = "bounce@x.com"};
	reply(f->s, "r-bounce", "mailer-daemon@mx.x.com", at(0, 11), "b@me", &db);
	get(f->s, "bounce@x.com", &p);
	assert_int_equal(p.status, PS_BAD_ADDRESS);
	prospect_release(&p);

	/* out of office back Saturday 2026-11-14 -> Monday 11-16; status unchanged. */
	struct decision dO = {
		.cls = RW_AUTO, .reason = "auto/out-of-office", .ooo_return = "2026-11-14"};
	reply(f->s, "r-ooo", "ooo@x.com", at(0, 11), "b@me", &dO);
	get(f->s, "ooo@x.com", &p);
	assert_int_equal(p.status, PS_BREAKUP_SENT);
	assert_string_equal(p.next_contact, "2026-11-16");
	prospect_release(&p);

	struct decision dv = {.cls = RW_REVIEW, .reply = "hmm, maybe?"};
	reply(f->s, "r-rev", "rev@x.com", at(1, 9), "b@me", &dv);
	get(f->s, "rev@x.com", &p);
	assert_int_equal(p.status, PS_BREAKUP_SENT);
	prospect_release(&p);

	struct decision dlc = {.cls = RW_AUTO, .reason = "auto/left-company", .left_company = true};
	reply(f->s, "r-left", "left@x.com", at(1, 9), "b@me", &dlc);
	get(f->s, "left@x.com", &p);
	assert_int_equal(p.status, PS_LEFT_COMPANY);
	prospect_release(&p);

	/* Exactly once: the same Message-ID again changes nothing. */
	struct reply_meta m = {.message_id = "r-yes", .from = "yes@x.com", .date = at(9, 9)};
	struct decision dno = {.cls = RW_NO};
	assert_int_equal(store_reply_record(f->s, &m, &dno, &err), 0);
	get(f->s, "yes@x.com", &p);
	assert_int_equal(p.status, PS_ENGAGED);
	prospect_release(&p);
	assert_int_equal(store_reply_known(f->s, "r-yes", &err), 1);
	assert_int_equal(store_reply_known(f->s, "r-none", &err), 0);
}

struct collect {
	int n;
	char msgs[16][128];
};

static int collect_log(void *arg, const struct log_entry *e)
{
	struct collect *c = arg;
	if (c->n < 16)
		snprintf(c->msgs[c->n], sizeof c->msgs[0], "%s %s %s %s %zu %zu %d", e->message_id,
			 e->cls, e->orig_cls, e->callback ? e->callback : "-", e->nhits,
			 e->ncorrections, e->corrected);
	c->n++;
	return 0;
}

static void test_label_appends_and_reschedules(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	const char *rc[] = {"x@y.com"};
	track(f->s, "b@me", RW_KIND_BREAKUP, at(0, 10), rc, 1);
	struct decision dv = {.cls = RW_REVIEW, .reply = "call me in spring"};
	reply(f->s, "r1", "x@y.com", at(1, 10), "b@me", &dv);

	struct collect c = {0};
	struct log_filter lf = {.cls = "review"};
	assert_int_equal(store_log_each(f->s, &lf, collect_log, &c, &err), 0);
	assert_int_equal(c.n, 1);

	assert_int_equal(store_label(f->s, "r1", RW_LATER, "2027-04-01", NULL, &err), 0);
	get(f->s, "x@y.com", &p);
	assert_int_equal(p.status, PS_LATER);
	assert_string_equal(p.next_contact, "2027-04-01");
	prospect_release(&p);
	assert_int_equal(store_label(f->s, "r1", RW_NO, NULL, "no/other-vendor", &err), 0);
	get(f->s, "x@y.com", &p);
	assert_int_equal(p.status, PS_CLOSED);
	prospect_release(&p);

	memset(&c, 0, sizeof c);
	assert_int_equal(store_log_each(f->s, NULL, collect_log, &c, &err), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.msgs[0], "r1 no review - 0 2 1");
	memset(&c, 0, sizeof c);
	lf.cls = "review";
	assert_int_equal(store_log_each(f->s, &lf, collect_log, &c, &err), 0);
	assert_int_equal(c.n, 0); /* no longer in review */

	/* Unknown message, bad date: errors, nothing appended. */
	assert_int_equal(store_label(f->s, "nope", RW_YES, NULL, NULL, &err), -1);
	assert_int_equal(err.code, RW_ENOTFOUND);
	assert_int_equal(store_label(f->s, "r1", RW_LATER, "2027-02-30", NULL, &err), -1);
	/* The corrections log refuses edits. */
	assert_int_not_equal(
		sqlite3_exec(f->s->db, "UPDATE corrections SET class = 'yes'", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(f->s->db, "DELETE FROM corrections", NULL, NULL, NULL),
			     SQLITE_OK);
	memset(&c, 0, sizeof c);
	lf = (struct log_filter){.corrections_only = true};
	assert_int_equal(store_log_each(f->s, &lf, collect_log, &c, &err), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.msgs[0], "r1 no review - 0 2 1");
}

struct dues {
	int n;
	char line[16][160];
};

static int collect_due(void *arg, const struct due_item *d)
{
	struct dues *c = arg;
	if (c->n < 16)
		snprintf(c->line[c->n], sizeof c->line[0], "%s %s %s", d->date, d->email, d->why);
	c->n++;
	return 0;
}

static void test_drip_breakup_suggestion_and_due(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	int moved = -1;
	const char *rc[] = {"quiet@x.com", "talker@x.com"};
	track(f->s, "b@me", RW_KIND_BREAKUP, at(0, 10), rc, 2);
	struct decision dy = {.cls = RW_YES, .reason = "yes/meeting"};
	reply(f->s, "r", "talker@x.com", at(2, 10), "b@me", &dy);

	assert_int_equal(store_sweep(f->s, "2026-11-15", &moved, &err), 0);
	assert_int_equal(moved, 0); /* 13 days: not yet */
	assert_int_equal(store_sweep(f->s, "2026-11-16", &moved, &err), 0);
	assert_int_equal(moved, 1);
	get(f->s, "quiet@x.com", &p);
	assert_int_equal(p.status, PS_DRIP);
	prospect_release(&p);
	get(f->s, "talker@x.com", &p);
	assert_int_equal(p.status, PS_ENGAGED);
	prospect_release(&p);

	/* Six unanswered attempts suggest a break-up email. */
	struct prospect_fields pf = PROSPECT_FIELDS_INIT;
	pf.email = "cold@x.com";
	assert_int_equal(store_prospect_put(f->s, &pf, true, NULL, &err), 0);
	int un = 0;
	char d[11];
	for (int i = 0; i < 6; i++) {
		snprintf(d, sizeof d, "2026-11-%02d", 10 + i);
		assert_int_equal(
			store_contact_add(f->s, "cold@x.com", CH_CALL, d, NULL, false, &un, &err),
			0);
	}
	assert_int_equal(un, 6);
	assert_int_equal(store_contact_add(f->s, "ghost@x.com", CH_CALL, d, NULL, false, &un, &err),
			 -1);
	assert_int_equal(err.code, RW_ENOTFOUND);
	assert_int_equal(
		store_contact_add(f->s, "cold@x.com", CH_CALL, "yesterday", NULL, false, &un, &err),
		-1);

	struct dues c = {0};
	assert_int_equal(store_due_each(f->s, "2026-11-30", collect_due, &c, &err), 0);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.line[0], "2026-11-05 talker@x.com yes");
	assert_string_equal(c.line[1], "2026-11-15 cold@x.com breakup-suggested");
	/* An answered call starts the count again. */
	pf.email = "warm@x.com";
	assert_int_equal(store_prospect_put(f->s, &pf, true, NULL, &err), 0);
	for (int i = 0; i < 7; i++) {
		snprintf(d, sizeof d, "2026-11-%02d", 1 + i);
		assert_int_equal(
			store_contact_add(f->s, "warm@x.com", CH_CALL, d, NULL, i == 2, &un, &err),
			0);
	}
	assert_int_equal(un, 4);
	memset(&c, 0, sizeof c);
	assert_int_equal(store_due_each(f->s, "2026-11-30", collect_due, &c, &err), 0);
	assert_int_equal(c.n, 2); /* warm@ is not suggested */

	/* Until an earlier day: the later one is not listed. */
	memset(&c, 0, sizeof c);
	assert_int_equal(store_due_each(f->s, "2026-11-10", collect_due, &c, &err), 0);
	assert_int_equal(c.n, 1);
}

static void test_stats_exclude_auto(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct store_stats st;
	const char *rc[] = {"a@x.com", "b@x.com", "c@x.com", "d@x.com"};
	track(f->s, "b@me", RW_KIND_BREAKUP, at(0, 10), rc, 4);
	struct rw_hit h = {
		.rule = "no/other-vendor", .cls = RW_NO, .weight = 3, .match = "went with"};
	struct decision dn = {.cls = RW_NO, .reason = "no/other-vendor", .hits = &h, .nhits = 1};
	struct decision da = {.cls = RW_AUTO, .reason = "auto/out-of-office"};
	struct decision dy = {.cls = RW_YES, .reason = "yes/meeting", .hits = &h, .nhits = 1};
	reply(f->s, "r1", "a@x.com", at(0, 12), "b@me", &dn); /* 2 h */
	reply(f->s, "r2", "b@x.com", at(0, 11), "b@me", &da); /* auto: not a reply */
	reply(f->s, "r3", "c@x.com", at(0, 16), "b@me", &dy); /* 6 h */
	assert_int_equal(store_stats(f->s, &st, &err), 0);
	assert_int_equal(st.kinds[RW_KIND_BREAKUP].sent, 4);
	assert_int_equal(st.kinds[RW_KIND_BREAKUP].replied, 2);
	assert_int_equal(st.kinds[RW_KIND_BREAKUP].auto_replies, 1);
	assert_true(st.kinds[RW_KIND_BREAKUP].median_hours > 3.99 &&
		    st.kinds[RW_KIND_BREAKUP].median_hours < 4.01);
	assert_int_equal(st.classes[RW_NO], 1);
	assert_int_equal(st.classes[RW_AUTO], 1);
	assert_int_equal(st.nrules, 1);
	assert_int_equal(st.rules[0].hits, 2);
	store_stats_release(&st);
}

static void test_folder_state_and_transactions(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct folder_state fs = {0}, in = {12345, 42, 9000000000ULL};
	assert_int_equal(store_folder_get(f->s, "INBOX", &fs, &err), 0);
	assert_int_equal(store_folder_set(f->s, "INBOX", &in, &err), 0);
	assert_int_equal(store_folder_get(f->s, "INBOX", &fs, &err), 1);
	assert_int_equal(fs.uidvalidity, 12345);
	assert_int_equal(fs.last_uid, 42);
	assert_true(fs.highestmodseq == 9000000000ULL);

	/* A message's result and the high-water mark commit together or not at all. */
	assert_int_equal(store_begin(f->s, &err), 0);
	const char *rc[] = {"t@x.com"};
	track(f->s, "t@me", RW_KIND_PENDING, at(0, 10), rc, 1);
	in.last_uid = 43;
	assert_int_equal(store_folder_set(f->s, "INBOX", &in, &err), 0);
	assert_int_equal(store_rollback(f->s, &err), 0);
	assert_int_equal(store_folder_get(f->s, "INBOX", &fs, &err), 1);
	assert_int_equal(fs.last_uid, 42);
	assert_int_equal(store_prospect_exists(f->s, "t@x.com", &err), 0);

	assert_int_equal(store_begin(f->s, &err), 0);
	track(f->s, "t@me", RW_KIND_PENDING, at(0, 10), rc, 1);
	assert_int_equal(store_folder_set(f->s, "INBOX", &in, &err), 0);
	assert_int_equal(store_commit(f->s, &err), 0);
	assert_int_equal(store_folder_get(f->s, "INBOX", &fs, &err), 1);
	assert_int_equal(fs.last_uid, 43);
	assert_int_equal(store_prospect_exists(f->s, "t@x.com", &err), 1);
}

static void test_prospect_put_rules(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	struct prospect_fields pf = PROSPECT_FIELDS_INIT;
	pf.email = "not-an-email";
	assert_int_equal(store_prospect_put(f->s, &pf, true, NULL, &err), -1);
	pf.email = "Mixed@Case.COM";
	pf.name = "Ann";
	pf.do_not_contact = 1;
	assert_int_equal(store_prospect_put(f->s, &pf, true, NULL, &err), 0);
	assert_int_equal(store_prospect_put(f->s, &pf, true, NULL, &err), -1); /* exists */
	pf = (struct prospect_fields)PROSPECT_FIELDS_INIT;
	pf.email = "mixed@case.com";
	pf.company = "Acme";
	pf.do_not_contact = 0; /* never clears the flag */
	pf.next_contact = "2026-12-24";
	assert_int_equal(store_prospect_put(f->s, &pf, false, NULL, &err), 0);
	get(f->s, "MIXED@case.com", &p);
	assert_string_equal(p.email, "mixed@case.com");
	assert_string_equal(p.name, "Ann");
	assert_string_equal(p.company, "Acme");
	assert_true(p.do_not_contact);
	assert_string_equal(p.next_contact, "2026-12-24");
	prospect_release(&p);
	pf.next_contact = "2026-02-30";
	assert_int_equal(store_prospect_put(f->s, &pf, false, NULL, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_file_mode_and_schema, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forward_migration, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbound_idempotent_creates_prospects, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_decisions_apply_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_label_appends_and_reschedules, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_drip_breakup_suggestion_and_due, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_stats_exclude_auto, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folder_state_and_transactions, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_prospect_put_rules, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
