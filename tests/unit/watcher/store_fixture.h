/* store_fixture.h: a fresh store in a temporary folder for each cmocka test (shared by the
 * store tests). fx_open(state, name, subpath): the database is DIR/SUBPATH, so a test can ask
 * for parent folders that do not exist yet. */
#ifndef RW_TEST_STORE_FIXTURE_H
#define RW_TEST_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "store.h"

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
};

static int fx_open(void **state, const char *name, const char *subpath)
{
	struct fx *f = calloc(1, sizeof *f);
	struct rw_err err = {0};
	snprintf(f->dir, sizeof f->dir, "/tmp/rw-test-%s-XXXXXX", name);
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof f->path, "%s/%s", f->dir, subpath);
	if (store_open(&f->s, f->path, &err) < 0)
		fail_msg("store_open: %s", err.msg);
	struct schedule_params p;
	schedule_params_init(&p);
	p.timezone = "UTC";
	store_set_params(f->s, &p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[160];
	store_free(&f->s);
	assert_null(f->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

#endif
