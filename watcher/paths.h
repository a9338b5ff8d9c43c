/* paths.h: default file locations (XDG base directories) and path helpers. Every returned
 * string is the caller's: free() it. NULL means out of memory (or no home directory). */
#ifndef RW_PATHS_H
#define RW_PATHS_H

/* $XDG_CONFIG_HOME/replywatch/config, else ~/.config/replywatch/config. */
char *paths_config(void);
/* $XDG_DATA_HOME/replywatch/replywatch.db, else ~/.local/share/replywatch/replywatch.db. */
char *paths_database(void);
/* "~/x" -> "$HOME/x"; anything else copied. */
char *paths_expand(const char *path);
/* Create the directory that will hold 'file' (and its parents), mode 0700 for new ones.
 * 0, or -1 with errno set. */
int paths_mkdir_for(const char *file);

#endif
