/* cmd_contact.c: 'replywatch contact EMAIL --channel C [--date D] [--note T]': record a
 * contact attempt (issue 6). Six or more without an answer suggest a break-up email. */
#include <stdio.h>
#include <string.h>

#include "app.h"

static const char usage[] =
	"usage: replywatch contact EMAIL --channel call|email|voicemail|note|visit\n"
	"                          [--date YYYY-MM-DD] [--note TEXT] [--answered]\n"
	"\n"
	"Records a contact attempt (default date: today). After six attempts without an\n"
	"answer, 'replywatch due' suggests a break-up email. --answered: the prospect\n"
	"picked up or answered, which starts the count again (as a reply does).\n";

int cmd_contact(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct app a;
	const char *email = NULL, *channel = NULL, *date = NULL, *note = NULL;
	enum contact_channel ch;
	char d[11];
	int unanswered = 0, r;
	bool answered = false;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if ((r = app_opt(argc, argv, &i, "--channel", &channel, &err)) ||
		    (r = app_opt(argc, argv, &i, "--date", &date, &err)) ||
		    (r = app_opt(argc, argv, &i, "--note", &note, &err))) {
			if (r < 0) {
				cli_error("contact: %s", err.msg);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--answered") == 0) {
			answered = true;
		} else if (argv[i][0] == '-' || email) {
			cli_error("contact: unexpected argument '%s'", argv[i]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		} else {
			email = argv[i];
		}
	}
	if (!email || !channel) {
		cli_error("contact: %s", !email ? "which EMAIL?" : "--channel is required");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (contact_channel_parse(channel, &ch) < 0) {
		cli_error("contact: unknown channel '%s' (want call, email, voicemail, note or "
			  "visit)",
			  channel);
		return EXIT_USAGE;
	}
	/* A bad value is a usage error, found before the database is looked at (the date is
	 * read again below in the configured time zone, for "today"). */
	if (date && schedule_date_parse(d, date, NULL) < 0) {
		cli_error("contact: '%s' is not a date (YYYY-MM-DD)", date);
		return EXIT_USAGE;
	}
	if (app_open(&a, ctx, APP_STORE | APP_EXISTING, &err) < 0)
		return app_fail(&err);
	if (schedule_date_parse(d, date ? date : "today", a.params.timezone) < 0) {
		cli_error("contact: '%s' is not a date (YYYY-MM-DD)", date);
		app_release(&a);
		return EXIT_USAGE;
	}
	if (store_contact_add(a.store, email, ch, d, note, answered, &unanswered, &err) < 0) {
		rw_err_prefix(&err, "contact");
		app_release(&a);
		return app_fail(&err);
	}
	printf("recorded %s with %s on %s%s (%d without an answer)\n", contact_channel_name(ch),
	       email, d, answered ? ", answered" : "", unanswered);
	if (unanswered >= a.params.break_up_attempts)
		printf("%d attempts without an answer: time for a break-up email "
		       "(see 'replywatch due')\n",
		       unanswered);
	/* Still recorded (it happened), but this is the mistake the flag exists to prevent
	 * (F2.17). */
	struct prospect p;
	if (store_prospect_get(a.store, email, &p, &err) > 0) {
		if (p.do_not_contact)
			fprintf(stderr,
				"replywatch: warning: %s asked not to be contacted (do-not-contact)\n",
				p.email);
		prospect_release(&p);
	}
	app_release(&a);
	return 0;
}
