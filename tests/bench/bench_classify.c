/* bench_classify.c: replies per second through the whole pipeline (MIME -> text -> reply ->
 * auto-reply -> rules -> dates) with the shipped rules, and the share of the time spent in the
 * rules versus MIME parsing and reply extraction (issue 4: at least 10,000 replies/s on one
 * core).
 *
 *	bench_classify [DIR_OF_EML] [SECONDS]   (default: samples/mail, 2 s per measurement)
 *
 * Times are CPU time of this process, so other work on a shared machine counts less.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "autoreply.h"
#include "buf.h"
#include "classify.h"
#include "engine.h"
#include "mail.h"
#include "regex.h"
#include "reply.h"
#include "rules.h"

struct msg {
	char *raw;
	size_t len;
	char *reply;   /* extracted, for the rules-only pass */
	char *subject;
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: fair on a shared machine */
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int load(struct msg **out, size_t *n, const char *dir)
{
	DIR *d = opendir(dir);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (d == NULL) {
		perror(dir);
		return -1;
	}
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".eml") != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (f == NULL)
			continue;
		struct buf b = BUF_INIT;
		char tmp[8192];
		size_t k;
		while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
			buf_append(&b, tmp, k);
		fclose(f);
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			*out = realloc(*out, cap * sizeof **out);
		}
		(*out)[*n].len = b.len;
		(*out)[*n].raw = buf_detach(&b);
		(*out)[*n].reply = NULL;
		(*out)[*n].subject = NULL;
		(*n)++;
	}
	closedir(d);
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : RW_SOURCE_DIR "/samples/mail";
	double secs = argc > 2 ? atof(argv[2]) : 2.0;
	char shipped[4096];
	struct ruleset *rs = NULL;
	struct rw_err err = {0};
	struct msg *msgs;
	size_t n;

	rules_shipped_dir(shipped, sizeof shipped);
	if (rules_load(&rs, shipped, NULL, NULL, &err) < 0) {
		fprintf(stderr, "bench_classify: %s\n", err.msg);
		return 1;
	}
	if (load(&msgs, &n, dir) < 0 || n == 0) {
		fprintf(stderr, "bench_classify: no .eml files in %s\n", dir);
		return 1;
	}
	size_t bytes = 0;
	for (size_t i = 0; i < n; i++)
		bytes += msgs[i].len;
	struct classify_opts opts;
	classify_opts_init(&opts);
	opts.kind = RW_KIND_BREAKUP;

	/* 1. The whole pipeline. */
	size_t done = 0;
	double t0 = now(), t1;
	do {
		for (size_t i = 0; i < n; i++) {
			struct decision *d = NULL;
			if (classify_message(&d, rs, msgs[i].raw, msgs[i].len, &opts, &err) < 0) {
				fprintf(stderr, "bench_classify: %s\n", err.msg);
				return 1;
			}
			decision_free(&d);
		}
		done += n;
		t1 = now();
	} while (t1 - t0 < secs);
	double full = (t1 - t0) / (double)done;

	/* 1b. The same with the kind unknown: read from the quoted outbound (offline use). */
	opts.kind = RW_KIND_UNKNOWN;
	done = 0;
	t0 = now();
	do {
		for (size_t i = 0; i < n; i++) {
			struct decision *d = NULL;
			if (classify_message(&d, rs, msgs[i].raw, msgs[i].len, &opts, &err) < 0)
				return 1;
			decision_free(&d);
		}
		done += n;
		t1 = now();
	} while (t1 - t0 < secs);
	double unknown = (t1 - t0) / (double)done;
	opts.kind = RW_KIND_BREAKUP;

	/* 2. MIME + text + reply extraction + auto-reply detection only. */
	done = 0;
	t0 = now();
	do {
		for (size_t i = 0; i < n; i++) {
			struct mail *m = NULL;
			struct reply r = {0};
			struct autoreply a = {0};
			if (mail_parse(&m, msgs[i].raw, msgs[i].len, &opts.limits, &err) < 0)
				return 1;
			reply_extract(&r, mail_text(m), mail_text_is_html(m), NULL);
			autoreply_detect(&a, m, r.text ? r.text : "");
			if (msgs[i].reply == NULL) {
				msgs[i].reply = strdup(r.text ? r.text : "");
				const char *s = mail_header(m, "Subject");
				msgs[i].subject = strdup(s ? s : "");
			}
			autoreply_release(&a);
			reply_release(&r);
			mail_free(&m);
		}
		done += n;
		t1 = now();
	} while (t1 - t0 < secs);
	double extract = (t1 - t0) / (double)done;

	/* 3. The rules alone on the extracted replies, with and without the prefilter. */
	struct rx_matcher *mx = NULL;
	rx_matcher_new(&mx, NULL, &err);
	double rules_t[2];
	size_t tried[2] = {0, 0};
	for (int pf = 0; pf < 2; pf++) {
		done = 0;
		t0 = now();
		do {
			for (size_t i = 0; i < n; i++) {
				struct engine_result res;
				struct engine_input in = {0};
				in.reply = msgs[i].reply;
				in.subject = msgs[i].subject;
				in.kind = RW_KIND_BREAKUP;
				in.no_prefilter = pf == 1;
				if (engine_run(&res, rs, mx, &in, &err) < 0)
					return 1;
				tried[pf] += res.rules_tried;
				engine_result_release(&res);
			}
			done += n;
			t1 = now();
		} while (t1 - t0 < secs);
		rules_t[pf] = (t1 - t0) / (double)done;
		tried[pf] /= done;
	}
	rx_matcher_free(&mx);

	double rest = full - extract;
	printf("messages: %zu from %s (%.0f bytes on average), %zu rules\n", n, dir,
	       (double)bytes / (double)n, rules_count(rs));
	printf("whole pipeline: %.0f replies/s (%.1f us each)\n", 1.0 / full, full * 1e6);
	printf("  (kind unknown, read from the quoted outbound: %.0f replies/s)\n", 1.0 / unknown);
	printf("  MIME + extraction + auto-reply: %.1f us (%.0f%%)\n", extract * 1e6,
	       100 * extract / full);
	printf("  rules + dates + decision:       %.1f us (%.0f%%)\n", rest * 1e6, 100 * rest / full);
	printf("rules alone: %.1f us with the prefilter (%zu rules tried of %zu), %.1f us without\n",
	       rules_t[0] * 1e6, tried[0], rules_count(rs), rules_t[1] * 1e6);
	for (size_t i = 0; i < n; i++) {
		free(msgs[i].raw);
		free(msgs[i].reply);
		free(msgs[i].subject);
	}
	free(msgs);
	rules_free(&rs);
	return 0;
}
