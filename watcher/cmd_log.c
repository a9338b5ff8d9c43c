/* cmd_log.c: 'replywatch log': the classification log for auditing (SPEC §2, §5; issue 6).
 *
 * Each entry: the message (From, Subject, Date, Message-ID), the decision, its reason, the
 * rule hits with the text they matched, the rule-set version, and every correction after
 * it. Formats: table (people), csv, jsonl (SPEC §5 fields). --export-samples turns the
 * corrected messages into a labelled manifest that 'replywatch rules test' reads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "buf.h"
#include "csvio.h"
#include "json.h"

static const char usage[] =
	"usage: replywatch log [--since YYYY-MM-DD] [--class C] [--reason R] [--rule NAME]\n"
	"                      [--prospect EMAIL] [--format table|csv|jsonl] [--corrections]\n"
	"                      [--export-samples DIR]\n"
	"\n"
	"The decisions, oldest first, with the rules that made them and any correction.\n"
	"  --class C          yes, later, no, auto or review (after corrections)\n"
	"  --reason R         a reason (no/other-vendor) or a family prefix (no/)\n"
	"  --rule NAME        entries where that rule fired\n"
	"  --corrections      only entries a person corrected\n"
	"  --export-samples DIR  write the corrected messages and DIR/manifest.tsv\n"
	"                     (file, kind, label, callback) for 'replywatch rules test'\n";

enum fmt { FMT_TABLE, FMT_CSV, FMT_JSONL };

struct log_out {
	enum fmt fmt;
	const char *tz;
	long n;
	/* export */
	const char *dir;
	struct app *a;
	struct buf manifest;
	struct rw_err *err;
};

static void iso_utc(char out[32], time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void local_time(char out[32], time_t t, const char *tz)
{
	char d[11];
	struct tm tm;
	schedule_date_of(d, t, tz);
	/* The clock time in the same zone: the offset from the zone's midnight. */
	time_t mid = schedule_date_start(d, tz);
	long secs = (long)(t - mid);
	if (secs < 0 || secs >= 90000) {
		gmtime_r(&t, &tm);
		strftime(out, 32, "%Y-%m-%d %H:%M UTC", &tm);
		return;
	}
	snprintf(out, 32, "%s %02ld:%02ld", d, (secs / 3600) % 100, (secs / 60) % 60);
}

static void rules_joined(struct buf *b, const struct log_entry *e, const char *sep)
{
	for (size_t i = 0; i < e->nhits; i++)
		buf_printf(b, "%s%s", i ? sep : "", e->hits[i].rule);
}

/* Collapse line breaks and runs of blanks: a quote wraps where the sender's client did. */
static void squash(struct buf *b, const char *s)
{
	bool space = false;
	for (; s && *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b->len > 0;
			continue;
		}
		if (space)
			buf_putc(b, ' ');
		space = false;
		buf_putc(b, *s);
	}
}

static int print_table(struct log_out *o, const struct log_entry *e)
{
	char when[32];
	local_time(when, e->date, o->tz);
	if (o->n)
		printf("\n");
	printf("%s  %-6s %-22s %s\n", when, e->cls ? e->cls : "?", e->reason ? e->reason : "-",
	       e->from ? e->from : "?");
	printf("  Subject:    %s\n", e->subject ? e->subject : "");
	printf("  Message-ID: <%s>\n", e->message_id ? e->message_id : "");
	printf("  Answers:    %s email%s%s, matched by %s%s%s\n", store_kind_name(e->kind),
	       e->prospect ? " to " : "", e->prospect ? e->prospect : "",
	       e->matched_by ? e->matched_by : "?", e->ruleset ? ", rule set " : "",
	       e->ruleset ? e->ruleset : "");
	if (e->callback) {
		struct buf q = BUF_INIT;
		squash(&q, e->callback_quote);
		printf("  Callback:   %s%s%s%s\n", e->callback, e->callback_quote ? " (\"" : "",
		       buf_str(&q), e->callback_quote ? "\")" : "");
		buf_release(&q);
	}
	if (e->ooo_return)
		printf("  Back on:    %s\n", e->ooo_return);
	printf("  Scores:     yes %.2f  later %.2f  no %.2f\n", e->scores[0], e->scores[1],
	       e->scores[2]);
	for (size_t i = 0; i < e->nhits; i++)
		printf("  Rule:       %s (%s, %+.2f%s): \"%s\"\n", e->hits[i].rule, e->hits[i].cls,
		       e->hits[i].weight, e->hits[i].negated ? ", negated" : "",
		       e->hits[i].match ? e->hits[i].match : "");
	if (e->corrected)
		printf("  Decided:    %s by the rules\n", e->orig_cls);
	for (size_t i = 0; i < e->ncorrections; i++) {
		char w[32];
		local_time(w, e->corrections[i].when, o->tz);
		printf("  Corrected:  %s -> %s (%s)%s%s\n", w, e->corrections[i].cls,
		       e->corrections[i].reason ? e->corrections[i].reason : "",
		       e->corrections[i].callback ? ", callback " : "",
		       e->corrections[i].callback ? e->corrections[i].callback : "");
	}
	return 0;
}

static int print_csv(const struct log_entry *e, const char *tz)
{
	char date[32], local[11];
	struct buf rules = BUF_INIT, hits = BUF_INIT;
	(void)tz;
	iso_utc(date, e->date);
	schedule_date_of(local, e->date, tz);
	rules_joined(&rules, e, ";");
	for (size_t i = 0; i < e->nhits; i++)
		buf_printf(&hits, "%s%s=%s", i ? "; " : "", e->hits[i].rule,
			   e->hits[i].match ? e->hits[i].match : "");
	const char *f[] = {e->message_id,
			   e->from,
			   e->subject,
			   date,
			   e->prospect,
			   store_kind_name(e->kind),
			   e->cls,
			   e->reason,
			   e->callback,
			   e->matched_by,
			   buf_str(&rules),
			   e->ruleset,
			   e->corrected ? "true" : "false",
			   e->orig_cls,
			   buf_str(&hits)};
	csvio_write_row(stdout, f, sizeof f / sizeof f[0]);
	buf_release(&rules);
	buf_release(&hits);
	return 0;
}

static int print_jsonl(const struct log_entry *e)
{
	struct buf b = BUF_INIT;
	struct json j;
	char date[32];
	iso_utc(date, e->date);
	json_init(&j, &b);
	json_obj_begin(&j);
	json_key_str(&j, "message_id", e->message_id);
	json_key_str(&j, "from", e->from);
	json_key_str(&j, "subject", e->subject);
	json_key_str(&j, "date", date);
	json_key_str(&j, "prospect", e->prospect);
	json_key_str(&j, "kind", store_kind_name(e->kind));
	json_key_str(&j, "class", e->cls);
	json_key_str(&j, "reason", e->reason);
	json_key_str(&j, "callback", e->callback);
	json_key_str(&j, "callback_quote", e->callback_quote);
	json_key_str(&j, "ooo_return", e->ooo_return);
	json_key_str(&j, "matched_by", e->matched_by);
	json_key(&j, "rules");
	json_arr_begin(&j);
	for (size_t i = 0; i < e->nhits; i++)
		json_str(&j, e->hits[i].rule);
	json_arr_end(&j);
	json_key(&j, "hits");
	json_arr_begin(&j);
	for (size_t i = 0; i < e->nhits; i++) {
		json_obj_begin(&j);
		json_key_str(&j, "name", e->hits[i].rule);
		json_key_str(&j, "class", e->hits[i].cls);
		json_key_num(&j, "weight", e->hits[i].weight);
		json_key_str(&j, "match", e->hits[i].match);
		json_key_str(&j, "scope", e->hits[i].scope);
		json_key_bool(&j, "negated", e->hits[i].negated);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key(&j, "scores");
	json_obj_begin(&j);
	json_key_num(&j, "yes", e->scores[0]);
	json_key_num(&j, "later", e->scores[1]);
	json_key_num(&j, "no", e->scores[2]);
	json_obj_end(&j);
	json_key_str(&j, "ruleset", e->ruleset);
	json_key_bool(&j, "corrected", e->corrected);
	json_key_str(&j, "decided_class", e->orig_cls);
	json_key(&j, "corrections");
	json_arr_begin(&j);
	for (size_t i = 0; i < e->ncorrections; i++) {
		char w[32];
		iso_utc(w, e->corrections[i].when);
		json_obj_begin(&j);
		json_key_str(&j, "class", e->corrections[i].cls);
		json_key_str(&j, "reason", e->corrections[i].reason);
		json_key_str(&j, "callback", e->corrections[i].callback);
		json_key_str(&j, "at", w);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key_str(&j, "reply", e->reply);
	json_key_str(&j, "folder", e->folder);
	if (e->folder)
		json_key_int(&j, "uid", e->uid);
	else
		json_key_null(&j, "uid");
	json_obj_end(&j);
	buf_putc(&b, '\n');
	int rc = b.oom ? -1 : 0;
	if (!b.oom)
		fwrite(b.data, 1, b.len, stdout);
	buf_release(&b);
	return rc;
}

/* A message kept raw is written as fetched; otherwise one is rebuilt from what the log
 * holds (headers and the extracted reply), which the rules classify the same way. */
static int export_one(struct log_out *o, const struct log_entry *e)
{
	char name[96], *path = NULL, *raw = NULL;
	size_t rawlen = 0;
	FILE *f = NULL;
	int rc = -1;

	snprintf(name, sizeof name, "correction-%04ld-%lld.eml", o->n + 1, (long long)e->id);
	size_t n = strlen(o->dir) + strlen(name) + 2;
	if (!(path = malloc(n)))
		return rw_fail(o->err, RW_ENOMEM, "out of memory");
	snprintf(path, n, "%s/%s", o->dir, name);
	if (store_reply_raw(o->a->store, e->id, &raw, &rawlen, o->err) < 0)
		goto out;
	if (!(f = fopen(path, "w"))) {
		rw_fail(o->err, RW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (raw) {
		fwrite(raw, 1, rawlen, f);
	} else {
		char date[64];
		struct tm tm;
		gmtime_r(&e->date, &tm);
		strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
		fprintf(f,
			"From: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n"
			"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
			"Content-Transfer-Encoding: 8bit\r\n\r\n",
			e->from ? e->from : "unknown@invalid", e->subject ? e->subject : "", date,
			e->message_id ? e->message_id : "");
		for (const char *t = e->reply ? e->reply : ""; *t; t++) {
			if (*t == '\n' && (t == e->reply || t[-1] != '\r'))
				fputc('\r', f);
			fputc(*t, f);
		}
		fputs("\r\n", f);
	}
	if (fclose(f) != 0) {
		f = NULL;
		rw_fail(o->err, RW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	f = NULL;
	const char *cb = "";
	if (e->cls && strcmp(e->cls, "later") == 0)
		cb = e->callback ? e->callback : "default";
	buf_printf(&o->manifest, "%s\t%s\t%s\t%s\t%s\t%s\n", name, store_kind_name(e->kind),
		   e->cls ? e->cls : "review", cb, e->message_id ? e->message_id : "",
		   e->reason ? e->reason : "");
	rc = 0;
out:
	if (f)
		fclose(f);
	free(raw);
	free(path);
	return rc;
}

static int each(void *arg, const struct log_entry *e)
{
	struct log_out *o = arg;
	int rc;
	if (o->dir)
		rc = export_one(o, e);
	else if (o->fmt == FMT_TABLE)
		rc = print_table(o, e);
	else if (o->fmt == FMT_CSV)
		rc = print_csv(e, o->tz);
	else
		rc = print_jsonl(e);
	if (rc == 0)
		o->n++;
	return rc;
}

static int write_manifest(struct log_out *o)
{
	size_t n = strlen(o->dir) + 32;
	char *path = malloc(n), *tmp = malloc(n + 16);
	int rc = -1;
	FILE *f = NULL;
	if (!path || !tmp) {
		rw_fail(o->err, RW_ENOMEM, "out of memory");
		goto out;
	}
	snprintf(path, n, "%s/manifest.tsv", o->dir);
	snprintf(tmp, n + 16, "%s.tmp%ld", path, (long)getpid());
	if (!(f = fopen(tmp, "w"))) {
		rw_fail(o->err, RW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	fputs("file\tkind\tlabel\tcallback\tmessage_id\treason\n", f);
	fwrite(buf_str(&o->manifest), 1, o->manifest.len, f);
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		f = NULL;
		rw_fail(o->err, RW_EIO, "%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	f = NULL;
	rc = 0;
out:
	free(path);
	free(tmp);
	return rc;
}

int cmd_log(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct app a = {0};
	struct log_filter f = {0};
	struct log_out o = {.fmt = FMT_TABLE, .err = &err};
	const char *since = NULL, *format = NULL;
	enum rw_class cls;
	int rc = 1;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		int r;
		if ((r = app_opt(argc, argv, &i, "--since", &since, &err)) ||
		    (r = app_opt(argc, argv, &i, "--class", &f.cls, &err)) ||
		    (r = app_opt(argc, argv, &i, "--reason", &f.reason, &err)) ||
		    (r = app_opt(argc, argv, &i, "--rule", &f.rule, &err)) ||
		    (r = app_opt(argc, argv, &i, "--prospect", &f.prospect, &err)) ||
		    (r = app_opt(argc, argv, &i, "--format", &format, &err)) ||
		    (r = app_opt(argc, argv, &i, "--export-samples", &o.dir, &err))) {
			if (r < 0) {
				cli_error("log: %s", err.msg);
				return EXIT_USAGE;
			}
		} else if (strcmp(argv[i], "--corrections") == 0) {
			f.corrections_only = true;
		} else {
			cli_error("log: unknown argument '%s'", argv[i]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (format) {
		if (strcmp(format, "table") == 0)
			o.fmt = FMT_TABLE;
		else if (strcmp(format, "csv") == 0)
			o.fmt = FMT_CSV;
		else if (strcmp(format, "jsonl") == 0 || strcmp(format, "json") == 0)
			o.fmt = FMT_JSONL;
		else {
			cli_error("log: unknown format '%s' (want table, csv or jsonl)", format);
			return EXIT_USAGE;
		}
	}
	if (f.cls && store_class_parse(f.cls, &cls) < 0) {
		cli_error("log: unknown class '%s' (want yes, later, no, auto or review)", f.cls);
		return EXIT_USAGE;
	}
	if (f.cls)
		f.cls = store_class_name(cls);
	if (o.dir)
		f.corrections_only = true; /* corrections are what become new samples */
	char since_d[11];
	if (since && schedule_date_parse(since_d, since, NULL) < 0) {
		cli_error("log: --since '%s' is not a date (YYYY-MM-DD)", since);
		return EXIT_USAGE;
	}
	if (app_open(&a, ctx, APP_STORE | APP_EXISTING, &err) < 0)
		return app_fail(&err);
	o.a = &a;
	o.tz = a.params.timezone;
	if (since) {
		char d[11];
		if (schedule_date_parse(d, since, o.tz) < 0) {
			cli_error("log: --since '%s' is not a date (YYYY-MM-DD)", since);
			rc = EXIT_USAGE;
			goto out;
		}
		f.since = schedule_date_start(d, o.tz);
	}
	if (f.prospect) {
		int r = store_prospect_exists(a.store, f.prospect, &err);
		if (r < 0) {
			app_fail(&err);
			goto out;
		}
		if (r == 0) {
			cli_error("log: %s is not a prospect", f.prospect);
			goto out;
		}
	}
	if (o.dir) {
		struct stat st;
		if (mkdir(o.dir, 0755) < 0 && errno != EEXIST) {
			cli_error("log: %s: %s", o.dir, strerror(errno));
			goto out;
		}
		if (stat(o.dir, &st) < 0 || !S_ISDIR(st.st_mode) || access(o.dir, W_OK) < 0) {
			cli_error("log: %s: not a writable directory", o.dir);
			goto out;
		}
	}
	if (o.fmt == FMT_CSV && !o.dir) {
		static const char *const header[] = {
			"message_id", "from",	 "subject",   "date",	       "prospect",
			"kind",	      "class",	 "reason",    "callback",      "matched_by",
			"rules",      "ruleset", "corrected", "decided_class", "hits"};
		csvio_write_row(stdout, header, sizeof header / sizeof header[0]);
	}
	if (store_log_each(a.store, &f, each, &o, &err) != 0) {
		app_fail(&err);
		goto out;
	}
	if (o.dir) {
		if (write_manifest(&o) < 0) {
			app_fail(&err);
			goto out;
		}
		printf("wrote %ld corrected message%s and %s/manifest.tsv\n", o.n,
		       o.n == 1 ? "" : "s", o.dir);
	} else if (o.n == 0 && o.fmt == FMT_TABLE) {
		fprintf(stderr, "replywatch: no entries\n");
	}
	if (fflush(stdout) != 0) {
		cli_error("log: cannot write the output: %s", strerror(errno));
		goto out;
	}
	rc = 0;
out:
	buf_release(&o.manifest);
	app_release(&a);
	return rc;
}
