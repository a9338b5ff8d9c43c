/* cmd_init.c: 'replywatch init': write a fully commented config (from config.c's key table)
 * and create the database (SPEC §5, issue 2). Never overwrites a config without --force. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "paths.h"

static const char usage[] =
	"usage: replywatch [-c CONFIG] [-d DATABASE] init [--force]\n"
	"\n"
	"Writes a commented config file (default ~/.config/replywatch/config) with every key\n"
	"and its default, and creates the database (default\n"
	"~/.local/share/replywatch/replywatch.db). An existing config is kept unless --force.\n";

static int write_config(const char *path, bool force, struct rw_err *err)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	FILE *f = NULL;
	int fd, rc = -1;

	if (!tmp)
		return rw_fail(err, RW_ENOMEM, "out of memory");
	snprintf(tmp, n, "%s.tmp%ld", path, (long)getpid());
	if (!force && access(path, F_OK) == 0) {
		rw_fail(err, RW_EIO, "%s already exists; not overwriting it (use --force)", path);
		goto out;
	}
	if (paths_mkdir_for(path) < 0) {
		rw_fail(err, RW_EIO, "%s: cannot create its directory: %s", path, strerror(errno));
		goto out;
	}
	/* 0600: the user may put a password in it later, which is accepted only then. */
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (config_write_commented(f, err) < 0)
		goto out;
	if (fclose(f) != 0) {
		f = NULL;
		rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	f = NULL;
	/* link() fails when the name exists: no window in which another file is clobbered. */
	if (!force) {
		if (link(tmp, path) < 0) {
			rw_fail(err, RW_EIO,
				errno == EEXIST ? "%s already exists; not overwriting "
						  "it (use --force)"
						: "%s: cannot create it",
				path);
			goto out;
		}
		unlink(tmp);
	} else if (rename(tmp, path) < 0) {
		rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (f)
		fclose(f);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int cmd_init(int argc, char **argv, const struct cli_ctx *ctx)
{
	struct rw_err err = {0};
	struct store *s = NULL;
	char *cfg = NULL, *db = NULL;
	bool force = false;
	int rc = 1;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0) {
			force = true;
		} else {
			cli_error("init: unknown argument '%s'", argv[i]);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	cfg = ctx->config_path ? strdup(ctx->config_path) : paths_config();
	db = ctx->db_path ? strdup(ctx->db_path) : paths_database();
	if (!cfg || !db) {
		cli_error("init: cannot find the home directory");
		goto out;
	}
	if (write_config(cfg, force, &err) < 0) {
		rw_err_prefix(&err, "init");
		app_fail(&err);
		goto out;
	}
	printf("wrote %s\n", cfg);
	if (store_open(&s, db, &err) < 0) {
		rw_err_prefix(&err, "init");
		app_fail(&err);
		goto out;
	}
	printf("database %s (schema version %d)\n", db, store_schema_version(s));
	printf("next: edit [imap] in the config, import prospects with "
	       "'replywatch prospect import FILE.csv', then run 'replywatch watch'\n");
	rc = 0;
out:
	store_free(&s);
	free(cfg);
	free(db);
	return rc;
}
