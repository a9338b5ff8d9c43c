/* app.c: the start and the end of every salesperson command (SPEC §5: commands that need
 * no mail account work with no config file at all, on defaults). */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "paths.h"

int app_open(struct app *a, const struct cli_ctx *ctx, unsigned flags, struct rw_err *err)
{
	memset(a, 0, sizeof *a);
	log_setup(ctx->verbose);
	if (config_load(&a->cfg, ctx->config_path, ctx->config_given, err) < 0)
		return -1;
	schedule_params_from_config(&a->params, a->cfg);
	schedule_today(a->today, a->params.timezone);
	if (flags & APP_STORE) {
		if (flags & APP_EXISTING) {
			char *def = ctx->db_path ? NULL : paths_database();
			const char *path = ctx->db_path ? ctx->db_path : def;
			struct stat st;
			int r = path ? stat(path, &st) : -1;
			int e = errno;
			if (!path)
				rw_fail(err, RW_ENOMEM, "out of memory");
			else if (r < 0 && e == ENOENT)
				rw_fail(err, RW_ENOTFOUND,
					"no database at %s (run 'replywatch init', or give -d)", path);
			else if (r < 0)
				rw_fail(err, RW_EIO, "%s: %s", path, strerror(e));
			else if (!S_ISREG(st.st_mode))
				rw_fail(err, RW_EIO, "%s: not a database file", path);
			free(def);
			if (r < 0 || !S_ISREG(st.st_mode)) {
				app_release(a);
				return -1;
			}
		}
		if (store_open(&a->store, ctx->db_path, err) < 0) {
			app_release(a);
			return -1;
		}
		store_set_params(a->store, &a->params);
		store_add_own_address(a->store, a->cfg->imap.user);
		if ((flags & APP_SWEEP) &&
		    store_sweep(a->store, a->today, &a->moved_to_drip, err) < 0) {
			app_release(a);
			return -1;
		}
	}
	return 0;
}

void app_release(struct app *a)
{
	store_free(&a->store);
	config_free(&a->cfg);
	memset(a, 0, sizeof *a);
}

int app_fail(const struct rw_err *err)
{
	const char *m = err->msg[0] ? err->msg : "failed";
	while (*m) {
		const char *nl = strchr(m, '\n');
		size_t n = nl ? (size_t)(nl - m) : strlen(m);
		fprintf(stderr, "replywatch: %.*s\n", (int)n, m);
		m += n + (nl ? 1 : 0);
	}
	return err->code == RW_EUSAGE ? EXIT_USAGE : 1;
}

int app_opt(int argc, char **argv, int *i, const char *name, const char **out, struct rw_err *err)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*out = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		rw_fail(err, RW_EUSAGE, "%s needs a value", name);
		return -1;
	}
	*out = argv[++*i];
	return 1;
}
