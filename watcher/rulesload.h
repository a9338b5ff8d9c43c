/* rulesload.h: what the commands that classify share (classify, rules test, and any other
 * command that wants the configured rule set): config on defaults when there is no file,
 * shipped rules layered under the user's, the time zone set once for the process. */
#ifndef RW_RULESLOAD_H
#define RW_RULESLOAD_H

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "config.h"
#include "err.h"
#include "rules.h"

/* Load the config (ctx->config_path, or the default path; a missing default file means
 * defaults) and the rule set: shipped rules (rules_shipped_dir()) with user_dir, or [rules] dir
 * when user_dir is NULL, layered over them. Sets TZ to [schedule] timezone for the whole
 * process, so dates never switch zones mid-run. *cfg and *out are the caller's. On error err
 * holds every located message. */
int cli_setup_rules(struct ruleset **out, struct config **cfg, const struct cli_ctx *ctx,
		    const char *user_dir, struct rw_err *err);
/* Fill the [schedule] parts of the classify options from cfg (which may be NULL). */
void cli_classify_opts(struct classify_opts *o, const struct config *cfg);
/* Read a whole file ("-" is stdin) into out. err names the file. */
int cli_read_file(struct buf *out, const char *path, struct rw_err *err);

#endif
