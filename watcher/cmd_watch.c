/* cmd_watch.c: 'replywatch watch' (SPEC §5). Not built yet: its issue fills it in. */
#include <stdio.h>

#include "cli.h"

static const char usage[] = "usage: replywatch watch [--once]\n";

int cmd_watch(int argc, char **argv, const struct cli_ctx *ctx)
{
	(void)ctx;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	cli_error("watch: not available yet in this version");
	return 1;
}
