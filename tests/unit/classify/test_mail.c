/* test_mail.c: raw message to headers and text (classify/mail.h), written the way real
 * clients write mail: Gmail multipart/alternative, Outlook windows-1252 quoted-printable,
 * Apple Mail format=flowed, HTML-only Outlook, DSNs, broken MIME. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"

static struct mail *parse(const char *raw)
{
	struct mail *m = NULL;
	struct rw_err err;
	assert_int_equal(mail_parse(&m, raw, strlen(raw), NULL, &err), 0);
	assert_non_null(m);
	return m;
}

static void gmail_alternative_prefers_plain(void **state)
{
	(void)state;
	struct mail *m =
		parse("Return-Path: <marcus@harborline.example>\r\n"
		      "From: Marcus Feld <Marcus.Feld@Harborline.example>\r\n"
		      "To: Dana Whitfield <dana@northwind.example>\r\n"
		      "Subject: Re: last note from me\r\n"
		      "Date: Thu, 22 Oct 2026 14:03:11 -0500\r\n"
		      "Message-ID: <CAF=abc@mail.gmail.com>\r\n"
		      "In-Reply-To: <b2-1@northwind.example>\r\n"
		      "References: <b1-1@northwind.example>\r\n <b2-1@northwind.example>\r\n"
		      "MIME-Version: 1.0\r\n"
		      "Content-Type: multipart/alternative; boundary=\"000000000000b3\"\r\n"
		      "\r\n"
		      "--000000000000b3\r\n"
		      "Content-Type: text/plain; charset=\"UTF-8\"\r\n"
		      "\r\n"
		      "Are you free Thursday after 2pm Central?\r\n"
		      "\r\n"
		      "--000000000000b3\r\n"
		      "Content-Type: text/html; charset=\"UTF-8\"\r\n"
		      "\r\n"
		      "<div dir=\"ltr\">Are you free <b>Thursday</b>?</div>\r\n"
		      "--000000000000b3--\r\n");
	assert_string_equal(mail_text(m), "Are you free Thursday after 2pm Central?\n");
	assert_false(mail_text_is_html(m));
	assert_string_equal(mail_content_type(m), "multipart/alternative");
	size_t n;
	const char *const *from = mail_addresses(m, "From", &n);
	assert_int_equal(n, 1);
	assert_string_equal(from[0], "marcus.feld@harborline.example");
	assert_string_equal(mail_message_id(m), "CAF=abc@mail.gmail.com");
	const char *const *refs = mail_references(m, &n);
	assert_int_equal(n, 2);
	assert_string_equal(refs[0], "b2-1@northwind.example");
	assert_string_equal(refs[1], "b1-1@northwind.example");
	int tz = 0;
	/* 2026-10-22 19:03:11 UTC */
	assert_int_equal(mail_date(m, &tz), 1792695791);
	assert_int_equal(tz, -300);
	assert_string_equal(mail_header(m, "subject"), "Re: last note from me");
	mail_free(&m);
	/* Obsolete two-digit year (RFC 5322 §4.3). */
	m = parse("Date: Tue, 20 Oct 26 09:12:00 GMT\n\nx\n");
	assert_int_equal(mail_date(m, NULL), 1792487520);
	mail_free(&m);
	m = parse("Date: Tuesday, October 20, 2026 9:12 AM\n\nx\n");
	assert_int_equal(mail_date(m, NULL), 0); /* unreadable: 0, caller falls back */
	mail_free(&m);
	m = parse("From: a@b.example\n\nx\n");
	assert_string_equal(mail_warnings(m), "");
	mail_free(&m);
	assert_null(m);
	mail_free(&m); /* NULL is fine */
}

static void outlook_qp_windows1252(void **state)
{
	(void)state;
	struct mail *m = parse("From: \"Pruitt, Douglas\" <dpruitt@pruittlowe.example>\n"
			       "Subject: RE: one last note\n"
			       "Content-Type: text/plain; charset=\"iso-8859-1\"\n"
			       "Content-Transfer-Encoding: quoted-printable\n"
			       "\n"
			       "We=92re frozen =96 try me in April.=0A=\n"
			       "Caf=E9 on me.\n");
	/* 0x92 and 0x96 are windows-1252 punctuation under an iso-8859-1 label. */
	assert_string_equal(mail_text(m), "We\xE2\x80\x99re frozen \xE2\x80\x93 try me in April.\n"
					  "Caf\xC3\xA9 on me.\n");
	size_t n;
	assert_string_equal(mail_addresses(m, "from", &n)[0], "dpruitt@pruittlowe.example");
	mail_free(&m);
}

/* RFC 2045 §6.7 note 1: an "=" that starts no valid escape is kept as written (F2.46). */
static void qp_invalid_escape_kept(void **state)
{
	(void)state;
	struct mail *m = parse("From: a@b.example\n"
			       "Subject: Re: x\n"
			       "Content-Type: text/plain; charset=utf-8\n"
			       "Content-Transfer-Encoding: quoted-printable\n"
			       "\n"
			       "Yes =4 call me, 2+2=4.=3Z =ZZ ok=\r\n"
			       "joined =3D done =  \n"
			       "end=\n");
	assert_string_equal(mail_text(m), "Yes =4 call me, 2+2=4.=3Z =ZZ okjoined = done end");
	mail_free(&m);
}

static void rfc2047_and_8bit_headers(void **state)
{
	(void)state;
	struct mail *m =
		parse("From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <jm@brandt.example>\n"
		      "Subject: =?UTF-8?B?UsOpcG9uc2UgYXV0b21hdGlxdWU=?= =?UTF-8?Q?_:_absent?=\n"
		      "X-Raw: Gr\xfc\xdf"
		      "e\n"
		      "Content-Type: text/plain; charset=utf-8\n"
		      "\n"
		      "ok\n");
	assert_string_equal(mail_header(m, "from"),
			    "J\xC3\xBCrgen M\xC3\xBCller <jm@brandt.example>");
	assert_string_equal(mail_header(m, "Subject"), "R\xC3\xA9ponse automatique : absent");
	/* 8-bit Latin-1 in a header is read, not dropped. */
	assert_string_equal(mail_header(m, "x-raw"), "Gr\xC3\xBC\xC3\x9F"
						     "e");
	assert_non_null(strstr(mail_warnings(m), "header text repaired"));
	const char *name, *value;
	assert_int_equal(mail_header_at(m, 0, &name, &value), 0);
	assert_string_equal(name, "From");
	assert_int_equal(mail_header_at(m, 4, &name, &value), -1);
	mail_free(&m);
}

static void flowed_text_is_joined(void **state)
{
	(void)state;
	struct mail *m = parse("From: a@apple.example\n"
			       "Content-Type: text/plain; charset=us-ascii; format=flowed\n"
			       "\n"
			       "Let's talk in the new \n"
			       "year.\n"
			       "\n"
			       "> Should I close \n"
			       "> your file?\n"
			       "-- \n"
			       "Ann\n");
	assert_string_equal(
		mail_text(m),
		"Let's talk in the new year.\n\n> Should I close your file?\n-- \nAnn\n");
	mail_free(&m);
}

static void html_only_quote_cut_before_render(void **state)
{
	(void)state;
	struct mail *m =
		parse("From: s@contoso.example\n"
		      "Content-Type: text/html; charset=utf-8\n"
		      "Content-Transfer-Encoding: base64\n"
		      "\n"
		      /* <p>Please don&rsquo;t close it.</p><div id="x_appendonsend"></div>
		       * <div id="x_divRplyFwdMsg"><b>From:</b> Dana</div><p>No Longer
		       * Interested file</p> */
		      "PHA+UGxlYXNlIGRvbiZyc3F1bzt0IGNsb3NlIGl0LjwvcD48ZGl2IGlkPSJ4X2FwcGVu\n"
		      "ZG9uc2VuZCI+PC9kaXY+PGRpdiBpZD0ieF9kaXZScGx5RndkTXNnIj48Yj5Gcm9tOjwv\n"
		      "Yj4gRGFuYTwvZGl2PjxwPk5vIExvbmdlciBJbnRlcmVzdGVkIGZpbGU8L3A+\n");
	assert_true(mail_text_is_html(m));
	assert_non_null(strstr(mail_text(m), "Please don\xE2\x80\x99t close it."));
	assert_null(strstr(mail_text(m), "Interested"));
	assert_non_null(strstr(mail_warnings(m), "appendonsend"));
	mail_free(&m);
}

static void attachments_skipped_and_dsn_exposed(void **state)
{
	(void)state;
	struct mail *m = parse("From: MAILER-DAEMON@mx1.northwind.example\n"
			       "Subject: Undelivered Mail Returned to Sender\n"
			       "Content-Type: multipart/report; report-type=delivery-status;\n"
			       "\tboundary=\"B1\"\n"
			       "\n"
			       "--B1\n"
			       "Content-Description: Notification\n"
			       "Content-Type: text/plain; charset=us-ascii\n"
			       "\n"
			       "I'm sorry to have to inform you that your message could not\n"
			       "be delivered.\n"
			       "\n"
			       "--B1\n"
			       "Content-Type: message/delivery-status\n"
			       "\n"
			       "Reporting-MTA: dns; mx1.northwind.example\n"
			       "\n"
			       "Final-Recipient: rfc822; n.petrova@kestrel.example\n"
			       "Action: failed\n"
			       "Status: 5.1.1\n"
			       "\n"
			       "--B1\n"
			       "Content-Type: message/rfc822\n"
			       "\n"
			       "From: dana@northwind.example\n"
			       "Subject: last note\n"
			       "\n"
			       "The outbound text, never the reply.\n"
			       "--B1--\n");
	assert_string_equal(mail_content_type(m), "multipart/report");
	assert_non_null(strstr(mail_text(m), "could not\nbe delivered."));
	assert_null(strstr(mail_text(m), "outbound"));
	assert_non_null(mail_delivery_status(m));
	assert_non_null(strstr(mail_delivery_status(m), "Status: 5.1.1"));
	mail_free(&m);

	m = parse("From: x@x.example\n"
		  "Content-Type: multipart/mixed; boundary=m\n"
		  "\n"
		  "--m\n"
		  "Content-Type: text/plain; name=notes.txt\n"
		  "Content-Disposition: attachment; filename=notes.txt\n"
		  "\n"
		  "attached notes\n"
		  "--m\n"
		  "Content-Type: text/plain\n"
		  "\n"
		  "the body\n"
		  "--m--\n");
	assert_string_equal(mail_text(m), "the body");
	mail_free(&m);
}

static void broken_mime_is_best_effort(void **state)
{
	(void)state;
	/* Boundary never appears: the body is still read, and the problem is noted. */
	struct mail *m = parse("From: a@a.example\n"
			       "Content-Type: multipart/mixed; boundary=nothere\n"
			       "\n"
			       "Yes please, call me.\n");
	assert_string_equal(mail_text(m), "Yes please, call me.\n");
	assert_non_null(strstr(mail_warnings(m), "boundary 'nothere' never found"));
	mail_free(&m);

	/* A header value wrapped without the leading blank: the fields below survive. */
	m = parse("Subject: a very long subject that a broken client\nwrapped without a space\n"
		  "Content-Type: text/plain; charset=iso-8859-1\n\ncaf\xe9\n");
	assert_string_equal(mail_text(m), "caf\xC3\xA9\n");
	assert_string_equal(mail_header(m, "subject"),
			    "a very long subject that a broken client wrapped without a space");
	assert_non_null(strstr(mail_warnings(m), "without a colon joined"));
	mail_free(&m);

	/* No header block at all. */
	m = parse("No thanks\n");
	assert_string_equal(mail_text(m), "No thanks\n");
	assert_null(mail_header(m, "from"));
	assert_int_equal(mail_date(m, NULL), 0);
	mail_free(&m);

	/* Invalid UTF-8 in a utf-8 part is repaired, not dropped. */
	m = parse("Content-Type: text/plain; charset=utf-8\n\nna\xefve \xc3\xa9t\xe9\n");
	assert_string_equal(mail_text(m), "na\xC3\xAFve \xC3\xA9t\xC3\xA9\n");
	assert_non_null(strstr(mail_warnings(m), "repaired"));
	mail_free(&m);

	/* A UTF-8 body labelled Latin-1 is read as UTF-8. */
	m = parse("Content-Type: text/plain; charset=iso-8859-1\n\nDon\xE2\x80\x99t close it\n");
	assert_string_equal(mail_text(m), "Don\xE2\x80\x99t close it\n");
	mail_free(&m);

	/* Binary junk and NUL bytes. */
	static const char junk[] = "From: \x80\x00\xff:\n\n\x00\x01 hi\n";
	struct rw_err err;
	assert_int_equal(mail_parse(&m, junk, sizeof junk - 1, NULL, &err), 0);
	assert_non_null(strstr(mail_text(m), "hi"));
	mail_free(&m);
}

static void limits_are_reported(void **state)
{
	(void)state;
	/* 30 nested multiparts against a depth limit of 5. */
	char raw[8192] = "From: a@a.example\nContent-Type: multipart/mixed; boundary=b0\n\n";
	for (int i = 0; i < 30; i++) {
		char part[128];
		snprintf(part, sizeof part,
			 "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i, i + 1);
		strcat(raw, part);
	}
	strcat(raw, "--b30\nContent-Type: text/plain\n\ndeep\n");
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	lim.max_depth = 5;
	struct mail *m = NULL;
	struct rw_err err;
	assert_int_equal(mail_parse(&m, raw, strlen(raw), &lim, &err), 0);
	assert_non_null(strstr(mail_warnings(m), "limit: MIME nesting deeper than 5"));
	mail_free(&m);

	/* Text and line limits. */
	char *big = malloc(100000);
	strcpy(big, "Content-Type: text/plain\n\n");
	size_t k = strlen(big);
	memset(big + k, 'x', 90000);
	big[k + 90000] = '\0';
	lim = (struct mime_limits)MIME_LIMITS_DEFAULT;
	lim.max_text = 20000;
	lim.max_line = 1000;
	assert_int_equal(mail_parse(&m, big, strlen(big), &lim, &err), 0);
	assert_true(strlen(mail_text(m)) <= 20000);
	assert_true(strlen(mail_text(m)) >= 19000);
	assert_non_null(strchr(mail_text(m), '\n'));
	assert_non_null(strstr(mail_warnings(m), "limit: text longer than 20000 bytes"));
	assert_non_null(strstr(mail_warnings(m), "limit: line longer than 1000 bytes"));
	assert_non_null(strstr(mail_warnings(m), "text/plain part of 90000 bytes; only the first 84096 read"));
	mail_free(&m);
	free(big);

	/* Part count. */
	char many[16384] = "Content-Type: multipart/mixed; boundary=p\n\n";
	for (int i = 0; i < 50; i++)
		strcat(many, "--p\nContent-Type: text/plain\n\npart\n");
	strcat(many, "--p--\n");
	lim = (struct mime_limits)MIME_LIMITS_DEFAULT;
	lim.max_parts = 10;
	assert_int_equal(mail_parse(&m, many, strlen(many), &lim, &err), 0);
	assert_non_null(strstr(mail_warnings(m), "limit: more than 10 MIME parts"));
	mail_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gmail_alternative_prefers_plain),
		cmocka_unit_test(outlook_qp_windows1252),
		cmocka_unit_test(qp_invalid_escape_kept),
		cmocka_unit_test(rfc2047_and_8bit_headers),
		cmocka_unit_test(flowed_text_is_joined),
		cmocka_unit_test(html_only_quote_cut_before_render),
		cmocka_unit_test(attachments_skipped_and_dsn_exposed),
		cmocka_unit_test(broken_mime_is_best_effort),
		cmocka_unit_test(limits_are_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
