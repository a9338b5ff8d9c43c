/* cmd_classify.c: 'replywatch classify' (SPEC §5): classify message files offline and show
 * why, as text, as --explain detail, or as one JSON object per message (--json). Works with no
 * config file; a config gives [rules] dir and the [schedule] time zone and default periods. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "classify.h"
#include "cli.h"
#include "config.h"
#include "json.h"
#include "mail.h"
#include "rulesload.h"
#include "rules.h"

static const char usage[] =
	"usage: replywatch classify [--explain] [--json] [--kind K] [--sent FILE] [--rules DIR]\n"
	"                           FILE...\n"
	"\n"
	"Classifies each message file (RFC 5322, as saved from a mail client) into yes, later,\n"
	"no, auto or review, with the rules that decided.\n"
	"\n"
	"  --json        one JSON object per message per line\n"
	"  --explain     the extracted reply, the splitter that fired, every rule hit with its\n"
	"                matched text, the scores, the decision, its reason and the date\n"
	"  --kind K      the outbound it answers: breakup or pending (default: read from the\n"
	"                quoted outbound, else unknown)\n"
	"  --sent FILE   the outbound email itself: reply lines repeating it are dropped\n"
	"  --rules DIR   user rules layered over the shipped ones (default: [rules] dir)\n";

static void print_json(const char *file, const struct decision *d, bool explain)
{
	struct buf b = BUF_INIT;
	struct json j;
	json_init(&j, &b);
	json_obj_begin(&j);
	json_key_str(&j, "file", file);
	json_key_str(&j, "class", rw_class_name(d->cls));
	json_key_str(&j, "reason", d->reason);
	json_key(&j, "scores");
	json_obj_begin(&j);
	for (int c = RW_YES; c <= RW_AUTO; c++)
		json_key_num(&j, rw_class_name((enum rw_class)c), d->scores[c]);
	json_obj_end(&j);
	json_key_str(&j, "callback", d->callback[0] ? d->callback : NULL);
	json_key_bool(&j, "callback_default", d->callback_default);
	json_key_str(&j, "callback_quote", d->callback_quote);
	json_key_str(&j, "ooo_return", d->ooo_return[0] ? d->ooo_return : NULL);
	json_key_str(&j, "next_contact", d->next_contact[0] ? d->next_contact : NULL);
	json_key_bool(&j, "bounce", d->bounce);
	if (d->bounce) {
		json_key_str(&j, "bounce_recipient", d->bounce_recipient);
		json_key_str(&j, "bounce_status", d->bounce_status);
	}
	json_key_bool(&j, "do_not_contact", d->do_not_contact);
	json_key_str(&j, "referral", d->referral);
	json_key_bool(&j, "left_company", d->left_company);
	json_key_str(&j, "kind", rw_kind_name(d->kind));
	json_key_bool(&j, "kind_inferred", d->kind_inferred);
	json_key_str(&j, "ruleset", d->ruleset);
	json_key(&j, "rules");
	json_arr_begin(&j);
	for (size_t i = 0; i < d->nhits; i++) {
		const struct rw_hit *h = &d->hits[i];
		json_obj_begin(&j);
		json_key_str(&j, "name", h->rule);
		json_key_str(&j, "class", rw_class_name(h->cls));
		json_key_num(&j, "weight", h->weight);
		json_key_str(&j, "match", h->match);
		json_key_str(&j, "scope", h->scope);
		json_key_bool(&j, "negated", h->negated);
		json_key_bool(&j, "limit", h->limit);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_key_str(&j, "reply", d->reply);
	json_key_str(&j, "message_id", d->message_id);
	json_key_str(&j, "from", d->from);
	json_key_str(&j, "subject", d->subject);
	json_key(&j, "warnings");
	json_arr_begin(&j);
	for (const char *p = d->warnings; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len)
			json_strn(&j, p, len);
		p += len + (nl ? 1 : 0);
	}
	json_arr_end(&j);
	if (explain)
		json_key_str(&j, "trace", d->trace);
	json_obj_end(&j);
	buf_putc(&b, '\n');
	fwrite(b.data, 1, b.len, stdout);
	buf_release(&b);
}

static void print_indented(const char *prefix, const char *text)
{
	const char *p = text;
	if (p == NULL || *p == '\0') {
		printf("%s(empty)\n", prefix);
		return;
	}
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		printf("%s%.*s\n", prefix, (int)len, p);
		p += len + (nl ? 1 : 0);
	}
}

static void print_explain(const char *file, const struct decision *d)
{
	printf("== %s\n", file);
	if (d->subject)
		printf("subject: %s\n", d->subject);
	printf("reply:\n");
	print_indented("  | ", d->reply);
	printf("trace:\n");
	print_indented("  ", d->trace);
	printf("hits:\n");
	if (d->nhits == 0)
		printf("  (none)\n");
	for (size_t i = 0; i < d->nhits; i++) {
		const struct rw_hit *h = &d->hits[i];
		printf("  %-28s %-5s %+6.2f  %s%s%s\"%s\"\n", h->rule, rw_class_name(h->cls),
		       h->weight, h->scope, h->negated ? " NEGATED " : " ",
		       h->limit ? "LIMIT " : "", h->match);
	}
	printf("scores: yes %.2f  later %.2f  no %.2f  auto %.2f\n", d->scores[RW_YES],
	       d->scores[RW_LATER], d->scores[RW_NO], d->scores[RW_AUTO]);
	printf("decision: %s  reason %s\n", rw_class_name(d->cls), d->reason);
	if (d->callback[0])
		printf("callback: %s%s%s%s\n", d->callback, d->callback_default ? " (default)" : "",
		       d->callback_quote ? "  from: " : "",
		       d->callback_quote ? d->callback_quote : "");
	if (d->ooo_return[0])
		printf("back: %s\n", d->ooo_return);
	if (d->next_contact[0])
		printf("next contact: %s\n", d->next_contact);
	if (d->do_not_contact)
		printf("do not contact\n");
	if (d->referral)
		printf("referral: %s\n", d->referral);
	if (d->bounce)
		printf("bounce: %s %s\n", d->bounce_recipient ? d->bounce_recipient : "",
		       d->bounce_status ? d->bounce_status : "");
	if (d->warnings && *d->warnings) {
		printf("warnings:\n");
		print_indented("  ", d->warnings);
	}
	printf("ruleset: %s\n\n", d->ruleset);
}

int cmd_classify(int argc, char **argv, const struct cli_ctx *ctx)
{
	bool json = false, explain = false;
	const char *sent = NULL, *rules_dir = NULL;
	enum rw_kind kind = RW_KIND_UNKNOWN;
	int i, rc = 0;
	struct config *cfg = NULL;
	struct ruleset *rs = NULL;
	struct rw_err err = {0};
	struct buf raw = BUF_INIT, sentbuf = BUF_INIT;
	char *sent_text = NULL;
	struct classify_opts opts;

	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return 0;
	}
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--explain") == 0) {
			explain = true;
		} else if (strcmp(a, "--kind") == 0 && i + 1 < argc) {
			if (rw_kind_parse(argv[++i], &kind) < 0) {
				cli_error("classify: --kind wants breakup or pending, not '%s'", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--sent") == 0 && i + 1 < argc) {
			sent = argv[++i];
		} else if (strcmp(a, "--rules") == 0 && i + 1 < argc) {
			rules_dir = argv[++i];
		} else {
			cli_error("classify: unknown option '%s'", a);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		cli_error("classify: no message file given");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (cli_setup_rules(&rs, &cfg, ctx, rules_dir, &err) < 0) {
		cli_error("%s", err.msg);
		return 1;
	}
	classify_opts_init(&opts);
	cli_classify_opts(&opts, cfg);
	if (sent) {
		/* The outbound as a message file: its text for the extractor, and its kind
		 * (outbound rules) when --kind is not given. */
		struct mail *sm = NULL;
		struct mime_limits lim = MIME_LIMITS_DEFAULT;
		if (cli_read_file(&sentbuf, sent, &err) < 0 ||
		    mail_parse(&sm, buf_str(&sentbuf), sentbuf.len, &lim, &err) < 0) {
			cli_error("classify: --sent %s", err.msg);
			rc = 1;
			goto out;
		}
		const char *t = mail_text(sm);
		sent_text = strdup(t && *t ? t : buf_str(&sentbuf));
		if (kind == RW_KIND_UNKNOWN &&
		    rules_outbound_kind(&kind, rs, sm, NULL, &err) < 0) {
			mail_free(&sm);
			cli_error("classify: --sent %s: %s", sent, err.msg);
			rc = 1;
			goto out;
		}
		mail_free(&sm);
		opts.sent_text = sent_text;
	}
	opts.kind = kind;
	for (; i < argc; i++) {
		struct decision *d = NULL;
		rw_err_clear(&err);
		if (cli_read_file(&raw, argv[i], &err) < 0) {
			cli_error("classify: %s", err.msg);
			rc = 1;
			continue;
		}
		if (classify_message(&d, rs, buf_str(&raw), raw.len, &opts, &err) < 0) {
			cli_error("classify: %s: %s", argv[i], err.msg);
			rc = 1;
			continue;
		}
		if (json)
			print_json(argv[i], d, explain);
		else if (explain)
			print_explain(argv[i], d);
		else
			printf("%s: %s (%s)%s%s\n", argv[i], rw_class_name(d->cls), d->reason,
			       d->callback[0] ? " callback " : "", d->callback);
		fflush(stdout);
		decision_free(&d);
	}
out:
	buf_release(&raw);
	buf_release(&sentbuf);
	free(sent_text);
	rules_free(&rs);
	config_free(&cfg);
	return rc;
}
