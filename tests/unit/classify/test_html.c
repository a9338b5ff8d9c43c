/* test_html.c: HTML bodies to text with quote containers cut first (classify/html.h), and
 * charset conversion (classify/charset.h), on the markup real clients send. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "html.h"

/* Render html; check the text has every want[] and none of the avoid[] strings. */
static void render(const char *html, const char *const *want, const char *const *avoid,
		   const char *note)
{
	char *t = NULL;
	struct buf notes = BUF_INIT;
	assert_int_equal(html_to_text(&t, html, strlen(html), &notes), 0);
	for (size_t i = 0; want && want[i]; i++)
		if (strstr(t, want[i]) == NULL)
			fail_msg("'%s' missing from:\n%s", want[i], t);
	for (size_t i = 0; avoid && avoid[i]; i++)
		if (strstr(t, avoid[i]) != NULL)
			fail_msg("'%s' left in:\n%s", avoid[i], t);
	if (note && strstr(buf_str(&notes), note) == NULL)
		fail_msg("note '%s' missing: %s", note, buf_str(&notes));
	free(t);
	buf_release(&notes);
}

static void gmail_quote(void **state)
{
	(void)state;
	render("<div dir=\"ltr\">Yes, Thursday at 2&nbsp;works.<br><br>Marcus</div><br>"
	       "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Tue, Oct 20, "
	       "2026 at 9:12 AM Dana &lt;dana@northwind.example&gt; wrote:<br></div>"
	       "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex\">No Longer "
	       "Interested file</blockquote></div>",
	       (const char *const[]){"Yes, Thursday at 2\xC2\xA0works.\n", "\nMarcus", NULL},
	       (const char *const[]){"Interested", "wrote", NULL}, "div.gmail_quote");
	/* A Gmail forward is kept: it is what the sender passes on. */
	render("<div>FYI</div><div class=\"gmail_quote\">---------- Forwarded message "
	       "---------<br>From: Jane</div>",
	       (const char *const[]){"FYI", "Forwarded message", NULL}, NULL, NULL);
}

static void outlook_and_owa(void **state)
{
	(void)state;
	/* New Outlook / OWA: everything from #divRplyFwdMsg on, also with the x_ prefix that
	 * forwarded copies get. */
	render("<div>Please don&#8217;t close it.</div><div id=\"appendonsend\"></div>"
	       "<hr style=\"display:inline-block;width:98%\"><div id=\"x_divRplyFwdMsg\" "
	       "dir=\"ltr\">"
	       "<b>From:</b> Dana</div><div>reconnect in 90 days</div>",
	       (const char *const[]){"Please don\xE2\x80\x99t close it.", NULL},
	       (const char *const[]){"From:", "90 days", NULL}, "#appendonsend and all after it");
	/* Outlook 2010 splitter div, nested inside the WordSection. */
	render("<div class=\"WordSection1\"><p class=\"MsoNormal\">Not interested.</p>"
	       "<div><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in "
	       "0in\"><p><b>From:</b> Dana</p></div></div><p>trap text</p></div>",
	       (const char *const[]){"Not interested.", NULL},
	       (const char *const[]){"From:", "trap", NULL}, "Outlook border-top splitter");
}

static void apple_thunderbird_yahoo(void **state)
{
	(void)state;
	/* Apple Mail inline answers: each quote leaves a ">" line, the answers stay. */
	render("<div>On Oct 20, 2026, Dana wrote:</div><blockquote type=\"cite\">Evaluating?"
	       "</blockquote><div>Yes, until March</div><blockquote type=\"cite\">Close it?"
	       "</blockquote><div>No, keep it open.</div>",
	       (const char *const[]){"wrote:\n\n>\n\nYes, until March\n\n>\n\nNo, keep it open.",
				     NULL},
	       (const char *const[]){"Evaluating", "Close it", NULL}, NULL);
	render("<html><body>Later, in Q3.<div><br><blockquote type=\"cite\">On Oct 20, 2026, "
	       "Dana wrote:<br>trap</blockquote></div></body></html>",
	       (const char *const[]){"Later, in Q3.", NULL}, (const char *const[]){"trap", NULL},
	       "blockquote type=cite");
	render("<p>No thanks.</p><div class=\"moz-cite-prefix\">On 20/10/2026 Dana wrote:</div>"
	       "<blockquote type=\"cite\">trap</blockquote>",
	       (const char *const[]){"No thanks.", NULL},
	       (const char *const[]){"trap", "wrote", NULL}, "moz-cite-prefix");
	render("<div>Call me.</div><div id=\"ydp123yahoo_quoted_456\" class=\"ydp123yahoo_quoted\">"
	       "On Tuesday, Dana wrote: trap</div>",
	       (const char *const[]){"Call me.", NULL}, (const char *const[]){"trap", NULL}, NULL);
}

static void rendering(void **state)
{
	(void)state;
	/* Blocks break lines, inline elements do not, script/style vanish, entities decode. */
	render("<html><head><title>t</title><style>p{color:red}</style></head><body>"
	       "<p>One <b>two</b> three</p><ul><li>a</li><li>b</li></ul>"
	       "<script>alert(1)</script><table><tr><td>x</td><td>y</td></tr></table>"
	       "<pre>  keep   spaces</pre>&lt;tag&gt; &amp; &eacute;</body></html>",
	       (const char *const[]){"One two three\n", "a\nb\n", "x y", "  keep   spaces",
				     "<tag> & \xC3\xA9", NULL},
	       (const char *const[]){"alert", "color", "title", NULL}, NULL);
	/* Hidden preheaders are not text. */
	render("<div style=\"display: none; max-height:0\">preview junk</div><p>Hello</p>",
	       (const char *const[]){"Hello", NULL}, (const char *const[]){"junk", NULL}, NULL);
	/* Broken markup still gives its text. */
	render("<div><p>unclosed <b>bold <i>both</div></p></b>tail",
	       (const char *const[]){"unclosed bold both", "tail", NULL}, NULL, NULL);
	char *t = NULL;
	assert_int_equal(html_to_text(&t, "", 0, NULL), 0);
	assert_string_equal(t, "");
	free(t);
}

static void charsets(void **state)
{
	(void)state;
	bool fixed = false;
	char *u = charset_to_utf8("\x93Hi\x94 \x96 caf\xe9", 11, "iso-8859-1", NULL, &fixed);
	assert_string_equal(u, "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x93 caf\xC3\xA9");
	free(u);
	/* Shift_JIS and ISO-2022-JP through iconv. */
	u = charset_to_utf8("\x93\xfa\x96\x7b", 4, "Shift_JIS", NULL, &fixed);
	assert_string_equal(u, "\xE6\x97\xA5\xE6\x9C\xAC"); /* 日本 */
	free(u);
	u = charset_to_utf8("\x1b$BF|K\\\x1b(B", 10, "iso-2022-jp", NULL, &fixed);
	assert_string_equal(u, "\xE6\x97\xA5\xE6\x9C\xAC");
	free(u);
	/* Unknown charset: read as UTF-8 with repair, and said so. */
	fixed = false;
	u = charset_to_utf8("ok \xff", 4, "x-no-such-charset", NULL, &fixed);
	assert_string_equal(u, "ok \xC3\xBF");
	assert_true(fixed);
	free(u);
	/* Bytes that do not belong to the declared charset become U+FFFD, the rest survives. */
	size_t n = 0;
	u = charset_to_utf8("a\x80z", 3, "utf-16be", &n, &fixed);
	assert_non_null(u);
	assert_int_equal(strlen(u), n);
	free(u);
	assert_int_equal(charset_is_utf8("\xC3\xA9", 2), 1);
	assert_int_equal(charset_is_utf8("\xC0\xAF", 2), 0);	 /* overlong */
	assert_int_equal(charset_is_utf8("\xED\xA0\x80", 3), 0); /* surrogate */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gmail_quote),
		cmocka_unit_test(outlook_and_owa),
		cmocka_unit_test(apple_thunderbird_yahoo),
		cmocka_unit_test(rendering),
		cmocka_unit_test(charsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
