/* config.h: replywatch's INI configuration (SPEC §5 keys, STYLE point 14).
 *
 * Every key comes from ONE table (config.c) with its type, default and bounds; the same table
 * writes the commented file of 'replywatch init'. Loading reports EVERY error (unknown section
 * or key, bad value, out of bounds, a password in a readable file, a password_file that is
 * not mode 0600) as "file:line: ..." lines, all of them, before failing.
 *
 * All memory belongs to the struct config; config_free() releases it. Strings are never NULL
 * unless marked "or NULL". */
#ifndef RW_CONFIG_H
#define RW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"

enum config_tls { CONFIG_TLS_IMPLICIT = 0, CONFIG_TLS_STARTTLS, CONFIG_TLS_NONE };

struct config {
	char *path; /* the file that was read, or NULL when running on defaults */

	struct {
		char *host;		/* or NULL: no mail account configured */
		int port;		/* 0 = the default for tls (993 implicit, 143 otherwise) */
		enum config_tls tls;	/* implicit (default) | starttls | none */
		char *ca_file;		/* or NULL: the system trust store */
		char *user;		/* or NULL */
		char *password;		/* or NULL; only accepted from a mode-0600 file. SECRET */
		char *password_command; /* or NULL; run by the shell, its first line is the secret
					 */
		char *password_file;	/* or NULL; checked to be mode 0600 at load */
		char *oauth2_token_command; /* or NULL; XOAUTH2 token */
		char **folders;		    /* watched folders, default {"INBOX"} */
		size_t nfolders;
		char *sent_folder;	/* or NULL: find it by SPECIAL-USE \Sent */
		int line_password_file; /* where password_file was set (0: not from a file) */
	} imap;

	struct {
		int poll_interval;     /* seconds, default 60 */
		int since_days;	       /* first-run look-back, default 120 */
		int match_window_days; /* sender-match window, default 60 */
		bool keywords;	       /* set $replywatch-<class> keywords, default no */
		long max_body_bytes;   /* text fetched per message, default 1 MiB */
	} watch;

	struct {
		char *dir; /* user rules layered over the shipped ones, or NULL */
	} rules;

	struct {
		char *timezone;		/* IANA name, or NULL: the system's */
		int breakup_later_days; /* 90 */
		int pending_later_days; /* 60 */
		int drip_after_days;	/* 14 */
		int pending_every_days; /* 90 */
	} schedule;
};

/* Fill c with every default (no file read). Returns 0, or -1 on out-of-memory. */
int config_init(struct config *c, struct rw_err *err);
/* Free what c holds and zero it. */
void config_release(struct config *c);

/* Load a config file over the defaults.
 *   path:     file to read, or NULL for the default path (paths.h: paths_config()).
 *   required: true when the user named the file (-c): a missing file is then an error;
 *             a missing default file just gives the defaults (out->path stays NULL).
 * On error, err->msg holds one "file:line: problem" line per problem, newline-separated,
 * and *out is NULL. On success *out is the caller's: config_free() it. */
int config_load(struct config **out, const char *path, bool required, struct rw_err *err);
void config_free(struct config **c);

/* The IMAP secret, from (in this order) password_command, password_file, [imap] password,
 * or the REPLYWATCH_PASSWORD environment variable. *out is the caller's; free it with
 * config_secret_free() which wipes it. 1 found, 0 none configured, -1 error (the command
 * failed, the file is unreadable or not 0600). The secret is never logged. */
int config_secret(char **out, const struct config *c, struct rw_err *err);
void config_secret_free(char **secret);

/* Write the fully commented config (every key, its default, its bounds) to f. */
int config_write_commented(FILE *f, struct rw_err *err);

/* Look a key up by "section.key" in the table: its current value as text into buf (so other
 * modules and 'replywatch init' can show it). 1 found, 0 unknown key. */
int config_get_text(const struct config *c, const char *section_key, char *buf, size_t bufsz);

#endif
