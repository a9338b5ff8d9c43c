/* cmd_contact.c: 'replywatch contact' (SPEC §5). Not built yet: its issue fills it in. */
#include <stdio.h>

#include "cli.h"

static const char usage[] = "usage: replywatch contact EMAIL --channel C [--date D] [--note T]\n";

int cmd_contact(int argc, char **argv, const struct cli_ctx *ctx)
{
	(void)ctx;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	cli_error("contact: not available yet in this version");
	return 1;
}
