/*
 * body.c - the query string, cookies and the body of a request, parsed
 * by the route's accepted body types, within fixed limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "http/http.h"

/* Bounds shared by every route; per-field bounds are in the allowlist. */
static const struct parse_limits query_limits = {
	.max_fields = 64, .max_key = 64, .max_val = 4096,
	.max_file = 0, .max_depth = 0,
};
static const struct parse_limits cookie_limits = {
	.max_fields = 32, .max_key = 64, .max_val = 4096,
	.max_file = 0, .max_depth = 0,
};
#define BODY_MAX_FIELDS	256
#define BODY_MAX_KEY	64
#define BODY_MAX_VAL	(64 * 1024)
#define JSON_MAX_DEPTH	32

static const struct {
	enum herr	 herr;
	const char	*en;
	const char	*vi;
} perr_map[PERR__MAX] = {
	[PERR_OK] = { HERR_INTERNAL, "", "" },
	[PERR_SYNTAX] = { HERR_MALFORMED_BODY, "Malformed data.",
	    "Dữ liệu không đúng định dạng." },
	[PERR_TOO_MANY] = { HERR_TOO_MANY_FIELDS, "Too many fields.",
	    "Quá nhiều trường dữ liệu." },
	[PERR_KEY_LONG] = { HERR_FIELD_TOO_LONG, "A field name is too long.",
	    "Tên trường quá dài." },
	[PERR_VAL_LONG] = { HERR_FIELD_TOO_LONG, "A value is too long.",
	    "Giá trị quá dài." },
	[PERR_FILE_LONG] = { HERR_FIELD_TOO_LONG, "A file is too large.",
	    "Tệp đính kèm quá lớn." },
	[PERR_TRUNCATED] = { HERR_MALFORMED_BODY,
	    "The multipart body is truncated.",
	    "Nội dung nhiều phần bị cắt cụt." },
	[PERR_BOUNDARY] = { HERR_MALFORMED_BODY,
	    "The multipart boundary is missing or invalid.",
	    "Thiếu hoặc sai ranh giới nhiều phần (boundary)." },
	[PERR_DEPTH] = { HERR_TOO_DEEP, "JSON is nested too deeply.",
	    "Dữ liệu JSON lồng nhau quá sâu." },
	[PERR_JSON] = { HERR_MALFORMED_BODY, "The JSON body is not valid.",
	    "Nội dung JSON không hợp lệ." },
};

static void
perr_reply(struct req *r, struct resp *w, const struct perr_info *e,
    const char *where)
{
	enum perr	 c = e->code;

	if ((unsigned)c >= PERR__MAX || c == PERR_OK)
		c = PERR_SYNTAX;
	http_error(r, w, perr_map[c].herr,
	    e->field[0] != '\0' ? e->field : NULL,
	    arena_printf(r->arena, "%s %s (byte %zu).", where, perr_map[c].en,
	    e->offset),
	    arena_printf(r->arena, "%s %s (byte %zu).",
	    strcmp(where, "Query:") == 0 ? "Tham số URL:" :
	    strcmp(where, "Cookie:") == 0 ? "Cookie:" : "Nội dung:",
	    perr_map[c].vi, e->offset));
}

/* "multipart/form-data; boundary=x" -> compare the media type only. */
static int
media_is(const char *ctype, const char *type)
{
	size_t	n = strlen(type);

	if (strncasecmp(ctype, type, n) != 0)
		return 0;
	return ctype[n] == '\0' || ctype[n] == ';' || ctype[n] == ' ';
}

static void
body_limits(struct parse_limits *lim, size_t max_file)
{
	lim->max_fields = BODY_MAX_FIELDS;
	lim->max_key = BODY_MAX_KEY;
	lim->max_val = BODY_MAX_VAL;
	lim->max_file = max_file;
	lim->max_depth = JSON_MAX_DEPTH;
}

int
body_parse(struct req *r, struct resp *w)
{
	struct parse_limits	 lim;
	struct perr_info	 e;
	const struct endpoint	*rt = r->ep;
	const char		*cookie, *boundary;

	memset(&e, 0, sizeof(e));
	if (r->query != NULL && urlenc_parse(r->arena, r->query,
	    strlen(r->query), &query_limits, &r->args, &e) == -1) {
		perr_reply(r, w, &e, "Query:");
		return -1;
	}
	if ((cookie = req_env(r, "HTTP_COOKIE")) != NULL &&
	    cookie_parse(r->arena, cookie, strlen(cookie), &cookie_limits,
	    &r->cookies, &e) == -1) {
		perr_reply(r, w, &e, "Cookie:");
		return -1;
	}
	if (r->bodylen == 0)
		return 0;
	if (rt->body_types == 0) {
		http_error(r, w, HERR_MEDIA_TYPE, NULL,
		    "This address takes no request body.",
		    "Địa chỉ này không nhận nội dung yêu cầu.");
		return -1;
	}
	body_limits(&lim, rt->body_max);
	if ((rt->body_types & BODY_FORM) &&
	    media_is(r->ctype, "application/x-www-form-urlencoded")) {
		if (urlenc_parse(r->arena, r->body, r->bodylen, &lim,
		    &r->form, &e) == 0)
			return 0;
	} else if ((rt->body_types & BODY_MULTIPART) &&
	    media_is(r->ctype, "multipart/form-data")) {
		if ((boundary = multipart_boundary(r->arena, r->ctype)) == NULL) {
			e.code = PERR_BOUNDARY;
		} else if (multipart_parse(r->arena, boundary, r->body,
		    r->bodylen, &lim, &r->form, &e) == 0)
			return 0;
	} else if ((rt->body_types & BODY_JSON) &&
	    media_is(r->ctype, "application/json")) {
		if (jsonbody_parse(r->arena, r->body, r->bodylen, &lim,
		    &r->json, &e) == 0)
			return 0;
	} else {
		http_error(r, w, HERR_MEDIA_TYPE, NULL,
		    "This Content-Type is not accepted here.",
		    "Kiểu nội dung (Content-Type) này không được chấp nhận.");
		return -1;
	}
	perr_reply(r, w, &e, "Body:");
	return -1;
}

void *
body_json_part(struct req *r, struct resp *w, const struct kv *part)
{
	struct parse_limits	 lim;
	struct perr_info	 e;
	void			*j;

	body_limits(&lim, r->ep->body_max);
	if (jsonbody_parse(r->arena, part->val, part->vallen, &lim, &j,
	    &e) == 0)
		return j;
	snprintf(e.field, sizeof(e.field), "%s", part->key);
	perr_reply(r, w, &e, "Body:");	/* the field names the part */
	return NULL;
}
