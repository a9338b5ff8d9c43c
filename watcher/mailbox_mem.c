/* mailbox_mem.c: the in-memory mailbox driver with fault injection (mailbox_mem.h). It
 * behaves like an IMAP server as sync.c sees it: STATUS without selecting, UIDs that only
 * grow, header fields only on fetch_headers, text only on fetch_text. */
#include "mailbox_mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct mem_msg {
	uint32_t uid;
	time_t internaldate;
	char *raw;
	size_t len;
	unsigned text_fetches;
};

struct mem_folder {
	char *name;
	bool sent;
	uint32_t uidvalidity, uidnext;
	uint64_t modseq;
	struct mem_msg *v;
	size_t n;
};

struct mem {
	struct mailbox mb;
	struct mem_folder *f;
	size_t n;
	unsigned long fail_in; /* 0: no fault planned */
	uint32_t next_validity;
};

static struct mem_folder *find(struct mem *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->f[i].name, name) == 0 ||
		    (strcasecmp(name, "INBOX") == 0 && strcasecmp(m->f[i].name, "INBOX") == 0))
			return &m->f[i];
	return NULL;
}

/* Every operation is a round trip and a chance for the planned fault. */
static int op(struct mem *m, struct rw_err *err)
{
	m->mb.round_trips++;
	if (m->fail_in && --m->fail_in == 0)
		return rw_fail(err, RW_ENET, "mem: injected fault: connection lost");
	return 0;
}

static int mem_folders(struct mailbox *mb, struct mailbox_folder **out, size_t *count,
		       struct rw_err *err)
{
	struct mem *m = (struct mem *)mb;
	*out = NULL;
	*count = 0;
	if (op(m, err) < 0)
		return -1;
	struct mailbox_folder *v = calloc(m->n + 1, sizeof *v);
	if (v == NULL)
		return rw_fail(err, RW_ENOMEM, "mem: out of memory");
	for (size_t i = 0; i < m->n; i++) {
		v[i].name = strdup(m->f[i].name);
		v[i].sent = m->f[i].sent;
		if (v[i].name == NULL) {
			mailbox_folders_free(&v, i);
			return rw_fail(err, RW_ENOMEM, "mem: out of memory");
		}
	}
	*out = v;
	*count = m->n;
	return 0;
}

static int mem_status(struct mailbox *mb, const char *folder, struct mailbox_status *out,
		      struct rw_err *err)
{
	struct mem *m = (struct mem *)mb;
	memset(out, 0, sizeof *out);
	if (op(m, err) < 0)
		return -1;
	struct mem_folder *f = find(m, folder);
	if (f == NULL)
		return rw_fail(err, RW_ENOTFOUND, "mem: no folder '%s'", folder);
	out->uidvalidity = f->uidvalidity;
	out->uidnext = f->uidnext;
	out->messages = (uint32_t)f->n;
	out->highestmodseq = f->modseq;
	return 0;
}

static int mem_first_since(struct mailbox *mb, const char *folder, time_t since, uint32_t min_uid,
			   uint32_t *out, struct rw_err *err)
{
	struct mem *m = (struct mem *)mb;
	*out = 0;
	if (op(m, err) < 0)
		return -1;
	struct mem_folder *f = find(m, folder);
	if (f == NULL)
		return rw_fail(err, RW_ENOTFOUND, "mem: no folder '%s'", folder);
	/* IMAP SEARCH SINCE compares dates, not instants: round down to the day. */
	since -= since % 86400;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].uid >= min_uid && f->v[i].internaldate >= since) {
			*out = f->v[i].uid;
			break;
		}
	return 0;
}

/* The header of raw: up to and including the blank line. */
static size_t header_len(const char *raw, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++) {
		if (raw[i] == '\n' && raw[i + 1] == '\n')
			return i + 2;
		if (i + 3 < len && memcmp(raw + i, "\r\n\r\n", 4) == 0)
			return i + 4;
	}
	return len;
}

static int mem_fetch_headers(struct mailbox *mb, const char *folder, uint32_t first, uint32_t last,
			     size_t peek, struct mailbox_msgs *out, struct rw_err *err)
{
	struct mem *m = (struct mem *)mb;
	memset(out, 0, sizeof *out);
	if (op(m, err) < 0)
		return -1;
	struct mem_folder *f = find(m, folder);
	if (f == NULL)
		return rw_fail(err, RW_ENOTFOUND, "mem: no folder '%s'", folder);
	out->v = calloc(f->n + 1, sizeof *out->v);
	if (out->v == NULL)
		return rw_fail(err, RW_ENOMEM, "mem: out of memory");
	for (size_t i = 0; i < f->n; i++) {
		const struct mem_msg *s = &f->v[i];
		if (s->uid < first || s->uid > last)
			continue;
		size_t h = header_len(s->raw, s->len);
		size_t t = s->len - h < peek ? s->len - h : peek;
		struct mailbox_msg *d = &out->v[out->n];
		/* A real server returns the whole header here only for the fields asked; the
		 * whole header is a superset and just as good for sync. */
		d->raw = malloc(h + t + 1);
		if (d->raw == NULL) {
			mailbox_msgs_release(out);
			return rw_fail(err, RW_ENOMEM, "mem: out of memory");
		}
		memcpy(d->raw, s->raw, h + t);
		d->raw[h + t] = 0;
		d->raw_len = h + t;
		d->uid = s->uid;
		d->internaldate = s->internaldate;
		d->size = (uint32_t)s->len;
		out->n++;
	}
	return 0;
}

static int mem_fetch_text(struct mailbox *mb, const char *folder, uint32_t uid, size_t max,
			  struct buf *out, struct rw_err *err)
{
	struct mem *m = (struct mem *)mb;
	if (op(m, err) < 0)
		return -1;
	struct mem_folder *f = find(m, folder);
	for (size_t i = 0; f && i < f->n; i++) {
		if (f->v[i].uid != uid)
			continue;
		size_t h = header_len(f->v[i].raw, f->v[i].len);
		size_t body = f->v[i].len - h;
		buf_append(out, f->v[i].raw, h + (body < max ? body : max));
		f->v[i].text_fetches++;
		return out->oom ? rw_fail(err, RW_ENOMEM, "mem: out of memory") : 0;
	}
	return rw_fail(err, RW_ENOTFOUND, "mem: folder '%s' UID %u: no such message", folder, uid);
}

static void mem_free(struct mailbox *mb)
{
	struct mem *m = (struct mem *)mb;
	for (size_t i = 0; i < m->n; i++) {
		for (size_t j = 0; j < m->f[i].n; j++)
			free(m->f[i].v[j].raw);
		free(m->f[i].v);
		free(m->f[i].name);
	}
	free(m->f);
	free(m);
}

static const struct mailbox_ops mem_ops = {
	.folders = mem_folders,
	.status = mem_status,
	.first_since = mem_first_since,
	.fetch_headers = mem_fetch_headers,
	.fetch_text = mem_fetch_text,
	.set_keyword = NULL,
	.wait = NULL,
	.free = mem_free,
};

struct mailbox *mailbox_mem_new(void)
{
	struct mem *m = calloc(1, sizeof *m);
	if (m == NULL)
		return NULL;
	m->mb.ops = &mem_ops;
	m->next_validity = 1000;
	return &m->mb;
}

int mailbox_mem_add_folder(struct mailbox *mb, const char *name, bool sent)
{
	struct mem *m = (struct mem *)mb;
	struct mem_folder *nf = realloc(m->f, (m->n + 1) * sizeof *nf);
	if (nf == NULL)
		return -1;
	m->f = nf;
	memset(&m->f[m->n], 0, sizeof m->f[m->n]);
	m->f[m->n].name = strdup(name);
	if (m->f[m->n].name == NULL)
		return -1;
	m->f[m->n].sent = sent;
	m->f[m->n].uidvalidity = m->next_validity++;
	m->f[m->n].uidnext = 1;
	m->f[m->n].modseq = 1;
	m->n++;
	return 0;
}

int mailbox_mem_append(struct mailbox *mb, const char *folder, const char *raw, size_t len,
		       time_t internaldate, uint32_t *out_uid)
{
	struct mem *m = (struct mem *)mb;
	struct mem_folder *f = find(m, folder);
	if (f == NULL)
		return -1;
	struct mem_msg *nv = realloc(f->v, (f->n + 1) * sizeof *nv);
	if (nv == NULL)
		return -1;
	f->v = nv;
	struct mem_msg *msg = &f->v[f->n];
	memset(msg, 0, sizeof *msg);
	msg->raw = malloc(len + 1);
	if (msg->raw == NULL)
		return -1;
	memcpy(msg->raw, raw, len);
	msg->raw[len] = 0;
	msg->len = len;
	msg->internaldate = internaldate;
	msg->uid = f->uidnext++;
	f->modseq++;
	f->n++;
	if (out_uid)
		*out_uid = msg->uid;
	return 0;
}

int mailbox_mem_renumber(struct mailbox *mb, const char *folder)
{
	struct mem *m = (struct mem *)mb;
	struct mem_folder *f = find(m, folder);
	if (f == NULL)
		return -1;
	f->uidvalidity = m->next_validity++;
	f->uidnext = 1;
	for (size_t i = 0; i < f->n; i++)
		f->v[i].uid = f->uidnext++;
	f->modseq++;
	return 0;
}

void mailbox_mem_fail_after(struct mailbox *mb, unsigned long n)
{
	((struct mem *)mb)->fail_in = n;
}

unsigned mailbox_mem_text_fetches(struct mailbox *mb, const char *folder, uint32_t uid)
{
	struct mem_folder *f = find((struct mem *)mb, folder);
	for (size_t i = 0; f && i < f->n; i++)
		if (f->v[i].uid == uid)
			return f->v[i].text_fetches;
	return 0;
}
