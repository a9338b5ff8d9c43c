/* cmd_track.c: 'replywatch track FILE.eml --kind breakup|pending': register an outbound
 * email by hand (SPEC §3.1, §5): its Message-ID, recipients (To, Cc), kind, date and text;
 * a prospect is created for each new recipient. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "mail.h"
#include "rules.h"

static const char usage[] =
	"usage: replywatch track FILE.eml [--kind breakup|pending]\n"
	"\n"
	"Registers a sent break-up or pending-file email, so replies to it are recognised.\n"
	"Creates a prospect for each new recipient (To and Cc). Tracking the same\n"
	"Message-ID twice changes nothing. Without --kind, the outbound rules tell the kind\n"
	"(as the watcher does with the Sent folder); an email they do not recognise needs\n"
	"--kind.\n";

/* The kind as the watcher would see it: the outbound rules over the email. */
static int detect_kind(enum rw_kind *out, const struct app *a, const struct mail *m,
		       struct rw_err *err)
{
	struct ruleset *rs = NULL;
	char shipped[4096];
	rules_shipped_dir(shipped, sizeof shipped);
	if (rules_load(&rs, shipped, a->cfg->rules.dir, NULL, err) < 0)
		return -1;
	int rc = rules_outbound_kind(out, rs, m, NULL, err);
	rules_free(&rs);
	return rc;
}

static int read_file(const char *path, char **out, size_t *len, struct rw_err *err)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f)
		return rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return rw_fail(err, RW_EIO, "%s: not a regular file", path);
	}
	if (st.st_size > 64L * 1024 * 1024) {
		fclose(f);
		return rw_fail(err, RW_ELIMIT, "%s: larger than 64 MiB", path);
	}
	char *b = malloc((size_t)st.st_size + 1);
	size_t n = b ? fread(b, 1, (size_t)st.st_size, f) : 0;
	int bad = !b || ferror(f);
	fclose(f);
	if (bad) {
		free(b);
		return rw_fail(err, RW_EIO, "%s: cannot read it", path);
	}
	b[n] = '\0';
	*out = b;
	*len = n;
	return 0;
}

int cmd_track(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	struct mail *m = NULL;
	struct app a = {0};
	const char *file = NULL, *kindname = NULL, **rcpt = NULL;
	char *raw = NULL;
	size_t len = 0, nto = 0, ncc = 0;
	enum rw_kind kind;
	int rc = 1, r;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if ((r = app_opt(argc, argv, &i, "--kind", &kindname, &err)) < 0) {
			cli_error("track: %s", err.msg);
			return EXIT_USAGE;
		} else if (r == 0 && argv[i][0] == '-' && argv[i][1]) {
			cli_error("track: unknown option '%s'", argv[i]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		} else if (r == 0 && file) {
			cli_error("track: one FILE.eml at a time");
			return EXIT_USAGE;
		} else if (r == 0) {
			file = argv[i];
		}
	}
	if (!file) {
		cli_error("track: which FILE.eml?");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	kind = RW_KIND_UNKNOWN;
	if (kindname && (store_kind_parse(kindname, &kind) < 0 || kind == RW_KIND_UNKNOWN)) {
		cli_error("track: unknown kind '%s' (want breakup or pending)", kindname);
		return EXIT_USAGE;
	}
	if (read_file(file, &raw, &len, &err) < 0 || mail_parse(&m, raw, len, &lim, &err) < 0) {
		rw_err_prefix(&err, "track");
		app_fail(&err);
		goto out;
	}
	const char *mid = mail_message_id(m);
	if (!mid || !*mid) {
		cli_error("track: %s: no Message-ID header, so replies could not be matched to it",
			  file);
		goto out;
	}
	const char *const *to = mail_addresses(m, "To", &nto);
	const char *const *cc = mail_addresses(m, "Cc", &ncc);
	if (nto + ncc == 0) {
		cli_error("track: %s: no recipients in To or Cc", file);
		goto out;
	}
	if (!(rcpt = calloc(nto + ncc, sizeof *rcpt)))
		goto out;
	for (size_t i = 0; i < nto; i++)
		rcpt[i] = to[i];
	for (size_t i = 0; i < ncc; i++)
		rcpt[nto + i] = cc[i];
	time_t date = mail_date(m, NULL);
	if (!date) {
		cli_error("track: %s: no readable Date header", file);
		goto out;
	}
	if (app_open(&a, ctx, APP_STORE, &err) < 0) {
		app_fail(&err);
		goto out;
	}
	if (kind == RW_KIND_UNKNOWN) {
		if (detect_kind(&kind, &a, m, &err) < 0) {
			rw_err_prefix(&err, "track");
			app_fail(&err);
			goto out;
		}
		if (kind == RW_KIND_UNKNOWN) {
			cli_error("track: %s: the outbound rules do not see a break-up or "
				  "pending-file "
				  "email in it; say which with --kind",
				  file);
			goto out;
		}
	}
	struct outbound o = {
		.message_id = mid,
		.kind = kind,
		.date = date,
		.subject = mail_header(m, "Subject"),
		.text = mail_text(m),
		.recipients = rcpt,
		.nrecipients = nto + ncc,
	};
	r = store_outbound_add(a.store, &o, &err);
	if (r < 0) {
		app_fail(&err);
		goto out;
	}
	char d[11];
	schedule_date_of(d, date, a.params.timezone);
	if (r == 0)
		printf("already tracked: <%s>\n", mid);
	else {
		printf("tracked <%s>: %s email of %s to", mid, store_kind_name(kind), d);
		for (size_t i = 0; i < nto + ncc; i++)
			printf(" %s", rcpt[i]);
		printf("\n");
	}
	rc = 0;
out:
	app_release(&a);
	free(rcpt);
	mail_free(&m);
	free(raw);
	return rc;
}
