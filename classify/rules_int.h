/* rules_int.h: the inside of a ruleset, shared by rules.c (loader, linter) and engine.c
 * (matching, scoring) only. Nothing else includes it: other modules use rules.h. */
#ifndef RW_RULES_INT_H
#define RW_RULES_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "classify.h"
#include "regex.h"
#include "rules.h"

enum rule_scope { SCOPE_REPLY = 0, SCOPE_SUBJECT, SCOPE_HEADER, SCOPE_BODY };

/* Rule classes: the inbound classes of classify.h, plus outbound kinds. */
enum rule_class { RC_YES = RW_YES, RC_LATER = RW_LATER, RC_NO = RW_NO, RC_AUTO = RW_AUTO,
		  RC_BREAKUP = 16, RC_PENDING };

enum rule_flag {
	RF_DO_NOT_CONTACT = 1 << 0,
	RF_REFERRAL = 1 << 1,
	RF_LEFT_COMPANY = 1 << 2,
	RF_BOUNCE = 1 << 3,
	RF_OOO = 1 << 4,
};

/* What a match inside a negation scope does. */
enum neg_mode { NEG_DROP = 0, NEG_KEEP, NEG_REDIRECT };

struct rule_pattern {
	enum rule_scope scope;
	char *header;   /* SCOPE_HEADER: the header's name */
	struct rx *re;
	int line, col;  /* where the pattern text starts */
	int g_when;     /* group number of (?<when>...), or -1 */
	int g_referral; /* group number of (?<referral>...), or -1 */
	/* A pattern of the form \b(?:word...|word...) must start with one of these words:
	 * entries of the trigger index derived from its source (see lead_words()). When none
	 * of them is in the text, the pattern is not tried. Empty: no such form. */
	unsigned *lead;
	size_t nlead;
	char **lead_words;
};

struct rule_example {
	char *text;
	int line;
	bool counter;
};

struct rule {
	char *name;
	enum rule_class cls;
	double weight;
	char *reason;   /* "no/other-vendor"; NULL: "<class>/<name>" */
	char *describe;
	enum rw_kind kind; /* RW_KIND_UNKNOWN: any */
	unsigned flags;
	enum neg_mode neg;
	bool soon_yes;     /* "soon yes": a (?<when>) within yes-horizon days counts for yes */
	enum rule_class neg_cls;
	double neg_weight;
	struct rule_pattern *pats;
	size_t npats;
	struct rx **unless; /* reply-scope patterns that veto the rule */
	size_t nunless;
	char **triggers;    /* lower-case literals; the rule is tried only when one occurs */
	size_t ntriggers;
	struct rule_example *ex;
	size_t nex;
	char *file;
	int line;
	char origin[300];   /* "file:line" */
	int dir_index;      /* 0 shipped, 1 user, for duplicate detection */
	int bad_patterns;   /* patterns that did not compile (already reported) */
};

struct negation {
	struct rx *pre;    /* "not", "never", "n't", ... before the term */
	struct rx *pseudo; /* "no problem", "not sure": look like negations, are not */
	struct rx *end;    /* "but", "however": end the scope */
	int window;        /* words between trigger and term, default 5 */
};

/* Every trigger of every rule, indexed by its first two bytes, so one pass over a text finds
 * all the triggers in it (engine.c). Built once at load. */
struct trig_entry {
	const char *s; /* borrowed from the rule */
	size_t len;
	unsigned rule; /* index in ruleset.rules */
	unsigned next; /* next entry with the same first two bytes, +1; 0 ends */
	bool lead;     /* a pattern's lead word, not a rule's trigger */
};
struct trig_index {
	unsigned *head; /* 65536 heads, entry index + 1, 0 none */
	struct trig_entry *v;
	size_t n;
	unsigned *single; /* entries of a one-byte trigger */
	size_t nsingle;
};

struct ruleset {
	struct rule **rules;
	size_t nrules, cap;
	struct negation neg;
	double threshold;  /* best class must reach it (default 1.0) */
	double margin;     /* and beat the runner-up by this much (default 0.5) */
	double outbound_threshold; /* default 1.0 */
	int yes_horizon;   /* a yes whose contact date is further than this (days) is later */
	struct rx *contact_cue; /* "call me", "reach out": marks the sentence that sets a date */
	char version[17];
	unsigned long long hash;
	size_t max_groups;
	struct trig_index trig;
};

const char *rule_class_name(enum rule_class c);
/* "<class>/<name>" when the rule has no reason. Writes into out. */
const char *rule_reason(const struct rule *r, char *out, size_t n);

#endif
