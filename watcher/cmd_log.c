/* cmd_log.c: 'replywatch log' (SPEC §5). Not built yet: its issue fills it in. */
#include <stdio.h>

#include "cli.h"

static const char usage[] = "usage: replywatch log [--since D] [--class C] [--format table|csv|jsonl]\n";

int cmd_log(int argc, char **argv, const struct cli_ctx *ctx)
{
	(void)ctx;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	cli_error("log: not available yet in this version");
	return 1;
}
