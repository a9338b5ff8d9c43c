/* engine.c: run a ruleset over one reply: prefilter, match, negation scope, scores
 * (SPEC §4 "Rules").
 *
 * Prefilter: a rule may list trigger literals; it is tried only when one of them occurs in the
 * (lower-cased) text of a scope it matches. On reply-sized text that skips most rules, and
 * 'rules check' proves on every example that the triggers hide no match.
 *
 * Negation, by design and not per rule (NegEx, Chapman et al. 2001): a match is negated when a
 * negation trigger (negation-pre) ends at most negation-window words before it, in the same
 * clause (no . ! ? ; or paragraph break, no scope-ending word such as "but" between), and that
 * trigger is not a pseudo-negation ("no problem", "not sure"). A match that itself begins with
 * a trigger ("not interested", "no thanks", "don't close it") carries its own negation and is
 * never negated again. A negated match is dropped unless the rule says otherwise (if-negated):
 * so "not interested" can never count for a rule about "interested". */
#include "engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void engine_fold(char *s)
{
	unsigned char *p = (unsigned char *)s;
	for (; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (unsigned char)(*p + 32);
		else if (p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e && p[1] != 0x97)
			p[1] = (unsigned char)(p[1] + 0x20); /* À..Þ -> à..þ, same length */
	}
}

static char *fold_dup(const char *s)
{
	char *c = strdup(s ? s : "");
	if (c)
		engine_fold(c);
	return c;
}

void engine_result_release(struct engine_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nhits; i++) {
		free(r->hits[i].match);
		free(r->hits[i].when);
		free(r->hits[i].referral);
	}
	free(r->hits);
	buf_release(&r->warnings);
	memset(r, 0, sizeof *r);
}

static char *span_dup(const char *text, size_t start, size_t end)
{
	if (start == RX_UNSET || end < start)
		return NULL;
	return strndup(text + start, end - start);
}

static struct engine_hit *hit_push(struct engine_result *r)
{
	if (r->nhits == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		struct engine_hit *v = realloc(r->hits, cap * sizeof *v);
		if (v == NULL)
			return NULL;
		r->hits = v;
		r->cap = cap;
	}
	struct engine_hit *h = &r->hits[r->nhits++];
	memset(h, 0, sizeof *h);
	return h;
}

/* Where the clause holding text[pos] starts: after the last . ! ? ; or paragraph break, or a
 * line break ending a short line (a list or a one-line answer; a long line is wrapped prose). */
static size_t clause_start(const char *text, size_t pos)
{
	size_t i = pos;
	while (i > 0) {
		char c = text[i - 1];
		if (c == '.' || c == '!' || c == '?' || c == ';')
			return i;
		/* A dash between spaces (an em dash, normalised) ends a clause too. */
		if (c == ' ' && i >= 3 && text[i - 2] == '-' && text[i - 3] == ' ')
			return i;
		if (c == '\n') {
			size_t ls = i - 1;
			while (ls > 0 && text[ls - 1] != '\n')
				ls--;
			if (i - 1 - ls < 60 || ls == i - 1)
				return i;
		}
		i--;
	}
	return 0;
}

static int count_words(const char *s, size_t from, size_t to)
{
	int n = 0;
	bool in = false;
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)s[i];
		bool w = isalnum(c) || c >= 0x80 || c == '\'';
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

int engine_negated(const struct ruleset *rs, struct rx_matcher *m, const char *text,
		   size_t start)
{
	const struct negation *ng = &rs->neg;
	size_t len = strlen(text);
	struct rx_span g[1];
	if (ng->pre == NULL)
		return 0;
	/* A term that opens with its own negation ("not interested") is not negated again. */
	if (rx_exec_at(m, ng->pre, text, len, start, g, 1, NULL) == RX_MATCH)
		return 0;
	size_t cs = clause_start(text, start);
	size_t pos = cs;
	while (pos < start) {
		if (rx_exec(m, ng->pre, text, len, pos, g, 1, NULL) != RX_MATCH)
			return 0;
		size_t ts = g[0].start, te = g[0].end;
		if (ts >= start || te > start)
			return 0;
		pos = te > ts ? te : ts + 1;
		struct rx_span p[1];
		if (ng->pseudo && rx_exec_at(m, ng->pseudo, text, len, ts, p, 1, NULL) == RX_MATCH)
			continue;
		if (count_words(text, te, start) > ng->window)
			continue;
		struct rx_span e[1];
		if (ng->end && rx_exec(m, ng->end, text, start, te, e, 1, NULL) == RX_MATCH)
			continue; /* "not now, but we are interested": the scope ended */
		return 1;
	}
	return 0;
}

/* Mark every rule one of whose triggers occurs in the folded text at the start of a word:
 * one pass, a lookup of each byte pair, a compare only where a trigger starts with that
 * pair. */
static void trig_scan(const struct trig_index *t, const char *text, unsigned char *mark,
		      unsigned char *emark)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text);
	for (size_t k = 0; k < t->nsingle; k++) {
		const struct trig_entry *e = &t->v[t->single[k]];
		if (strchr(text, e->s[0])) {
			emark[t->single[k]] = 1;
			if (!e->lead)
				mark[e->rule] = 1;
		}
	}
	for (size_t i = 0; i + 1 < len; i++) {
		/* Triggers match at the start of a word ("call" not in "recall"), except those
		 * that begin with a symbol ("@"). A pattern's lead word is looked for wherever
		 * PCRE2's \b could see a word start (after any byte that is not ASCII alnum or
		 * _), so the skip stays exact. */
		/* Most byte pairs start no trigger: look that up before the word-start tests. */
		unsigned h = t->head[(p[i] << 8) | p[i + 1]];
		if (h == 0)
			continue;
		bool loose = i == 0 || !(isalnum(p[i - 1]) || p[i - 1] == '_');
		bool strict = loose && !(i > 0 && (p[i - 1] >= 0x80 || p[i - 1] == '\''));
		if (!loose && (isalnum(p[i]) || p[i] >= 0x80))
			continue;
		while (h) {
			const struct trig_entry *e = &t->v[h - 1];
			bool ok = e->lead || strict || !(isalnum(p[i]) || p[i] >= 0x80);
			/* the first two bytes are the pair's */
			if (ok && !emark[h - 1] && e->len <= len - i &&
			    memcmp(text + i + 2, e->s + 2, e->len - 2) == 0) {
				emark[h - 1] = 1;
				if (!e->lead)
					mark[e->rule] = 1;
			}
			h = e->next;
		}
	}
}

struct marks {
	unsigned char *reply, *subject, *body; /* by rule; body: computed on first need */
	unsigned char *ereply, *esubject, *ebody; /* by trigger entry */
	const char *body_text;
	bool body_done;
	const struct trig_index *t;
};

static bool triggered(const struct rule *r, size_t idx, struct marks *mk,
		      const struct engine_input *in)
{
	if (r->ntriggers == 0)
		return true;
	for (size_t k = 0; k < r->npats; k++) {
		const struct rule_pattern *p = &r->pats[k];
		switch (p->scope) {
		case SCOPE_REPLY:
			if (mk->reply[idx])
				return true;
			break;
		case SCOPE_SUBJECT:
			if (mk->subject[idx])
				return true;
			break;
		case SCOPE_BODY:
			if (!mk->body_done) {
				char *f = fold_dup(mk->body_text);
				if (f)
					trig_scan(mk->t, f, mk->body, mk->ebody);
				free(f);
				mk->body_done = true;
			}
			if (mk->body[idx])
				return true;
			break;
		default: {
			/* Headers are short and few: fold and search on demand. */
			char *owned = fold_dup(in->mail ? mail_header(in->mail, p->header) : NULL);
			for (size_t i = 0; owned && i < r->ntriggers; i++)
				if (strstr(owned, r->triggers[i])) {
					free(owned);
					return true;
				}
			free(owned);
			break;
		}
		}
	}
	return false;
}

static const char *scope_text(const struct engine_input *in, const struct rule_pattern *p)
{
	switch (p->scope) {
	case SCOPE_REPLY: return in->reply;
	case SCOPE_SUBJECT: return in->subject;
	case SCOPE_BODY: return in->body ? in->body : in->reply;
	case SCOPE_HEADER: return in->mail ? mail_header(in->mail, p->header) : NULL;
	}
	return NULL;
}

/* May pattern p be skipped: it must start with a lead word and none is in its text? */
static bool pattern_skipped(const struct rule_pattern *p, const struct engine_input *in)
{
	const struct marks *mk = in->marks;
	if (mk == NULL || p->nlead == 0)
		return false;
	const unsigned char *em = p->scope == SCOPE_REPLY     ? mk->ereply
				  : p->scope == SCOPE_SUBJECT ? mk->esubject
				  : p->scope == SCOPE_BODY && mk->body_done ? mk->ebody
								     : NULL;
	if (em == NULL)
		return false;
	for (size_t i = 0; i < p->nlead; i++)
		if (em[p->lead[i]])
			return false;
	return true;
}

/* Try one rule. Adds at most one hit. */
static int run_rule(struct engine_result *out, const struct ruleset *rs, struct rx_matcher *m,
		    const struct engine_input *in, const struct rule *r, struct rx_span *g,
		    size_t ng)
{
	for (size_t k = 0; k < r->nunless; k++) {
		struct rw_err e = {0};
		int rc = rx_exec(m, r->unless[k], in->reply, strlen(in->reply), 0, g, 1, &e);
		if (rc == RX_MATCH)
			return 0;
	}
	bool have_neg = false;
	const struct rule_pattern *neg_pat = NULL;
	size_t neg_s = 0, neg_e = 0;
	const char *neg_text = NULL;
	char *neg_when = NULL, *neg_ref = NULL;
	for (size_t k = 0; k < r->npats; k++) {
		const struct rule_pattern *p = &r->pats[k];
		const char *text = scope_text(in, p);
		if (text == NULL || pattern_skipped(p, in))
			continue;
		size_t len = strlen(text), pos = 0;
		/* Look past negated matches for one that counts, a few times at most. */
		for (int tries = 0; tries < 8 && pos <= len; tries++) {
			struct rw_err e = {0};
			int rc = rx_exec(m, p->re, text, len, pos, g, ng, &e);
			if (rc == RX_NOMATCH)
				break;
			if (rc < 0) {
				struct engine_hit *h = hit_push(out);
				if (h == NULL)
					return -1;
				h->rule = r;
				h->cls = r->cls;
				h->limit = true;
				h->pat = p;
				h->match = strdup("");
				buf_printf(&out->warnings, "rule %s (%s): %s\n", r->name,
					   r->origin, e.msg);
				free(neg_when);
				free(neg_ref);
				return 0;
			}
			bool negated = (p->scope == SCOPE_REPLY || p->scope == SCOPE_BODY) &&
				       (r->cls == RC_YES || r->cls == RC_LATER || r->cls == RC_NO) &&
				       engine_negated(rs, m, text, g[0].start);
			char *when = p->g_when >= 0 && (size_t)p->g_when < ng
					     ? span_dup(text, g[p->g_when].start, g[p->g_when].end)
					     : NULL;
			char *ref = p->g_referral >= 0 && (size_t)p->g_referral < ng
					    ? span_dup(text, g[p->g_referral].start,
						       g[p->g_referral].end)
					    : NULL;
			if (!negated || r->neg == NEG_KEEP) {
				struct engine_hit *h = hit_push(out);
				if (h == NULL) {
					free(when);
					free(ref);
					free(neg_when);
					free(neg_ref);
					return -1;
				}
				h->rule = r;
				h->cls = r->cls;
				h->weight = r->weight;
				h->negated = negated;
				h->pat = p;
				h->start = g[0].start;
				h->end = g[0].end;
				h->match = span_dup(text, g[0].start, g[0].end);
				h->when = when;
				h->referral = ref;
				free(neg_when);
				free(neg_ref);
				return 1;
			}
			if (!have_neg) {
				have_neg = true;
				neg_pat = p;
				neg_s = g[0].start;
				neg_e = g[0].end;
				neg_text = text;
				neg_when = when;
				neg_ref = ref;
			} else {
				free(when);
				free(ref);
			}
			pos = g[0].end > g[0].start ? g[0].end : g[0].start + 1;
		}
	}
	if (!have_neg)
		return 0;
	/* Every match was negated: reported, and scored only where the rule says so. */
	struct engine_hit *h = hit_push(out);
	if (h == NULL) {
		free(neg_when);
		free(neg_ref);
		return -1;
	}
	h->rule = r;
	h->negated = true;
	h->pat = neg_pat;
	h->start = neg_s;
	h->end = neg_e;
	h->match = span_dup(neg_text, neg_s, neg_e);
	free(neg_ref);
	if (r->neg == NEG_REDIRECT) {
		h->cls = r->neg_cls;
		h->weight = r->neg_weight;
		free(neg_when);
	} else {
		h->cls = r->cls;
		h->weight = 0;
		free(neg_when);
	}
	return 1;
}

int engine_run(struct engine_result *out, const struct ruleset *rs, struct rx_matcher *m,
	       const struct engine_input *in, struct rw_err *err)
{
	int rc = -1;
	memset(out, 0, sizeof *out);
	struct engine_input local = *in;
	if (local.reply == NULL)
		local.reply = "";
	char *freply = fold_dup(local.reply);
	char *fsubj = fold_dup(local.subject);
	size_t ng = rs->max_groups < 1 ? 1 : rs->max_groups;
	struct rx_span *g = calloc(ng, sizeof *g);
	struct marks mk = {0};
	mk.t = &rs->trig;
	mk.body_text = local.body ? local.body : local.reply;
	mk.reply = calloc(3 * (rs->nrules + 1) + 3 * (rs->trig.n + 1), 1);
	if (freply == NULL || fsubj == NULL || g == NULL || mk.reply == NULL) {
		rw_fail(err, RW_ENOMEM, "out of memory");
		goto out;
	}
	mk.subject = mk.reply + rs->nrules + 1;
	mk.body = mk.subject + rs->nrules + 1;
	mk.ereply = mk.body + rs->nrules + 1;
	mk.esubject = mk.ereply + rs->trig.n + 1;
	mk.ebody = mk.esubject + rs->trig.n + 1;
	if (!local.no_prefilter && rs->trig.head) {
		trig_scan(&rs->trig, freply, mk.reply, mk.ereply);
		trig_scan(&rs->trig, fsubj, mk.subject, mk.esubject);
		local.marks = &mk;
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rule *r = rs->rules[i];
		bool outbound = r->cls == RC_BREAKUP || r->cls == RC_PENDING;
		if (local.only && r != local.only)
			continue;
		if (outbound != local.outbound)
			continue;
		if (r->kind != RW_KIND_UNKNOWN && r->kind != local.kind)
			continue;
		if (!local.no_prefilter && rs->trig.head && !triggered(r, i, &mk, &local))
			continue;
		out->rules_tried++;
		if (run_rule(out, rs, m, &local, r, g, ng) < 0) {
			rw_fail(err, RW_ENOMEM, "out of memory");
			goto out;
		}
	}
	for (size_t i = 0; i < out->nhits; i++) {
		const struct engine_hit *h = &out->hits[i];
		if (h->limit || h->weight == 0)
			continue;
		if (h->cls <= RC_AUTO)
			out->scores[h->cls] += h->weight;
		else if (h->cls == RC_BREAKUP)
			out->kind_scores[0] += h->weight;
		else if (h->cls == RC_PENDING)
			out->kind_scores[1] += h->weight;
	}
	rc = 0;
out:
	free(freply);
	free(fsubj);
	free(mk.reply);
	free(g);
	if (rc < 0)
		engine_result_release(out);
	return rc;
}

enum rw_class engine_decide(const struct ruleset *rs, const double scores[RW_NCLASS])
{
	static const enum rw_class order[] = {RW_YES, RW_LATER, RW_NO, RW_AUTO};
	enum rw_class best = RW_REVIEW;
	double b = 0, second = 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		double s = scores[order[i]];
		if (best == RW_REVIEW || s > b) {
			if (best != RW_REVIEW)
				second = b > second ? b : second;
			best = order[i];
			b = s;
		} else if (s > second) {
			second = s;
		}
	}
	if (second < 0)
		second = 0;
	if (b < rs->threshold || b - second < rs->margin)
		return RW_REVIEW;
	return best;
}

const struct engine_hit *engine_top_hit(const struct engine_result *r, enum rw_class c)
{
	const struct engine_hit *top = NULL;
	for (size_t i = 0; i < r->nhits; i++) {
		const struct engine_hit *h = &r->hits[i];
		if (h->limit || (int)h->cls != (int)c || h->weight <= 0)
			continue;
		if (top == NULL || h->weight > top->weight)
			top = h;
	}
	return top;
}
