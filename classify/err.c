/* err.c: located error messages (STYLE point 4). */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int rw_fail(struct rw_err *err, enum rw_errcode code, const char *fmt, ...)
{
	if (err == NULL)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	err->code = code;
	return -1;
}

void rw_err_clear(struct rw_err *err)
{
	if (err == NULL)
		return;
	err->code = RW_OK;
	err->msg[0] = '\0';
}

void rw_err_prefix(struct rw_err *err, const char *fmt, ...)
{
	if (err == NULL)
		return;
	char prefix[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	char old[sizeof err->msg];
	memcpy(old, err->msg, sizeof old);
	snprintf(err->msg, sizeof err->msg, "%s: %s", prefix, old);
}
