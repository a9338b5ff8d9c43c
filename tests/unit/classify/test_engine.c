/* test_engine.c: scoring and negation by design (classify/engine.h, SPEC §4 "Rules"), on plain
 * reply text with small rule sets and with the shipped rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "engine.h"
#include "rules.h"

static const char small[] =
	"rule interested\n"
	"\tclass yes\n"
	"\tweight 2\n"
	"\ttrigger interest\n"
	"\treply \\binterested\\b\n"
	"rule interested-redirect\n"
	"\tclass yes\n"
	"\tweight 1\n"
	"\tif-negated no 2\n"
	"\treply \\bkeen\\b\n"
	"rule not-now\n"
	"\tclass later\n"
	"\tweight 2\n"
	"\treply \\bnot\\s+now\\b\n"
	"rule slow\n"
	"\tclass no\n"
	"\tweight 5\n"
	"\treply (x+)+$\n";

struct fixture {
	struct ruleset *rs;
	struct rx_matcher *m;
};

static int setup_small(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct rw_err err = {0};
	if (rules_load_string(&f->rs, "small.rules", small, NULL, &err) < 0 ||
	    rx_matcher_new(&f->m, NULL, &err) < 0)
		return -1;
	*state = f;
	return 0;
}

static int setup_shipped(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct rw_err err = {0};
	char dir[4096];
	rules_shipped_dir(dir, sizeof dir);
	if (rules_load(&f->rs, dir, NULL, NULL, &err) < 0 || rx_matcher_new(&f->m, NULL, &err) < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	rx_matcher_free(&f->m);
	rules_free(&f->rs);
	free(f);
	return 0;
}

static enum rw_class run(struct fixture *f, const char *text, enum rw_kind kind,
			 struct engine_result *res)
{
	struct engine_input in = {0};
	struct rw_err err = {0};
	in.reply = text;
	in.kind = kind;
	assert_int_equal(engine_run(res, f->rs, f->m, &in, &err), 0);
	return engine_decide(f->rs, res->scores);
}

static const struct engine_hit *hit(const struct engine_result *r, const char *name)
{
	for (size_t i = 0; i < r->nhits; i++)
		if (strcmp(r->hits[i].rule->name, name) == 0)
			return &r->hits[i];
	return NULL;
}

static void negated_match_never_counts(void **state)
{
	struct fixture *f = *state;
	struct engine_result r;
	assert_int_equal(run(f, "We are interested.", RW_KIND_UNKNOWN, &r), RW_YES);
	engine_result_release(&r);
	const char *negated[] = {"We are not interested.", "I wouldn't be interested at all.",
				 "never been interested", "We're no longer really interested."};
	for (size_t i = 0; i < sizeof negated / sizeof negated[0]; i++) {
		run(f, negated[i], RW_KIND_UNKNOWN, &r);
		const struct engine_hit *h = hit(&r, "interested");
		if (h == NULL || !h->negated || h->weight != 0)
			fail_msg("\"%s\": the match must be reported negated and not scored",
				 negated[i]);
		assert_true(r.scores[RW_YES] == 0);
		engine_result_release(&r);
	}
}

static void negation_scope_ends(void **state)
{
	struct fixture *f = *state;
	struct engine_result r;
	/* a termination word, a sentence end, or more than five words between */
	const char *alive[] = {"Not now, but we are interested in Q3.",
			       "Not for us. Others are interested.",
			       "I don't know about the others on the team here, we are interested"};
	for (size_t i = 0; i < sizeof alive / sizeof alive[0]; i++) {
		run(f, alive[i], RW_KIND_UNKNOWN, &r);
		const struct engine_hit *h = hit(&r, "interested");
		if (h == NULL || h->negated)
			fail_msg("\"%s\": interested is outside the negation's scope", alive[i]);
		engine_result_release(&r);
	}
	/* pseudo-negations are not negations */
	run(f, "No problem, we are interested.", RW_KIND_UNKNOWN, &r);
	assert_false(hit(&r, "interested")->negated);
	engine_result_release(&r);
	run(f, "Not sure yet, but interested", RW_KIND_UNKNOWN, &r);
	assert_false(hit(&r, "interested")->negated);
	engine_result_release(&r);
	/* a later cue that carries its own negation is not negated by it */
	assert_int_equal(run(f, "Not now, try me in Q3", RW_KIND_UNKNOWN, &r), RW_LATER);
	assert_false(hit(&r, "not-now")->negated);
	engine_result_release(&r);
}

static void negation_can_redirect(void **state)
{
	struct fixture *f = *state;
	struct engine_result r;
	assert_int_equal(run(f, "We're not keen on this.", RW_KIND_UNKNOWN, &r), RW_NO);
	const struct engine_hit *h = hit(&r, "interested-redirect");
	assert_non_null(h);
	assert_true(h->negated);
	assert_int_equal(h->cls, RC_NO);
	assert_true(h->weight == 2);
	engine_result_release(&r);
}

static void threshold_and_margin_send_to_review(void **state)
{
	struct fixture *f = *state;
	struct engine_result r;
	/* yes 2 + later 2: too close */
	assert_int_equal(run(f, "Not now. We're interested.", RW_KIND_UNKNOWN, &r), RW_REVIEW);
	engine_result_release(&r);
	/* nothing fired */
	assert_int_equal(run(f, "?", RW_KIND_UNKNOWN, &r), RW_REVIEW);
	engine_result_release(&r);
}

static void limit_is_reported_not_scored(void **state)
{
	struct fixture *f = *state;
	struct engine_result r;
	char text[30000];
	memset(text, 'x', sizeof text - 2);
	text[sizeof text - 2] = 'y';
	text[sizeof text - 1] = '\0';
	run(f, text, RW_KIND_UNKNOWN, &r);
	const struct engine_hit *h = hit(&r, "slow");
	assert_non_null(h);
	assert_true(h->limit);
	assert_true(r.scores[RW_NO] == 0);
	assert_non_null(strstr(buf_str(&r.warnings), "rule slow (small.rules:15)"));
	engine_result_release(&r);
}

struct expect {
	const char *text;
	enum rw_kind kind;
	enum rw_class cls;
};

static void shipped_rules_on_what_people_write(void **state)
{
	struct fixture *f = *state;
	static const struct expect rows[] = {
		{"Not interested, thanks.", RW_KIND_BREAKUP, RW_NO},
		{"not now, but try me in Q3", RW_KIND_BREAKUP, RW_LATER},
		{"I'd love to see a demo. Are you free Thursday?", RW_KIND_BREAKUP, RW_YES},
		{"We went with a competitor.", RW_KIND_BREAKUP, RW_NO},
		{"Please remove me from your list.", RW_KIND_BREAKUP, RW_NO},
		{"Budgets are frozen until Q2, reach out then.", RW_KIND_BREAKUP, RW_LATER},
		{"We're in the middle of a reorganization, circle back in six months.",
		 RW_KIND_BREAKUP, RW_LATER},
		{"I'm not the right person, talk to jane@acme.example", RW_KIND_BREAKUP, RW_YES},
		/* the pending-file inversion */
		{"Yes, please do.", RW_KIND_PENDING, RW_NO},
		{"Go ahead and close it.", RW_KIND_PENDING, RW_NO},
		{"No, please don't close it. Call me Monday.", RW_KIND_PENDING, RW_YES},
		{"Please don't! Still interested.", RW_KIND_PENDING, RW_LATER},
		{"Yes", RW_KIND_BREAKUP, RW_LATER}, /* yes, reconnect in 90 days */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct engine_result r;
		enum rw_class c = run(f, rows[i].text, rows[i].kind, &r);
		if (c != rows[i].cls)
			fail_msg("\"%s\" (%s): want %s, got %s", rows[i].text,
				 rw_kind_name(rows[i].kind), rw_class_name(rows[i].cls),
				 rw_class_name(c));
		engine_result_release(&r);
	}
}

/* tests/unit/classify/engine_replies.txt: kind|class|text per line. */
static void shipped_rules_on_the_reply_corpus(void **state)
{
	struct fixture *f = *state;
	FILE *in = fopen("tests/unit/classify/engine_replies.txt", "r");
	char line[2048];
	int n = 0, lineno = 0;
	assert_non_null(in);
	while (fgets(line, sizeof line, in)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *kind = line, *cls = strchr(kind, '|'), *text = NULL;
		if (cls == NULL || (text = strchr(cls + 1, '|')) == NULL)
			fail_msg("engine_replies.txt:%d: want kind|class|text", lineno);
		*cls++ = '\0';
		*text++ = '\0';
		enum rw_kind k;
		enum rw_class want;
		assert_int_equal(rw_kind_parse(kind, &k), 0);
		assert_int_equal(rw_class_parse(cls, &want), 0);
		/* Through the whole decision (the yes horizon lives in classify.c), as a plain
		 * message dated Tuesday 13 October 2026. */
		char raw[2300];
		snprintf(raw, sizeof raw, "From: p@acme.example\r\nSubject: Re: hello\r\n"
			 "Date: Tue, 13 Oct 2026 10:00:00 -0400\r\n\r\n%s\r\n", text);
		struct decision *d = NULL;
		struct classify_opts o;
		struct rw_err err = {0};
		classify_opts_init(&o);
		o.kind = k;
		o.timezone = "America/New_York";
		assert_int_equal(classify_message(&d, f->rs, raw, strlen(raw), &o, &err), 0);
		if (d->cls != want)
			fail_msg("engine_replies.txt:%d: \"%s\" (%s): want %s, got %s (%s)", lineno,
				 text, kind, cls, rw_class_name(d->cls), d->reason);
		decision_free(&d);
		n++;
	}
	fclose(in);
	assert_true(n >= 40);
}

static void prefilter_changes_no_decision(void **state)
{
	struct fixture *f = *state;
	static const char *texts[] = {
		"Not interested, thanks.", "Try me again in April.", "Yes, go ahead and close it.",
		"We signed with Tableau over the summer.", "Can you call me tomorrow?",
		"Give me a couple months", "derzeit leider kein Bedarf", "Recontactez-moi dans six mois",
		"We decided to go another direction.", "Let me talk to my partners and get back to you.",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		for (int k = RW_KIND_UNKNOWN; k <= RW_KIND_PENDING; k++) {
			struct engine_result a, b;
			struct engine_input in = {0};
			struct rw_err err = {0};
			in.reply = texts[i];
			in.kind = (enum rw_kind)k;
			assert_int_equal(engine_run(&a, f->rs, f->m, &in, &err), 0);
			in.no_prefilter = true;
			assert_int_equal(engine_run(&b, f->rs, f->m, &in, &err), 0);
			for (int c = 0; c < RW_NCLASS; c++)
				if (a.scores[c] != b.scores[c])
					fail_msg("\"%s\": prefilter changed the %s score", texts[i],
						 rw_class_name((enum rw_class)c));
			assert_true(a.rules_tried <= b.rules_tried);
			engine_result_release(&a);
			engine_result_release(&b);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(negated_match_never_counts, setup_small, teardown),
		cmocka_unit_test_setup_teardown(negation_scope_ends, setup_small, teardown),
		cmocka_unit_test_setup_teardown(negation_can_redirect, setup_small, teardown),
		cmocka_unit_test_setup_teardown(threshold_and_margin_send_to_review, setup_small,
						teardown),
		cmocka_unit_test_setup_teardown(limit_is_reported_not_scored, setup_small, teardown),
		cmocka_unit_test_setup_teardown(shipped_rules_on_what_people_write, setup_shipped,
						teardown),
		cmocka_unit_test_setup_teardown(shipped_rules_on_the_reply_corpus, setup_shipped,
						teardown),
		cmocka_unit_test_setup_teardown(prefilter_changes_no_decision, setup_shipped,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
