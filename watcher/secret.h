/* secret.h: the OAuth2 access token for XOAUTH2, from [imap] oauth2_token_command (SPEC §6).
 * (The password sources, password_command / password_file / REPLYWATCH_PASSWORD, are read by
 * config_secret() in config.h.) Secrets never come from argv and are never logged. */
#ifndef RW_SECRET_H
#define RW_SECRET_H

#include "err.h"

/* Run command with /bin/sh -c; its first output line (without the newline) into *out,
 * the caller's: secret_free() it. what names the config key in error messages. The command's
 * stderr goes to ours; its output never appears in a message. */
int secret_from_command(char **out, const char *command, const char *what, struct rw_err *err);
/* Wipe and free; accepts NULL and clears the pointer. */
void secret_free(char **s);

#endif
