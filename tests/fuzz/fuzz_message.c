/* fuzz_message.c: libFuzzer target over the whole message-to-reply path (SPEC §8: malformed
 * MIME, lying charsets, 8-bit headers, huge lines, nested multiparts and binary junk must
 * never crash): mail_parse -> mail_text -> reply_extract -> autoreply_detect, and every
 * accessor of mail.h. The input's first line, when it starts "SENT:", is also used as the
 * outbound text, so the sent-sentence filter is fuzzed too. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "autoreply.h"
#include "mail.h"
#include "reply.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *raw = (const char *)data;
	char *sent = NULL;
	if (size > 5 && memcmp(raw, "SENT:", 5) == 0) {
		const char *nl = memchr(raw, '\n', size);
		size_t n = nl ? (size_t)(nl - raw) : size;
		sent = strndup(raw + 5, n - 5);
		raw += n;
		size -= n;
	}
	/* Small limits too, so the limit paths run. */
	struct mime_limits lim = MIME_LIMITS_DEFAULT;
	if (size > 0 && (data[size - 1] & 1)) {
		lim.max_parts = 5;
		lim.max_depth = 3;
		lim.max_text = 4096;
		lim.max_line = 80;
	}
	struct mail *m = NULL;
	struct rw_err err;
	if (mail_parse(&m, raw, size, &lim, &err) != 0) {
		free(sent);
		return 0;
	}
	size_t n = 0;
	const char *name, *value;
	for (size_t i = 0; mail_header_at(m, i, &name, &value) == 0; i++)
		n += strlen(name) + strlen(value);
	const char *const *a = mail_addresses(m, "from", &n);
	for (size_t i = 0; i < n; i++)
		(void)strlen(a[i]);
	a = mail_references(m, &n);
	for (size_t i = 0; i < n; i++)
		(void)strlen(a[i]);
	int tz;
	(void)mail_date(m, &tz);
	(void)mail_message_id(m);
	(void)mail_header(m, "subject");
	(void)strlen(mail_content_type(m));
	(void)strlen(mail_warnings(m));

	struct reply r = {0};
	if (reply_extract(&r, mail_text(m), mail_text_is_html(m), sent) == 0) {
		struct autoreply ar = {0};
		if (autoreply_detect(&ar, m, r.text) == 0)
			(void)autoreply_kind_name(ar.kind);
		autoreply_release(&ar);
		char *norm = text_normalise(r.text);
		free(norm);
	}
	reply_release(&r);
	mail_free(&m);
	free(sent);
	return 0;
}
