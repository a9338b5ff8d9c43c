/* test_reply.c: reply extraction (classify/reply.h): quoted history in the forms real clients
 * write it, signatures, mobile footers, disclaimers, normalisation, the outbound-sentence
 * filter and the --explain trace. Each case is the text a client produces (mail_text()). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "reply.h"

/* The reply of text, compared exactly; also checks the trace mentions `why` when given. */
static void expect(const char *text, const char *want, const char *why)
{
	struct reply r = {0};
	assert_int_equal(reply_extract(&r, text, 0, NULL), 0);
	if (strcmp(r.text, want) != 0)
		fail_msg("reply of:\n%s\n--- got:\n%s\n--- want:\n%s\n--- trace:\n%s", text, r.text,
			 want, r.trace);
	if (why != NULL && strstr(r.trace, why) == NULL)
		fail_msg("trace lacks '%s':\n%s", why, r.trace);
	reply_release(&r);
}

static void gmail_on_wrote(void **state)
{
	(void)state;
	expect("Not now, but try me in Q3.\n\n"
	       "On Tue, Oct 20, 2026 at 9:12 AM Dana Whitfield <dana@northwind.example> wrote:\n\n"
	       "> If you're slammed and would like me to reconnect in 90 days or so,\n"
	       "> just let me know.\n",
	       "Not now, but try me in Q3.", "'On ... wrote:'");
	/* Wrapped over two lines, as Gmail does past 80 columns. */
	expect("Sounds good.\n\nOn Tue, Oct 20, 2026 at 9:12 AM Dana Whitfield <\n"
	       "dana@northwind.example> wrote:\n> trap: No Longer Interested file\n",
	       "Sounds good.", NULL);
}

static void european_attributions(void **state)
{
	(void)state;
	expect("Bitte rufen Sie mich im März an.\n\n"
	       "Am Di., 20. Okt. 2026 um 09:12 Uhr schrieb Dana Whitfield <\n"
	       "dana@northwind.example>:\n\n> Ich melde mich ein letztes Mal.\n",
	       "Bitte rufen Sie mich im März an.", NULL);
	expect("Rappelez-moi en janvier.\n\n"
	       "Le mar. 20 oct. 2026 à 09:12, Dana Whitfield <dana@northwind.example> a écrit :\n"
	       "> Dernier message de ma part.\n",
	       "Rappelez-moi en janvier.", NULL);
	expect("Escríbeme en febrero.\n\n"
	       "El mar, 20 oct 2026 a las 9:12, Dana Whitfield (<dana@northwind.example>)\n"
	       "escribió:\n> Último mensaje.\n",
	       "Escríbeme en febrero.", NULL);
	expect("Bel eens na de zomer.\n\n"
	       "Op di 20 okt. 2026 om 09:12 schreef Dana Whitfield <dana@northwind.example>:\n\n"
	       "> Laatste bericht.\n",
	       "Bel eens na de zomer.", NULL);
	expect("Ci sentiamo a settembre.\n\n"
	       "Il giorno mar 20 ott 2026 alle ore 09:12 Dana Whitfield <dana@northwind.example>\n"
	       "ha scritto:\n> Ultimo messaggio.\n",
	       "Ci sentiamo a settembre.", NULL);
	expect("Pode fechar.\n\n"
	       "Em ter., 20 de out. de 2026 às 09:12, Dana Whitfield <dana@northwind.example>\n"
	       "escreveu:\n> Última mensagem.\n",
	       "Pode fechar.", NULL);
	expect("Hör av dig i augusti.\n\n"
	       "Den 20 okt. 2026 kl. 09:12 skrev Dana Whitfield <dana@northwind.example>:\n"
	       "> Sista mejlet.\n",
	       "Hör av dig i augusti.", NULL);
	expect("Ota yhteyttä keväällä.\n\n"
	       "ti 20.10.2026 klo 9.12 Dana Whitfield (dana@northwind.example) kirjoitti:\n"
	       "> Viimeinen viesti.\n",
	       "Ota yhteyttä keväällä.", NULL);
}

static void outlook_blocks(void **state)
{
	(void)state;
	/* Outlook desktop: an underscore rule and a header block, the quote unmarked. */
	expect("Please don't close it.\n\n"
	       "________________________________\n"
	       "From: Dana Whitfield <dana@northwind.example>\n"
	       "Sent: Tuesday, October 20, 2026 9:12 AM\n"
	       "To: Greg <greg@pinecrest.example>\n"
	       "Subject: a quick follow-up\n\n"
	       "Should I put my notes into the No Longer Interested file?\n",
	       "Please don't close it.", "header block");
	/* Classic Outlook plain text. */
	expect("Go ahead.\n\n-----Original Message-----\nFrom: Dana\nSent: Tuesday\n\n"
	       "reconnect in 90 days\n",
	       "Go ahead.", "original/forwarded message marker");
	/* Bold headers from Outlook's HTML rendered to text, German. */
	expect("Nein danke.\n\n*Von:* Dana Whitfield [mailto:dana@northwind.example]\n"
	       "*Gesendet:* Dienstag, 20. Oktober 2026 09:12\n*An:* Jonas\n*Betreff:* letzte\n\n"
	       "trap\n",
	       "Nein danke.", NULL);
	/* The rule above the block goes too. */
	expect("Outlook with a reply\n\n ------------------------------\n\n"
	       "*From:* Dana [mailto:dana@northwind.example]\n*Sent:* Thursday\n*To:* x\n"
	       "*Subject:* y\n\ntrap\n",
	       "Outlook with a reply", NULL);
}

static void forwards_and_mobile_markers(void **state)
{
	(void)state;
	expect("FYI, see below.\n\nBegin forwarded message:\n\nFrom: Dana\nSubject: x\n\ntrap\n",
	       "FYI, see below.", NULL);
	expect("Loop in Jane.\n\n---------- Forwarded message ---------\nFrom: Dana\n\ntrap\n",
	       "Loop in Jane.", NULL);
	/* Android: "---- Name wrote ----" */
	expect("Later.\n\n---- Dana Whitfield wrote ----\n\ntrap\n", "Later.", NULL);
}

static void signatures(void **state)
{
	(void)state;
	/* A short answer above a footer survives. */
	expect("No thanks\n\nSent from my iPhone\n\n"
	       "> On Oct 20, 2026, at 9:12 AM, Dana <dana@northwind.example> wrote:\n> trap\n",
	       "No thanks", "mobile footer");
	expect("Yes, Thursday works.\n\nGet Outlook for iOS\n", "Yes, Thursday works.", NULL);
	expect("Passt.\n\nVon meinem iPhone gesendet\n", "Passt.", NULL);
	expect("D'accord.\n\nEnvoyé de mon iPhone\n", "D'accord.", NULL);
	expect("Vale.\n\nEnviado desde mi Samsung Galaxy\n", "Vale.", NULL);
	/* RFC 3676 separator. */
	expect("Call me Monday.\n\nAnn\n-- \nAnn Lee | VP Ops\n+1 555 0100\n",
	       "Call me Monday.\n\nAnn", "'-- ' separator");
	/* A sentence that starts like a footer is text. */
	expect("Here is another email\n\nSent from my desk, is much easier than my mobile phone.\n",
	       "Here is another email\n\nSent from my desk, is much easier than my mobile phone.",
	       NULL);
	/* Contact block below the sign-off. */
	expect("Try me in April.\n\nDoug\n\nDouglas Pruitt, CPA\nManaging Partner\n"
	       "Pruitt & Lowe CPAs\n(859) 555-0123\n",
	       "Try me in April.\n\nDoug", "contact block");
	/* A company footer inside a line. */
	expect("Let's reconnect in the new year.\n\nGina\n\nMarino Foods, 400 Harbor Way. You are "
	       "receiving this email from a Marino Foods employee. To unsubscribe, visit x.\n",
	       "Let's reconnect in the new year.\n\nGina", "list or company footer");
	/* A referral in the last paragraph is the reply, not a contact block. */
	expect("I'm not the right person.\n\nPlease reach out to\nJane "
	       "Smith\njane@kestrel.example\n",
	       "I'm not the right person.\n\nPlease reach out to\nJane Smith\njane@kestrel.example",
	       NULL);
	/* A sentence opening like a disclaimer is text. */
	expect("Hi Dana,\n\nThis message is to let you know we chose another vendor.\n",
	       "Hi Dana,\n\nThis message is to let you know we chose another vendor.", NULL);
	/* Dates and "wrote" in the sender's own lines. */
	expect("2026-11-03 works for me, send the invite to bob@kestrel.example\nThanks\n",
	       "2026-11-03 works for me, send the invite to bob@kestrel.example\nThanks", NULL);
	expect("Yes.\nI wrote to Bob about the 3 items:\nhe agrees.\n",
	       "Yes.\nI wrote to Bob about the 3 items:\nhe agrees.", NULL);
	/* Legal disclaimer. */
	expect("Not interested.\n\nCONFIDENTIALITY NOTICE: This e-mail message is for the sole use "
	       "of the intended recipient.\n",
	       "Not interested.", "legal disclaimer");
}

static void inline_and_bottom_posts_keep_answers(void **state)
{
	(void)state;
	expect("On Tue, Oct 20, 2026 at 9:12 AM Dana <dana@northwind.example> wrote:\n"
	       "> Are you still evaluating tools?\n\nYes, until March.\n\n"
	       "> Should I close your file?\n\nNo, keep it open.\n",
	       "Yes, until March.\n\nNo, keep it open.", "above a '>' quote");
	/* A quote wrapped by the replier's client: its lower-case tail is quote too. */
	expect("Ok.\n\nOn Tue, Oct 20, 2026 at 9:12 AM Dana <dana@northwind.example> wrote:\n"
	       "> If you're slammed and would like me to reconnect in 90 days or so, just let\n"
	       "me know.\n",
	       "Ok.", NULL);
	/* Horde/IMP. */
	expect("Quoting Dana Whitfield <dana@northwind.example>:\n\n> trap\n\nNot interested.\n",
	       "Not interested.", NULL);
	/* A read receipt's summary names no sender: not a quoted header block. */
	expect("Your message\n\n  To: Walter\n  Subject: last\n  Sent: Monday\n\nwas read.\n",
	       "Your message\n\n  To: Walter\n  Subject: last\n  Sent: Monday\n\nwas read.", NULL);
	/* A body line that merely starts "On" is not a splitter. */
	expect("On Monday we decided to go with another vendor.\nThanks anyway.\n",
	       "On Monday we decided to go with another vendor.\nThanks anyway.", NULL);
	expect("Something wrote:\nthe rest of my text\n", "Something wrote:\nthe rest of my text",
	       NULL);
	/* Only quotes: nothing was written. */
	expect("> just a quote\n> nothing else\n", "", NULL);
}

static void normalisation(void **state)
{
	(void)state;
	char *s = text_normalise("don\xE2\x80\x99t \xE2\x80\x9C"
				 "close\xE2\x80\x9D it \xE2\x80\x93 "
				 "ever\xC2\xA0"
				 "again\xE2\x80\xA6\xE2\x80\x8B");
	assert_string_equal(s, "don't \"close\" it - ever again...");
	free(s);
	/* Invalid UTF-8 is replaced, not dropped; CRLF becomes LF. */
	s = text_normalise("a\xff"
			   "b\r\nc");
	assert_string_equal(s, "a\xEF\xBF\xBD"
			       "b\nc");
	free(s);
	expect("Please don\xE2\x80\x99t close it\xC2\xA0\xE2\x80\x94 thanks\r\n",
	       "Please don't close it - thanks", NULL);
}

static void sent_text_filter(void **state)
{
	(void)state;
	const char *sent =
		"Hi Greg,\n\nThis will be my last note. I'm still interested, but I don't "
		"want to be a pest. If you're slammed and would like me to reconnect "
		"in 90 days or so, just let me know.\n\nBest,\nDana\n";
	/* Windows Mail quotes with no marker and no header. */
	struct reply r = {0};
	assert_int_equal(
		reply_extract(&r,
			      "Thanks, please do.\n\nThis will be my last note. I'm still "
			      "interested, but I don't want to be a pest.\n"
			      "If you're slammed and would like me to reconnect in 90 days or "
			      "so, just let me know.\n",
			      0, sent),
		0);
	assert_string_equal(r.text, "Thanks, please do.");
	assert_non_null(strstr(r.trace, "sent: 2 lines repeating the outbound email removed"));
	reply_release(&r);
	/* Short lines are the replier's own even when the outbound used the words. */
	assert_int_equal(reply_extract(&r, "Best,\nGreg\n", 0, sent), 0);
	assert_string_equal(r.text, "Best,\nGreg");
	reply_release(&r);
}

static void explain_trace_names_the_line(void **state)
{
	(void)state;
	struct reply r = {0};
	assert_int_equal(
		reply_extract(&r, "Yes.\n\n-----Original Message-----\nFrom: x\n", 1, NULL), 0);
	assert_non_null(strstr(r.trace, "splitter: original/forwarded message marker at line 3"));
	assert_non_null(strstr(r.trace, "reply: text rendered from HTML"));
	reply_release(&r);
	reply_release(&r); /* released twice is fine */
	/* NULL and empty text. */
	assert_int_equal(reply_extract(&r, NULL, 0, NULL), 0);
	assert_string_equal(r.text, "");
	reply_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gmail_on_wrote),
		cmocka_unit_test(european_attributions),
		cmocka_unit_test(outlook_blocks),
		cmocka_unit_test(forwards_and_mobile_markers),
		cmocka_unit_test(signatures),
		cmocka_unit_test(inline_and_bottom_posts_keep_answers),
		cmocka_unit_test(normalisation),
		cmocka_unit_test(sent_text_filter),
		cmocka_unit_test(explain_trace_names_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
