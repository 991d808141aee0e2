/*
 * params.c - per-route allowlists.  Every key of the query string and
 * of the body must be listed for the route, at most once unless the
 * route says PF_MULTI, of the right kind, and within its length; text
 * must be UTF-8 without control characters, and is put in Unicode
 * Normalization Form C (base/utf8.h) before its length is checked (a
 * JSON body's strings are, by jsonbody_parse).  The first offence is
 * answered with the key it concerns.
 */
#include <jansson.h>
#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "http/http.h"

static const struct param *
lookup(const struct param *allow, const char *key)
{
	if (allow == NULL)
		return NULL;
	for (; allow->name != NULL; allow++)
		if (strcmp(allow->name, key) == 0)
			return allow;
	return NULL;
}

/*
 * A value over the route's limit (times slack): normalization may
 * shorten text, so the length is checked loosely before it, exactly
 * after.
 */
static int
too_long(struct req *r, struct resp *w, const struct param *p,
    const char *key, size_t len, size_t slack)
{
	if (p->max == 0 || len <= p->max * slack)
		return 0;
	http_error(r, w, HERR_FIELD_TOO_LONG, key,
	    arena_printf(r->arena, "At most %zu bytes.", p->max),
	    arena_printf(r->arena, "Tối đa %zu byte.", p->max));
	return 1;
}

static int
check_list(struct req *r, struct resp *w, const struct param *allow,
    struct kvlist *l)
{
	const struct param	*p;
	size_t			 i, j;

	for (i = 0; i < l->n; i++) {
		struct kv *kv = &l->v[i];
		size_t	   n;

		if (!utf8_text(kv->key, kv->keylen)) {
			http_error(r, w, HERR_BAD_UTF8, "",
			    "A parameter name is not valid UTF-8 text.",
			    "Tên tham số không phải văn bản UTF-8 hợp lệ.");
			return -1;
		}
		if ((p = lookup(allow, kv->key)) == NULL ||
		    p->type == PT_JSON) {
			http_error(r, w, HERR_UNKNOWN_PARAM, kv->key,
			    arena_printf(r->arena, "Parameter \"%s\" is not "
			    "accepted here.", kv->key),
			    arena_printf(r->arena, "Tham số \"%s\" không được "
			    "chấp nhận ở đây.", kv->key));
			return -1;
		}
		if (!(p->flags & PF_MULTI))
			for (j = 0; j < i; j++)
				if (strcmp(l->v[j].key, kv->key) == 0) {
					http_error(r, w, HERR_REPEATED_PARAM,
					    kv->key, arena_printf(r->arena,
					    "Parameter \"%s\" is given more "
					    "than once.", kv->key),
					    arena_printf(r->arena, "Tham số "
					    "\"%s\" bị lặp lại.", kv->key));
					return -1;
				}
		if (too_long(r, w, p, kv->key, kv->vallen, 4))
			return -1;
		if ((p->type == PT_FILE) != (kv->filename != NULL)) {
			http_error(r, w, HERR_FIELD_INVALID, kv->key,
			    p->type == PT_FILE ? "A file is expected." :
			    "Text is expected, not a file.",
			    p->type == PT_FILE ? "Cần một tệp đính kèm." :
			    "Cần văn bản, không phải tệp.");
			return -1;
		}
		if (p->type == PT_FILE) {
			if (!utf8_text(kv->filename, strlen(kv->filename))) {
				http_error(r, w, HERR_BAD_UTF8, kv->key,
				    "The file name is not valid UTF-8 text.",
				    "Tên tệp không phải văn bản UTF-8 hợp lệ.");
				return -1;
			}
			kv->filename = utf8_nfc(r->arena, kv->filename,
			    strlen(kv->filename), &n);
		} else if (!utf8_text(kv->val, kv->vallen)) {
			http_error(r, w, HERR_BAD_UTF8, kv->key,
			    "The value is not valid UTF-8 text.",
			    "Giá trị không phải văn bản UTF-8 hợp lệ.");
			return -1;
		} else
			kv->val = utf8_nfc(r->arena, kv->val, kv->vallen,
			    &kv->vallen);
		if (too_long(r, w, p, kv->key, kv->vallen, 1))
			return -1;
	}
	return 0;
}

static int
check_json(struct req *r, struct resp *w, const struct param *allow)
{
	const struct param	*p;
	const char		*key;
	json_t			*val;

	if (!json_is_object((json_t *)r->json)) {
		http_error(r, w, HERR_MALFORMED_BODY, NULL,
		    "The JSON body must be an object.",
		    "Nội dung JSON phải là một đối tượng.");
		return -1;
	}
	json_object_foreach((json_t *)r->json, key, val) {
		if ((p = lookup(allow, key)) == NULL || p->type == PT_FILE) {
			http_error(r, w, HERR_UNKNOWN_PARAM, key,
			    arena_printf(r->arena, "Member \"%s\" is not "
			    "accepted here.", key),
			    arena_printf(r->arena, "Trường \"%s\" không được "
			    "chấp nhận ở đây.", key));
			return -1;
		}
		if (p->type == PT_TEXT && !json_is_string(val)) {
			http_error(r, w, HERR_FIELD_INVALID, key,
			    "A string is expected.", "Cần một chuỗi văn bản.");
			return -1;
		}
		/* Already in NFC (jsonbody_parse). */
		if (p->type == PT_TEXT &&
		    too_long(r, w, p, key, json_string_length(val), 1))
			return -1;
		/* jansson has already refused invalid UTF-8; refuse NUL
		 * and control characters as in forms. */
		if (p->type == PT_TEXT && !utf8_text(json_string_value(val),
		    json_string_length(val))) {
			http_error(r, w, HERR_BAD_UTF8, key,
			    "The value holds control characters.",
			    "Giá trị chứa ký tự điều khiển.");
			return -1;
		}
	}
	return 0;
}

int
params_check(struct req *r, struct resp *w)
{
	if (check_list(r, w, r->ep->query, &r->args) == -1)
		return -1;
	if (r->json != NULL)
		return check_json(r, w, r->ep->body);
	return check_list(r, w, r->ep->body, &r->form);
}
