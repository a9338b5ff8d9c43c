/* rules.c: the rule-file loader and linter (SPEC §4 "Rules", §5 "rules check"). The format is
 * documented in rules/FORMAT.md: line-oriented, one "key value" per line, a rule from
 * "rule NAME" to the next rule or top-level directive, full-line # comments. Files load in
 * sorted name order, shipped directory first, user directory layered over it. */
#include "rules.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "engine.h"
#include "rules_int.h"

/* Used when no loaded file says otherwise, so a rule set always has negation by design
 * (rules/00-settings.rules ships the same lists, to be tuned there). */
static const char default_neg_pre[] =
	"\\b(?:not|never|no\\s+longer|no(?!\\s*[,.!;:?-])|none|neither|nor|without|hardly|"
	"cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|wouldn't|"
	"shouldn't|couldn't|haven't|hasn't)\\b|n't\\b";
static const char default_neg_pseudo[] =
	"\\bno\\s+(?:problem|problems|worries|worry|rush|pressure|doubt|hurry)\\b|"
	"\\b(?:no|nein|non|nee),?\\s+(?:thanks|thank\\s+you|thx|gracias|merci|danke|dank\\s+je)\\b|"
	"\\bnot\\s+(?:sure|only|just|a\\s+problem|an\\s+issue|bad)\\b|"
	"\\bno\\s+longer\\s+(?:with|at|works?|working|employed)\\b|"
	"\\b(?:don't|do\\s+not)\\s+(?:hesitate|mind)\\b|\\bcan't\\s+wait\\b";
static const char default_contact_cue[] =
	"\\b(?:call|ring|phone|talk|speak|chat|meet|meeting|demo|reach|reconnect|connect|"
	"touch\\s+base|try|ping|follow|circle|check\\s+back|revisit|contact|email|e-mail|"
	"get\\s+back|come\\s+back|pick\\s+(?:it|this)\\s+up|resume|schedule|book|"
	"rappeler|contacter|melden|anrufen|llamar|contactar|bellen)";
static const char default_neg_end[] =
	"\\b(?:but|however|although|though|except|unless|that\\s+said|still|yet|until|"
	"instead|rather|so)\\b";

/* ---- diagnostics ---- */

void rules_diags_release(struct rules_diags *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

void rules_diag_format(const struct rules_diag *d, char *out, size_t n)
{
	const char *sev = d->severity == RULES_ERROR ? "error" : "warning";
	if (d->line > 0 && d->col > 0)
		snprintf(out, n, "%s:%d:%d: %s: %s", d->file, d->line, d->col, sev, d->msg);
	else if (d->line > 0)
		snprintf(out, n, "%s:%d: %s: %s", d->file, d->line, sev, d->msg);
	else
		snprintf(out, n, "%s: %s: %s", d->file, sev, d->msg);
}

/* The loader's state: where diagnostics go, and the first error for err. */
struct loader {
	struct ruleset *rs;
	struct rules_diags *diags; /* the caller's, or own */
	struct rules_diags own;
	struct rw_err *err;
	bool failed;
	/* Top-level negation lines, joined per list. */
	struct buf neg[4]; /* pre, pseudo, end, contact-cue */
	bool neg_given[4];
	struct {
		char *name, *file;
		int line;
	} *disables;
	size_t ndisables;
	int dir_index;
};

static void diag_add(struct loader *L, enum rules_severity sev, const char *file, int line,
		     int col, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void diags_push(struct rules_diags *d, enum rules_severity sev, const char *file,
		       int line, int col, const char *msg)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct rules_diag *v = realloc(d->v, cap * sizeof *v);
		if (v == NULL)
			return;
		d->v = v;
		d->cap = cap;
	}
	struct rules_diag *x = &d->v[d->n++];
	x->severity = sev;
	x->file = strdup(file ? file : "<rules>");
	x->line = line;
	x->col = col;
	x->msg = strdup(msg);
	if (sev == RULES_ERROR)
		d->nerrors++;
}

static void diag_add(struct loader *L, enum rules_severity sev, const char *file, int line,
		     int col, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diags_push(L->diags, sev, file, line, col, msg);
	if (sev == RULES_ERROR && !L->failed) {
		L->failed = true;
		struct rules_diag tmp = {sev, (char *)(file ? file : "<rules>"), line, col, msg};
		char full[1024];
		rules_diag_format(&tmp, full, sizeof full);
		rw_fail(L->err, RW_ESYNTAX, "%s", full);
	}
}

/* ---- small helpers ---- */

const char *rule_class_name(enum rule_class c)
{
	switch (c) {
	case RC_YES: return "yes";
	case RC_LATER: return "later";
	case RC_NO: return "no";
	case RC_AUTO: return "auto";
	case RC_BREAKUP: return "breakup";
	case RC_PENDING: return "pending";
	}
	return "?";
}

static int rule_class_parse(const char *s, enum rule_class *out)
{
	static const struct {
		const char *name;
		enum rule_class c;
	} t[] = {{"yes", RC_YES}, {"later", RC_LATER}, {"no", RC_NO}, {"auto", RC_AUTO},
		 {"breakup", RC_BREAKUP}, {"pending", RC_PENDING}};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(s, t[i].name) == 0) {
			*out = t[i].c;
			return 0;
		}
	return -1;
}

const char *rule_reason(const struct rule *r, char *out, size_t n)
{
	if (r->reason)
		return r->reason;
	snprintf(out, n, "%s/%s", rule_class_name(r->cls), r->name);
	return out;
}

/* Columns are counted in characters, so an editor's cursor lands on them. */
static int utf8_col(const char *line, size_t byte_off)
{
	int col = 1;
	/* The key was cut off with a NUL in place: count it as the space it was. */
	for (size_t i = 0; i < byte_off; i++)
		if (((unsigned char)line[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static void rule_free(struct rule **rp)
{
	struct rule *r = *rp;
	if (r == NULL)
		return;
	free(r->name);
	free(r->reason);
	free(r->describe);
	for (size_t i = 0; i < r->npats; i++) {
		rx_free(&r->pats[i].re);
		free(r->pats[i].header);
		free(r->pats[i].lead);
		for (size_t k = 0; k < r->pats[i].nlead; k++)
			free(r->pats[i].lead_words[k]);
		free(r->pats[i].lead_words);
	}
	free(r->pats);
	for (size_t i = 0; i < r->nunless; i++)
		rx_free(&r->unless[i]);
	free(r->unless);
	for (size_t i = 0; i < r->ntriggers; i++)
		free(r->triggers[i]);
	free(r->triggers);
	for (size_t i = 0; i < r->nex; i++)
		free(r->ex[i].text);
	free(r->ex);
	free(r->file);
	free(r);
	*rp = NULL;
}

static void *grow(void *v, size_t n, size_t size)
{
	/* Grow by doubling at powers of two; n is the count before the push. */
	if (n == 0 || (n & (n - 1)) == 0) {
		size_t cap = n ? n * 2 : 4;
		return realloc(v, cap * size);
	}
	return v;
}

static const struct rule *ruleset_find(const struct ruleset *rs, const char *name, size_t *idx)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i]->name, name) == 0) {
			if (idx)
				*idx = i;
			return rs->rules[i];
		}
	return NULL;
}

/* ---- parsing one file ---- */

static bool valid_name(const char *s)
{
	if (!*s || strlen(s) > 64)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.' && *s != '/')
			return false;
	return true;
}

/* Example text: \n and \t escapes, so a multi-line reply fits on one line. */
static char *unescape(const char *s)
{
	struct buf b = BUF_INIT;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			buf_putc(&b, '\n');
			s++;
		} else if (s[0] == '\\' && s[1] == 't') {
			buf_putc(&b, '\t');
			s++;
		} else {
			buf_putc(&b, *s);
		}
	}
	if (b.data == NULL)
		return strdup("");
	return buf_detach(&b);
}

struct names_ctx {
	struct rule_pattern *p;
	struct loader *L;
	const char *file;
	int line;
};

static void note_name(const char *name, int number, void *vctx)
{
	struct names_ctx *c = vctx;
	if (strcmp(name, "when") == 0)
		c->p->g_when = number;
	else if (strcmp(name, "referral") == 0)
		c->p->g_referral = number;
}

static struct rx *compile_at(struct loader *L, const char *file, int lineno, const char *line,
			     const char *pat)
{
	struct rx *re = NULL;
	struct rw_err e = {0};
	size_t off = 0;
	if (rx_compile(&re, pat, 0, &off, &e) < 0) {
		size_t base = (size_t)(pat - line);
		diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, base + off), "%s", e.msg);
		return NULL;
	}
	if (rx_matches_empty(re)) {
		diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, (size_t)(pat - line)),
			 "pattern matches the empty string: it would fire on every message");
		rx_free(&re);
		return NULL;
	}
	return re;
}

static const char *const rule_keys[] = {"class", "weight", "reason", "kind", "flags",
	"describe", "trigger", "reply", "subject", "body", "header:NAME", "unless", "example",
	"counter", "if-negated", "soon", NULL};
static const char *const top_keys[] = {"rule", "disable", "threshold", "margin",
	"outbound-threshold", "negation-pre", "negation-pseudo", "negation-end",
	"negation-window", "contact-cue", "yes-horizon", NULL};

static bool is_top_key(const char *k)
{
	for (size_t i = 0; top_keys[i]; i++)
		if (strcmp(k, top_keys[i]) == 0)
			return true;
	return false;
}

static int parse_number(const char *s, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || *end != '\0' || errno || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* A finished rule: check what only the whole rule can tell, then add it. */
static void rule_finish(struct loader *L, struct rule *r)
{
	struct ruleset *rs = L->rs;
	bool ok = true;
	if ((int)r->cls < 0) {
		diag_add(L, RULES_ERROR, r->file, r->line, 0, "rule %s has no class", r->name);
		ok = false;
	}
	if (r->npats == 0)
		ok = false;
	if (r->npats == 0 && r->bad_patterns == 0) {
		diag_add(L, RULES_ERROR, r->file, r->line, 0,
			 "rule %s has no pattern (reply, subject, body or header:NAME)", r->name);
		ok = false;
	}
	if (ok && (r->cls == RC_BREAKUP || r->cls == RC_PENDING) && r->kind != RW_KIND_UNKNOWN) {
		diag_add(L, RULES_ERROR, r->file, r->line, 0,
			 "rule %s: 'kind' restricts inbound rules; an outbound rule names its kind "
			 "as its class", r->name);
		ok = false;
	}
	if (!ok) {
		rule_free(&r);
		return;
	}
	size_t idx;
	const struct rule *old = ruleset_find(rs, r->name, &idx);
	if (old && old->dir_index == r->dir_index) {
		diag_add(L, RULES_ERROR, r->file, r->line, 0,
			 "duplicate rule name '%s' (first defined at %s)", r->name, old->origin);
		rule_free(&r);
		return;
	}
	if (old) {
		/* A user definition replaces the shipped one, in place. */
		rule_free(&rs->rules[idx]);
		rs->rules[idx] = r;
		return;
	}
	struct rule **v = grow(rs->rules, rs->nrules, sizeof *v);
	if (v == NULL) {
		rule_free(&r);
		return;
	}
	rs->rules = v;
	rs->rules[rs->nrules++] = r;
}

static void parse_rule_key(struct loader *L, struct rule *r, const char *file, int lineno,
			   const char *line, const char *key, const char *val)
{
	size_t valoff = (size_t)(val - line);
	if (strcmp(key, "class") == 0) {
		if (rule_class_parse(val, &r->cls) < 0)
			diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, valoff),
				 "unknown class '%s' (yes, later, no, auto, breakup, pending)", val);
	} else if (strcmp(key, "weight") == 0) {
		if (parse_number(val, &r->weight) < 0)
			diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, valoff),
				 "weight '%s' is not a number", val);
	} else if (strcmp(key, "reason") == 0) {
		free(r->reason);
		r->reason = strdup(val);
		if (strchr(val, '/') == NULL)
			diag_add(L, RULES_WARNING, file, lineno, utf8_col(line, valoff),
				 "reason '%s' is not of the form class/family (no/other-vendor)", val);
	} else if (strcmp(key, "describe") == 0) {
		free(r->describe);
		r->describe = strdup(val);
	} else if (strcmp(key, "kind") == 0) {
		if (strcmp(val, "breakup") == 0)
			r->kind = RW_KIND_BREAKUP;
		else if (strcmp(val, "pending") == 0)
			r->kind = RW_KIND_PENDING;
		else if (strcmp(val, "any") == 0)
			r->kind = RW_KIND_UNKNOWN;
		else
			diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, valoff),
				 "unknown kind '%s' (breakup, pending, any)", val);
	} else if (strcmp(key, "flags") == 0) {
		char *copy = strdup(val), *save = NULL;
		for (char *t = copy ? strtok_r(copy, " ,", &save) : NULL; t;
		     t = strtok_r(NULL, " ,", &save)) {
			if (strcmp(t, "do-not-contact") == 0)
				r->flags |= RF_DO_NOT_CONTACT;
			else if (strcmp(t, "referral") == 0)
				r->flags |= RF_REFERRAL;
			else if (strcmp(t, "left-company") == 0)
				r->flags |= RF_LEFT_COMPANY;
			else if (strcmp(t, "bounce") == 0)
				r->flags |= RF_BOUNCE;
			else if (strcmp(t, "out-of-office") == 0)
				r->flags |= RF_OOO;
			else
				diag_add(L, RULES_ERROR, file, lineno,
					 utf8_col(line, (size_t)(val - line) + (size_t)(t - copy)),
					 "unknown flag '%s' (do-not-contact, referral, left-company, "
					 "bounce, out-of-office)", t);
		}
		free(copy);
	} else if (strcmp(key, "trigger") == 0) {
		char *copy = strdup(val), *save = NULL;
		for (char *t = copy ? strtok_r(copy, " ", &save) : NULL; t;
		     t = strtok_r(NULL, " ", &save)) {
			char **v = grow(r->triggers, r->ntriggers, sizeof *v);
			if (v == NULL)
				break;
			r->triggers = v;
			/* "_" stands for a space, so a trigger can be two words: no_longer */
			char *w = strdup(t);
			for (char *p = w; p && *p; p++)
				if (*p == '_')
					*p = ' ';
			if (w)
				engine_fold(w);
			r->triggers[r->ntriggers++] = w;
		}
		free(copy);
	} else if (strcmp(key, "reply") == 0 || strcmp(key, "subject") == 0 ||
		   strcmp(key, "body") == 0 || strncmp(key, "header:", 7) == 0) {
		struct rx *re = compile_at(L, file, lineno, line, val);
		if (re == NULL) {
			r->bad_patterns++;
			return;
		}
		struct rule_pattern *v = grow(r->pats, r->npats, sizeof *v);
		if (v == NULL) {
			rx_free(&re);
			return;
		}
		r->pats = v;
		struct rule_pattern *p = &r->pats[r->npats++];
		memset(p, 0, sizeof *p);
		p->re = re;
		p->line = lineno;
		p->col = utf8_col(line, valoff);
		p->g_when = p->g_referral = -1;
		if (key[0] == 'r')
			p->scope = SCOPE_REPLY;
		else if (key[0] == 's')
			p->scope = SCOPE_SUBJECT;
		else if (key[0] == 'b')
			p->scope = SCOPE_BODY;
		else {
			p->scope = SCOPE_HEADER;
			p->header = strdup(key + 7);
			if (key[7] == '\0')
				diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, 0),
					 "header: needs a header name (header:X-Autoreply)");
		}
		struct names_ctx nc = {p, L, file, lineno};
		rx_each_name(re, note_name, &nc);
		if (rx_groups(re) + 1 > L->rs->max_groups)
			L->rs->max_groups = rx_groups(re) + 1;
	} else if (strcmp(key, "unless") == 0) {
		struct rx *re = compile_at(L, file, lineno, line, val);
		if (re == NULL)
			return;
		struct rx **v = grow(r->unless, r->nunless, sizeof *v);
		if (v == NULL) {
			rx_free(&re);
			return;
		}
		r->unless = v;
		r->unless[r->nunless++] = re;
	} else if (strcmp(key, "example") == 0 || strcmp(key, "counter") == 0) {
		struct rule_example *v = grow(r->ex, r->nex, sizeof *v);
		if (v == NULL)
			return;
		r->ex = v;
		r->ex[r->nex].text = unescape(val);
		r->ex[r->nex].line = lineno;
		r->ex[r->nex].counter = key[0] == 'c';
		r->nex++;
	} else if (strcmp(key, "soon") == 0) {
		if (strcmp(val, "yes") == 0)
			r->soon_yes = true;
		else
			diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, valoff),
				 "soon wants 'yes', not '%s'", val);
	} else if (strcmp(key, "if-negated") == 0) {
		char cls[32] = "";
		double w = 0;
		if (strcmp(val, "drop") == 0) {
			r->neg = NEG_DROP;
		} else if (strcmp(val, "keep") == 0) {
			r->neg = NEG_KEEP;
		} else if (sscanf(val, "%31s %lf", cls, &w) == 2 &&
			   rule_class_parse(cls, &r->neg_cls) == 0 && r->neg_cls <= RC_AUTO) {
			r->neg = NEG_REDIRECT;
			r->neg_weight = w;
		} else {
			diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, valoff),
				 "if-negated wants 'drop', 'keep' or 'CLASS WEIGHT' (no 2), not '%s'",
				 val);
		}
	} else {
		struct buf keys = BUF_INIT;
		for (size_t i = 0; rule_keys[i]; i++)
			buf_printf(&keys, "%s%s", i ? ", " : "", rule_keys[i]);
		diag_add(L, RULES_ERROR, file, lineno, 1, "unknown key '%s' in rule %s (keys: %s)",
			 key, r->name, buf_str(&keys));
		buf_release(&keys);
	}
}

static void parse_top_key(struct loader *L, const char *file, int lineno, const char *line,
			  const char *key, const char *val)
{
	struct ruleset *rs = L->rs;
	size_t valoff = (size_t)(val - line);
	double v;
	if (strcmp(key, "threshold") == 0 || strcmp(key, "margin") == 0 ||
	    strcmp(key, "outbound-threshold") == 0 || strcmp(key, "negation-window") == 0 ||
	    strcmp(key, "yes-horizon") == 0) {
		if (parse_number(val, &v) < 0 || v < 0) {
			diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, valoff),
				 "%s wants a number >= 0, not '%s'", key, val);
			return;
		}
		if (key[0] == 't')
			rs->threshold = v;
		else if (key[0] == 'm')
			rs->margin = v;
		else if (key[0] == 'o')
			rs->outbound_threshold = v;
		else if (key[0] == 'y')
			rs->yes_horizon = (int)v;
		else
			rs->neg.window = (int)v;
	} else if (strncmp(key, "negation-", 9) == 0 || strcmp(key, "contact-cue") == 0) {
		int which = strcmp(key, "negation-pre") == 0      ? 0
			    : strcmp(key, "negation-pseudo") == 0 ? 1
			    : strcmp(key, "negation-end") == 0    ? 2
			    : strcmp(key, "contact-cue") == 0     ? 3
								  : -1;
		if (which < 0) {
			diag_add(L, RULES_ERROR, file, lineno, 1,
				 "unknown directive '%s' (negation-pre, negation-pseudo, "
				 "negation-end, negation-window)", key);
			return;
		}
		struct rx *re = compile_at(L, file, lineno, line, val);
		if (re == NULL)
			return;
		rx_free(&re);
		/* The first list given in the loaded files replaces the built-in one; more lines
		 * (in any file) add alternatives. */
		if (!L->neg_given[which]) {
			buf_reset(&L->neg[which]);
			L->neg_given[which] = true;
		} else {
			buf_putc(&L->neg[which], '|');
		}
		buf_printf(&L->neg[which], "(?:%s)", val);
	}
}

static int parse_text(struct loader *L, const char *file, const char *text)
{
	struct rule *cur = NULL;
	int lineno = 0;
	const char *p = text;
	char *line = NULL;
	size_t linecap = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		if (len + 1 > linecap) {
			char *n = realloc(line, len + 1);
			if (n == NULL)
				break;
			line = n;
			linecap = len + 1;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p = nl ? nl + 1 : p + len;
		while (len > 0 && isspace((unsigned char)line[len - 1]))
			line[--len] = '\0';
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			continue;
		char *key = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (*s) {
			*s++ = '\0';
			while (*s == ' ' || *s == '\t')
				s++;
		}
		const char *val = s;
		if (*val == '\0') {
			diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, (size_t)(key - line)),
				 "'%s' needs a value", key);
			continue;
		}
		if (strcmp(key, "rule") == 0 || is_top_key(key)) {
			if (cur) {
				rule_finish(L, cur);
				cur = NULL;
			}
		}
		if (strcmp(key, "rule") == 0) {
			if (!valid_name(val)) {
				diag_add(L, RULES_ERROR, file, lineno, utf8_col(line, (size_t)(val - line)),
					 "bad rule name '%s' (letters, digits, - _ . /; at most 64)",
					 val);
				/* Keep parsing its keys into a throwaway rule, so one typo gives
				 * one message. */
			}
			cur = calloc(1, sizeof *cur);
			if (cur == NULL)
				break;
			cur->name = strdup(val);
			cur->cls = (enum rule_class)-1;
			cur->weight = 1.0;
			cur->file = strdup(file);
			cur->line = lineno;
			cur->dir_index = L->dir_index;
			snprintf(cur->origin, sizeof cur->origin, "%s:%d", file, lineno);
		} else if (strcmp(key, "disable") == 0) {
			void *v = grow(L->disables, L->ndisables, sizeof *L->disables);
			if (v == NULL)
				break;
			L->disables = v;
			L->disables[L->ndisables].name = strdup(val);
			L->disables[L->ndisables].file = strdup(file);
			L->disables[L->ndisables].line = lineno;
			L->ndisables++;
		} else if (is_top_key(key)) {
			parse_top_key(L, file, lineno, line, key, val);
		} else if (cur) {
			parse_rule_key(L, cur, file, lineno, line, key, val);
		} else if (strncmp(key, "negation", 8) == 0) {
			parse_top_key(L, file, lineno, line, key, val);
		} else {
			diag_add(L, RULES_ERROR, file, lineno, 1,
				 "'%s' outside a rule (start one with 'rule NAME'; top-level "
				 "directives: rule, disable, threshold, margin, outbound-threshold, "
				 "yes-horizon, contact-cue, negation-pre, negation-pseudo, "
				 "negation-end, negation-window)",
				 key);
		}
	}
	if (cur)
		rule_finish(L, cur);
	free(line);
	return 0;
}

/* ---- files and directories ---- */

static void hash_bytes(unsigned long long *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		*h ^= p[i];
		*h *= 1099511628211ULL; /* FNV-1a 64 */
	}
}

static int read_file(char **out, size_t *len, const char *path, struct rw_err *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char tmp[8192];
	size_t n;
	*out = NULL;
	if (f == NULL)
		return rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_append(&b, tmp, n);
	int bad = ferror(f);
	fclose(f);
	if (bad || b.oom) {
		buf_release(&b);
		return rw_fail(err, RW_EIO, "%s: read error", path);
	}
	*len = b.len;
	*out = b.data ? buf_detach(&b) : strdup("");
	return *out ? 0 : rw_fail(err, RW_ENOMEM, "out of memory");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct loader *L, const char *dir)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0;
	int rc = 0;
	if (d == NULL) {
		diag_add(L, RULES_ERROR, dir, 0, 0, "cannot open rules directory: %s",
			 strerror(errno));
		return -1;
	}
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 7 || strcmp(e->d_name + len - 6, ".rules") != 0)
			continue;
		char **v = grow(names, n, sizeof *v);
		if (v == NULL)
			break;
		names = v;
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	/* Sorted by name in the C locale, so 00-settings.rules loads before 10-no.rules on
	 * every machine. */
	qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX];
		char *text = NULL;
		size_t len = 0;
		struct rw_err e = {0};
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (read_file(&text, &len, path, &e) < 0) {
			diag_add(L, RULES_ERROR, path, 0, 0, "%s", e.msg);
			rc = -1;
		} else {
			hash_bytes(&L->rs->hash, names[i], strlen(names[i]) + 1);
			hash_bytes(&L->rs->hash, text, len + 1);
			parse_text(L, path, text);
		}
		free(text);
		free(names[i]);
	}
	free(names);
	return rc;
}

static int loader_begin(struct loader *L, struct ruleset **out, struct rules_diags *diags,
			struct rw_err *err)
{
	memset(L, 0, sizeof *L);
	*out = NULL;
	L->err = err;
	L->diags = diags ? diags : &L->own;
	L->rs = calloc(1, sizeof *L->rs);
	if (L->rs == NULL)
		return rw_fail(err, RW_ENOMEM, "out of memory");
	L->rs->threshold = 1.0;
	L->rs->margin = 0.5;
	L->rs->outbound_threshold = 1.0;
	L->rs->neg.window = 5;
	L->rs->hash = 14695981039346656037ULL;
	L->rs->max_groups = 1;
	buf_puts(&L->neg[0], default_neg_pre);
	buf_puts(&L->neg[1], default_neg_pseudo);
	buf_puts(&L->neg[2], default_neg_end);
	buf_puts(&L->neg[3], default_contact_cue);
	L->rs->yes_horizon = 21;
	return 0;
}

/* p at a '[': the ']' that ends the class, or NULL when it never ends. */
static const char *skip_class(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '\\' && p[1])
			p++;
		p++;
	}
	return *p ? p : NULL;
}

/* The words a pattern must start with, when it has the form \b(?:w1...|w2...|...) followed
 * by anything that is not a quantifier and no other top-level branch, and every branch opens
 * with a plain ASCII word (letters and apostrophes) ended by \s, a space or the group's end.
 * Anything else gives none: the pattern is then tried whenever its rule is. Sound because a
 * match starts at a word boundary with one of the words, which the prefilter sees. */
static size_t lead_words(const char *src, char ***out)
{
	*out = NULL;
	if (strncmp(src, "\\b(?:", 5) != 0)
		return 0;
	const char *p = src + 5;
	char **words = NULL;
	size_t n = 0;
	int depth = 0;
	bool at_branch = true;
	for (; *p; p++) {
		if (at_branch) {
			const char *w = p;
			while (isalpha((unsigned char)*p) || *p == '\'')
				p++;
			bool ends = *p == '|' || *p == ')' || *p == ' ' ||
				    (p[0] == '\\' && p[1] == 's');
			if (p == w || !ends)
				goto none;
			char **v = realloc(words, (n + 1) * sizeof *v);
			if (v == NULL)
				goto none;
			words = v;
			words[n] = strndup(w, (size_t)(p - w));
			if (words[n] == NULL)
				goto none;
			engine_fold(words[n++]);
			at_branch = false;
			p--;
			continue;
		}
		if (*p == '\\') {
			if (p[1] == '\0')
				goto none;
			p++;
		} else if (*p == '[') {
			if ((p = skip_class(p)) == NULL)
				goto none;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (depth == 0)
				break;
			depth--;
		} else if (*p == '|' && depth == 0) {
			at_branch = true;
		}
	}
	if (*p != ')')
		goto none;
	p++;
	if (*p == '?' || *p == '*' || *p == '{')
		goto none;
	/* no other top-level branch after the group */
	for (depth = 0; *p; p++) {
		if (*p == '\\') {
			if (p[1] == '\0')
				break;
			p++;
		} else if (*p == '[') {
			if ((p = skip_class(p)) == NULL)
				break;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			depth--;
		} else if (*p == '|' && depth <= 0) {
			goto none;
		}
	}
	*out = words;
	return n;
none:
	for (size_t i = 0; i < n; i++)
		free(words[i]);
	free(words);
	return 0;
}

static int trig_build(struct ruleset *rs)
{
	struct trig_index *t = &rs->trig;
	size_t total = 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		struct rule *r = rs->rules[i];
		total += r->ntriggers;
		for (size_t k = 0; k < r->npats; k++) {
			struct rule_pattern *p = &r->pats[k];
			if (p->scope == SCOPE_HEADER)
				continue;
			p->nlead = lead_words(rx_pattern(p->re), &p->lead_words);
			total += p->nlead;
		}
	}
	t->head = calloc(65536, sizeof *t->head);
	t->v = calloc(total ? total : 1, sizeof *t->v);
	t->single = calloc(total ? total : 1, sizeof *t->single);
	if (t->head == NULL || t->v == NULL || t->single == NULL)
		return -1;
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rule *r = rs->rules[i];
		for (size_t k = 0; k < r->ntriggers; k++) {
			const char *w = r->triggers[k];
			size_t len = w ? strlen(w) : 0;
			if (len == 0)
				continue;
			struct trig_entry *e = &t->v[t->n];
			e->s = w;
			e->len = len;
			e->rule = (unsigned)i;
			if (len == 1) {
				t->single[t->nsingle++] = (unsigned)t->n;
			} else {
				unsigned key = ((unsigned char)w[0] << 8) | (unsigned char)w[1];
				e->next = t->head[key];
				t->head[key] = (unsigned)t->n + 1;
			}
			t->n++;
		}
		for (size_t k = 0; k < r->npats; k++) {
			struct rule_pattern *p = &r->pats[k];
			if (p->nlead == 0)
				continue;
			p->lead = calloc(p->nlead, sizeof *p->lead);
			if (p->lead == NULL)
				return -1;
			for (size_t w = 0; w < p->nlead; w++) {
				const char *s = p->lead_words[w];
				size_t len = strlen(s);
				struct trig_entry *e = &t->v[t->n];
				e->s = s;
				e->len = len;
				e->rule = (unsigned)i;
				e->lead = true;
				p->lead[w] = (unsigned)t->n;
				if (len == 1) {
					t->single[t->nsingle++] = (unsigned)t->n;
				} else {
					unsigned key = ((unsigned char)s[0] << 8) | (unsigned char)s[1];
					e->next = t->head[key];
					t->head[key] = (unsigned)t->n + 1;
				}
				t->n++;
			}
		}
	}
	return 0;
}

static int loader_end(struct loader *L, struct ruleset **out)
{
	struct ruleset *rs = L->rs;
	/* Disables apply to the final set, whatever the file order. */
	for (size_t i = 0; i < L->ndisables; i++) {
		size_t idx;
		if (ruleset_find(rs, L->disables[i].name, &idx)) {
			rule_free(&rs->rules[idx]);
			memmove(&rs->rules[idx], &rs->rules[idx + 1],
				(rs->nrules - idx - 1) * sizeof *rs->rules);
			rs->nrules--;
		} else {
			diag_add(L, RULES_WARNING, L->disables[i].file, L->disables[i].line, 0,
				 "disable: no rule named '%s'", L->disables[i].name);
		}
		hash_bytes(&rs->hash, L->disables[i].name, strlen(L->disables[i].name) + 1);
		free(L->disables[i].name);
		free(L->disables[i].file);
	}
	free(L->disables);
	struct rx **lists[4] = {&rs->neg.pre, &rs->neg.pseudo, &rs->neg.end, &rs->contact_cue};
	for (int i = 0; i < 4; i++) {
		size_t off;
		struct rw_err e = {0};
		if (!L->failed && rx_compile(lists[i], buf_str(&L->neg[i]), 0, &off, &e) < 0)
			diag_add(L, RULES_ERROR, "<negation>", 0, 0, "%s", e.msg);
		buf_release(&L->neg[i]);
	}
	snprintf(rs->version, sizeof rs->version, "%016llx", rs->hash);
	if (!L->failed && trig_build(rs) < 0)
		diag_add(L, RULES_ERROR, "<rules>", 0, 0, "out of memory");
	rules_diags_release(&L->own);
	if (L->failed) {
		rules_free(&L->rs);
		return -1;
	}
	*out = rs;
	return 0;
}

int rules_load(struct ruleset **out, const char *shipped_dir, const char *user_dir,
	       struct rules_diags *diags, struct rw_err *err)
{
	struct loader L;
	if (loader_begin(&L, out, diags, err) < 0)
		return -1;
	load_dir(&L, shipped_dir);
	if (user_dir && *user_dir) {
		L.dir_index = 1;
		load_dir(&L, user_dir);
	}
	return loader_end(&L, out);
}

int rules_load_string(struct ruleset **out, const char *name, const char *text,
		      struct rules_diags *diags, struct rw_err *err)
{
	struct loader L;
	if (loader_begin(&L, out, diags, err) < 0)
		return -1;
	hash_bytes(&L.rs->hash, text, strlen(text) + 1);
	parse_text(&L, name, text);
	return loader_end(&L, out);
}

void rules_free(struct ruleset **rs)
{
	if (rs == NULL || *rs == NULL)
		return;
	for (size_t i = 0; i < (*rs)->nrules; i++)
		rule_free(&(*rs)->rules[i]);
	free((*rs)->rules);
	rx_free(&(*rs)->neg.pre);
	rx_free(&(*rs)->neg.pseudo);
	rx_free(&(*rs)->neg.end);
	rx_free(&(*rs)->contact_cue);
	free((*rs)->trig.head);
	free((*rs)->trig.v);
	free((*rs)->trig.single);
	free(*rs);
	*rs = NULL;
}

const char *rules_version(const struct ruleset *rs)
{
	return rs->version;
}

size_t rules_count(const struct ruleset *rs)
{
	return rs->nrules;
}

const char *rules_name(const struct ruleset *rs, size_t i)
{
	return i < rs->nrules ? rs->rules[i]->name : NULL;
}

const char *rules_class_name(const struct ruleset *rs, size_t i)
{
	return i < rs->nrules ? rule_class_name(rs->rules[i]->cls) : NULL;
}

const char *rules_origin(const struct ruleset *rs, size_t i)
{
	return i < rs->nrules ? rs->rules[i]->origin : NULL;
}

long rules_find(const struct ruleset *rs, const char *name)
{
	size_t idx;
	return ruleset_find(rs, name, &idx) ? (long)idx : -1;
}

/* ---- lint ---- */

/* Does rule r count on text (as its own class)? 1 yes, 0 no, -1 limit. */
static int rule_fires(const struct ruleset *rs, struct rx_matcher *m, const struct rule *r,
		      const char *text, bool prefilter)
{
	struct engine_result res;
	struct engine_input in = {0};
	struct rw_err e = {0};
	in.reply = text;
	in.subject = text;
	in.body = text;
	in.kind = r->kind;
	in.outbound = r->cls == RC_BREAKUP || r->cls == RC_PENDING;
	in.no_prefilter = !prefilter;
	in.only = r;
	if (engine_run(&res, rs, m, &in, &e) < 0)
		return -1;
	int fired = 0;
	for (size_t i = 0; i < res.nhits; i++) {
		if (res.hits[i].limit)
			fired = -1;
		else if (res.hits[i].rule == r && res.hits[i].cls == r->cls &&
			 res.hits[i].weight != 0)
			fired = 1;
	}
	engine_result_release(&res);
	return fired;
}

static void lint_add(struct rules_diags *d, enum rules_severity sev, const char *file, int line,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void lint_add(struct rules_diags *d, enum rules_severity sev, const char *file, int line,
		     const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diags_push(d, sev, file, line, 0, msg);
}

size_t rules_check(const struct ruleset *rs, struct rules_diags *d)
{
	struct rx_matcher *m = NULL;
	size_t before = d->nerrors;
	if (rx_matcher_new(&m, NULL, NULL) < 0)
		return 1;
	/* A long input that makes backtracking-prone patterns show themselves. */
	struct buf stress = BUF_INIT;
	for (int i = 0; i < 400; i++)
		buf_puts(&stress, "aaaaaaaaaaaaaaaaaaaa not now in the ");
	for (int i = 0; i < 2000; i++)
		buf_putc(&stress, 'a');
	buf_putc(&stress, '!');
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rule *r = rs->rules[i];
		size_t nex = 0;
		for (size_t k = 0; k < r->nex; k++) {
			const struct rule_example *ex = &r->ex[k];
			int with = rule_fires(rs, m, r, ex->text, true);
			int without = rule_fires(rs, m, r, ex->text, false);
			if (!ex->counter)
				nex++;
			if (with < 0 || without < 0) {
				lint_add(d, RULES_ERROR, r->file, ex->line,
					 "rule %s: a match limit was hit on this %s", r->name,
					 ex->counter ? "counter-example" : "example");
			} else if (!ex->counter && without == 0) {
				lint_add(d, RULES_ERROR, r->file, ex->line,
					 "rule %s does not fire on its example \"%s\"", r->name,
					 ex->text);
			} else if (!ex->counter && with == 0) {
				lint_add(d, RULES_ERROR, r->file, ex->line,
					 "rule %s: its trigger words hide a match on \"%s\" (add a "
					 "trigger that occurs in it)", r->name, ex->text);
			} else if (ex->counter && (with || without)) {
				lint_add(d, RULES_ERROR, r->file, ex->line,
					 "rule %s fires on its counter-example \"%s\"", r->name,
					 ex->text);
			}
		}
		if (r->weight == 0)
			lint_add(d, RULES_WARNING, r->file, r->line,
				 "rule %s has weight 0: it can never change a decision", r->name);
		if (nex == 0)
			lint_add(d, RULES_WARNING, r->file, r->line,
				 "rule %s has no example: nothing shows that it can fire", r->name);
		for (size_t k = 0; k < r->npats; k++) {
			struct rx_span g[1];
			struct rw_err e = {0};
			int rc = rx_exec(m, r->pats[k].re, stress.data, stress.len, 0, g, 1, &e);
			if (rc == RX_LIMIT)
				lint_add(d, RULES_WARNING, r->file, r->pats[k].line,
					 "rule %s: pattern hits a match limit on a 10 kB input (%s); "
					 "it will be reported, not scored, on long mail", r->name, e.msg);
		}
		/* A rule restricted to a kind whose class makes no sense with it. */
		if (r->kind != RW_KIND_UNKNOWN && r->cls == RC_AUTO)
			lint_add(d, RULES_WARNING, r->file, r->line,
				 "rule %s: auto-replies do not depend on the outbound kind", r->name);
	}
	buf_release(&stress);
	rx_matcher_free(&m);
	return d->nerrors - before;
}

/* ---- outbound ---- */

int rules_outbound_kind_text(enum rw_kind *out, const struct ruleset *rs, const char *subject,
			     const char *text, char **why, struct rw_err *err)
{
	struct rx_matcher *m = NULL;
	struct engine_result res;
	struct engine_input in = {0};
	*out = RW_KIND_UNKNOWN;
	if (why)
		*why = NULL;
	if (rx_matcher_new(&m, NULL, err) < 0)
		return -1;
	in.reply = text ? text : "";
	in.body = in.reply;
	in.subject = subject;
	in.outbound = true;
	if (engine_run(&res, rs, m, &in, err) < 0) {
		rx_matcher_free(&m);
		return -1;
	}
	double b = res.kind_scores[0], p = res.kind_scores[1];
	if (b >= rs->outbound_threshold && b > p)
		*out = RW_KIND_BREAKUP;
	else if (p >= rs->outbound_threshold && p > b)
		*out = RW_KIND_PENDING;
	if (why) {
		struct buf w = BUF_INIT;
		for (size_t i = 0; i < res.nhits; i++)
			if (res.hits[i].weight != 0)
				buf_printf(&w, "%s%s", w.len ? "," : "", res.hits[i].rule->name);
		*why = w.data ? buf_detach(&w) : strdup("");
	}
	engine_result_release(&res);
	rx_matcher_free(&m);
	return 0;
}

int rules_outbound_kind_subject(enum rw_kind *out, const struct ruleset *rs,
				const char *subject, char **why, struct rw_err *err)
{
	struct rx_matcher *m = NULL;
	struct engine_result res;
	struct engine_input in = {0};
	*out = RW_KIND_UNKNOWN;
	if (why)
		*why = NULL;
	if (subject == NULL)
		return 0;
	/* "Re: AW: SV: Fwd:" come from the replies, not from the outbound's own subject. */
	const char *s = subject;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		size_t k = 0;
		while (isalpha((unsigned char)s[k]) && k < 4)
			k++;
		size_t c = k;
		while (s[c] == ' ')
			c++;
		if (k >= 2 && k <= 3 && s[c] == ':' &&
		    (strncasecmp(s, "re", k) == 0 || strncasecmp(s, "aw", k) == 0 ||
		     strncasecmp(s, "sv", k) == 0 || strncasecmp(s, "fw", k) == 0 ||
		     strncasecmp(s, "fwd", k) == 0 || strncasecmp(s, "wg", k) == 0 ||
		     strncasecmp(s, "tr", k) == 0 || strncasecmp(s, "vs", k) == 0))
			s += c + 1;
		else
			break;
	}
	if (rx_matcher_new(&m, NULL, err) < 0)
		return -1;
	in.reply = "";
	in.body = "";
	in.subject = s;
	in.outbound = true;
	if (engine_run(&res, rs, m, &in, err) < 0) {
		rx_matcher_free(&m);
		return -1;
	}
	/* Only subject rules can fire here, and an outbound subject is weaker evidence than its
	 * text: one kind's subject rule firing alone names the kind. */
	double b = res.kind_scores[0], p = res.kind_scores[1];
	if (b > 0 && p <= 0)
		*out = RW_KIND_BREAKUP;
	else if (p > 0 && b <= 0)
		*out = RW_KIND_PENDING;
	if (why) {
		struct buf w = BUF_INIT;
		for (size_t i = 0; i < res.nhits; i++)
			if (res.hits[i].weight != 0)
				buf_printf(&w, "%s%s", w.len ? "," : "", res.hits[i].rule->name);
		*why = w.data ? buf_detach(&w) : strdup("");
	}
	engine_result_release(&res);
	rx_matcher_free(&m);
	return 0;
}

int rules_outbound_kind(enum rw_kind *out, const struct ruleset *rs, const struct mail *m,
			char **why, struct rw_err *err)
{
	return rules_outbound_kind_text(out, rs, mail_header(m, "Subject"), mail_text(m), why,
					err);
}

/* ---- where the shipped rules are ---- */

void rules_shipped_dir(char *out, size_t n)
{
	const char *env = getenv("REPLYWATCH_RULES_DIR");
	struct stat st;
	if (env && *env) {
		snprintf(out, n, "%s", env);
		return;
	}
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char cand[PATH_MAX + 64];
			snprintf(cand, sizeof cand, "%s/../share/replywatch/rules", exe);
			if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode)) {
				snprintf(out, n, "%s", cand);
				return;
			}
		}
	}
	snprintf(out, n, "%s/rules", RW_SOURCE_DIR);
}
