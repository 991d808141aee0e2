/*
 * errors.c - the catalogue of client-visible errors and the one
 * function that turns them into responses: RFC 9457 problem details
 * for API clients, a small bilingual HTML page for browsers.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/http.h"

const struct herr_info herr_table[HERR__MAX] = {
	[HERR_BAD_REQUEST] = { 400, "bad-request",
	    "Bad request", "Yêu cầu không hợp lệ" },
	[HERR_UNKNOWN_PARAM] = { 400, "unknown-parameter",
	    "Unknown parameter", "Tham số không được chấp nhận" },
	[HERR_REPEATED_PARAM] = { 400, "repeated-parameter",
	    "Repeated parameter", "Tham số bị lặp lại" },
	[HERR_BAD_UTF8] = { 400, "invalid-text",
	    "Invalid text encoding", "Văn bản không đúng mã UTF-8" },
	[HERR_MALFORMED_BODY] = { 400, "malformed-body",
	    "Malformed request body", "Nội dung yêu cầu bị lỗi" },
	[HERR_TOO_DEEP] = { 400, "nesting-too-deep",
	    "JSON nested too deeply", "Dữ liệu JSON lồng nhau quá sâu" },
	[HERR_TOO_MANY_FIELDS] = { 400, "too-many-fields",
	    "Too many fields", "Quá nhiều trường dữ liệu" },
	[HERR_NOT_FOUND] = { 404, "not-found",
	    "Not found", "Không tìm thấy" },
	[HERR_METHOD] = { 405, "method-not-allowed",
	    "Method not allowed", "Phương thức không được phép" },
	[HERR_BODY_TOO_LARGE] = { 413, "body-too-large",
	    "Request body too large", "Nội dung yêu cầu quá lớn" },
	[HERR_FIELD_TOO_LONG] = { 413, "field-too-large",
	    "Field too large", "Trường dữ liệu quá lớn" },
	[HERR_MEDIA_TYPE] = { 415, "unsupported-media-type",
	    "Unsupported media type", "Kiểu nội dung không được hỗ trợ" },
	[HERR_HEADERS_TOO_LARGE] = { 431, "headers-too-large",
	    "Request headers too large", "Phần đầu yêu cầu quá lớn" },
	[HERR_FIELD_INVALID] = { 422, "invalid-field",
	    "Invalid field", "Trường dữ liệu không hợp lệ" },
	[HERR_INTERNAL] = { 500, "internal-error",
	    "Internal error", "Lỗi hệ thống" },
	[HERR_NOT_IMPLEMENTED] = { 501, "not-implemented",
	    "Method not implemented", "Phương thức không được hỗ trợ" },
	[HERR_UNAVAILABLE] = { 503, "unavailable",
	    "Service temporarily unavailable",
	    "Dịch vụ tạm thời gián đoạn" },
	[HERR_UNAUTHENTICATED] = { 401, "unauthenticated",
	    "Sign-in required", "Cần đăng nhập" },
	[HERR_FORBIDDEN] = { 403, "forbidden",
	    "Forbidden", "Không được phép" },
	[HERR_CONFLICT] = { 409, "conflict",
	    "Conflict", "Xung đột dữ liệu" },
	[HERR_TOO_MANY_REQUESTS] = { 429, "too-many-requests",
	    "Too many requests", "Quá nhiều yêu cầu" },
};

const char *
http_reason(int status)
{
	static const struct {
		int		 status;
		const char	*reason;
	} reasons[] = {
		{ 200, "OK" }, { 201, "Created" }, { 204, "No Content" },
		{ 301, "Moved Permanently" }, { 302, "Found" },
		{ 303, "See Other" }, { 304, "Not Modified" },
		{ 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 409, "Conflict" },
		{ 413, "Content Too Large" }, { 415, "Unsupported Media Type" },
		{ 422, "Unprocessable Content" }, { 429, "Too Many Requests" },
		{ 431, "Request Header Fields Too Large" },
		{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
		{ 503, "Service Unavailable" },
	};
	size_t	i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

static const char *
html_escape(struct arena *a, const char *s)
{
	size_t	 n = 0, i;
	char	*out;

	for (i = 0; s[i] != '\0'; i++)
		n += strchr("<>&\"'", s[i]) != NULL ? 6 : 1;
	out = arena_alloc(a, n + 1);
	for (n = 0, i = 0; s[i] != '\0'; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: out[n++] = s[i]; continue;
		}
		memcpy(out + n, rep, strlen(rep));
		n += strlen(rep);
	}
	out[n] = '\0';
	return out;
}

void
http_error(struct req *r, struct resp *w, enum herr e, const char *field,
    const char *detail_en, const char *detail_vi)
{
	const struct herr_info	*h;
	json_t			*o;

	if ((unsigned)e >= HERR__MAX)
		abort();
	h = &herr_table[e];
	resp_init(w);
	w->status = h->status;
	if (req_wants_json(r)) {
		o = json_object();
		json_object_set_new(o, "type",
		    json_string(arena_printf(r->arena, "/problems/%s",
		    h->slug)));
		json_object_set_new(o, "title", json_string(h->title_en));
		json_object_set_new(o, "status", json_integer(h->status));
		if (detail_en != NULL)
			json_object_set_new(o, "detail", json_string(detail_en));
		json_object_set_new(o, "title_vi", json_string(h->title_vi));
		if (detail_vi != NULL)
			json_object_set_new(o, "detail_vi",
			    json_string(detail_vi));
		if (field != NULL)
			json_object_set_new(o, "field",
			    json_stringn(field, strlen(field)));
		if (r->request_id != NULL)
			json_object_set_new(o, "request_id",
			    json_string(r->request_id));
		resp_json(r, w, h->status, o);
		w->ctype = "application/problem+json";
		return;
	}
	w->ctype = "text/html; charset=utf-8";
	resp_printf(r, w, "<!doctype html>\n<html lang=\"vi\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width,initial-scale=1\">"
	    "<title>%d %s</title></head><body><main>"
	    "<h1>%s</h1><p lang=\"en\">%s</p>",
	    h->status, html_escape(r->arena, h->title_vi),
	    html_escape(r->arena, h->title_vi),
	    html_escape(r->arena, h->title_en));
	if (field != NULL)
		resp_printf(r, w, "<p>Trường / field: <code>%s</code></p>",
		    html_escape(r->arena, field));
	if (detail_vi != NULL)
		resp_printf(r, w, "<p>%s</p>", html_escape(r->arena, detail_vi));
	if (detail_en != NULL)
		resp_printf(r, w, "<p lang=\"en\">%s</p>",
		    html_escape(r->arena, detail_en));
	if (r->request_id != NULL)
		resp_printf(r, w, "<p><small>Mã yêu cầu / request id: "
		    "%s</small></p>", html_escape(r->arena, r->request_id));
	resp_puts(r, w, "</main></body></html>\n");
}
