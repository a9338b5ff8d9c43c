/* cmd_watch.c: 'replywatch watch [--once]' (SPEC §5, §6 "IDLE", "Faults").
 *
 * The loop: connect, find Sent, one sync pass, then wait for news (IDLE on the first watched
 * folder when the server offers it, re-issued every few minutes, well inside RFC 2177's 29;
 * a sleep of poll_interval otherwise), and pass again. Every pass also looks at Sent and the
 * other folders, so they are watched too (one STATUS each when nothing changed). After any
 * network fault it reconnects with exponential backoff and jitter; a refused login or
 * certificate stops it (retrying a wrong password only locks the account).
 *
 * Signals: SIGTERM, SIGINT and SIGHUP stay blocked during network and database work so no
 * read is cut short; they are let in between messages and while waiting. SIGTERM/SIGINT
 * finish the message in hand and exit 0; SIGHUP reloads the rules and keeps the old ones when
 * the new ones are broken. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "imap.h"
#include "rules.h"
#include "schedule.h"
#include "secret.h"
#include "store.h"
#include "sync.h"

static const char usage[] =
	"usage: replywatch watch [--once]\n"
	"\n"
	"Watches the IMAP account of the config file ([imap]) for replies to break-up and\n"
	"pending-file emails: the Sent folder for outbound emails, the watched folders for\n"
	"replies. Read-only: nothing is marked \\Seen, moved or deleted.\n"
	"\n"
	"  --once   one full sync pass of Sent and the watched folders, then exit\n"
	"\n"
	"SIGTERM or SIGINT: finish the message in hand and exit 0. SIGHUP: reload the rules.\n"
	"Every network read times out after 60 s (REPLYWATCH_IMAP_TIMEOUT=seconds to change).\n";

/* Re-enter IDLE this often: inside RFC 2177's 29 minutes, and short enough to notice a dead
 * NAT path. */
#define IDLE_REISSUE 300
#define BACKOFF_MAX  300

static volatile sig_atomic_t g_stop, g_reload, g_wake;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		g_reload = 1;
	else
		g_stop = 1;
	g_wake = 1;
}

static sigset_t watched_signals(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGTERM);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGHUP);
	return s;
}

/* Let pending signals in (their handlers run now), then block them again. */
static void check_signals(void)
{
	sigset_t s = watched_signals();
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	sigprocmask(SIG_BLOCK, &s, NULL);
}

/* Sleep up to seconds, ended early by a signal. */
static void nap(int seconds)
{
	sigset_t mask;
	struct timespec ts = {seconds, 0};
	sigprocmask(SIG_SETMASK, NULL, &mask);
	sigdelset(&mask, SIGTERM);
	sigdelset(&mask, SIGINT);
	sigdelset(&mask, SIGHUP);
	time_t end = time(NULL) + seconds;
	while (!g_wake && time(NULL) < end) {
		ts.tv_sec = end - time(NULL);
		ppoll(NULL, 0, &ts, &mask);
	}
}

struct watch {
	struct config *cfg;
	struct store *st;
	struct ruleset *rs;
	char *password, *token;
	struct imap_params ip;
	struct sync_opts so;
	struct classify_opts copts;
	struct schedule_params sp;
	int verbose;
	bool once;
	bool passed;	/* a pass completed since the last fault: the backoff starts over */
	bool connected; /* this session got as far as logging in */
};

static int load_rules(struct ruleset **out, const struct config *cfg, struct rw_err *err)
{
	char shipped[4096];
	struct rules_diags diags = {0};
	rules_shipped_dir(shipped, sizeof shipped);
	int r = rules_load(out, shipped, cfg->rules.dir, &diags, err);
	rules_diags_release(&diags);
	return r;
}

static void reload_rules(struct watch *w)
{
	struct ruleset *rs = NULL;
	struct rw_err err = {0};
	g_reload = 0;
	if (load_rules(&rs, w->cfg, &err) < 0) {
		cli_error("watch: rules not reloaded, keeping the ones in use: %s", err.msg);
		return;
	}
	rules_free(&w->rs);
	w->rs = rs;
	fprintf(stderr, "replywatch: watch: rules reloaded (version %s, %zu rules)\n",
		rules_version(rs), rules_count(rs));
}

static void report_pass(const struct watch *w, const struct sync_stats *s, double secs,
			unsigned long round_trips)
{
	if (!w->once && w->verbose == 0 && s->replies == 0 && s->outbound == 0)
		return;
	fprintf(stderr,
		"replywatch: watch: %lu messages read, %lu outbound, %lu replies "
		"(yes %lu, later %lu, no %lu, auto %lu, review %lu), %lu already known, "
		"%lu ignored (%.2f s, %lu round trips)\n",
		s->seen, s->outbound, s->replies, s->class_count[RW_YES], s->class_count[RW_LATER],
		s->class_count[RW_NO], s->class_count[RW_AUTO], s->class_count[RW_REVIEW],
		s->duplicates, s->ignored, secs, round_trips);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* One connection's life: connect, pass, wait, pass... Returns 0 when stopped or (--once)
 * done, -1 with err on a fault. */
static int session(struct watch *w, struct rw_err *err)
{
	struct mailbox *mb = NULL;
	char *sent = NULL;
	int ret = -1;

	if (imap_open(&mb, &w->ip, err) < 0)
		return -1;
	w->connected = true;
	if (sync_find_sent(mb, w->cfg->imap.sent_folder, &sent, err) < 0)
		goto out;
	if (sent == NULL && w->verbose)
		cli_error("watch: the server marks no folder \\Sent; set [imap] sent_folder");
	w->so.sent_folder = sent;
	for (;;) {
		struct sync_stats stats = {0};
		double t0 = now_s();
		unsigned long rt0 = mb->round_trips;
		check_signals();
		if (g_reload)
			reload_rules(w);
		int r = sync_pass(mb, w->st, w->rs, &w->so, &stats, err);
		if (r < 0)
			goto out;
		report_pass(w, &stats, now_s() - t0, mb->round_trips - rt0);
		w->passed = true;
		if (r == 1 || g_stop || w->once) {
			ret = 0;
			goto out;
		}
		/* Wait for news on the first watched folder; a pass then also covers the rest. */
		g_wake = 0;
		check_signals();
		if (g_stop) {
			ret = 0;
			goto out;
		}
		/* IDLE watches one folder; Sent and any other folder are looked at by the pass that
		 * follows each wake-up, so wake up at least every poll_interval when there are
		 * others, and re-issue IDLE at most every IDLE_REISSUE seconds anyway. */
		int secs = w->cfg->watch.poll_interval;
		bool others = w->so.nfolders > 1 || w->so.sent_folder != NULL;
		if (mb->can_idle && !others)
			secs = IDLE_REISSUE;
		if (secs > IDLE_REISSUE && mb->can_idle)
			secs = IDLE_REISSUE;
		if (mb->can_idle) {
			if (mb->ops->wait(mb, w->so.folders[0], secs, &g_wake, err) < 0)
				goto out;
		} else {
			nap(secs);
		}
		if (g_stop) {
			ret = 0;
			goto out;
		}
	}
out:
	w->so.sent_folder = NULL;
	free(sent);
	mailbox_free(&mb);
	return ret;
}

static bool permanent(const struct rw_err *err)
{
	return err->code != RW_ENET;
}

int cmd_watch(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct watch w;
	struct rw_err err = {0};
	int ret = 1;

	memset(&w, 0, sizeof w);
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0) {
			w.once = true;
		} else {
			cli_error("watch: unknown argument '%s'", argv[i]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	w.verbose = ctx->verbose;
	w.ip.timeout = 60;
	const char *tmo = getenv("REPLYWATCH_IMAP_TIMEOUT");
	if (tmo && *tmo) {
		char *end;
		long v = strtol(tmo, &end, 10);
		if (*end || v < 1 || v > 3600) {
			cli_error(
				"watch: REPLYWATCH_IMAP_TIMEOUT must be 1..3600 seconds, not '%s'",
				tmo);
			return 1;
		}
		w.ip.timeout = (int)v;
	}
	if (config_load(&w.cfg, ctx->config_path, ctx->config_given, &err) < 0) {
		cli_error("%s", err.msg);
		return 1;
	}
	if (w.cfg->imap.host == NULL) {
		cli_error("watch: no mail account configured: set [imap] host and user in %s "
			  "(replywatch init writes one)",
			  w.cfg->path ? w.cfg->path : "the config file");
		goto out;
	}
	if (w.cfg->imap.oauth2_token_command) {
		if (secret_from_command(&w.token, w.cfg->imap.oauth2_token_command,
					"oauth2_token_command", &err) < 0) {
			cli_error("%s", err.msg);
			goto out;
		}
	} else {
		int r = config_secret(&w.password, w.cfg, &err);
		if (r < 0) {
			cli_error("%s", err.msg);
			goto out;
		}
		if (r == 0) {
			cli_error(
				"watch: no password: set [imap] password_command or password_file, "
				"or REPLYWATCH_PASSWORD");
			goto out;
		}
	}
	if (store_open(&w.st, ctx->db_path, &err) < 0) {
		cli_error("%s", err.msg);
		goto out;
	}
	/* The account's own address is never a prospect, even when a referral names it. */
	if (w.cfg->imap.user != NULL && strchr(w.cfg->imap.user, '@') != NULL)
		store_add_own_address(w.st, w.cfg->imap.user);
	schedule_params_from_config(&w.sp, w.cfg);
	store_set_params(w.st, &w.sp);
	if (load_rules(&w.rs, w.cfg, &err) < 0) {
		cli_error("%s", err.msg);
		goto out;
	}
	w.ip.host = w.cfg->imap.host;
	w.ip.port = (unsigned)w.cfg->imap.port;
	w.ip.tls = w.cfg->imap.tls == CONFIG_TLS_STARTTLS ? IMAP_TLS_STARTTLS
		   : w.cfg->imap.tls == CONFIG_TLS_NONE	  ? IMAP_TLS_NONE
							  : IMAP_TLS_IMPLICIT;
	w.ip.ca_file = w.cfg->imap.ca_file;
	w.ip.user = w.cfg->imap.user;
	w.ip.password = w.password;
	w.ip.oauth2_token = w.token;
	w.ip.trace = ctx->verbose >= 2;

	classify_opts_init(&w.copts);
	w.copts.timezone = w.cfg->schedule.timezone;
	w.copts.breakup_later_days = w.cfg->schedule.breakup_later_days;
	w.copts.pending_later_days = w.cfg->schedule.pending_later_days;
	if (w.cfg->imap.user != NULL && strchr(w.cfg->imap.user, '@') != NULL)
		w.copts.user_address = w.cfg->imap.user; /* never a referral */
	sync_opts_init(&w.so);
	w.so.folders = (const char *const *)w.cfg->imap.folders;
	w.so.nfolders = w.cfg->imap.nfolders;
	w.so.since_days = w.cfg->watch.since_days;
	w.so.match_window_days = w.cfg->watch.match_window_days;
	w.so.max_body_bytes = (size_t)w.cfg->watch.max_body_bytes;
	w.so.keywords = w.cfg->watch.keywords;
	w.so.classify = &w.copts;
	w.so.progress = isatty(2) && w.verbose >= 0;
	w.so.verbose = w.verbose;
	w.so.stop = &g_stop;
	w.so.check_signals = check_signals;

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	/* A write to a connection the server dropped must be an error to reconnect from, not
	 * the end of the process. */
	signal(SIGPIPE, SIG_IGN);
	sigset_t blocked = watched_signals();
	sigprocmask(SIG_BLOCK, &blocked, NULL);
	srandom((unsigned)(time(NULL) ^ getpid()));

	int backoff = 1, attempts = 0;
	for (;;) {
		rw_err_clear(&err);
		w.passed = false;
		w.connected = false;
		if (session(&w, &err) == 0) {
			ret = 0;
			break;
		}
		check_signals();
		if (g_stop) {
			ret = 0;
			break;
		}
		cli_error("%s", err.msg);
		if (permanent(&err))
			break;
		if (w.passed)
			backoff = 1;
		/* --once (cron, tests): a connection lost mid-pass is retried a few times (the pass
		 * resumes where it stopped); a server that cannot be reached is reported at once.
		 */
		if (w.once && (!w.connected || ++attempts >= 4))
			break;
		/* Exponential backoff with jitter, so many clients do not reconnect in step. */
		int delay = backoff + (int)(random() % (backoff + 1));
		if (delay > BACKOFF_MAX)
			delay = BACKOFF_MAX;
		cli_error("watch: reconnecting in %d s", delay);
		g_wake = 0;
		nap(delay);
		if (g_stop) {
			ret = 0;
			break;
		}
		backoff = backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX : backoff * 2;
	}
out:
	secret_free(&w.token);
	config_secret_free(&w.password);
	rules_free(&w.rs);
	store_free(&w.st);
	config_free(&w.cfg);
	return ret;
}
