/* rules.h: rule files: parse, layer, lint (SPEC §4 "Rules", §5 "rules check"; format in
 * rules/FORMAT.md).
 *
 * A ruleset is every *.rules file of the shipped directory, in sorted name order, then every
 * *.rules file of the user's directory, in sorted name order. A later definition of a name
 * replaces the earlier one (so a user file overrides a shipped rule); `disable NAME` removes a
 * rule wherever it was defined. Two definitions of one name inside one directory are an error.
 *
 * A struct ruleset is read-only once loaded: classify_message() and the engine only read it.
 * All memory belongs to the ruleset; rules_free() releases it. */
#ifndef RW_RULES_H
#define RW_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "classify.h"
#include "err.h"
#include "mail.h"

struct ruleset;

/* One finding of the loader or the linter, located. */
enum rules_severity { RULES_WARNING = 0, RULES_ERROR = 1 };
struct rules_diag {
	enum rules_severity severity;
	char *file; /* path as opened, or "<string>" */
	int line;   /* 1-based, 0 when not about a line */
	int col;    /* 1-based column in characters, 0 when not known */
	char *msg;
};
struct rules_diags {
	struct rules_diag *v;
	size_t n, cap;
	size_t nerrors;
};
void rules_diags_release(struct rules_diags *d);
/* "file:line:col: error: msg" (line and col left out when 0). */
void rules_diag_format(const struct rules_diag *d, char *out, size_t n);

/* Load the shipped directory (required) and the user directory (NULL: none; a user directory
 * that does not exist is an error when named). Every problem found is added to diags (when not
 * NULL); on any error returns -1 with the first one in err ("file:line:col: ..."), *out NULL. */
int rules_load(struct ruleset **out, const char *shipped_dir, const char *user_dir,
	       struct rules_diags *diags, struct rw_err *err);
/* Load rules from a string, as if it were one file named name (tests, rules check of one file). */
int rules_load_string(struct ruleset **out, const char *name, const char *text,
		      struct rules_diags *diags, struct rw_err *err);
void rules_free(struct ruleset **rs);

/* The version of the rule set: 16 hex digits of a hash over every loaded file (name and
 * contents, in load order) and the disables. Borrowed. */
const char *rules_version(const struct ruleset *rs);
size_t rules_count(const struct ruleset *rs);
/* The i-th rule's name, class name and origin ("file:line"), for reports. Borrowed. */
const char *rules_name(const struct ruleset *rs, size_t i);
const char *rules_class_name(const struct ruleset *rs, size_t i);
const char *rules_origin(const struct ruleset *rs, size_t i);
/* Index of a rule by name, or -1. */
long rules_find(const struct ruleset *rs, const char *name);

/* Lint: run every example and counter-example (with and without the prefilter), look for
 * patterns that match the empty string, hit a limit on a long input, rules that can never
 * score. Appends to diags; returns the number of errors added. */
size_t rules_check(const struct ruleset *rs, struct rules_diags *diags);

/* Outbound rules (class breakup / pending): which kind of email m is. The best-scoring kind
 * over its subject, headers and text (mail_text()); *out = RW_KIND_UNKNOWN when none clears
 * the threshold. why (when not NULL) receives the names of the rules that fired, caller frees.
 * Returns 0, -1 on out-of-memory. */
int rules_outbound_kind(enum rw_kind *out, const struct ruleset *rs, const struct mail *m,
			char **why, struct rw_err *err);
/* The same on plain subject and text (tests, and the reply's quoted outbound). */
int rules_outbound_kind_text(enum rw_kind *out, const struct ruleset *rs, const char *subject,
			     const char *text, char **why, struct rw_err *err);
/* The kind of outbound a reply answers, from the reply's Subject alone (Re:/AW:/SV:/Fwd:
 * stripped): for a reply without its quoted outbound (F2.56). UNKNOWN unless exactly one
 * kind's subject rules fire. *why (caller frees) names the rules. */
int rules_outbound_kind_subject(enum rw_kind *out, const struct ruleset *rs,
				const char *subject, char **why, struct rw_err *err);

/* Where the shipped rules live, resolved at run time: $REPLYWATCH_RULES_DIR, else
 * <directory of the executable>/../share/replywatch/rules when it exists, else the source
 * tree's rules/ (RW_SOURCE_DIR, compiled in). Writes into out. */
void rules_shipped_dir(char *out, size_t n);

#endif
