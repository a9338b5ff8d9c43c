/* cmd_label.c: 'replywatch label' (SPEC §5). Not built yet: its issue fills it in. */
#include <stdio.h>

#include "cli.h"

static const char usage[] = "usage: replywatch label MESSAGE-ID CLASS [--callback DATE]\n";

int cmd_label(int argc, char **argv, const struct cli_ctx *ctx)
{
	(void)ctx;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	cli_error("label: not available yet in this version");
	return 1;
}
