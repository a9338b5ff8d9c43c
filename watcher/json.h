/* json.h: a small JSON writer (RFC 8259) for the commands' --json and jsonl output.
 *
 * Writes into a struct buf (buf.h); the writer keeps the comma state of up to 16 nested
 * containers, so callers just say what comes next:
 *
 *	struct json j; json_init(&j, &b);
 *	json_obj_begin(&j); json_key_str(&j, "file", path); json_key_null(&j, "callback");
 *	json_obj_end(&j);
 *
 * Strings are UTF-8; invalid bytes are written as U+FFFD so the output is always valid JSON.
 * All memory belongs to the caller's buffer. */
#ifndef RW_JSON_H
#define RW_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct buf *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json *j, struct buf *out);

void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
/* Inside an object: the next value's key. */
void json_key(struct json *j, const char *key);

void json_str(struct json *j, const char *s); /* NULL writes null */
void json_strn(struct json *j, const char *s, size_t len);
void json_int(struct json *j, long long v);
void json_num(struct json *j, double v); /* shortest form that reads back, NaN/Inf as null */
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

/* Key plus value in one call. */
void json_key_str(struct json *j, const char *key, const char *s);
void json_key_int(struct json *j, const char *key, long long v);
void json_key_num(struct json *j, const char *key, double v);
void json_key_bool(struct json *j, const char *key, bool v);
void json_key_null(struct json *j, const char *key);

/* Append s to b as a quoted, escaped JSON string. */
void json_escape(struct buf *b, const char *s, size_t len);

#endif
