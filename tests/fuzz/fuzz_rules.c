/* fuzz_rules.c: rule-file text (classify/rules.c) and stated times (classify/dates.c) from
 * untrusted bytes. The input is read as a rule file; when it loads, its own text is also run
 * through the engine and the linter, and through the date reader. Nothing may crash, leak or
 * hang: every limit is reported. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "engine.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	char *text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	struct civil ref = {2026, 10, 14};
	struct date_found all[32];
	dates_find_all(all, 32, text, ref);
	struct civil back;
	dates_ooo_return(&back, text, size % 2 == 0, ref);

	struct ruleset *rs = NULL;
	struct rules_diags d = {0};
	struct rw_err err = {0};
	if (rules_load_string(&rs, "fuzz.rules", text, &d, &err) == 0) {
		struct rx_matcher *m = NULL;
		if (rx_matcher_new(&m, NULL, &err) == 0) {
			struct engine_result res;
			struct engine_input in = {0};
			in.reply = text;
			in.subject = text;
			in.kind = (enum rw_kind)(size % 3);
			if (engine_run(&res, rs, m, &in, &err) == 0) {
				engine_decide(rs, res.scores);
				engine_result_release(&res);
			}
			rx_matcher_free(&m);
		}
		if (size < 2048)
			rules_check(rs, &d);
		rules_free(&rs);
	}
	rules_diags_release(&d);
	free(text);
	return 0;
}
