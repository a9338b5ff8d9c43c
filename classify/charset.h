/* charset.h: any declared charset to UTF-8, repairing lying labels (SPEC §4 "Text", §8).
 *
 * Nothing here fails on bad input: bytes that cannot be converted become U+FFFD or are read
 * as windows-1252, never dropped. All returned strings belong to the caller (free()). */
#ifndef RW_CHARSET_H
#define RW_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

/* 1 when s[0..len) is valid UTF-8 (no overlongs, no surrogates), else 0. */
int charset_is_utf8(const char *s, size_t len);

/* Convert s[0..len) from charset (NULL or "" = unknown) to NUL-terminated UTF-8; *out_len set
 * when not NULL. *repaired is set true when the label was wrong or bytes had to be replaced
 * (for mail_warnings()). NUL bytes in the input become U+FFFD so the result is a C string.
 * Returns NULL only on out-of-memory. */
char *charset_to_utf8(const char *s, size_t len, const char *charset, size_t *out_len,
		      bool *repaired);

/* Append the UTF-8 encoding of code point cp (invalid ones become U+FFFD) to dst; returns the
 * number of bytes written (1-4). dst must have room for 4 bytes. */
size_t charset_put_utf8(char *dst, unsigned cp);

/* Decode one UTF-8 sequence at s (len bytes available): returns its length and sets *cp, or 0
 * when the bytes there are not valid UTF-8. */
size_t charset_get_utf8(const unsigned char *s, size_t len, unsigned *cp);

#endif
