/*
 * routes.c - the route table: every URL the server answers, with the
 * parameters it accepts (their tables are in route_params.c).  Anything
 * not listed here is refused before a handler runs.
 */
#include <stddef.h>

#include "web/web.h"
#include "web/route_params.h"

const char *const http_method_names[METHOD__MAX] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
};

#define SIGNED_IN	(WHO(ACTOR_CITIZEN) | WHO(ACTOR_STAFF) | \
			    WHO(ACTOR_INSPECTOR))

const struct route routes[ROUTE__MAX] = {
	[ROUTE_HEALTHZ] = {
		.ep = {
		    .id = ROUTE_HEALTHZ,
		    .name = "healthz",
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/healthz",
		.flags = RF_DB, .handler = h_healthz, .who = WHO_ANYONE,
	},
	[ROUTE_METRICS] = {
		.ep = {
		    .id = ROUTE_METRICS,
		    .name = "metrics",
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/metrics",
		.handler = h_metrics, .who = WHO_ANYONE,
	},
	[ROUTE_DIAG_ECHO] = {
		.ep = {
		    .id = ROUTE_DIAG_ECHO,
		    .name = "diag_echo",
		    .query = rp_diag_echo_query,
		    .body = rp_diag_echo_body,
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
		    .query = rp_diag_sleep_query,
		    .json_errors = 1,
		},
		.method = METHOD_GET, .pattern = "/_diag/sleep",
		.flags = RF_DIAG, .handler = h_diag_sleep, .who = WHO_ANYONE,
	},
	[ROUTE_DIAG_RLS] = {
		.ep = {
		    .id = ROUTE_DIAG_RLS,
		    .name = "diag_rls",
		    .query = rp_none,
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
		    .query = rp_none,
		    .body = rp_diag_rls_body,
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
		    .query = rp_none,
		    .body = rp_diag_sign_body,
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
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/services",
		.handler = h_services, .who = WHO_ANYONE,
	},
	[ROUTE_API_SERVICE] = {
		.ep = {
		    .id = ROUTE_API_SERVICE,
		    .name = "api_service",
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/services/{code}",
		.handler = h_service, .who = WHO_ANYONE,
	},
	[ROUTE_API_UNITS] = {
		.ep = {
		    .id = ROUTE_API_UNITS,
		    .name = "api_units",
		    .query = rp_units_query,
		},
		.method = METHOD_GET, .pattern = "/api/v1/units",
		.flags = RF_DB, .handler = h_units, .who = WHO_ANYONE,
	},
	/* accounts and sessions */
	[ROUTE_API_CITIZENS] = {
		.ep = {
		    .id = ROUTE_API_CITIZENS,
		    .name = "api_citizens",
		    .query = rp_none,
		    .body = rp_citizens_body,
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
		    .query = rp_none,
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
		    .query = rp_none,
		    .body = rp_sessions_body,
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
		    .query = rp_none,
		},
		.method = METHOD_DELETE, .pattern = "/api/v1/sessions/current",
		.flags = RF_DB, .handler = h_signout, .who = SIGNED_IN,
	},
	[ROUTE_API_ME] = {
		.ep = { .id = ROUTE_API_ME, .name = "api_me", .query = rp_none },
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
		    .query = rp_none,
		    .body = rp_submit_body,
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
		    .query = rp_dossiers_query,
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
		    .query = rp_none,
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
		    .query = rp_none,
		    .body = rp_action_body,
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
		    .query = rp_none,
		    .body = rp_rating_body,
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
		    .query = rp_none,
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
		    .query = rp_api_lookup_query,
		},
		.method = METHOD_GET, .pattern = "/api/v1/lookup",
		.flags = RF_DB, .handler = h_lookup, .who = WHO_ANYONE,
	},
	[ROUTE_API_LOOKUP_POST] = {
		.ep = {
		    .id = ROUTE_API_LOOKUP_POST,
		    .name = "api_lookup_post",
		    .query = rp_none,
		    .body = rp_lookup_body,
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
		    .query = rp_page_query,
		},
		.method = METHOD_GET, .pattern = "/",
		.handler = h_page_catalogue, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_SERVICE] = {
		.ep = {
		    .id = ROUTE_PAGE_SERVICE,
		    .name = "page_service",
		    .query = rp_page_query,
		},
		.method = METHOD_GET, .pattern = "/services/{code}",
		.handler = h_page_service, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_LOOKUP] = {
		.ep = {
		    .id = ROUTE_PAGE_LOOKUP,
		    .name = "page_lookup",
		    .query = rp_lookup_query,
		},
		.method = METHOD_GET, .pattern = "/lookup",
		.handler = h_page_lookup, .who = WHO_ANYONE,
	},
	[ROUTE_PAGE_LOOKUP_POST] = {
		.ep = {
		    .id = ROUTE_PAGE_LOOKUP_POST,
		    .name = "page_lookup_post",
		    .query = rp_page_query,
		    .body = rp_lookup_body,
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
		    .query = rp_signin_page_query,
		},
		.method = METHOD_GET, .pattern = "/signin",
		.handler = h_page_signin_form, .who = WHO_ANYONE,
	},
	/* No RF_CSRF (no session yet): h_page_signin checks the Origin. */
	[ROUTE_PAGE_SIGNIN] = {
		.ep = {
		    .id = ROUTE_PAGE_SIGNIN,
		    .name = "page_signin",
		    .query = rp_page_query,
		    .body = rp_signin_page_body,
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
		    .query = rp_signin_page_query,
		},
		.method = METHOD_GET, .pattern = "/register",
		.handler = h_page_register_form, .who = WHO_ANYONE,
	},
	/* Like /signin: the Origin, not a token (h_pages_account.c). */
	[ROUTE_PAGE_REGISTER] = {
		.ep = {
		    .id = ROUTE_PAGE_REGISTER,
		    .name = "page_register",
		    .query = rp_page_query,
		    .body = rp_register_page_body,
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
		    .query = rp_none,
		    .body = rp_signout_page_body,
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
		    .query = rp_page_query,
		    .body = rp_apply_page_body,
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
		    .query = rp_page_query,
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
		    .query = rp_page_query,
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
		    .query = rp_page_query,
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
		    .query = rp_dossier_page_query,
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
		    .query = rp_page_query,
		    .body = rp_dossier_rate_page_body,
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
		    .query = rp_page_query,
		    .body = rp_dossier_act_page_body,
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
		    .query = rp_inbox_page_query,
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
		    .query = rp_dossier_page_query,
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
		    .query = rp_page_query,
		    .body = rp_staff_act_page_body,
		    .body_types = BODY_FORM,
		    .body_max = 16384,
		},
		.method = METHOD_POST, .pattern = "/inbox/{code}/actions/{action}",
		.flags = RF_DB | RF_CSRF,
		.handler = h_page_inbox_act,
		.who = WHO(ACTOR_STAFF) | WHO(ACTOR_INSPECTOR),
	},
	/* the inspector's desk (api/audit.c, pages/inspect.c) */
	[ROUTE_API_AUDIT] = {
		.ep = {
		    .id = ROUTE_API_AUDIT,
		    .name = "api_audit",
		    .query = rp_audit_query,
		},
		.method = METHOD_GET, .pattern = "/api/v1/audit",
		.flags = RF_DB, .handler = h_audit,
		.who = WHO(ACTOR_INSPECTOR),
	},
	[ROUTE_PAGE_INSPECT] = {
		.ep = {
		    .id = ROUTE_PAGE_INSPECT,
		    .name = "page_inspect",
		    .query = rp_inspect_page_query,
		},
		.method = METHOD_GET, .pattern = "/inspect",
		.flags = RF_DB | RF_PAGE, .handler = h_page_inspect,
		.who = WHO(ACTOR_INSPECTOR),
	},
	[ROUTE_PAGE_INSPECT_DOSSIER] = {
		.ep = {
		    .id = ROUTE_PAGE_INSPECT_DOSSIER,
		    .name = "page_inspect_dossier",
		    .query = rp_page_query,
		},
		.method = METHOD_GET, .pattern = "/inspect/dossiers/{code}",
		.flags = RF_DB | RF_PAGE, .handler = h_page_inspect_dossier,
		.who = WHO(ACTOR_INSPECTOR),
	},
	[ROUTE_AUDIT_CHECKPOINT] = {
		.ep = {
		    .id = ROUTE_AUDIT_CHECKPOINT,
		    .name = "audit_checkpoint",
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/audit/checkpoint",
		.flags = RF_DB, .handler = h_audit_checkpoint,
		.who = WHO_ANYONE,
	},
	[ROUTE_AUDIT_KEY] = {
		.ep = {
		    .id = ROUTE_AUDIT_KEY,
		    .name = "audit_key",
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/audit/key",
		.handler = h_audit_key, .who = WHO_ANYONE,
	},
	[ROUTE_API_AUDIT_INCLUSION] = {
		.ep = {
		    .id = ROUTE_API_AUDIT_INCLUSION,
		    .name = "api_audit_inclusion",
		    .query = rp_audit_inclusion_query,
		    .json_errors = 1,
		},
		.method = METHOD_GET, .pattern = "/api/v1/audit/proof/inclusion",
		.flags = RF_DB, .handler = h_audit_inclusion,
		.who = WHO_ANYONE,
	},
	[ROUTE_API_AUDIT_CONSISTENCY] = {
		.ep = {
		    .id = ROUTE_API_AUDIT_CONSISTENCY,
		    .name = "api_audit_consistency",
		    .query = rp_audit_consistency_query,
		    .json_errors = 1,
		},
		.method = METHOD_GET,
		.pattern = "/api/v1/audit/proof/consistency",
		.flags = RF_DB, .handler = h_audit_consistency,
		.who = WHO_ANYONE,
	},
	/* notifications and contacts (api/notify.c) */
	[ROUTE_API_DOSSIER_NOTIFICATIONS] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_NOTIFICATIONS,
		    .name = "api_dossier_notifications",
		    .query = rp_none,
		},
		.method = METHOD_GET,
		.pattern = "/api/v1/dossiers/{code}/notifications",
		.flags = RF_DB,
		.handler = h_dossier_notifications,
		.who = WHO(ACTOR_CITIZEN) | WHO(ACTOR_STAFF) |
		    WHO(ACTOR_INSPECTOR),
	},
	[ROUTE_API_CONTACT_CODE] = {
		.ep = {
		    .id = ROUTE_API_CONTACT_CODE,
		    .name = "api_contact_code",
		    .query = rp_none,
		},
		.method = METHOD_POST,
		.pattern = "/api/v1/me/contacts/{channel}/code",
		.flags = RF_DB,
		.handler = h_contact_code,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_API_CONTACT_CONFIRM] = {
		.ep = {
		    .id = ROUTE_API_CONTACT_CONFIRM,
		    .name = "api_contact_confirm",
		    .query = rp_none,
		    .body = rp_contact_confirm_body,
		    .body_types = BODY_JSON,
		    .body_max = 1024,
		},
		.method = METHOD_POST,
		.pattern = "/api/v1/me/contacts/{channel}/confirm",
		.flags = RF_DB,
		.handler = h_contact_confirm,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_API_ME_LANG] = {
		.ep = {
		    .id = ROUTE_API_ME_LANG,
		    .name = "api_me_lang",
		    .query = rp_none,
		    .body = rp_lang_body,
		    .body_types = BODY_JSON,
		    .body_max = 1024,
		},
		.method = METHOD_POST, .pattern = "/api/v1/me/lang",
		.flags = RF_DB,
		.handler = h_me_lang,
		.who = WHO(ACTOR_CITIZEN),
	},
	/* payments (api/payments.c, pages/payment.c, docs/payments.md) */
	[ROUTE_API_DOSSIER_PAYMENT] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_PAYMENT,
		    .name = "api_dossier_payment",
		    .query = rp_none,
		    .json_errors = 1,
		},
		.method = METHOD_POST,
		.pattern = "/api/v1/dossiers/{code}/payments",
		.flags = RF_DB,
		.handler = h_dossier_payment,
		.who = WHO(ACTOR_CITIZEN),
	},
	[ROUTE_API_PAYMENT_IPN] = {
		.ep = {
		    .id = ROUTE_API_PAYMENT_IPN,
		    .name = "api_payment_ipn",
		    .query = rp_vnpay_query,
		    .json_errors = 1,
		},
		.method = METHOD_GET, .pattern = "/api/v1/payments/vnpay/ipn",
		.flags = RF_DB,
		.handler = h_payment_ipn,
		.who = WHO_ANYONE,
	},
	[ROUTE_PAGE_PAYMENT_RETURN] = {
		.ep = {
		    .id = ROUTE_PAGE_PAYMENT_RETURN,
		    .name = "page_payment_return",
		    .query = rp_vnpay_query,
		},
		.method = METHOD_GET, .pattern = "/payments/vnpay/return",
		.flags = RF_DB,
		.handler = h_page_payment_return,
		.who = WHO_ANYONE,
	},
	[ROUTE_PAGE_DOSSIER_PAY] = {
		.ep = {
		    .id = ROUTE_PAGE_DOSSIER_PAY,
		    .name = "page_dossier_pay",
		    .query = rp_page_query,
		    .body = rp_signout_page_body,
		    .body_types = BODY_FORM,
		    .body_max = 1024,
		},
		.method = METHOD_POST, .pattern = "/dossiers/{code}/pay",
		.flags = RF_DB | RF_CSRF,
		.handler = h_dossier_payment,
		.who = WHO(ACTOR_CITIZEN),
	},
	/* reports (docs/statistics.md) */
	[ROUTE_API_REPORT_ONE_STOP] = {
		.ep = {
		    .id = ROUTE_API_REPORT_ONE_STOP,
		    .name = "api_report_one_stop",
		    .query = rp_report_query,
		    .json_errors = 1,
		},
		.method = METHOD_GET, .pattern = "/api/v1/reports/one-stop",
		.flags = RF_DB,
		.handler = h_report_one_stop,
		.who = WHO(ACTOR_STAFF) | WHO(ACTOR_INSPECTOR),
	},
	[ROUTE_PAGE_REPORTS] = {
		.ep = {
		    .id = ROUTE_PAGE_REPORTS,
		    .name = "page_reports",
		    .query = rp_report_page_query,
		},
		.method = METHOD_GET, .pattern = "/reports",
		.flags = RF_DB | RF_PAGE,
		.handler = h_page_reports,
		.who = WHO(ACTOR_STAFF) | WHO(ACTOR_INSPECTOR),
	},
	/* issued documents (api/documents.c) */
	[ROUTE_API_DOCUMENT] = {
		.ep = {
		    .id = ROUTE_API_DOCUMENT,
		    .name = "api_document",
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/documents/{code}",
		.flags = RF_DB, .handler = h_document_public, .who = WHO_ANYONE,
	},
	[ROUTE_API_VERIFY] = {
		.ep = {
		    .id = ROUTE_API_VERIFY,
		    .name = "api_verify",
		    .query = rp_none,
		    .body = rp_verify_body,
		    .body_types = BODY_MULTIPART,
		    .body_max = (1 << 20) + 4096,
		    .json_errors = 1,
		},
		.method = METHOD_POST, .pattern = "/api/v1/verify",
		.flags = RF_DB, .handler = h_verify, .who = WHO_ANYONE,
	},
	[ROUTE_API_DOSSIER_DOCUMENTS] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_DOCUMENTS,
		    .name = "api_dossier_documents",
		    .query = rp_none,
		},
		.method = METHOD_GET, .pattern = "/api/v1/dossiers/{code}/documents",
		.flags = RF_DB, .handler = h_dossier_documents,
		.who = SIGNED_IN | WHO(ACTOR_PARTNER),
	},
	[ROUTE_API_DOSSIER_DOCUMENT_XML] = {
		.ep = {
		    .id = ROUTE_API_DOSSIER_DOCUMENT_XML,
		    .name = "api_dossier_document_xml",
		    .query = rp_none,
		},
		.method = METHOD_GET,
		.pattern = "/api/v1/dossiers/{code}/documents/{id}/xml",
		.flags = RF_DB, .handler = h_dossier_document_xml,
		.who = SIGNED_IN | WHO(ACTOR_PARTNER),
	},
};
