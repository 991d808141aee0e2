/*
 * routes.c - the route table: every URL the server answers, with the
 * parameters it accepts.  Anything not listed here is refused before a
 * handler runs.
 */
#include <stddef.h>

#include "http.h"

const char *const http_method_names[METHOD__MAX] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
};

static const struct param diag_echo_query[] = {
	{ "q", PT_TEXT, 200, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param diag_echo_body[] = {
	{ "name", PT_TEXT, 200, 0 },
	{ "note", PT_TEXT, 4000, 0 },
	{ "tag", PT_TEXT, 50, PF_MULTI },
	{ "file", PT_FILE, 1 << 20, PF_MULTI },
	{ "data", PT_JSON, 0, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param diag_rls_body[] = {
	{ "code", PT_TEXT, 40, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param diag_sleep_query[] = {
	{ "ms", PT_TEXT, 6, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param none[] = {
	{ NULL, 0, 0, 0 },
};

/* Pages: the language (vi, en) on every page. */
static const struct param page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ NULL, 0, 0, 0 },
};

/* The lookup page: ?code= fills the code in (the receipt's QR code);
 * the PIN only in POST /lookup's body, never in a URL. */
static const struct param lookup_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "code", PT_TEXT, 80, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param lookup_body[] = {
	{ "code", PT_TEXT, 80, 0 },
	{ "pin", PT_TEXT, 32, 0 },
	{ NULL, 0, 0, 0 },
};

/* Accounts: lengths in bytes (a CCCD may come with spaces). */
static const struct param citizens_body[] = {
	{ "cccd", PT_TEXT, 32, 0 },
	{ "full_name", PT_TEXT, 200, 0 },
	{ "phone", PT_TEXT, 32, 0 },
	{ "email", PT_TEXT, 254, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param sessions_body[] = {
	{ "cccd", PT_TEXT, 32, 0 },
	{ "username", PT_TEXT, 64, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ NULL, 0, 0, 0 },
};

/* Dossiers (h_dossiers.c).  A submission's form fields are checked
 * against the service's form by validate_form, inside "data". */
static const struct param submit_body[] = {
	{ "data", PT_JSON, 0, 0 },		/* JSON bodies */
	{ "payload_json", PT_TEXT, 0, 0 },	/* multipart: the JSON body */
	{ "file", PT_FILE, 0, PF_MULTI },	/* multipart: named in data */
	{ "csrf", PT_TEXT, 128, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param dossiers_query[] = {
	{ "service", PT_TEXT, 64, 0 },
	{ "state", PT_TEXT, 64, 0 },
	{ "overdue", PT_TEXT, 8, 0 },
	{ "code", PT_TEXT, 80, 0 },
	{ "box", PT_TEXT, 8, 0 },
	{ "limit", PT_TEXT, 8, 0 },
	{ "offset", PT_TEXT, 12, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param action_body[] = {
	{ "comment", PT_TEXT, 2000, 0 },
	{ "reason", PT_TEXT, 2000, 0 },
	{ "data", PT_JSON, 0, 0 },		/* a supplement's changes */
	{ "payload_json", PT_TEXT, 0, 0 },
	{ "file", PT_FILE, 0, PF_MULTI },
	{ "csrf", PT_TEXT, 128, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param api_lookup_query[] = {
	{ "code", PT_TEXT, 80, 0 },
	{ "pin", PT_TEXT, 32, 0 },
	{ NULL, 0, 0, 0 },
};

/* Staff pages (h_pages_staff.c): the inbox's filters (checked by the
 * handler), the notice after an action, an action's comment or reason. */
static const struct param inbox_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "service", PT_TEXT, 64, 0 },
	{ "state", PT_TEXT, 64, 0 },
	{ "due", PT_TEXT, 16, 0 },
	{ "code", PT_TEXT, 80, 0 },
	{ "moved", PT_TEXT, 80, 0 },
	{ "page", PT_TEXT, 8, 0 },
	{ NULL, 0, 0, 0 },
};

/* A dossier's page, the staff's or the citizen's: done, a notice. */
static const struct param dossier_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "done", PT_TEXT, 64, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param staff_act_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "comment", PT_TEXT, 2000, 0 },
	{ "reason", PT_TEXT, 2000, 0 },
	{ NULL, 0, 0, 0 },
};

/* Accounts in pages (h_pages_account.c): "next", the page to go to
 * once signed in (next.h), is checked by the handler. */
static const struct param signin_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "next", PT_TEXT, 1024, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param signin_page_body[] = {
	{ "login", PT_TEXT, 64, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ "next", PT_TEXT, 1024, 0 },
	{ NULL, 0, 0, 0 },
};

/* The fields of POST /api/v1/citizens, the confirmation, "next". */
static const struct param register_page_body[] = {
	{ "cccd", PT_TEXT, 32, 0 },
	{ "full_name", PT_TEXT, 200, 0 },
	{ "phone", PT_TEXT, 32, 0 },
	{ "email", PT_TEXT, 254, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ "password_confirm", PT_TEXT, 256, 0 },
	{ "next", PT_TEXT, 1024, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param signout_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ NULL, 0, 0, 0 },
};

/*
 * The application form: the fields of every form definition a citizen
 * types into (readonly fields have no name), so a new field in a form
 * needs its line here; validate_form checks them against the form.
 */
/*
 * The fields of every form definition a citizen types into (readonly
 * fields have no name), for the application form and for answering a
 * supplement request from the dossier page; a new field in a form needs
 * its line here; validate_form checks them against the form.
 */
#define FORM_FIELD_PARAMS \
	/* transcript-certification */ \
	{ "applicant_relation", PT_TEXT, 64, 0 }, \
	{ "phone", PT_TEXT, 32, 0 }, \
	{ "email", PT_TEXT, 254, 0 }, \
	{ "school", PT_TEXT, 32, 0 }, \
	{ "student_code", PT_TEXT, 32, 0 }, \
	{ "school_years", PT_TEXT, 16, PF_MULTI }, \
	{ "copies", PT_TEXT, 8, 0 }, \
	{ "purpose", PT_TEXT, 64, 0 }, \
	{ "purpose_other", PT_TEXT, 800, 0 }, \
	{ "delivery", PT_TEXT, 64, 0 }, \
	{ "postal_address", PT_TEXT, 2000, 0 }, \
	{ "authorization", PT_FILE, 0, PF_MULTI }, \
	/* school-transfer */ \
	{ "pupil_code", PT_TEXT, 32, 0 }, \
	{ "grade", PT_TEXT, 8, 0 }, \
	{ "sending_school", PT_TEXT, 32, 0 }, \
	{ "receiving_school", PT_TEXT, 32, 0 }, \
	{ "scope", PT_TEXT, 64, 0 }, \
	{ "reason", PT_TEXT, 4000, 0 }, \
	{ "start_date", PT_TEXT, 16, 0 }, \
	{ "residence_proof", PT_FILE, 0, PF_MULTI }

static const struct param apply_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "idempotency_key", PT_TEXT, 64, 0 },
	FORM_FIELD_PARAMS,
	{ NULL, 0, 0, 0 },
};

/*
 * The citizen's dossier page (h_pages_dossier.c): the notice after a
 * change; a rating; an action, whose own comment and reason are named
 * action_comment and action_reason there (a form may have a field
 * "reason": the school transfer's), with the form's fields when it
 * answers a supplement request.
 */
static const struct param dossier_rate_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "rating", PT_TEXT, 32, 0 },
	{ "comment", PT_TEXT, 4000, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param dossier_act_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "action_comment", PT_TEXT, 2000, 0 },
	{ "action_reason", PT_TEXT, 2000, 0 },
	FORM_FIELD_PARAMS,
	{ NULL, 0, 0, 0 },
};

/* The API's rating: lengths in bytes (1000 characters, checked by
 * uc_rate, may take 4000). */
static const struct param rating_body[] = {
	{ "rating", PT_TEXT, 32, 0 },
	{ "comment", PT_TEXT, 4000, 0 },
	{ NULL, 0, 0, 0 },
};

#define SIGNED_IN	(WHO(WHO_CITIZEN) | WHO(WHO_STAFF) | \
			    WHO(WHO_INSPECTOR))

const struct route routes[ROUTE__MAX] = {
	[ROUTE_HEALTHZ] = { ROUTE_HEALTHZ, "healthz", METHOD_GET,
	    "/healthz", none, NULL, 0, 0, RF_DB, h_healthz, WHO_ANYONE },
	[ROUTE_METRICS] = { ROUTE_METRICS, "metrics", METHOD_GET,
	    "/metrics", none, NULL, 0, 0, 0, h_metrics, WHO_ANYONE },
	[ROUTE_DIAG_ECHO] = { ROUTE_DIAG_ECHO, "diag_echo", METHOD_POST,
	    "/_diag/echo", diag_echo_query, diag_echo_body,
	    BODY_FORM | BODY_MULTIPART | BODY_JSON, 4 << 20, RF_DIAG,
	    h_diag_echo, WHO_ANYONE },
	[ROUTE_DIAG_SLEEP] = { ROUTE_DIAG_SLEEP, "diag_sleep", METHOD_GET,
	    "/_diag/sleep", diag_sleep_query, NULL, 0, 0, RF_DIAG,
	    h_diag_sleep, WHO_ANYONE },
	[ROUTE_DIAG_RLS] = { ROUTE_DIAG_RLS, "diag_rls", METHOD_GET,
	    "/_diag/rls", none, NULL, 0, 0, RF_DIAG | RF_DB, h_diag_rls,
	    WHO_ANYONE },
	[ROUTE_DIAG_RLS_TOUCH] = { ROUTE_DIAG_RLS_TOUCH, "diag_rls_touch",
	    METHOD_POST, "/_diag/rls/touch", none, diag_rls_body, BODY_FORM,
	    1024, RF_DIAG | RF_DB, h_diag_rls_touch, WHO_ANYONE },
	[ROUTE_API_SERVICES] = { ROUTE_API_SERVICES, "api_services",
	    METHOD_GET, "/api/v1/services", none, NULL, 0, 0, 0,
	    h_services, WHO_ANYONE },
	[ROUTE_API_SERVICE] = { ROUTE_API_SERVICE, "api_service",
	    METHOD_GET, "/api/v1/services/{code}", none, NULL, 0, 0, 0,
	    h_service, WHO_ANYONE },
	/* accounts and sessions */
	[ROUTE_API_CITIZENS] = { ROUTE_API_CITIZENS, "api_citizens",
	    METHOD_POST, "/api/v1/citizens", none, citizens_body, BODY_JSON,
	    4096, RF_DB, h_register, WHO_ANYONE },
	[ROUTE_API_CITIZEN_ME] = { ROUTE_API_CITIZEN_ME, "api_citizen_me",
	    METHOD_GET, "/api/v1/citizens/me", none, NULL, 0, 0, RF_DB,
	    h_citizen_me, WHO(WHO_CITIZEN) },
	[ROUTE_API_SESSIONS] = { ROUTE_API_SESSIONS, "api_sessions",
	    METHOD_POST, "/api/v1/sessions", none, sessions_body, BODY_JSON,
	    4096, RF_DB, h_signin, WHO_ANYONE },
	[ROUTE_API_SESSION_CURRENT] = { ROUTE_API_SESSION_CURRENT,
	    "api_session_current", METHOD_DELETE, "/api/v1/sessions/current",
	    none, NULL, 0, 0, RF_DB, h_signout, SIGNED_IN },
	[ROUTE_API_ME] = { ROUTE_API_ME, "api_me", METHOD_GET, "/api/v1/me",
	    none, NULL, 0, 0, RF_DB, h_me, SIGNED_IN | WHO(WHO_PARTNER) },
	/* dossiers */
	[ROUTE_API_DOSSIER_SUBMIT] = { ROUTE_API_DOSSIER_SUBMIT,
	    "api_dossier_submit", METHOD_POST,
	    "/api/v1/services/{code}/dossiers", none, submit_body,
	    BODY_JSON | BODY_MULTIPART, 12 << 20, RF_DB, h_dossier_submit,
	    WHO(WHO_CITIZEN) },
	[ROUTE_API_DOSSIERS] = { ROUTE_API_DOSSIERS, "api_dossiers",
	    METHOD_GET, "/api/v1/dossiers", dossiers_query, NULL, 0, 0, RF_DB,
	    h_dossiers, SIGNED_IN | WHO(WHO_PARTNER) },
	[ROUTE_API_DOSSIER] = { ROUTE_API_DOSSIER, "api_dossier", METHOD_GET,
	    "/api/v1/dossiers/{code}", none, NULL, 0, 0, RF_DB, h_dossier,
	    SIGNED_IN | WHO(WHO_PARTNER) },
	[ROUTE_API_DOSSIER_ACTION] = { ROUTE_API_DOSSIER_ACTION,
	    "api_dossier_action", METHOD_POST,
	    "/api/v1/dossiers/{code}/actions/{action}", none, action_body,
	    BODY_JSON | BODY_FORM | BODY_MULTIPART, 12 << 20, RF_DB,
	    h_dossier_action,
	    WHO(WHO_CITIZEN) | WHO(WHO_STAFF) },
	[ROUTE_API_DOSSIER_RATING] = { ROUTE_API_DOSSIER_RATING,
	    "api_dossier_rating", METHOD_POST,
	    "/api/v1/dossiers/{code}/rating", none, rating_body, BODY_JSON,
	    16384, RF_DB, h_dossier_rating, WHO(WHO_CITIZEN) },
	[ROUTE_API_DOSSIER_ATTACHMENT] = { ROUTE_API_DOSSIER_ATTACHMENT,
	    "api_dossier_attachment", METHOD_GET,
	    "/api/v1/dossiers/{code}/attachments/{id}", none, NULL, 0, 0,
	    RF_DB, h_dossier_attachment, SIGNED_IN | WHO(WHO_PARTNER) },
	[ROUTE_API_LOOKUP] = { ROUTE_API_LOOKUP, "api_lookup", METHOD_GET,
	    "/api/v1/lookup", api_lookup_query, NULL, 0, 0, RF_DB, h_lookup,
	    WHO_ANYONE },
	[ROUTE_API_LOOKUP_POST] = { ROUTE_API_LOOKUP_POST, "api_lookup_post",
	    METHOD_POST, "/api/v1/lookup", none, lookup_body,
	    BODY_JSON | BODY_FORM, 4096, RF_DB, h_lookup, WHO_ANYONE },
	/* pages */
	[ROUTE_PAGE_CATALOGUE] = { ROUTE_PAGE_CATALOGUE, "page_catalogue",
	    METHOD_GET, "/", page_query, NULL, 0, 0, 0, h_page_catalogue,
	    WHO_ANYONE },
	[ROUTE_PAGE_SERVICE] = { ROUTE_PAGE_SERVICE, "page_service",
	    METHOD_GET, "/services/{code}", page_query, NULL, 0, 0, 0,
	    h_page_service, WHO_ANYONE },
	[ROUTE_PAGE_LOOKUP] = { ROUTE_PAGE_LOOKUP, "page_lookup", METHOD_GET,
	    "/lookup", lookup_query, NULL, 0, 0, 0, h_page_lookup,
	    WHO_ANYONE },
	[ROUTE_PAGE_LOOKUP_POST] = { ROUTE_PAGE_LOOKUP_POST,
	    "page_lookup_post", METHOD_POST, "/lookup", page_query,
	    lookup_body, BODY_FORM, 4096, 0, h_page_lookup_post, WHO_ANYONE },
	[ROUTE_PAGE_SIGNIN_FORM] = { ROUTE_PAGE_SIGNIN_FORM,
	    "page_signin_form", METHOD_GET, "/signin", signin_page_query, NULL,
	    0, 0, 0, h_page_signin_form, WHO_ANYONE },
	/* No RF_CSRF (no session yet): h_page_signin checks the Origin. */
	[ROUTE_PAGE_SIGNIN] = { ROUTE_PAGE_SIGNIN, "page_signin",
	    METHOD_POST, "/signin", page_query, signin_page_body, BODY_FORM,
	    4096, RF_DB, h_page_signin, WHO_ANYONE },
	[ROUTE_PAGE_REGISTER_FORM] = { ROUTE_PAGE_REGISTER_FORM,
	    "page_register_form", METHOD_GET, "/register", signin_page_query,
	    NULL, 0, 0, 0, h_page_register_form, WHO_ANYONE },
	/* Like /signin: the Origin, not a token (h_pages_account.c). */
	[ROUTE_PAGE_REGISTER] = { ROUTE_PAGE_REGISTER, "page_register",
	    METHOD_POST, "/register", page_query, register_page_body,
	    BODY_FORM, 4096, RF_DB, h_page_register, WHO_ANYONE },
	[ROUTE_PAGE_SIGNOUT] = { ROUTE_PAGE_SIGNOUT, "page_signout",
	    METHOD_POST, "/signout", none, signout_page_body, BODY_FORM,
	    4096, RF_DB | RF_CSRF, h_page_signout, SIGNED_IN },
	[ROUTE_PAGE_APPLY] = { ROUTE_PAGE_APPLY, "page_apply", METHOD_POST,
	    "/services/{code}/apply", page_query, apply_page_body,
	    BODY_FORM | BODY_MULTIPART, 12 << 20, RF_DB | RF_CSRF,
	    h_page_apply, WHO(WHO_CITIZEN) },
	/* RF_PAGE: anonymous GETs go to /signin?next=... (303). */
	[ROUTE_PAGE_APPLY_FORM] = { ROUTE_PAGE_APPLY_FORM, "page_apply_form",
	    METHOD_GET, "/services/{code}/apply", page_query, NULL, 0, 0,
	    RF_PAGE, h_page_apply_form, WHO(WHO_CITIZEN) },
	[ROUTE_PAGE_RECEIPT] = { ROUTE_PAGE_RECEIPT, "page_receipt",
	    METHOD_GET, "/dossiers/{code}/receipt", page_query, NULL, 0, 0,
	    RF_DB | RF_PAGE, h_page_receipt, WHO(WHO_CITIZEN) },
	[ROUTE_PAGE_MY] = { ROUTE_PAGE_MY, "page_my", METHOD_GET, "/my",
	    page_query, NULL, 0, 0, RF_DB | RF_PAGE, h_page_my,
	    WHO(WHO_CITIZEN) },
	[ROUTE_PAGE_DOSSIER] = { ROUTE_PAGE_DOSSIER, "page_dossier",
	    METHOD_GET, "/dossiers/{code}", dossier_page_query, NULL, 0, 0,
	    RF_DB | RF_PAGE, h_page_dossier, WHO(WHO_CITIZEN) },
	[ROUTE_PAGE_DOSSIER_RATE] = { ROUTE_PAGE_DOSSIER_RATE,
	    "page_dossier_rate", METHOD_POST, "/dossiers/{code}/rating",
	    page_query, dossier_rate_page_body, BODY_FORM, 16384,
	    RF_DB | RF_CSRF, h_page_dossier_rate, WHO(WHO_CITIZEN) },
	[ROUTE_PAGE_DOSSIER_ACT] = { ROUTE_PAGE_DOSSIER_ACT,
	    "page_dossier_act", METHOD_POST,
	    "/dossiers/{code}/actions/{action}", page_query,
	    dossier_act_page_body, BODY_FORM | BODY_MULTIPART, 12 << 20,
	    RF_DB | RF_CSRF, h_page_dossier_act, WHO(WHO_CITIZEN) },
	/* staff pages (h_pages_staff.c) */
	[ROUTE_PAGE_INBOX] = { ROUTE_PAGE_INBOX, "page_inbox", METHOD_GET,
	    "/inbox", inbox_page_query, NULL, 0, 0, RF_DB | RF_PAGE,
	    h_page_inbox, WHO(WHO_STAFF) | WHO(WHO_INSPECTOR) },
	[ROUTE_PAGE_INBOX_DOSSIER] = { ROUTE_PAGE_INBOX_DOSSIER,
	    "page_inbox_dossier", METHOD_GET, "/inbox/{code}",
	    dossier_page_query, NULL, 0, 0, RF_DB | RF_PAGE,
	    h_page_inbox_dossier, WHO(WHO_STAFF) | WHO(WHO_INSPECTOR) },
	[ROUTE_PAGE_INBOX_ACT] = { ROUTE_PAGE_INBOX_ACT, "page_inbox_act",
	    METHOD_POST, "/inbox/{code}/actions/{action}", page_query,
	    staff_act_page_body, BODY_FORM, 16384, RF_DB | RF_CSRF,
	    h_page_inbox_act, WHO(WHO_STAFF) | WHO(WHO_INSPECTOR) },
};
