/* test_store_decide.c: decisions only a person may take (QA F5.3, F5.4): a yes/later from a
 * closed or do-not-contact prospect is recorded but neither reopens nor schedules; it waits
 * in the review queue and in the agenda with a note until a person acts, and a person can
 * clear do-not-contact explicitly (recorded). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store.h"
#include "store_int.h"

#include "store_fixture.h"

static int setup(void **state)
{
	return fx_open(state, "decide", "rw.db");
}

/* 2026-11-02 10:00 UTC, a Monday. */
static time_t at(int day_offset) { return (time_t)1793613600 + (time_t)day_offset * 86400; }

static void track(struct store *s, const char *mid, const char *to)
{
	struct rw_err err = {0};
	const char *rc[] = {to};
	struct outbound o = {.message_id = mid,
			     .kind = RW_KIND_BREAKUP,
			     .date = at(0),
			     .subject = "Closing the loop",
			     .text = "sent text",
			     .recipients = rc,
			     .nrecipients = 1};
	if (store_outbound_add(s, &o, &err) < 0)
		fail_msg("outbound_add: %s", err.msg);
}

static void reply(struct store *s, const char *mid, const char *from, int day, const char *answers,
		  struct decision *d)
{
	struct rw_err err = {0};
	struct outbound_ref ref = {0};
	assert_int_equal(store_outbound_find(s, answers, &ref, &err), 1);
	struct reply_meta m = {.message_id = mid,
			       .from = from,
			       .subject = "Re: Closing the loop",
			       .date = at(day),
			       .folder = "INBOX",
			       .uid = 7,
			       .matched_by = "thread",
			       .outbound_id = ref.id};
	outbound_ref_release(&ref);
	if (store_reply_record(s, &m, d, &err) < 0)
		fail_msg("reply_record: %s", err.msg);
}

struct seen {
	int n;
	char line[8][400];
};

static int collect_review(void *arg, const struct log_entry *e)
{
	struct seen *c = arg;
	if (c->n < 8)
		snprintf(c->line[c->n], sizeof c->line[0], "%s %s %s", e->message_id, e->cls,
			 e->needs_person && e->review_note ? e->review_note : "-");
	c->n++;
	return 0;
}

static int collect_due(void *arg, const struct due_item *d)
{
	struct seen *c = arg;
	if (c->n < 8)
		snprintf(c->line[c->n], sizeof c->line[0], "%s %s %s %s", d->date, d->email, d->why,
			 d->quote ? d->quote : "-");
	c->n++;
	return 0;
}

static void review_queue(struct store *s, struct seen *c)
{
	struct rw_err err = {0};
	struct log_filter lf = {.cls = "review", .review_queue = true};
	memset(c, 0, sizeof *c);
	assert_int_equal(store_log_each(s, &lf, collect_review, c, &err), 0);
}

static void agenda(struct store *s, struct seen *c)
{
	struct rw_err err = {0};
	memset(c, 0, sizeof *c);
	assert_int_equal(store_due_each(s, "2026-12-31", collect_due, c, &err), 0);
}

static void test_dnc_prospect_says_yes(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	struct seen c;
	track(f->s, "b1@me", "marcus@feld.example");
	struct decision dn = {.cls = RW_NO, .reason = "no/unsubscribe", .do_not_contact = true};
	reply(f->s, "r1", "marcus@feld.example", 2, "b1@me", &dn);
	struct decision dy = {.cls = RW_YES, .reason = "yes/call"};
	reply(f->s, "r2", "marcus@feld.example", 9, "b1@me", &dy);

	/* Recorded as decided, but nothing reopened or scheduled by the rules. */
	assert_int_equal(store_prospect_get(f->s, "marcus@feld.example", &p, &err), 1);
	assert_int_equal(p.status, PS_CLOSED);
	assert_true(p.do_not_contact);
	assert_string_equal(p.next_contact, "");
	prospect_release(&p);

	review_queue(f->s, &c);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(c.line[0], "r2 yes do-not-contact prospect asked to be contacted"));
	agenda(f->s, &c);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(c.line[0], "2026-11-11 marcus@feld.example decide do-not-contact"));

	/* A person clears the flag: recorded in the schedule history; the queue empties. */
	assert_int_equal(store_prospect_clear_dnc(f->s, "marcus@feld.example", &err), 1);
	assert_int_equal(store_prospect_clear_dnc(f->s, "marcus@feld.example", &err), 0);
	assert_int_equal(store_prospect_clear_dnc(f->s, "nobody@feld.example", &err), -1);
	assert_int_equal(err.code, RW_ENOTFOUND);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->s->db,
					    "SELECT count(*) FROM schedule WHERE why ="
					    " 'do-not-contact-cleared'",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	/* Still closed (the unsubscribe closed it): the closed note now stands. */
	review_queue(f->s, &c);
	assert_int_equal(c.n, 1);
	/* Labelling it is the person's decision: applied as given, out of the queue. */
	assert_int_equal(store_label(f->s, "r2", RW_YES, NULL, NULL, &err), 0);
	assert_int_equal(store_prospect_get(f->s, "marcus@feld.example", &p, &err), 1);
	assert_int_equal(p.status, PS_ENGAGED);
	prospect_release(&p);
	review_queue(f->s, &c);
	assert_int_equal(c.n, 0);
	agenda(f->s, &c);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(c.line[0], "marcus@feld.example yes"));
}

static void test_closed_prospect_says_yes(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	struct seen c;
	track(f->s, "b2@me", "adavis@davis.example");
	struct decision dn = {.cls = RW_NO, .reason = "no/close-file"};
	reply(f->s, "r3", "adavis@davis.example", 1, "b2@me", &dn);
	struct decision dy = {.cls = RW_YES, .reason = "yes/meeting"};
	reply(f->s, "r4", "adavis@davis.example", 30, "b2@me", &dy);

	assert_int_equal(store_prospect_get(f->s, "adavis@davis.example", &p, &err), 1);
	assert_int_equal(p.status, PS_CLOSED);
	assert_string_equal(p.next_contact, "");
	prospect_release(&p);
	review_queue(f->s, &c);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(c.line[0],
			       "r4 yes closed prospect replied yes: reopen with 'replywatch "
			       "prospect set adavis@davis.example --status active'"));
	agenda(f->s, &c);
	assert_int_equal(c.n, 1);
	assert_non_null(strstr(c.line[0], "2026-12-02 adavis@davis.example decide closed"));

	/* A person reopens it: no longer waiting for a decision. */
	struct prospect_fields pf = PROSPECT_FIELDS_INIT;
	pf.email = "adavis@davis.example";
	pf.status = PS_ACTIVE;
	assert_int_equal(store_prospect_put(f->s, &pf, false, NULL, &err), 0);
	review_queue(f->s, &c);
	assert_int_equal(c.n, 0);
	agenda(f->s, &c);
	assert_int_equal(c.n, 0);
}

static int prospect_count(struct store *s)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(s->db, "SELECT count(*) FROM prospects", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* F2.54: "I forwarded your note to <you> by mistake" must not make the user (or the sender)
 * a referral prospect; a real third address still does. */
static void test_referral_never_own_address(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct outbound_ref ref = {0};
	track(f->s, "b3@me", "pat@acme.example");
	store_add_own_address(f->s, "sam@mine.example");
	assert_int_equal(prospect_count(f->s), 1);
	assert_int_equal(store_outbound_find(f->s, "b3@me", &ref, &err), 1);
	static const char raw[] = "From: Pat <pat@acme.example>\r\n"
				  "To: Dana <Dana@Northwind.example>\r\n"
				  "Subject: Re: Closing the loop\r\n"
				  "Message-ID: <r5@acme.example>\r\n\r\n"
				  "I forwarded your note to dana@northwind.example by mistake.\r\n";
	struct reply_meta m = {.message_id = "r5",
			       .from = "pat@acme.example",
			       .date = at(3),
			       .matched_by = "thread",
			       .outbound_id = ref.id,
			       .raw = raw,
			       .raw_len = sizeof raw - 1};
	struct decision d = {
		.cls = RW_YES, .reason = "yes/referral", .referral = "dana@northwind.example"};
	assert_int_equal(store_reply_record(f->s, &m, &d, &err), 1);
	assert_int_equal(prospect_count(f->s), 1); /* the reply's To: the user */
	m.message_id = "r6";
	d.referral = "pat@acme.example"; /* the sender */
	assert_int_equal(store_reply_record(f->s, &m, &d, &err), 1);
	m.message_id = "r7";
	d.referral = "SAM@mine.example"; /* [imap] user */
	assert_int_equal(store_reply_record(f->s, &m, &d, &err), 1);
	assert_int_equal(prospect_count(f->s), 1);
	const char *to[] = {"me@mine.example"};
	m.message_id = "r8";
	m.to = to;
	m.nto = 1;
	d.referral = "me@mine.example"; /* given To */
	assert_int_equal(store_reply_record(f->s, &m, &d, &err), 1);
	assert_int_equal(prospect_count(f->s), 1);
	m.message_id = "r9";
	d.referral = "jane@acme.example";
	assert_int_equal(store_reply_record(f->s, &m, &d, &err), 1);
	assert_int_equal(prospect_count(f->s), 2);
	assert_int_equal(store_prospect_exists(f->s, "jane@acme.example", &err), 1);
	outbound_ref_release(&ref);
}

/* F2.55: correcting an old reply schedules from the correction day, not months back. */
static void test_label_counts_from_today(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	track(f->s, "b4@me", "old@reply.example");
	struct decision dv = {.cls = RW_REVIEW, .reply = "hmm"};
	reply(f->s, "r10", "old@reply.example", 1, "b4@me", &dv); /* 2026-11-03 */
	setenv("REPLYWATCH_TODAY", "2027-03-01", 1);		  /* a Monday */
	assert_int_equal(store_label(f->s, "r10", RW_YES, NULL, NULL, &err), 0);
	assert_int_equal(store_reply_prospect(f->s, "r10", &p, &err), 1);
	assert_string_equal(p.email, "old@reply.example");
	assert_string_equal(p.next_contact, "2027-03-02");
	prospect_release(&p);
	assert_int_equal(store_label(f->s, "r10", RW_LATER, NULL, NULL, &err), 0);
	assert_int_equal(store_reply_prospect(f->s, "r10", &p, &err), 1);
	assert_string_equal(p.next_contact, "2027-05-31"); /* +90 days: Sun 30 -> Mon 31 */
	prospect_release(&p);
	/* A reply newer than the correction day (a clock pinned back) counts from the reply. */
	setenv("REPLYWATCH_TODAY", "2026-10-01", 1);
	assert_int_equal(store_label(f->s, "r10", RW_YES, NULL, NULL, &err), 0);
	assert_int_equal(store_reply_prospect(f->s, "r10", &p, &err), 1);
	assert_string_equal(p.next_contact, "2026-11-04");
	prospect_release(&p);
	unsetenv("REPLYWATCH_TODAY");
	assert_int_equal(store_reply_prospect(f->s, "nope", &p, &err), 0);
}

/* F2.45: a later-callback on a weekend is put on the next Monday; a person's is kept. */
static void test_weekend_callback_to_monday(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	struct prospect p;
	track(f->s, "b5@me", "may@later.example");
	struct decision dl = {.cls = RW_LATER, .reason = "later/bad-timing"};
	snprintf(dl.callback, sizeof dl.callback, "2027-05-01"); /* "in May": a Saturday */
	reply(f->s, "r11", "may@later.example", 2, "b5@me", &dl);
	assert_int_equal(store_prospect_get(f->s, "may@later.example", &p, &err), 1);
	assert_string_equal(p.next_contact, "2027-05-03");
	prospect_release(&p);
	snprintf(dl.callback, sizeof dl.callback, "2027-05-04"); /* a Tuesday: kept */
	reply(f->s, "r12", "may@later.example", 3, "b5@me", &dl);
	assert_int_equal(store_prospect_get(f->s, "may@later.example", &p, &err), 1);
	assert_string_equal(p.next_contact, "2027-05-04");
	prospect_release(&p);
	/* Default period landing on a Sunday: 2026-11-07 (Sat) + 90 = 2027-02-05 (Fri); from
	 * 2026-11-08 (Sun) + 90 = 2027-02-06 (Sat) -> Monday 2027-02-08. */
	struct decision dd = {.cls = RW_LATER, .reason = "later/bad-timing"};
	reply(f->s, "r13", "may@later.example", 6, "b5@me", &dd);
	assert_int_equal(store_prospect_get(f->s, "may@later.example", &p, &err), 1);
	assert_string_equal(p.next_contact, "2027-02-08");
	prospect_release(&p);
	/* A person's Saturday stays a Saturday. */
	assert_int_equal(store_label(f->s, "r13", RW_LATER, "2027-05-01", NULL, &err), 0);
	assert_int_equal(store_prospect_get(f->s, "may@later.example", &p, &err), 1);
	assert_string_equal(p.next_contact, "2027-05-01");
	prospect_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dnc_prospect_says_yes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_prospect_says_yes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_referral_never_own_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_label_counts_from_today, setup, teardown),
		cmocka_unit_test_setup_teardown(test_weekend_callback_to_monday, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
