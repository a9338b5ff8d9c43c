/* ics.h: an iCalendar writer (RFC 5545) for the agenda: CRLF line ends, content lines
 * folded at 75 octets without splitting a UTF-8 character, TEXT values escaped, UID and
 * DTSTAMP on every component. All-day VEVENTs by default (every calendar imports those),
 * or VTODOs. Writes into a struct buf owned by the caller. */
#ifndef RW_ICS_H
#define RW_ICS_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"

struct ics_item {
	const char *uid;  /* globally unique and stable across runs */
	const char *date; /* YYYY-MM-DD: the day it is due */
	const char *summary;
	const char *description; /* or NULL */
};

void ics_begin(struct buf *b, const char *prodid);
/* todo: a VTODO due that day, else an all-day VEVENT. dtstamp: when the file is written. */
void ics_item(struct buf *b, const struct ics_item *it, bool todo, time_t dtstamp);
void ics_end(struct buf *b);

/* One content line "NAME:VALUE" (value already escaped as needed), folded, CRLF. */
void ics_line(struct buf *b, const char *name, const char *value);
/* TEXT escaping (RFC 5545 3.3.11): backslash, ';', ',' and newlines. */
void ics_escape(struct buf *out, const char *text);
/* A stable UID from parts: "<16 hex>@replywatch". out: 32 bytes. */
void ics_uid(char out[32], const char *a, const char *b, const char *c);

#endif
