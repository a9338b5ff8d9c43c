/* regex.h: the only door to PCRE2 (SPEC §4 "PCRE2 use", STYLE point 9).
 *
 * Every pattern is compiled UTF + UCP + MATCH_INVALID_UTF (mail text is often not valid UTF-8),
 * caseless unless RX_CASE_SENSITIVE, and JIT-compiled when the library has a JIT. Every match
 * runs under match, depth and heap limits: a pattern that hits one returns RX_LIMIT, which
 * callers report; nothing here can hang or abort on user patterns.
 *
 * A struct rx is read-only once compiled and may be shared. A struct rx_matcher holds the
 * per-caller scratch (match data, JIT stack, limits): one per thread of matching.
 * All memory belongs to the caller of _new/_compile; free with the matching _free. */
#ifndef RW_REGEX_H
#define RW_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct rx;
struct rx_matcher;

enum rx_flags {
	RX_CASE_SENSITIVE = 1 << 0, /* default is caseless */
	RX_MULTILINE = 1 << 1,      /* ^ and $ at line breaks */
};

/* Documented defaults: generous for reply-sized text (a 30-rule set never comes within 1% of
 * them), small enough that (a+)+$ on 10 kB gives up in milliseconds. */
struct rx_limits {
	uint32_t match;    /* PCRE2 match limit (interpreter steps; also honoured by JIT) */
	uint32_t depth;    /* backtracking depth (interpreter only) */
	uint32_t heap_kib; /* backtracking heap (interpreter only) */
	bool big_jit_stack; /* a 512 KiB JIT stack instead of PCRE2's 32 KiB default */
};
#define RX_LIMITS_DEFAULT {1000000, 5000, 4096, false}

/* A matched span in bytes; both RX_UNSET when the group did not take part. */
#define RX_UNSET ((size_t)-1)
struct rx_span {
	size_t start, end;
};

/* Match results: */
#define RX_MATCH 1
#define RX_NOMATCH 0
#define RX_LIMIT (-2) /* a match, depth, heap or JIT-stack limit was hit */
#define RX_ERROR (-1) /* any other PCRE2 error (reported in err) */

/* Compile pattern (NUL-terminated). On a syntax error returns -1, sets *erroffset to the byte
 * offset PCRE2 reports (may equal strlen(pattern) for errors found at the end) and err->msg to
 * PCRE2's own message, without a location: the caller adds file:line:column. */
int rx_compile(struct rx **out, const char *pattern, unsigned flags, size_t *erroffset,
	       struct rw_err *err);
void rx_free(struct rx **re);

const char *rx_pattern(const struct rx *re);
/* Number of capture groups. */
unsigned rx_groups(const struct rx *re);
/* The group number of a named capture, or -1. */
int rx_group_by_name(const struct rx *re, const char *name);
/* Names of the named groups: calls fn(name, number, ctx) for each. */
void rx_each_name(const struct rx *re, void (*fn)(const char *name, int number, void *ctx),
		  void *ctx);
/* 1 when the pattern can match the empty string (a lint error: it would fire on anything). */
int rx_matches_empty(const struct rx *re);
/* 1 when the pattern was JIT-compiled. */
int rx_is_jit(const struct rx *re);

int rx_matcher_new(struct rx_matcher **out, const struct rx_limits *lim, struct rw_err *err);
void rx_matcher_free(struct rx_matcher **m);

/* Match re against subj[0..len) starting at byte offset start. On RX_MATCH fills groups[0..n)
 * (group 0 = whole match; groups beyond the pattern's count are RX_UNSET). On RX_LIMIT or
 * RX_ERROR, err (when not NULL) says which limit or error, without a location. */
int rx_exec(struct rx_matcher *m, const struct rx *re, const char *subj, size_t len,
	    size_t start, struct rx_span *groups, size_t n, struct rw_err *err);

/* As rx_exec, but only a match that starts exactly at start counts (PCRE2_ANCHORED): the
 * same answer as rx_exec followed by a check that groups[0].start == start, without
 * searching the rest of the subject. */
int rx_exec_at(struct rx_matcher *m, const struct rx *re, const char *subj, size_t len,
	       size_t start, struct rx_span *groups, size_t n, struct rw_err *err);

/* The version of the PCRE2 library, for --explain and the ruleset hash. */
void rx_library_version(char *out, size_t n);

#endif
