/* secret.c: run a token command and read its first line (SPEC §6 "Authentication"). */
#include "secret.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"

#define SECRET_MAX 16384 /* longer output is not a token */

int secret_from_command(char **out, const char *command, const char *what, struct rw_err *err)
{
	int pfd[2];
	struct buf b = BUF_INIT;
	int ret = -1, status = 0;
	pid_t pid;

	*out = NULL;
	if (pipe(pfd) < 0)
		return rw_fail(err, RW_EIO, "%s: cannot run: %s", what, strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return rw_fail(err, RW_EIO, "%s: cannot run: %s", what, strerror(errno));
	}
	if (pid == 0) {
		dup2(pfd[1], 1);
		close(pfd[0]);
		close(pfd[1]);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		char chunk[512];
		ssize_t n = read(pfd[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (b.len + (size_t)n <= SECRET_MAX)
			buf_append(&b, chunk, (size_t)n);
		explicit_bzero(chunk, sizeof chunk);
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		rw_fail(err, RW_EIO, "%s failed (exit status %d)", what,
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		goto out;
	}
	if (b.oom) {
		rw_fail(err, RW_ENOMEM, "%s: out of memory", what);
		goto out;
	}
	size_t len = strcspn(buf_str(&b), "\r\n");
	if (len == 0) {
		rw_fail(err, RW_EINVAL, "%s printed nothing", what);
		goto out;
	}
	*out = strndup(buf_str(&b), len);
	if (*out == NULL) {
		rw_fail(err, RW_ENOMEM, "%s: out of memory", what);
		goto out;
	}
	ret = 0;
out:
	if (b.data)
		explicit_bzero(b.data, b.cap);
	buf_release(&b);
	return ret;
}

void secret_free(char **s)
{
	if (s == NULL || *s == NULL)
		return;
	explicit_bzero(*s, strlen(*s));
	free(*s);
	*s = NULL;
}
