/* buf.h: a growable byte buffer, always NUL-terminated.
 *
 * All memory belongs to the buffer; buf_detach() hands it to the caller. A failed allocation
 * sets b->oom and makes later appends no-ops, so a caller may append freely and check once. */
#ifndef RW_BUF_H
#define RW_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
	bool oom;
};

#define BUF_INIT {NULL, 0, 0, false}

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empty the buffer, keeping its memory. */
void buf_reset(struct buf *b);
/* The contents ("" when empty); valid until the next append. */
const char *buf_str(const struct buf *b);
/* Hand the contents to the caller (free() it); the buffer is left empty. NULL on oom. */
char *buf_detach(struct buf *b);
void buf_release(struct buf *b);

#endif
