/* autoreply.c: placeholder, replaced below. */
#include "autoreply.h"

#include <stdlib.h>
#include <string.h>

int autoreply_detect(struct autoreply *out, const struct mail *m, const char *reply_text)
{
	(void)m;
	(void)reply_text;
	memset(out, 0, sizeof *out);
	return 0;
}

void autoreply_release(struct autoreply *a)
{
	free(a->why);
	free(a->return_phrase);
	free(a->bounce_recipient);
	free(a->bounce_status);
	free(a->alternate_contact);
	memset(a, 0, sizeof *a);
}

const char *autoreply_kind_name(enum autoreply_kind k)
{
	static const char *const names[] = {"none", "out-of-office", "auto-ack", "left-company",
					    "bounce", "other"};
	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "none";
}
