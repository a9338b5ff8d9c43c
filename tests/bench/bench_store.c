/* bench_store.c: how fast the store takes what the watcher gives it: outbound emails, then
 * replies each recorded in its own transaction with the folder's high-water mark (as
 * sync.c does), then the agenda and the log over all of it.
 * Usage: bench_store [N_REPLIES]   (default 10000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int count_due(void *arg, const struct due_item *d)
{
	(void)d;
	++*(long *)arg;
	return 0;
}

static int count_log(void *arg, const struct log_entry *e)
{
	(void)e;
	++*(long *)arg;
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 10000;
	char path[64], mid[64], email[64];
	struct store *s = NULL;
	struct rw_err err = {0};
	snprintf(path, sizeof path, "/tmp/rw-bench-store-%ld.db", (long)getpid());
	unlink(path);
	if (store_open(&s, path, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	double t0 = now();
	for (long i = 0; i < n; i++) {
		const char *rc[] = {email};
		snprintf(email, sizeof email, "p%ld@example.com", i);
		snprintf(mid, sizeof mid, "out-%ld@me", i);
		struct outbound o = {.message_id = mid,
				     .kind = i % 2 ? RW_KIND_BREAKUP : RW_KIND_PENDING,
				     .date = 1793613600 + i,
				     .subject = "s",
				     .text = "t",
				     .recipients = rc,
				     .nrecipients = 1};
		if (store_outbound_add(s, &o, &err) < 0)
			goto fail;
	}
	double t1 = now();
	struct rw_hit hit = {.rule = "later-reorg",
			     .cls = RW_LATER,
			     .weight = 3,
			     .match = "reorg",
			     .scope = "reply"};
	for (long i = 0; i < n; i++) {
		struct outbound_ref ref;
		snprintf(email, sizeof email, "p%ld@example.com", i);
		snprintf(mid, sizeof mid, "out-%ld@me", i);
		if (store_outbound_find(s, mid, &ref, &err) != 1)
			goto fail;
		snprintf(mid, sizeof mid, "reply-%ld@them", i);
		struct decision d = {.cls = (enum rw_class)(i % 5),
				     .reason = "later/reorg",
				     .hits = &hit,
				     .nhits = 1,
				     .reply = "in the middle of a reorg"};
		struct reply_meta m = {.message_id = mid,
				       .from = email,
				       .subject = "Re: s",
				       .date = 1793700000 + i,
				       .folder = "INBOX",
				       .uid = (uint32_t)i,
				       .matched_by = "thread",
				       .outbound_id = ref.id};
		struct folder_state fs = {1, (uint32_t)i, 0};
		outbound_ref_release(&ref);
		if (store_begin(s, &err) < 0 || store_reply_record(s, &m, &d, &err) < 0 ||
		    store_folder_set(s, "INBOX", &fs, &err) < 0 || store_commit(s, &err) < 0)
			goto fail;
	}
	double t2 = now();
	long due = 0, logn = 0;
	if (store_due_each(s, "2028-12-31", count_due, &due, &err) < 0 ||
	    store_log_each(s, NULL, count_log, &logn, &err) < 0)
		goto fail;
	double t3 = now();
	printf("outbound_add: %ld in %.2f s (%.0f/s)\n", n, t1 - t0, (double)n / (t1 - t0));
	printf("reply_record+folder_set, one transaction each: %ld in %.2f s (%.0f/s)\n", n,
	       t2 - t1, (double)n / (t2 - t1));
	printf("due (%ld items) + log (%ld entries): %.2f s\n", due, logn, t3 - t2);
	store_free(&s);
	unlink(path);
	return 0;
fail:
	fprintf(stderr, "bench_store: %s\n", err.msg);
	store_free(&s);
	unlink(path);
	return 1;
}
