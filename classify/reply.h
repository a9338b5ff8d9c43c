/* reply.h: keep only what the sender wrote now (SPEC §4 "Reply extraction"). */
#ifndef RW_REPLY_H
#define RW_REPLY_H

#include <stddef.h>

struct reply {
	char *text;  /* the sender's new text, normalised (quotes, dashes, NBSP), UTF-8 */
	char *trace; /* for --explain: which splitter or signature rule fired and where;
		      * one "stage: detail at line N" per line (N counts lines of the
		      * text given, from 1); stages: splitter, quote, signature, sent,
		      * limit, reply */
};

/* Extract the reply from a message's text (mail_text()). Thread-safe: the built-in line
 * patterns are compiled once per process (pthread_once) and only read afterwards; set
 * REPLYWATCH_NO_JIT=1 to run them without JIT under valgrind. sent_text, when not NULL, is the
 * outbound email's text: reply lines repeating one of its sentences are dropped. Returns 0, or
 * -1 on out-of-memory only. The caller owns out->text and out->trace (reply_release()). */
int reply_extract(struct reply *out, const char *text, int text_is_html, const char *sent_text);
void reply_release(struct reply *r);

/* Fold typographic quotes, dashes and non-breaking spaces to ASCII; returns a new string. */
char *text_normalise(const char *s);

#endif
