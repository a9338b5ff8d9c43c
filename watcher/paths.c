/* paths.c: where replywatch keeps its config and database by default (XDG base directory
 * specification; SPEC §5: ~/.config/replywatch/config, ~/.local/share/replywatch/...). */
#include "paths.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *home(void)
{
	const char *h = getenv("HOME");
	if (h && *h)
		return h;
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_dir : NULL;
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s/%s", a, b);
	return s;
}

static char *xdg(const char *var, const char *fallback, const char *tail)
{
	const char *x = getenv(var);
	if (x && x[0] == '/')
		return join(x, tail);
	const char *h = home();
	if (!h)
		return NULL;
	char *base = join(h, fallback), *r;
	if (!base)
		return NULL;
	r = join(base, tail);
	free(base);
	return r;
}

char *paths_config(void)
{
	return xdg("XDG_CONFIG_HOME", ".config", "replywatch/config");
}

char *paths_database(void)
{
	return xdg("XDG_DATA_HOME", ".local/share", "replywatch/replywatch.db");
}

char *paths_expand(const char *path)
{
	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0')) {
		const char *h = home();
		if (h)
			return join(h, path[1] ? path + 2 : "");
	}
	return strdup(path);
}

int paths_mkdir_for(const char *file)
{
	char *dir = strdup(file);
	if (!dir)
		return -1;
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return 0;
	}
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			free(dir);
			return -1;
		}
		*p = '/';
	}
	int rc = mkdir(dir, 0700) < 0 && errno != EEXIST ? -1 : 0;
	int saved = errno;
	free(dir);
	errno = saved;
	return rc;
}
