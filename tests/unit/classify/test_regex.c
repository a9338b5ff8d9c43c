/* test_regex.c: the PCRE2 wrapper (classify/regex.h, SPEC §4 "PCRE2 use"): caseless UTF + UCP
 * by default, invalid UTF tolerated, errors with PCRE2's offset and message, and limits that
 * stop catastrophic patterns with a report instead of a hang. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "regex.h"

static int match(const char *pat, unsigned flags, const char *subj, struct rx_span *g)
{
	struct rx *re = NULL;
	struct rx_matcher *m = NULL;
	struct rw_err err = {0};
	size_t off;
	struct rx_span tmp[4];
	assert_int_equal(rx_compile(&re, pat, flags, &off, &err), 0);
	assert_int_equal(rx_matcher_new(&m, NULL, &err), 0);
	int rc = rx_exec(m, re, subj, strlen(subj), 0, g ? g : tmp, 4, &err);
	rx_matcher_free(&m);
	rx_free(&re);
	assert_null(m);
	assert_null(re);
	return rc;
}

static void caseless_unicode_by_default(void **state)
{
	(void)state;
	assert_int_equal(match("\\bnot interested\\b", 0, "We are NOT Interested.", NULL), RX_MATCH);
	assert_int_equal(match("\\bnot interested\\b", RX_CASE_SENSITIVE, "NOT Interested", NULL),
			 RX_NOMATCH);
	/* UCP: \b and caseless matching know non-ASCII letters */
	assert_int_equal(match("\\büber\\b", 0, "ÜBER uns", NULL), RX_MATCH);
	assert_int_equal(match("\\bnicht\\b", 0, "ichnicht", NULL), RX_NOMATCH);
	assert_int_equal(match("intéressés", 0, "Nous sommes INTÉRESSÉS", NULL), RX_MATCH);
}

static void invalid_utf8_is_tolerated(void **state)
{
	(void)state;
	struct rx_span g[4];
	const char *bad = "caf\xe9 \xff\xfe not interested \xc3";
	assert_int_equal(match("not interested", 0, bad, g), RX_MATCH);
	assert_int_equal(g[0].start, 8);
	assert_int_equal(g[0].end, 22);
}

static void groups_and_names(void **state)
{
	(void)state;
	struct rx *re = NULL;
	struct rx_matcher *m = NULL;
	struct rw_err err = {0};
	size_t off;
	struct rx_span g[4];
	assert_int_equal(rx_compile(&re, "in (?<n>\\d+) (?<unit>days|weeks)", 0, &off, &err), 0);
	assert_int_equal(rx_groups(re), 2);
	assert_int_equal(rx_group_by_name(re, "unit"), 2);
	assert_int_equal(rx_group_by_name(re, "nope"), -1);
	assert_int_equal(rx_matcher_new(&m, NULL, &err), 0);
	const char *s = "connect with you in 90 days";
	assert_int_equal(rx_exec(m, re, s, strlen(s), 0, g, 4, &err), RX_MATCH);
	assert_int_equal(g[1].end - g[1].start, 2);
	assert_memory_equal(s + g[1].start, "90", 2);
	assert_int_equal(g[3].start, RX_UNSET); /* beyond the pattern's groups */
	/* from an offset past the match: none */
	assert_int_equal(rx_exec(m, re, s, strlen(s), 21, g, 4, &err), RX_NOMATCH);
	rx_matcher_free(&m);
	rx_free(&re);
}

static void compile_errors_carry_offset_and_message(void **state)
{
	(void)state;
	struct rx *re = NULL;
	struct rw_err err = {0};
	size_t off = 99;
	assert_int_equal(rx_compile(&re, "\\bnot (interested|keen\\b", 0, &off, &err), -1);
	assert_null(re);
	assert_int_equal(off, 24);
	assert_non_null(strstr(err.msg, "missing closing parenthesis"));
	assert_int_equal(rx_compile(&re, "(?<!not\\s+)interested", 0, &off, &err), -1);
	assert_non_null(strstr(err.msg, "lookbehind"));
	assert_int_equal(rx_compile(&re, "[a-", 0, &off, &err), -1);
	assert_int_equal(off, 3);
}

static void empty_matching_patterns_are_found(void **state)
{
	(void)state;
	struct rx *re = NULL;
	struct rw_err err = {0};
	size_t off;
	const char *empty[] = {"a*", "(?:no)?", "^", "\\b", "(?=x)?"};
	const char *not_empty[] = {"no", "a+", "\\bnot\\b", "(?=x)x"};
	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		assert_int_equal(rx_compile(&re, empty[i], 0, &off, &err), 0);
		if (!rx_matches_empty(re))
			fail_msg("%s can match the empty string", empty[i]);
		rx_free(&re);
	}
	for (size_t i = 0; i < sizeof not_empty / sizeof not_empty[0]; i++) {
		assert_int_equal(rx_compile(&re, not_empty[i], 0, &off, &err), 0);
		if (rx_matches_empty(re))
			fail_msg("%s cannot match the empty string", not_empty[i]);
		rx_free(&re);
	}
}

static void catastrophic_backtracking_hits_the_limit(void **state)
{
	(void)state;
	struct rx *re = NULL;
	struct rx_matcher *m = NULL;
	struct rw_err err = {0};
	size_t off, n = 20000;
	struct rx_span g[1];
	char *s = malloc(n + 2);
	memset(s, 'a', n);
	s[n] = 'b';
	s[n + 1] = '\0';
	assert_int_equal(rx_compile(&re, "(a+)+$", 0, &off, &err), 0);
	assert_int_equal(rx_matcher_new(&m, NULL, &err), 0);
	clock_t t0 = clock();
	int rc = rx_exec(m, re, s, n + 1, 0, g, 1, &err);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_int_equal(rc, RX_LIMIT);
	assert_int_equal(err.code, RW_ELIMIT);
	assert_non_null(strstr(err.msg, "limit"));
	assert_true(secs < 2.0);
	/* The interpreter too (a pattern the JIT cannot take is rare; force it by a small
	 * depth: nested quantifiers on a long subject). */
	struct rx_limits lim = {1000, 100, 64, false};
	rx_matcher_free(&m);
	assert_int_equal(rx_matcher_new(&m, &lim, &err), 0);
	assert_int_equal(rx_exec(m, re, s, n + 1, 0, g, 1, &err), RX_LIMIT);
	/* and the matcher still works afterwards */
	assert_int_equal(rx_exec(m, re, "aaa", 3, 0, g, 1, &err), RX_MATCH);
	rx_matcher_free(&m);
	rx_free(&re);
	free(s);
}

static void free_accepts_null(void **state)
{
	(void)state;
	struct rx *re = NULL;
	struct rx_matcher *m = NULL;
	rx_free(&re);
	rx_free(NULL);
	rx_matcher_free(&m);
	rx_matcher_free(NULL);
	char v[64];
	rx_library_version(v, sizeof v);
	assert_true(strlen(v) > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(caseless_unicode_by_default),
		cmocka_unit_test(invalid_utf8_is_tolerated),
		cmocka_unit_test(groups_and_names),
		cmocka_unit_test(compile_errors_carry_offset_and_message),
		cmocka_unit_test(empty_matching_patterns_are_found),
		cmocka_unit_test(catastrophic_backtracking_hits_the_limit),
		cmocka_unit_test(free_accepts_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
