/* rulesload.c: config + rule set loading shared by the classifying commands (SPEC §5: they
 * work with no config file at all). */
#include "rulesload.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_read_file(struct buf *out, const char *path, struct rw_err *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char tmp[65536];
	size_t n;
	buf_reset(out);
	if (f == NULL)
		return rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
		buf_append(out, tmp, n);
	int bad = ferror(f);
	int saved = errno;
	if (f != stdin)
		fclose(f);
	if (bad)
		return rw_fail(err, RW_EIO, "%s: %s", path, strerror(saved));
	if (out->oom)
		return rw_fail(err, RW_ENOMEM, "%s: out of memory", path);
	return 0;
}

int cli_setup_rules(struct ruleset **out, struct config **cfg, const struct cli_ctx *ctx,
		    const char *user_dir, struct rw_err *err)
{
	char shipped[PATH_MAX];
	struct rules_diags diags = {0};
	*out = NULL;
	*cfg = NULL;
	if (config_load(cfg, ctx->config_path, ctx->config_given, err) < 0)
		return -1;
	if ((*cfg)->schedule.timezone && *(*cfg)->schedule.timezone) {
		setenv("TZ", (*cfg)->schedule.timezone, 1);
		tzset();
	}
	if (user_dir == NULL)
		user_dir = (*cfg)->rules.dir;
	rules_shipped_dir(shipped, sizeof shipped);
	if (rules_load(out, shipped, user_dir, &diags, err) < 0) {
		/* Every error, each on its own line, not only the first. */
		struct buf all = BUF_INIT;
		size_t shown = 0;
		for (size_t i = 0; i < diags.n; i++) {
			char line[1200];
			if (diags.v[i].severity != RULES_ERROR)
				continue;
			rules_diag_format(&diags.v[i], line, sizeof line);
			if (all.len + strlen(line) + 40 > sizeof err->msg) {
				buf_printf(&all, "\n... and %zu more (replywatch rules check)",
					   diags.nerrors - shown);
				break;
			}
			buf_printf(&all, "%s%s", all.len ? "\n" : "", line);
			shown++;
		}
		if (all.len)
			snprintf(err->msg, sizeof err->msg, "%s", buf_str(&all));
		buf_release(&all);
		rules_diags_release(&diags);
		config_free(cfg);
		return -1;
	}
	rules_diags_release(&diags);
	return 0;
}

void cli_classify_opts(struct classify_opts *o, const struct config *cfg)
{
	if (cfg == NULL)
		return;
	if (cfg->schedule.timezone && *cfg->schedule.timezone)
		o->timezone = cfg->schedule.timezone;
	if (cfg->schedule.breakup_later_days > 0)
		o->breakup_later_days = cfg->schedule.breakup_later_days;
	if (cfg->schedule.pending_later_days > 0)
		o->pending_later_days = cfg->schedule.pending_later_days;
}
