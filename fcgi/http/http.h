/*
 * http.h - requests, responses and errors of the transport.
 *
 * The transport (this folder, the only libfcgi user) reads a request's
 * FastCGI parameters, asks the site (server.h: struct http_site) which
 * endpoint it is for, reads and parses the body within the endpoint's
 * limits, checks the parameter allowlists (params.c), and hands the
 * request to the site.  Replies fill a struct resp; errors go through
 * http_error(), the one place where an error becomes an HTTP status.
 * It knows nothing of routes' handlers, sessions or the application.
 * Everything lives in the request's arena.
 */
#ifndef MOTCUA_HTTP_H
#define MOTCUA_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "http/parse.h"

struct arena;
struct config;

enum http_method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_PUT,
	METHOD_PATCH,
	METHOD_DELETE,
	METHOD_OPTIONS,
	METHOD__MAX
};
extern const char *const http_method_names[METHOD__MAX];

/* Errors a client can cause or see; the table is in errors.c. */
enum herr {
	HERR_BAD_REQUEST,	/* 400 malformed request */
	HERR_UNKNOWN_PARAM,	/* 400 key not allowed on this route */
	HERR_REPEATED_PARAM,	/* 400 key given twice */
	HERR_BAD_UTF8,		/* 400 value not valid UTF-8 text */
	HERR_MALFORMED_BODY,	/* 400 body does not parse */
	HERR_TOO_DEEP,		/* 400 JSON nested too deeply */
	HERR_TOO_MANY_FIELDS,	/* 400 too many fields */
	HERR_NOT_FOUND,		/* 404 */
	HERR_METHOD,		/* 405 */
	HERR_BODY_TOO_LARGE,	/* 413 */
	HERR_FIELD_TOO_LONG,	/* 413 one field or file too long */
	HERR_MEDIA_TYPE,	/* 415 body type not accepted here */
	HERR_HEADERS_TOO_LARGE,	/* 431 */
	HERR_FIELD_INVALID,	/* 422 a value of the wrong kind */
	HERR_INTERNAL,		/* 500 */
	HERR_NOT_IMPLEMENTED,	/* 501 method unknown to the server */
	HERR_UNAVAILABLE,	/* 503 database unreachable */
	HERR_UNAUTHENTICATED,	/* 401 sign-in needed, or it failed */
	HERR_FORBIDDEN,		/* 403 signed in, but not allowed */
	HERR_CONFLICT,		/* 409 exists already */
	HERR_TOO_MANY_REQUESTS,	/* 429 throttled: see Retry-After */
	HERR__MAX
};

struct herr_info {
	int		 status;
	const char	*slug;		/* problem type: /problems/<slug> */
	const char	*title_en;
	const char	*title_vi;
};
extern const struct herr_info herr_table[HERR__MAX];

/* Body types a route accepts. */
#define BODY_FORM	0x01	/* application/x-www-form-urlencoded */
#define BODY_MULTIPART	0x02	/* multipart/form-data */
#define BODY_JSON	0x04	/* application/json */

enum ptype {
	PT_TEXT,		/* UTF-8 text, no control characters */
	PT_FILE,		/* a multipart file part */
	PT_JSON,		/* any JSON value (JSON bodies only) */
	PT__MAX
};

#define PF_MULTI	0x01	/* may be given more than once */

struct param {
	const char	*name;
	enum ptype	 type;
	size_t		 max;		/* bytes; 0 = the route's default */
	unsigned	 flags;
};

struct req;
struct resp;

/*
 * What the site (web/) tells the transport of the endpoint a request
 * matched: its name (logs, metrics) and limits, checked here before the
 * handler runs (body size and types, parameter allowlists).  The site
 * may compile endpoints from definitions (the pages' form fields).
 */
struct endpoint {
	size_t		 id;		/* metrics slot: 0 .. site's count */
	const char	*name;
	const struct param *query;	/* NULL-terminated allowlist, or NULL */
	const struct param *body;	/* idem */
	unsigned	 body_types;	/* BODY_* or 0: no body allowed */
	size_t		 body_max;	/* 0: no body */
	int		 json_errors;	/* errors as problem+json always */
};

struct header {
	const char	*name;
	const char	*value;
};

struct req {
	struct arena	*arena;
	const struct config *cfg;
	const struct endpoint *ep;	/* NULL until the site matched it */
	void		*site;		/* the site's own, per request */
	enum http_method method;
	const char	*method_name;
	const char	*path;		/* without the query string */
	const char	*query;
	const char	*ctype;		/* Content-Type or "" */
	const char	*request_id;
	const char	*remote_addr;
	const char	*accept;
	const char	*body;
	size_t		 bodylen;
	char		**env;		/* CGI parameters, NAME=value */
	struct kvlist	 args;		/* query string pairs */
	struct kvlist	 form;		/* urlencoded or multipart pairs */
	struct kvlist	 cookies;
	void		*json;		/* json_t * of a JSON body, or NULL */
};

struct resp {
	int		 status;
	const char	*ctype;
	char		*body;
	size_t		 len;
	size_t		 cap;
	struct header	 headers[16];
	size_t		 nheaders;
};

/* Request helpers. */
const char	*req_env(const struct req *, const char *name);
const struct kv	*req_arg(const struct req *, const char *key);
const struct kv	*req_field(const struct req *, const char *key);
int		 req_wants_json(const struct req *);

/* Parameter allowlists: 0, or -1 after writing the error response. */
int		 params_check(struct req *, struct resp *);

/* Request body by Content-Type: 0, or -1 after the error response. */
int		 body_parse(struct req *, struct resp *);
/* A JSON document sent as a form value (multipart "payload_json"),
 * parsed as a JSON body is (jsonbody_parse: bounded, strings in NFC),
 * owned by the arena; NULL after the error response naming the part. */
void		*body_json_part(struct req *, struct resp *,
		    const struct kv *);

/* Responses. */
void		 resp_init(struct resp *);
void		 resp_header(struct req *, struct resp *, const char *name,
		    const char *value);
void		 resp_write(struct req *, struct resp *, const char *, size_t);
void		 resp_puts(struct req *, struct resp *, const char *);
void		 resp_printf(struct req *, struct resp *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 resp_json(struct req *, struct resp *, int status,
		    void *json);	/* json_t *, reference stolen */
void		 resp_text(struct req *, struct resp *, int status,
		    const char *ctype, const char *text);
void		 resp_redirect(struct req *, struct resp *, int status,
		    const char *location);
/* s percent-encoded as a query's value (RFC 3986 unreserved kept). */
char		*http_urlencode(struct arena *, const char *s);
/* Content-Disposition: attachment of a file named filename (UTF-8):
 * an ASCII filename and an RFC 5987 filename*, in the arena. */
const char	*http_content_disposition(struct arena *, const char *filename);
/* The error response: problem+json for API clients, HTML otherwise.
 * field may be NULL; detail_en/detail_vi may be NULL. */
void		 http_error(struct req *, struct resp *, enum herr,
		    const char *field, const char *detail_en,
		    const char *detail_vi);

/* "OK", "Not Found"... for a status line. */
const char	*http_reason(int status);

#endif
