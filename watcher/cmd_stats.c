/* cmd_stats.c: 'replywatch stats': reply rates by outbound kind (auto-replies never count
 * as replies, SPEC §2), class shares, time to reply, and the rules that fire most and
 * least (issue 6). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "rules.h"

static const char usage[] =
	"usage: replywatch stats [--top N]\n"
	"\n"
	"Reply rates by outbound kind (auto-replies and bounces excluded), the share of each\n"
	"class, time to the first reply, and the N rules that fire most and least (5).\n";

static void hours(char *out, size_t n, double h)
{
	if (h < 0)
		snprintf(out, n, "-");
	else if (h < 48)
		snprintf(out, n, "%.1f h", h);
	else
		snprintf(out, n, "%.1f days", h / 24);
}

/* The rules of the current rule set that have never fired: candidates to fix or drop. A
 * rule set that does not load only costs this section. */
static void never(const struct app *a, const struct store_stats *st)
{
	struct ruleset *rs = NULL;
	struct rw_err err = {0};
	char shipped[4096];
	size_t n = 0;

	rules_shipped_dir(shipped, sizeof shipped);
	if (rules_load(&rs, shipped, a->cfg->rules.dir, NULL, &err) < 0) {
		printf("\nRules that never fired: (the rules did not load: %s)\n", err.msg);
		return;
	}
	printf("\nRules of the current rule set (%s) that never fired:\n", rules_version(rs));
	for (size_t i = 0; i < rules_count(rs); i++) {
		bool fired = false;
		for (size_t j = 0; j < st->nrules && !fired; j++)
			fired = strcmp(st->rules[j].rule, rules_name(rs, i)) == 0;
		if (!fired) {
			printf("  %s (%s)\n", rules_name(rs, i), rules_origin(rs, i));
			n++;
		}
	}
	if (n == 0)
		printf("  (none)\n");
	rules_free(&rs);
}

int cmd_stats(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct store_stats st;
	struct app a;
	const char *top_s = NULL;
	long top = 5;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		int r = app_opt(argc, argv, &i, "--top", &top_s, &err);
		if (r <= 0) {
			if (r < 0)
				cli_error("stats: %s", err.msg);
			else
				cli_error("stats: unexpected argument '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (top_s && (sscanf(top_s, "%ld", &top) != 1 || top < 1 || top > 1000)) {
		cli_error("stats: --top '%s' is not a number from 1 to 1000", top_s);
		return EXIT_USAGE;
	}
	if (app_open(&a, ctx, APP_STORE | APP_EXISTING, &err) < 0)
		return app_fail(&err);
	if (store_stats(a.store, &st, &err) < 0) {
		app_release(&a);
		return app_fail(&err);
	}
	printf("Reply rates (auto-replies and bounces are not replies):\n");
	for (int k = RW_KIND_BREAKUP; k <= RW_KIND_PENDING; k++) {
		const struct stats_kind *sk = &st.kinds[k];
		char med[32], mean[32];
		hours(med, sizeof med, sk->median_hours);
		hours(mean, sizeof mean, sk->mean_hours);
		printf("  %-8s sent %ld, replied %ld", store_kind_name((enum rw_kind)k), sk->sent,
		       sk->replied);
		if (sk->sent)
			printf(" (%.1f%%)", 100.0 * (double)sk->replied / (double)sk->sent);
		printf(", auto-replies %ld; time to reply: median %s, mean %s\n", sk->auto_replies,
		       med, mean);
	}
	long real = st.replies - st.classes[RW_AUTO];
	printf("\nReplies by class (%ld replies, %ld auto-replies, %ld corrections):\n", real,
	       st.classes[RW_AUTO], st.corrections);
	for (int c = 0; c < RW_NCLASS; c++) {
		if (c == RW_AUTO)
			continue;
		printf("  %-7s %5ld", store_class_name((enum rw_class)c), st.classes[c]);
		if (real)
			printf("  %5.1f%%", 100.0 * (double)st.classes[c] / (double)real);
		printf("\n");
	}
	printf("\nRules that fire most:\n");
	for (size_t i = 0; i < st.nrules && i < (size_t)top; i++)
		printf("  %5ld  %s\n", st.rules[i].hits, st.rules[i].rule);
	if (st.nrules == 0)
		printf("  (no rule has fired yet)\n");
	printf("\nRules that fire least (of those that fired):\n");
	size_t from = st.nrules > (size_t)top ? st.nrules - (size_t)top : 0;
	for (size_t i = st.nrules; i > from; i--)
		printf("  %5ld  %s\n", st.rules[i - 1].hits, st.rules[i - 1].rule);
	never(&a, &st);
	store_stats_release(&st);
	app_release(&a);
	return 0;
}
