/* test_rules.c: rule files (classify/rules.h, rules/FORMAT.md): parsing, located errors,
 * layering of a user directory over the shipped one, the linter, outbound rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules.h"

static const char good[] =
	"# a comment\n"
	"threshold 1.5\n"
	"rule not-interested\n"
	"\tclass no\n"
	"\treason no/not-interested\n"
	"\tweight 3\n"
	"\tdescribe says no\n"
	"\ttrigger interest\n"
	"\treply \\bnot\\s+interested\\b\n"
	"\texample We are not interested.\n"
	"\tcounter We are interested.\n"
	"\n"
	"rule close-it\n"
	"\tclass no\n"
	"\tkind pending\n"
	"\tweight -0.5\n"
	"\treply close\\s+it\n"
	"\tsubject ^re:\n"
	"\theader:X-Mailer outlook\n";

/* Load text as one file and return the first diagnostic, formatted. */
static int load_err(const char *text, char *out, size_t n)
{
	struct ruleset *rs = NULL;
	struct rules_diags d = {0};
	struct rw_err err = {0};
	int rc = rules_load_string(&rs, "t.rules", text, &d, &err);
	out[0] = '\0';
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].severity == RULES_ERROR) {
			rules_diag_format(&d.v[i], out, n);
			break;
		}
	if (rc < 0)
		assert_string_equal(err.msg, out); /* err carries the first error */
	rules_diags_release(&d);
	rules_free(&rs);
	return rc;
}

static void parses_rules_and_hashes_them(void **state)
{
	(void)state;
	struct ruleset *a = NULL, *b = NULL, *c = NULL;
	struct rw_err err = {0};
	assert_int_equal(rules_load_string(&a, "t.rules", good, NULL, &err), 0);
	assert_int_equal(rules_count(a), 2);
	assert_string_equal(rules_name(a, 0), "not-interested");
	assert_string_equal(rules_class_name(a, 1), "no");
	assert_string_equal(rules_origin(a, 1), "t.rules:13");
	assert_int_equal(rules_find(a, "close-it"), 1);
	assert_int_equal(rules_find(a, "nope"), -1);
	assert_int_equal(strlen(rules_version(a)), 16);
	/* same text, same version; one character more, another */
	assert_int_equal(rules_load_string(&b, "t.rules", good, NULL, &err), 0);
	assert_string_equal(rules_version(a), rules_version(b));
	char *more = malloc(sizeof good + 2);
	snprintf(more, sizeof good + 2, "%s#", good);
	assert_int_equal(rules_load_string(&c, "t.rules", more, NULL, &err), 0);
	assert_string_not_equal(rules_version(a), rules_version(c));
	free(more);
	struct rules_diags d = {0};
	assert_int_equal(rules_check(a, &d), 0);
	rules_diags_release(&d);
	rules_free(&a);
	rules_free(&b);
	rules_free(&c);
	assert_null(a);
	rules_free(NULL);
}

static void errors_name_file_line_and_column(void **state)
{
	(void)state;
	char m[1200];
	/* PCRE2's offset becomes a column: the ( at column 8 is never closed */
	assert_int_equal(load_err("rule x\n\tclass no\n\treply \\bnot (interested|keen\\b\n", m,
				  sizeof m), -1);
	assert_string_equal(m, "t.rules:3:32: error: missing closing parenthesis");
	assert_int_equal(load_err("rule x\n\tclass no\n\tcolour blue\n\treply a\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "t.rules:3:1: error: unknown key 'colour' in rule x"));
	assert_int_equal(load_err("rule x\n\tclass maybe\n\treply a\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "t.rules:2:8: error: unknown class 'maybe'"));
	assert_int_equal(load_err("rule x\n\treply a\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "t.rules:1: error: rule x has no class"));
	assert_int_equal(load_err("rule x\n\tclass no\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "has no pattern"));
	assert_int_equal(load_err("rule x\n\tclass no\n\treply (?:no)?\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "t.rules:3:8: error: pattern matches the empty string"));
	assert_int_equal(load_err("rule x\n\tclass no\n\treply a\nrule x\n\tclass yes\n\treply b\n", m,
				  sizeof m), -1);
	assert_non_null(strstr(m, "t.rules:4: error: duplicate rule name 'x' (first defined at "
				  "t.rules:1)"));
	assert_int_equal(load_err("class no\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "t.rules:1:1: error: 'class' outside a rule"));
	assert_int_equal(load_err("rule x\n\tclass no\n\tweight heavy\n\treply a\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "weight 'heavy' is not a number"));
	assert_int_equal(load_err("threshold -1\n", m, sizeof m), -1);
	assert_int_equal(load_err("rule x\n\tclass breakup\n\tkind pending\n\tbody a\n", m, sizeof m),
			 -1);
	assert_non_null(strstr(m, "'kind' restricts inbound rules"));
	/* columns count characters, not bytes */
	assert_int_equal(load_err("rule x\n\tclass no\n\treply é(\n", m, sizeof m), -1);
	assert_non_null(strstr(m, "t.rules:3:10:"));
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void user_dir_overrides_and_disables(void **state)
{
	(void)state;
	char shipped[] = "/tmp/rw-rules-shipped-XXXXXX", user[] = "/tmp/rw-rules-user-XXXXXX";
	assert_non_null(mkdtemp(shipped));
	assert_non_null(mkdtemp(user));
	/* loaded in sorted order: 20-b after 10-a, so its threshold wins */
	write_file(shipped, "20-b.rules", "threshold 2\nrule b\n\tclass yes\n\treply yes\n");
	write_file(shipped, "10-a.rules", "threshold 1\nrule a\n\tclass no\n\treply no\n"
					  "rule c\n\tclass later\n\treply later\n");
	write_file(shipped, "README.txt", "not a rules file: ignored\n");
	write_file(user, "my.rules", "rule a\n\tclass later\n\tweight 5\n\treply never\n"
				     "disable c\ndisable ghost\n");
	struct ruleset *rs = NULL;
	struct rules_diags d = {0};
	struct rw_err err = {0};
	assert_int_equal(rules_load(&rs, shipped, user, &d, &err), 0);
	assert_int_equal(rules_count(rs), 2);
	assert_int_equal(rules_find(rs, "c"), -1);             /* disabled */
	long a = rules_find(rs, "a");
	assert_true(a >= 0);
	assert_string_equal(rules_class_name(rs, (size_t)a), "later"); /* overridden */
	assert_non_null(strstr(rules_origin(rs, (size_t)a), "my.rules:1"));
	/* disabling an unknown name is a warning, not an error */
	assert_int_equal(d.nerrors, 0);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.v[0].msg, "no rule named 'ghost'"));
	rules_diags_release(&d);
	rules_free(&rs);
	/* a missing user directory is an error naming it */
	assert_int_equal(rules_load(&rs, shipped, "/nonexistent/rules", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "/nonexistent/rules"));
	char cmd[200];
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", shipped, user);
	assert_int_equal(system(cmd), 0);
}

static void linter_runs_examples(void **state)
{
	(void)state;
	struct ruleset *rs = NULL;
	struct rules_diags d = {0};
	struct rw_err err = {0};
	const char *text = "rule r\n"
			   "\tclass no\n"
			   "\ttrigger stop\n"
			   "\treply \\b(?:stop|quit)\\s+emailing\\b\n"
			   "\texample Please stop emailing me.\n"
			   "\texample Quit emailing me.\n"    /* trigger hides it */
			   "\texample Go away.\n"             /* does not fire */
			   "\tcounter I will stop emailing.\n" /* fires */
			   "rule z\n\tclass yes\n\tweight 0\n\treply zzz\n";
	assert_int_equal(rules_load_string(&rs, "l.rules", text, &d, &err), 0);
	assert_int_equal(rules_check(rs, &d), 3);
	char line[1200];
	int seen = 0;
	for (size_t i = 0; i < d.n; i++) {
		rules_diag_format(&d.v[i], line, sizeof line);
		if (strstr(line, "l.rules:6: error: rule r: its trigger words hide a match"))
			seen |= 1;
		if (strstr(line, "l.rules:7: error: rule r does not fire on its example \"Go away.\""))
			seen |= 2;
		if (strstr(line, "l.rules:8: error: rule r fires on its counter-example"))
			seen |= 4;
		if (strstr(line, "l.rules:9: warning: rule z has weight 0"))
			seen |= 8;
	}
	assert_int_equal(seen, 15);
	rules_diags_release(&d);
	rules_free(&rs);
}

static void linter_reports_limit_prone_patterns(void **state)
{
	(void)state;
	struct ruleset *rs = NULL;
	struct rules_diags d = {0};
	struct rw_err err = {0};
	assert_int_equal(rules_load_string(&rs, "s.rules",
					   "rule slow\n\tclass no\n\treply (a+)+$\n\texample aaa\n",
					   &d, &err), 0);
	rules_check(rs, &d);
	int found = 0;
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.v[i].msg, "hits a match limit") && d.v[i].line == 3)
			found = 1;
	assert_true(found);
	rules_diags_release(&d);
	rules_free(&rs);
}

static void shipped_rules_are_clean_and_know_outbound(void **state)
{
	(void)state;
	char dir[4096];
	struct ruleset *rs = NULL;
	struct rules_diags d = {0};
	struct rw_err err = {0};
	rules_shipped_dir(dir, sizeof dir);
	assert_int_equal(rules_load(&rs, dir, NULL, &d, &err), 0);
	assert_true(rules_count(rs) >= 30);
	assert_int_equal(rules_check(rs, &d), 0);
	rules_diags_release(&d);
	enum rw_kind k;
	char *why = NULL;
	assert_int_equal(rules_outbound_kind_text(&k, rs, "Closing the loop",
		"I haven't heard back, so this will be my last note. I don't want to be a pest.",
		&why, &err), 0);
	assert_int_equal(k, RW_KIND_BREAKUP);
	assert_non_null(strstr(why, "out-breakup-last-note"));
	free(why);
	assert_int_equal(rules_outbound_kind_text(&k, rs, "a quick follow-up",
		"Please advise if I should be putting my notes from our conversations into the No\n"
		"Longer Interested file, or call when you're ready to take the next step.",
		NULL, &err), 0);
	assert_int_equal(k, RW_KIND_PENDING);
	assert_int_equal(rules_outbound_kind_text(&k, rs, "Lunch?", "Are you free on Friday?",
						  NULL, &err), 0);
	assert_int_equal(k, RW_KIND_UNKNOWN);
	rules_free(&rs);
	/* REPLYWATCH_RULES_DIR wins */
	setenv("REPLYWATCH_RULES_DIR", "/some/where", 1);
	rules_shipped_dir(dir, sizeof dir);
	assert_string_equal(dir, "/some/where");
	unsetenv("REPLYWATCH_RULES_DIR");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_rules_and_hashes_them),
		cmocka_unit_test(errors_name_file_line_and_column),
		cmocka_unit_test(user_dir_overrides_and_disables),
		cmocka_unit_test(linter_runs_examples),
		cmocka_unit_test(linter_reports_limit_prone_patterns),
		cmocka_unit_test(shipped_rules_are_clean_and_know_outbound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
