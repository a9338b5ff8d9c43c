/* test_sync.c: sync.c over the in-memory mailbox (mailbox_mem.h): what a user would check of
 * a pass. Replies found once each, unrelated mail never downloaded beyond its headers, a pass
 * with no new mail costing one round trip per folder whatever the size, a dropped connection
 * at every possible point never losing or repeating a reply, a UIDVALIDITY change, the first
 * run's look-back, and a stop between messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mailbox_mem.h"
#include "rules.h"
#include "store.h"
#include "sync.h"

#define DAY 86400
static const time_t NOW = 1780000000; /* pinned: 2026-05-28 */

struct fx {
	struct mailbox *mb;
	struct store *st;
	struct ruleset *rs;
	struct sync_opts so;
	char db[64];
	uint32_t uid_alice, uid_bob, uid_news, uid_stranger, uid_old;
};

static void add(struct fx *f, const char *folder, const char *from, const char *to,
		const char *subject, const char *mid, int days_ago, const char *irt,
		const char *body, uint32_t *out_uid)
{
	char date[64], raw[4096];
	time_t t = NOW - (time_t)days_ago * DAY;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	int n = snprintf(
		raw, sizeof raw,
		"From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\n"
		"%s%s%s"
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
		from, to, subject, date, mid, irt ? "In-Reply-To: <" : "", irt ? irt : "",
		irt ? ">\r\n" : "", body);
	assert_int_equal(mailbox_mem_append(f->mb, folder, raw, (size_t)n, t, out_uid), 0);
}

static const char breakup[] =
	"This will be my last note. I'm still interested, but I don't want to be a pest. If "
	"you're slammed and would like me to reconnect in 90 days or so, just let me know.";
static const char pending[] =
	"Please advise if I should be putting my notes from our conversations about the "
	"warehouse system into the No Longer Interested file, or call when you're ready to take "
	"the next step.";

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct rw_err err = {0};
	char shipped[4096];

	assert_non_null(f);
	snprintf(f->db, sizeof f->db, "/tmp/rw-test-sync-%d.db", (int)getpid());
	unlink(f->db);
	assert_int_equal(store_open(&f->st, f->db, &err), 0);
	rules_shipped_dir(shipped, sizeof shipped);
	if (rules_load(&f->rs, shipped, NULL, NULL, &err) < 0)
		fail_msg("shipped rules: %s", err.msg);
	f->mb = mailbox_mem_new();
	assert_non_null(f->mb);
	assert_int_equal(mailbox_mem_add_folder(f->mb, "INBOX", false), 0);
	assert_int_equal(mailbox_mem_add_folder(f->mb, "Sent", true), 0);
	add(f, "Sent", "sam@seller.example", "Alice <alice@prospect.example>",
	    "Should I close your file?", "breakup-1@seller.example", 10, NULL, breakup, NULL);
	add(f, "Sent", "sam@seller.example", "Bob <bob@buyer.example>", "a quick follow-up",
	    "pending-1@seller.example", 9, NULL, pending, NULL);
	add(f, "Sent", "sam@seller.example", "eve@seller.example", "lunch?", "lunch@seller.example",
	    8, NULL, "Lunch on Thursday?", NULL);
	add(f, "INBOX", "Alice <alice@prospect.example>", "sam@seller.example",
	    "Re: Should I close your file?", "reply-alice@prospect.example", 5,
	    "breakup-1@seller.example", "We are busy with a reorg, please reconnect in March.",
	    &f->uid_alice);
	add(f, "INBOX", "news@newsletter.example", "sam@seller.example", "Widgets weekly",
	    "news@newsletter.example", 4, NULL, "Ten things about widgets.", &f->uid_news);
	add(f, "INBOX", "Bob <bob@buyer.example>", "sam@seller.example", "warehouse",
	    "reply-bob@buyer.example", 3, NULL, "No, don't close it! Call me next week.",
	    &f->uid_bob);
	add(f, "INBOX", "carol@stranger.example", "sam@seller.example", "Re: other",
	    "carol@stranger.example", 2, "other@stranger.example", "See you then.",
	    &f->uid_stranger);
	sync_opts_init(&f->so);
	f->so.sent_folder = "Sent";
	f->so.now = NOW;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	mailbox_free(&f->mb);
	assert_null(f->mb);
	rules_free(&f->rs);
	store_free(&f->st);
	unlink(f->db);
	char side[80];
	snprintf(side, sizeof side, "%s-wal", f->db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->db);
	unlink(side);
	free(f);
	return 0;
}

static int pass(struct fx *f, struct sync_stats *s)
{
	struct rw_err err = {0};
	memset(s, 0, sizeof *s);
	int r = sync_pass(f->mb, f->st, f->rs, &f->so, s, &err);
	if (r < 0 && err.code != RW_ENET)
		fail_msg("sync_pass: %s", err.msg);
	return r;
}

static void assert_known(struct fx *f, const char *mid, int want)
{
	struct rw_err err = {0};
	assert_int_equal(store_reply_known(f->st, mid, &err), want);
}

static void test_first_pass(void **state)
{
	struct fx *f = *state;
	struct sync_stats s;
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(s.outbound, 2); /* the break-up and the pending-file email, not lunch */
	assert_int_equal(s.replies, 2);
	assert_int_equal(s.ignored, 2);
	assert_known(f, "reply-alice@prospect.example", 1);
	assert_known(f, "reply-bob@buyer.example", 1);
	assert_known(f, "news@newsletter.example", 0);
	assert_known(f, "carol@stranger.example", 0);
	/* Only replies are downloaded beyond their headers, once. */
	assert_int_equal(mailbox_mem_text_fetches(f->mb, "INBOX", f->uid_alice), 1);
	assert_int_equal(mailbox_mem_text_fetches(f->mb, "INBOX", f->uid_bob), 1);
	assert_int_equal(mailbox_mem_text_fetches(f->mb, "INBOX", f->uid_news), 0);
	assert_int_equal(mailbox_mem_text_fetches(f->mb, "INBOX", f->uid_stranger), 0);
	struct rw_err err = {0};
	struct folder_state fs;
	assert_int_equal(store_folder_get(f->st, "INBOX", &fs, &err), 1);
	assert_int_equal(fs.last_uid, f->uid_stranger);
}

static void test_idle_pass_is_constant(void **state)
{
	struct fx *f = *state;
	struct sync_stats s;
	assert_int_equal(pass(f, &s), 0);
	unsigned long before = f->mb->round_trips;
	assert_int_equal(pass(f, &s), 0);
	unsigned long small = f->mb->round_trips - before;
	assert_int_equal(s.seen, 0);
	assert_int_equal(small, 2); /* one STATUS for Sent, one for INBOX */
	for (int i = 0; i < 3000; i++) {
		char mid[64];
		snprintf(mid, sizeof mid, "bulk-%d@newsletter.example", i);
		add(f, "INBOX", "news@newsletter.example", "sam@seller.example", "Widgets", mid, 1,
		    NULL, "More widgets.", NULL);
	}
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(s.seen, 3000);
	assert_int_equal(s.replies, 0);
	before = f->mb->round_trips;
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(f->mb->round_trips - before, small);
}

/* A dropped connection at operation k, for every k a pass has: after reconnecting (calling
 * again), every reply is recorded, and no reply is classified twice. */
static void test_fault_at_every_step(void **state)
{
	struct fx *f = *state;
	struct sync_stats s;
	/* How many operations a clean first pass takes, on a scratch copy of the fixture. */
	assert_int_equal(pass(f, &s), 0);
	unsigned long ops = f->mb->round_trips;
	teardown(state);
	for (unsigned long k = 1; k <= ops; k++) {
		setup(state);
		f = *state;
		unsigned long replies = 0, outbound = 0;
		int r, tries = 0;
		mailbox_mem_fail_after(f->mb, k);
		do {
			r = pass(f, &s);
			replies += s.replies;
			outbound += s.outbound;
			assert_true(++tries < 5);
		} while (r != 0);
		assert_int_equal(tries, 2);
		assert_int_equal(replies, 2);
		assert_int_equal(outbound, 2);
		assert_known(f, "reply-alice@prospect.example", 1);
		assert_known(f, "reply-bob@buyer.example", 1);
		/* A reply's text is fetched again only when the fault came before its commit. */
		assert_in_range(mailbox_mem_text_fetches(f->mb, "INBOX", f->uid_alice), 1, 2);
		if (k < ops)
			teardown(state);
	}
}

static void test_uidvalidity_change(void **state)
{
	struct fx *f = *state;
	struct sync_stats s;
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(mailbox_mem_renumber(f->mb, "INBOX"), 0);
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(s.rescans, 1);
	assert_int_equal(s.replies, 0);
	assert_int_equal(s.duplicates, 2);
	/* And new mail after the change is found. */
	add(f, "INBOX", "Alice <alice@prospect.example>", "sam@seller.example", "Re: again",
	    "reply-alice-2@prospect.example", 1, "breakup-1@seller.example", "Call me tomorrow.",
	    NULL);
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(s.replies, 1);
}

static void test_first_run_looks_back_since_days(void **state)
{
	struct fx *f = *state;
	struct sync_stats s;
	/* In every folder: the break-up email to alice (10 days ago) is not looked at, so her
	 * reply matches nothing; the pending-file email to bob (9 days) and his reply are. */
	f->so.since_days = 9;
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(s.outbound, 1);
	assert_known(f, "reply-alice@prospect.example", 0);
	assert_known(f, "reply-bob@buyer.example", 1);
}

static volatile sig_atomic_t g_stop;
static int g_calls;
static void stop_after_first(void)
{
	if (++g_calls == 1)
		g_stop = 1;
}

static void test_stop_between_messages(void **state)
{
	struct fx *f = *state;
	struct sync_stats s;
	g_stop = 0;
	g_calls = 0;
	f->so.stop = &g_stop;
	f->so.check_signals = stop_after_first;
	assert_int_equal(pass(f, &s), 1); /* stopped before the first Sent message */
	assert_int_equal(s.seen, 0);
	g_stop = 0;
	assert_int_equal(pass(f, &s), 0);
	assert_int_equal(s.outbound, 2);
	assert_int_equal(s.replies, 2);
}

static void test_find_sent(void **state)
{
	struct fx *f = *state;
	struct rw_err err = {0};
	char *sent = NULL;
	assert_int_equal(sync_find_sent(f->mb, NULL, &sent, &err), 0);
	assert_string_equal(sent, "Sent");
	free(sent);
	assert_int_equal(sync_find_sent(f->mb, "Gesendet", &sent, &err), -1);
	assert_non_null(strstr(err.msg, "sent_folder 'Gesendet' not found"));
	assert_null(sent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_pass, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idle_pass_is_constant, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fault_at_every_step, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uidvalidity_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_run_looks_back_since_days, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_stop_between_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_sent, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
