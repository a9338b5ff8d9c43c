/* cmd_rules.c: 'replywatch rules check' and 'replywatch rules test' (SPEC §5).
 *
 * check: load the rule files and lint them: compile errors as file:line:column with PCRE2's
 * message, unknown keys, duplicate names, patterns that match the empty string, examples that
 * do not fire, counter-examples that do, triggers that hide a match, rules that cannot score.
 * test: run the rules over a labelled manifest (TSV: file, kind, label, callback, ...) and
 * print the confusion matrix, per-rule hit counts, every miss with the rules that fired, and
 * callback accuracy (within 7 days); exit 1 below the thresholds given. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "config.h"
#include "dates.h"
#include "mail.h"
#include "rules.h"
#include "rulesload.h"

static const char usage[] =
	"usage: replywatch rules check [DIR|FILE.rules]\n"
	"       replywatch rules test MANIFEST.tsv [--min-accuracy R] [--min-callback R]\n"
	"                             [--max-swaps N] [--rules DIR] [--quiet]\n"
	"\n"
	"check  lints the shipped rules with DIR (default: [rules] dir) layered over them, or\n"
	"       one FILE.rules on its own; exit 1 on any error.\n"
	"test   classifies every message of a labelled manifest (TSV with a header row naming\n"
	"       file, kind, label, callback; file paths relative to the manifest) and reports\n"
	"       accuracy, the confusion matrix, per-rule hits, every miss and callback accuracy\n"
	"       (a stated callback within 7 days). R is a fraction (0.97) or a percentage (97).\n"
	"       Exit 1 when a threshold is not met or a row is bad.\n";

static int is_regular_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int rules_check_cmd(int argc, char **argv, const struct cli_ctx *ctx)
{
	const char *arg = argc > 2 ? argv[2] : NULL;
	struct rules_diags diags = {0};
	struct ruleset *rs = NULL;
	struct config *cfg = NULL;
	struct rw_err err = {0};
	char shipped[PATH_MAX];
	int rc = 0;

	if (argc > 3) {
		cli_error("rules check: one DIR or FILE at most");
		return EXIT_USAGE;
	}
	if (arg && is_regular_file(arg)) {
		struct buf text = BUF_INIT;
		if (cli_read_file(&text, arg, &err) < 0) {
			cli_error("rules check: %s", err.msg);
			return 1;
		}
		rules_load_string(&rs, arg, buf_str(&text), &diags, &err);
		buf_release(&text);
		snprintf(shipped, sizeof shipped, "%s", arg);
	} else {
		const char *user = arg;
		if (user == NULL) {
			if (config_load(&cfg, ctx->config_path, ctx->config_given, &err) < 0) {
				cli_error("%s", err.msg);
				return 1;
			}
			user = cfg->rules.dir;
		} else {
			struct stat st;
			if (stat(user, &st) < 0) {
				cli_error("rules check: %s: %s", user, strerror(errno));
				return 1;
			}
		}
		rules_shipped_dir(shipped, sizeof shipped);
		rules_load(&rs, shipped, user, &diags, &err);
	}
	if (rs)
		rules_check(rs, &diags);
	size_t nwarn = 0;
	for (size_t i = 0; i < diags.n; i++) {
		char line[1400];
		rules_diag_format(&diags.v[i], line, sizeof line);
		puts(line);
		if (diags.v[i].severity == RULES_WARNING)
			nwarn++;
	}
	if (rs)
		printf("%zu rules, ruleset %s: %zu error%s, %zu warning%s\n", rules_count(rs),
		       rules_version(rs), diags.nerrors, diags.nerrors == 1 ? "" : "s", nwarn,
		       nwarn == 1 ? "" : "s");
	else
		printf("rules not loaded: %zu error%s, %zu warning%s\n", diags.nerrors,
		       diags.nerrors == 1 ? "" : "s", nwarn, nwarn == 1 ? "" : "s");
	if (diags.nerrors > 0 || rs == NULL)
		rc = 1;
	rules_diags_release(&diags);
	rules_free(&rs);
	config_free(&cfg);
	return rc;
}

/* ---- rules test ---- */

struct row {
	char *file;
	enum rw_kind kind;
	enum rw_class label;
	char callback[11]; /* "", "default" or a date */
	char ooo[11];      /* ooo_return column: "" or a date */
	char *sent;        /* sent column: the outbound it answers, or NULL */
	int line;
};

static void rows_free(struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].file);
		free(rows[i].sent);
	}
	free(rows);
}

/* Split one TSV line in place; returns the number of fields (at most max). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		fields[n++] = p;
		char *t = strchr(p, '\t');
		if (t == NULL)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

static int parse_manifest(struct row **out, size_t *nout, const char *path, size_t *bad)
{
	struct buf text = BUF_INIT;
	struct rw_err err = {0};
	struct row *rows = NULL;
	size_t n = 0, cap = 0;
	int col_file = -1, col_kind = -1, col_label = -1, col_cb = -1, col_ooo = -1, col_sent = -1;
	*out = NULL;
	*nout = 0;
	*bad = 0;
	if (cli_read_file(&text, path, &err) < 0) {
		cli_error("rules test: %s", err.msg);
		return -1;
	}
	char *p = text.data ? text.data : "";
	int lineno = 0;
	while (*p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		char *line = p;
		p = nl ? nl + 1 : p + strlen(p);
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		char *f[64];
		size_t nf = split_tabs(line, f, 64);
		if (col_file < 0) {
			for (size_t i = 0; i < nf; i++) {
				if (strcmp(f[i], "file") == 0)
					col_file = (int)i;
				else if (strcmp(f[i], "kind") == 0)
					col_kind = (int)i;
				else if (strcmp(f[i], "label") == 0)
					col_label = (int)i;
				else if (strcmp(f[i], "callback") == 0)
					col_cb = (int)i;
				else if (strcmp(f[i], "ooo_return") == 0)
					col_ooo = (int)i;
				else if (strcmp(f[i], "sent") == 0)
					col_sent = (int)i;
			}
			if (col_file < 0 || col_label < 0) {
				cli_error("rules test: %s:%d: the header row must name the columns "
					  "file and label (and kind, callback); found '%s'",
					  path, lineno, f[0]);
				buf_release(&text);
				return -1;
			}
			continue;
		}
		int need = col_file > col_label ? col_file : col_label;
		if ((int)nf <= need) {
			cli_error("rules test: %s:%d: %zu column%s, the header has more (is it "
				  "tab-separated?)", path, lineno, nf, nf == 1 ? "" : "s");
			(*bad)++;
			continue;
		}
		struct row r = {0};
		r.line = lineno;
		if (rw_class_parse(f[col_label], &r.label) < 0) {
			cli_error("rules test: %s:%d: unknown label '%s' (yes, later, no, auto, "
				  "review)", path, lineno, f[col_label]);
			(*bad)++;
			continue;
		}
		const char *k = col_kind >= 0 && col_kind < (int)nf ? f[col_kind] : "";
		if (*k && rw_kind_parse(k, &r.kind) < 0) {
			cli_error("rules test: %s:%d: unknown kind '%s' (breakup, pending)", path,
				  lineno, k);
			(*bad)++;
			continue;
		}
		const char *cb = col_cb >= 0 && col_cb < (int)nf ? f[col_cb] : "";
		struct civil tmp;
		if (*cb && strcmp(cb, "default") != 0 && civil_parse(&tmp, cb) < 0) {
			cli_error("rules test: %s:%d: callback '%s' is not YYYY-MM-DD, 'default' or "
				  "empty", path, lineno, cb);
			(*bad)++;
			continue;
		}
		snprintf(r.callback, sizeof r.callback, "%s", cb);
		const char *oo = col_ooo >= 0 && col_ooo < (int)nf ? f[col_ooo] : "";
		if (*oo && civil_parse(&tmp, oo) < 0) {
			cli_error("rules test: %s:%d: ooo_return '%s' is not YYYY-MM-DD or empty", path,
				  lineno, oo);
			(*bad)++;
			continue;
		}
		snprintf(r.ooo, sizeof r.ooo, "%s", oo);
		if (f[col_file][0] == '\0') {
			cli_error("rules test: %s:%d: empty file name", path, lineno);
			(*bad)++;
			continue;
		}
		/* Paths are relative to the manifest's folder. */
		char full[PATH_MAX];
		const char *slash = strrchr(path, '/');
		if (f[col_file][0] != '/' && slash)
			snprintf(full, sizeof full, "%.*s/%s", (int)(slash - path), path,
				 f[col_file]);
		else
			snprintf(full, sizeof full, "%s", f[col_file]);
		r.file = strdup(full);
		if (col_sent >= 0 && col_sent < (int)nf && f[col_sent][0]) {
			if (f[col_sent][0] != '/' && slash)
				snprintf(full, sizeof full, "%.*s/%s", (int)(slash - path), path,
					 f[col_sent]);
			else
				snprintf(full, sizeof full, "%s", f[col_sent]);
			r.sent = strdup(full);
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			struct row *v = realloc(rows, cap * sizeof *v);
			if (v == NULL) {
				free(r.file);
				break;
			}
			rows = v;
		}
		rows[n++] = r;
	}
	buf_release(&text);
	if (col_file < 0) {
		cli_error("rules test: %s: empty manifest (no header row)", path);
		rows_free(rows, n);
		return -1;
	}
	*out = rows;
	*nout = n;
	return 0;
}

static double parse_ratio(const char *s, bool *ok)
{
	char *end;
	double v = strtod(s, &end);
	*ok = end != s && *end == '\0' && v >= 0;
	if (v > 1)
		v /= 100;
	return v;
}

struct rule_stat {
	unsigned hits;
	unsigned by_label[RW_NCLASS];
};

static int rules_test_cmd(int argc, char **argv, const struct cli_ctx *ctx)
{
	const char *manifest = NULL, *user = NULL;
	double min_acc = -1, min_cb = -1;
	long max_swaps = -1;
	bool quiet = false, ok;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--min-accuracy") == 0 && i + 1 < argc) {
			min_acc = parse_ratio(argv[++i], &ok);
		} else if (strcmp(argv[i], "--min-callback") == 0 && i + 1 < argc) {
			min_cb = parse_ratio(argv[++i], &ok);
		} else if (strcmp(argv[i], "--max-swaps") == 0 && i + 1 < argc) {
			char *end;
			max_swaps = strtol(argv[++i], &end, 10);
			ok = *end == '\0' && max_swaps >= 0;
		} else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
			user = argv[++i];
			ok = true;
		} else if (strcmp(argv[i], "--quiet") == 0) {
			quiet = ok = true;
		} else if (argv[i][0] == '-' || manifest) {
			cli_error("rules test: unexpected '%s'", argv[i]);
			return EXIT_USAGE;
		} else {
			manifest = argv[i];
			ok = true;
		}
		if (!ok) {
			cli_error("rules test: bad value '%s' for %s", argv[i], argv[i - 1]);
			return EXIT_USAGE;
		}
	}
	if (manifest == NULL) {
		cli_error("rules test: no manifest given");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}

	struct ruleset *rs = NULL;
	struct config *cfg = NULL;
	struct rw_err err = {0};
	struct row *rows = NULL;
	size_t nrows = 0, bad = 0;
	int rc = 0;
	if (parse_manifest(&rows, &nrows, manifest, &bad) < 0)
		return 1;
	if (nrows == 0 && bad == 0) {
		/* A test that ran nothing must not pass. */
		cli_error("rules test: %s: no samples (a header row and at least one row are needed)",
			  manifest);
		rows_free(rows, nrows);
		return 1;
	}
	if (cli_setup_rules(&rs, &cfg, ctx, user, &err) < 0) {
		cli_error("%s", err.msg);
		rows_free(rows, nrows);
		return 1;
	}
	struct classify_opts opts;
	classify_opts_init(&opts);
	cli_classify_opts(&opts, cfg);

	unsigned conf[RW_NCLASS][RW_NCLASS] = {{0}};
	size_t nrules = rules_count(rs);
	struct rule_stat *rstat = calloc(nrules ? nrules : 1, sizeof *rstat);
	struct buf misses = BUF_INIT, cbmiss = BUF_INIT, raw = BUF_INIT;
	size_t total = 0, correct = 0, swaps = 0, cb_total = 0, cb_ok = 0, ooo_total = 0,
	       ooo_ok = 0, unreadable = 0, out_total = 0, out_ok = 0;
	struct buf outmiss = BUF_INIT;
	for (size_t i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		struct decision *d = NULL;
		rw_err_clear(&err);
		if (cli_read_file(&raw, r->file, &err) < 0) {
			cli_error("rules test: %s:%d: %s", manifest, r->line, err.msg);
			unreadable++;
			continue;
		}
		/* The outbound rules on the email this one answers. */
		if (r->sent && r->kind != RW_KIND_UNKNOWN) {
			struct buf sb = BUF_INIT;
			struct mail *sm = NULL;
			struct mime_limits lim = MIME_LIMITS_DEFAULT;
			enum rw_kind k = RW_KIND_UNKNOWN;
			if (cli_read_file(&sb, r->sent, &err) == 0 &&
			    mail_parse(&sm, buf_str(&sb), sb.len, &lim, &err) == 0 &&
			    rules_outbound_kind(&k, rs, sm, NULL, &err) == 0) {
				out_total++;
				if (k == r->kind)
					out_ok++;
				else
					buf_printf(&outmiss, "  %s:%d %s: %s wanted, got %s\n", manifest,
						   r->line, r->sent, rw_kind_name(r->kind),
						   rw_kind_name(k));
			}
			mail_free(&sm);
			buf_release(&sb);
			rw_err_clear(&err);
		}
		opts.kind = r->kind;
		if (classify_message(&d, rs, buf_str(&raw), raw.len, &opts, &err) < 0) {
			cli_error("rules test: %s:%d: %s: %s", manifest, r->line, r->file, err.msg);
			unreadable++;
			continue;
		}
		total++;
		conf[r->label][d->cls]++;
		bool hit = d->cls == r->label;
		if (hit)
			correct++;
		if ((r->label == RW_YES && d->cls == RW_NO) || (r->label == RW_NO && d->cls == RW_YES))
			swaps++;
		for (size_t h = 0; h < d->nhits; h++) {
			if (d->hits[h].weight == 0 || d->hits[h].limit)
				continue;
			long idx = rules_find(rs, d->hits[h].rule);
			if (idx >= 0) {
				rstat[idx].hits++;
				rstat[idx].by_label[r->label]++;
			}
		}
		if (!hit) {
			buf_printf(&misses, "  %s:%d %s: %s, got %s (%s)%s", manifest, r->line, r->file,
				   rw_class_name(r->label), rw_class_name(d->cls), d->reason,
				   d->nhits ? "; rules" : "; no rule fired");
			for (size_t h = 0; h < d->nhits; h++)
				buf_printf(&misses, " %s:%s:%+.1f%s", d->hits[h].rule,
					   rw_class_name(d->hits[h].cls), d->hits[h].weight,
					   d->hits[h].negated ? ":negated" : "");
			buf_putc(&misses, '\n');
		}
		/* Out-of-office returns: the day the person is back, exactly. */
		if (r->ooo[0] || (r->label == RW_AUTO && d->ooo_return[0])) {
			ooo_total++;
			bool good = strcmp(r->ooo, d->ooo_return) == 0;
			ooo_ok += good;
			if (!good)
				buf_printf(&cbmiss, "  %s:%d %s: return %s wanted, got %s\n", manifest,
					   r->line, r->file, r->ooo[0] ? r->ooo : "none",
					   d->ooo_return[0] ? d->ooo_return : "none");
		}
		/* Callbacks: a stated date within 7 days; "default" means reply + 90/60. */
		if (r->callback[0] && r->label == RW_LATER) {
			struct civil want, got, ref;
			bool have_want = false;
			if (strcmp(r->callback, "default") == 0) {
				if (dates_civil(&ref, d->date, opts.timezone) == 0) {
					int days = d->kind == RW_KIND_PENDING ? opts.pending_later_days
									      : opts.breakup_later_days;
					want = civil_add_days(ref, days);
					have_want = true;
				}
			} else {
				have_want = civil_parse(&want, r->callback) == 0;
			}
			const char *g = d->callback;
			bool good = have_want && g[0] && civil_parse(&got, g) == 0 &&
				    labs(civil_days(got) - civil_days(want)) <= 7;
			cb_total++;
			cb_ok += good;
			if (!good) {
				char w[11] = "?";
				if (have_want)
					civil_format(want, w);
				buf_printf(&cbmiss, "  %s:%d %s: callback %s wanted, got %s%s%s\n",
					   manifest, r->line, r->file, w, g[0] ? g : "none",
					   d->callback_quote ? " from: " : "",
					   d->callback_quote ? d->callback_quote : "");
			}
		}
		decision_free(&d);
	}

	double acc = total ? (double)correct / (double)total : 0;
	double cba = cb_total ? (double)cb_ok / (double)cb_total : 1;
	printf("ruleset %s, %zu rules, %zu messages\n\n", rules_version(rs), nrules, total);
	printf("confusion (rows: label, columns: decision)\n%-8s", "");
	for (int c = 0; c < RW_NCLASS; c++)
		printf("%8s", rw_class_name((enum rw_class)c));
	printf("\n");
	for (int l = 0; l < RW_NCLASS; l++) {
		printf("%-8s", rw_class_name((enum rw_class)l));
		for (int c = 0; c < RW_NCLASS; c++)
			printf("%8u", conf[l][c]);
		printf("\n");
	}
	if (!quiet) {
		printf("\nper-rule hits (by label of the message: yes later no auto review)\n");
		for (size_t i = 0; i < nrules; i++) {
			printf("  %-32s %-7s %4u  [%u %u %u %u %u]%s\n", rules_name(rs, i),
			       rules_class_name(rs, i), rstat[i].hits, rstat[i].by_label[0],
			       rstat[i].by_label[1], rstat[i].by_label[2], rstat[i].by_label[3],
			       rstat[i].by_label[4],
			       rstat[i].hits ? ""
			       : strcmp(rules_class_name(rs, i), "breakup") == 0 ||
					 strcmp(rules_class_name(rs, i), "pending") == 0
				       ? "  (outbound rule)"
				       : "  never fired");
		}
	}
	printf("\nmisses (%zu)\n%s", total - correct, misses.len ? buf_str(&misses) : "  none\n");
	printf("\ncallback misses\n%s", cbmiss.len ? buf_str(&cbmiss) : "  none\n");
	if (out_total)
		printf("\noutbound kind (sent column): %zu/%zu right\n%s", out_ok, out_total,
		       buf_str(&outmiss));
	printf("\naccuracy %.1f%% (%zu/%zu), yes/no swaps %zu, callbacks within 7 days %.1f%% "
	       "(%zu/%zu), out-of-office returns exact %zu/%zu\n",
	       100 * acc, correct, total, swaps, 100 * cba, cb_ok, cb_total, ooo_ok, ooo_total);
	if (min_acc >= 0 && acc < min_acc) {
		cli_error("rules test: accuracy %.1f%% is below %.1f%%", 100 * acc, 100 * min_acc);
		rc = 1;
	}
	if (min_cb >= 0 && cba < min_cb) {
		cli_error("rules test: callback accuracy %.1f%% is below %.1f%%", 100 * cba,
			  100 * min_cb);
		rc = 1;
	}
	if (max_swaps >= 0 && (long)swaps > max_swaps) {
		cli_error("rules test: %zu yes/no swaps, at most %ld allowed", swaps, max_swaps);
		rc = 1;
	}
	if (bad || unreadable) {
		cli_error("rules test: %zu bad row%s and %zu unreadable message%s in %s", bad,
			  bad == 1 ? "" : "s", unreadable, unreadable == 1 ? "" : "s", manifest);
		rc = 1;
	}
	buf_release(&misses);
	buf_release(&cbmiss);
	buf_release(&outmiss);
	buf_release(&raw);
	free(rstat);
	rows_free(rows, nrows);
	rules_free(&rs);
	config_free(&cfg);
	return rc;
}

int cmd_rules(int argc, char **argv, const struct cli_ctx *ctx)
{
	if (cli_wants_help(argc, argv) || argc < 2) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	if (strcmp(argv[1], "check") == 0)
		return rules_check_cmd(argc, argv, ctx);
	if (strcmp(argv[1], "test") == 0)
		return rules_test_cmd(argc, argv, ctx);
	cli_error("rules: unknown subcommand '%s' (check, test)", argv[1]);
	return EXIT_USAGE;
}
