/* sync.c: one sync pass over a mailbox: Sent -> outbound, watched folders -> replies
 * (SPEC §3, §6 "Incremental", "Exactly once", "Large mail").
 *
 * The state model (the same triple isync/mbsync keeps): per folder UIDVALIDITY, the highest
 * UID fully processed, and HIGHESTMODSEQ. A pass asks STATUS; when UIDNEXT shows nothing past
 * the high-water mark it stops there, so a pass with no new mail costs one round trip per
 * folder whatever the folder's size. New messages are read in chunks of envelopes; a reply's
 * result and the new high-water mark go into one sqlite transaction. A UIDVALIDITY change
 * (or a first run) looks back since_days and relies on the Message-ID as second key, so
 * nothing is classified twice. */
#include "sync.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "mail.h"
#include "rules.h"

/* Envelopes per UID FETCH: bounded memory on a 100,000-message first pass, few round trips. */
#define SYNC_CHUNK 1000
/* Bytes of each Sent message's body read with its envelope, for the outbound rules. */
#define SENT_PEEK 8192

void sync_opts_init(struct sync_opts *o)
{
	static const char *const inbox[] = {"INBOX"};
	memset(o, 0, sizeof *o);
	o->folders = inbox;
	o->nfolders = 1;
	o->since_days = 120;
	o->match_window_days = 60;
	o->max_body_bytes = 1024 * 1024;
}

int sync_find_sent(struct mailbox *mb, const char *configured, char **out, struct rw_err *err)
{
	struct mailbox_folder *f = NULL;
	size_t n = 0;

	*out = NULL;
	if (configured && *configured) {
		struct mailbox_status st;
		if (mb->ops->status(mb, configured, &st, err) < 0) {
			if (err && err->code == RW_ENOTFOUND)
				rw_err_prefix(err, "sent_folder '%s' not found on the server",
					      configured);
			return -1;
		}
		*out = strdup(configured);
		return *out ? 0 : rw_fail(err, RW_ENOMEM, "sync: out of memory");
	}
	if (mb->ops->folders(mb, &f, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (f[i].sent && !f[i].noselect) {
			*out = strdup(f[i].name);
			break;
		}
	}
	mailbox_folders_free(&f, n);
	return 0;
}

/* A stable key for a message without a Message-ID, from the header bytes (FNV-1a 64), so a
 * copy or a rescan finds the same key. */
static void synth_message_id(char *out, size_t n, const char *raw, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)raw[i];
		h *= 1099511628211ULL;
	}
	snprintf(out, n, "rw-nomsgid-%016llx@replywatch.invalid", (unsigned long long)h);
}

static void progress(const struct sync_opts *o, const char *folder, uint32_t uid, uint32_t top,
		     bool done)
{
	if (!o->progress)
		return;
	fprintf(stderr, "\r%s: UID %u of %u%s", folder, uid, top, done ? "\n" : "");
	fflush(stderr);
}

/* ---------------------------------------------------------------- Sent */

static int do_outbound(const struct sync_opts *o, struct store *st, const struct ruleset *rs,
		       const char *folder, const struct mailbox_msg *msg, struct sync_stats *stats,
		       struct rw_err *err)
{
	struct mail *m = NULL;
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	const char **rcpt = NULL;
	char *why = NULL;
	enum rw_kind kind = RW_KIND_UNKNOWN;
	int ret = -1;

	if (mail_parse(&m, msg->raw, msg->raw_len, &lim, err) < 0)
		goto out;
	if (rules_outbound_kind(&kind, rs, m, &why, err) < 0)
		goto out;
	if (kind == RW_KIND_UNKNOWN) {
		ret = 0;
		goto out;
	}
	const char *mid = mail_message_id(m);
	char synth[80];
	if (mid == NULL) {
		synth_message_id(synth, sizeof synth, msg->raw, msg->raw_len);
		mid = synth;
	}
	size_t nto = 0, ncc = 0;
	const char *const *to = mail_addresses(m, "To", &nto);
	const char *const *cc = mail_addresses(m, "Cc", &ncc);
	rcpt = calloc(nto + ncc + 1, sizeof *rcpt);
	if (rcpt == NULL) {
		rw_fail(err, RW_ENOMEM, "sync: out of memory");
		goto out;
	}
	for (size_t i = 0; i < nto; i++)
		rcpt[i] = to[i];
	for (size_t i = 0; i < ncc; i++)
		rcpt[nto + i] = cc[i];
	time_t date = mail_date(m, NULL);
	struct outbound ob = {
		.message_id = mid,
		.kind = kind,
		.date = date ? date : msg->internaldate,
		.subject = mail_header(m, "Subject"),
		.text = mail_text(m),
		.recipients = rcpt,
		.nrecipients = nto + ncc,
		.folder = folder,
		.uid = msg->uid,
	};
	int r = store_outbound_add(st, &ob, err);
	if (r < 0) {
		rw_err_prefix(err, "folder '%s' UID %u", folder, msg->uid);
		goto out;
	}
	if (r == 1) {
		stats->outbound++;
		if (o->verbose)
			fprintf(stderr, "outbound %s (%s) to %s%s, %s UID %u [%s]\n", mid,
				rw_kind_name(kind), nto + ncc ? rcpt[0] : "nobody",
				nto + ncc > 1 ? " and others" : "", folder, msg->uid,
				why ? why : "");
	}
	ret = 0;
out:
	free(why);
	free(rcpt);
	mail_free(&m);
	return ret;
}

/* ---------------------------------------------------------------- watched folders */

/* Which tracked outbound this message answers: by thread, else by sender. 1 found (out and
 * *how set), 0 none, -1 error. */
static int match_reply(const struct sync_opts *o, struct store *st, const struct mail *m,
		       time_t date, struct outbound_ref *out, const char **how, struct rw_err *err)
{
	size_t nrefs = 0, nfrom = 0;
	const char *const *refs = mail_references(m, &nrefs);
	/* The last reference is the closest ancestor; In-Reply-To comes first in the list. */
	for (size_t i = 0; i < nrefs; i++) {
		int r = store_outbound_find(st, refs[i], out, err);
		if (r != 0) {
			*how = "thread";
			return r;
		}
	}
	const char *const *from = mail_addresses(m, "From", &nfrom);
	if (nfrom == 0)
		return 0;
	time_t since = date - (time_t)o->match_window_days * 86400;
	int r = store_outbound_recent_for(st, from[0], since, out, err);
	if (r == 1)
		*how = "sender";
	return r;
}

/* Looks like a delivery failure report: its Message-ID links are in the body. */
static bool maybe_bounce(const struct mail *m)
{
	size_t n = 0;
	const char *ct = mail_header(m, "Content-Type");
	const char *const *from = mail_addresses(m, "From", &n);
	if (ct && strcasestr(ct, "multipart/report"))
		return true;
	if (n && (strncasecmp(from[0], "mailer-daemon@", 14) == 0 ||
		  strncasecmp(from[0], "postmaster@", 11) == 0))
		return true;
	return false;
}

/* A bounce names the failed message in its body ("Message-ID: <...>" of the returned
 * headers): find the first tracked one. 1/0/-1. */
static int match_bounce(struct store *st, const char *text, struct outbound_ref *out,
			struct rw_err *err)
{
	const char *p = text;
	while ((p = strchr(p, '<')) != NULL) {
		const char *e = strchr(p, '>');
		if (e == NULL)
			break;
		size_t len = (size_t)(e - p - 1);
		if (len > 0 && len < 250 && memchr(p + 1, '@', len) && !memchr(p + 1, ' ', len) &&
		    !memchr(p + 1, '\n', len)) {
			char id[256];
			memcpy(id, p + 1, len);
			id[len] = 0;
			int r = store_outbound_find(st, id, out, err);
			if (r != 0)
				return r;
		}
		p = e;
	}
	return 0;
}

static int record_state(struct store *st, const char *folder, const struct mailbox_status *ms,
			uint32_t uid, struct rw_err *err)
{
	struct folder_state fs = {ms->uidvalidity, uid, ms->highestmodseq};
	return store_folder_set(st, folder, &fs, err);
}

static int do_reply(struct mailbox *mb, struct store *st, const struct ruleset *rs,
		    const struct sync_opts *o, const char *folder, const struct mailbox_status *ms,
		    const struct mailbox_msg *msg, struct sync_stats *stats, struct rw_err *err)
{
	struct mail *m = NULL;
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	struct outbound_ref ref;
	struct buf raw = BUF_INIT;
	struct decision *d = NULL;
	const char *how = NULL;
	bool have_ref = false, in_txn = false;
	int ret = -1, r;

	memset(&ref, 0, sizeof ref);
	if (mail_parse(&m, msg->raw, msg->raw_len, &lim, err) < 0)
		goto out;
	const char *mid = mail_message_id(m);
	char synth[80];
	if (mid == NULL) {
		synth_message_id(synth, sizeof synth, msg->raw, msg->raw_len);
		mid = synth;
	}
	time_t date = mail_date(m, NULL);
	if (date == 0)
		date = msg->internaldate;
	/* A copy of one of our own tracked emails (some servers file Sent mail in INBOX too). */
	r = store_outbound_find(st, mid, &ref, err);
	if (r < 0)
		goto out;
	if (r == 1) {
		outbound_ref_release(&ref);
		memset(&ref, 0, sizeof ref);
		stats->ignored++;
		ret = 0;
		goto out;
	}
	r = match_reply(o, st, m, date, &ref, &how, err);
	if (r < 0)
		goto out;
	have_ref = r == 1;
	if (!have_ref && !maybe_bounce(m)) {
		stats->ignored++;
		ret = 0;
		goto out;
	}
	r = store_reply_known(st, mid, err);
	if (r < 0)
		goto out;
	if (r == 1) {
		stats->duplicates++;
		ret = 0;
		goto out;
	}
	/* Only now is anything beyond the headers downloaded: the text parts, capped. */
	if (mb->ops->fetch_text(mb, folder, msg->uid, o->max_body_bytes, &raw, err) < 0) {
		if (err->code == RW_ENOTFOUND) { /* expunged since its headers were read */
			stats->ignored++;
			ret = 0;
		}
		goto out;
	}
	if (!have_ref) {
		r = match_bounce(st, buf_str(&raw), &ref, err);
		if (r < 0)
			goto out;
		if (r == 0) {
			stats->ignored++;
			ret = 0;
			goto out;
		}
		have_ref = true;
		how = "thread";
	}
	struct classify_opts copts;
	if (o->classify)
		copts = *o->classify;
	else
		classify_opts_init(&copts);
	copts.kind = ref.kind;
	copts.sent_text = ref.text;
	copts.fallback_date = msg->internaldate;
	if (classify_message(&d, rs, raw.data ? raw.data : "", raw.len, &copts, err) < 0) {
		rw_err_prefix(err, "folder '%s' UID %u", folder, msg->uid);
		goto out;
	}
	size_t nfrom = 0;
	const char *const *from = mail_addresses(m, "From", &nfrom);
	struct reply_meta meta = {
		.message_id = mid,
		.from = nfrom ? from[0] : "",
		.subject = mail_header(m, "Subject"),
		.date = d->date ? d->date : date,
		.folder = folder,
		.uid = msg->uid,
		.matched_by = how,
		.outbound_id = ref.id,
		.raw = raw.data,
		.raw_len = raw.len,
	};
	if (store_begin(st, err) < 0)
		goto out;
	in_txn = true;
	r = store_reply_record(st, &meta, d, err);
	if (r < 0 || record_state(st, folder, ms, msg->uid, err) < 0) {
		rw_err_prefix(err, "folder '%s' UID %u", folder, msg->uid);
		goto out;
	}
	if (store_commit(st, err) < 0)
		goto out;
	in_txn = false;
	if (r == 1) {
		stats->replies++;
		stats->class_count[d->cls]++;
	} else {
		stats->duplicates++;
	}
	if (o->verbose)
		fprintf(stderr, "reply %s from %s (%s, by %s) -> %s (%s)\n", mid, meta.from,
			rw_kind_name(ref.kind), how, rw_class_name(d->cls),
			d->reason ? d->reason : "");
	if (o->keywords && mb->ops->set_keyword) {
		char kw[64];
		struct rw_err kerr = {0};
		snprintf(kw, sizeof kw, "$replywatch-%s", rw_class_name(d->cls));
		/* Best effort: a server that refuses keywords changes nothing we rely on. */
		if (mb->ops->set_keyword(mb, folder, msg->uid, kw, &kerr) < 0 &&
		    kerr.code == RW_ENET) {
			*err = kerr;
			goto out;
		}
	}
	ret = 0;
out:
	if (in_txn) {
		struct rw_err ignore;
		store_rollback(st, &ignore);
	}
	decision_free(&d);
	buf_release(&raw);
	outbound_ref_release(&ref);
	mail_free(&m);
	return ret;
}

/* ---------------------------------------------------------------- one folder */

static int sync_folder(struct mailbox *mb, struct store *st, const struct ruleset *rs,
		       const struct sync_opts *o, const char *folder, bool sent,
		       struct sync_stats *stats, struct rw_err *err)
{
	struct mailbox_status ms;
	struct folder_state fs;
	struct mailbox_msgs msgs = {0};
	int ret = -1, r;
	bool in_txn = false;

	if (mb->ops->status(mb, folder, &ms, err) < 0)
		return -1;
	r = store_folder_get(st, folder, &fs, err);
	if (r < 0)
		return -1;
	uint32_t last;
	if (r == 1 && fs.uidvalidity == ms.uidvalidity) {
		last = fs.last_uid;
	} else {
		/* First run, or the server renumbered the folder: look back since_days; what was
		 * already recorded is recognised by Message-ID. */
		if (r == 1)
			stats->rescans++;
		time_t now = o->now ? o->now : time(NULL);
		uint32_t first = 0;
		if (ms.messages > 0 &&
		    mb->ops->first_since(mb, folder, now - (time_t)o->since_days * 86400, 1, &first,
					 err) < 0)
			return -1;
		last = first ? first - 1 : (ms.uidnext ? ms.uidnext - 1 : 0);
		if (record_state(st, folder, &ms, last, err) < 0)
			return -1;
	}
	if (ms.uidnext == 0)
		return rw_fail(err, RW_ENET, "imap: folder '%s': the server reported no UIDNEXT",
			       folder);
	uint32_t top = ms.uidnext - 1;
	if (last >= top) {
		ret = 0; /* nothing new: the constant-cost pass */
		goto out;
	}
	for (uint32_t lo = last + 1; lo <= top;) {
		uint32_t hi = top - lo >= SYNC_CHUNK ? lo + SYNC_CHUNK - 1 : top;
		if (mb->ops->fetch_headers(mb, folder, lo, hi, sent ? SENT_PEEK : 0, &msgs, err) <
		    0)
			goto out;
		if (sent) {
			/* One transaction per chunk: recording an outbound email twice is a no-op.
			 */
			if (store_begin(st, err) < 0)
				goto out;
			in_txn = true;
		}
		for (size_t i = 0; i < msgs.n; i++) {
			const struct mailbox_msg *msg = &msgs.v[i];
			if (o->check_signals)
				o->check_signals();
			if (o->stop && *o->stop) {
				/* Finish cleanly: everything before this message is done. */
				uint32_t done = msg->uid - 1;
				if (record_state(st, folder, &ms, done, err) < 0)
					goto out;
				if (in_txn && store_commit(st, err) < 0)
					goto out;
				in_txn = false;
				ret = 1;
				goto out;
			}
			stats->seen++;
			if (sent)
				r = do_outbound(o, st, rs, folder, msg, stats, err);
			else
				r = do_reply(mb, st, rs, o, folder, &ms, msg, stats, err);
			if (r < 0)
				goto out;
		}
		if (record_state(st, folder, &ms, hi, err) < 0)
			goto out;
		if (in_txn && store_commit(st, err) < 0)
			goto out;
		in_txn = false;
		mailbox_msgs_release(&msgs);
		progress(o, folder, hi, top, hi == top);
		if (hi == top)
			break;
		lo = hi + 1;
	}
	ret = 0;
out:
	if (in_txn) {
		struct rw_err ignore;
		store_rollback(st, &ignore);
	}
	mailbox_msgs_release(&msgs);
	return ret;
}

int sync_pass(struct mailbox *mb, struct store *st, const struct ruleset *rs,
	      const struct sync_opts *o, struct sync_stats *stats, struct rw_err *err)
{
	int r;
	/* Sent first: a reply can only be matched to an outbound email already recorded. */
	if (o->sent_folder) {
		r = sync_folder(mb, st, rs, o, o->sent_folder, true, stats, err);
		if (r != 0) {
			if (r < 0)
				rw_err_prefix(err, "sent folder '%s'", o->sent_folder);
			return r;
		}
	}
	for (size_t i = 0; i < o->nfolders; i++) {
		if (o->sent_folder && strcmp(o->folders[i], o->sent_folder) == 0)
			continue;
		r = sync_folder(mb, st, rs, o, o->folders[i], false, stats, err);
		if (r != 0) {
			if (r < 0 && err->code != RW_ENET)
				rw_err_prefix(err, "folder '%s'", o->folders[i]);
			return r;
		}
	}
	return 0;
}
