/* fuzz_csv.c: any bytes as a prospect CSV file: csvio_read must report, never crash
 * (SPEC §8). Each row's fields are walked the way prospect import reads them. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "csvio.h"

static int on_row(void *arg, const struct csvio_row *r, struct rw_err *err)
{
	size_t *total = arg;
	(void)err;
	for (size_t i = 0; i < r->n; i++)
		*total += strlen(r->fields[i]);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rw_err err = {0};
	size_t total = 0;
	if (size == 0)
		return 0;
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	csvio_read(f, "fuzz.csv", on_row, &total, &err);
	fclose(f);
	return 0;
}
