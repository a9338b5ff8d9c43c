/* classify.c: the whole pipeline, raw message -> decision (SPEC §4, §2): MIME to text
 * (mail.c), reply extraction (reply.c), auto-replies (autoreply.c), rules (engine.c), dates
 * (dates.c); then the class, its reason, the callback and the next contact. */
#include "classify.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "autoreply.h"
#include "buf.h"
#include "dates.h"
#include "engine.h"
#include "reply.h"
#include "rules.h"

static const char *const class_names[RW_NCLASS] = {"yes", "later", "no", "auto", "review"};

const char *rw_class_name(enum rw_class c)
{
	return (unsigned)c < RW_NCLASS ? class_names[c] : "review";
}

int rw_class_parse(const char *name, enum rw_class *out)
{
	for (int i = 0; i < RW_NCLASS; i++)
		if (strcmp(name, class_names[i]) == 0) {
			*out = (enum rw_class)i;
			return 0;
		}
	return -1;
}

const char *rw_kind_name(enum rw_kind k)
{
	switch (k) {
	case RW_KIND_BREAKUP: return "breakup";
	case RW_KIND_PENDING: return "pending";
	default: return "unknown";
	}
}

int rw_kind_parse(const char *name, enum rw_kind *out)
{
	if (strcmp(name, "breakup") == 0)
		*out = RW_KIND_BREAKUP;
	else if (strcmp(name, "pending") == 0)
		*out = RW_KIND_PENDING;
	else if (strcmp(name, "unknown") == 0 || strcmp(name, "any") == 0)
		*out = RW_KIND_UNKNOWN;
	else
		return -1;
	return 0;
}

void classify_opts_init(struct classify_opts *o)
{
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	memset(o, 0, sizeof *o);
	o->kind = RW_KIND_UNKNOWN;
	o->breakup_later_days = 90;
	o->pending_later_days = 60;
	o->limits = lim;
}

void decision_free(struct decision **dp)
{
	struct decision *d;
	if (dp == NULL || (d = *dp) == NULL)
		return;
	free(d->reason);
	free(d->callback_quote);
	free(d->bounce_recipient);
	free(d->bounce_status);
	free(d->referral);
	free(d->reply);
	for (size_t i = 0; i < d->nhits; i++) {
		free(d->hits[i].rule);
		free(d->hits[i].match);
		free(d->hits[i].scope);
	}
	free(d->hits);
	free(d->trace);
	free(d->warnings);
	free(d->message_id);
	free(d->from);
	free(d->subject);
	free(d);
	*dp = NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The addresses a referral may never be (F2.35/F2.54): the sender's own (From, Sender,
 * Reply-To), the user's (the reply's To, the configured user address). */
struct excluded {
	const char *v[32];
	size_t n;
	bool filled;
};

static void excluded_add_header(struct excluded *x, const struct mail *m, const char *name)
{
	size_t n = 0;
	const char *const *a = mail_addresses(m, name, &n);
	for (size_t i = 0; a && i < n && x->n < sizeof x->v / sizeof x->v[0]; i++)
		x->v[x->n++] = a[i];
}

/* Parsing address headers costs; only a reply that names a referral needs them. */
static void excluded_fill(struct excluded *x, const struct mail *m, const char *user)
{
	if (x->filled)
		return;
	x->filled = true;
	excluded_add_header(x, m, "From");
	excluded_add_header(x, m, "Sender");
	excluded_add_header(x, m, "Reply-To");
	excluded_add_header(x, m, "To");
	if (user && x->n < sizeof x->v / sizeof x->v[0])
		x->v[x->n++] = user;
}

static bool excluded_has(const struct excluded *x, const char *addr)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i] && strcasecmp(x->v[i], addr) == 0)
			return true;
	return false;
}

/* A role mailbox (info@, support@ ...) is a desk, not a person to introduce yourself to. */
static bool role_mailbox(const char *addr)
{
	static const char *const roles[] = {
		"info", "support", "sales", "help", "helpdesk", "service", "services",
		"customerservice", "customer.service", "memberservices", "contact", "office",
		"admin", "hello", "enquiries", "inquiries", "reception", "mail", "team",
		"noreply", "no-reply", "postmaster", "kundtjanst", "kundservice", "ventas",
		"geral", "kontakt", "vertrieb", "ventes", "accueil", "atencion", "billing",
		"accounts", "hr", "jobs", "careers", "marketing", "webmaster", NULL};
	const char *at = strchr(addr, '@');
	size_t n = at ? (size_t)(at - addr) : strlen(addr);
	for (size_t i = 0; roles[i]; i++)
		if (strlen(roles[i]) == n && strncasecmp(addr, roles[i], n) == 0)
			return true;
	return false;
}

/* The first address-looking word in text that is not an excluded one. */
static char *find_address(const char *text, const struct excluded *x)
{
	for (const char *at = strchr(text, '@'); at; at = strchr(at + 1, '@')) {
		const char *s = at, *e = at + 1;
		while (s > text && (isalnum((unsigned char)s[-1]) || strchr("._%+-", s[-1])))
			s--;
		while (*e && (isalnum((unsigned char)*e) || *e == '.' || *e == '-'))
			e++;
		while (e > at + 1 && e[-1] == '.')
			e--;
		if (s == at || e - at < 4 || memchr(at + 1, '.', (size_t)(e - at - 1)) == NULL)
			continue;
		char *addr = strndup(s, (size_t)(e - s));
		if (addr == NULL)
			return NULL;
		for (char *p = addr; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!excluded_has(x, addr))
			return addr;
		free(addr);
	}
	return NULL;
}

/* The sentence of text around [start, end), for callback_quote. */
static char *sentence_around(const char *text, size_t start, size_t end)
{
	size_t len = strlen(text), s = start, e = end;
	while (s > 0 && !strchr(".!?\n", text[s - 1]))
		s--;
	while (e < len && !strchr(".!?\n", text[e]))
		e++;
	if (e < len && text[e] != '\n')
		e++;
	while (s < e && isspace((unsigned char)text[s]))
		s++;
	return strndup(text + s, e - s);
}

static const char *scope_label(const struct rule_pattern *p, char *buf, size_t n)
{
	switch (p->scope) {
	case SCOPE_REPLY: return "reply";
	case SCOPE_SUBJECT: return "subject";
	case SCOPE_BODY: return "body";
	case SCOPE_HEADER: snprintf(buf, n, "header:%s", p->header); return buf;
	}
	return "reply";
}

static int copy_hits(struct decision *d, const struct engine_result *res)
{
	if (res->nhits == 0)
		return 0;
	d->hits = calloc(res->nhits, sizeof *d->hits);
	if (d->hits == NULL)
		return -1;
	for (size_t i = 0; i < res->nhits; i++) {
		const struct engine_hit *h = &res->hits[i];
		struct rw_hit *o = &d->hits[d->nhits++];
		char lab[300];
		o->rule = strdup(h->rule->name);
		o->cls = h->cls <= RC_AUTO ? (enum rw_class)h->cls : RW_REVIEW;
		o->weight = h->weight;
		o->match = strdup(h->match ? h->match : "");
		o->scope = strdup(h->pat ? scope_label(h->pat, lab, sizeof lab) : "reply");
		o->negated = h->negated;
		o->limit = h->limit;
		if (o->rule == NULL || o->match == NULL || o->scope == NULL)
			return -1;
	}
	return 0;
}

/* The stated times of the reply, found once and shared by the steps that need them. */
struct times {
	bool done;
	size_t n;
	struct date_found all[32];
};

static const struct times *reply_times(struct times *t, const char *text, struct civil ref)
{
	if (!t->done) {
		t->n = dates_find_all(t->all, 32, text, ref);
		t->done = true;
	}
	return t;
}

/* The sentence of text around [start, end) as a span. */
static void sentence_span(const char *text, size_t start, size_t end, size_t *s, size_t *e)
{
	size_t len = strlen(text);
	*s = start;
	*e = end;
	while (*s > 0 && !strchr(".!?\n", text[*s - 1]))
		(*s)--;
	while (*e < len && !strchr(".!?\n", text[*e]))
		(*e)++;
}

/* Does the sentence around a date hold a contact cue ("try me", "reach out", "call")? */
static bool cue_sentence(const struct ruleset *rs, struct rx_matcher *mx, const char *text,
			 const struct date_found *f)
{
	size_t s, e;
	struct rx_span g[1];
	if (rs->contact_cue == NULL)
		return false;
	sentence_span(text, f->start, f->end, &s, &e);
	return rx_exec(mx, rs->contact_cue, text, e, s, g, 1, NULL) == RX_MATCH;
}

/* The contact date a reply states: among the future times in it, one in a sentence with a
 * contact cue first, then an expression with a cue word of its own (strong), then any.
 * Deadlines ("before year end") are not contact dates. 1 found (*cued says whether it was in a
 * cue sentence), 0 none. */
static int contact_date(struct date_found *out, bool *cued, const struct ruleset *rs,
			struct rx_matcher *mx, const char *text, struct civil ref, struct times *tc)
{
	const struct times *t = reply_times(tc, text, ref);
	const struct date_found *all = t->all;
	size_t n = t->n;
	int best = -1, best_score = -1;
	size_t bs = 0, be = 0;
	for (size_t i = 0; i < n; i++) {
		if (civil_days(all[i].date) <= civil_days(ref) || all[i].deadline)
			continue;
		bool c = cue_sentence(rs, mx, text, &all[i]);
		int score = (c ? 4 : 0) + (all[i].strong ? 2 : 0);
		size_t ss, se;
		sentence_span(text, all[i].start, all[i].end, &ss, &se);
		/* In the same sentence a more precise time refines the first: "after the
		 * holidays, mid January is best". */
		bool refines = best >= 0 && score == best_score && ss == bs &&
			       all[i].grain < all[best].grain;
		if (score > best_score || refines) {
			best = (int)i;
			best_score = score;
			bs = ss;
			be = se;
			*cued = c;
		}
	}
	(void)be;
	if (best < 0)
		return 0;
	*out = all[best];
	return 1;
}

/* The callback of a later decision: a date captured by the winning rules' (?<when>...), else
 * the reply's own contact date, else the default period. */
/* The furthest a stated callback may be from the reply: three years (a year past reply+3
 * is never produced). */
#define MAX_CALLBACK_DAYS 1095

static void later_callback(struct decision *d, const struct engine_result *res,
			   const struct ruleset *rs, struct rx_matcher *mx, const char *reply,
			   struct civil ref, const struct classify_opts *o, struct buf *trace,
			   struct buf *warn, struct times *tc)
{
	struct date_found f;
	bool found = false, cued = false, warned = false;
	const struct engine_hit *best = NULL;
	const struct times *t = reply_times(tc, reply, ref);
	const struct date_found *all = t->all;
	size_t nall = t->n;
	for (size_t i = 0; i < res->nhits; i++) {
		const struct engine_hit *h = &res->hits[i];
		if (h->limit || h->weight <= 0 || h->when == NULL || (int)h->cls != RW_LATER)
			continue;
		struct date_found g;
		bool ok = false;
		/* Read the capture in place, so "the following week" can count from a date
		 * stated before it, and the most precise time in the capture wins. */
		const char *at = strstr(reply, h->when);
		if (at) {
			size_t off = (size_t)(at - reply), end = off + strlen(h->when);
			for (size_t k = 0; k < nall; k++)
				if (all[k].start >= off && all[k].end <= end && !all[k].deadline &&
				    civil_days(all[k].date) > civil_days(ref) &&
				    (!ok || all[k].grain < g.grain)) {
					g = all[k];
					ok = true;
				}
		}
		if (!ok)
			ok = dates_find(&g, h->when, ref) && civil_days(g.date) > civil_days(ref) &&
			     !g.deadline;
		if (ok && (best == NULL || h->weight > best->weight)) {
			best = h;
			f = g;
			found = true;
		}
	}
	/* F2.52: "reach out in 999999999 days" is not a plan; a callback more than three years
	 * after the reply is ignored, and the default period applies. */
	if (found && civil_days(f.date) - civil_days(ref) > MAX_CALLBACK_DAYS) {
		char far[11];
		civil_format(f.date, far);
		buf_printf(warn, "callback \"%s\" (%s) is more than 3 years after the reply: "
				 "ignored, default period used\n", best->when, far);
		buf_printf(trace, "date: \"%s\" -> %s is more than 3 years away: ignored\n",
			   best->when, far);
		found = false;
		best = NULL;
		warned = true;
	}
	if (found) {
		civil_format(f.date, d->callback);
		free(d->callback_quote);
		d->callback_quote = strdup(best->when);
		buf_printf(trace, "date: \"%s\" (rule %s) -> %s\n", best->when, best->rule->name,
			   d->callback);
		return;
	}
	bool got = contact_date(&f, &cued, rs, mx, reply, ref, tc);
	if (got && civil_days(f.date) - civil_days(ref) > MAX_CALLBACK_DAYS) {
		char far[11];
		civil_format(f.date, far);
		if (!warned)
			buf_printf(warn, "callback \"%.*s\" (%s) is more than 3 years after the "
					 "reply: ignored, default period used\n",
				   (int)(f.end - f.start), reply + f.start, far);
		got = false;
	}
	if (got) {
		civil_format(f.date, d->callback);
		free(d->callback_quote);
		d->callback_quote = sentence_around(reply, f.start, f.end);
		buf_printf(trace, "date: \"%.*s\" in the reply%s -> %s\n", (int)(f.end - f.start),
			   reply + f.start, cued ? " (contact sentence)" : "", d->callback);
		return;
	}
	int days = d->kind == RW_KIND_PENDING ? o->pending_later_days : o->breakup_later_days;
	if (days <= 0)
		days = d->kind == RW_KIND_PENDING ? 60 : 90;
	civil_format(civil_add_days(ref, days), d->callback);
	d->callback_default = true;
	buf_printf(trace, "date: none stated; default %d days after the %s reply -> %s\n", days,
		   rw_kind_name(d->kind), d->callback);
}

/* The text with the quote markers ("> > ") taken off every line, so the quoted outbound reads
 * as it was sent: "No Longer\n> Interested file" becomes "No Longer\nInterested file". */
static char *unquote(const char *text)
{
	size_t len = strlen(text);
	char *out = malloc(len + 1), *o = out;
	if (out == NULL)
		return NULL;
	for (const char *p = text; *p;) {
		while (*p == '>' || (*p == ' ' && (p[1] == '>' || p[1] == ' ')))
			p++;
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	return out;
}

/* An out-of-office that names the day the person is back: a date right after "return",
 * "back", "wieder", "de retour"... Within 100 days of ref. 1 found. */
static int stated_return(struct civil *out, const char *text, struct civil ref,
			 struct times *tc)
{
	static const char *const cues[] = {"return", "back", "wieder", "retour", "zurück",
		"de vuelta", "terug", "ab dem", "dès le", "a partir del", "regreso", "reincorporo",
		"tillbaka", NULL};
	const struct times *t = reply_times(tc, text, ref);
	const struct date_found *all = t->all;
	size_t n = t->n;
	char *fold = strdup(text);
	int found = 0;
	if (fold == NULL)
		return 0;
	engine_fold(fold);
	for (size_t i = 0; i < n && !found; i++) {
		long delta = civil_days(all[i].date) - civil_days(ref);
		if (delta < 0 || delta > 100)
			continue;
		size_t from = all[i].start > 30 ? all[i].start - 30 : 0;
		char save = fold[all[i].start];
		fold[all[i].start] = '\0';
		for (size_t k = 0; cues[k]; k++)
			if (strstr(fold + from, cues[k])) {
				*out = all[i].date;
				found = 1;
				break;
			}
		fold[all[i].start] = save;
	}
	free(fold);
	return found;
}

int classify_message(struct decision **out, const struct ruleset *rs, const char *raw,
		     size_t len, const struct classify_opts *opts, struct rw_err *err)
{
	struct classify_opts defopts;
	struct decision *d = NULL;
	struct mail *m = NULL;
	struct reply rep = {0};
	struct autoreply ar = {0};
	struct engine_result res = {0};
	struct rx_matcher *mx = NULL;
	struct buf trace = BUF_INIT, warn = BUF_INIT;
	struct times times = {0};
	int rc = -1;

	*out = NULL;
	if (opts == NULL) {
		classify_opts_init(&defopts);
		opts = &defopts;
	}
	if ((d = calloc(1, sizeof *d)) == NULL)
		goto oom;
	if (mail_parse(&m, raw, len, &opts->limits, err) < 0)
		goto out;
	const char *text = mail_text(m);
	if (text == NULL)
		text = "";
	if (reply_extract(&rep, text, mail_text_is_html(m), opts->sent_text) < 0)
		goto oom;
	if (rep.text == NULL && (rep.text = strdup("")) == NULL)
		goto oom;
	if (autoreply_detect(&ar, m, rep.text) < 0)
		goto oom;
	if (rep.trace && *rep.trace)
		buf_printf(&trace, "%s%s", rep.trace,
			   rep.trace[strlen(rep.trace) - 1] == '\n' ? "" : "\n");

	/* Identity and reference day. */
	const char *const *from = NULL;
	size_t nfrom = 0;
	from = mail_addresses(m, "From", &nfrom);
	d->from = dup_or_null(nfrom ? from[0] : NULL);
	struct excluded excl = {0}; /* filled only when a referral is looked for */
	d->message_id = dup_or_null(mail_message_id(m));
	d->subject = dup_or_null(mail_header(m, "Subject"));
	int tzmin = 0;
	d->date = mail_date(m, &tzmin);
	if (d->date == 0)
		d->date = opts->fallback_date;
	struct civil ref = {1970, 1, 1};
	if (d->date == 0 || dates_civil(&ref, d->date, opts->timezone) < 0) {
		time_t now = time(NULL);
		dates_civil(&ref, now, opts->timezone);
		buf_puts(&warn, "no usable Date header: dates are relative to today\n");
	}
	char refs[11];
	civil_format(ref, refs);
	buf_printf(&trace, "date: reply dated %s%s%s\n", refs, opts->timezone ? " in " : "",
		   opts->timezone ? opts->timezone : "");

	/* The outbound kind: given, or read from the quoted outbound below the reply. */
	d->kind = opts->kind;
	if (d->kind == RW_KIND_UNKNOWN) {
		char *why = NULL;
		enum rw_kind k = RW_KIND_UNKNOWN;
		char *unq = unquote(text);
		int r = unq ? rules_outbound_kind_text(&k, rs, NULL, unq, &why, err) : -1;
		free(unq);
		if (r < 0)
			goto oom;
		if (k != RW_KIND_UNKNOWN) {
			d->kind = k;
			d->kind_inferred = true;
			buf_printf(&trace, "kind: %s, inferred from the quoted outbound (%s)\n",
				   rw_kind_name(k), why ? why : "");
		} else {
			free(why);
			why = NULL;
			if (rules_outbound_kind_subject(&k, rs, d->subject, &why, err) < 0)
				goto oom;
			if (k != RW_KIND_UNKNOWN) {
				d->kind = k;
				d->kind_inferred = true;
				buf_printf(&trace, "kind: %s, inferred from the subject (%s)\n",
					   rw_kind_name(k), why ? why : "");
			} else {
				buf_puts(&trace,
					 "kind: unknown (kind-restricted rules are skipped)\n");
			}
		}
		free(why);
	} else {
		buf_printf(&trace, "kind: %s\n", rw_kind_name(d->kind));
	}

	if (rx_matcher_new(&mx, NULL, err) < 0)
		goto out;
	struct engine_input in = {0};
	in.reply = rep.text;
	in.subject = d->subject;
	in.body = text;
	in.mail = m;
	in.kind = d->kind;
	if (engine_run(&res, rs, mx, &in, err) < 0)
		goto out;
	for (int c = 0; c < RW_NCLASS; c++)
		d->scores[c] = res.scores[c];
	if (copy_hits(d, &res) < 0)
		goto oom;
	buf_printf(&trace, "rules: %zu of %zu tried after the prefilter, %zu hit\n",
		   res.rules_tried, rules_count(rs), res.nhits);
	if (res.warnings.len)
		buf_puts(&warn, buf_str(&res.warnings));

	/* Flags from every hit that counted, whatever class wins. */
	const struct engine_hit *ref_hit = NULL;
	for (size_t i = 0; i < res.nhits; i++) {
		const struct engine_hit *h = &res.hits[i];
		if (h->limit || h->weight <= 0 || (h->negated && h->rule->neg != NEG_KEEP))
			continue;
		unsigned f = h->rule->flags;
		if (f & RF_DO_NOT_CONTACT)
			d->do_not_contact = true;
		if (f & RF_LEFT_COMPANY)
			d->left_company = true;
		if (f & RF_BOUNCE)
			d->bounce = true;
		if ((f & RF_REFERRAL) && ref_hit == NULL)
			ref_hit = h;
	}

	char reason[200];
	if (ar.kind != AUTO_NONE) {
		/* No person wrote it: the auto-reply detector decides, rules only explain. */
		d->cls = RW_AUTO;
		snprintf(reason, sizeof reason, "auto/%s", autoreply_kind_name(ar.kind));
		d->reason = strdup(reason);
		buf_printf(&trace, "auto: %s (%s)\n", autoreply_kind_name(ar.kind),
			   ar.why ? ar.why : "");
		if (ar.kind == AUTO_BOUNCE) {
			d->bounce = true;
			d->bounce_recipient = dup_or_null(ar.bounce_recipient);
			d->bounce_status = dup_or_null(ar.bounce_status);
		}
		if (ar.kind == AUTO_LEFT_COMPANY)
			d->left_company = true;
		/* "I have left; please contact X" names the new contact. An out-of-office's
		 * "for urgent matters contact X" does not: X is cover, not a referral. */
		if (ar.kind == AUTO_LEFT_COMPANY && ar.alternate_contact)
			excluded_fill(&excl, m, opts->user_address);
		if (ar.kind == AUTO_LEFT_COMPANY && ar.alternate_contact && d->referral == NULL &&
		    !excluded_has(&excl, ar.alternate_contact) &&
		    !role_mailbox(ar.alternate_contact))
			d->referral = strdup(ar.alternate_contact);
		struct civil stated;
		if (stated_return(&stated, rep.text, ref, &times)) {
			/* "I'll be back in the office on Monday, October 19" beats "through
			 * October 16": the person said the day. */
			civil_format(stated, d->ooo_return);
			buf_printf(&trace, "date: back on %s, as stated in the reply\n",
				   d->ooo_return);
		} else if (ar.return_phrase) {
			struct civil back;
			/* Read the phrase in its sentence when the reply holds it: the detector
			 * may have cut "até 20 de julho" short. */
			char *ctxt = NULL;
			const char *at = strstr(rep.text, ar.return_phrase);
			if (at) {
				size_t e = (size_t)(at - rep.text) + strlen(ar.return_phrase);
				size_t k = e;
				while (rep.text[k] && !strchr(".!?\n", rep.text[k]) && k - e < 40)
					k++;
				ctxt = strndup(at, k - (size_t)(at - rep.text));
			}
			int found = ctxt && dates_ooo_return(&back, ctxt, ar.return_is_last_day_away,
							     ref);
			free(ctxt);
			if (found || dates_ooo_return(&back, ar.return_phrase,
						      ar.return_is_last_day_away, ref)) {
				civil_format(back, d->ooo_return);
				buf_printf(&trace, "date: back \"%s\" -> %s\n", ar.return_phrase,
					   d->ooo_return);
			} else {
				buf_printf(&trace,
					   "date: return \"%s\" not understood, in the past or more "
					   "than 100 days away: ignored\n", ar.return_phrase);
			}
		}
	} else {
		/* A yes with a contact date further off than yes-horizon days is a later: "call me
		 * the week of Dec 7" sent in October asks for a call, but not now. Only a date in a
		 * contact sentence counts; the yes score then counts for later. */
		struct date_found f;
		bool cued = false;
		/* The mirror image: "call me this week", "call me tomorrow" use later rules'
		 * words for a time in the current week (or the next two days): contact now.
		 * "Ping me next week" still defers, and stays later. */
		for (size_t i = 0; rs->yes_horizon > 0 && i < res.nhits; i++) {
			const struct engine_hit *h = &res.hits[i];
			struct date_found g;
			if (h->limit || h->weight <= 0 || (int)h->cls != RW_LATER || h->when == NULL)
				continue;
			long ahead;
			if (dates_find(&g, h->when, ref) && !g.deadline &&
			    (ahead = civil_days(g.date) - civil_days(ref)) > 0 &&
			    (ahead <= 2 || ahead <= 7 - civil_weekday(ref) ||
			     (h->rule->soon_yes && ahead <= rs->yes_horizon))) {
				d->scores[RW_LATER] -= h->weight;
				d->scores[RW_YES] += h->weight;
				buf_printf(&trace, "horizon: rule %s names \"%s\", %s: its %.2f counts "
						   "for yes\n", h->rule->name, h->when,
					   ahead <= 7 - civil_weekday(ref) || ahead <= 2 ? "this week"
											: "soon",
					   h->weight);
			}
		}
		if (rs->yes_horizon > 0 && d->scores[RW_YES] > 0 &&
		    contact_date(&f, &cued, rs, mx, rep.text, ref, &times) && cued &&
		    civil_days(f.date) - civil_days(ref) > rs->yes_horizon) {
			d->scores[RW_LATER] += d->scores[RW_YES];
			buf_printf(&trace, "horizon: the contact date \"%.*s\" is more than %d days "
					   "away: the yes score %.2f counts for later\n",
				   (int)(f.end - f.start), rep.text + f.start, rs->yes_horizon,
				   d->scores[RW_YES]);
			d->scores[RW_YES] = 0;
		}
		d->cls = engine_decide(rs, d->scores);
		const struct engine_hit *top =
			d->cls == RW_REVIEW ? NULL : engine_top_hit(&res, d->cls);
		if (top) {
			d->reason = strdup(rule_reason(top->rule, reason, sizeof reason));
		} else if (d->cls == RW_LATER) {
			d->reason = strdup("later/bad-timing"); /* the yes moved past the horizon */
		} else if (d->cls == RW_YES) {
			d->reason = strdup("yes/call"); /* a later rule's time fell this week */
		} else {
			/* Say why no class won: too weak, or two classes too close. */
			enum rw_class a = RW_YES, b = RW_LATER;
			for (int c = RW_YES; c <= RW_AUTO; c++)
				if (d->scores[c] > d->scores[a])
					a = (enum rw_class)c;
			b = a == RW_YES ? RW_LATER : RW_YES;
			for (int c = RW_YES; c <= RW_AUTO; c++)
				if (c != (int)a && d->scores[c] > d->scores[b])
					b = (enum rw_class)c;
			if (d->scores[a] < rs->threshold)
				snprintf(reason, sizeof reason, "review/no-confident-rule");
			else
				snprintf(reason, sizeof reason, "review/%s-vs-%s", rw_class_name(a),
					 rw_class_name(b));
			d->reason = strdup(reason);
		}
		if (d->cls == RW_AUTO && d->bounce)
			buf_puts(&trace, "auto: bounce (rules)\n");
	}
	buf_printf(&trace, "scores: yes %.2f, later %.2f, no %.2f, auto %.2f (threshold %.2f, "
			   "margin %.2f)\n",
		   d->scores[RW_YES], d->scores[RW_LATER], d->scores[RW_NO], d->scores[RW_AUTO],
		   rs->threshold, rs->margin);

	/* A referral comes from a person's reply, or from a left-company notice (above): an
	 * out-of-office's "if urgent, contact X" is cover while the prospect is away. */
	if (ref_hit && d->referral == NULL && (d->cls != RW_AUTO || d->left_company)) {
		excluded_fill(&excl, m, opts->user_address);
		char *cand = ref_hit->referral ? strdup(ref_hit->referral) : NULL;
		if (cand)
			for (char *p = cand; *p; p++)
				*p = (char)tolower((unsigned char)*p);
		if (cand && excluded_has(&excl, cand)) {
			free(cand);
			cand = NULL;
		}
		if (cand == NULL)
			cand = find_address(rep.text, &excl);
		if (cand && d->left_company && role_mailbox(cand)) {
			free(cand);
			cand = NULL;
		}
		d->referral = cand;
	}

	if (d->cls == RW_LATER)
		later_callback(d, &res, rs, mx, rep.text, ref, opts, &trace, &warn, &times);

	/* The next contact the decision implies (SPEC §2 table). */
	if (d->cls == RW_YES)
		civil_format(civil_business_day(civil_add_days(ref, 1)), d->next_contact);
	else if (d->cls == RW_LATER)
		memcpy(d->next_contact, d->callback, sizeof d->next_contact);
	else if (d->cls == RW_AUTO && d->ooo_return[0]) {
		struct civil back;
		if (civil_parse(&back, d->ooo_return) == 0)
			civil_format(civil_business_day(back), d->next_contact);
	}
	buf_printf(&trace, "decision: %s (%s)%s%s\n", rw_class_name(d->cls), d->reason,
		   d->next_contact[0] ? ", next contact " : "", d->next_contact);

	snprintf(d->ruleset, sizeof d->ruleset, "%s", rules_version(rs));
	const char *mw = mail_warnings(m);
	if (mw && *mw)
		buf_printf(&warn, "%s%s", mw, mw[strlen(mw) - 1] == '\n' ? "" : "\n");
	d->reply = rep.text;
	rep.text = NULL;
	d->trace = trace.data ? buf_detach(&trace) : strdup("");
	d->warnings = warn.data ? buf_detach(&warn) : strdup("");
	if (d->reason == NULL || d->trace == NULL || d->warnings == NULL || trace.oom || warn.oom)
		goto oom;
	*out = d;
	d = NULL;
	rc = 0;
	goto out;
oom:
	rw_fail(err, RW_ENOMEM, "out of memory");
out:
	engine_result_release(&res);
	rx_matcher_free(&mx);
	autoreply_release(&ar);
	reply_release(&rep);
	mail_free(&m);
	buf_release(&trace);
	buf_release(&warn);
	decision_free(&d);
	return rc;
}
