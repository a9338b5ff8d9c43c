/* cmd_label.c: 'replywatch label MESSAGE-ID CLASS [--callback DATE] [--reason R]': a
 * person's correction (SPEC §2): appended to the log, never overwriting the decision, and
 * the prospect rescheduled as for a decision of that class. */
#include <stdio.h>
#include <string.h>

#include "app.h"

static const char usage[] =
	"usage: replywatch label MESSAGE-ID CLASS [--callback YYYY-MM-DD] [--reason R]\n"
	"\n"
	"CLASS is yes, later, no, auto or review. The correction is added to the log (the\n"
	"rules' decision stays visible) and the prospect is rescheduled. --callback goes\n"
	"with later; --reason names the family, e.g. no/other-vendor, later/bad-timing.\n";

int cmd_label(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct app a;
	const char *pos[2] = {NULL, NULL}, *callback = NULL, *reason = NULL;
	char mid[512], cb[11];
	enum rw_class cls;
	int np = 0, r;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if ((r = app_opt(argc, argv, &i, "--callback", &callback, &err)) ||
		    (r = app_opt(argc, argv, &i, "--reason", &reason, &err))) {
			if (r < 0) {
				cli_error("label: %s", err.msg);
				return EXIT_USAGE;
			}
		} else if ((argv[i][0] == '-' && argv[i][1]) || np == 2) {
			cli_error("label: unexpected argument '%s'", argv[i]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		} else {
			pos[np++] = argv[i];
		}
	}
	if (np != 2) {
		cli_error("label: want MESSAGE-ID and CLASS");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	/* Accept the id as a mail client shows it, with or without <>. */
	const char *m = pos[0];
	size_t n = strlen(m);
	if (n >= 2 && m[0] == '<' && m[n - 1] == '>')
		snprintf(mid, sizeof mid, "%.*s", (int)(n - 2), m + 1);
	else
		snprintf(mid, sizeof mid, "%s", m);
	if (store_class_parse(pos[1], &cls) < 0) {
		cli_error("label: unknown class '%s' (want yes, later, no, auto or review)",
			  pos[1]);
		return EXIT_USAGE;
	}
	if (reason) {
		const char *cn = store_class_name(cls);
		size_t cl = strlen(cn);
		if (strncmp(reason, cn, cl) != 0 || reason[cl] != '/' || !reason[cl + 1]) {
			cli_error("label: reason '%s' must be %s/SOMETHING (e.g. %s/manual)",
				  reason, cn, cn);
			return EXIT_USAGE;
		}
	}
	if (callback && schedule_date_parse(cb, callback, NULL) < 0) {
		cli_error("label: '%s' is not a date (YYYY-MM-DD)", callback);
		return EXIT_USAGE;
	}
	if (app_open(&a, ctx, APP_STORE | APP_EXISTING, &err) < 0)
		return app_fail(&err);
	if (callback && (schedule_date_parse(cb, callback, a.params.timezone) < 0)) {
		cli_error("label: '%s' is not a date (YYYY-MM-DD)", callback);
		app_release(&a);
		return EXIT_USAGE;
	}
	if (store_label(a.store, mid, cls, callback ? cb : NULL, reason, &err) < 0) {
		rw_err_prefix(&err, "label");
		app_release(&a);
		return app_fail(&err);
	}
	if (callback && strcmp(cb, a.today) < 0)
		fprintf(stderr, "replywatch: warning: callback %s is in the past: due now\n", cb);
	printf("labelled <%s> as %s%s%s", mid, store_class_name(cls), callback ? ", callback " : "",
	       callback ? cb : "");
	/* Say what the correction did to the agenda (F2.55). */
	struct prospect p;
	r = store_reply_prospect(a.store, mid, &p, &err);
	if (r > 0) {
		if (p.next_contact[0])
			printf("; next contact %s %s%s\n", p.email, p.next_contact,
			       strcmp(p.next_contact, a.today) < 0 ? " (overdue)" : "");
		else
			printf("; %s: no next contact (%s)\n", p.email,
			       prospect_status_name(p.status));
		if (p.do_not_contact)
			fprintf(stderr,
				"replywatch: warning: %s asked not to be contacted (do-not-contact "
				"stays set; a person clears it with 'replywatch prospect set %s "
				"--clear-do-not-contact')\n",
				p.email, p.email);
		prospect_release(&p);
	} else {
		printf("\n");
	}
	app_release(&a);
	return r < 0 ? app_fail(&err) : 0;
}
