/* test_imap_utf7.c: folder names in modified UTF-7 (RFC 3501 5.1.3) both ways, and the
 * loopback test that guards tls = none. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "imap.h"

static const struct {
	const char *utf8, *mutf7;
} pairs[] = {
	{"INBOX", "INBOX"},
	{"Sent Items", "Sent Items"},
	{"Éléments envoyés", "&AMk-l&AOk-ments envoy&AOk-s"},
	{"Gesendete Objekte", "Gesendete Objekte"},
	{"Entwürfe", "Entw&APw-rfe"},
	{"~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"}, /* RFC 3501's example */
	{"Tom & Jerry", "Tom &- Jerry"},
	{"&", "&-"},
	{"Отправленные", "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"},
	{"😀 fun", "&2D3eAA- fun"}, /* outside the BMP: a surrogate pair */
	{"", ""},
};

static void test_encode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char *e = imap_utf7_encode(pairs[i].utf8);
		assert_non_null(e);
		assert_string_equal(e, pairs[i].mutf7);
		free(e);
	}
}

static void test_decode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char *d = imap_utf7_decode(pairs[i].mutf7);
		assert_non_null(d);
		assert_string_equal(d, pairs[i].utf8);
		free(d);
	}
}

static void test_decode_refuses_bad_input(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"&AMk",	       /* unterminated */
		"&AM*-",       /* not base64 */
		"&-&",	       /* a lone & at the end */
		"&AEE-",       /* "A" encoded: printable ASCII must be literal */
		"&2D0-",       /* a high surrogate alone */
		"&3gA-",       /* a low surrogate alone */
		"caf\xc3\xa9", /* raw 8-bit */
		"&AMkA-",      /* a base64 character too many */
		"&AMl-",       /* leftover bits not zero */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *d = imap_utf7_decode(bad[i]);
		if (d)
			fail_msg("'%s' decoded to '%s'", bad[i], d);
	}
}

static void test_encode_refuses_bad_utf8(void **state)
{
	(void)state;
	assert_null(imap_utf7_encode("caf\xc3"));
	assert_null(imap_utf7_encode("\xff\xfe"));
	assert_null(imap_utf7_encode("\xed\xa0\x80")); /* an encoded surrogate */
}

static void test_loopback(void **state)
{
	(void)state;
	assert_int_equal(imap_host_is_loopback("127.0.0.1"), 1);
	assert_int_equal(imap_host_is_loopback("127.1.2.3"), 1);
	assert_int_equal(imap_host_is_loopback("::1"), 1);
	assert_int_equal(imap_host_is_loopback("localhost"), 1);
	assert_int_equal(imap_host_is_loopback("128.0.0.1"), 0);
	assert_int_equal(imap_host_is_loopback("10.0.0.1"), 0);
	assert_int_equal(imap_host_is_loopback("imap.example.com"), 0);
	assert_int_equal(imap_host_is_loopback("localhost.evil.example"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_decode_refuses_bad_input),
		cmocka_unit_test(test_encode_refuses_bad_utf8),
		cmocka_unit_test(test_loopback),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
