/*
 * web.h - the site on top of the transport: the route table, the
 * request as the site sees it (struct wreq), and the handlers.
 *
 * The transport (http/) parses a request and asks web_match() for its
 * endpoint; the route's limits are checked there, the session is
 * resolved (session.h), then the route's handler runs.  A handler
 * reads the transport's request (r->h), calls the use cases with
 * r->app, and answers through resp_*() and http_error(); a use case's
 * status becomes HTTP in web_reply() (reply.c) only.
 */
#ifndef MOTCUA_WEB_H
#define MOTCUA_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "http/http.h"

struct config;
struct templates;
struct world;
enum route_id {
	ROUTE_HEALTHZ,
	ROUTE_METRICS,
	ROUTE_DIAG_ECHO,
	ROUTE_DIAG_SLEEP,
	ROUTE_DIAG_RLS,
	ROUTE_DIAG_RLS_TOUCH,
	ROUTE_DIAG_SIGN,
	ROUTE_API_SERVICES,
	ROUTE_API_SERVICE,
	ROUTE_API_UNITS,
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
	/* the inspector's desk (api/audit.c, pages/inspect.c) */
	ROUTE_API_AUDIT,
	ROUTE_PAGE_INSPECT,
	ROUTE_PAGE_INSPECT_DOSSIER,
	/* the sealed audit trail, public (api/tlog.c) */
	ROUTE_AUDIT_CHECKPOINT,
	ROUTE_AUDIT_KEY,
	ROUTE_API_AUDIT_INCLUSION,
	ROUTE_API_AUDIT_CONSISTENCY,
	/* notifications and contacts (api/notify.c) */
	ROUTE_API_DOSSIER_NOTIFICATIONS,
	ROUTE_API_CONTACT_CODE,
	ROUTE_API_CONTACT_CONFIRM,
	ROUTE_API_ME_LANG,
	/* payments (api/payments.c, pages/payment.c) */
	ROUTE_API_DOSSIER_PAYMENT,
	ROUTE_API_PAYMENT_IPN,
	ROUTE_PAGE_PAYMENT_RETURN,
	ROUTE_PAGE_DOSSIER_PAY,
	ROUTE_API_REPORT_ONE_STOP,
	ROUTE_PAGE_REPORTS,
	/* issued documents (api/documents.c) */
	ROUTE_API_DOCUMENT,
	ROUTE_API_VERIFY,
	ROUTE_API_DOSSIER_DOCUMENTS,
	ROUTE_API_DOSSIER_DOCUMENT_XML,
	ROUTE__MAX
};

#define RF_DIAG		0x01	/* only with MOTCUA_DIAG=1 */
#define RF_DB		0x02	/* needs the database */
#define RF_CSRF		0x04	/* a browser form: needs the session's token */
#define RF_PAGE		0x08	/* a page: an anonymous GET is sent to
				 * /signin?next=... (303), not 401 */

#define WHO(k)		(1u << (k))	/* route.who: a mask of actor kinds */
#define WHO_ANYONE	0u	/* route.who: no sign-in needed */

struct wreq;

struct route {
	struct endpoint	 ep;		/* name and limits (http.h); ep.id is
					 * the route_id */
	enum http_method method;	/* HEAD is served by GET routes */
	const char	*pattern;	/* "/a/{x}/b": {x} matches a segment */
	unsigned	 flags;
	void		(*handler)(struct wreq *, struct resp *);
	unsigned	 who;		/* WHO(kind) mask; WHO_ANYONE */
};
extern const struct route routes[ROUTE__MAX];


/* A request as the site sees it: the transport's, the use cases'
 * context, and what routing and the session found.  In the arena. */
struct wreq {
	struct req	*h;		/* the transport's request */
	struct app	 app;		/* arena, database, definitions, clock,
					 * actor (ACTOR_ANON until resolved) */
	const struct route *route;
	const struct world *world;
	const struct templates *templates; /* page stylesheets (render.h) */
	struct kvlist	 pathvars;	/* {x} segments of the pattern */
	const char	*csrf;		/* browser session: its form token */
};

/* The site's hooks for the transport (http/server.h). */
extern const struct http_site web_site;

/* Route matching (r->h->method and path): the route, with its {x}
 * segments in r->pathvars, or NULL with *herr set to HERR_NOT_FOUND or
 * HERR_METHOD. */
const struct route *router_match(struct wreq *, const struct config *,
		    enum herr *);

/* Handlers: web/api/ (JSON), web/pages/ (pages). */
void	h_healthz(struct wreq *, struct resp *);
void	h_metrics(struct wreq *, struct resp *);
void	h_diag_echo(struct wreq *, struct resp *);
void	h_diag_sleep(struct wreq *, struct resp *);
void	h_diag_rls(struct wreq *, struct resp *);
void	h_diag_rls_touch(struct wreq *, struct resp *);
void	h_diag_sign(struct wreq *, struct resp *);
void	h_services(struct wreq *, struct resp *);
void	h_service(struct wreq *, struct resp *);
void	h_units(struct wreq *, struct resp *);
void	h_dossier_submit(struct wreq *, struct resp *);
void	h_dossiers(struct wreq *, struct resp *);
void	h_dossier(struct wreq *, struct resp *);
void	h_dossier_action(struct wreq *, struct resp *);
void	h_dossier_rating(struct wreq *, struct resp *);
void	h_dossier_attachment(struct wreq *, struct resp *);
void	h_lookup(struct wreq *, struct resp *);
void	h_register(struct wreq *, struct resp *);
void	h_citizen_me(struct wreq *, struct resp *);
void	h_signin(struct wreq *, struct resp *);
void	h_signout(struct wreq *, struct resp *);
void	h_me(struct wreq *, struct resp *);
void	h_audit_checkpoint(struct wreq *, struct resp *);
void	h_audit_key(struct wreq *, struct resp *);
void	h_audit_inclusion(struct wreq *, struct resp *);
void	h_audit_consistency(struct wreq *, struct resp *);
void	h_dossier_notifications(struct wreq *, struct resp *);
void	h_contact_code(struct wreq *, struct resp *);
void	h_contact_confirm(struct wreq *, struct resp *);
void	h_me_lang(struct wreq *, struct resp *);
void	h_page_catalogue(struct wreq *, struct resp *);
void	h_page_service(struct wreq *, struct resp *);
void	h_page_lookup(struct wreq *, struct resp *);
void	h_page_lookup_post(struct wreq *, struct resp *);
void	h_page_signin_form(struct wreq *, struct resp *);
void	h_page_signin(struct wreq *, struct resp *);
void	h_page_register_form(struct wreq *, struct resp *);
void	h_page_register(struct wreq *, struct resp *);
void	h_page_signout(struct wreq *, struct resp *);
void	h_page_apply(struct wreq *, struct resp *);
void	h_page_apply_form(struct wreq *, struct resp *);
void	h_page_receipt(struct wreq *, struct resp *);
void	h_page_my(struct wreq *, struct resp *);
void	h_page_dossier(struct wreq *, struct resp *);
void	h_page_dossier_rate(struct wreq *, struct resp *);
void	h_page_dossier_act(struct wreq *, struct resp *);
void	h_page_inbox(struct wreq *, struct resp *);
void	h_page_inbox_dossier(struct wreq *, struct resp *);
void	h_page_inbox_act(struct wreq *, struct resp *);
void	h_audit(struct wreq *, struct resp *);
void	h_page_inspect(struct wreq *, struct resp *);
void	h_page_inspect_dossier(struct wreq *, struct resp *);
void	h_dossier_payment(struct wreq *, struct resp *);
void	h_payment_ipn(struct wreq *, struct resp *);
void	h_page_payment_return(struct wreq *, struct resp *);
void	h_report_one_stop(struct wreq *, struct resp *);
void	h_page_reports(struct wreq *, struct resp *);
void	h_document_public(struct wreq *, struct resp *);
void	h_verify(struct wreq *, struct resp *);
void	h_dossier_documents(struct wreq *, struct resp *);
void	h_dossier_document_xml(struct wreq *, struct resp *);

/*
 * A use case's outcome as the answer (the one place where an app
 * status becomes HTTP): problem+json or the error page, UC_INVALID
 * with every field in "errors", Retry-After when throttled or
 * unavailable.
 */
void	web_reply(struct wreq *, struct resp *, enum uc_status,
	    const struct uc_error *);

/* A use case's form input (app/dossier.h): in[0..n), and the request's
 * multipart "file" parts as the files they may name. */
struct form_in;
struct input;
void	web_form_in(struct wreq *, const struct input *in, size_t n,
	    struct form_in *);

#endif
