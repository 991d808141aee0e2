/*
 * h_diag.c - diagnostic routes, served only with MOTCUA_DIAG=1 (the
 * test suite turns them on): they show what the request layer parsed,
 * so that tests can drive it through nginx and FastCGI for real, and
 * what the second wall (row-level security) lets a request reach when
 * the first is not asked, and what the signer signs for a worker.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/hash.h"
#include "sign/client.h"
#include "web/web.h"
#include "store/ops.h"

static json_t *
pairs(const struct kvlist *l, int files)
{
	json_t	*o = json_object(), *arr;
	char	 digest[SHA256_HEX_LEN + 1];
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		const struct kv *kv = &l->v[i];

		if ((kv->filename != NULL) != files)
			continue;
		if ((arr = json_object_get(o, kv->key)) == NULL) {
			arr = json_array();
			/* On failure (a key not UTF-8) jansson frees arr. */
			if (json_object_set_new(o, kv->key, arr) == -1)
				continue;
		}
		if (files) {
			sha256_hex(kv->val, kv->vallen, digest);
			json_array_append_new(arr, json_pack("{s:s, s:s?, s:I,"
			    " s:s}", "filename", kv->filename, "type",
			    kv->ctype, "size", (json_int_t)kv->vallen,
			    "sha256", digest));
		} else
			json_array_append_new(arr, json_stringn(kv->val,
			    kv->vallen));
	}
	return o;
}

void
h_diag_echo(struct wreq *r, struct resp *w)
{
	json_t	*o;

	o = json_pack("{s:o, s:o, s:o, s:o}",
	    "query", pairs(&r->h->args, 0),
	    "fields", pairs(&r->h->form, 0),
	    "files", pairs(&r->h->form, 1),
	    "cookies", pairs(&r->h->cookies, 0));
	if (r->h->json != NULL)
		json_object_set(o, "json", (json_t *)r->h->json);
	resp_json(r->h, w, 200, o);
}

void
h_diag_sleep(struct wreq *r, struct resp *w)
{
	const struct kv	*ms = req_arg(r->h, "ms");
	struct timespec	 ts;
	long		 v = 0;
	char		*end;

	if (ms != NULL) {
		errno = 0;
		v = strtol(ms->val, &end, 10);
		if (ms->val[0] == '\0' || *end != '\0' || errno != 0 ||
		    v < 0 || v > 30000) {
			http_error(r->h, w, HERR_FIELD_INVALID, "ms",
			    "A number of milliseconds from 0 to 30000.",
			    "Số mili giây từ 0 đến 30000.");
			return;
		}
	}
	ts.tv_sec = v / 1000;
	ts.tv_nsec = (v % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
	resp_json(r->h, w, 200, json_pack("{s:I}", "slept_ms", (json_int_t)v));
}

/*
 * Every row the request's context reaches, asked with no condition of
 * our own: what a handler that forgot its access check would see.
 */
void
h_diag_rls(struct wreq *r, struct resp *w)
{
	struct ops_probe p;
	json_t		*codes;

	if (ops_probe(r->app.db, r->app.arena, &p) != DB_OK ||
	    (codes = json_loads(p.codes, 0, NULL)) == NULL) {
		http_error(r->h, w, HERR_UNAVAILABLE, NULL,
		    "The database did not answer.",
		    "Cơ sở dữ liệu không trả lời.");
		return;
	}
	resp_json(r->h, w, 200, json_pack("{s:s, s:o, s:I, s:I, s:I}",
	    "role", p.role, "dossiers", codes,
	    "events", (json_int_t)p.events,
	    "attachments", (json_int_t)p.attachments,
	    "students", (json_int_t)p.students));
}

/* Try to change a dossier by code alone: {"changed": 0 or 1}. */
void
h_diag_rls_touch(struct wreq *r, struct resp *w)
{
	const struct kv	*code = req_field(r->h, "code");
	int64_t		 n;

	if (code == NULL) {
		http_error(r->h, w, HERR_FIELD_INVALID, "code",
		    "A dossier code is required.", "Cần mã hồ sơ.");
		return;
	}
	if (ops_probe_touch(r->app.db, code->val, &n) != DB_OK) {
		http_error(r->h, w, HERR_UNAVAILABLE, NULL,
		    "The database did not answer.",
		    "Cơ sở dữ liệu không trả lời.");
		return;
	}
	resp_json(r->h, w, 200, json_pack("{s:I}", "changed", (json_int_t)n));
}

/* 1 byte of the hex string s (2 digits), or -1. */
static int
hexbyte(const char *s)
{
	static const char	digits[] = "0123456789abcdef";
	const char		*hi, *lo;

	if (s[0] == '\0' || s[1] == '\0' ||
	    (hi = strchr(digits, s[0])) == NULL ||
	    (lo = strchr(digits, s[1])) == NULL)
		return -1;
	return (int)((hi - digits) << 4 | (lo - digits));
}

static char *
tohex(struct wreq *r, const unsigned char *p, size_t n)
{
	char	*s = arena_alloc(r->app.arena, 2 * n + 1);
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02x", p[i]);
	s[2 * n] = '\0';
	return s;
}

/* What a refusal of the signer is for a client of this route. */
static const struct {
	enum herr	 herr;
	const char	*field;
	const char	*en, *vi;
} sign_errors[SIGN__MAX] = {
	[SIGN_OK] = { HERR_INTERNAL, NULL, NULL, NULL },
	[SIGN_UNAVAILABLE] = { HERR_UNAVAILABLE, NULL,
	    "The signing service is not available; try again shortly.",
	    "Dịch vụ ký số chưa sẵn sàng; vui lòng thử lại sau." },
	[SIGN_MALFORMED] = { HERR_INTERNAL, NULL, NULL, NULL },
	[SIGN_BAD_ALG] = { HERR_INTERNAL, NULL, NULL, NULL },
	[SIGN_BAD_LENGTH] = { HERR_FIELD_INVALID, "digest",
	    "A SHA-256 digest is 32 bytes.", "Giá trị băm SHA-256 dài 32 byte." },
	[SIGN_BAD_UNIT] = { HERR_FIELD_INVALID, "unit",
	    "Not a unit code.", "Không phải mã đơn vị." },
	[SIGN_NO_KEY] = { HERR_FIELD_INVALID, "unit",
	    "This unit has no signing key.", "Đơn vị này chưa có khóa ký." },
	[SIGN_FAILED] = { HERR_UNAVAILABLE, NULL,
	    "The signature could not be made; try again shortly.",
	    "Không tạo được chữ ký; vui lòng thử lại sau." },
};

/*
 * Sign through the worker's client: unit and digest (hex), or note (a
 * signed note's text, with the audit key).  {"alg", "key_id",
 * "signature"} in hex; the signer's refusals as the web will show them.
 */
void
h_diag_sign(struct wreq *r, struct resp *w)
{
	const struct kv		*unit = req_field(r->h, "unit");
	const struct kv		*digest = req_field(r->h, "digest");
	const struct kv		*note = req_field(r->h, "note");
	struct sign_result	 res;
	enum sign_status	 st;
	unsigned char		 d[100];
	size_t			 n = 0;
	int			 b;

	if (note != NULL)
		st = sign_note(r->app.signer, r->app.request_id, note->val,
		    note->vallen, &res);
	else {
		if (unit == NULL || digest == NULL) {
			http_error(r->h, w, HERR_FIELD_INVALID, "digest",
			    "A unit and a digest, or a note.",
			    "Cần mã đơn vị và giá trị băm, hoặc một ghi chú.");
			return;
		}
		for (n = 0; 2 * n < digest->vallen && n < sizeof(d); n++) {
			if ((b = hexbyte(digest->val + 2 * n)) == -1) {
				http_error(r->h, w, HERR_FIELD_INVALID, "digest",
				    "Hexadecimal digits, two a byte.",
				    "Chữ số thập lục phân, hai chữ số một byte.");
				return;
			}
			d[n] = (unsigned char)b;
		}
		st = sign_digest(r->app.signer, unit->val, r->app.request_id,
		    d, n, &res);
	}
	if (st != SIGN_OK) {
		if (st == SIGN_UNAVAILABLE || st == SIGN_FAILED)
			resp_header(r->h, w, "Retry-After", "2");
		http_error(r->h, w, sign_errors[st].herr, sign_errors[st].field,
		    sign_errors[st].en, sign_errors[st].vi);
		return;
	}
	resp_json(r->h, w, 200, json_pack("{s:s, s:s, s:s}",
	    "alg", sign_alg_names[note != NULL ? SIGN_ALG_ED25519_NOTE :
	    SIGN_ALG_ECDSA_P256_SHA256],
	    "key_id", tohex(r, res.key_id, sizeof(res.key_id)),
	    "signature", tohex(r, res.sig, res.siglen)));
}
