/* regex.c: PCRE2 wrapped with UTF + UCP + MATCH_INVALID_UTF, caseless by default, JIT when
 * available, and match/depth/heap limits on every match (SPEC §4 "PCRE2 use"). The only file
 * that includes pcre2.h. The idea of wrapping the library with hard limits is dovecot's
 * lib-regex; the code is ours. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rx {
	pcre2_code *code;
	char *pattern;
	unsigned groups;
	bool jit;
};

struct rx_matcher {
	pcre2_match_context *mctx;
	pcre2_jit_stack *stack;
	pcre2_match_data *md; /* grown on demand to the largest pattern's group count */
	uint32_t md_pairs;
};

/* Patterns longer than this, or nested deeper, are refused at compile time: user input. */
#define RX_MAX_PATTERN 16384
#define RX_MAX_PARENS 64

int rx_compile(struct rx **out, const char *pattern, unsigned flags, size_t *erroffset,
	       struct rw_err *err)
{
	struct rx *re = NULL;
	pcre2_compile_context *cctx = NULL;
	int rc = -1, code;
	PCRE2_SIZE off = 0;
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;

	*out = NULL;
	if (erroffset)
		*erroffset = 0;
	if (!(flags & RX_CASE_SENSITIVE))
		opts |= PCRE2_CASELESS;
	if (flags & RX_MULTILINE)
		opts |= PCRE2_MULTILINE;
	re = calloc(1, sizeof *re);
	cctx = pcre2_compile_context_create(NULL);
	if (re == NULL || cctx == NULL || (re->pattern = strdup(pattern)) == NULL) {
		rw_fail(err, RW_ENOMEM, "out of memory");
		goto out;
	}
	pcre2_set_max_pattern_length(cctx, RX_MAX_PATTERN);
	pcre2_set_parens_nest_limit(cctx, RX_MAX_PARENS);
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &code, &off, cctx);
	if (re->code == NULL) {
		PCRE2_UCHAR msg[160];
		if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
			snprintf((char *)msg, sizeof msg, "PCRE2 error %d", code);
		if (erroffset)
			*erroffset = off;
		rw_fail(err, RW_ESYNTAX, "%s", (char *)msg);
		goto out;
	}
	uint32_t cap = 0;
	pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &cap);
	re->groups = cap;
	/* No JIT (an exotic platform, or a build without it) is not an error: the interpreter
	 * gives the same results under the same limits, only slower. REPLYWATCH_NO_JIT=1 turns
	 * it off on purpose: valgrind cannot follow JIT code and reports its reads as
	 * uninitialised. */
	const char *nojit = getenv("REPLYWATCH_NO_JIT");
	if ((nojit == NULL || *nojit == '\0' || *nojit == '0') &&
	    pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0) {
		size_t jitsize = 0;
		pcre2_pattern_info(re->code, PCRE2_INFO_JITSIZE, &jitsize);
		re->jit = jitsize > 0;
	}
	*out = re;
	re = NULL;
	rc = 0;
out:
	pcre2_compile_context_free(cctx);
	rx_free(&re);
	return rc;
}

void rx_free(struct rx **re)
{
	if (re == NULL || *re == NULL)
		return;
	pcre2_code_free((*re)->code);
	free((*re)->pattern);
	free(*re);
	*re = NULL;
}

const char *rx_pattern(const struct rx *re)
{
	return re->pattern;
}

unsigned rx_groups(const struct rx *re)
{
	return re->groups;
}

int rx_group_by_name(const struct rx *re, const char *name)
{
	int n = pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
	return n > 0 ? n : -1;
}

void rx_each_name(const struct rx *re, void (*fn)(const char *name, int number, void *ctx),
		  void *ctx)
{
	uint32_t count = 0, entry = 0;
	PCRE2_SPTR table = NULL;
	pcre2_pattern_info(re->code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(re->code, PCRE2_INFO_NAMEENTRYSIZE, &entry);
	pcre2_pattern_info(re->code, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR e = table + (size_t)i * entry;
		fn((const char *)e + 2, (e[0] << 8) | e[1], ctx);
	}
}

int rx_matches_empty(const struct rx *re)
{
	/* MINLENGTH is a lower bound (lookarounds give 0 too), so confirm with a real match on
	 * the empty string and on a single space. */
	uint32_t min = 1;
	pcre2_pattern_info(re->code, PCRE2_INFO_MINLENGTH, &min);
	if (min > 0)
		return 0;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (md == NULL)
		return 1;
	int rc = pcre2_match(re->code, (PCRE2_SPTR) "", 0, 0, 0, md, NULL);
	if (rc < 0)
		rc = pcre2_match(re->code, (PCRE2_SPTR) " x ", 3, 0, 0, md, NULL);
	int empty = 0;
	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		empty = ov[0] == ov[1];
	}
	pcre2_match_data_free(md);
	return empty;
}

int rx_is_jit(const struct rx *re)
{
	return re->jit ? 1 : 0;
}

int rx_matcher_new(struct rx_matcher **out, const struct rx_limits *lim, struct rw_err *err)
{
	struct rx_limits def = RX_LIMITS_DEFAULT;
	struct rx_matcher *m = calloc(1, sizeof *m);
	*out = NULL;
	if (lim == NULL)
		lim = &def;
	if (m == NULL || (m->mctx = pcre2_match_context_create(NULL)) == NULL)
		goto oom;
	pcre2_set_match_limit(m->mctx, lim->match);
	pcre2_set_depth_limit(m->mctx, lim->depth);
	pcre2_set_heap_limit(m->mctx, lim->heap_kib);
	/* A bounded JIT stack of our own (32 KiB to 512 KiB) only when asked: creating one maps
	 * memory, which costs more than classifying a short reply. The default is PCRE2's 32 KiB
	 * on the machine stack; running out is PCRE2_ERROR_JIT_STACKLIMIT, reported as a limit
	 * hit like the others. */
	if (lim->big_jit_stack) {
		m->stack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
		if (m->stack != NULL)
			pcre2_jit_stack_assign(m->mctx, NULL, m->stack);
	}
	*out = m;
	return 0;
oom:
	rx_matcher_free(&m);
	return rw_fail(err, RW_ENOMEM, "out of memory");
}

void rx_matcher_free(struct rx_matcher **m)
{
	if (m == NULL || *m == NULL)
		return;
	pcre2_match_data_free((*m)->md);
	pcre2_jit_stack_free((*m)->stack);
	pcre2_match_context_free((*m)->mctx);
	free(*m);
	*m = NULL;
}

static int exec_opts(struct rx_matcher *m, const struct rx *re, const char *subj, size_t len,
		     size_t start, uint32_t opts, struct rx_span *groups, size_t n,
		     struct rw_err *err)
{
	uint32_t pairs = re->groups + 1;
	if (m->md == NULL || m->md_pairs < pairs) {
		uint32_t want = pairs < 16 ? 16 : pairs;
		pcre2_match_data *md = pcre2_match_data_create(want, NULL);
		if (md == NULL) {
			rw_fail(err, RW_ENOMEM, "out of memory");
			return RX_ERROR;
		}
		pcre2_match_data_free(m->md);
		m->md = md;
		m->md_pairs = want;
	}
	if (start > len)
		return RX_NOMATCH;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)subj, len, start, opts, m->md, m->mctx);
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return RX_NOMATCH;
	if (rc < 0) {
		PCRE2_UCHAR msg[160];
		pcre2_get_error_message(rc, msg, sizeof msg);
		bool limit = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
			     rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
		rw_fail(err, limit ? RW_ELIMIT : RW_EINVAL, "%s", (char *)msg);
		return limit ? RX_LIMIT : RX_ERROR;
	}
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
	for (size_t i = 0; i < n; i++) {
		if (i < pairs && ov[2 * i] != PCRE2_UNSET) {
			groups[i].start = ov[2 * i];
			groups[i].end = ov[2 * i + 1];
		} else {
			groups[i].start = groups[i].end = RX_UNSET;
		}
	}
	return RX_MATCH;
}

int rx_exec(struct rx_matcher *m, const struct rx *re, const char *subj, size_t len,
	    size_t start, struct rx_span *groups, size_t n, struct rw_err *err)
{
	return exec_opts(m, re, subj, len, start, 0, groups, n, err);
}

int rx_exec_at(struct rx_matcher *m, const struct rx *re, const char *subj, size_t len,
	       size_t start, struct rx_span *groups, size_t n, struct rw_err *err)
{
	return exec_opts(m, re, subj, len, start, PCRE2_ANCHORED, groups, n, err);
}

void rx_library_version(char *out, size_t n)
{
	char v[64] = "";
	pcre2_config(PCRE2_CONFIG_VERSION, v);
	snprintf(out, n, "%s", v);
}
