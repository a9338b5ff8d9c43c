/* test_autoreply.c: messages no person wrote (classify/autoreply.h): RFC 3834 headers,
 * Exchange subjects without headers, body-only out-of-office notices, DSN bounces, left the
 * company, auto-acknowledgements, and the human replies that must not be taken for them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "autoreply.h"
#include "reply.h"

/* Parse raw, extract the reply, detect; the caller releases *out. */
static void detect(struct autoreply *out, const char *raw)
{
	struct mail *m = NULL;
	struct rw_err err;
	assert_int_equal(mail_parse(&m, raw, strlen(raw), NULL, &err), 0);
	struct reply r = {0};
	assert_int_equal(reply_extract(&r, mail_text(m), mail_text_is_html(m), NULL), 0);
	assert_int_equal(autoreply_detect(out, m, r.text), 0);
	reply_release(&r);
	mail_free(&m);
}

static void gmail_vacation_with_headers(void **state)
{
	(void)state;
	struct autoreply a;
	detect(&a, "From: Steven Park <spark@ridgeline.example>\n"
		   "Subject: Re: last note from me\n"
		   "Auto-Submitted: auto-replied\n"
		   "Precedence: bulk\n"
		   "X-Autoreply: yes\n"
		   "\n"
		   "I am currently out of the office with limited access to email. I will be back "
		   "on Monday, October 5th. For urgent matters please contact Lisa at "
		   "lisa.chen@ridgeline.example.\n\nSteven\n");
	assert_int_equal(a.kind, AUTO_OUT_OF_OFFICE);
	assert_string_equal(autoreply_kind_name(a.kind), "out-of-office");
	assert_non_null(strstr(a.why, "Auto-Submitted: auto-replied"));
	assert_string_equal(a.return_phrase, "back on Monday, October 5th");
	assert_int_equal(a.return_is_last_day_away, 0);
	assert_string_equal(a.alternate_contact, "lisa.chen@ridgeline.example");
	autoreply_release(&a);
	assert_null(a.why);
}

static void exchange_subjects_without_headers(void **state)
{
	(void)state;
	struct autoreply a;
	detect(&a, "From: jonas.weber@brandt.example\n"
		   "Subject: Abwesenheitsnotiz: AW: letzte Nachricht\n"
		   "\n"
		   "Vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 30. September nicht "
		   "im Büro.\n");
	assert_int_equal(a.kind, AUTO_OUT_OF_OFFICE);
	assert_non_null(strstr(a.why, "abwesenheitsnotiz"));
	assert_string_equal(a.return_phrase, "bis einschließlich 30. September");
	assert_int_equal(a.return_is_last_day_away, 1);
	autoreply_release(&a);

	detect(&a, "From: sophie@laurent.example\n"
		   "Subject: =?UTF-8?Q?R=C3=A9ponse_automatique=C2=A0:_Re:_dernier_message?=\n"
		   "\n"
		   "Je suis absente, de retour le 12 octobre.\n");
	assert_int_equal(a.kind, AUTO_OUT_OF_OFFICE);
	assert_string_equal(a.return_phrase, "de retour le 12 octobre");
	assert_int_equal(a.return_is_last_day_away, 0);
	autoreply_release(&a);

	detect(&a, "From: x@y.example\nSubject: RE: Automatisch antwoord: last note\n\n"
		   "Ik ben afwezig tot en met 30 oktober.\n");
	assert_int_equal(a.kind, AUTO_OUT_OF_OFFICE);
	assert_string_equal(a.return_phrase, "tot en met 30 oktober");
	autoreply_release(&a);

	detect(&a, "From: x@y.example\nSubject: Out of Office: last note\n\n"
		   "I am on leave from 1 to 15 October.\n");
	assert_string_equal(a.return_phrase, "to 15 October");
	assert_int_equal(a.return_is_last_day_away, 1);
	autoreply_release(&a);

	detect(&a, "From: x@y.example\nSubject: Automatic reply: last note\n\n"
		   "I am out of the office through October 16 and back in the office on Monday, "
		   "October 19.\n");
	assert_string_equal(a.return_phrase, "back in the office on Monday, October 19");
	assert_int_equal(a.return_is_last_day_away, 0);
	autoreply_release(&a);

	detect(&a, "From: x@y.example\nSubject: Abwesend\n\n"
		   "Ich bin ab dem 10.9. wieder im Büro.\n");
	assert_string_equal(a.return_phrase, "ab dem 10.9.");
	assert_int_equal(a.return_is_last_day_away, 0);
	autoreply_release(&a);

	detect(&a, "From: x@y.example\nSubject: Out of Office: last note\n\n"
		   "I'm out until 30 September.\n");
	assert_string_equal(a.return_phrase, "until 30 September");
	assert_int_equal(a.return_is_last_day_away, 1);
	autoreply_release(&a);
}

static void body_only_needs_two_signals(void **state)
{
	(void)state;
	struct autoreply a;
	/* Some Exchange set-ups send no header and keep the subject. */
	detect(&a, "From: a@b.example\nSubject: RE: a quick follow-up\n\n"
		   "I am out of the office until Friday 6 November with no access to email.\n");
	assert_int_equal(a.kind, AUTO_OUT_OF_OFFICE);
	assert_string_equal(a.return_phrase, "until Friday 6 November");
	autoreply_release(&a);
	/* A person mentioning an absence is a person. */
	detect(&a, "From: a@b.example\nSubject: Re: last note\n\n"
		   "Sorry, I was on vacation. Yes, let's talk next week.\n");
	assert_int_equal(a.kind, AUTO_NONE);
	assert_null(a.why);
	autoreply_release(&a);
	detect(&a,
	       "From: a@b.example\nSubject: Re: last note\n\n"
	       "Sorry for the delay, I was out of the office until yesterday. Call me Monday.\n");
	assert_int_equal(a.kind, AUTO_NONE);
	autoreply_release(&a);
	/* X-Auto-Response-Suppress asks others not to auto-reply; it marks nothing. */
	detect(&a, "From: a@b.example\nSubject: Re: last note\nX-Auto-Response-Suppress: All\n"
		   "Precedence: normal\n\nPlease close my file.\n");
	assert_int_equal(a.kind, AUTO_NONE);
	autoreply_release(&a);
	detect(&a, "From: a@b.example\nSubject: Re: last note\nAuto-Submitted: no\n\nNo thanks.\n");
	assert_int_equal(a.kind, AUTO_NONE);
	autoreply_release(&a);
}

static void dsn_bounce(void **state)
{
	(void)state;
	struct autoreply a;
	detect(&a, "From: MAILER-DAEMON@mx1.northwind.example (Mail Delivery System)\n"
		   "Subject: Undelivered Mail Returned to Sender\n"
		   "Content-Type: multipart/report; report-type=delivery-status; boundary=\"R\"\n"
		   "\n"
		   "--R\n"
		   "Content-Type: text/plain\n"
		   "\n"
		   "<n.petrova@kestrel.example>: host said: 550 5.1.1 User unknown\n"
		   "--R\n"
		   "Content-Type: message/delivery-status\n"
		   "\n"
		   "Reporting-MTA: dns; mx1.northwind.example\n"
		   "\n"
		   "Final-Recipient: rfc822; N.Petrova@kestrel.example\n"
		   "Original-Recipient: rfc822;n.petrova@kestrel.example\n"
		   "Action: failed\n"
		   "Status: 5.1.1\n"
		   "--R--\n");
	assert_int_equal(a.kind, AUTO_BOUNCE);
	assert_string_equal(a.bounce_recipient, "n.petrova@kestrel.example");
	assert_string_equal(a.bounce_status, "5.1.1");
	autoreply_release(&a);

	/* No report part: an old-style notification from postmaster. */
	detect(&a,
	       "From: postmaster@mail.example\nSubject: Delivery Status Notification (Failure)\n"
	       "X-Failed-Recipients: gone@old.example\n\n"
	       "Delivery to the following recipient failed permanently: gone@old.example\n"
	       "Technical details: 550 5.1.1 The email account does not exist.\n");
	assert_int_equal(a.kind, AUTO_BOUNCE);
	assert_string_equal(a.bounce_recipient, "gone@old.example");
	assert_string_equal(a.bounce_status, "5.1.1");
	autoreply_release(&a);

	/* A delay notice is automatic, not a failure. */
	detect(&a, "From: MAILER-DAEMON@mx.example\nSubject: Delayed Mail (still being retried)\n"
		   "Content-Type: multipart/report; report-type=delivery-status; boundary=D\n\n"
		   "--D\nContent-Type: message/delivery-status\n\n"
		   "Final-Recipient: rfc822; slow@far.example\nAction: delayed\nStatus: "
		   "4.4.1\n--D--\n");
	assert_int_equal(a.kind, AUTO_OTHER);
	autoreply_release(&a);
}

static void left_company_and_ack(void **state)
{
	(void)state;
	struct autoreply a;
	detect(&a,
	       "From: mreyes@bayside.example\nSubject: Automatic reply: last note\n"
	       "Auto-Submitted: auto-generated\n\n"
	       "Maria Reyes is no longer with Bayside Credit Union. Please direct your email to "
	       "info@bayside.example.\n");
	assert_int_equal(a.kind, AUTO_LEFT_COMPANY);
	assert_string_equal(a.alternate_contact, "info@bayside.example");
	autoreply_release(&a);

	/* A customer leaving a vendor is a person answering. */
	detect(&a, "From: a@b.example\nSubject: Re: last note\n\n"
		   "We are no longer with Acme, we switched to Domo last year.\n");
	assert_int_equal(a.kind, AUTO_NONE);
	autoreply_release(&a);
	detect(&a, "From: a@b.example\nSubject: Re: last note\n\n"
		   "Hi, Tom is no longer with the company. Please contact jane@b.example.\n");
	assert_int_equal(a.kind, AUTO_LEFT_COMPANY);
	assert_string_equal(a.alternate_contact, "jane@b.example");
	autoreply_release(&a);

	detect(&a, "From: support@vendor.example\nSubject: [Ticket #4821] Re: last note\n"
		   "Auto-Submitted: auto-replied\n\n"
		   "We have received your request. A member of our team will respond shortly.\n");
	assert_int_equal(a.kind, AUTO_ACK);
	assert_string_equal(autoreply_kind_name(a.kind), "auto-ack");
	autoreply_release(&a);
}

static void read_receipt_is_no_bounce(void **state)
{
	(void)state;
	struct autoreply a;
	detect(&a,
	       "From: Walter Grant <wgrant@grant.example>\nSubject: Read: Closing the loop\n"
	       "Content-Type: multipart/report; report-type=disposition-notification;\n"
	       "\tboundary=\"M\"\n\n--M\nContent-Type: text/plain\n\nYour message\n\n"
	       "  To: Walter Grant\n  Subject: Closing the loop\n  Sent: Monday, June 15, 2026\n\n"
	       "was read on Tuesday, June 16, 2026.\n--M\n"
	       "Content-Type: message/disposition-notification\n\n"
	       "Final-Recipient: rfc822;wgrant@grant.example\nDisposition: automatic-action/"
	       "MDN-sent-automatically; displayed\n--M--\n");
	assert_int_equal(a.kind, AUTO_ACK);
	assert_non_null(strstr(a.why, "read receipt"));
	assert_null(a.bounce_recipient);
	autoreply_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gmail_vacation_with_headers),
		cmocka_unit_test(exchange_subjects_without_headers),
		cmocka_unit_test(body_only_needs_two_signals),
		cmocka_unit_test(dsn_bounce),
		cmocka_unit_test(left_company_and_ack),
		cmocka_unit_test(read_receipt_is_no_bounce),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
