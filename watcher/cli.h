/* cli.h: the replywatch command table (SPEC §5). One cmd_*.c per subcommand, one signature
 * (git's builtin/). Exit 0 success, 1 failure, 2 usage; results to stdout, messages to stderr. */
#ifndef RW_CLI_H
#define RW_CLI_H

#include <stdbool.h>

#define EXIT_USAGE 2

struct cli_ctx {
	const char *config_path; /* -c, or NULL for the default */
	const char *db_path;     /* -d, or NULL for the default */
	bool config_given;       /* -c was on the command line */
	int verbose;             /* -v, repeatable */
};

/* argv[0] is the subcommand's name; options follow. */
typedef int cmd_fn(int argc, char **argv, const struct cli_ctx *ctx);

cmd_fn cmd_init, cmd_watch, cmd_classify, cmd_rules, cmd_track, cmd_prospect, cmd_due, cmd_log,
	cmd_review, cmd_label, cmd_contact, cmd_stats;

/* True when argv holds -h or --help; cmd_* print their usage to stdout and return 0. */
bool cli_wants_help(int argc, char **argv);

/* Print "replywatch: " + message to stderr (a trailing newline is added). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
