/* engine.h: match a ruleset against one reply and score it (SPEC §4 "Rules": scores per class,
 * threshold and margin, negation scope). Used by classify.c and the rules linter.
 *
 * All memory in an engine_result belongs to it (engine_result_release()); hits point into the
 * ruleset for their rule, which must outlive the result. */
#ifndef RW_ENGINE_H
#define RW_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "classify.h"
#include "mail.h"
#include "regex.h"
#include "rules_int.h"

struct marks;

struct engine_input {
	const char *reply;        /* scope reply */
	const char *subject;      /* scope subject, or NULL */
	const char *body;         /* scope body (the whole text), or NULL */
	const struct mail *mail;  /* scope header:NAME, or NULL */
	enum rw_kind kind;        /* of the outbound answered; UNKNOWN runs only unrestricted rules */
	bool outbound;            /* run the outbound (breakup/pending) rules instead */
	bool no_prefilter;        /* try every rule, ignoring triggers (rules check) */
	const struct rule *only;  /* run just this rule (rules check), or NULL */
	const struct marks *marks; /* set by engine_run: the prefilter's findings */
};

struct engine_hit {
	const struct rule *rule;
	enum rule_class cls; /* the class it scored for (a redirected negation changes it) */
	double weight;       /* what it added: 0 when a negated match was dropped */
	bool negated, limit;
	const struct rule_pattern *pat;
	size_t start, end;   /* of the match in its scope's text */
	char *match;
	char *when;          /* (?<when>...) capture, or NULL */
	char *referral;      /* (?<referral>...) capture, or NULL */
};

struct engine_result {
	double scores[RW_NCLASS];
	double kind_scores[2]; /* breakup, pending (outbound runs) */
	struct engine_hit *hits;
	size_t nhits, cap;
	size_t rules_tried;    /* after the prefilter */
	struct buf warnings;   /* "rule NAME: match limit ..." one per line */
};

int engine_run(struct engine_result *out, const struct ruleset *rs, struct rx_matcher *m,
	       const struct engine_input *in, struct rw_err *err);
void engine_result_release(struct engine_result *r);

/* The decision on scores: the best of yes/later/no/auto when it reaches rs->threshold and beats
 * the runner-up by rs->margin, else RW_REVIEW. */
enum rw_class engine_decide(const struct ruleset *rs, const double scores[RW_NCLASS]);
/* The hit that names the reason: the heaviest counted hit of class c, or NULL. */
const struct engine_hit *engine_top_hit(const struct engine_result *r, enum rw_class c);

/* Is the match at text[start..) inside a negation scope? 1 yes, 0 no (rules check, tests). */
int engine_negated(const struct ruleset *rs, struct rx_matcher *m, const char *text,
		   size_t start);

/* ASCII and Latin-1 lower-casing that keeps byte offsets, for the trigger prefilter. */
void engine_fold(char *s);

#endif
