/* test_json.c: the JSON writer (watcher/json.h): escaping, invalid UTF-8, nesting, numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "json.h"

static void objects_arrays_and_commas(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct json j;
	json_init(&j, &b);
	json_obj_begin(&j);
	json_key_str(&j, "file", "a.eml");
	json_key_null(&j, "callback");
	json_key(&j, "scores");
	json_obj_begin(&j);
	json_key_num(&j, "yes", 2.5);
	json_key_num(&j, "no", 0);
	json_obj_end(&j);
	json_key(&j, "rules");
	json_arr_begin(&j);
	json_int(&j, -3);
	json_bool(&j, true);
	json_str(&j, NULL);
	json_arr_begin(&j);
	json_arr_end(&j);
	json_arr_end(&j);
	json_key_bool(&j, "bounce", false);
	json_obj_end(&j);
	assert_string_equal(buf_str(&b), "{\"file\":\"a.eml\",\"callback\":null,\"scores\":{\"yes\":2.5,"
					 "\"no\":0},\"rules\":[-3,true,null,[]],\"bounce\":false}");
	buf_release(&b);
}

static void strings_are_escaped(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	const char s[] = "say \"hi\"\\\n\t\x01 caf\xc3\xa9 \xff bad \xe2\x82";
	json_escape(&b, s, sizeof s - 1);
	assert_string_equal(buf_str(&b), "\"say \\\"hi\\\"\\\\\\n\\t\\u0001 caf\xc3\xa9 \xef\xbf\xbd bad "
					 "\xef\xbf\xbd\xef\xbf\xbd\"");
	buf_release(&b);
}

static void numbers_read_back(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct json j;
	json_init(&j, &b);
	json_arr_begin(&j);
	json_num(&j, 0.1);
	json_num(&j, 1.0 / 3.0);
	json_num(&j, NAN);
	json_arr_end(&j);
	assert_string_equal(buf_str(&b), "[0.1,0.3333333333333333,null]");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(objects_arrays_and_commas),
		cmocka_unit_test(strings_are_escaped),
		cmocka_unit_test(numbers_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
