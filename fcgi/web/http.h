/*
 * http.h - requests, responses, routes and errors of the web layer.
 *
 * A request is parsed from the FastCGI parameters and body by
 * request.c, matched against the route table (routes.c), checked
 * against the route's parameter allowlists (params.c), then handed to
 * the route's handler.  Handlers fill a struct resp; errors go through
 * http_error(), the one place where an error becomes an HTTP status.
 * Everything lives in the request's arena.
 */
#ifndef MOTCUA_HTTP_H
#define MOTCUA_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "parse.h"

struct arena;
struct calendar;
struct templates;
struct config;
struct db;
struct defs;

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

enum route_id {
	ROUTE_HEALTHZ,
	ROUTE_METRICS,
	ROUTE_DIAG_ECHO,
	ROUTE_DIAG_SLEEP,
	ROUTE_DIAG_RLS,
	ROUTE_DIAG_RLS_TOUCH,
	ROUTE_API_SERVICES,
	ROUTE_API_SERVICE,
	/* accounts and sessions (session.c, h_accounts.c) */
	ROUTE_API_CITIZENS,
	ROUTE_API_CITIZEN_ME,
	ROUTE_API_SESSIONS,
	ROUTE_API_SESSION_CURRENT,
	ROUTE_API_ME,
	/* dossiers (h_dossiers.c) */
	ROUTE_API_DOSSIER_SUBMIT,
	ROUTE_API_DOSSIERS,
	ROUTE_API_DOSSIER,
	ROUTE_API_DOSSIER_ACTION,
	ROUTE_API_DOSSIER_RATING,
	ROUTE_API_DOSSIER_ATTACHMENT,
	ROUTE_API_LOOKUP,
	ROUTE_API_LOOKUP_POST,
	/* pages (h_pages*.c) */
	ROUTE_PAGE_CATALOGUE,
	ROUTE_PAGE_SERVICE,
	ROUTE_PAGE_LOOKUP,
	ROUTE_PAGE_LOOKUP_POST,
	ROUTE_PAGE_SIGNIN_FORM,
	ROUTE_PAGE_SIGNIN,
	ROUTE_PAGE_REGISTER_FORM,
	ROUTE_PAGE_REGISTER,
	ROUTE_PAGE_SIGNOUT,
	ROUTE_PAGE_APPLY,
	ROUTE_PAGE_APPLY_FORM,
	ROUTE_PAGE_RECEIPT,
	ROUTE_PAGE_MY,
	ROUTE_PAGE_DOSSIER,
	ROUTE_PAGE_DOSSIER_RATE,
	ROUTE_PAGE_DOSSIER_ACT,
	ROUTE_PAGE_INBOX,
	ROUTE_PAGE_INBOX_DOSSIER,
	ROUTE_PAGE_INBOX_ACT,
	ROUTE__MAX
};

#define RF_DIAG		0x01	/* only with MOTCUA_DIAG=1 */
#define RF_DB		0x02	/* needs the database */
#define RF_CSRF		0x04	/* a browser form: needs the session's token */
#define RF_PAGE		0x08	/* a page: an anonymous GET is sent to
				 * /signin?next=... (303), not 401 */

/* Who is asking: resolved from the session cookie or a bearer token
 * before the handler runs (session.c). */
enum who_kind {
	WHO_ANON,
	WHO_CITIZEN,
	WHO_STAFF,
	WHO_INSPECTOR,
	WHO_PARTNER,		/* a partner system's bearer token */
	WHO__MAX
};
#define WHO(k)		(1u << (k))
#define WHO_ANYONE	0u	/* route.who: no sign-in needed */

struct principal {
	enum who_kind	 kind;
	int64_t		 user_id;	/* users.id; partner: token id */
	int64_t		 unit_id;	/* staff: their unit; else 0 */
	uint64_t	 roles;		/* staff: 1 << catalogue role index */
	const char	*name;		/* full name, for pages and logs */
	const char	*csrf;		/* browser session: form token */
	unsigned	 scopes;	/* partner: what the token may do */
};

struct route {
	enum route_id	 id;
	const char	*name;		/* for logs and metrics */
	enum http_method method;	/* HEAD is served by GET routes */
	const char	*pattern;	/* "/a/{x}/b": {x} matches a segment */
	const struct param *query;	/* NULL-terminated allowlist, or NULL */
	const struct param *body;	/* idem */
	unsigned	 body_types;	/* BODY_* or 0: no body allowed */
	size_t		 body_max;	/* 0: no body */
	unsigned	 flags;
	void		(*handler)(struct req *, struct resp *);
	unsigned	 who;		/* WHO(kind) mask; WHO_ANYONE */
};
extern const struct route routes[ROUTE__MAX];

struct header {
	const char	*name;
	const char	*value;
};

struct req {
	struct arena	*arena;
	const struct config *cfg;
	struct db	*db;
	const struct defs *defs;	/* compiled definitions */
	const struct calendar *cal;	/* working days */
	const struct templates *templates; /* page stylesheets (render.h) */
	const struct route *route;	/* NULL until matched */
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
	struct kvlist	 pathvars;	/* {x} segments of the pattern */
	void		*json;		/* json_t * of a JSON body, or NULL */
	struct principal who;		/* WHO_ANON until resolved */
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

/* Route matching: returns the route, or NULL with *herr set to
 * HERR_NOT_FOUND or HERR_METHOD. */
const struct route *router_match(struct req *, const struct config *,
		    enum herr *);

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

/* Handlers (h_*.c). */
void	h_healthz(struct req *, struct resp *);
void	h_metrics(struct req *, struct resp *);
void	h_diag_echo(struct req *, struct resp *);
void	h_diag_sleep(struct req *, struct resp *);
void	h_diag_rls(struct req *, struct resp *);
void	h_diag_rls_touch(struct req *, struct resp *);
void	h_services(struct req *, struct resp *);
void	h_service(struct req *, struct resp *);
void	h_dossier_submit(struct req *, struct resp *);
void	h_dossiers(struct req *, struct resp *);
void	h_dossier(struct req *, struct resp *);
void	h_dossier_action(struct req *, struct resp *);
void	h_dossier_rating(struct req *, struct resp *);
void	h_dossier_attachment(struct req *, struct resp *);
void	h_lookup(struct req *, struct resp *);
void	h_register(struct req *, struct resp *);
void	h_citizen_me(struct req *, struct resp *);
void	h_signin(struct req *, struct resp *);
void	h_signout(struct req *, struct resp *);
void	h_me(struct req *, struct resp *);
void	h_page_catalogue(struct req *, struct resp *);
void	h_page_service(struct req *, struct resp *);
void	h_page_lookup(struct req *, struct resp *);
void	h_page_lookup_post(struct req *, struct resp *);
void	h_page_signin_form(struct req *, struct resp *);
void	h_page_signin(struct req *, struct resp *);
void	h_page_register_form(struct req *, struct resp *);
void	h_page_register(struct req *, struct resp *);
void	h_page_signout(struct req *, struct resp *);
void	h_page_apply(struct req *, struct resp *);
void	h_page_apply_form(struct req *, struct resp *);
void	h_page_receipt(struct req *, struct resp *);
void	h_page_my(struct req *, struct resp *);
void	h_page_dossier(struct req *, struct resp *);
void	h_page_dossier_rate(struct req *, struct resp *);
void	h_page_dossier_act(struct req *, struct resp *);
void	h_page_inbox(struct req *, struct resp *);
void	h_page_inbox_dossier(struct req *, struct resp *);
void	h_page_inbox_act(struct req *, struct resp *);

#endif
