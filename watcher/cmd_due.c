/* cmd_due.c: 'replywatch due' (SPEC §5). Not built yet: its issue fills it in. */
#include <stdio.h>

#include "cli.h"

static const char usage[] = "usage: replywatch due [--days N] [--ics FILE]\n";

int cmd_due(int argc, char **argv, const struct cli_ctx *ctx)
{
	(void)ctx;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	cli_error("due: not available yet in this version");
	return 1;
}
