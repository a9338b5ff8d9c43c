/* main.c: replywatch's entry point: global options, then the subcommand table (SPEC §5). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct command {
	const char *name;
	cmd_fn *fn;
	const char *summary;
} commands[] = {
	{"init", cmd_init, "write a commented config and create the database"},
	{"watch", cmd_watch, "watch the mail account (--once: one sync pass, then exit)"},
	{"classify", cmd_classify, "classify messages offline"},
	{"rules", cmd_rules, "check rule files, or test them on labelled samples"},
	{"track", cmd_track, "register an outbound email by hand"},
	{"prospect", cmd_prospect, "add, import, export, list and show prospects"},
	{"due", cmd_due, "the agenda of next contacts (--ics: as an iCalendar file)"},
	{"log", cmd_log, "the classification log, for auditing"},
	{"review", cmd_review, "the queue of replies the rules could not decide"},
	{"label", cmd_label, "a person's correction of a decision"},
	{"contact", cmd_contact, "record a contact attempt"},
	{"stats", cmd_stats, "reply rates, class shares, time to reply, rule hits"},
};

static void usage(FILE *out)
{
	fprintf(out, "usage: replywatch [-c CONFIG] [-d DATABASE] [-v] COMMAND [ARGS...]\n"
		     "\n"
		     "Watches an IMAP account for replies to break-up and pending-file emails,\n"
		     "sorts each into yes, later or no, and schedules the next contact.\n"
		     "\n"
		     "Options:\n"
		     "  -c FILE      config file (default ~/.config/replywatch/config)\n"
		     "  -d FILE      database (default ~/.local/share/replywatch/replywatch.db)\n"
		     "  -v           more messages on stderr (repeat for protocol traces)\n"
		     "  --version    print the version\n"
		     "  -h, --help   this help\n"
		     "\n"
		     "Commands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'replywatch COMMAND --help' tells more about each.\n");
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = {0};
	int i = 1;

	setlocale(LC_CTYPE, "C.UTF-8");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			printf("replywatch %s\n", RW_VERSION);
			return 0;
		} else if (a[1] == 'v' && strspn(a + 1, "v") == strlen(a + 1)) {
			ctx.verbose += (int)strlen(a + 1); /* -vv = -v -v (F5.1) */
		} else if (strcmp(a, "-c") == 0 || strcmp(a, "-d") == 0) {
			if (i + 1 >= argc || !*argv[i + 1]) {
				cli_error("option %s needs a file (see 'replywatch --help')", a);
				return EXIT_USAGE;
			}
			if (a[1] == 'c') {
				ctx.config_path = argv[++i];
				ctx.config_given = true;
			} else {
				ctx.db_path = argv[++i];
			}
		} else {
			cli_error("unknown option '%s' (see 'replywatch --help')", a);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
		if (strcmp(argv[i], commands[c].name) == 0)
			return commands[c].fn(argc - i, argv + i, &ctx);
	cli_error("'%s' is not a replywatch command (see 'replywatch --help')", argv[i]);
	return EXIT_USAGE;
}
