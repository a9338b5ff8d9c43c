/* cmd_review.c: 'replywatch review': the replies the rules could not decide, with their
 * text, waiting for a person's 'replywatch label' (SPEC §2). */
#include <stdio.h>
#include <string.h>

#include "app.h"

static const char usage[] =
	"usage: replywatch review\n"
	"\n"
	"Lists the replies in review (the rules reached no confident decision) with the\n"
	"text the sender wrote, and the replies of closed or do-not-contact prospects who\n"
	"wrote yes or later (never acted on by the rules: a person decides).\n"
	"Decide each with:\n"
	"  replywatch label MESSAGE-ID yes|later|no|auto [--callback YYYY-MM-DD]\n"
	"or reopen the prospect ('prospect set EMAIL --status active' /\n"
	"'--clear-do-not-contact').\n";

static int show(void *arg, const struct log_entry *e)
{
	long *n = arg;
	char d[11];
	schedule_date_of(d, e->date, NULL);
	if ((*n)++)
		printf("\n");
	printf("Message-ID: <%s>\n", e->message_id ? e->message_id : "");
	printf("From:       %s%s%s%s\n", e->from ? e->from : "", e->prospect ? " (prospect " : "",
	       e->prospect ? e->prospect : "", e->prospect ? ")" : "");
	printf("Subject:    %s\n", e->subject ? e->subject : "");
	printf("Date:       %s\n", d);
	printf("Answers:    %s email\n", store_kind_name(e->kind));
	if (e->needs_person && e->review_note)
		printf("Decided:    %s (%s), but %s\n", e->cls, e->reason ? e->reason : "-",
		       e->review_note);
	printf("Scores:     yes %.2f  later %.2f  no %.2f\n", e->scores[0], e->scores[1],
	       e->scores[2]);
	for (size_t i = 0; i < e->nhits; i++)
		printf("Rule:       %s (%s, %+.2f): \"%s\"\n", e->hits[i].rule, e->hits[i].cls,
		       e->hits[i].weight, e->hits[i].match ? e->hits[i].match : "");
	printf("Text:\n");
	const char *t = e->reply && *e->reply ? e->reply : "(no text)";
	while (*t) {
		const char *nl = strchr(t, '\n');
		int len = nl ? (int)(nl - t) : (int)strlen(t);
		printf("  | %.*s\n", len, t);
		t += len + (nl ? 1 : 0);
	}
	printf("Decide:     replywatch label '%s' yes|later|no|auto\n",
	       e->message_id ? e->message_id : "");
	return 0;
}

int cmd_review(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct app a;
	long n = 0;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc > 1) {
		cli_error("review: unexpected argument '%s'", argv[1]);
		return EXIT_USAGE;
	}
	if (app_open(&a, ctx, APP_STORE | APP_EXISTING, &err) < 0)
		return app_fail(&err);
	struct log_filter f = {.cls = "review", .review_queue = true};
	int rc = store_log_each(a.store, &f, show, &n, &err);
	app_release(&a);
	if (rc < 0)
		return app_fail(&err);
	if (n == 0)
		printf("Nothing to review.\n");
	else
		fprintf(stderr, "replywatch: %ld repl%s to review\n", n, n == 1 ? "y" : "ies");
	return 0;
}
