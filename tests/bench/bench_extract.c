/* bench_extract.c: message-to-reply speed (mail_parse -> mail_text -> reply_extract ->
 * autoreply_detect), and a --json mode printing the extracted reply per file so the peer
 * fixtures' check.py can score the extraction stages on their own.
 *
 * Usage: bench_extract [--json] [FILE|DIR...]
 *   default: messages/second over the .eml files in samples/mail/, and separately over the
 *   peer fixture inputs in ../shared/peer-fixtures/ when that folder is there (read in
 *   place, text and html bodies wrapped in memory); or over the files given.
 *   --json FILE...: one {"file":..,"reply":..,"auto":..} object per line. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "autoreply.h"
#include "buf.h"
#include "mail.h"
#include "reply.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	struct buf b = BUF_INIT;
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_append(&b, tmp, n);
	fclose(f);
	buf_append(&b, "", 0);
	*len = b.len;
	return buf_detach(&b);
}

static void json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p == '\n') {
			buf_puts(b, "\\n");
		} else if (*p == '\t') {
			buf_puts(b, "\\t");
		} else if (*p < 0x20) {
			buf_printf(b, "\\u%04x", *p);
		} else {
			buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

/* One message through the stages; fills *reply and *ar when not NULL. Returns 0 or -1. */
static int run_one(const char *raw, size_t len, char **reply, char **trace, struct autoreply *ar)
{
	struct mail *m = NULL;
	struct rw_err err;
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	if (mail_parse(&m, raw, len, &lim, &err) != 0)
		return -1;
	struct reply r = {0};
	int rc = reply_extract(&r, mail_text(m), mail_text_is_html(m), NULL);
	struct autoreply a = {0};
	if (rc == 0)
		rc = autoreply_detect(&a, m, r.text);
	if (reply) {
		*reply = r.text;
		r.text = NULL;
	}
	if (trace) {
		struct buf t = BUF_INIT;
		buf_puts(&t, mail_warnings(m));
		buf_puts(&t, r.trace ? r.trace : "");
		*trace = buf_detach(&t);
	}
	if (ar)
		*ar = a;
	else
		autoreply_release(&a);
	reply_release(&r);
	mail_free(&m);
	return rc;
}

struct files {
	char **v;
	size_t n;
};

static void add_path(struct files *f, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d)) != NULL) {
			size_t l = strlen(e->d_name);
			if (e->d_name[0] == '.' || l < 4 || strcmp(e->d_name + l - 4, ".eml") != 0)
				continue;
			char sub[4096];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			add_path(f, sub);
		}
		if (d)
			closedir(d);
		return;
	}
	char **v = realloc(f->v, (f->n + 1) * sizeof *v);
	if (v == NULL)
		return;
	f->v = v;
	f->v[f->n++] = strdup(path);
}

/* "input<TAB>type" for each case of DIR/cases.tsv, as "type:path" strings. */
static int peer_inputs(struct files *f, const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/cases.tsv", dir);
	size_t len;
	char *tsv = slurp(path, &len);
	if (tsv == NULL)
		return -1;
	char *save = NULL;
	bool header = true;
	for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (header) {
			header = false;
			continue;
		}
		char *col[4] = {NULL};
		char *p = line;
		for (int i = 0; i < 4 && p; i++) {
			col[i] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (col[3] == NULL)
			continue;
		char entry[4200];
		snprintf(entry, sizeof entry, "%s:%s/%s", col[3], dir, col[2]);
		char **v = realloc(f->v, (f->n + 1) * sizeof *v);
		if (v == NULL)
			break;
		f->v = v;
		f->v[f->n++] = strdup(entry);
	}
	free(tsv);
	return 0;
}

/* The message bytes for one entry: a file, or "text:PATH" / "html:PATH" / "eml:PATH". */
static char *load_entry(const char *entry, size_t *len)
{
	const char *colon = strchr(entry, ':');
	if (colon == NULL ||
	    (strncmp(entry, "text:", 5) && strncmp(entry, "html:", 5) && strncmp(entry, "eml:", 4)))
		return slurp(entry, len);
	size_t blen;
	char *body = slurp(colon + 1, &blen);
	if (body == NULL || strncmp(entry, "eml:", 4) == 0) {
		if (body)
			*len = blen;
		return body;
	}
	struct buf b = BUF_INIT;
	buf_printf(&b,
		   "From: Peer <sender@peer.invalid>\nTo: r@peer.invalid\nSubject: Re: peer\n"
		   "MIME-Version: 1.0\nContent-Type: text/%s; charset=utf-8\n\n",
		   strncmp(entry, "html:", 5) == 0 ? "html" : "plain");
	buf_append(&b, body, blen);
	free(body);
	*len = b.len;
	return buf_detach(&b);
}

/* Messages per second over one set, repeated for at least 2 seconds. */
static int bench_set(const char *what, char **names, size_t n)
{
	char **raw = calloc(n, sizeof *raw);
	size_t *len = calloc(n, sizeof *len);
	size_t bytes = 0, loaded = 0;
	for (size_t i = 0; raw && len && i < n; i++) {
		raw[i] = load_entry(names[i], &len[i]);
		if (raw[i]) {
			bytes += len[i];
			loaded++;
		}
	}
	if (loaded == 0) {
		free(raw);
		free(len);
		return -1;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t done = 0, rounds = 0;
	double secs = 0;
	do {
		for (size_t i = 0; i < n; i++)
			if (raw[i] && run_one(raw[i], len[i], NULL, NULL, NULL) == 0)
				done++;
		rounds++;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	} while (secs < 2.0);
	printf("bench_extract: %s: %zu messages (%zu KiB), %zu rounds in %.2f s: %.0f messages/s, "
	       "%.1f MiB/s\n",
	       what, loaded, bytes / 1024, rounds, secs, (double)done / secs,
	       (double)bytes * (double)rounds / secs / 1048576.0);
	for (size_t i = 0; i < n; i++)
		free(raw[i]);
	free(raw);
	free(len);
	return 0;
}

static void files_release(struct files *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* --json: one object per file, in the order given. */
static void print_json(const struct files *f)
{
	for (size_t i = 0; i < f->n; i++) {
		size_t len;
		char *raw = slurp(f->v[i], &len);
		char *reply = NULL, *trace = NULL;
		struct autoreply a = {0};
		struct buf o = BUF_INIT;
		buf_puts(&o, "{\"file\":");
		json_str(&o, f->v[i]);
		if (raw == NULL || run_one(raw, len, &reply, &trace, &a) != 0) {
			fprintf(stderr, "bench_extract: %s: cannot read or parse\n", f->v[i]);
			buf_puts(&o, ",\"reply\":null}");
		} else {
			buf_puts(&o, ",\"reply\":");
			json_str(&o, reply);
			buf_puts(&o, ",\"auto\":");
			json_str(&o, autoreply_kind_name(a.kind));
			buf_puts(&o, ",\"why\":");
			json_str(&o, a.why);
			buf_puts(&o, ",\"return\":");
			json_str(&o, a.return_phrase);
			buf_printf(&o,
				   ",\"last_day_away\":%d,\"bounce\":", a.return_is_last_day_away);
			json_str(&o, a.bounce_recipient);
			buf_puts(&o, ",\"status\":");
			json_str(&o, a.bounce_status);
			buf_puts(&o, ",\"alt\":");
			json_str(&o, a.alternate_contact);
			buf_puts(&o, ",\"trace\":");
			json_str(&o, trace);
			buf_puts(&o, "}");
		}
		puts(buf_str(&o));
		buf_release(&o);
		autoreply_release(&a);
		free(reply);
		free(trace);
		free(raw);
	}
}

int main(int argc, char **argv)
{
	int json = argc > 1 && strcmp(argv[1], "--json") == 0;
	int rc = 0;
	struct files f = {0}, peer = {0};
	for (int i = 1 + json; i < argc; i++)
		add_path(&f, argv[i]);
	if (json) {
		print_json(&f);
		goto out;
	}
	if (f.n > 0) {
		rc = bench_set("the files given", f.v, f.n) == 0 ? 0 : 1;
		goto out;
	}
	const char *src = getenv("RW_SOURCE_DIR") ? getenv("RW_SOURCE_DIR") : RW_SOURCE_DIR;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/samples/mail", src);
	add_path(&f, dir);
	int ran = 0;
	if (f.n > 0 && bench_set("samples/mail", f.v, f.n) == 0)
		ran++;
	/* The peer fixtures beside the repository: eml inputs as they are, text and html bodies
	 * wrapped in a minimal message in memory, as check.py does. Never copied anywhere. */
	snprintf(dir, sizeof dir, "%s/../shared/peer-fixtures", src);
	if (peer_inputs(&peer, dir) == 0 && peer.n > 0 &&
	    bench_set("peer fixtures", peer.v, peer.n) == 0)
		ran++;
	if (ran == 0) {
		fprintf(stderr,
			"bench_extract: no samples/mail/ and no ../shared/peer-fixtures/\n");
		rc = 1;
	}
out:
	files_release(&f);
	files_release(&peer);
	return rc;
}
