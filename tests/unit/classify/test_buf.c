/* test_buf.c: the growable buffer and located errors (classify/buf.h, classify/err.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

static void appends_grow_and_stay_terminated(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_int_equal(strlen(buf_str(&b)), 2000);
	assert_memory_equal(b.data, "0,1,2,", 6);
	buf_reset(&b);
	buf_puts(&b, "after reset");
	char *s = buf_detach(&b);
	assert_string_equal(s, "after reset");
	assert_null(b.data);
	free(s);
	buf_release(&b);
}

static void long_printf_is_not_cut(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	char big[1000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "<%s>", big);
	assert_int_equal(b.len, 1001);
	assert_int_equal(b.data[1000], '>');
	buf_release(&b);
}

static void errors_carry_code_and_location(void **state)
{
	(void)state;
	struct rw_err err;
	rw_err_clear(&err);
	assert_int_equal(rw_fail(&err, RW_ESYNTAX, "%s:%d: unknown scope '%s'", "a.rules", 7, "x"),
			 -1);
	assert_int_equal(err.code, RW_ESYNTAX);
	assert_string_equal(err.msg, "a.rules:7: unknown scope 'x'");
	rw_err_prefix(&err, "loading %s", "rules/");
	assert_string_equal(err.msg, "loading rules/: a.rules:7: unknown scope 'x'");
	assert_int_equal(rw_fail(NULL, RW_EIO, "ignored"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(appends_grow_and_stay_terminated),
		cmocka_unit_test(long_printf_is_not_cut),
		cmocka_unit_test(errors_carry_code_and_location),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
