/*
 * routes.c - the route table: every URL the server answers, with the
 * parameters it accepts.  Anything not listed here is refused before a
 * handler runs.
 */
#include <stddef.h>

#include "web/web.h"

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

static const struct param diag_sign_body[] = {
	{ "unit", PT_TEXT, 40, 0 },
	{ "digest", PT_TEXT, 200, 0 },	/* hex; any length: the signer checks */
	{ "note", PT_TEXT, 5000, 0 },
	{ NULL, 0, 0, 0 },
};

static const struct param diag_sleep_query[] = {
	{ "ms", PT_TEXT, 6, 0 },
	{ NULL, 0, 0, 0 },
};

/* The units of a kind (h_units), checked by uc_units. */
static const struct param units_query[] = {
	{ "kind", PT_TEXT, 32, 0 },
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
	{ "remove", PT_JSON, 0, 0 },		/* attachment ids it removes */
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
 * The application form and the answer to a supplement request: these
 * lists hold the page's own parameters; the form's fields are added to
 * them from the definitions at load (web/world.c, world_endpoint), so
 * that no form field is named here.
 */
static const struct param apply_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "idempotency_key", PT_TEXT, 64, 0 },
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
	{ "remove", PT_TEXT, 20, PF_MULTI },	/* attachment ids */
	{ "action_comment", PT_TEXT, 2000, 0 },
	{ "action_reason", PT_TEXT, 2000, 0 },
	{ NULL, 0, 0, 0 },
};

/* The API's rating: lengths in bytes (1000 characters, checked by
 * uc_rate, may take 4000). */
static const struct param rating_body[] = {
	{ "rating", PT_TEXT, 32, 0 },
	{ "comment", PT_TEXT, 4000, 0 },
	{ NULL, 0, 0, 0 },
};

#define SIGNED_IN	(WHO(ACTOR_CITIZEN) | WHO(ACTOR_STAFF) | \
			    WHO(ACTOR_INSPECTOR))

const struct route routes[ROUTE__MAX] = {
	[ROUTE_HEALTHZ] = {
		.ep = {
		    .id = ROUTE_HEALTHZ,
		    .name = "healthz",
		    .query = none,
		},
		.method = METHOD_GET, .pattern = "/healthz",
		.flags = RF_DB, .handler = h_healthz, .who = WHO_ANYONE,
	},
	[ROUTE_METRICS] = {
		.ep = {
		    .id = ROUTE_METRICS,
		    .name = "metrics",
		    .query = none,
		},
		.method = METHOD_GET, .pattern = "/metrics",
		.handler = h_metrics, .who = WHO_ANYONE,
	},
	[ROUTE_DIAG_ECHO] = {
		.ep = {
		    .id = ROUTE_DIAG_ECHO,
		    .name = "diag_echo",
		    .query = diag_echo_query,
		    .body = diag_echo_body,
		    .body_types = BODY_FORM | BODY_MULTIPART | BODY_JSON,
		    .body_max = 4 << 20,
		    .json_errors = 1,
		},
		.method = METHOD_POST, .pattern = "/_diag/echo",
		.flags = RF_DIAG, .handler = h_diag_echo, .who = WHO_ANYONE,
	},
	[ROUTE_DIAG_SLEEP] = {
		.ep = {
		    .id = ROUTE_DIAG_SLEEP,
		    .name = "diag_sleep",
		    .query = diag_sleep_query,
		    .json_errors = 1,
		},
		.method = METHOD_GET, .pattern = "/_diag/sleep",
		.flags = RF_DIAG, .handler = h_diag_sleep, .who = WHO_ANYONE,
	},
	[ROUTE_DIAG_RLS] = {
		.ep = {
		    .id = ROUTE_DIAG_RLS,
		    .name = "diag_rls",
		    .query = none,
		    .json_errors = 1,
		},
		.method = METHOD_GET, .pattern = "/_diag/rls",
		.flags = RF_DIAG | RF_DB,
		.handler = h_diag_rls,
		.who = WHO_ANYONE,
	},
	[ROUTE_DIAG_RLS_TOUCH] = {
		.ep = {
		    .id = ROUTE_DIAG_RLS_TOUCH,
		    .name = "diag_rls_touch",
		    .query = none,
		    .body = diag_rls_body,
		    .body_types = BODY_FORM,
		    .body_max = 1024,
		    .json_errors = 1,
		},
		.method = METHOD_POST, .pattern = "/_diag/rls/touch",
		.flags = RF_DIAG | RF_DB,
		.handler = h_diag_rls_touch,
		.who = WHO_ANYONE,
	},
	[ROUTE_DIAG_SIGN] = {
		.ep = {
		    .id = ROUTE_DIAG_SIGN,
		    .name = "diag_sign",
		    .query = none,
		    .body = diag_sign_body,
		    .body_types = BODY_FORM,
		    .body_max = 16384,
		    .json_errors = 1,
		},
		.method = METHOD_POST, .pattern = "/_diag/sign",
		.flags = RF_DIAG, .handler = h_diag_sign, .who = WHO_ANYONE,
	},

	[ROUTE_API_SERVICES] = {
		.ep = {
		    .id = ROUTE_API_SERVICES,
		    .name = "api_services",
		    .query = none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/services",
		.handler = h_services, .who = WHO_ANYONE,
	},
	[ROUTE_API_SERVICE] = {
		.ep = {
		    .id = ROUTE_API_SERVICE,
		    .name = "api_service",
		    .query = none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/services/{code}",
		.handler = h_service, .who = WHO_ANYONE,
	},
	[ROUTE_API_UNITS] = {
		.ep = {
		    .id = ROUTE_API_UNITS,
		    .name = "api_units",
		    .query = units_query,
		},
		.method = METHOD_GET, .pattern = "/api/v1/units",
		.flags = RF_DB, .handler = h_units, .who = WHO_ANYONE,
	},
	/* accounts and sessions */
	[ROUTE_API_CITIZENS] = {
		.ep = {
		    .id = ROUTE_API_CITIZENS,
		    .name = "api_citizens",
		    .query = none,
		    .body = citizens_body,
		    .body_types = BODY_JSON,
		    .body_max = 4096,
		},
		.method = METHOD_POST, .pattern = "/api/v1/citizens",
		.flags = RF_DB, .handler = h_register, .who = WHO_ANYONE,
	},
	[ROUTE_API_CITIZEN_ME] = {
		.ep = {
		    .id = ROUTE_API_CITIZEN_ME,
		    .name = "api_citizen_me",
		    .query = none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/citizens/me",
		.flags = RF_DB,
		.handler = h_citizen_me,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_API_SESSIONS] = {
		.ep = {
		    .id = ROUTE_API_SESSIONS,
		    .name = "api_sessions",
		    .query = none,
		    .body = sessions_body,
		    .body_types = BODY_JSON,
		    .body_max = 4096,
		},
		.method = METHOD_POST, .pattern = "/api/v1/sessions",
		.flags = RF_DB, .handler = h_signin, .who = WHO_ANYONE,
	},
	[ROUTE_API_SESSION_CURRENT] = {
		.ep = {
		    .id = ROUTE_API_SESSION_CURRENT,
		    .name = "api_session_current",
		    .query = none,
		},
		.method = METHOD_DELETE, .pattern = "/api/v1/sessions/current",
		.flags = RF_DB, .handler = h_signout, .who = SIGNED_IN,
	},
	[ROUTE_API_ME] = {
		.ep = { .id = ROUTE_API_ME, .name = "api_me", .query = none },
		.method = METHOD_GET, .pattern = "/api/v1/me",
		.flags = RF_DB,
		.handler = h_me,
		.who = SIGNED_IN | WHO(ACTOR_PARTNER),
	},
	/* dossiers */
	[ROUTE_API_DOSSIER_SUBMIT] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_SUBMIT,
		    .name = "api_dossier_submit",
		    .query = none,
		    .body = submit_body,
		    .body_types = BODY_JSON | BODY_MULTIPART,
		    .body_max = 12 << 20,
		},
		.method = METHOD_POST, .pattern = "/api/v1/services/{code}/dossiers",
		.flags = RF_DB,
		.handler = h_dossier_submit,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_API_DOSSIERS] = {
		.ep = {
		    .id = ROUTE_API_DOSSIERS,
		    .name = "api_dossiers",
		    .query = dossiers_query,
		},
		.method = METHOD_GET, .pattern = "/api/v1/dossiers",
		.flags = RF_DB,
		.handler = h_dossiers,
		.who = SIGNED_IN | WHO(ACTOR_PARTNER),
	},
	[ROUTE_API_DOSSIER] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER,
		    .name = "api_dossier",
		    .query = none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/dossiers/{code}",
		.flags = RF_DB,
		.handler = h_dossier,
		.who = SIGNED_IN | WHO(ACTOR_PARTNER),
	},
	[ROUTE_API_DOSSIER_ACTION] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_ACTION,
		    .name = "api_dossier_action",
		    .query = none,
		    .body = action_body,
		    .body_types = BODY_JSON | BODY_FORM | BODY_MULTIPART,
		    .body_max = 12 << 20,
		},
		.method = METHOD_POST, .pattern = "/api/v1/dossiers/{code}/actions/{action}",
		.flags = RF_DB,
		.handler = h_dossier_action,
		.who = WHO(ACTOR_CITIZEN) | WHO(ACTOR_STAFF),
	},
	[ROUTE_API_DOSSIER_RATING] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_RATING,
		    .name = "api_dossier_rating",
		    .query = none,
		    .body = rating_body,
		    .body_types = BODY_JSON,
		    .body_max = 16384,
		},
		.method = METHOD_POST, .pattern = "/api/v1/dossiers/{code}/rating",
		.flags = RF_DB,
		.handler = h_dossier_rating,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_API_DOSSIER_ATTACHMENT] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_ATTACHMENT,
		    .name = "api_dossier_attachment",
		    .query = none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/dossiers/{code}/attachments/{id}",
		.flags = RF_DB,
		.handler = h_dossier_attachment,
		.who = SIGNED_IN | WHO(ACTOR_PARTNER),
	},
	[ROUTE_API_LOOKUP] = {
		.ep = {
		    .id = ROUTE_API_LOOKUP,
		    .name = "api_lookup",
		    .query = api_lookup_query,
		},
		.method = METHOD_GET, .pattern = "/api/v1/lookup",
		.flags = RF_DB, .handler = h_lookup, .who = WHO_ANYONE,
	},
	[ROUTE_API_LOOKUP_POST] = {
		.ep = {
		    .id = ROUTE_API_LOOKUP_POST,
		    .name = "api_lookup_post",
		    .query = none,
		    .body = lookup_body,
		    .body_types = BODY_JSON | BODY_FORM,
		    .body_max = 4096,
		},
		.method = METHOD_POST, .pattern = "/api/v1/lookup",
		.flags = RF_DB, .handler = h_lookup, .who = WHO_ANYONE,
	},
	/* pages */
	[ROUTE_PAGE_CATALOGUE] = {
		.ep = {
		    .id = ROUTE_PAGE_CATALOGUE,
		    .name = "page_catalogue",
		    .query = page_query,
		},
		.method = METHOD_GET, .pattern = "/",
		.handler = h_page_catalogue, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_SERVICE] = {
		.ep = {
		    .id = ROUTE_PAGE_SERVICE,
		    .name = "page_service",
		    .query = page_query,
		},
		.method = METHOD_GET, .pattern = "/services/{code}",
		.handler = h_page_service, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_LOOKUP] = {
		.ep = {
		    .id = ROUTE_PAGE_LOOKUP,
		    .name = "page_lookup",
		    .query = lookup_query,
		},
		.method = METHOD_GET, .pattern = "/lookup",
		.handler = h_page_lookup, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_LOOKUP_POST] = {
		.ep = {
		    .id = ROUTE_PAGE_LOOKUP_POST,
		    .name = "page_lookup_post",
		    .query = page_query,
		    .body = lookup_body,
		    .body_types = BODY_FORM,
		    .body_max = 4096,
		},
		.method = METHOD_POST, .pattern = "/lookup",
		.handler = h_page_lookup_post, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_SIGNIN_FORM] = {
		.ep = {
		    .id = ROUTE_PAGE_SIGNIN_FORM,
		    .name = "page_signin_form",
		    .query = signin_page_query,
		},
		.method = METHOD_GET, .pattern = "/signin",
		.handler = h_page_signin_form, .who = WHO_ANYONE,
	},
	/* No RF_CSRF (no session yet): h_page_signin checks the Origin. */
	[ROUTE_PAGE_SIGNIN] = {
		.ep = {
		    .id = ROUTE_PAGE_SIGNIN,
		    .name = "page_signin",
		    .query = page_query,
		    .body = signin_page_body,
		    .body_types = BODY_FORM,
		    .body_max = 4096,
		},
		.method = METHOD_POST, .pattern = "/signin",
		.flags = RF_DB, .handler = h_page_signin, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_REGISTER_FORM] = {
		.ep = {
		    .id = ROUTE_PAGE_REGISTER_FORM,
		    .name = "page_register_form",
		    .query = signin_page_query,
		},
		.method = METHOD_GET, .pattern = "/register",
		.handler = h_page_register_form, .who = WHO_ANYONE,
	},
	/* Like /signin: the Origin, not a token (h_pages_account.c). */
	[ROUTE_PAGE_REGISTER] = {
		.ep = {
		    .id = ROUTE_PAGE_REGISTER,
		    .name = "page_register",
		    .query = page_query,
		    .body = register_page_body,
		    .body_types = BODY_FORM,
		    .body_max = 4096,
		},
		.method = METHOD_POST, .pattern = "/register",
		.flags = RF_DB, .handler = h_page_register, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_SIGNOUT] = {
		.ep = {
		    .id = ROUTE_PAGE_SIGNOUT,
		    .name = "page_signout",
		    .query = none,
		    .body = signout_page_body,
		    .body_types = BODY_FORM,
		    .body_max = 4096,
		},
		.method = METHOD_POST, .pattern = "/signout",
		.flags = RF_DB | RF_CSRF,
		.handler = h_page_signout,
		.who = SIGNED_IN,
	},
	[ROUTE_PAGE_APPLY] = {
		.ep = {
		    .id = ROUTE_PAGE_APPLY,
		    .name = "page_apply",
		    .query = page_query,
		    .body = apply_page_body,
		    .body_types = BODY_FORM | BODY_MULTIPART,
		    .body_max = 12 << 20,
		},
		.method = METHOD_POST, .pattern = "/services/{code}/apply",
		.flags = RF_DB | RF_CSRF,
		.handler = h_page_apply,
		.who = WHO(ACTOR_CITIZEN),
	},
	/* RF_PAGE: anonymous GETs go to /signin?next=... (303). */
	[ROUTE_PAGE_APPLY_FORM] = {
		.ep = {
		    .id = ROUTE_PAGE_APPLY_FORM,
		    .name = "page_apply_form",
		    .query = page_query,
		},
		.method = METHOD_GET, .pattern = "/services/{code}/apply",
		.flags = RF_PAGE,
		.handler = h_page_apply_form,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_PAGE_RECEIPT] = {
		.ep = {
		    .id = ROUTE_PAGE_RECEIPT,
		    .name = "page_receipt",
		    .query = page_query,
		},
		.method = METHOD_GET, .pattern = "/dossiers/{code}/receipt",
		.flags = RF_DB | RF_PAGE,
		.handler = h_page_receipt,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_PAGE_MY] = {
		.ep = {
		    .id = ROUTE_PAGE_MY,
		    .name = "page_my",
		    .query = page_query,
		},
		.method = METHOD_GET, .pattern = "/my",
		.flags = RF_DB | RF_PAGE,
		.handler = h_page_my,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_PAGE_DOSSIER] = {
		.ep = {
		    .id = ROUTE_PAGE_DOSSIER,
		    .name = "page_dossier",
		    .query = dossier_page_query,
		},
		.method = METHOD_GET, .pattern = "/dossiers/{code}",
		.flags = RF_DB | RF_PAGE,
		.handler = h_page_dossier,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_PAGE_DOSSIER_RATE] = {
		.ep = {
		    .id = ROUTE_PAGE_DOSSIER_RATE,
		    .name = "page_dossier_rate",
		    .query = page_query,
		    .body = dossier_rate_page_body,
		    .body_types = BODY_FORM,
		    .body_max = 16384,
		},
		.method = METHOD_POST, .pattern = "/dossiers/{code}/rating",
		.flags = RF_DB | RF_CSRF,
		.handler = h_page_dossier_rate,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_PAGE_DOSSIER_ACT] = {
		.ep = {
		    .id = ROUTE_PAGE_DOSSIER_ACT,
		    .name = "page_dossier_act",
		    .query = page_query,
		    .body = dossier_act_page_body,
		    .body_types = BODY_FORM | BODY_MULTIPART,
		    .body_max = 12 << 20,
		},
		.method = METHOD_POST, .pattern = "/dossiers/{code}/actions/{action}",
		.flags = RF_DB | RF_CSRF,
		.handler = h_page_dossier_act,
		.who = WHO(ACTOR_CITIZEN),
	},
	/* staff pages (h_pages_staff.c) */
	[ROUTE_PAGE_INBOX] = {
		.ep = {
		    .id = ROUTE_PAGE_INBOX,
		    .name = "page_inbox",
		    .query = inbox_page_query,
		},
		.method = METHOD_GET, .pattern = "/inbox",
		.flags = RF_DB | RF_PAGE,
		.handler = h_page_inbox,
		.who = WHO(ACTOR_STAFF) | WHO(ACTOR_INSPECTOR),
	},
	[ROUTE_PAGE_INBOX_DOSSIER] = {
		.ep = {
		    .id = ROUTE_PAGE_INBOX_DOSSIER,
		    .name = "page_inbox_dossier",
		    .query = dossier_page_query,
		},
		.method = METHOD_GET, .pattern = "/inbox/{code}",
		.flags = RF_DB | RF_PAGE,
		.handler = h_page_inbox_dossier,
		.who = WHO(ACTOR_STAFF) | WHO(ACTOR_INSPECTOR),
	},
	[ROUTE_PAGE_INBOX_ACT] = {
		.ep = {
		    .id = ROUTE_PAGE_INBOX_ACT,
		    .name = "page_inbox_act",
		    .query = page_query,
		    .body = staff_act_page_body,
		    .body_types = BODY_FORM,
		    .body_max = 16384,
		},
		.method = METHOD_POST, .pattern = "/inbox/{code}/actions/{action}",
		.flags = RF_DB | RF_CSRF,
		.handler = h_page_inbox_act,
		.who = WHO(ACTOR_STAFF) | WHO(ACTOR_INSPECTOR),
	},
};
