/* app.h: what the salesperson's commands share: load the config (defaults when no file),
 * open the store with the [schedule] parameters, map errors to exit codes. */
#ifndef RW_APP_H
#define RW_APP_H

#include "cli.h"
#include "config.h"
#include "err.h"
#include "schedule.h"
#include "store.h"

struct app {
	struct config *cfg;	       /* owned */
	struct store *store;	       /* owned; NULL unless APP_STORE */
	struct schedule_params params; /* borrows cfg */
	char today[11];		       /* in the configured time zone */
	int moved_to_drip;	       /* by the sweep of APP_SWEEP */
};

#define APP_STORE 1u
/* Also move unanswered break-up prospects to drip as of today (store_sweep), so every view
 * of the prospects agrees with SPEC §2 whether or not the watcher ran. */
#define APP_SWEEP 2u

/* With APP_STORE: the database must exist already (commands that only read, or that act on
 * recorded data): a missing file is an error, never silently a new empty one (F2.32). */
#define APP_EXISTING 4u

/* Load the config of ctx (-c must exist; the default may be missing) and, with APP_STORE,
 * open the database of ctx (-d or the default). On error err is set and a is released. */
int app_open(struct app *a, const struct cli_ctx *ctx, unsigned flags, struct rw_err *err);
void app_release(struct app *a);

/* Print err (each line prefixed "replywatch: ") and return its exit code: 2 for usage
 * errors, 1 otherwise. */
int app_fail(const struct rw_err *err);

/* Option parsing helper: argv[*i] is "--name VALUE" or "--name=VALUE": 1 and *out set
 * (advancing *i), 0 not this option, -1 the value is missing (err set, RW_EUSAGE). */
int app_opt(int argc, char **argv, int *i, const char *name, const char **out, struct rw_err *err);

#endif
