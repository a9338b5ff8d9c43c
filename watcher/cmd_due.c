/* cmd_due.c: 'replywatch due [--days N] [--ics FILE] [--todo]': the agenda of next contacts,
 * overdue, today and upcoming, each with why it is due (SPEC §2, §5; issue 6), optionally
 * as an iCalendar file (RFC 5545, ics.c). Break-up emails left unanswered for
 * drip_after_days move their prospects to drip first. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "buf.h"
#include "ics.h"

static const char usage[] =
	"usage: replywatch due [--days N] [--ics FILE] [--todo]\n"
	"\n"
	"Lists the contacts that are overdue, due today and due in the next N days\n"
	"(default 7), each with why: a 'yes' to call back, the callback a prospect asked\n"
	"for (quoting the sentence), an out-of-office return, a referral, a break-up email\n"
	"suggested after unanswered attempts, a pending-file email due; and closed or\n"
	"do-not-contact prospects who replied yes/later, as needing a person's decision.\n"
	"  --ics FILE   also write them as an iCalendar file (one all-day event each)\n"
	"  --todo       with --ics: to-dos (VTODO) instead of events\n";

static const char *action(const char *why)
{
	static const char *const map[][2] = {
		{"yes", "Call back"},
		{"later", "Call back as asked"},
		{"ooo", "Back from out-of-office"},
		{"referral", "Introduce yourself (referral)"},
		{"breakup-suggested", "Send a break-up email"},
		{"pending-due", "Send the pending-file email"},
		{"decide", "Decide (a person must)"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(why, map[i][0]) == 0)
			return map[i][1];
	return "Contact";
}

static void why_text(struct buf *b, const struct due_item *d)
{
	const char *w = d->why;
	if (strcmp(w, "yes") == 0)
		buf_puts(b, "said yes: call back");
	else if (strcmp(w, "later") == 0)
		buf_puts(b, "asked to be contacted later");
	else if (strcmp(w, "ooo") == 0)
		buf_puts(b, "back from out-of-office");
	else if (strcmp(w, "referral") == 0)
		buf_puts(b, "referral: introduce yourself");
	else if (strcmp(w, "breakup-suggested") == 0)
		buf_printf(b, "%d attempts without an answer: send a break-up email", d->attempts);
	else if (strcmp(w, "pending-due") == 0)
		buf_puts(b, "pending file: send the pending-file email");
	else if (strcmp(w, "manual") == 0)
		buf_puts(b, "scheduled by hand");
	else if (strcmp(w, "decide") == 0) {
		/* The note says what happened and the command that acts on it. */
		buf_printf(b, "needs a person's decision: %s", d->quote ? d->quote : "");
		return;
	}
	else
		buf_puts(b, w);
	if (d->quote && strcmp(w, "breakup-suggested") != 0)
		buf_printf(b, strcmp(w, "referral") == 0 ? " (%s)" : ": \"%s\"", d->quote);
}

struct due_out {
	struct app *a;
	const char *section;
	long n;
	struct buf *ics;
	bool todo;
	time_t now;
};

static int print_item(void *arg, const struct due_item *d)
{
	struct due_out *o = arg;
	struct buf why = BUF_INIT, who = BUF_INIT;
	int cmp = strcmp(d->date, o->a->today);
	const char *section = cmp < 0 ? "Overdue" : cmp == 0 ? "Today" : "Upcoming";

	if (!o->section || strcmp(o->section, section) != 0) {
		printf("%s%s:\n", o->n ? "\n" : "", section);
		o->section = section;
	}
	o->n++;
	why_text(&why, d);
	buf_puts(&who, d->email);
	if (d->name || d->company)
		buf_printf(&who, " (%s%s%s)", d->name ? d->name : "",
			   d->name && d->company ? ", " : "", d->company ? d->company : "");
	printf("  %s  %s  %s\n", d->date, buf_str(&who), buf_str(&why));
	if (o->ics) {
		char uid[32], summary[600];
		ics_uid(uid, d->email, d->why, d->date);
		snprintf(summary, sizeof summary, "%s: %s", action(d->why), buf_str(&who));
		struct buf desc = BUF_INIT;
		buf_printf(&desc, "%s\nProspect: %s\nStatus: %s\n(replywatch due)", buf_str(&why),
			   d->email, prospect_status_name(d->status));
		struct ics_item it = {uid, d->date, summary, buf_str(&desc)};
		ics_item(o->ics, &it, o->todo, o->now);
		buf_release(&desc);
	}
	buf_release(&why);
	buf_release(&who);
	return 0;
}

int cmd_due(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct app a = {0};
	struct buf ics = BUF_INIT;
	const char *days_s = NULL, *ics_path = NULL;
	char *tmp = NULL, until[11];
	bool todo = false;
	int fd = -1, rc = 1, moved = 0;
	long days = 7;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		int r;
		if ((r = app_opt(argc, argv, &i, "--days", &days_s, &err)) ||
		    (r = app_opt(argc, argv, &i, "--ics", &ics_path, &err))) {
			if (r < 0) {
				cli_error("due: %s", err.msg);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--todo") == 0) {
			todo = true;
		} else {
			cli_error("due: unknown argument '%s'", argv[i]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (days_s) {
		char *end;
		days = strtol(days_s, &end, 10);
		if (!*days_s || *end || days < 0 || days > 3660) {
			cli_error("due: --days '%s' is not a number of days (0..3660)", days_s);
			return EXIT_USAGE;
		}
	}
	if (todo && !ics_path) {
		cli_error("due: --todo goes with --ics FILE");
		return EXIT_USAGE;
	}
	/* Open the output first: an unwritable file must fail before anything changes. */
	if (ics_path) {
		size_t n = strlen(ics_path) + 16;
		if (!(tmp = malloc(n)))
			goto out;
		snprintf(tmp, n, "%s.tmp%ld", ics_path, (long)getpid());
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0) {
			cli_error("due: %s: %s", ics_path, strerror(errno));
			free(tmp);
			tmp = NULL;
			goto out;
		}
	}
	if (app_open(&a, ctx, APP_STORE | APP_SWEEP | APP_EXISTING, &err) < 0) {
		app_fail(&err);
		goto out;
	}
	moved = a.moved_to_drip;
	if (moved)
		fprintf(stderr,
			"replywatch: %d prospect%s moved to drip (break-up email "
			"unanswered for %d days)\n",
			moved, moved == 1 ? "" : "s", a.params.drip_after_days);
	schedule_add_days(until, a.today, (int)days);
	struct due_out o = {
		.a = &a, .ics = ics_path ? &ics : NULL, .todo = todo, .now = time(NULL)};
	if (ics_path)
		ics_begin(&ics, "-//replywatch//replywatch " RW_VERSION "//EN");
	if (store_due_each(a.store, until, print_item, &o, &err) < 0) {
		app_fail(&err);
		goto out;
	}
	if (o.n == 0)
		printf("Nothing due until %s.\n", until);
	if (ics_path) {
		ics_end(&ics);
		if (ics.oom || write(fd, ics.data, ics.len) != (ssize_t)ics.len || fsync(fd) < 0 ||
		    close(fd) < 0) {
			fd = -1;
			cli_error("due: %s: %s", ics_path, strerror(errno));
			goto out;
		}
		fd = -1;
		if (rename(tmp, ics_path) < 0) {
			cli_error("due: %s: %s", ics_path, strerror(errno));
			goto out;
		}
		free(tmp);
		tmp = NULL;
		fprintf(stderr, "replywatch: wrote %ld event%s to %s\n", o.n, o.n == 1 ? "" : "s",
			ics_path);
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	buf_release(&ics);
	app_release(&a);
	return rc;
}
