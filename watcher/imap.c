/* imap.c: the IMAP driver of mailbox.h, with libetpan (RFC 3501 IMAP4rev1, RFC 2177 IDLE,
 * RFC 6154 SPECIAL-USE, RFC 7162 CONDSTORE, RFC 4616 PLAIN, XOAUTH2; SPEC §6).
 *
 * libetpan's GnuTLS path sets SNI and nothing else: it loads no trust store and checks neither
 * the chain nor the host name. So every TLS session is verified here, after the handshake and
 * before a credential is sent, against the system store or the configured CA file.
 *
 * Read-only towards the user's mail: folders are opened with EXAMINE (a read-only SELECT
 * cannot change flags by accident) and bodies are fetched with BODY.PEEK, which never sets
 * \Seen. Every read has the session timeout; after any stream error the session is marked
 * dead and every later call fails fast, so the caller reconnects. */
#include "imap.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libetpan/libetpan.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct imap {
	struct mailbox mb; /* first: a struct mailbox * is a struct imap * */
	mailimap *s;
	char *host;
	char *selected;	  /* UTF-8 name of the EXAMINEd (or, for keywords, SELECTed) folder */
	bool selected_rw; /* selected read-write, for STORE of keywords only */
	bool keywords_ok; /* PERMANENTFLAGS of the read-write folder has \* */
	bool dead;
	bool condstore;
	int trace;
};

/* ---------------------------------------------------------------- modified UTF-7 */

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

/* Decode one UTF-8 code point; returns its length, or 0 on bad input. */
static size_t utf8_decode(const unsigned char *s, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n = (s[0] & 0xe0) == 0xc0   ? 2
		   : (s[0] & 0xf0) == 0xe0 ? 3
		   : (s[0] & 0xf8) == 0xf0 ? 4
					   : 0;
	if (n == 0)
		return 0;
	uint32_t c = s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

static void utf8_put(struct buf *b, uint32_t c)
{
	char t[4];
	if (c < 0x80) {
		buf_putc(b, (char)c);
	} else if (c < 0x800) {
		t[0] = (char)(0xc0 | c >> 6), t[1] = (char)(0x80 | (c & 0x3f));
		buf_append(b, t, 2);
	} else if (c < 0x10000) {
		t[0] = (char)(0xe0 | c >> 12), t[1] = (char)(0x80 | (c >> 6 & 0x3f));
		t[2] = (char)(0x80 | (c & 0x3f));
		buf_append(b, t, 3);
	} else {
		t[0] = (char)(0xf0 | c >> 18), t[1] = (char)(0x80 | (c >> 12 & 0x3f));
		t[2] = (char)(0x80 | (c >> 6 & 0x3f)), t[3] = (char)(0x80 | (c & 0x3f));
		buf_append(b, t, 4);
	}
}

char *imap_utf7_encode(const char *utf8)
{
	struct buf b = BUF_INIT;
	const unsigned char *s = (const unsigned char *)utf8;
	buf_puts(&b, "");
	while (*s) {
		if (*s >= 0x20 && *s <= 0x7e) {
			buf_puts(&b, *s == '&' ? "&-" : (char[]){(char)*s, 0});
			s++;
			continue;
		}
		/* A run of non-printable-ASCII characters: UTF-16BE, base64 with ',' for '/'. */
		uint32_t bits = 0;
		int nbits = 0;
		buf_putc(&b, '&');
		while (*s && !(*s >= 0x20 && *s <= 0x7e)) {
			uint32_t cp;
			size_t n = utf8_decode(s, &cp);
			if (n == 0) {
				buf_release(&b);
				return NULL;
			}
			s += n;
			uint16_t units[2];
			int nu = 1;
			if (cp >= 0x10000) {
				cp -= 0x10000;
				units[0] = (uint16_t)(0xd800 | cp >> 10);
				units[1] = (uint16_t)(0xdc00 | (cp & 0x3ff));
				nu = 2;
			} else {
				units[0] = (uint16_t)cp;
			}
			for (int u = 0; u < nu; u++) {
				bits = bits << 16 | units[u];
				nbits += 16;
				while (nbits >= 6) {
					nbits -= 6;
					buf_putc(&b, b64chars[(bits >> nbits) & 0x3f]);
				}
			}
		}
		if (nbits > 0)
			buf_putc(&b, b64chars[(bits << (6 - nbits)) & 0x3f]);
		buf_putc(&b, '-');
	}
	return buf_detach(&b);
}

char *imap_utf7_decode(const char *mutf7)
{
	struct buf b = BUF_INIT;
	const char *s = mutf7;
	buf_puts(&b, "");
	while (*s) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			goto bad;
		if (*s != '&') {
			buf_putc(&b, *s++);
			continue;
		}
		s++;
		if (*s == '-') {
			buf_putc(&b, '&');
			s++;
			continue;
		}
		uint32_t bits = 0, high = 0;
		int nbits = 0, nchars = 0;
		for (; *s && *s != '-'; s++) {
			const char *p = strchr(b64chars, *s);
			if (p == NULL)
				goto bad;
			bits = bits << 6 | (uint32_t)(p - b64chars);
			nbits += 6;
			if (nbits >= 16) {
				nbits -= 16;
				uint32_t u = (bits >> nbits) & 0xffff;
				nchars++;
				if (u >= 0xd800 && u <= 0xdbff) {
					if (high)
						goto bad;
					high = u;
				} else if (u >= 0xdc00 && u <= 0xdfff) {
					if (!high)
						goto bad;
					utf8_put(&b,
						 0x10000 + ((high - 0xd800) << 10) + (u - 0xdc00));
					high = 0;
				} else {
					if (high)
						goto bad;
					/* RFC 3501: printable ASCII must not be base64-encoded. */
					if (u >= 0x20 && u <= 0x7e)
						goto bad;
					utf8_put(&b, u);
				}
			}
		}
		if (*s != '-' || high || nchars == 0 || nbits >= 6 ||
		    (bits & ((1u << nbits) - 1)) != 0)
			goto bad;
		s++;
	}
	return buf_detach(&b);
bad:
	buf_release(&b);
	return NULL;
}

/* ---------------------------------------------------------------- helpers */

int imap_host_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;
	if (strcasecmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

static const char *etpan_strerror(int r)
{
	switch (r) {
	case MAILIMAP_ERROR_STREAM:
		return "connection lost or timed out";
	case MAILIMAP_ERROR_PARSE:
		return "unreadable server response";
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
		return "connection refused";
	case MAILIMAP_ERROR_MEMORY:
		return "out of memory";
	case MAILIMAP_ERROR_BAD_STATE:
		return "command in the wrong state";
	case MAILIMAP_ERROR_SSL:
		return "TLS handshake failed";
	case MAILIMAP_ERROR_LOGIN:
		return "login refused";
	case MAILIMAP_ERROR_STARTTLS:
		return "STARTTLS refused";
	case MAILIMAP_ERROR_NEEDS_MORE_DATA:
		return "truncated response";
	default:
		return "command failed";
	}
}

/* Fail a command: a stream or parse error kills the session, a NO/BAD does not. */
static int fail_cmd(struct imap *im, int r, struct rw_err *err, const char *what)
{
	if (r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE || r == MAILIMAP_ERROR_MEMORY)
		im->dead = true;
	const char *text = im->s && im->s->imap_response ? im->s->imap_response : "";
	if (im->dead || !*text)
		return rw_fail(err, RW_ENET, "imap: %s: %s: %s", im->host, what, etpan_strerror(r));
	return rw_fail(err, RW_ENET, "imap: %s: %s: %s", im->host, what, text);
}

static int check_alive(struct imap *im, struct rw_err *err)
{
	if (im->dead)
		return rw_fail(err, RW_ENET, "imap: %s: connection lost", im->host);
	return 0;
}

static void trace_logger(mailimap *s, int type, const char *str, size_t size, void *ctx)
{
	(void)s;
	(void)ctx;
	const char *dir;
	switch (type) {
	case MAILSTREAM_LOG_TYPE_DATA_RECEIVED:
		dir = "S: ";
		break;
	case MAILSTREAM_LOG_TYPE_DATA_SENT:
		dir = "C: ";
		break;
	case MAILSTREAM_LOG_TYPE_DATA_SENT_PRIVATE:
		/* libetpan marks LOGIN and AUTHENTICATE data private: never print it. */
		fputs("C: [credentials hidden]\n", stderr);
		return;
	default:
		return;
	}
	fputs(dir, stderr);
	fwrite(str, 1, size > 2000 ? 2000 : size, stderr);
	if (size == 0 || str[size - 1] != '\n')
		fputc('\n', stderr);
}

/* ---------------------------------------------------------------- TLS verification */

/* Verify the peer's chain against the trust store and its leaf against host. */
static int tls_verify(struct imap *im, const char *ca_file, struct rw_err *err)
{
	carray *chain = NULL;
	gnutls_x509_trust_list_t tl = NULL;
	gnutls_x509_crt_t *crts = NULL;
	unsigned ncrt = 0, status = 0;
	int ret = -1, r;

	chain = mailstream_get_certificate_chain(im->s->imap_stream);
	if (chain == NULL || carray_count(chain) == 0) {
		rw_fail(err, RW_ENET, "imap: %s: the server sent no certificate", im->host);
		goto out;
	}
	if (gnutls_x509_trust_list_init(&tl, 0) < 0) {
		rw_fail(err, RW_ENOMEM, "imap: out of memory");
		goto out;
	}
	if (ca_file && *ca_file) {
		r = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0,
							  0);
		if (r <= 0) {
			rw_fail(err, RW_EINVAL, "imap: ca_file %s: no usable certificate (%s)",
				ca_file, r < 0 ? gnutls_strerror(r) : "none found");
			goto out;
		}
	} else {
		r = gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
		if (r <= 0) {
			rw_fail(err, RW_ENET,
				"imap: %s: the system trust store is empty or unreadable; set "
				"ca_file",
				im->host);
			goto out;
		}
	}
	ncrt = carray_count(chain);
	crts = calloc(ncrt, sizeof *crts);
	if (crts == NULL) {
		rw_fail(err, RW_ENOMEM, "imap: out of memory");
		goto out;
	}
	for (unsigned i = 0; i < ncrt; i++) {
		MMAPString *der = carray_get(chain, i);
		gnutls_datum_t d = {(unsigned char *)der->str, (unsigned)der->len};
		if (gnutls_x509_crt_init(&crts[i]) < 0 ||
		    gnutls_x509_crt_import(crts[i], &d, GNUTLS_X509_FMT_DER) < 0) {
			rw_fail(err, RW_ENET, "imap: %s: unreadable server certificate #%u",
				im->host, i);
			goto out;
		}
	}
	r = gnutls_x509_trust_list_verify_crt(tl, crts, ncrt, 0, &status, NULL);
	if (r < 0 || status != 0) {
		gnutls_datum_t why = {NULL, 0};
		if (r >= 0)
			gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &why,
								     0);
		char *w = why.data ? (char *)why.data : NULL;
		while (w && *w && strchr(" .\n", w[strlen(w) - 1]))
			w[strlen(w) - 1] = 0;
		rw_fail(err, RW_EAUTH, "imap: %s: server certificate not trusted: %s%s", im->host,
			r < 0 ? gnutls_strerror(r)
			: w   ? w
			      : "verification failed",
			ca_file && *ca_file ? "" : " (set ca_file for a private CA)");
		gnutls_free(why.data);
		goto out;
	}
	/* GnuTLS matches an IP address string against the iPAddress subject-alt-names. */
	if (!gnutls_x509_crt_check_hostname2(crts[0], im->host, 0)) {
		rw_fail(err, RW_EAUTH, "imap: %s: server certificate does not name host '%s'",
			im->host, im->host);
		goto out;
	}
	ret = 0;
out:
	if (crts) {
		for (unsigned i = 0; i < ncrt; i++)
			if (crts[i])
				gnutls_x509_crt_deinit(crts[i]);
		free(crts);
	}
	if (tl)
		gnutls_x509_trust_list_deinit(tl, 1);
	if (chain)
		mailstream_certificate_chain_free(chain);
	return ret;
}

static void set_sni(struct mailstream_ssl_context *ctx, void *data)
{
	const char *host = data;
	struct in_addr a4;
	struct in6_addr a6;
	/* RFC 6066: SNI carries host names, never IP literals. */
	if (inet_pton(AF_INET, host, &a4) != 1 && inet_pton(AF_INET6, host, &a6) != 1)
		mailstream_ssl_set_server_name(ctx, (char *)host);
}

/* ---------------------------------------------------------------- capabilities, login */

bool imap_has_capability(struct mailbox *mb, const char *name)
{
	struct imap *im = (struct imap *)mb;
	struct mailimap_capability_data *cd =
		im->s->imap_connection_info ? im->s->imap_connection_info->imap_capability : NULL;
	if (cd == NULL)
		return false;
	for (clistiter *it = clist_begin(cd->cap_list); it; it = clist_next(it)) {
		struct mailimap_capability *c = clist_content(it);
		if (c->cap_type == MAILIMAP_CAPABILITY_NAME && c->cap_data.cap_name &&
		    strcasecmp(c->cap_data.cap_name, name) == 0)
			return true;
		if (c->cap_type == MAILIMAP_CAPABILITY_AUTH_TYPE && c->cap_data.cap_auth_type &&
		    strncasecmp(name, "AUTH=", 5) == 0 &&
		    strcasecmp(c->cap_data.cap_auth_type, name + 5) == 0)
			return true;
	}
	return false;
}

static int refresh_capabilities(struct imap *im, struct rw_err *err)
{
	struct mailimap_capability_data *cd = NULL;
	im->mb.round_trips++;
	int r = mailimap_capability(im->s, &cd);
	if (r != MAILIMAP_NO_ERROR)
		return fail_cmd(im, r, err, "CAPABILITY");
	/* libetpan keeps its own copy in imap_connection_info; this one is ours. */
	mailimap_capability_data_free(cd);
	return 0;
}

static void forget_capabilities(struct imap *im)
{
	if (im->s->imap_connection_info && im->s->imap_connection_info->imap_capability) {
		mailimap_capability_data_free(im->s->imap_connection_info->imap_capability);
		im->s->imap_connection_info->imap_capability = NULL;
	}
}

static int login(struct imap *im, const struct imap_params *p, struct rw_err *err)
{
	int r;
	const char *how;
	if (imap_has_capability(&im->mb, "LOGINDISABLED") && !p->oauth2_token &&
	    !imap_has_capability(&im->mb, "AUTH=PLAIN"))
		return rw_fail(err, RW_EAUTH,
			       "imap: %s: the server allows no login here (LOGINDISABLED, no "
			       "AUTH=PLAIN); use TLS",
			       im->host);
	forget_capabilities(im);
	im->mb.round_trips++;
	if (p->oauth2_token) {
		how = "XOAUTH2";
		r = mailimap_oauth2_authenticate(im->s, p->user, p->oauth2_token);
	} else if (imap_has_capability(&im->mb, "LOGINDISABLED")) {
		how = "AUTHENTICATE PLAIN";
		r = mailimap_authenticate(im->s, "PLAIN", im->host, NULL, NULL, p->user, p->user,
					  p->password ? p->password : "", NULL);
	} else {
		how = "LOGIN";
		r = mailimap_login(im->s, p->user, p->password ? p->password : "");
	}
	if (r != MAILIMAP_NO_ERROR) {
		if (r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE) {
			im->dead = true;
			return rw_fail(err, RW_ENET, "imap: %s: %s: %s", im->host, how,
				       etpan_strerror(r));
		}
		const char *text = im->s->imap_response ? im->s->imap_response : "";
		return rw_fail(err, RW_EAUTH, "imap: %s: %s as '%s' refused%s%s", im->host, how,
			       p->user, *text ? ": " : "", text);
	}
	/* Servers announce a subset before login (Cyrus: no IDLE); the tagged OK may carry the
	 * full list, and when it does not, ask. */
	if (im->s->imap_connection_info == NULL ||
	    im->s->imap_connection_info->imap_capability == NULL)
		if (refresh_capabilities(im, err) < 0)
			return -1;
	im->condstore = imap_has_capability(&im->mb, "CONDSTORE");
	im->mb.can_idle = imap_has_capability(&im->mb, "IDLE");
	return 0;
}

/* ---------------------------------------------------------------- mailbox ops */

static int imap_folders(struct mailbox *mb, struct mailbox_folder **out, size_t *count,
			struct rw_err *err)
{
	struct imap *im = (struct imap *)mb;
	clist *list = NULL;
	struct mailbox_folder *v = NULL;
	size_t n = 0;
	int ret = -1;

	*out = NULL;
	*count = 0;
	if (check_alive(im, err) < 0)
		return -1;
	mb->round_trips++;
	/* Plain LIST carries the SPECIAL-USE attributes when the server has them (RFC 6154
	 * 5.1); no LIST-EXTENDED needed. */
	int r = mailimap_list(im->s, "", "*", &list);
	if (r != MAILIMAP_NO_ERROR)
		return fail_cmd(im, r, err, "LIST");
	v = calloc(clist_count(list) + 1, sizeof *v);
	if (v == NULL) {
		rw_fail(err, RW_ENOMEM, "imap: out of memory");
		goto out;
	}
	for (clistiter *it = clist_begin(list); it; it = clist_next(it)) {
		struct mailimap_mailbox_list *ml = clist_content(it);
		struct mailbox_folder f = {0};
		if (ml->mb_name == NULL)
			continue;
		f.name = imap_utf7_decode(ml->mb_name);
		if (f.name == NULL) /* not valid modified UTF-7: keep the raw name */
			f.name = strdup(ml->mb_name);
		if (f.name == NULL) {
			rw_fail(err, RW_ENOMEM, "imap: out of memory");
			goto out;
		}
		if (ml->mb_flag) {
			if (ml->mb_flag->mbf_type == MAILIMAP_MBX_LIST_FLAGS_SFLAG &&
			    ml->mb_flag->mbf_sflag == MAILIMAP_MBX_LIST_SFLAG_NOSELECT)
				f.noselect = true;
			for (clistiter *o = clist_begin(ml->mb_flag->mbf_oflags); o;
			     o = clist_next(o)) {
				struct mailimap_mbx_list_oflag *of = clist_content(o);
				const char *fl = of->of_flag_ext;
				if (of->of_type != MAILIMAP_MBX_LIST_OFLAG_FLAG_EXT || fl == NULL)
					continue;
				if (*fl == '\\')
					fl++;
				/* Flags are case-insensitive: Cyrus says \sent. */
				if (strcasecmp(fl, "Sent") == 0)
					f.sent = true;
				if (strcasecmp(fl, "NonExistent") == 0 ||
				    strcasecmp(fl, "Noselect") == 0)
					f.noselect = true;
			}
		}
		v[n++] = f;
	}
	*out = v;
	*count = n;
	v = NULL;
	ret = 0;
out:
	if (v)
		mailbox_folders_free(&v, n);
	mailimap_list_result_free(list);
	return ret;
}

static int imap_status(struct mailbox *mb, const char *folder, struct mailbox_status *out,
		       struct rw_err *err)
{
	struct imap *im = (struct imap *)mb;
	struct mailimap_status_att_list *atts = NULL;
	struct mailimap_mailbox_data_status *st = NULL;
	char *name = NULL;
	int ret = -1, r;

	memset(out, 0, sizeof *out);
	if (check_alive(im, err) < 0)
		return -1;
	name = imap_utf7_encode(folder);
	atts = mailimap_status_att_list_new_empty();
	if (name == NULL || atts == NULL) {
		rw_fail(err, RW_EINVAL, "imap: folder name '%s' is not valid UTF-8", folder);
		goto out;
	}
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_UIDVALIDITY);
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_UIDNEXT);
	mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_MESSAGES);
	if (im->condstore)
		mailimap_status_att_list_add(atts, MAILIMAP_STATUS_ATT_HIGHESTMODSEQ);
	mb->round_trips++;
	r = mailimap_status(im->s, name, atts, &st);
	if (r != MAILIMAP_NO_ERROR) {
		char what[300];
		snprintf(what, sizeof what, "STATUS of folder '%s'", folder);
		fail_cmd(im, r, err, what);
		if (!im->dead)
			err->code = RW_ENOTFOUND;
		goto out;
	}
	for (clistiter *it = clist_begin(st->st_info_list); it; it = clist_next(it)) {
		struct mailimap_status_info *si = clist_content(it);
		switch (si->st_att) {
		case MAILIMAP_STATUS_ATT_UIDVALIDITY:
			out->uidvalidity = si->st_value;
			break;
		case MAILIMAP_STATUS_ATT_UIDNEXT:
			out->uidnext = si->st_value;
			break;
		case MAILIMAP_STATUS_ATT_MESSAGES:
			out->messages = si->st_value;
			break;
		default:
			if (si->st_ext_data &&
			    si->st_ext_data->ext_type == MAILIMAP_CONDSTORE_TYPE_STATUS_INFO) {
				struct mailimap_condstore_status_info *cs =
					si->st_ext_data->ext_data;
				out->highestmodseq = cs->cs_highestmodseq_value;
			}
		}
	}
	ret = 0;
out:
	free(name);
	if (atts)
		mailimap_status_att_list_free(atts);
	if (st)
		mailimap_mailbox_data_status_free(st);
	return ret;
}

/* EXAMINE the folder unless it is the one already open. */
static int examine(struct imap *im, const char *folder, struct rw_err *err)
{
	if (check_alive(im, err) < 0)
		return -1;
	if (im->selected && strcmp(im->selected, folder) == 0)
		return 0;
	free(im->selected);
	im->selected = NULL;
	char *name = imap_utf7_encode(folder);
	if (name == NULL)
		return rw_fail(err, RW_EINVAL, "imap: folder name '%s' is not valid UTF-8", folder);
	im->mb.round_trips++;
	int r = mailimap_examine(im->s, name);
	free(name);
	if (r != MAILIMAP_NO_ERROR) {
		char what[300];
		snprintf(what, sizeof what, "EXAMINE of folder '%s'", folder);
		return fail_cmd(im, r, err, what);
	}
	im->selected = strdup(folder);
	im->selected_rw = false;
	if (im->selected == NULL)
		return rw_fail(err, RW_ENOMEM, "imap: out of memory");
	return 0;
}

/* Keywords need a read-write SELECT: the only place replywatch opens a folder for writing,
 * and only when [watch] keywords = yes. BODY.PEEK keeps \Seen untouched there too. */
static int imap_set_keyword(struct mailbox *mb, const char *folder, uint32_t uid,
			    const char *keyword, struct rw_err *err)
{
	struct imap *im = (struct imap *)mb;
	struct mailimap_set *set = NULL;
	struct mailimap_flag_list *fl = NULL;
	struct mailimap_store_att_flags *sa = NULL;
	int r, ret = -1;

	if (check_alive(im, err) < 0)
		return -1;
	if (!(im->selected && im->selected_rw && strcmp(im->selected, folder) == 0)) {
		char *name = imap_utf7_encode(folder);
		if (name == NULL)
			return rw_fail(err, RW_EINVAL, "imap: folder name '%s' is not valid UTF-8",
				       folder);
		free(im->selected);
		im->selected = NULL;
		mb->round_trips++;
		r = mailimap_select(im->s, name);
		free(name);
		if (r != MAILIMAP_NO_ERROR)
			return fail_cmd(im, r, err, "SELECT (for keywords)");
		im->selected = strdup(folder);
		if (im->selected == NULL)
			return rw_fail(err, RW_ENOMEM, "imap: out of memory");
		im->selected_rw = true;
		im->keywords_ok = false;
		clist *pf = im->s->imap_selection_info ? im->s->imap_selection_info->sel_perm_flags
						       : NULL;
		for (clistiter *it = pf ? clist_begin(pf) : NULL; it; it = clist_next(it)) {
			struct mailimap_flag_perm *p = clist_content(it);
			if (p->fl_type == MAILIMAP_FLAG_PERM_ALL)
				im->keywords_ok = true;
		}
	}
	if (!im->keywords_ok)
		return 0; /* the server allows no new keywords here */
	set = mailimap_set_new_single(uid);
	fl = mailimap_flag_list_new_empty();
	char *kw = strdup(keyword);
	struct mailimap_flag *f = kw ? mailimap_flag_new_flag_keyword(kw) : NULL;
	if (set == NULL || fl == NULL || f == NULL) {
		if (f)
			mailimap_flag_free(f);
		else
			free(kw);
		rw_fail(err, RW_ENOMEM, "imap: out of memory");
		goto out;
	}
	mailimap_flag_list_add(fl, f);
	/* +FLAGS.SILENT: add this one keyword, touch no other flag. */
	sa = mailimap_store_att_flags_new_add_flags_silent(fl);
	fl = NULL;
	mb->round_trips++;
	r = mailimap_uid_store(im->s, set, sa);
	if (r != MAILIMAP_NO_ERROR) {
		fail_cmd(im, r, err, "UID STORE (keyword)");
		goto out;
	}
	ret = 1;
out:
	if (sa)
		mailimap_store_att_flags_free(sa);
	if (fl)
		mailimap_flag_list_free(fl);
	if (set)
		mailimap_set_free(set);
	return ret;
}

static int imap_first_since(struct mailbox *mb, const char *folder, time_t since, uint32_t min_uid,
			    uint32_t *out, struct rw_err *err)
{
	struct imap *im = (struct imap *)mb;
	struct mailimap_search_key *key = NULL;
	clist *res = NULL, *keys = NULL;
	int ret = -1;
	struct tm tm;

	*out = 0;
	if (examine(im, folder, err) < 0)
		return -1;
	gmtime_r(&since, &tm);
	keys = clist_new();
	struct mailimap_search_key *k1 = mailimap_search_key_new_since(
		mailimap_date_new(tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900));
	struct mailimap_search_key *k2 =
		mailimap_search_key_new_uid(mailimap_set_new_interval(min_uid ? min_uid : 1, 0));
	if (keys == NULL || k1 == NULL || k2 == NULL) {
		if (k1)
			mailimap_search_key_free(k1);
		if (k2)
			mailimap_search_key_free(k2);
		if (keys)
			clist_free(keys);
		return rw_fail(err, RW_ENOMEM, "imap: out of memory");
	}
	clist_append(keys, k1);
	clist_append(keys, k2);
	key = mailimap_search_key_new_multiple(keys);
	mb->round_trips++;
	int r = mailimap_uid_search(im->s, NULL, key, &res);
	if (r != MAILIMAP_NO_ERROR) {
		fail_cmd(im, r, err, "UID SEARCH");
		goto out;
	}
	uint32_t best = 0;
	for (clistiter *it = clist_begin(res); it; it = clist_next(it)) {
		uint32_t u = *(uint32_t *)clist_content(it);
		/* "n:*" also names the highest UID when it is below n (RFC 3501 6.4.8). */
		if (u >= min_uid && (best == 0 || u < best))
			best = u;
	}
	*out = best;
	ret = 0;
out:
	if (res)
		mailimap_search_result_free(res);
	mailimap_search_key_free(key);
	return ret;
}

static time_t date_time_to_utc(const struct mailimap_date_time *dt)
{
	struct tm tm = {0};
	tm.tm_year = dt->dt_year - 1900;
	tm.tm_mon = dt->dt_month - 1;
	tm.tm_mday = dt->dt_day;
	tm.tm_hour = dt->dt_hour;
	tm.tm_min = dt->dt_min;
	tm.tm_sec = dt->dt_sec;
	int z = dt->dt_zone; /* +0130 arrives as 130 */
	int sign = z < 0 ? -1 : 1;
	z *= sign;
	return timegm(&tm) - sign * ((z / 100) * 3600 + (z % 100) * 60);
}

static void section_key(const struct mailimap_section *sec, char *out, size_t size);

static int cmp_msg(const void *a, const void *b)
{
	uint32_t x = ((const struct mailbox_msg *)a)->uid, y = ((const struct mailbox_msg *)b)->uid;
	return x < y ? -1 : x > y;
}

static int imap_fetch_headers(struct mailbox *mb, const char *folder, uint32_t first, uint32_t last,
			      size_t peek, struct mailbox_msgs *out, struct rw_err *err)
{
	struct imap *im = (struct imap *)mb;
	static const char *const fields[] = {MAILBOX_HEADER_FIELDS};
	struct mailimap_set *set = NULL;
	struct mailimap_fetch_type *ft = NULL;
	clist *res = NULL, *hdrs = NULL;
	int ret = -1;

	memset(out, 0, sizeof *out);
	if (examine(im, folder, err) < 0)
		return -1;
	set = mailimap_set_new_interval(first, last);
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	hdrs = clist_new();
	if (set == NULL || ft == NULL || hdrs == NULL)
		goto oom;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		char *f = strdup(fields[i]);
		if (f == NULL || clist_append(hdrs, f) < 0) {
			free(f);
			goto oom;
		}
	}
	struct mailimap_header_list *hl = mailimap_header_list_new(hdrs);
	hdrs = NULL;
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_internaldate());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
	/* BODY.PEEK, never BODY: must not set \Seen. */
	mailimap_fetch_type_new_fetch_att_list_add(
		ft,
		mailimap_fetch_att_new_body_peek_section(mailimap_section_new_header_fields(hl)));
	if (peek)
		mailimap_fetch_type_new_fetch_att_list_add(
			ft, mailimap_fetch_att_new_body_peek_section_partial(
				    mailimap_section_new_text(), 0, (uint32_t)peek));
	mb->round_trips++;
	int r = mailimap_uid_fetch(im->s, set, ft, &res);
	if (r != MAILIMAP_NO_ERROR) {
		fail_cmd(im, r, err, "UID FETCH (headers)");
		goto out;
	}
	out->v = calloc(clist_count(res) + 1, sizeof *out->v);
	if (out->v == NULL)
		goto oom;
	for (clistiter *it = clist_begin(res); it; it = clist_next(it)) {
		struct mailimap_msg_att *ma = clist_content(it);
		struct mailbox_msg m = {0};
		const char *hdr = NULL, *text = NULL;
		size_t hlen = 0, tlen = 0;
		for (clistiter *a = clist_begin(ma->att_list); a; a = clist_next(a)) {
			struct mailimap_msg_att_item *item = clist_content(a);
			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
				continue;
			struct mailimap_msg_att_static *st = item->att_data.att_static;
			switch (st->att_type) {
			case MAILIMAP_MSG_ATT_UID:
				m.uid = st->att_data.att_uid;
				break;
			case MAILIMAP_MSG_ATT_INTERNALDATE:
				m.internaldate = date_time_to_utc(st->att_data.att_internal_date);
				break;
			case MAILIMAP_MSG_ATT_RFC822_SIZE:
				m.size = st->att_data.att_rfc822_size;
				break;
			case MAILIMAP_MSG_ATT_BODY_SECTION: {
				struct mailimap_msg_att_body_section *bs =
					st->att_data.att_body_section;
				char key[64];
				section_key(bs->sec_section, key, sizeof key);
				if (strcmp(key, "TEXT") == 0) {
					text = bs->sec_body_part;
					tlen = bs->sec_length;
				} else {
					hdr = bs->sec_body_part;
					hlen = bs->sec_length;
				}
				break;
			}
			}
		}
		/* "n:*" names the highest UID even below n; and a server may send unsolicited
		 * FETCH responses: keep only what was asked for. */
		if (m.uid < first || (last && m.uid > last))
			continue;
		m.raw = malloc(hlen + tlen + 3);
		if (m.raw == NULL)
			goto oom;
		if (hlen)
			memcpy(m.raw, hdr, hlen);
		/* The server ends HEADER.FIELDS with the blank line; make sure of it. */
		if (hlen < 2 || memcmp(hdr + hlen - 2, "\n\n", 2) != 0) {
			if (hlen < 4 || memcmp(hdr + hlen - 4, "\r\n\r\n", 4) != 0) {
				memcpy(m.raw + hlen, "\r\n", 2);
				hlen += 2;
			}
		}
		if (tlen)
			memcpy(m.raw + hlen, text, tlen);
		m.raw_len = hlen + tlen;
		m.raw[m.raw_len] = 0;
		out->v[out->n++] = m;
	}
	if (out->n > 1) /* qsort(NULL, 0) is undefined */
		qsort(out->v, out->n, sizeof *out->v, cmp_msg);
	ret = 0;
	goto out;
oom:
	rw_fail(err, RW_ENOMEM, "imap: out of memory");
out:
	if (ret < 0)
		mailbox_msgs_release(out);
	if (hdrs) {
		for (clistiter *it = clist_begin(hdrs); it; it = clist_next(it))
			free(clist_content(it));
		clist_free(hdrs);
	}
	if (res)
		mailimap_fetch_list_free(res);
	if (ft)
		mailimap_fetch_type_free(ft);
	if (set)
		mailimap_set_free(set);
	return ret;
}

/* ---------------------------------------------------------------- fetch_text */

/* One wanted section: its name as the server will echo it ("1.2.MIME", "TEXT") and where
 * its bytes go. */
struct want {
	char key[64];
	char *data;
	size_t len;
};

struct plan {
	struct want *w;
	size_t n, cap;
	struct buf layout; /* the message as a template: "\x01<n>\x01" marks section n */
	size_t budget;	   /* text bytes still allowed */
	bool fallback;	   /* structure we cannot rebuild: fetch BODY.PEEK[] partially */
};

static int plan_add(struct plan *p, const char *key)
{
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 8;
		struct want *nw = realloc(p->w, nc * sizeof *nw);
		if (nw == NULL)
			return -1;
		p->w = nw;
		p->cap = nc;
	}
	memset(&p->w[p->n], 0, sizeof p->w[p->n]);
	snprintf(p->w[p->n].key, sizeof p->w[p->n].key, "%s", key);
	buf_printf(&p->layout, "\x01%zu\x01", p->n);
	p->n++;
	return 0;
}

static const char *param_get(struct mailimap_body_fld_param *prm, const char *name)
{
	if (prm == NULL)
		return NULL;
	for (clistiter *it = clist_begin(prm->pa_list); it; it = clist_next(it)) {
		struct mailimap_single_body_fld_param *sp = clist_content(it);
		if (sp->pa_name && strcasecmp(sp->pa_name, name) == 0)
			return sp->pa_value;
	}
	return NULL;
}

static bool leaf_is_text(const struct mailimap_body_type_1part *p)
{
	/* A DSN's machine-readable part (RFC 3464) is small and names the failed recipient. */
	if (p->bd_type == MAILIMAP_BODY_TYPE_1PART_BASIC && p->bd_data.bd_type_basic &&
	    p->bd_data.bd_type_basic->bd_media_basic->med_type == MAILIMAP_MEDIA_BASIC_MESSAGE &&
	    (strcasecmp(p->bd_data.bd_type_basic->bd_media_basic->med_subtype, "delivery-status") ==
		     0 ||
	     strcasecmp(p->bd_data.bd_type_basic->bd_media_basic->med_subtype, "rfc822-headers") ==
		     0))
		return true;
	if (p->bd_type != MAILIMAP_BODY_TYPE_1PART_TEXT)
		return false;
	const struct mailimap_body_ext_1part *ext = p->bd_ext_1part;
	/* A text file attached is an attachment, not what the sender wrote. */
	if (ext && ext->bd_disposition && ext->bd_disposition->dsp_type &&
	    strcasecmp(ext->bd_disposition->dsp_type, "attachment") == 0)
		return false;
	return true;
}

/* Lay out the children of a multipart whose own header is already in place. path is its
 * section number ("" for the top). */
static int plan_multipart(struct plan *p, const struct mailimap_body_type_mpart *mp,
			  const char *path, int depth)
{
	const char *boundary =
		mp->bd_ext_mpart ? param_get(mp->bd_ext_mpart->bd_parameter, "boundary") : NULL;
	if (boundary == NULL || depth > 20) {
		p->fallback = true;
		return 0;
	}
	unsigned i = 0;
	buf_puts(&p->layout, "\r\n");
	for (clistiter *it = clist_begin(mp->bd_list); it; it = clist_next(it)) {
		struct mailimap_body *child = clist_content(it);
		char sub[48], key[64];
		snprintf(sub, sizeof sub, "%s%s%u", path, *path ? "." : "", ++i);
		if (child->bd_type == MAILIMAP_BODY_MPART) {
			buf_printf(&p->layout, "--%s\r\n", boundary);
			snprintf(key, sizeof key, "%s.MIME", sub);
			if (plan_add(p, key) < 0 ||
			    plan_multipart(p, child->bd_data.bd_body_mpart, sub, depth + 1) < 0)
				return -1;
		} else if (leaf_is_text(child->bd_data.bd_body_1part)) {
			buf_printf(&p->layout, "--%s\r\n", boundary);
			snprintf(key, sizeof key, "%s.MIME", sub);
			if (plan_add(p, key) < 0 || plan_add(p, sub) < 0)
				return -1;
			buf_puts(&p->layout, "\r\n");
		}
		/* Anything else (images, PDFs, attached messages) is never downloaded. */
	}
	buf_printf(&p->layout, "--%s--\r\n", boundary);
	return p->layout.oom ? -1 : 0;
}

static void section_key(const struct mailimap_section *sec, char *out, size_t size)
{
	struct buf b = BUF_INIT;
	const struct mailimap_section_spec *sp = sec ? sec->sec_spec : NULL;
	if (sp == NULL) {
		snprintf(out, size, "%s", "");
		return;
	}
	if (sp->sec_type == MAILIMAP_SECTION_SPEC_SECTION_MSGTEXT && sp->sec_data.sec_msgtext) {
		buf_puts(&b, sp->sec_data.sec_msgtext->sec_type == MAILIMAP_SECTION_MSGTEXT_TEXT
				     ? "TEXT"
				     : "HEADER");
	} else if (sp->sec_type == MAILIMAP_SECTION_SPEC_SECTION_PART && sp->sec_data.sec_part) {
		const char *sep = "";
		for (clistiter *it = clist_begin(sp->sec_data.sec_part->sec_id); it;
		     it = clist_next(it)) {
			buf_printf(&b, "%s%u", sep, *(uint32_t *)clist_content(it));
			sep = ".";
		}
		if (sp->sec_text) {
			if (sp->sec_text->sec_type == MAILIMAP_SECTION_TEXT_MIME)
				buf_puts(&b, ".MIME");
			else if (sp->sec_text->sec_msgtext && sp->sec_text->sec_msgtext->sec_type ==
								      MAILIMAP_SECTION_MSGTEXT_TEXT)
				buf_puts(&b, ".TEXT");
			else
				buf_puts(&b, ".HEADER");
		}
	}
	snprintf(out, size, "%s", buf_str(&b));
	buf_release(&b);
}

/* Build the section for a key made by plan_multipart ("1.2", "1.2.MIME", "TEXT", "HEADER"). */
static struct mailimap_section *section_for(const char *key)
{
	if (strcmp(key, "HEADER") == 0)
		return mailimap_section_new_header();
	if (strcmp(key, "TEXT") == 0)
		return mailimap_section_new_text();
	if (strcmp(key, "") == 0)
		return mailimap_section_new(NULL);
	clist *ids = clist_new();
	bool mime = false;
	const char *s = key;
	if (ids == NULL)
		return NULL;
	while (*s) {
		if (strcmp(s, "MIME") == 0) {
			mime = true;
			break;
		}
		char *end;
		unsigned long v = strtoul(s, &end, 10);
		uint32_t *u = malloc(sizeof *u);
		if (u == NULL || end == s) {
			free(u);
			break;
		}
		*u = (uint32_t)v;
		clist_append(ids, u);
		s = *end == '.' ? end + 1 : end;
	}
	struct mailimap_section_part *part = mailimap_section_part_new(ids);
	return mime ? mailimap_section_new_part_mime(part) : mailimap_section_new_part(part);
}

/* One UID FETCH for all sections of the plan; text sections are cut at the budget. */
static int fetch_sections(struct imap *im, uint32_t uid, struct plan *p, size_t max,
			  struct rw_err *err)
{
	struct mailimap_set *set = mailimap_set_new_single(uid);
	struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
	clist *res = NULL;
	int ret = -1;

	if (set == NULL || ft == NULL) {
		rw_fail(err, RW_ENOMEM, "imap: out of memory");
		goto out;
	}
	for (size_t i = 0; i < p->n; i++) {
		const char *k = p->w[i].key;
		bool hdr = strcmp(k, "HEADER") == 0 || strstr(k, "MIME") != NULL;
		struct mailimap_section *sec = section_for(k);
		/* Headers whole (they are small and needed to decode); text up to max. */
		struct mailimap_fetch_att *fa =
			hdr ? mailimap_fetch_att_new_body_peek_section(sec)
			    : mailimap_fetch_att_new_body_peek_section_partial(sec, 0,
									       (uint32_t)max);
		mailimap_fetch_type_new_fetch_att_list_add(ft, fa);
	}
	im->mb.round_trips++;
	int r = mailimap_uid_fetch(im->s, set, ft, &res);
	if (r != MAILIMAP_NO_ERROR) {
		char what[64];
		snprintf(what, sizeof what, "UID FETCH %u (text)", uid);
		fail_cmd(im, r, err, what);
		goto out;
	}
	for (clistiter *it = clist_begin(res); it; it = clist_next(it)) {
		struct mailimap_msg_att *ma = clist_content(it);
		uint32_t got_uid = 0;
		for (clistiter *a = clist_begin(ma->att_list); a; a = clist_next(a)) {
			struct mailimap_msg_att_item *item = clist_content(a);
			if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
			    item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID)
				got_uid = item->att_data.att_static->att_data.att_uid;
		}
		if (got_uid != uid)
			continue;
		for (clistiter *a = clist_begin(ma->att_list); a; a = clist_next(a)) {
			struct mailimap_msg_att_item *item = clist_content(a);
			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
			    item->att_data.att_static->att_type != MAILIMAP_MSG_ATT_BODY_SECTION)
				continue;
			struct mailimap_msg_att_body_section *bs =
				item->att_data.att_static->att_data.att_body_section;
			char key[64];
			section_key(bs->sec_section, key, sizeof key);
			for (size_t i = 0; i < p->n; i++) {
				if (strcmp(p->w[i].key, key) != 0 || p->w[i].data)
					continue;
				p->w[i].data = malloc(bs->sec_length + 1);
				if (p->w[i].data == NULL) {
					rw_fail(err, RW_ENOMEM, "imap: out of memory");
					goto out;
				}
				if (bs->sec_length)
					memcpy(p->w[i].data, bs->sec_body_part, bs->sec_length);
				p->w[i].data[bs->sec_length] = 0;
				p->w[i].len = bs->sec_length;
				break;
			}
		}
	}
	ret = 0;
out:
	if (res)
		mailimap_fetch_list_free(res);
	if (ft)
		mailimap_fetch_type_free(ft);
	if (set)
		mailimap_set_free(set);
	return ret;
}

static int imap_fetch_text(struct mailbox *mb, const char *folder, uint32_t uid, size_t max,
			   struct buf *out, struct rw_err *err)
{
	struct imap *im = (struct imap *)mb;
	struct mailimap_set *set = NULL;
	struct mailimap_fetch_type *ft = NULL;
	clist *res = NULL;
	struct plan p = {0};
	struct mailimap_body *body = NULL;
	int ret = -1;

	p.layout = (struct buf)BUF_INIT;
	p.budget = max;
	if (examine(im, folder, err) < 0)
		return -1;
	/* Round trip 1: the structure, to know which parts are text. */
	set = mailimap_set_new_single(uid);
	ft = mailimap_fetch_type_new_fetch_att_list_empty();
	if (set == NULL || ft == NULL)
		goto oom;
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_bodystructure());
	mb->round_trips++;
	int r = mailimap_uid_fetch(im->s, set, ft, &res);
	if (r != MAILIMAP_NO_ERROR) {
		char what[64];
		snprintf(what, sizeof what, "UID FETCH %u BODYSTRUCTURE", uid);
		fail_cmd(im, r, err, what);
		goto out;
	}
	for (clistiter *it = clist_begin(res); it && !body; it = clist_next(it)) {
		struct mailimap_msg_att *ma = clist_content(it);
		uint32_t got = 0;
		struct mailimap_body *b = NULL;
		for (clistiter *a = clist_begin(ma->att_list); a; a = clist_next(a)) {
			struct mailimap_msg_att_item *item = clist_content(a);
			if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC)
				continue;
			if (item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_UID)
				got = item->att_data.att_static->att_data.att_uid;
			if (item->att_data.att_static->att_type == MAILIMAP_MSG_ATT_BODYSTRUCTURE)
				b = item->att_data.att_static->att_data.att_bodystructure;
		}
		if (got == uid)
			body = b;
	}
	if (body == NULL) {
		ret = rw_fail(err, RW_ENOTFOUND, "imap: %s: folder '%s' UID %u: no such message",
			      im->host, folder, uid);
		goto out;
	}
	/* Round trip 2: the header, the MIME headers and the text parts, in one command. */
	if (plan_add(&p, "HEADER") < 0)
		goto oom;
	if (body->bd_type == MAILIMAP_BODY_MPART) {
		if (plan_multipart(&p, body->bd_data.bd_body_mpart, "", 0) < 0)
			goto oom;
	} else if (leaf_is_text(body->bd_data.bd_body_1part)) {
		if (plan_add(&p, "TEXT") < 0)
			goto oom;
	}
	if (p.fallback) {
		/* No boundary in BODYSTRUCTURE (a server without extension data): take the
		 * message from its start, cut at the cap. */
		buf_reset(&p.layout);
		p.n = 0;
		if (plan_add(&p, "") < 0)
			goto oom;
	}
	if (p.layout.oom)
		goto oom;
	if (fetch_sections(im, uid, &p, max, err) < 0)
		goto out;
	/* Fill the template. */
	const char *t = buf_str(&p.layout);
	while (*t) {
		if (*t == '\x01') {
			char *end;
			size_t i = strtoul(t + 1, &end, 10);
			if (i < p.n && p.w[i].data)
				buf_append(out, p.w[i].data, p.w[i].len);
			t = *end ? end + 1 : end;
		} else {
			const char *next = strchr(t, '\x01');
			size_t n = next ? (size_t)(next - t) : strlen(t);
			buf_append(out, t, n);
			t += n;
		}
	}
	if (out->oom)
		goto oom;
	ret = 0;
	goto out;
oom:
	rw_fail(err, RW_ENOMEM, "imap: out of memory");
out:
	for (size_t i = 0; i < p.n; i++)
		free(p.w[i].data);
	free(p.w);
	buf_release(&p.layout);
	if (res)
		mailimap_fetch_list_free(res);
	if (ft)
		mailimap_fetch_type_free(ft);
	if (set)
		mailimap_set_free(set);
	return ret;
}

/* ---------------------------------------------------------------- IDLE */

/* The caller keeps SIGTERM, SIGINT and SIGHUP blocked so that no network read is cut short;
 * they are let through only while waiting here (ppoll's mask), so a signal ends the wait at
 * once. */
static int wait_fd(int fd, int ms)
{
	sigset_t mask;
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
	struct pollfd pfd = {fd, POLLIN, 0};
	pthread_sigmask(SIG_SETMASK, NULL, &mask);
	sigdelset(&mask, SIGTERM);
	sigdelset(&mask, SIGINT);
	sigdelset(&mask, SIGHUP);
	return ppoll(fd >= 0 ? &pfd : NULL, fd >= 0 ? 1 : 0, &ts, &mask);
}

static int imap_wait(struct mailbox *mb, const char *folder, int seconds,
		     volatile sig_atomic_t *stop, struct rw_err *err)
{
	struct imap *im = (struct imap *)mb;
	int changed = 0, r;

	if (examine(im, folder, err) < 0)
		return -1;
	if (!mailimap_has_idle(im->s)) {
		time_t end = time(NULL) + seconds;
		while (!(stop && *stop) && time(NULL) < end)
			wait_fd(-1, 1000);
		return 0;
	}
	mb->round_trips++;
	r = mailimap_idle(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return fail_cmd(im, r, err, "IDLE");
	int fd = mailimap_idle_get_fd(im->s);
	time_t deadline = time(NULL) + seconds;
	/* Data already read past the continuation line is in libetpan's buffer, not the
	 * socket. */
	if (im->s->imap_stream->read_buffer_len > 0)
		changed = 1;
	while (!changed && !(stop && *stop) && time(NULL) < deadline) {
		int n = wait_fd(fd, 1000);
		if (n > 0) {
			changed = 1;
		} else if (n < 0 && errno != EINTR) {
			im->dead = true;
			return rw_fail(err, RW_ENET, "imap: %s: IDLE: %s", im->host,
				       strerror(errno));
		}
	}
	r = mailimap_idle_done(im->s);
	if (r != MAILIMAP_NO_ERROR)
		return fail_cmd(im, r, err, "IDLE DONE");
	return changed;
}

/* ---------------------------------------------------------------- open / free */

static void imap_free(struct mailbox *mb)
{
	struct imap *im = (struct imap *)mb;
	if (im == NULL)
		return;
	if (im->s) {
		if (!im->dead && im->s->imap_state != MAILIMAP_STATE_DISCONNECTED)
			mailimap_logout(im->s);
		mailimap_free(im->s);
	}
	free(im->selected);
	free(im->host);
	free(im);
}

static const struct mailbox_ops imap_ops = {
	.folders = imap_folders,
	.status = imap_status,
	.first_since = imap_first_since,
	.fetch_headers = imap_fetch_headers,
	.fetch_text = imap_fetch_text,
	.set_keyword = imap_set_keyword,
	.wait = imap_wait,
	.free = imap_free,
};

int imap_open(struct mailbox **out, const struct imap_params *p, struct rw_err *err)
{
	struct imap *im = NULL;
	int r;
	unsigned port = p->port ? p->port : p->tls == IMAP_TLS_IMPLICIT ? 993 : 143;
	char where[300];

	*out = NULL;
	if (p->host == NULL || !*p->host)
		return rw_fail(err, RW_EINVAL, "imap: no host configured ([imap] host)");
	if (p->user == NULL || !*p->user)
		return rw_fail(err, RW_EINVAL, "imap: no user configured ([imap] user)");
	if (p->tls == IMAP_TLS_NONE && !imap_host_is_loopback(p->host))
		return rw_fail(err, RW_EINVAL,
			       "imap: tls = none is allowed only to a loopback address, not '%s'",
			       p->host);
	snprintf(where, sizeof where, "%s:%u", p->host, port);
	im = calloc(1, sizeof *im);
	if (im == NULL || (im->host = strdup(where)) == NULL ||
	    (im->s = mailimap_new(0, NULL)) == NULL) {
		imap_free(&im->mb);
		return rw_fail(err, RW_ENOMEM, "imap: out of memory");
	}
	im->mb.ops = &imap_ops;
	im->trace = p->trace;
	/* Before connecting: libetpan copies it into the stream at connect time. */
	mailimap_set_timeout(im->s, p->timeout > 0 ? p->timeout : 60);
	if (p->trace)
		mailimap_set_logger(im->s, trace_logger, NULL);
	im->mb.round_trips++;
	if (p->tls == IMAP_TLS_IMPLICIT)
		r = mailimap_ssl_connect_with_callback(im->s, p->host, (uint16_t)port, set_sni,
						       (void *)p->host);
	else
		r = mailimap_socket_connect(im->s, p->host, (uint16_t)port);
	if (r != MAILIMAP_NO_ERROR_AUTHENTICATED && r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
		rw_fail(err, RW_ENET, "imap: %s: cannot connect: %s", where,
			r == MAILIMAP_ERROR_CONNECTION_REFUSED
				? "connection refused or no such host"
				: etpan_strerror(r));
		goto fail;
	}
	/* Host name for the certificate check: the configured one, not host:port. */
	free(im->host);
	im->host = strdup(p->host);
	if (im->host == NULL) {
		rw_fail(err, RW_ENOMEM, "imap: out of memory");
		goto fail;
	}
	if (p->tls == IMAP_TLS_STARTTLS) {
		if (refresh_capabilities(im, err) < 0)
			goto fail_where;
		if (!imap_has_capability(&im->mb, "STARTTLS")) {
			rw_fail(err, RW_ENET, "imap: %s: the server does not offer STARTTLS",
				where);
			goto fail;
		}
		im->mb.round_trips++;
		r = mailimap_socket_starttls_with_callback(im->s, set_sni, (void *)p->host);
		if (r != MAILIMAP_NO_ERROR) {
			rw_fail(err, RW_ENET, "imap: %s: STARTTLS failed: %s", where,
				etpan_strerror(r));
			goto fail;
		}
		/* RFC 3501 6.2.1: capabilities seen before STARTTLS must be forgotten. */
		forget_capabilities(im);
	}
	if (p->tls != IMAP_TLS_NONE && tls_verify(im, p->ca_file, err) < 0)
		goto fail_where;
	if (im->s->imap_connection_info == NULL ||
	    im->s->imap_connection_info->imap_capability == NULL)
		if (refresh_capabilities(im, err) < 0)
			goto fail_where;
	if (login(im, p, err) < 0)
		goto fail_where;
	free(im->host);
	im->host = strdup(where);
	if (im->host == NULL) {
		rw_fail(err, RW_ENOMEM, "imap: out of memory");
		goto fail;
	}
	*out = &im->mb;
	return 0;
fail_where:
	/* Messages above name the bare host; say the port too. */
	if (strncmp(err->msg, "imap: ", 6) == 0 &&
	    strncmp(err->msg + 6, p->host, strlen(p->host)) == 0 &&
	    err->msg[6 + strlen(p->host)] == ':') {
		char rest[sizeof err->msg];
		snprintf(rest, sizeof rest, "%s", err->msg + 6 + strlen(p->host));
		snprintf(err->msg, sizeof err->msg, "imap: %s%s", where, rest);
	}
fail:
	im->dead = true;
	imap_free(&im->mb);
	return -1;
}
