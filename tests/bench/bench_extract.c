/* bench_extract.c: message-to-reply speed (mail_parse -> mail_text -> reply_extract ->
 * autoreply_detect), and a --json mode printing the extracted reply per file so the peer
 * fixtures' check.py can score the extraction stages on their own.
 *
 * Usage: bench_extract [--json] [FILE|DIR...]
 *   default: messages/second over the .eml files in samples/mail/ and, when present, the peer fixture
 *   inputs (a temporary folder made by check.py --keep), or over the files given.
 *   --json FILE...: one {"file":..,"reply":..,"auto":..} object per line. */
#include <dirent.h>
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

int main(int argc, char **argv)
{
	int json = argc > 1 && strcmp(argv[1], "--json") == 0;
	struct files f = {0};
	for (int i = 1 + json; i < argc; i++)
		add_path(&f, argv[i]);
	if (json) {
		for (size_t i = 0; i < f.n; i++) {
			size_t len;
			char *raw = slurp(f.v[i], &len);
			char *reply = NULL, *trace = NULL;
			struct autoreply a = {0};
			struct buf o = BUF_INIT;
			buf_puts(&o, "{\"file\":");
			json_str(&o, f.v[i]);
			if (raw == NULL || run_one(raw, len, &reply, &trace, &a) != 0) {
				fprintf(stderr, "bench_extract: %s: cannot read or parse\n", f.v[i]);
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
				buf_printf(&o, ",\"last_day_away\":%d,\"bounce\":", a.return_is_last_day_away);
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
		return 0;
	}
	if (f.n == 0) {
		const char *src = getenv("RW_SOURCE_DIR") ? getenv("RW_SOURCE_DIR") : RW_SOURCE_DIR;
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/samples/mail", src);
		add_path(&f, dir);
		add_path(&f, "/tmp/rw-peer-fixtures"); /* check.py --keep /tmp/rw-peer-fixtures */
	}
	if (f.n == 0) {
		fprintf(stderr, "bench_extract: no .eml files found\n");
		return 1;
	}
	char **raw = calloc(f.n, sizeof *raw);
	size_t *len = calloc(f.n, sizeof *len);
	size_t bytes = 0;
	for (size_t i = 0; i < f.n; i++) {
		raw[i] = slurp(f.v[i], &len[i]);
		bytes += raw[i] ? len[i] : 0;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	size_t done = 0;
	double secs = 0;
	do {
		for (size_t i = 0; i < f.n; i++)
			if (raw[i] && run_one(raw[i], len[i], NULL, NULL, NULL) == 0)
				done++;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	} while (secs < 2.0);
	size_t rounds = done / f.n ? done / f.n : 1;
	printf("bench_extract: %zu messages (%zu KiB), %zu rounds in %.2f s: %.0f messages/s, "
	       "%.1f MiB/s\n",
	       f.n, bytes / 1024, rounds, secs, (double)done / secs,
	       (double)bytes * (double)rounds / secs / 1048576.0);
	return 0;
}
