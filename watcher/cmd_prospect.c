/* cmd_prospect.c: 'replywatch prospect add|set|import|export|list|show' (SPEC §5, issue 2/6).
 *
 * Import is all or nothing: the whole file is checked and written in one transaction, every
 * bad row is reported by its row and line number, and one bad row imports nothing. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "buf.h"
#include "csvio.h"

static const char usage[] =
	"usage: replywatch prospect add EMAIL [--name N] [--company C] [--status S]\n"
	"                               [--next YYYY-MM-DD] [--do-not-contact]\n"
	"       replywatch prospect set EMAIL [same options as add]\n"
	"                               [--clear-do-not-contact]\n"
	"       replywatch prospect import [--overwrite] FILE.csv   (- for stdin)\n"
	"       replywatch prospect export [FILE.csv]   (stdout by default)\n"
	"       replywatch prospect list [--status S]\n"
	"       replywatch prospect show EMAIL\n"
	"\n"
	"CSV columns (header row, any order): email (required), name, company, status,\n"
	"next_contact (YYYY-MM-DD), do_not_contact (yes|no), last_contact (YYYY-MM-DD:\n"
	"when you last emailed or called them, before replywatch). Other columns are\n"
	"ignored. A pending prospect is due for the pending-file email pending_every_days\n"
	"(90) after its last contact: last_contact, a tracked email or a recorded\n"
	"attempt; with none of these, 90 days after it was imported.\n"
	"Fields are separated by commas, semicolons or tabs (whichever the header uses),\n"
	"quoted with \" when needed; the file is UTF-8. A row with more or fewer fields\n"
	"than the header is an error (quote a name like \"Smith, John\").\n"
	"Existing prospects get the file's name and company (when not empty) and may be\n"
	"marked do-not-contact, but keep their status and next contact: a re-import never\n"
	"undoes the decisions made since. --overwrite applies the file's status and\n"
	"next_contact to existing prospects too; an import never clears do-not-contact.\n"
	"A bad row is reported with its row number and nothing is imported.\n"
	"Statuses: active, pending, breakup-sent, engaged, later, drip, closed,\n"
	"left-company, bad-address. 'set --status active' reopens a closed prospect.\n"
	"The do-not-contact flag: no decision of the rules clears it; only a person, with\n"
	"'set EMAIL --clear-do-not-contact' (kept in the prospect's schedule history).\n";

static int bad_usage(const char *msg)
{
	cli_error("prospect: %s", msg);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

/* ---- add / set ---- */

/* The app is opened here, after the arguments are checked: a bad value is a usage error
 * whether or not the database exists (F1.3). */
static int add_or_set_in(struct app *a, struct prospect_fields *fp, bool clear_dnc, bool is_add);

static int add_or_set(const struct cli_ctx *ctx, int argc, char **argv, bool is_add)
{
	struct prospect_fields f = PROSPECT_FIELDS_INIT;
	struct rw_err err = {0};
	const char *status = NULL;
	enum prospect_status ps;
	char next[11];
	bool clear_dnc = false;

	for (int i = 2; i < argc; i++) {
		int r;
		if ((r = app_opt(argc, argv, &i, "--name", &f.name, &err)) ||
		    (r = app_opt(argc, argv, &i, "--company", &f.company, &err)) ||
		    (r = app_opt(argc, argv, &i, "--status", &status, &err)) ||
		    (r = app_opt(argc, argv, &i, "--next", &f.next_contact, &err))) {
			if (r < 0)
				return bad_usage(err.msg);
		} else if (strcmp(argv[i], "--do-not-contact") == 0) {
			f.do_not_contact = 1;
		} else if (strcmp(argv[i], "--clear-do-not-contact") == 0 && !is_add) {
			clear_dnc = true;
		} else if (argv[i][0] == '-') {
			cli_error("prospect: unknown option '%s'", argv[i]);
			return EXIT_USAGE;
		} else if (!f.email) {
			f.email = argv[i];
		} else {
			return bad_usage("one EMAIL only");
		}
	}
	if (!f.email)
		return bad_usage("which EMAIL?");
	if (clear_dnc && f.do_not_contact == 1)
		return bad_usage("--do-not-contact and --clear-do-not-contact contradict");
	if (status) {
		if (prospect_status_parse(status, &ps) < 0) {
			cli_error("prospect: unknown status '%s' (see --help)", status);
			return EXIT_USAGE;
		}
		f.status = (int)ps;
	}
	if (f.next_contact && *f.next_contact &&
	    schedule_date_parse(next, f.next_contact, NULL) < 0) {
		cli_error("prospect: '%s' is not a date (YYYY-MM-DD)", f.next_contact);
		return EXIT_USAGE;
	}
	struct app a;
	if (app_open(&a, ctx, APP_STORE | (is_add ? 0 : APP_EXISTING), &err) < 0)
		return app_fail(&err);
	int rc = add_or_set_in(&a, &f, clear_dnc, is_add);
	app_release(&a);
	return rc;
}

static int add_or_set_in(struct app *a, struct prospect_fields *fp, bool clear_dnc, bool is_add)
{
	struct prospect_fields f = *fp;
	struct rw_err err = {0};
	char next[11];

	/* Again in the configured time zone ("today" / "tomorrow"). */
	if (f.next_contact && *f.next_contact) {
		if (schedule_date_parse(next, f.next_contact, a->params.timezone) < 0) {
			cli_error("prospect: '%s' is not a date (YYYY-MM-DD)", f.next_contact);
			return EXIT_USAGE;
		}
		f.next_contact = next;
	}
	if (!is_add) {
		int r = store_prospect_exists(a->store, f.email, &err);
		if (r < 0)
			return app_fail(&err);
		if (r == 0) {
			cli_error("prospect: %s is not a prospect (add it first)", f.email);
			return 1;
		}
	}
	if (store_prospect_put(a->store, &f, is_add, NULL, &err) < 0) {
		rw_err_prefix(&err, "prospect");
		return app_fail(&err);
	}
	if (clear_dnc) {
		int r = store_prospect_clear_dnc(a->store, f.email, &err);
		if (r < 0) {
			rw_err_prefix(&err, "prospect");
			return app_fail(&err);
		}
		fprintf(stderr, "replywatch: %s: %s\n", f.email,
			r ? "do-not-contact cleared by you (recorded in its history)"
			  : "was not marked do-not-contact");
	}
	printf("%s %s\n", is_add ? "added" : "updated", f.email);
	return 0;
}

/* ---- import ---- */

enum col { COL_EMAIL, COL_NAME, COL_COMPANY, COL_STATUS, COL_NEXT, COL_DNC, COL_LAST, NCOL };
static const char *const col_names[NCOL] = {"email",	      "name",		"company",
					    "status",	      "next_contact", "do_not_contact",
					    "last_contact"};

/* The note of the contact an import's last_contact column records: found again on a
 * re-import, so the same date is not recorded twice. */
static const char last_note[] = "last contact before import";

static int same_last(void *arg, const struct contact *c)
{
	const char *date = arg;
	return c->note && strcmp(c->note, last_note) == 0 && strcmp(c->date, date) == 0;
}

struct import {
	struct app *a;
	const char *file;
	int col[NCOL]; /* field index, -1 = absent */
	struct buf errs;
	int nerr;
	long added, updated;
	long kept_differ; /* existing prospects whose status the file would have changed */
	size_t ncols;	  /* fields in the header row */
	bool header, overwrite;
	struct seen {
		char *email;
		size_t rowno;
	} * seen; /* every row's email, to point out repeats */
	size_t nseen, capseen;
};

static int seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;
	int c = strcasecmp(x->email, y->email);
	return c ? c : (x->rowno > y->rowno) - (x->rowno < y->rowno);
}

/* A repeated email is not an error (the later row wins, as a second import would), but
 * the user should know. */
static void warn_repeats(struct import *im)
{
	int shown = 0;
	if (im->nseen > 1) /* qsort(NULL, 0) is undefined */
		qsort(im->seen, im->nseen, sizeof *im->seen, seen_cmp);
	for (size_t i = 1; i < im->nseen; i++) {
		if (strcasecmp(im->seen[i].email, im->seen[i - 1].email) != 0)
			continue;
		if (shown++ < 10)
			fprintf(stderr,
				"replywatch: %s: row %zu repeats %s of row %zu; the later row "
				"wins\n",
				im->file, im->seen[i].rowno, im->seen[i].email,
				im->seen[i - 1].rowno);
	}
	if (shown > 10)
		fprintf(stderr, "replywatch: %s: ... and %d more repeated emails\n", im->file,
			shown - 10);
}

static void import_err(struct import *im, const struct csvio_row *row, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void import_err(struct import *im, const struct csvio_row *row, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (im->nerr++ < 20)
		buf_printf(&im->errs, "%s%s:%d: row %zu: %s", im->errs.len ? "\n" : "", im->file,
			   row->line, row->rowno, msg);
}

static const char *field(const struct import *im, const struct csvio_row *row, enum col c)
{
	int i = im->col[c];
	if (i < 0 || (size_t)i >= row->n)
		return NULL;
	return *row->fields[i] ? row->fields[i] : NULL;
}

static int parse_yesno(const char *v, int *out)
{
	static const char *const yes[] = {"yes", "y", "true", "1", "x"};
	static const char *const no[] = {"no", "n", "false", "0"};
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

static int import_row(void *arg, const struct csvio_row *row, struct rw_err *err)
{
	struct import *im = arg;
	struct prospect_fields f = PROSPECT_FIELDS_INIT;
	const char *v;
	char next[11];

	if (row->rowno == 1) {
		for (int c = 0; c < NCOL; c++)
			im->col[c] = -1;
		for (size_t i = 0; i < row->n; i++) {
			bool known = false;
			for (int c = 0; c < NCOL; c++) {
				if (strcasecmp(row->fields[i], col_names[c]) == 0) {
					if (im->col[c] >= 0) {
						import_err(im, row, "column '%s' appears twice",
							   col_names[c]);
					}
					im->col[c] = (int)i;
					known = true;
				}
			}
			(void)known; /* other columns (phone, notes, ...) are ignored */
		}
		if (im->col[COL_EMAIL] < 0) {
			bool semi = row->n == 1 && strchr(row->fields[0], ';');
			rw_fail(err, RW_ESYNTAX,
				"%s:%d: row 1: the header row has no 'email' column (want: email, "
				"name, company, status, next_contact, do_not_contact)%s",
				im->file, row->line,
				semi ? "; the file looks separated by ';': save it with commas"
				     : "");
			return -1;
		}
		im->header = true;
		im->ncols = row->n;
		return 0;
	}
	if (row->n == 1 && !*row->fields[0])
		return 0; /* an empty line of commas-free padding */
	/* A field too many is nearly always an unquoted "Last, First" name: taking the row
	 * would shift every later column into the wrong one and drop the last (F2.1). */
	if (row->n != im->ncols) {
		import_err(im, row, "%zu fields but the header has %zu%s", row->n, im->ncols,
			   row->n > im->ncols ? " (a name with a comma must be quoted)" : "");
		return 0;
	}
	f.email = field(im, row, COL_EMAIL);
	if (!f.email) {
		import_err(im, row, "no email address");
		return 0;
	}
	if (!prospect_email_valid(f.email)) {
		import_err(im, row, "'%s' is not an email address", f.email);
		return 0;
	}
	f.name = field(im, row, COL_NAME);
	f.company = field(im, row, COL_COMPANY);
	if ((v = field(im, row, COL_STATUS))) {
		enum prospect_status ps;
		if (prospect_status_parse(v, &ps) < 0) {
			import_err(im, row,
				   "unknown status '%s' (want active, pending, breakup-sent, "
				   "engaged, later, drip, closed, left-company or bad-address)",
				   v);
			return 0;
		}
		f.status = (int)ps;
	}
	if ((v = field(im, row, COL_NEXT))) {
		if (schedule_date_parse(next, v, im->a->params.timezone) < 0 ||
		    strcmp(v, "today") == 0 || strcmp(v, "tomorrow") == 0) {
			import_err(im, row, "next_contact '%s' is not a date (YYYY-MM-DD)", v);
			return 0;
		}
		f.next_contact = next;
	}
	char last[11] = "";
	if ((v = field(im, row, COL_LAST)) &&
	    (schedule_date_parse(last, v, im->a->params.timezone) < 0 ||
	     strcmp(v, "today") == 0 || strcmp(v, "tomorrow") == 0)) {
		import_err(im, row, "last_contact '%s' is not a date (YYYY-MM-DD)", v);
		return 0;
	}
	if ((v = field(im, row, COL_DNC)) && parse_yesno(v, &f.do_not_contact) < 0) {
		import_err(im, row, "do_not_contact '%s' is not yes or no", v);
		return 0;
	}
	if (im->nerr)
		return 0; /* nothing will be kept: just keep checking the rest */
	if (im->nseen == im->capseen) {
		size_t cap = im->capseen ? im->capseen * 2 : 256;
		struct seen *nv = realloc(im->seen, cap * sizeof *nv);
		if (!nv)
			return rw_fail(err, RW_ENOMEM, "out of memory");
		im->seen = nv;
		im->capseen = cap;
	}
	if (!(im->seen[im->nseen].email = strdup(f.email)))
		return rw_fail(err, RW_ENOMEM, "out of memory");
	im->seen[im->nseen++].rowno = row->rowno;
	struct prospect old;
	int known = store_prospect_get(im->a->store, f.email, &old, err);
	if (known > 0) {
		/* SPEC §2: closed stays closed "until a person reopens it"; a bulk import of
		 * the day-1 file is not that person (F2.14). */
		if (!im->overwrite) {
			if (f.status >= 0 && f.status != (int)old.status)
				im->kept_differ++;
			f.status = -1;
			f.next_contact = NULL;
		}
		prospect_release(&old);
	}
	if (known < 0 || store_prospect_put(im->a->store, &f, false, NULL, err) < 0) {
		rw_err_prefix(err, "%s:%d: row %zu", im->file, row->line, row->rowno);
		return -1;
	}
	/* F2.39: the pending file's last email was sent before replywatch knew the prospect;
	 * recorded as an answered note, it dates the next pending-file email (due
	 * pending_every_days after it) without counting as an unanswered attempt. */
	if (*last) {
		int dup = store_contact_each(im->a->store, f.email, same_last, last, err);
		if (dup < 0 || (dup == 0 && store_contact_add(im->a->store, f.email, CH_NOTE, last,
							      last_note, true, NULL, err) < 0)) {
			rw_err_prefix(err, "%s:%d: row %zu", im->file, row->line, row->rowno);
			return -1;
		}
	}
	if (known)
		im->updated++;
	else
		im->added++;
	return 0;
}

static int import(struct app *a, const char *file, bool overwrite)
{
	struct import im = {
		.a = a, .file = strcmp(file, "-") == 0 ? "(stdin)" : file, .overwrite = overwrite};
	struct rw_err err = {0};
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	int rc = 1;

	if (!f) {
		cli_error("prospect import: %s: %s", file, strerror(errno));
		return 1;
	}
	if (store_begin(a->store, &err) < 0)
		goto fail;
	int r = csvio_read(f, im.file, import_row, &im, &err);
	if (r == 0 && !im.header)
		r = rw_fail(&err, RW_ESYNTAX,
			    "%s: empty: want a header row naming at least 'email'", im.file);
	if (r != 0 || im.nerr) {
		store_rollback(a->store, NULL);
		if (r != 0)
			app_fail(&err);
		if (im.nerr) {
			struct rw_err e2 = {.code = RW_ESYNTAX};
			snprintf(e2.msg, sizeof e2.msg, "%s", buf_str(&im.errs));
			app_fail(&e2);
			if (im.nerr > 20)
				cli_error("prospect import: ... and %d more bad rows",
					  im.nerr - 20);
		}
		cli_error("prospect import: nothing imported from %s", im.file);
		goto out;
	}
	if (store_commit(a->store, &err) < 0)
		goto fail;
	warn_repeats(&im);
	printf("imported %ld prospect%s from %s (%ld new, %ld updated", im.added + im.updated,
	       im.added + im.updated == 1 ? "" : "s", im.file, im.added, im.updated);
	if (overwrite)
		printf("; status and next contact taken from the file)\n");
	else if (im.kept_differ)
		printf("; %ld existing kept their status, %ld of them differ from the file: "
		       "--overwrite applies it)\n",
		       im.updated, im.kept_differ);
	else
		printf("; %ld existing kept their status)\n", im.updated);
	rc = 0;
	goto out;
fail:
	store_rollback(a->store, NULL);
	app_fail(&err);
out:
	for (size_t i = 0; i < im.nseen; i++)
		free(im.seen[i].email);
	free(im.seen);
	buf_release(&im.errs);
	if (f != stdin)
		fclose(f);
	return rc;
}

/* ---- export ---- */

static int export_row(void *arg, const struct prospect *p)
{
	const char *fields[] = {p->email,
				p->name,
				p->company,
				prospect_status_name(p->status),
				p->next_contact,
				p->do_not_contact ? "yes" : "no",
				p->referred_by_email,
				p->next_reason};
	csvio_write_row(arg, fields, sizeof fields / sizeof fields[0]);
	return 0;
}

static int export(struct app *a, const char *file)
{
	static const char *const header[] = {"email",	    "name",	    "company",
					     "status",	    "next_contact", "do_not_contact",
					     "referred_by", "next_reason"};
	struct rw_err err = {0};
	char *tmp = NULL;
	FILE *f = stdout;
	int rc = 1;

	if (file && strcmp(file, "-") != 0) {
		/* Write beside the target and rename: a failure leaves the old file whole. */
		size_t n = strlen(file) + 16;
		if (!(tmp = malloc(n)))
			return 1;
		snprintf(tmp, n, "%s.tmp%ld", file, (long)getpid());
		if (!(f = fopen(tmp, "w"))) {
			cli_error("prospect export: %s: %s", file, strerror(errno));
			free(tmp);
			return 1;
		}
	}
	csvio_write_row(f, header, sizeof header / sizeof header[0]);
	if (store_prospect_each(a->store, -1, export_row, f, &err) < 0) {
		app_fail(&err);
		goto out;
	}
	if (fflush(f) != 0 || ferror(f)) {
		cli_error("prospect export: %s: %s", file ? file : "stdout", strerror(errno));
		goto out;
	}
	if (tmp) {
		if (fclose(f) != 0) {
			f = NULL;
			cli_error("prospect export: %s: %s", file, strerror(errno));
			goto out;
		}
		f = NULL;
		if (rename(tmp, file) < 0) {
			cli_error("prospect export: %s: %s", file, strerror(errno));
			goto out;
		}
		free(tmp);
		tmp = NULL;
	}
	rc = 0;
out:
	if (tmp) {
		if (f)
			fclose(f);
		unlink(tmp);
		free(tmp);
	}
	return rc;
}

/* ---- list / show ---- */

static int list_row(void *arg, const struct prospect *p)
{
	long *n = arg;
	if ((*n)++ == 0)
		printf("%-32s %-20s %-20s %-12s %-10s %s\n", "EMAIL", "NAME", "COMPANY", "STATUS",
		       "NEXT", "NOTE");
	printf("%-32s %-20s %-20s %-12s %-10s %s%s\n", p->email, p->name ? p->name : "-",
	       p->company ? p->company : "-", prospect_status_name(p->status),
	       p->next_contact[0] ? p->next_contact : "-",
	       p->do_not_contact ? "do-not-contact " : "",
	       p->next_reason && p->next_contact[0] ? p->next_reason : "");
	return 0;
}

static int list(struct app *a, int argc, char **argv)
{
	struct rw_err err = {0};
	const char *status = NULL;
	enum prospect_status ps;
	long n = 0;

	for (int i = 2; i < argc; i++) {
		int r = app_opt(argc, argv, &i, "--status", &status, &err);
		if (r < 0)
			return bad_usage(err.msg);
		if (r == 0) {
			cli_error("prospect list: unknown argument '%s'", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (status && prospect_status_parse(status, &ps) < 0) {
		cli_error("prospect list: unknown status '%s' (see --help)", status);
		return EXIT_USAGE;
	}
	if (store_prospect_each(a->store, status ? (int)ps : -1, list_row, &n, &err) < 0)
		return app_fail(&err);
	if (n == 0)
		fprintf(stderr, "replywatch: no prospects%s%s\n", status ? " with status " : "",
			status ? status : "");
	return 0;
}

static int show_contact(void *arg, const struct contact *c)
{
	(void)arg;
	printf("  %s  %-9s %-9s %s\n", c->date, contact_channel_name(c->channel),
	       c->answered ? "answered" : "", c->note ? c->note : "");
	return 0;
}

static int show_reply(void *arg, const struct log_entry *e)
{
	const struct app *a = arg;
	char d[11];
	schedule_date_of(d, e->date, a->params.timezone);
	printf("  %s  %-7s %-24s %s%s\n", d, e->cls, e->reason ? e->reason : "-",
	       e->subject ? e->subject : "", e->corrected ? "  (corrected)" : "");
	return 0;
}

static int show(struct app *a, const char *email)
{
	struct prospect p;
	struct rw_err err = {0};
	int r = store_prospect_get(a->store, email, &p, &err);

	if (r < 0)
		return app_fail(&err);
	if (r == 0) {
		cli_error("prospect show: %s is not a prospect", email);
		return 1;
	}
	printf("email:          %s\n", p.email);
	printf("name:           %s\n", p.name ? p.name : "");
	printf("company:        %s\n", p.company ? p.company : "");
	printf("status:         %s\n", prospect_status_name(p.status));
	printf("do_not_contact: %s\n", p.do_not_contact ? "yes" : "no");
	if (p.referred_by_email)
		printf("referred_by:    %s\n", p.referred_by_email);
	printf("next_contact:   %s\n", p.next_contact[0] ? p.next_contact : "");
	if (p.next_contact[0] && p.next_reason)
		printf("next_reason:    %s%s%s%s\n", p.next_reason, p.next_quote ? " (\"" : "",
		       p.next_quote ? p.next_quote : "", p.next_quote ? "\")" : "");
	printf("contact attempts:\n");
	int rc = store_contact_each(a->store, p.email, show_contact, NULL, &err);
	if (rc == 0) {
		struct log_filter f = {.prospect = p.email};
		printf("replies:\n");
		rc = store_log_each(a->store, &f, show_reply, a, &err);
	}
	prospect_release(&p);
	return rc < 0 ? app_fail(&err) : 0;
}

int cmd_prospect(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct app a;
	struct rw_err err = {0};
	int rc;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 2)
		return bad_usage("which subcommand?");
	const char *sub = argv[1];
	if (strcmp(sub, "add") && strcmp(sub, "set") && strcmp(sub, "import") &&
	    strcmp(sub, "export") && strcmp(sub, "list") && strcmp(sub, "show")) {
		cli_error("prospect: unknown subcommand '%s'", sub);
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	bool overwrite = false;
	const char *import_file = NULL;
	if (strcmp(sub, "import") == 0) {
		for (int i = 2; i < argc; i++) {
			if (strcmp(argv[i], "--overwrite") == 0)
				overwrite = true;
			else if (argv[i][0] == '-' && argv[i][1]) {
				cli_error("prospect import: unknown option '%s'", argv[i]);
				return EXIT_USAGE;
			} else if (import_file)
				return bad_usage("import [--overwrite] FILE.csv");
			else
				import_file = argv[i];
		}
		if (!import_file)
			return bad_usage("import [--overwrite] FILE.csv");
	}
	if (strcmp(sub, "show") == 0 && argc != 3)
		return bad_usage("show EMAIL");
	if (strcmp(sub, "export") == 0 && argc > 3)
		return bad_usage("export [FILE.csv]");
	/* Listing and showing move unanswered break-ups to drip first, as 'due' does. */
	bool view =
		strcmp(sub, "list") == 0 || strcmp(sub, "show") == 0 || strcmp(sub, "export") == 0;
	/* Only add/import may create the database; the others act on what is recorded. */
	bool creates = strcmp(sub, "add") == 0 || strcmp(sub, "import") == 0;
	if (strcmp(sub, "add") == 0 || strcmp(sub, "set") == 0)
		return add_or_set(ctx, argc, argv, strcmp(sub, "add") == 0);
	if (app_open(&a, ctx,
		     APP_STORE | (view ? APP_SWEEP : 0) | (creates ? 0 : APP_EXISTING), &err) < 0)
		return app_fail(&err);
	if (strcmp(sub, "import") == 0)
		rc = import(&a, import_file, overwrite);
	else if (strcmp(sub, "export") == 0)
		rc = export(&a, argc == 3 ? argv[2] : NULL);
	else if (strcmp(sub, "list") == 0)
		rc = list(&a, argc, argv);
	else
		rc = show(&a, argv[2]);
	app_release(&a);
	return rc;
}
