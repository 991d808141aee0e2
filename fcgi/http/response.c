/*
 * response.c - building a response in the request's arena.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/http.h"

void
resp_init(struct resp *w)
{
	w->status = 200;
	w->ctype = "text/plain; charset=utf-8";
	w->body = NULL;
	w->len = w->cap = 0;
	w->nheaders = 0;
}

void
resp_header(struct req *r, struct resp *w, const char *name,
    const char *value)
{
	(void)r;
	if (w->nheaders == sizeof(w->headers) / sizeof(w->headers[0]))
		abort();	/* a programming error, not input */
	w->headers[w->nheaders].name = name;
	w->headers[w->nheaders].value = value;
	w->nheaders++;
}

void
resp_write(struct req *r, struct resp *w, const char *s, size_t n)
{
	size_t	ncap;

	if (w->len + n + 1 > w->cap) {
		ncap = w->cap ? w->cap : 1024;
		while (ncap < w->len + n + 1)
			ncap *= 2;
		w->body = arena_grow(r->arena, w->body, w->len, ncap);
		w->cap = ncap;
	}
	memcpy(w->body + w->len, s, n);
	w->len += n;
	w->body[w->len] = '\0';
}

void
resp_puts(struct req *r, struct resp *w, const char *s)
{
	resp_write(r, w, s, strlen(s));
}

void
resp_printf(struct req *r, struct resp *w, const char *fmt, ...)
{
	va_list	 ap;
	char	 small[512], *p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	if ((size_t)n < sizeof(small)) {
		resp_write(r, w, small, (size_t)n);
		return;
	}
	p = arena_alloc(r->arena, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	resp_write(r, w, p, (size_t)n);
}

static int
dump_cb(const char *buf, size_t n, void *arg)
{
	void	**ctx = arg;

	resp_write(ctx[0], ctx[1], buf, n);
	return 0;
}

void
resp_json(struct req *r, struct resp *w, int status, void *json)
{
	void	*ctx[2] = { r, w };

	w->status = status;
	w->ctype = "application/json";
	w->len = 0;
	json_dump_callback(json, dump_cb, ctx, JSON_COMPACT);
	resp_write(r, w, "\n", 1);
	json_decref(json);
}

void
resp_text(struct req *r, struct resp *w, int status, const char *ctype,
    const char *text)
{
	w->status = status;
	w->ctype = ctype;
	w->len = 0;
	resp_puts(r, w, text);
}

void
resp_redirect(struct req *r, struct resp *w, int status,
    const char *location)
{
	w->status = status;
	w->ctype = "text/plain; charset=utf-8";
	w->len = 0;
	resp_header(r, w, "Location", location);
	resp_puts(r, w, location);
}

/*
 * RFC 6266: attachment; filename="ASCII"; filename*=UTF-8''PERCENT.
 * The ASCII fallback keeps printable ASCII but quotes, backslashes and
 * path separators (each other byte of a character becomes one '_'); the
 * extended value percent-encodes every byte outside RFC 5987's
 * attr-char.
 */
const char *
http_content_disposition(struct arena *a, const char *filename)
{
	static const char attr[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~";
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t	 n = strlen(filename);
	char	*ascii, *enc, *o, *e;

	o = ascii = arena_alloc(a, n + 2);
	e = enc = arena_alloc(a, 3 * n + 1);
	for (p = (const unsigned char *)filename; *p != '\0'; p++) {
		if (*p >= 0x20 && *p < 0x7f && strchr("\"\\/", *p) == NULL)
			*o++ = (char)*p;
		else if (*p < 0x80 || (*p & 0xc0) == 0xc0)
			*o++ = '_';
		if (*p < 0x80 && strchr(attr, *p) != NULL)
			*e++ = (char)*p;
		else {
			*e++ = '%';
			*e++ = hex[*p >> 4];
			*e++ = hex[*p & 0xf];
		}
	}
	if (o == ascii)
		*o++ = '_';
	*o = '\0';
	*e = '\0';
	return arena_printf(a, "attachment; filename=\"%s\"; "
	    "filename*=UTF-8''%s", ascii, enc);
}
