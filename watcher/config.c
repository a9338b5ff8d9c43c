/* config.c: the INI configuration, parsed by inih, keys from one table (SPEC §5, STYLE 14).
 *
 * The table below is the only place a key is defined: its type, default, bounds and help
 * text drive the parser, the error messages and the commented file 'replywatch init' writes.
 * inih is fed through our own line reader so that every handler call knows its line number
 * (Debian's libinih is built without INI_HANDLER_LINENO) and so that unknown sections, lines
 * without '=' and over-long lines are reported too; every problem is collected and reported
 * together, as isync's config.c does. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <ini.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "paths.h"

enum ktype { K_STR, K_PATH, K_INT, K_BOOL, K_TLS, K_LIST, K_SIZE, K_TZ, K_SECRET };

struct key {
	const char *section, *name;
	enum ktype type;
	size_t off;	  /* offset of the field in struct config */
	const char *def;  /* default as written in the file ("" = unset) */
	long min, max;	  /* bounds for K_INT / K_SIZE */
	const char *help; /* one line for the commented config */
};

#define OFF(f) offsetof(struct config, f)

static const struct key keys[] = {
	{"imap", "host", K_STR, OFF(imap.host), "", 0, 0,
	 "IMAP server host name (e.g. imap.example.com); unset: no mail account"},
	{"imap", "port", K_INT, OFF(imap.port), "0", 0, 65535,
	 "port; 0 = 993 for tls=implicit, 143 otherwise"},
	{"imap", "tls", K_TLS, OFF(imap.tls), "implicit", 0, 0,
	 "implicit | starttls | none (none only to a loopback address)"},
	{"imap", "ca_file", K_PATH, OFF(imap.ca_file), "", 0, 0,
	 "PEM file of trusted CAs; unset: the system trust store"},
	{"imap", "user", K_STR, OFF(imap.user), "", 0, 0, "login name"},
	{"imap", "password_command", K_STR, OFF(imap.password_command), "", 0, 0,
	 "shell command printing the password on its first line (e.g. pass show mail)"},
	{"imap", "password_file", K_PATH, OFF(imap.password_file), "", 0, 0,
	 "file holding the password; must be mode 0600"},
	{"imap", "password", K_SECRET, OFF(imap.password), "", 0, 0,
	 "the password itself; accepted only when THIS file is mode 0600 "
	 "(else use password_command, password_file or REPLYWATCH_PASSWORD)"},
	{"imap", "oauth2_token_command", K_STR, OFF(imap.oauth2_token_command), "", 0, 0,
	 "shell command printing an OAuth2 access token (XOAUTH2)"},
	{"imap", "folders", K_LIST, OFF(imap.folders), "INBOX", 0, 0,
	 "comma-separated folders watched for replies"},
	{"imap", "sent_folder", K_STR, OFF(imap.sent_folder), "", 0, 0,
	 "folder of sent mail; unset: the one marked SPECIAL-USE \\Sent"},
	{"watch", "poll_interval", K_INT, OFF(watch.poll_interval), "60", 5, 86400,
	 "seconds between polls when the server has no IDLE"},
	{"watch", "since_days", K_INT, OFF(watch.since_days), "120", 1, 3650,
	 "a first run looks back this many days"},
	{"watch", "match_window_days", K_INT, OFF(watch.match_window_days), "60", 1, 3650,
	 "a message from a prospect is a reply if we wrote to them within this many days"},
	{"watch", "keywords", K_BOOL, OFF(watch.keywords), "no", 0, 0,
	 "yes: set IMAP keywords such as $replywatch-yes on classified messages"},
	{"watch", "max_body_bytes", K_SIZE, OFF(watch.max_body_bytes), "1M", 1024,
	 256L * 1024 * 1024, "text fetched per message (suffix K or M allowed)"},
	{"rules", "dir", K_PATH, OFF(rules.dir), "", 0, 0,
	 "directory of your rule files, layered over the shipped ones (relative paths are "
	 "relative to this file)"},
	{"schedule", "timezone", K_TZ, OFF(schedule.timezone), "", 0, 0,
	 "IANA time zone for dates (e.g. Europe/Berlin); unset: the system's"},
	{"schedule", "breakup_later_days", K_INT, OFF(schedule.breakup_later_days), "90", 1, 1000,
	 "a 'later' reply to a break-up email with no date: call back after this many days"},
	{"schedule", "pending_later_days", K_INT, OFF(schedule.pending_later_days), "60", 1, 1000,
	 "a 'later' reply to a pending-file email with no date: call back after this many days"},
	{"schedule", "drip_after_days", K_INT, OFF(schedule.drip_after_days), "14", 1, 1000,
	 "a break-up email with no reply after this many days moves the prospect to drip"},
	{"schedule", "pending_every_days", K_INT, OFF(schedule.pending_every_days), "90", 1, 1000,
	 "a prospect in the pending file is due for a pending-file email this often"},
};

#define NKEYS (sizeof keys / sizeof keys[0])

static const char *const sections[] = {"imap", "watch", "rules", "schedule"};

/* Parsing state shared by the reader and the handler. */
struct parse {
	struct config *c;
	const char *path;
	FILE *f;
	int line;
	bool file_private; /* the config file is not readable by group or others */
	mode_t file_mode;
	uid_t file_uid;
	int set_at[NKEYS]; /* line where each key was set, 0 if not */
	struct perr_item {
		int line, seq;
		char *msg;
	} * errs; /* reported in line order */
	int nerr;
	bool bad_section; /* inside an unknown section: its keys are not reported again */
	bool oom;
};

static void perr(struct parse *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void perr(struct parse *p, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct perr_item *v = realloc(p->errs, (size_t)(p->nerr + 1) * sizeof *v);
	if (!v || !(v[p->nerr].msg = strdup(msg))) {
		if (v)
			p->errs = v;
		p->oom = true;
		return;
	}
	p->errs = v;
	v[p->nerr].line = line;
	v[p->nerr].seq = p->nerr;
	p->nerr++;
}

static int perr_cmp(const void *a, const void *b)
{
	const struct perr_item *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* All problems, in line order, one "file:line: ..." per line. */
static void perr_format(struct parse *p, struct buf *out)
{
	if (p->nerr > 1) /* qsort(NULL, 0) is undefined */
		qsort(p->errs, (size_t)p->nerr, sizeof *p->errs, perr_cmp);
	for (int i = 0; i < p->nerr; i++) {
		if (i)
			buf_putc(out, '\n');
		if (p->errs[i].line > 0)
			buf_printf(out, "%s:%d: %s", p->path, p->errs[i].line, p->errs[i].msg);
		else
			buf_printf(out, "%s: %s", p->path, p->errs[i].msg);
	}
}

static char **field_str(struct config *c, const struct key *k)
{
	return (char **)((char *)c + k->off);
}

static void free_list(char ***list, size_t *n)
{
	for (size_t i = 0; *list && i < *n; i++)
		free((*list)[i]);
	free(*list);
	*list = NULL;
	*n = 0;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* "a, b ,c" -> {"a","b","c"}; empty items are an error. */
static int parse_list(const char *v, char ***out, size_t *nout)
{
	char *copy = strdup(v), *save = NULL, *tok;
	char **list = NULL;
	size_t n = 0;
	int rc = -1;

	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *t = trim(tok), **nl;
		if (!*t)
			continue;
		nl = realloc(list, (n + 1) * sizeof *list);
		if (!nl)
			goto out;
		list = nl;
		if (!(list[n] = strdup(t)))
			goto out;
		n++;
	}
	if (n == 0)
		goto out;
	*out = list;
	*nout = n;
	list = NULL;
	n = 0;
	rc = 0;
out:
	free_list(&list, &n);
	free(copy);
	return rc;
}

static int parse_long(const char *v, long *out)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || end == v || *end)
		return -1;
	*out = x;
	return 0;
}

/* 1048576, 1024K, 1M, 1MiB, 1KiB. */
static int parse_size(const char *v, long *out)
{
	char *end;
	errno = 0;
	long x = strtol(v, &end, 10);
	if (errno || end == v || x < 0)
		return -1;
	long mul = 1;
	if (strcasecmp(end, "k") == 0 || strcasecmp(end, "kib") == 0 || strcasecmp(end, "kb") == 0)
		mul = 1024;
	else if (strcasecmp(end, "m") == 0 || strcasecmp(end, "mib") == 0 ||
		 strcasecmp(end, "mb") == 0)
		mul = 1024 * 1024;
	else if (*end)
		return -1;
	if (x > LONG_MAX / mul)
		return -1;
	*out = x * mul;
	return 0;
}

static int parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = true, 0;
		if (strcasecmp(v, no[i]) == 0)
			return *out = false, 0;
	}
	return -1;
}

static bool tz_exists(const char *tz)
{
	char path[512];
	struct stat st;
	if (!*tz || tz[0] == '/' || strstr(tz, ".."))
		return false;
	if (strcmp(tz, "UTC") == 0)
		return true;
	snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Set one key from text. Returns NULL, or a message saying why the value is bad. For
 * defaults (p == NULL) no file checks are made. */
static const char *set_value(struct config *c, const struct key *k, const char *v, struct parse *p,
			     char *why, size_t whysz)
{
	long x;
	bool b;

	switch (k->type) {
	case K_SECRET:
		if (p && *v && !p->file_private) {
			snprintf(why, whysz,
				 "a password in this file needs the file to be mode 0600 (it is "
				 "%04o); use password_command, password_file or "
				 "REPLYWATCH_PASSWORD",
				 (unsigned)(p->file_mode & 07777));
			return why;
		}
		/* fall through */
	case K_STR:
	case K_PATH:
	case K_TZ: {
		char **f = field_str(c, k);
		char *nv = NULL;
		if (k->type == K_TZ && *v && !tz_exists(v)) {
			snprintf(why, whysz, "unknown time zone '%s' (want e.g. Europe/Berlin)", v);
			return why;
		}
		if (*v && k->type == K_PATH && p && v[0] != '/' && v[0] != '~' &&
		    strchr(p->path, '/')) {
			/* A relative path is relative to the config file, not to where the
			 * command happens to run. */
			int dirlen = (int)(strrchr(p->path, '/') - p->path);
			size_t n = (size_t)dirlen + strlen(v) + 2;
			if ((nv = malloc(n)))
				snprintf(nv, n, "%.*s/%s", dirlen, p->path, v);
			if (!nv)
				return "out of memory";
		} else if (*v) {
			nv = k->type == K_PATH ? paths_expand(v) : strdup(v);
			if (!nv)
				return "out of memory";
		}
		if (*f && k->type == K_SECRET)
			explicit_bzero(*f, strlen(*f));
		free(*f);
		*f = nv;
		return NULL;
	}
	case K_INT:
		if (parse_long(v, &x) < 0) {
			snprintf(why, whysz, "%s.%s: '%s' is not a whole number", k->section,
				 k->name, v);
			return why;
		}
		if (x < k->min || x > k->max) {
			snprintf(why, whysz, "%s.%s: %ld is out of bounds (%ld..%ld)", k->section,
				 k->name, x, k->min, k->max);
			return why;
		}
		*(int *)((char *)c + k->off) = (int)x;
		return NULL;
	case K_SIZE:
		if (parse_size(v, &x) < 0) {
			snprintf(why, whysz, "%s.%s: '%s' is not a size (e.g. 1048576, 512K, 1M)",
				 k->section, k->name, v);
			return why;
		}
		if (x < k->min || x > k->max) {
			snprintf(why, whysz, "%s.%s: %ld is out of bounds (%ld..%ld bytes)",
				 k->section, k->name, x, k->min, k->max);
			return why;
		}
		*(long *)((char *)c + k->off) = x;
		return NULL;
	case K_BOOL:
		if (parse_bool(v, &b) < 0) {
			snprintf(why, whysz, "%s.%s: '%s' is not yes or no", k->section, k->name,
				 v);
			return why;
		}
		*(bool *)((char *)c + k->off) = b;
		return NULL;
	case K_TLS: {
		enum config_tls t;
		if (strcasecmp(v, "implicit") == 0)
			t = CONFIG_TLS_IMPLICIT;
		else if (strcasecmp(v, "starttls") == 0)
			t = CONFIG_TLS_STARTTLS;
		else if (strcasecmp(v, "none") == 0)
			t = CONFIG_TLS_NONE;
		else {
			snprintf(why, whysz, "%s.%s: '%s' is not implicit, starttls or none",
				 k->section, k->name, v);
			return why;
		}
		*(enum config_tls *)((char *)c + k->off) = t;
		return NULL;
	}
	case K_LIST: {
		char **list = NULL;
		size_t n = 0;
		if (parse_list(v, &list, &n) < 0) {
			snprintf(why, whysz, "%s.%s: want a comma-separated list of names",
				 k->section, k->name);
			return why;
		}
		/* The only list is imap.folders. */
		free_list(&c->imap.folders, &c->imap.nfolders);
		c->imap.folders = list;
		c->imap.nfolders = n;
		return NULL;
	}
	}
	return "unknown key type";
}

int config_init(struct config *c, struct rw_err *err)
{
	char why[256];
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < NKEYS; i++) {
		if (keys[i].type == K_STR || keys[i].type == K_PATH || keys[i].type == K_TZ ||
		    keys[i].type == K_SECRET) {
			if (!*keys[i].def)
				continue;
		}
		if (set_value(c, &keys[i], keys[i].def, NULL, why, sizeof why)) {
			config_release(c);
			return rw_fail(err, RW_ENOMEM, "config defaults: %s", why);
		}
	}
	return 0;
}

void config_release(struct config *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < NKEYS; i++) {
		const struct key *k = &keys[i];
		if (k->type == K_STR || k->type == K_PATH || k->type == K_TZ ||
		    k->type == K_SECRET) {
			char **f = field_str(c, k);
			if (*f && k->type == K_SECRET)
				explicit_bzero(*f, strlen(*f));
			free(*f);
			*f = NULL;
		}
	}
	free_list(&c->imap.folders, &c->imap.nfolders);
	free(c->path);
	memset(c, 0, sizeof *c);
}

static const struct key *find_key(const char *section, const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcasecmp(keys[i].section, section) == 0 &&
		    strcasecmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static bool known_section(const char *s)
{
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (strcasecmp(sections[i], s) == 0)
			return true;
	return false;
}

/* inih's line source: count lines, check sections and the shape of each line, and cut
 * over-long lines (inih would otherwise read their tail as a line of its own). */
static char *reader(char *str, int num, void *stream)
{
	struct parse *p = stream;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, p->f);

	if (n < 0) {
		free(line);
		return NULL;
	}
	p->line++;
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n >= num - 1) {
		perr(p, p->line, "line longer than %d characters", num - 2);
		str[0] = '\0'; /* skip it whole */
		free(line);
		return str;
	}
	char *t = line;
	while (isspace((unsigned char)*t))
		t++;
	if (p->line == 1 && (unsigned char)t[0] == 0xEF && (unsigned char)t[1] == 0xBB &&
	    (unsigned char)t[2] == 0xBF)
		t += 3;
	if (*t == '[') {
		char *end = strchr(t, ']');
		if (!end) {
			perr(p, p->line, "section header without ']'");
			p->bad_section = true;
			str[0] = '\0';
			free(line);
			return str;
		}
		char name[128];
		snprintf(name, sizeof name, "%.*s", (int)(end - t - 1), t + 1);
		char *nm = trim(name);
		p->bad_section = !known_section(nm);
		if (p->bad_section)
			perr(p, p->line,
			     "unknown section [%s] (known: imap, watch, rules, schedule)", nm);
	} else if (*t && *t != '#' && *t != ';' && !strchr(t, '=') && !strchr(t, ':')) {
		perr(p, p->line, "not 'key = value': %.40s", t);
		str[0] = '\0';
		free(line);
		return str;
	}
	memcpy(str, line, (size_t)n);
	str[n] = '\n';
	str[n + 1] = '\0';
	free(line);
	return str;
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	char why[512];
	const char *bad;

	if (p->bad_section)
		return 1;
	if (!*section) {
		perr(p, p->line,
		     "'%s' is outside any section (put it under [imap], [watch], "
		     "[rules] or [schedule])",
		     name);
		return 1;
	}
	const struct key *k = find_key(section, name);
	if (!k) {
		perr(p, p->line, "unknown key '%s' in [%s]", name, section);
		return 1;
	}
	size_t idx = (size_t)(k - keys);
	if (p->set_at[idx]) {
		perr(p, p->line, "%s.%s is already set on line %d", k->section, k->name,
		     p->set_at[idx]);
		return 1;
	}
	p->set_at[idx] = p->line;
	bad = set_value(p->c, k, value, p, why, sizeof why);
	if (bad)
		perr(p, p->line, "%s", bad);
	return 1;
}

static bool is_loopback(const char *host)
{
	return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
	       strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0;
}

/* 1 when the password file's first line (without its line end) is empty. A file that
 * cannot be read is left to the secret reader, which names the error. */
static int password_file_empty(const char *path)
{
	char data[8];
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(data, 1, sizeof data, f);
	int empty = n == 0 || data[0] == '\n' || data[0] == '\r';
	explicit_bzero(data, sizeof data); /* a secret's first bytes */
	fclose(f);
	return empty;
}

/* Checks that need the whole file: the password file's mode, plain text to a remote host. */
static void check_whole(struct parse *p)
{
	struct config *c = p->c;
	const struct key *pf = find_key("imap", "password_file");
	const struct key *tls = find_key("imap", "tls");
	int pf_line = p->set_at[pf - keys], tls_line = p->set_at[tls - keys];

	c->imap.line_password_file = pf_line;
	if (c->imap.password_file) {
		struct stat st;
		if (stat(c->imap.password_file, &st) < 0)
			perr(p, pf_line, "password_file %s: %s", c->imap.password_file,
			     strerror(errno));
		else if (!S_ISREG(st.st_mode))
			perr(p, pf_line, "password_file %s is not a regular file",
			     c->imap.password_file);
		else if (st.st_mode & 077)
			perr(p, pf_line,
			     "password_file %s is mode %04o: it must be 0600 (chmod 600 %s)",
			     c->imap.password_file, (unsigned)(st.st_mode & 07777),
			     c->imap.password_file);
		else if (password_file_empty(c->imap.password_file))
			/* Found now, not as a LOGIN refused by the server later (F2.23). */
			perr(p, pf_line, "password_file %s is empty (the password is its first line)",
			     c->imap.password_file);
	}
	/* A command in this file runs as the user: like ssh, trust it only when nobody else
	 * can have written it (F2.21). */
	static const char *const cmds[] = {"password_command", "oauth2_token_command"};
	for (size_t i = 0; i < 2; i++) {
		const struct key *k = find_key("imap", cmds[i]);
		int line = p->set_at[k - keys];
		if (!line || !*field_str(c, k))
			continue;
		if (p->file_mode & 022)
			perr(p, line,
			     "%s: refused: %s is writable by group or others (mode %04o), so "
			     "anyone could change the command (chmod go-w %s)",
			     cmds[i], p->path, (unsigned)(p->file_mode & 07777), p->path);
		else if (p->file_uid != getuid() && p->file_uid != 0)
			perr(p, line,
			     "%s: refused: %s belongs to uid %ld, not to you or root, so its "
			     "owner could change the command",
			     cmds[i], p->path, (long)p->file_uid);
	}
	/* One source of the secret, so nobody wonders which one is used. */
	static const char *const srcs[] = {"password_command", "password_file", "password"};
	int first = 0;
	for (size_t i = 0; i < 3; i++) {
		int line = p->set_at[find_key("imap", srcs[i]) - keys];
		if (!line || !*field_str(c, find_key("imap", srcs[i])))
			continue;
		if (first)
			perr(p, line,
			     "%s: set only one of password_command, password_file and "
			     "password (another is set on line %d)",
			     srcs[i], first);
		else
			first = line;
	}
	if (c->imap.tls == CONFIG_TLS_NONE && c->imap.host && !is_loopback(c->imap.host))
		perr(p, tls_line, "tls = none is allowed only to a loopback address, not '%s'",
		     c->imap.host);
}

int config_load(struct config **out, const char *path, bool required, struct rw_err *err)
{
	struct config *c = NULL;
	struct parse p = {0};
	char *defpath = NULL;
	struct stat st;
	int rc = -1;

	*out = NULL;
	if (!path) {
		if (!(defpath = paths_config()))
			return rw_fail(err, RW_ENOMEM, "config: out of memory");
		path = defpath;
	}
	if (!(c = calloc(1, sizeof *c))) {
		rw_fail(err, RW_ENOMEM, "config: out of memory");
		goto out;
	}
	if (config_init(c, err) < 0)
		goto out;
	p.c = c;
	p.path = path;
	p.f = fopen(path, "r");
	if (!p.f) {
		if (errno == ENOENT && !required) {
			*out = c; /* no file: the defaults */
			c = NULL;
			rc = 0;
			goto out;
		}
		rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (fstat(fileno(p.f), &st) < 0 || !S_ISREG(st.st_mode)) {
		rw_fail(err, RW_EIO, "%s: not a regular file", path);
		goto out;
	}
	p.file_mode = st.st_mode;
	p.file_uid = st.st_uid;
	p.file_private = (st.st_mode & 077) == 0;
	int r = ini_parse_stream(reader, &p, handler, &p);
	if (r == -2)
		p.oom = true;
	else if (r > 0 && p.nerr == 0)
		perr(&p, r, "cannot parse this line");
	if (ferror(p.f))
		perr(&p, p.line, "read error: %s", strerror(errno));
	check_whole(&p);
	if (p.oom) {
		rw_fail(err, RW_ENOMEM, "%s: out of memory", path);
		goto out;
	}
	if (p.nerr) {
		struct buf all = BUF_INIT;
		perr_format(&p, &all);
		rw_fail(err, RW_ESYNTAX, "%s", buf_str(&all));
		size_t alllen = all.len;
		buf_release(&all);
		/* err->msg is bounded: say so rather than silently dropping problems. */
		if (alllen >= sizeof err->msg && err) {
			static const char more[] = "\n(more errors follow; fix these first)";
			memcpy(err->msg + sizeof err->msg - sizeof more, more, sizeof more);
		}
		goto out;
	}
	if (!(c->path = strdup(path))) {
		rw_fail(err, RW_ENOMEM, "config: out of memory");
		goto out;
	}
	*out = c;
	c = NULL;
	rc = 0;
out:
	if (p.f)
		fclose(p.f);
	for (int i = 0; i < p.nerr; i++)
		free(p.errs[i].msg);
	free(p.errs);
	config_free(&c);
	free(defpath);
	return rc;
}

void config_free(struct config **c)
{
	if (!c || !*c)
		return;
	config_release(*c);
	free(*c);
	*c = NULL;
}

static char *first_line(const char *data, size_t len)
{
	size_t n = 0;
	while (n < len && data[n] != '\n' && data[n] != '\r')
		n++;
	char *s = malloc(n + 1);
	if (s) {
		memcpy(s, data, n);
		s[n] = '\0';
	}
	return s;
}

static int run_command(char **out, const char *cmd, struct rw_err *err)
{
	struct buf b = BUF_INIT;
	char chunk[512];
	size_t n;
	int rc = -1;
	FILE *f = popen(cmd, "r");

	if (!f)
		return rw_fail(err, RW_EIO, "password_command: cannot run: %s", strerror(errno));
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < 65536)
		buf_append(&b, chunk, n);
	explicit_bzero(chunk, sizeof chunk);
	int st = pclose(f);
	if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		rw_fail(err, RW_EIO, "password_command failed (exit status %d)",
			WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		goto out;
	}
	if (b.oom || !(*out = first_line(b.data ? b.data : "", b.len))) {
		rw_fail(err, RW_ENOMEM, "password_command: out of memory");
		goto out;
	}
	if (!**out) {
		free(*out);
		*out = NULL;
		rw_fail(err, RW_EAUTH, "password_command printed nothing (the password is the first "
				       "line of its output)");
		goto out;
	}
	rc = 1;
out:
	if (b.data)
		explicit_bzero(b.data, b.len);
	buf_release(&b);
	return rc;
}

static int read_secret_file(char **out, const char *path, struct rw_err *err)
{
	char data[4096];
	struct stat st;
	int rc = -1;
	FILE *f = fopen(path, "r");

	if (!f)
		return rw_fail(err, RW_EIO, "password_file %s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) < 0 || (st.st_mode & 077)) {
		rw_fail(err, RW_EAUTH, "password_file %s is mode %04o: it must be 0600", path,
			(unsigned)(st.st_mode & 07777));
		goto out;
	}
	size_t n = fread(data, 1, sizeof data, f);
	if (!(*out = first_line(data, n))) {
		rw_fail(err, RW_ENOMEM, "password_file: out of memory");
		goto out;
	}
	if (!**out) {
		free(*out);
		*out = NULL;
		rw_fail(err, RW_EAUTH, "password_file %s is empty (the password is its first line)",
			path);
		goto out;
	}
	rc = 1;
out:
	explicit_bzero(data, sizeof data);
	fclose(f);
	return rc;
}

int config_secret(char **out, const struct config *c, struct rw_err *err)
{
	*out = NULL;
	if (c->imap.password_command)
		return run_command(out, c->imap.password_command, err);
	if (c->imap.password_file)
		return read_secret_file(out, c->imap.password_file, err);
	const char *s = c->imap.password ? c->imap.password : getenv("REPLYWATCH_PASSWORD");
	if (!s)
		return 0;
	if (!(*out = strdup(s)))
		return rw_fail(err, RW_ENOMEM, "out of memory");
	return 1;
}

void config_secret_free(char **secret)
{
	if (!secret || !*secret)
		return;
	explicit_bzero(*secret, strlen(*secret));
	free(*secret);
	*secret = NULL;
}

static const char *type_hint(const struct key *k)
{
	switch (k->type) {
	case K_INT:
		return "number";
	case K_SIZE:
		return "size";
	case K_BOOL:
		return "yes|no";
	case K_TLS:
		return "implicit|starttls|none";
	case K_LIST:
		return "list";
	case K_PATH:
		return "path";
	case K_TZ:
		return "time zone";
	default:
		return "text";
	}
}

int config_write_commented(FILE *f, struct rw_err *err)
{
	const char *section = NULL;

	fputs("# replywatch configuration (see 'replywatch --help' and README.md).\n"
	      "#\n"
	      "# Every key is shown with its default, commented out: remove the '#' to change "
	      "one.\n"
	      "# Commands that need no mail account (prospect, due, log, ...) work without\n"
	      "# [imap]. Keep secrets out of this file: use password_command, password_file\n"
	      "# (mode 0600) or the REPLYWATCH_PASSWORD environment variable. Comments start\n"
	      "# with '#' or ';' (also after a value: ' ; comment').\n",
	      f);
	for (size_t i = 0; i < NKEYS; i++) {
		const struct key *k = &keys[i];
		if (!section || strcmp(section, k->section) != 0) {
			section = k->section;
			fprintf(f, "\n[%s]\n", section);
		}
		fprintf(f, "\n# %s (%s", k->help, type_hint(k));
		if (k->type == K_INT || k->type == K_SIZE)
			fprintf(f, ", %ld..%ld", k->min, k->max);
		fputs(")\n", f);
		fprintf(f, "#%s =%s%s\n", k->name, *k->def ? " " : "", k->def);
	}
	if (fflush(f) != 0 || ferror(f))
		return rw_fail(err, RW_EIO, "cannot write the config: %s", strerror(errno));
	return 0;
}

int config_get_text(const struct config *c, const char *section_key, char *buf, size_t bufsz)
{
	const char *dot = strchr(section_key, '.');
	char section[32];
	if (!dot || (size_t)(dot - section_key) >= sizeof section)
		return 0;
	snprintf(section, sizeof section, "%.*s", (int)(dot - section_key), section_key);
	const struct key *k = find_key(section, dot + 1);
	if (!k)
		return 0;
	const char *p = (const char *)c + k->off;
	switch (k->type) {
	case K_SECRET:
		snprintf(buf, bufsz, "%s", *(char *const *)p ? "(set)" : "");
		break;
	case K_STR:
	case K_PATH:
	case K_TZ:
		snprintf(buf, bufsz, "%s", *(char *const *)p ? *(char *const *)p : "");
		break;
	case K_INT:
		snprintf(buf, bufsz, "%d", *(const int *)p);
		break;
	case K_SIZE:
		snprintf(buf, bufsz, "%ld", *(const long *)p);
		break;
	case K_BOOL:
		snprintf(buf, bufsz, "%s", *(const bool *)p ? "yes" : "no");
		break;
	case K_TLS: {
		static const char *const n[] = {"implicit", "starttls", "none"};
		snprintf(buf, bufsz, "%s", n[*(const enum config_tls *)p]);
		break;
	}
	case K_LIST: {
		size_t used = 0;
		buf[0] = '\0';
		for (size_t i = 0; i < c->imap.nfolders && used < bufsz; i++)
			used += (size_t)snprintf(buf + used, bufsz - used, "%s%s", i ? "," : "",
						 c->imap.folders[i]);
		break;
	}
	}
	return 1;
}
