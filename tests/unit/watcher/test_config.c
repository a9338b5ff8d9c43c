/* test_config.c: the config file as a user writes it: defaults without a file, every
 * problem reported with file:line before failing, the password rules (SPEC §5, issue 2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/rw-test-config-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static const char *write_file(const char *name, const char *text, mode_t mode)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(path, mode), 0);
	return path;
}

static void test_defaults_without_file(void **state)
{
	struct config *c = NULL;
	struct rw_err err = {0};
	char path[128];
	(void)state;
	snprintf(path, sizeof path, "%s/none", dir);
	assert_int_equal(config_load(&c, path, false, &err), 0);
	assert_null(c->path);
	assert_null(c->imap.host);
	assert_int_equal(c->imap.tls, CONFIG_TLS_IMPLICIT);
	assert_int_equal(c->imap.nfolders, 1);
	assert_string_equal(c->imap.folders[0], "INBOX");
	assert_int_equal(c->watch.poll_interval, 60);
	assert_int_equal(c->watch.since_days, 120);
	assert_int_equal(c->watch.match_window_days, 60);
	assert_false(c->watch.keywords);
	assert_int_equal(c->watch.max_body_bytes, 1024 * 1024);
	assert_int_equal(c->schedule.breakup_later_days, 90);
	assert_int_equal(c->schedule.pending_later_days, 60);
	assert_int_equal(c->schedule.drip_after_days, 14);
	assert_int_equal(c->schedule.pending_every_days, 90);
	config_free(&c);
	assert_null(c);
	/* Named with -c, a missing file is an error. */
	assert_int_equal(config_load(&c, path, true, &err), -1);
	assert_non_null(strstr(err.msg, path));
}

static void test_values(void **state)
{
	struct config *c = NULL;
	struct rw_err err = {0};
	(void)state;
	const char *p = write_file("ok",
				   "; a comment\n"
				   "[imap]\n"
				   "host = imap.example.com\n"
				   "tls = starttls\n"
				   "user = ann\n"
				   "folders = INBOX, Sales , Archive/2026\n"
				   "[watch]\n"
				   "keywords = yes\n"
				   "max_body_bytes = 512K\n"
				   "[rules]\n"
				   "dir = my-rules\n"
				   "[schedule]\n"
				   "timezone = Europe/Berlin\n"
				   "drip_after_days = 21\n",
				   0644);
	if (config_load(&c, p, true, &err) < 0)
		fail_msg("%s", err.msg);
	assert_string_equal(c->imap.host, "imap.example.com");
	assert_int_equal(c->imap.tls, CONFIG_TLS_STARTTLS);
	assert_int_equal(c->imap.nfolders, 3);
	assert_string_equal(c->imap.folders[1], "Sales");
	assert_string_equal(c->imap.folders[2], "Archive/2026");
	assert_true(c->watch.keywords);
	assert_int_equal(c->watch.max_body_bytes, 512 * 1024);
	assert_string_equal(c->schedule.timezone, "Europe/Berlin");
	char rules[128];
	snprintf(rules, sizeof rules, "%s/my-rules", dir); /* relative to the config file */
	assert_string_equal(c->rules.dir, rules);
	assert_int_equal(c->schedule.drip_after_days, 21);
	char buf[64];
	assert_int_equal(config_get_text(c, "imap.folders", buf, sizeof buf), 1);
	assert_string_equal(buf, "INBOX,Sales,Archive/2026");
	assert_int_equal(config_get_text(c, "imap.nope", buf, sizeof buf), 0);
	config_free(&c);
}

/* The check: a bad key, a bad value and a world-readable password file, all three
 * reported with file:line, in one go. */
static void test_all_errors_with_lines(void **state)
{
	struct config *c = NULL;
	struct rw_err err = {0};
	char pw[128], text[512], want[256];
	(void)state;
	snprintf(pw, sizeof pw, "%s", write_file("pw", "secret\n", 0644));
	snprintf(text, sizeof text,
		 "[imap]\n"
		 "host = imap.example.com\n"
		 "colour = blue\n"
		 "password_file = %s\n"
		 "[watch]\n"
		 "poll_interval = often\n"
		 "since_days = 0\n"
		 "[bogus]\n"
		 "x = 1\n"
		 "just words\n",
		 pw);
	const char *p = write_file("bad", text, 0600);
	char path[128];
	snprintf(path, sizeof path, "%s", p);
	assert_int_equal(config_load(&c, path, true, &err), -1);
	assert_null(c);
	const char *lines[] = {
		":3: unknown key 'colour'",    ":4: password_file",
		":6: watch.poll_interval",     ":7: watch.since_days: 0 is out of bounds",
		":8: unknown section [bogus]", ":10: not 'key = value'"};
	const char *at = err.msg;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		snprintf(want, sizeof want, "%s%s", path, lines[i]);
		const char *hit = strstr(at, want);
		if (!hit)
			fail_msg("missing '%s' in:\n%s", want, err.msg);
		at = hit; /* and in line order */
	}
	assert_non_null(strstr(err.msg, "0644"));
}

static void test_password_needs_private_file(void **state)
{
	struct config *c = NULL;
	struct rw_err err = {0};
	char *secret = NULL;
	(void)state;
	const char *p = write_file("pwin", "[imap]\npassword = hunter2\n", 0644);
	assert_int_equal(config_load(&c, p, true, &err), -1);
	assert_non_null(strstr(err.msg, ":2: a password in this file needs"));
	assert_null(strstr(err.msg, "hunter2")); /* never echoed */
	assert_int_equal(chmod(p, 0600), 0);
	assert_int_equal(config_load(&c, p, true, &err), 0);
	assert_int_equal(config_secret(&secret, c, &err), 1);
	assert_string_equal(secret, "hunter2");
	config_secret_free(&secret);
	assert_null(secret);
	config_free(&c);

	/* password_command wins; its first line is the secret. */
	p = write_file("pwcmd", "[imap]\npassword_command = printf 's3cret\\nrest'\n", 0644);
	assert_int_equal(config_load(&c, p, true, &err), 0);
	assert_int_equal(config_secret(&secret, c, &err), 1);
	assert_string_equal(secret, "s3cret");
	config_secret_free(&secret);
	config_free(&c);

	/* The environment is the third source. */
	p = write_file("nopw", "[imap]\nhost = localhost\ntls = none\n", 0644);
	assert_int_equal(config_load(&c, p, true, &err), 0);
	unsetenv("REPLYWATCH_PASSWORD");
	assert_int_equal(config_secret(&secret, c, &err), 0);
	setenv("REPLYWATCH_PASSWORD", "envpw", 1);
	assert_int_equal(config_secret(&secret, c, &err), 1);
	assert_string_equal(secret, "envpw");
	config_secret_free(&secret);
	unsetenv("REPLYWATCH_PASSWORD");
	config_free(&c);
}

static void test_one_secret_source(void **state)
{
	struct config *c = NULL;
	struct rw_err err = {0};
	(void)state;
	const char *p = write_file("two",
				   "[imap]\npassword_command = pass mail\nuser = u\n"
				   "password = x\n",
				   0600);
	assert_int_equal(config_load(&c, p, true, &err), -1);
	assert_non_null(strstr(err.msg, ":4: password: set only one of"));
	assert_non_null(strstr(err.msg, "line 2"));
}

static void test_plaintext_only_to_loopback(void **state)
{
	struct config *c = NULL;
	struct rw_err err = {0};
	(void)state;
	const char *p = write_file("plain", "[imap]\nhost = imap.example.com\ntls = none\n", 0644);
	assert_int_equal(config_load(&c, p, true, &err), -1);
	assert_non_null(strstr(err.msg, ":3: tls = none is allowed only to a loopback"));
}

static void test_commented_file_loads(void **state)
{
	struct config *c = NULL;
	struct rw_err err = {0};
	char path[128];
	(void)state;
	snprintf(path, sizeof path, "%s/commented", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(config_write_commented(f, &err), 0);
	fclose(f);
	/* Every key is in it, and uncommenting every default gives a valid file. */
	char cmd[400];
	snprintf(cmd, sizeof cmd,
		 "grep -c '^#[a-z_0-9]* =' %s | grep -qx 22 && sed 's/^#\\([a-z_0-9]* = .\\)/\\1/' "
		 "%s > %s.on",
		 path, path, path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(config_load(&c, path, true, &err), 0);
	config_free(&c);
	snprintf(cmd, sizeof cmd, "%s.on", path);
	if (config_load(&c, cmd, true, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(c->watch.since_days, 120);
	config_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_without_file),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_all_errors_with_lines),
		cmocka_unit_test(test_password_needs_private_file),
		cmocka_unit_test(test_one_secret_source),
		cmocka_unit_test(test_plaintext_only_to_loopback),
		cmocka_unit_test(test_commented_file_loads),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
