/* test_log.c: levels, per-subsystem debug switches, and secrets kept out of the log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"

static char path[64];

/* Run fn with stderr sent to a file; return what it wrote (static buffer). */
static const char *capture(void (*fn)(void))
{
	static char out[4096];
	fflush(stderr);
	int saved = dup(2);
	FILE *f = fopen(path, "w+");
	assert_non_null(f);
	dup2(fileno(f), 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	size_t n = fread(out, 1, sizeof out - 1, f);
	out[n] = '\0';
	fclose(f);
	return out;
}

static void emit(void)
{
	log_error(LOG_STORE, "disk %s", "full");
	log_info(LOG_SYNC, "3 new");
	log_debug(LOG_IMAP, "> a1 CAPABILITY");
	log_debug(LOG_STORE, "store detail");
}

static void test_levels_and_switches(void **state)
{
	(void)state;
	unsetenv("REPLYWATCH_DEBUG");
	log_setup(0);
	const char *o = capture(emit);
	assert_non_null(strstr(o, "replywatch: error: store: disk full\n"));
	assert_null(strstr(o, "3 new"));
	assert_null(strstr(o, "CAPABILITY"));
	log_setup(1);
	o = capture(emit);
	assert_non_null(strstr(o, "replywatch: info: sync: 3 new\n"));
	assert_null(strstr(o, "CAPABILITY"));
	setenv("REPLYWATCH_DEBUG", "imap", 1);
	log_setup(0);
	o = capture(emit);
	assert_non_null(strstr(o, "imap: > a1 CAPABILITY"));
	assert_null(strstr(o, "store detail"));
	unsetenv("REPLYWATCH_DEBUG");
	log_setup(2);
	o = capture(emit);
	assert_non_null(strstr(o, "store: store detail"));
}

static void emit_secrets(void)
{
	log_debug(LOG_IMAP, "> a2 LOGIN sam hunter2");
	log_debug(LOG_IMAP, "> a3 AUTHENTICATE PLAIN c2FtAHNhbQBodW50ZXIy");
	log_warn(LOG_CONFIG, "password=hunter2 rejected");
	log_warn(LOG_CONFIG, "oauth2 token: abc.def.ghi");
	log_warn(LOG_CONFIG, "password_file is mode 0644");
}

static void test_secrets_redacted(void **state)
{
	(void)state;
	log_setup(2);
	const char *o = capture(emit_secrets);
	assert_null(strstr(o, "hunter2"));
	assert_null(strstr(o, "c2FtAHNhbQBodW50ZXIy"));
	assert_null(strstr(o, "abc.def.ghi"));
	assert_non_null(strstr(o, "LOGIN  <redacted>"));
	/* Naming the setting is not a secret: that message stays whole. */
	assert_non_null(strstr(o, "password_file is mode 0644"));
}

int main(void)
{
	snprintf(path, sizeof path, "/tmp/rw-test-log-%ld", (long)getpid());
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_and_switches),
		cmocka_unit_test(test_secrets_redacted),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return rc;
}
