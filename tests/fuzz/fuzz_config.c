/* fuzz_config.c: any bytes as a config file: config_load must report every problem with
 * file:line, or load, and never crash (SPEC §8). The first byte picks the file's mode, so
 * both the private (password allowed) and the readable paths are taken. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct config *c = NULL;
	struct rw_err err = {0};

	if (!path[0])
		snprintf(path, sizeof path, "/tmp/rw-fuzz-config-%ld", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	if (size > 1)
		fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	chmod(path, size && (data[0] & 1) ? 0600 : 0644);
	if (config_load(&c, path, true, &err) == 0)
		config_free(&c);
	unlink(path);
	return 0;
}
