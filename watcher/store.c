/* store.c: opening the sqlite database, schema migrations, statements, transactions,
 * prospects, contact attempts and folder sync state (SPEC §7).
 *
 * The schema is versioned with PRAGMA user_version; migrations[i] takes a database from
 * version i to i+1 inside one transaction, so a half-migrated file cannot exist. Every query
 * is a prepared statement with bound parameters, cached per SQL literal. The file is created
 * mode 0600 before sqlite opens it (its -wal and -shm files inherit that mode). */
#include "store_int.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE prospects ("
	" id INTEGER PRIMARY KEY,"
	" email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	" name TEXT, company TEXT,"
	" status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','pending',"
	"  'breakup-sent','engaged','later','drip','closed','left-company','bad-address')),"
	" do_not_contact INTEGER NOT NULL DEFAULT 0,"
	" referred_by INTEGER REFERENCES prospects(id) ON DELETE SET NULL,"
	" next_contact TEXT, next_reason TEXT, next_quote TEXT,"
	" created INTEGER NOT NULL, updated INTEGER NOT NULL);"
	"CREATE TABLE outbound ("
	" id INTEGER PRIMARY KEY,"
	" message_id TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL CHECK (kind IN ('unknown','breakup','pending')),"
	" date INTEGER NOT NULL, subject TEXT, body TEXT, folder TEXT, uid INTEGER,"
	" created INTEGER NOT NULL);"
	"CREATE TABLE outbound_recipients ("
	" outbound_id INTEGER NOT NULL REFERENCES outbound(id) ON DELETE CASCADE,"
	" prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" PRIMARY KEY (outbound_id, prospect_id));"
	"CREATE INDEX outbound_recipients_prospect ON outbound_recipients(prospect_id);"
	"CREATE TABLE replies ("
	" id INTEGER PRIMARY KEY,"
	" message_id TEXT NOT NULL UNIQUE,"
	" outbound_id INTEGER REFERENCES outbound(id),"
	" prospect_id INTEGER REFERENCES prospects(id),"
	" from_addr TEXT, subject TEXT, date INTEGER NOT NULL, folder TEXT, uid INTEGER,"
	" matched_by TEXT CHECK (matched_by IN ('thread','sender','manual')),"
	" class TEXT NOT NULL CHECK (class IN ('yes','later','no','auto','review')),"
	" reason TEXT, score_yes REAL, score_later REAL, score_no REAL,"
	" callback TEXT, callback_quote TEXT, ooo_return TEXT,"
	" bounce INTEGER NOT NULL DEFAULT 0, do_not_contact INTEGER NOT NULL DEFAULT 0,"
	" referral TEXT, left_company INTEGER NOT NULL DEFAULT 0,"
	" ruleset TEXT, reply_text TEXT, warnings TEXT, raw BLOB,"
	" created INTEGER NOT NULL);"
	"CREATE INDEX replies_prospect ON replies(prospect_id, date);"
	"CREATE INDEX replies_date ON replies(date);"
	"CREATE TABLE rule_hits ("
	" id INTEGER PRIMARY KEY,"
	" reply_id INTEGER NOT NULL REFERENCES replies(id) ON DELETE CASCADE,"
	" rule TEXT NOT NULL, class TEXT NOT NULL, weight REAL NOT NULL,"
	" match TEXT, scope TEXT, negated INTEGER NOT NULL DEFAULT 0, hit_limit INTEGER NOT NULL"
	" DEFAULT 0);"
	"CREATE INDEX rule_hits_reply ON rule_hits(reply_id);"
	"CREATE INDEX rule_hits_rule ON rule_hits(rule);"
	"CREATE TABLE corrections ("
	" id INTEGER PRIMARY KEY,"
	" reply_id INTEGER NOT NULL REFERENCES replies(id),"
	" class TEXT NOT NULL CHECK (class IN ('yes','later','no','auto','review')),"
	" callback TEXT, reason TEXT, created INTEGER NOT NULL);"
	"CREATE INDEX corrections_reply ON corrections(reply_id);"
	/* The corrections log is append-only (SPEC §2): the database itself refuses edits. */
	"CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections"
	" BEGIN SELECT RAISE(ABORT, 'the corrections log is append-only'); END;"
	"CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections"
	" BEGIN SELECT RAISE(ABORT, 'the corrections log is append-only'); END;"
	"CREATE TABLE contacts ("
	" id INTEGER PRIMARY KEY,"
	" prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,"
	" date TEXT NOT NULL,"
	" channel TEXT NOT NULL CHECK (channel IN ('call','email','voicemail','note','visit')),"
	" note TEXT, created INTEGER NOT NULL);"
	"CREATE INDEX contacts_prospect ON contacts(prospect_id, date);"
	/* Every (re)scheduling, newest last; prospects.next_* is the current one. */
	"CREATE TABLE schedule ("
	" id INTEGER PRIMARY KEY,"
	" prospect_id INTEGER NOT NULL REFERENCES prospects(id) ON DELETE CASCADE,"
	" date TEXT, why TEXT NOT NULL, quote TEXT,"
	" reply_id INTEGER REFERENCES replies(id),"
	" created INTEGER NOT NULL);"
	"CREATE INDEX schedule_prospect ON schedule(prospect_id);"
	"CREATE TABLE folders ("
	" name TEXT PRIMARY KEY,"
	" uidvalidity INTEGER NOT NULL, last_uid INTEGER NOT NULL,"
	" highestmodseq INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL);"
	/* The class a person gave wins over the rules': the last correction, else the decision. */
	"CREATE VIEW replies_effective AS SELECT r.*,"
	" COALESCE((SELECT c.class FROM corrections c WHERE c.reply_id = r.id"
	"           ORDER BY c.id DESC LIMIT 1), r.class) AS eff_class,"
	" EXISTS (SELECT 1 FROM corrections c WHERE c.reply_id = r.id) AS corrected"
	" FROM replies r;",
	/* 1 -> 2: an attempt can be answered (a call picked up); answered ones reset the count
	 * of unanswered attempts, as a real reply does. */
	"ALTER TABLE contacts ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;",
	/* 2 -> 3: a reply whose decision a person must take (a closed or do-not-contact
	 * prospect who replied yes/later) carries why; it waits in 'review' and 'due'. */
	"ALTER TABLE replies ADD COLUMN review_note TEXT;",
};

#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

int store_dberr(struct store *s, struct rw_err *err, const char *what)
{
	return rw_fail(err, RW_EDB, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct rw_err *err)
{
	size_t i;
	for (i = 0; i < STORE_NSTMT && s->cache[i].sql; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, i < STORE_NSTMT ? SQLITE_PREPARE_PERSISTENT : 0, &st,
			       NULL) != SQLITE_OK) {
		store_dberr(s, err, "prepare");
		return NULL;
	}
	if (i < STORE_NSTMT) {
		s->cache[i].sql = sql;
		s->cache[i].st = st;
	}
	/* A full cache would leak statements; STORE_NSTMT is sized above the queries we have. */
	return st;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

int store_bind_text_null(sqlite3_stmt *st, int i, const char *v)
{
	return store_bind_text(st, i, v && *v ? v : NULL);
}

const char *store_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

char *store_col_dup(sqlite3_stmt *st, int i)
{
	const char *t = store_col_text(st, i);
	return t ? strdup(t) : NULL;
}

int store_grow(void *arrayp, size_t *cap, size_t n, size_t elem)
{
	void **array = arrayp;
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *nv = realloc(*array, ncap * elem);
	if (!nv)
		return -1;
	*array = nv;
	*cap = ncap;
	return 0;
}

static int exec_simple(struct store *s, const char *sql, struct rw_err *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_dberr(s, err, sql);
	return 0;
}

int store_sp_begin(struct store *s, struct rw_err *err)
{
	if (exec_simple(s, "SAVEPOINT rw", err) < 0)
		return -1;
	s->depth++;
	return 0;
}

int store_sp_end(struct store *s, int rc, struct rw_err *err)
{
	s->depth--;
	if (rc < 0) {
		/* Keep the first error: it says what went wrong. */
		exec_simple(s, "ROLLBACK TO rw", NULL);
		exec_simple(s, "RELEASE rw", NULL);
		return rc;
	}
	if (exec_simple(s, "RELEASE rw", err) < 0) {
		exec_simple(s, "ROLLBACK TO rw", NULL);
		exec_simple(s, "RELEASE rw", NULL);
		return -1;
	}
	return rc;
}

int store_begin(struct store *s, struct rw_err *err)
{
	return exec_simple(s, "BEGIN IMMEDIATE", err);
}

int store_commit(struct store *s, struct rw_err *err)
{
	return exec_simple(s, "COMMIT", err);
}

int store_rollback(struct store *s, struct rw_err *err)
{
	if (sqlite3_get_autocommit(s->db))
		return 0;
	return exec_simple(s, "ROLLBACK", err);
}

static int pragma_int(struct store *s, const char *sql, int *out, struct rw_err *err)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_dberr(s, err, sql);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_dberr(s, err, sql);
	return 0;
}

static int migrate(struct store *s, struct rw_err *err)
{
	int version = 0;
	char *msg = NULL;

	for (;;) {
		char sql[64];
		/* Read the version inside the write lock: a watcher and a command opening a new
		 * file together must not both migrate it. DDL from our constant table, never
		 * from input: exec is safe here. */
		if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
			goto fail;
		if (pragma_int(s, "PRAGMA user_version", &version, err) < 0) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (version > SCHEMA_VERSION) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return rw_fail(err, RW_EDB,
				       "%s: the database is at schema version %d, newer than this "
				       "replywatch knows (%d): upgrade replywatch",
				       s->path, version, SCHEMA_VERSION);
		}
		if (version == SCHEMA_VERSION) {
			if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
				goto fail;
			return 0;
		}
		if (sqlite3_exec(s->db, migrations[version], NULL, NULL, &msg) != SQLITE_OK)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version + 1);
		if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK ||
		    sqlite3_exec(s->db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
			goto fail;
	}
fail:
	rw_fail(err, RW_EDB, "%s: migrating to schema version %d: %s", s->path, version + 1,
		msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int store_open(struct store **out, const char *path, struct rw_err *err)
{
	struct store *s = NULL;
	char *defpath = NULL;
	int fd = -1, rc = -1;
	char *msg = NULL;

	*out = NULL;
	if (!path) {
		if (!(defpath = paths_database()))
			return rw_fail(err, RW_ENOMEM, "out of memory");
		path = defpath;
	}
	if (!(s = calloc(1, sizeof *s)) || !(s->path = strdup(path))) {
		rw_fail(err, RW_ENOMEM, "out of memory");
		goto out;
	}
	schedule_params_init(&s->params);
	if (paths_mkdir_for(path) < 0) {
		rw_fail(err, RW_EIO, "%s: cannot create its directory: %s", path, strerror(errno));
		goto out;
	}
	/* Create it 0600 ourselves: sqlite would use the umask (often 0644). */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		rw_fail(err, RW_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	close(fd);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rw_fail(err, RW_EDB, "%s: %s", path,
			s->db ? sqlite3_errmsg(s->db) : "cannot open the database");
		goto out;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (sqlite3_exec(s->db,
			 "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
			 " PRAGMA synchronous = NORMAL;",
			 NULL, NULL, &msg) != SQLITE_OK) {
		rw_fail(err, RW_EDB, "%s: %s", path, msg ? msg : sqlite3_errmsg(s->db));
		goto out;
	}
	if (migrate(s, err) < 0)
		goto out;
	*out = s;
	s = NULL;
	rc = 0;
out:
	sqlite3_free(msg);
	store_free(&s);
	free(defpath);
	return rc;
}

void store_free(struct store **sp)
{
	if (!sp || !*sp)
		return;
	struct store *s = *sp;
	for (size_t i = 0; i < STORE_NSTMT && s->cache[i].sql; i++)
		sqlite3_finalize(s->cache[i].st);
	if (s->db) {
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(s->db);
	}
	for (size_t i = 0; i < s->nown; i++)
		free(s->own[i]);
	free(s->path);
	free(s);
	*sp = NULL;
}

void store_set_params(struct store *s, const struct schedule_params *p)
{
	s->params = *p;
}

void store_add_own_address(struct store *s, const char *addr)
{
	if (!addr || !strchr(addr, '@') || s->nown >= STORE_NOWN)
		return;
	char *c = strdup(addr);
	if (c)
		s->own[s->nown++] = c;
}

int store_schema_version(struct store *s)
{
	int v = -1;
	pragma_int(s, "PRAGMA user_version", &v, NULL);
	return v;
}

/* ---- names ---- */

static const char *const status_names[PS_NSTATUS] = {
	"active", "pending", "breakup-sent", "engaged",	    "later",
	"drip",	  "closed",  "left-company", "bad-address",
};

const char *prospect_status_name(enum prospect_status st)
{
	return (unsigned)st < PS_NSTATUS ? status_names[st] : "active";
}

int prospect_status_parse(const char *name, enum prospect_status *out)
{
	for (int i = 0; i < PS_NSTATUS; i++)
		if (strcasecmp(name, status_names[i]) == 0)
			return *out = (enum prospect_status)i, 0;
	return -1;
}

static const char *const channel_names[CH_NCHANNEL] = {"call", "email", "voicemail", "note",
						       "visit"};

const char *contact_channel_name(enum contact_channel c)
{
	return (unsigned)c < CH_NCHANNEL ? channel_names[c] : "note";
}

int contact_channel_parse(const char *name, enum contact_channel *out)
{
	for (int i = 0; i < CH_NCHANNEL; i++)
		if (strcasecmp(name, channel_names[i]) == 0)
			return *out = (enum contact_channel)i, 0;
	return -1;
}

static const char *const class_names[RW_NCLASS] = {"yes", "later", "no", "auto", "review"};

const char *store_class_name(enum rw_class c)
{
	return (unsigned)c < RW_NCLASS ? class_names[c] : "review";
}

int store_class_parse(const char *name, enum rw_class *out)
{
	for (int i = 0; i < RW_NCLASS; i++)
		if (name && strcasecmp(name, class_names[i]) == 0)
			return *out = (enum rw_class)i, 0;
	return -1;
}

static const char *const kind_names[] = {"unknown", "breakup", "pending"};

const char *store_kind_name(enum rw_kind k)
{
	return (unsigned)k < 3 ? kind_names[k] : "unknown";
}

int store_kind_parse(const char *name, enum rw_kind *out)
{
	for (int i = 0; i < 3; i++)
		if (name && strcasecmp(name, kind_names[i]) == 0)
			return *out = (enum rw_kind)i, 0;
	return -1;
}

/* ---- prospects ---- */

int prospect_email_valid(const char *e)
{
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@') || strlen(e) > 254)
		return 0;
	for (const char *p = e; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == ',' || *p == '"' ||
		    *p == '(' || *p == ')' || *p == ';' || *p == '\\' || *p == 0x7f)
			return 0;
	const char *dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0' || strstr(at + 1, ".."))
		return 0;
	return 1;
}

void prospect_release(struct prospect *p)
{
	if (!p)
		return;
	free(p->email);
	free(p->name);
	free(p->company);
	free(p->referred_by_email);
	free(p->next_reason);
	free(p->next_quote);
	memset(p, 0, sizeof *p);
}

int store_prospect_id(struct store *s, const char *email, int64_t *out, struct rw_err *err)
{
	static const char sql[] = "SELECT id FROM prospects WHERE email = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, email);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_dberr(s, err, "looking up a prospect");
}

int store_prospect_exists(struct store *s, const char *email, struct rw_err *err)
{
	int64_t id;
	return store_prospect_id(s, email, &id, err);
}

int store_prospect_ensure(struct store *s, const char *email, int64_t referred_by, int64_t *out,
			  bool *created, struct rw_err *err)
{
	static const char ins[] = "INSERT INTO prospects (email, status, referred_by, created,"
				  " updated) VALUES (lower(?1), 'active', ?2, ?3, ?3)";
	int r = store_prospect_id(s, email, out, err);
	if (created)
		*created = false;
	if (r != 0)
		return r < 0 ? -1 : 0;
	sqlite3_stmt *st = store_stmt(s, ins, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, email);
	if (referred_by)
		sqlite3_bind_int64(st, 2, referred_by);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		return store_dberr(s, err, "adding a prospect");
	*out = sqlite3_last_insert_rowid(s->db);
	if (created)
		*created = true;
	return 0;
}

int store_schedule_set(struct store *s, int64_t prospect, int status, const char *date,
		       const char *why, const char *quote, int64_t reply_id, struct rw_err *err)
{
	static const char upd[] =
		"UPDATE prospects SET next_contact = ?2, next_reason = ?3, next_quote = ?4,"
		" status = COALESCE(?5, status), updated = ?6 WHERE id = ?1";
	static const char hist[] = "INSERT INTO schedule (prospect_id, date, why, quote, reply_id,"
				   " created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_int64 now = (sqlite3_int64)time(NULL);
	sqlite3_stmt *st = store_stmt(s, upd, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, prospect);
	store_bind_text_null(st, 2, date);
	store_bind_text_null(st, 3, date && *date ? why : NULL);
	store_bind_text_null(st, 4, date && *date ? quote : NULL);
	if (status >= 0)
		store_bind_text(st, 5, prospect_status_name((enum prospect_status)status));
	sqlite3_bind_int64(st, 6, now);
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE)
		return store_dberr(s, err, "scheduling");
	if (!(st = store_stmt(s, hist, err)))
		return -1;
	sqlite3_bind_int64(st, 1, prospect);
	store_bind_text_null(st, 2, date);
	store_bind_text(st, 3, why ? why : "cleared");
	store_bind_text_null(st, 4, quote);
	if (reply_id)
		sqlite3_bind_int64(st, 5, reply_id);
	sqlite3_bind_int64(st, 6, now);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "recording the schedule");
}

int store_prospect_clear_dnc(struct store *s, const char *email, struct rw_err *err)
{
	static const char find[] = "SELECT id, do_not_contact FROM prospects WHERE email = ?1";
	static const char upd[] = "UPDATE prospects SET do_not_contact = 0, updated = ?2"
				  " WHERE id = ?1";
	/* The schedule history is the prospect's audit trail: the person's act is kept there
	 * (the next contact itself is left as it was). */
	static const char hist[] =
		"INSERT INTO schedule (prospect_id, date, why, quote, created) SELECT id,"
		" next_contact, 'do-not-contact-cleared', ?2, ?3 FROM prospects WHERE id = ?1";
	sqlite3_int64 now = (sqlite3_int64)time(NULL);
	int64_t id;
	int r, rc = -1, was;

	if (store_sp_begin(s, err) < 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, find, err);
	if (!st)
		goto out;
	store_bind_text(st, 1, email);
	r = sqlite3_step(st);
	id = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	was = r == SQLITE_ROW ? sqlite3_column_int(st, 1) : 0;
	sqlite3_reset(st);
	if (r == SQLITE_DONE) {
		rw_fail(err, RW_ENOTFOUND, "%s is not a prospect", email);
		goto out;
	}
	if (r != SQLITE_ROW) {
		store_dberr(s, err, "reading a prospect");
		goto out;
	}
	if (!was) {
		rc = 0;
		goto out;
	}
	if (!(st = store_stmt(s, upd, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, now);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "clearing do-not-contact");
		goto out;
	}
	if (!(st = store_stmt(s, hist, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, "cleared by a person (prospect set --clear-do-not-contact)");
	sqlite3_bind_int64(st, 3, now);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "recording the schedule");
		goto out;
	}
	rc = 1;
out:
	return store_sp_end(s, rc < 0 ? -1 : 0, err) < 0 ? -1 : rc;
}

int store_prospect_put(struct store *s, const struct prospect_fields *f, bool must_be_new,
		       int64_t *out_id, struct rw_err *err)
{
	static const char upd[] =
		"UPDATE prospects SET name = COALESCE(?2, name), company = COALESCE(?3, company),"
		" status = COALESCE(?4, status), do_not_contact = max(do_not_contact, COALESCE(?5,"
		" 0)), updated = ?6 WHERE id = ?1";
	int64_t id = 0;
	bool created = false;
	int rc = -1;

	if (!f->email || !prospect_email_valid(f->email))
		return rw_fail(err, RW_EINVAL, "'%s' is not an email address",
			       f->email ? f->email : "");
	if (f->next_contact && *f->next_contact) {
		char d[11];
		if (schedule_date_parse(d, f->next_contact, s->params.timezone) < 0)
			return rw_fail(err, RW_EINVAL, "'%s' is not a date (YYYY-MM-DD)",
				       f->next_contact);
	}
	if (store_sp_begin(s, err) < 0)
		return -1;
	if (store_prospect_ensure(s, f->email, 0, &id, &created, err) < 0)
		goto out;
	if (must_be_new && !created) {
		rw_fail(err, RW_EINVAL, "%s is already a prospect", f->email);
		goto out;
	}
	sqlite3_stmt *st = store_stmt(s, upd, err);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text_null(st, 2, f->name);
	store_bind_text_null(st, 3, f->company);
	if (f->status >= 0)
		store_bind_text(st, 4, prospect_status_name((enum prospect_status)f->status));
	if (f->do_not_contact >= 0)
		sqlite3_bind_int(st, 5, f->do_not_contact ? 1 : 0);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)time(NULL));
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "updating a prospect");
		goto out;
	}
	if (f->next_contact) {
		char d[11] = "";
		if (*f->next_contact)
			schedule_date_parse(d, f->next_contact, s->params.timezone);
		if (store_schedule_set(s, id, -1, d, "manual", NULL, 0, err) < 0)
			goto out;
	}
	if (out_id)
		*out_id = id;
	rc = 0;
out:
	return store_sp_end(s, rc, err);
}

#define PROSPECT_COLS                                                                              \
	"p.id, p.email, p.name, p.company, p.status, p.do_not_contact, p.referred_by,"             \
	" (SELECT r.email FROM prospects r WHERE r.id = p.referred_by), p.next_contact,"           \
	" p.next_reason, p.next_quote, p.created, p.updated"

static int prospect_from_row(sqlite3_stmt *st, struct prospect *p)
{
	const char *nc;
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->email = store_col_dup(st, 1);
	p->name = store_col_dup(st, 2);
	p->company = store_col_dup(st, 3);
	if (prospect_status_parse(store_col_text(st, 4) ? store_col_text(st, 4) : "active",
				  &p->status) < 0)
		p->status = PS_ACTIVE;
	p->do_not_contact = sqlite3_column_int(st, 5) != 0;
	p->referred_by = sqlite3_column_int64(st, 6);
	p->referred_by_email = store_col_dup(st, 7);
	if ((nc = store_col_text(st, 8)))
		snprintf(p->next_contact, sizeof p->next_contact, "%s", nc);
	p->next_reason = store_col_dup(st, 9);
	p->next_quote = store_col_dup(st, 10);
	p->created = (time_t)sqlite3_column_int64(st, 11);
	p->updated = (time_t)sqlite3_column_int64(st, 12);
	return p->email ? 0 : -1;
}

int store_prospect_get(struct store *s, const char *email, struct prospect *out, struct rw_err *err)
{
	static const char sql[] = "SELECT " PROSPECT_COLS " FROM prospects p WHERE p.email = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, email);
	int r = sqlite3_step(st), rc;
	if (r == SQLITE_ROW) {
		rc = prospect_from_row(st, out) < 0 ? rw_fail(err, RW_ENOMEM, "out of memory") : 1;
		if (rc < 0)
			prospect_release(out);
	} else {
		rc = r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading a prospect");
	}
	sqlite3_reset(st);
	return rc;
}

int store_prospect_each(struct store *s, int status, int (*fn)(void *arg, const struct prospect *p),
			void *arg, struct rw_err *err)
{
	static const char sql[] = "SELECT " PROSPECT_COLS " FROM prospects p"
				  " WHERE ?1 IS NULL OR p.status = ?1 ORDER BY p.email";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int r, rc = 0;
	if (!st)
		return -1;
	if (status >= 0)
		store_bind_text(st, 1, prospect_status_name((enum prospect_status)status));
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct prospect p;
		if (prospect_from_row(st, &p) < 0) {
			prospect_release(&p);
			rc = rw_fail(err, RW_ENOMEM, "out of memory");
			break;
		}
		rc = fn(arg, &p);
		prospect_release(&p);
		if (rc)
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = store_dberr(s, err, "listing prospects");
	sqlite3_reset(st);
	return rc;
}

/* ---- contact attempts ---- */

/* Unanswered attempts: those after the last real reply (auto-replies do not answer) and
 * after the last answered attempt. */
static int unanswered(struct store *s, int64_t pid, int *out, struct rw_err *err)
{
	static const char sql[] =
		"SELECT count(*) FROM contacts c WHERE c.prospect_id = ?1 AND " OPEN_ATTEMPTS;
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, pid);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return r == SQLITE_ROW ? 0 : store_dberr(s, err, "counting attempts");
}

int store_contact_add(struct store *s, const char *email, enum contact_channel ch, const char *date,
		      const char *note, bool answered, int *out_unanswered, struct rw_err *err)
{
	static const char ins[] = "INSERT INTO contacts (prospect_id, date, channel, note, created,"
				  " answered) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	int64_t pid;
	char d[11];
	int rc = -1;

	if (schedule_date_parse(d, date, s->params.timezone) < 0)
		return rw_fail(err, RW_EINVAL, "'%s' is not a date (YYYY-MM-DD)", date);
	if ((unsigned)ch >= CH_NCHANNEL)
		return rw_fail(err, RW_EINVAL, "unknown channel");
	int r = store_prospect_id(s, email, &pid, err);
	if (r <= 0)
		return r < 0 ? -1 : rw_fail(err, RW_ENOTFOUND, "%s is not a prospect", email);
	if (store_sp_begin(s, err) < 0)
		return -1;
	sqlite3_stmt *st = store_stmt(s, ins, err);
	if (!st)
		goto out;
	sqlite3_bind_int64(st, 1, pid);
	store_bind_text(st, 2, d);
	store_bind_text(st, 3, contact_channel_name(ch));
	store_bind_text_null(st, 4, note);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
	sqlite3_bind_int(st, 6, answered);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r != SQLITE_DONE) {
		store_dberr(s, err, "recording the attempt");
		goto out;
	}
	if (out_unanswered && unanswered(s, pid, out_unanswered, err) < 0)
		goto out;
	/* The pending file wants a contact every pending_every_days: this one restarts it. */
	if (!(st = store_stmt(s, "SELECT status FROM prospects WHERE id = ?1", err)))
		goto out;
	sqlite3_bind_int64(st, 1, pid);
	r = sqlite3_step(st);
	bool pending = r == SQLITE_ROW && store_col_text(st, 0) &&
		       strcmp(store_col_text(st, 0), "pending") == 0;
	sqlite3_reset(st);
	if (pending) {
		char next[11];
		schedule_add_days(next, d, s->params.pending_every_days);
		if (store_schedule_set(s, pid, -1, next, "pending-due", NULL, 0, err) < 0)
			goto out;
	}
	rc = 0;
out:
	return store_sp_end(s, rc, err);
}

int store_contact_each(struct store *s, const char *email,
		       int (*fn)(void *arg, const struct contact *c), void *arg, struct rw_err *err)
{
	static const char sql[] =
		"SELECT c.id, c.date, c.channel, c.note, c.answered FROM contacts c JOIN prospects "
		"p"
		" ON p.id = c.prospect_id WHERE p.email = ?1 ORDER BY c.date, c.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int r, rc = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, email);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct contact c = {0};
		c.id = sqlite3_column_int64(st, 0);
		snprintf(c.date, sizeof c.date, "%s",
			 store_col_text(st, 1) ? store_col_text(st, 1) : "");
		if (contact_channel_parse(store_col_text(st, 2) ? store_col_text(st, 2) : "",
					  &c.channel) < 0)
			c.channel = CH_NOTE;
		c.note = store_col_text(st, 3);
		c.answered = sqlite3_column_int(st, 4) != 0;
		if ((rc = fn(arg, &c)))
			break;
	}
	if (rc == 0 && r != SQLITE_DONE)
		rc = store_dberr(s, err, "listing attempts");
	sqlite3_reset(st);
	return rc;
}

/* ---- folder sync state ---- */

int store_folder_get(struct store *s, const char *folder, struct folder_state *out,
		     struct rw_err *err)
{
	static const char sql[] =
		"SELECT uidvalidity, last_uid, highestmodseq FROM folders WHERE name = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, folder);
	int r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		out->uidvalidity = (uint32_t)sqlite3_column_int64(st, 0);
		out->last_uid = (uint32_t)sqlite3_column_int64(st, 1);
		out->highestmodseq = (uint64_t)sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (r == SQLITE_ROW)
		return 1;
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "reading folder state");
}

int store_folder_set(struct store *s, const char *folder, const struct folder_state *fs,
		     struct rw_err *err)
{
	static const char sql[] =
		"INSERT INTO folders (name, uidvalidity, last_uid, highestmodseq, updated)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET"
		" uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,"
		" highestmodseq = excluded.highestmodseq, updated = excluded.updated";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	if (!st)
		return -1;
	store_bind_text(st, 1, folder);
	sqlite3_bind_int64(st, 2, fs->uidvalidity);
	sqlite3_bind_int64(st, 3, fs->last_uid);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)fs->highestmodseq);
	sqlite3_bind_int64(st, 5, (sqlite3_int64)time(NULL));
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	return r == SQLITE_DONE ? 0 : store_dberr(s, err, "saving folder state");
}
