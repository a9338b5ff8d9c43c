/* test_classify.c: the whole pipeline on whole messages (classify/classify.h, SPEC §4, §2):
 * quoted history never decides, the kind is read from the quoted outbound, dates come from the
 * reply's Date header, auto-replies and bounces, the default periods, the ruleset version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "rules.h"

static struct ruleset *rs;

static int setup(void **state)
{
	(void)state;
	char dir[4096];
	struct rw_err err = {0};
	rules_shipped_dir(dir, sizeof dir);
	return rules_load(&rs, dir, NULL, NULL, &err);
}

static int teardown(void **state)
{
	(void)state;
	rules_free(&rs);
	return 0;
}

#define HDR(date, subject) \
	"From: Pat Prospect <pat@acme.example>\r\n" \
	"To: Dana Whitfield <dana@northwind.example>\r\n" \
	"Subject: " subject "\r\n" \
	"Date: " date "\r\n" \
	"Message-ID: <r1@acme.example>\r\n" \
	"In-Reply-To: <s1@northwind.example>\r\n" \
	"MIME-Version: 1.0\r\n" \
	"Content-Type: text/plain; charset=utf-8\r\n\r\n"

static const char pending_quote[] =
	"\r\n\r\nOn Tue, Oct 6, 2026 at 9:00 AM Dana Whitfield <dana@northwind.example> wrote:\r\n"
	"> Hi Pat,\r\n"
	"> Please advise if I should be putting my notes from our conversations\r\n"
	"> about the pilot into the No Longer Interested file, or call when you're\r\n"
	"> ready to take the next step. I could also reconnect in 90 days.\r\n";

static struct decision *classify(const char *raw, enum rw_kind kind)
{
	struct decision *d = NULL;
	struct classify_opts o;
	struct rw_err err = {0};
	classify_opts_init(&o);
	o.kind = kind;
	o.timezone = "America/New_York";
	if (classify_message(&d, rs, raw, strlen(raw), &o, &err) < 0)
		fail_msg("classify: %s", err.msg);
	return d;
}

static void quoted_history_never_decides(void **state)
{
	(void)state;
	char raw[4096];
	/* The quote says "No Longer Interested" and "in 90 days"; the reply says yes, please
	 * do: to a pending-file email that is a no, read from the quoted outbound. */
	snprintf(raw, sizeof raw, "%s%s%s", HDR("Wed, 7 Oct 2026 10:15:00 -0400", "Re: a quick follow-up"),
		 "Yes, please do. We went another way.", pending_quote);
	struct decision *d = classify(raw, RW_KIND_UNKNOWN);
	assert_int_equal(d->cls, RW_NO);
	assert_int_equal(d->kind, RW_KIND_PENDING);
	assert_true(d->kind_inferred);
	assert_null(strstr(d->reply, "Longer"));
	assert_string_equal(d->callback, "");
	assert_string_equal(d->ruleset, rules_version(rs));
	assert_string_equal(d->message_id, "r1@acme.example");
	assert_string_equal(d->from, "pat@acme.example");
	assert_true(d->nhits > 0);
	for (size_t i = 0; i < d->nhits; i++)
		assert_non_null(strstr(d->reply, d->hits[i].match)); /* every match is in the reply */
	decision_free(&d);
	assert_null(d);
	decision_free(NULL);
}

static void later_dates_count_from_the_reply_date(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s", HDR("Mon, 30 Nov 2026 16:00:00 -0800", "Re: one last note"),
		 "Slammed until the holidays. Reach back out after the new year.\r\n");
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_LATER);
	assert_string_equal(d->callback, "2027-01-04");
	assert_string_equal(d->next_contact, "2027-01-04");
	assert_false(d->callback_default);
	assert_non_null(d->callback_quote);
	assert_non_null(strstr(d->reason, "later/"));
	decision_free(&d);
	/* No date stated: 90 days after a break-up reply, 60 after a pending one; the reply's
	 * own day in New York (the Date is already Dec 1 in UTC). */
	snprintf(raw, sizeof raw, "%s%s", HDR("Mon, 30 Nov 2026 23:30:00 -0500", "Re: one last note"),
		 "Not right now, maybe down the road.\r\n");
	d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_LATER);
	assert_true(d->callback_default);
	assert_string_equal(d->callback, "2027-02-28");
	decision_free(&d);
	d = classify(raw, RW_KIND_PENDING);
	assert_string_equal(d->callback, "2027-01-29");
	decision_free(&d);
}

static void yes_is_next_business_day(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s", HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: one last note"),
		 "Yes still interested - can you send me the pricing?\r\n");
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_YES);
	assert_string_equal(d->reason, "yes/info");
	assert_string_equal(d->next_contact, "2026-12-07"); /* Friday -> Monday */
	assert_string_equal(d->callback, "");
	decision_free(&d);
}

static void unsubscribe_sets_do_not_contact(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s", HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: one last note"),
		 "Stop emailing me.\r\n");
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_NO);
	assert_string_equal(d->reason, "no/unsubscribe");
	assert_true(d->do_not_contact);
	decision_free(&d);
}

static void referral_names_the_address(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s", HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: one last note"),
		 "Not my area. Try our COO, Melanie Shaw - MShaw@Banks-Capital.example\r\n");
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_YES);
	assert_string_equal(d->reason, "yes/referral");
	assert_string_equal(d->referral, "mshaw@banks-capital.example");
	decision_free(&d);
}

/* F2.54: the user's own address (the reply's To) or the sender's is never the referral. */
static void referral_is_never_the_user_or_sender(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s", HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: one last note"),
		 "I'm not the right person, I forwarded your note to dana@northwind.example by "
		 "mistake, sorry. pat@acme.example is my old address. Talk to Jane Smith.\r\n");
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_YES);
	assert_null(d->referral);
	decision_free(&d);
}

/* F2.35: an out-of-office's "for urgent matters contact X" is cover, not a referral. */
static void out_of_office_cover_is_not_a_referral(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s",
		 "Auto-Submitted: auto-replied\r\n" HDR("Fri, 4 Dec 2026 11:00:00 -0500",
							   "Automatic reply: one last note"),
		 "I will be out of the office from Dec 7 through Dec 11. For urgent matters "
		 "please contact jonas.weber@acme.example.\r\n");
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_AUTO);
	assert_null(d->referral);
	decision_free(&d);
}

/* F2.28: a person's "I left Acme, contact Bob" is left-company with Bob as the referral; a
 * role mailbox is not a referral. */
static void left_company_names_a_person_not_a_desk(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s", HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: one last note"),
		 "I left Acme in October. Please contact Bob at bob@acme.example.\r\n");
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_AUTO);
	assert_string_equal(d->reason, "auto/left-company");
	assert_true(d->left_company);
	assert_string_equal(d->referral, "bob@acme.example");
	decision_free(&d);
	snprintf(raw, sizeof raw, "%s%s", HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: one last note"),
		 "Pat is no longer with Acme. Please contact info@acme.example.\r\n");
	d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_AUTO);
	assert_true(d->left_company);
	assert_null(d->referral);
	decision_free(&d);
}

/* F2.52: a callback more than three years out is ignored, with a warning. */
static void absurd_callback_is_ignored(void **state)
{
	(void)state;
	const char *texts[] = {"Reach out in 999999999 days.\r\n", "Try me again in 2031.\r\n",
			       "Reach out in 2147483648 weeks.\r\n"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char raw[4096];
		snprintf(raw, sizeof raw, "%s%s",
			 HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: one last note"), texts[i]);
		struct decision *d = classify(raw, RW_KIND_BREAKUP);
		assert_int_equal(d->cls, RW_LATER);
		assert_true(d->callback_default);
		assert_string_equal(d->callback, "2027-03-04"); /* 90 days */
		if (i < 2)
			assert_non_null(strstr(d->warnings, "more than 3 years"));
		decision_free(&d);
	}
}

/* F2.56: without a quoted outbound, the reply's subject names the kind it answers. */
static void kind_from_the_subject_without_a_quote(void **state)
{
	(void)state;
	char raw[4096];
	snprintf(raw, sizeof raw, "%s%s",
		 HDR("Fri, 4 Dec 2026 11:00:00 -0500", "RE: AW: a quick follow-up"),
		 "Yes, please do.\r\n");
	struct decision *d = classify(raw, RW_KIND_UNKNOWN);
	assert_int_equal(d->kind, RW_KIND_PENDING);
	assert_true(d->kind_inferred);
	assert_int_equal(d->cls, RW_NO);
	decision_free(&d);
	snprintf(raw, sizeof raw, "%s%s", HDR("Fri, 4 Dec 2026 11:00:00 -0500", "Re: hello"),
		 "Yes, please do.\r\n");
	d = classify(raw, RW_KIND_UNKNOWN);
	assert_int_equal(d->kind, RW_KIND_UNKNOWN);
	decision_free(&d);
}

static void out_of_office_return_date(void **state)
{
	(void)state;
	const char *raw =
		"From: Pat Prospect <pat@acme.example>\r\n"
		"Subject: Automatic reply: one last note\r\n"
		"Date: Mon, 21 Sep 2026 08:00:00 +0200\r\n"
		"Auto-Submitted: auto-replied\r\n"
		"Content-Type: text/plain; charset=utf-8\r\n\r\n"
		"I am out of the office until 30 September with limited access to email.\r\n";
	struct decision *d = classify(raw, RW_KIND_BREAKUP);
	assert_int_equal(d->cls, RW_AUTO);
	assert_string_equal(d->reason, "auto/out-of-office");
	assert_string_equal(d->ooo_return, "2026-10-01");
	assert_string_equal(d->next_contact, "2026-10-01");
	assert_false(d->bounce);
	decision_free(&d);
}

static void unreadable_input_is_review_not_a_crash(void **state)
{
	(void)state;
	const char junk[] = "\x00\xff\xfe garbage \x01\x02 no headers at all";
	struct decision *d = NULL;
	struct classify_opts o;
	struct rw_err err = {0};
	classify_opts_init(&o);
	o.fallback_date = 1790000000;
	assert_int_equal(classify_message(&d, rs, junk, sizeof junk - 1, &o, &err), 0);
	assert_non_null(d);
	assert_int_equal(d->cls, RW_REVIEW);
	assert_true(d->date == 1790000000);
	decision_free(&d);
	assert_int_equal(classify_message(&d, rs, "", 0, NULL, &err), 0);
	assert_int_equal(d->cls, RW_REVIEW);
	decision_free(&d);
}

static void names_round_trip(void **state)
{
	(void)state;
	enum rw_class c;
	enum rw_kind k;
	for (int i = 0; i < RW_NCLASS; i++) {
		assert_int_equal(rw_class_parse(rw_class_name((enum rw_class)i), &c), 0);
		assert_int_equal(c, i);
	}
	assert_int_equal(rw_class_parse("maybe", &c), -1);
	assert_int_equal(rw_kind_parse("pending", &k), 0);
	assert_int_equal(k, RW_KIND_PENDING);
	assert_string_equal(rw_kind_name(RW_KIND_BREAKUP), "breakup");
	assert_int_equal(rw_kind_parse("newsletter", &k), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_history_never_decides),
		cmocka_unit_test(later_dates_count_from_the_reply_date),
		cmocka_unit_test(yes_is_next_business_day),
		cmocka_unit_test(unsubscribe_sets_do_not_contact),
		cmocka_unit_test(referral_names_the_address),
		cmocka_unit_test(referral_is_never_the_user_or_sender),
		cmocka_unit_test(out_of_office_cover_is_not_a_referral),
		cmocka_unit_test(left_company_names_a_person_not_a_desk),
		cmocka_unit_test(out_of_office_return_date),
		cmocka_unit_test(kind_from_the_subject_without_a_quote),
		cmocka_unit_test(absurd_callback_is_ignored),
		cmocka_unit_test(unreadable_input_is_review_not_a_crash),
		cmocka_unit_test(names_round_trip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
