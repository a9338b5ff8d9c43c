/* html.h: an HTML body to readable text, with quoted history cut before rendering (SPEC §4). */
#ifndef RW_HTML_H
#define RW_HTML_H

#include <stddef.h>

#include "buf.h"

/* Render html[0..len) (UTF-8) as text: entities decoded, block elements as line breaks,
 * script/style/head dropped. Quote containers (div.gmail_quote, blockquote type=cite,
 * #divRplyFwdMsg and all after it, #appendonsend, Outlook border-top splitters,
 * moz-cite-prefix, yahoo_quoted, ...; ids and classes matched by "contains" because clients
 * prefix them, e.g. x_divRplyFwdMsg) are removed first, a block quote leaving one ">" line
 * where it was (so an inline answer below it is told from quoted history); each removal is
 * noted in notes (one
 * "html: ..." line each) when notes is not NULL. *out is the caller's (free()). Returns 0, or
 * -1 on out-of-memory; unparseable HTML gives its text content best-effort. */
int html_to_text(char **out, const char *html, size_t len, struct buf *notes);

#endif
