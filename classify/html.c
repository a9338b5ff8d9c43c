/* html.c: HTML body to text for reply extraction (SPEC §4 "Text"); wraps libxml2's HTML parser.
 *
 * Quoted history is cut on the tree, before rendering, because clients mark it there far more
 * reliably than in the text they render: Gmail div.gmail_quote, Apple/Thunderbird
 * blockquote type=cite (+ div.moz-cite-prefix), Outlook/OWA #divRplyFwdMsg and #appendonsend
 * (everything after them is the quoted message), Outlook 2007-2013 border-top splitter divs,
 * Outlook for Mac #OLK_SRC_BODY_SECTION, Yahoo yahoo_quoted, Zimbra hr[data-marker], ...
 * Ids and classes are matched by "contains": forwarded and quoted copies get prefixes such
 * as x_ (x_divRplyFwdMsg). What is left is rendered with block elements as line breaks. */
#include "html.h"

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

enum cut { CUT_NONE, CUT_NODE, CUT_REST };

static bool contains_ci(const char *hay, const char *needle)
{
	if (hay == NULL)
		return false;
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

/* The attribute's value, lower-cased with spaces removed (for style matching), in dst. */
static const char *attr_squeezed(xmlNodePtr n, const char *name, char *dst, size_t cap)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (v == NULL)
		return NULL;
	size_t k = 0;
	for (const xmlChar *p = v; *p && k + 1 < cap; p++)
		if (!isspace(*p))
			dst[k++] = (char)tolower(*p);
	dst[k] = '\0';
	xmlFree(v);
	return dst;
}

static bool name_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       strcasecmp((const char *)n->name, name) == 0;
}

/* Text content of n starts (after blanks) with prefix, case-insensitively. */
static bool text_starts(xmlNodePtr n, const char *prefix)
{
	xmlChar *t = xmlNodeGetContent(n);
	if (t == NULL)
		return false;
	const xmlChar *p = t;
	while (*p && (isspace(*p) || *p == 0xC2 || *p == 0xA0))
		p++;
	bool r = strncasecmp((const char *)p, prefix, strlen(prefix)) == 0;
	xmlFree(t);
	return r;
}

/* Which quote marker, if any, this element is; *why names it for the trace. */
static enum cut quote_marker(xmlNodePtr n, const char **why)
{
	char cls[512], id[256], style[512], tmp[128];
	const char *c = attr_squeezed(n, "class", cls, sizeof cls);
	const char *i = attr_squeezed(n, "id", id, sizeof id);

	if (contains_ci(i, "divrplyfwdmsg")) {
		*why = "#divRplyFwdMsg";
		return CUT_REST;
	}
	if (contains_ci(i, "appendonsend")) {
		*why = "#appendonsend";
		return CUT_REST;
	}
	if (contains_ci(i, "olk_src_body_section")) {
		*why = "#OLK_SRC_BODY_SECTION";
		return CUT_REST;
	}
	if (contains_ci(c, "outlookmessageheader") ||
	    contains_ci(c, "mail-editor-reference-message-container")) {
		*why = "Outlook message header";
		return CUT_REST;
	}
	if (contains_ci(c, "gmail_quote") || contains_ci(c, "gmail_extra")) {
		/* A Gmail forward is wrapped the same way; it is what the sender passes on. */
		if (text_starts(n, "---------- Forwarded message"))
			return CUT_NONE;
		*why = "div.gmail_quote";
		return CUT_NODE;
	}
	if (contains_ci(c, "moz-cite-prefix")) {
		*why = "div.moz-cite-prefix";
		return CUT_NODE;
	}
	if (contains_ci(c, "yahoo_quoted") || contains_ci(c, "protonmail_quote") ||
	    contains_ci(c, "zmail_extra") || contains_ci(c, "quoted-text")) {
		*why = "quote container class";
		return CUT_NODE;
	}
	if (name_is(n, "blockquote")) {
		const char *t = attr_squeezed(n, "type", tmp, sizeof tmp);
		*why = t && strcmp(t, "cite") == 0 ? "blockquote type=cite" : "blockquote";
		return CUT_NODE;
	}
	if (name_is(n, "hr")) {
		const char *m = attr_squeezed(n, "data-marker", tmp, sizeof tmp);
		if (m && strcmp(m, "__divider__") == 0) {
			*why = "Zimbra divider";
			return CUT_REST;
		}
	}
	if (name_is(n, "div")) {
		const char *s = attr_squeezed(n, "style", style, sizeof style);
		if (s && strstr(s, "border-top:solid") &&
		    (strstr(s, "#e1e1e1") || strstr(s, "#b5c4df")) && strstr(s, "border:none")) {
			*why = "Outlook border-top splitter";
			return CUT_REST;
		}
		if (s && strstr(s, "border-top-color:rgb(229,229,229)") &&
		    strstr(s, "padding-top:5px")) {
			*why = "Windows Mail splitter";
			return CUT_REST;
		}
	}
	return CUT_NONE;
}

/* Unlink and free n, all its following siblings, and the following siblings of every
 * ancestor: n starts the quoted message and everything after it in the document is quote. */
static void cut_rest(xmlNodePtr n)
{
	xmlNodePtr cur = n;
	while (cur != NULL && !name_is(cur, "body") && !name_is(cur, "html")) {
		xmlNodePtr parent = cur->parent;
		xmlNodePtr next = cur->next;
		if (cur == n) {
			xmlUnlinkNode(cur);
			xmlFreeNode(cur);
		}
		while (next != NULL) {
			xmlNodePtr after = next->next;
			xmlUnlinkNode(next);
			xmlFreeNode(next);
			next = after;
		}
		cur = parent;
		if (cur != NULL && cur->type != XML_ELEMENT_NODE)
			break;
	}
}

/* Depth-first search for the first marker; returns true when one was removed (the caller
 * restarts, since the tree changed under it). depth bounds the recursion on hostile input. */
static bool remove_one(xmlNodePtr n, struct buf *notes, unsigned depth)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *why = NULL;
		enum cut k = quote_marker(c, &why);
		if (k != CUT_NONE) {
			if (notes)
				buf_printf(notes, "html: removed %s%s\n", why,
					   k == CUT_REST ? " and all after it" : "");
			if (k == CUT_REST) {
				cut_rest(c);
			} else {
				/* Leave a "> " paragraph where the quote was: reply extraction then
				 * sees "On ... wrote:" above a quote and keeps inline answers
				 * written between quotes, as it does for plain text. */
				xmlNodePtr mark = xmlNewNode(NULL, (const xmlChar *)"p");
				if (mark != NULL) {
					xmlNodeAddContent(mark, (const xmlChar *)">");
					xmlReplaceNode(c, mark);
				} else {
					xmlUnlinkNode(c);
				}
				xmlFreeNode(c);
			}
			return true;
		}
		if (depth < 256 && remove_one(c, notes, depth + 1))
			return true;
	}
	return false;
}

static bool is_block(const char *name)
{
	static const char *const blocks[] = {
		"p",	  "div",     "br",	   "tr",      "li",	"ul",	"ol",
		"h1",	  "h2",	     "h3",	   "h4",      "h5",	"h6",	"table",
		"hr",	  "pre",     "blockquote", "dl",      "dt",	"dd",	"address",
		"center", "section", "article",	   "header",  "footer", "form", "fieldset",
		"tbody",  "thead",   "tfoot",	   "caption", "body",
	};
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
		if (strcasecmp(name, blocks[i]) == 0)
			return true;
	return false;
}

struct render {
	struct buf *out;
	bool at_line_start; /* nothing but maybe spaces written on this line */
	bool pending_space;
	unsigned newlines; /* trailing newlines already written */
};

static void put_newline(struct render *r, unsigned want)
{
	while (r->newlines < want) {
		buf_putc(r->out, '\n');
		r->newlines++;
	}
	r->at_line_start = true;
	r->pending_space = false;
}

static void put_text(struct render *r, const char *s, bool pre)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (pre) {
			if (*p == '\r')
				continue;
			buf_putc(r->out, (char)*p);
			r->newlines = *p == '\n' ? r->newlines + 1 : 0;
			r->at_line_start = *p == '\n';
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
			if (!r->at_line_start)
				r->pending_space = true;
			continue;
		}
		if (r->pending_space)
			buf_putc(r->out, ' ');
		r->pending_space = false;
		buf_putc(r->out, (char)*p);
		r->at_line_start = false;
		r->newlines = 0;
	}
}

static void render(struct render *r, xmlNodePtr n, bool pre, unsigned depth)
{
	for (xmlNodePtr c = n; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				put_text(r, (const char *)c->content, pre);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE || c->name == NULL)
			continue;
		const char *name = (const char *)c->name;
		if (!strcasecmp(name, "head") || !strcasecmp(name, "script") ||
		    !strcasecmp(name, "style") || !strcasecmp(name, "title") ||
		    !strcasecmp(name, "noscript") || !strcasecmp(name, "template"))
			continue;
		if (!strcasecmp(name, "br")) {
			buf_putc(r->out, '\n');
			r->newlines++;
			r->at_line_start = true;
			r->pending_space = false;
			continue;
		}
		/* Hidden preheaders and tracking blocks are not text anyone reads. */
		char st[256];
		const char *style = attr_squeezed(c, "style", st, sizeof st);
		if (style && (strstr(style, "display:none") || strstr(style, "mso-hide:all")))
			continue;
		bool block = is_block(name);
		bool para = !strcasecmp(name, "p");
		if (!strcasecmp(name, "td") || !strcasecmp(name, "th")) {
			if (!r->at_line_start)
				r->pending_space = true;
		}
		if (block && !r->at_line_start)
			put_newline(r, 1);
		if (para && r->out->len > 0)
			put_newline(r, 2);
		if (depth < 512)
			render(r, c->children, pre || !strcasecmp(name, "pre"), depth + 1);
		if (block && !r->at_line_start)
			put_newline(r, 1);
		if (para)
			put_newline(r, 2);
	}
}

int html_to_text(char **out, const char *html, size_t len, struct buf *notes)
{
	*out = NULL;
	struct buf text = BUF_INIT;
	buf_append(&text, "", 0);
	if (len > INT_MAX)
		len = INT_MAX;
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
						HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc != NULL) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		if (root != NULL) {
			/* Each pass removes one marker; the bound keeps hostile input linear-ish.
			 */
			for (unsigned i = 0; i < 64 && remove_one((xmlNodePtr)doc, notes, 0); i++)
				;
			struct render r = {&text, true, false, 1};
			render(&r, xmlDocGetRootElement(doc), false, 0);
		}
		xmlFreeDoc(doc);
	}
	if (text.oom) {
		buf_release(&text);
		return -1;
	}
	*out = buf_detach(&text);
	return 0;
}
