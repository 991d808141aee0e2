/*
 * route_params.c - the parameters each route accepts (routes.c names
 * them in its rows): name, type, bound, flags.  Anything not listed is refused
 * before a handler runs.
 */
#include <stddef.h>

#include "web/web.h"
#include "web/route_params.h"

const struct param rp_diag_echo_query[] = {
	{ "q", PT_TEXT, 200, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_diag_echo_body[] = {
	{ "name", PT_TEXT, 200, 0 },
	{ "note", PT_TEXT, 4000, 0 },
	{ "tag", PT_TEXT, 50, PF_MULTI },
	{ "file", PT_FILE, 1 << 20, PF_MULTI },
	{ "data", PT_JSON, 0, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_diag_rls_body[] = {
	{ "code", PT_TEXT, 40, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_diag_sign_body[] = {
	{ "unit", PT_TEXT, 40, 0 },
	{ "digest", PT_TEXT, 200, 0 },	/* hex; any length: the signer checks */
	{ "note", PT_TEXT, 5000, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_diag_sleep_query[] = {
	{ "ms", PT_TEXT, 6, 0 },
	{ NULL, 0, 0, 0 },
};

/* The units of a kind (h_units), checked by uc_units. */
const struct param rp_units_query[] = {
	{ "kind", PT_TEXT, 32, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_none[] = {
	{ NULL, 0, 0, 0 },
};

/* Pages: the language (vi, en) on every page. */
const struct param rp_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ NULL, 0, 0, 0 },
};

/* The lookup page: ?code= fills the code in (the receipt's QR code);
 * the PIN only in POST /lookup's body, never in a URL. */
const struct param rp_lookup_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "code", PT_TEXT, 80, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_lookup_body[] = {
	{ "code", PT_TEXT, 80, 0 },
	{ "pin", PT_TEXT, 32, 0 },
	{ NULL, 0, 0, 0 },
};

/* Accounts: lengths in bytes (a CCCD may come with spaces). */
const struct param rp_citizens_body[] = {
	{ "cccd", PT_TEXT, 32, 0 },
	{ "full_name", PT_TEXT, 200, 0 },
	{ "phone", PT_TEXT, 32, 0 },
	{ "email", PT_TEXT, 254, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_sessions_body[] = {
	{ "cccd", PT_TEXT, 32, 0 },
	{ "username", PT_TEXT, 64, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ NULL, 0, 0, 0 },
};

/* Dossiers (h_dossiers.c).  A submission's form fields are checked
 * against the service's form by validate_form, inside "data". */
const struct param rp_submit_body[] = {
	{ "data", PT_JSON, 0, 0 },		/* JSON bodies */
	{ "payload_json", PT_TEXT, 0, 0 },	/* multipart: the JSON body */
	{ "file", PT_FILE, 0, PF_MULTI },	/* multipart: named in data */
	{ "csrf", PT_TEXT, 128, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_dossiers_query[] = {
	{ "service", PT_TEXT, 64, 0 },
	{ "state", PT_TEXT, 64, 0 },
	{ "overdue", PT_TEXT, 8, 0 },
	{ "code", PT_TEXT, 80, 0 },
	{ "box", PT_TEXT, 8, 0 },
	{ "limit", PT_TEXT, 8, 0 },
	{ "offset", PT_TEXT, 12, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_action_body[] = {
	{ "comment", PT_TEXT, 2000, 0 },
	{ "reason", PT_TEXT, 2000, 0 },
	{ "data", PT_JSON, 0, 0 },		/* a supplement's changes */
	{ "remove", PT_JSON, 0, 0 },		/* attachment ids it removes */
	{ "payload_json", PT_TEXT, 0, 0 },
	{ "file", PT_FILE, 0, PF_MULTI },
	{ "csrf", PT_TEXT, 128, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_api_lookup_query[] = {
	{ "code", PT_TEXT, 80, 0 },
	{ "pin", PT_TEXT, 32, 0 },
	{ NULL, 0, 0, 0 },
};

/* Staff pages (h_pages_staff.c): the inbox's filters (checked by the
 * handler), the notice after an action, an action's comment or reason. */
const struct param rp_inbox_page_query[] = {
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
const struct param rp_dossier_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "done", PT_TEXT, 64, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_staff_act_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "comment", PT_TEXT, 2000, 0 },
	{ "reason", PT_TEXT, 2000, 0 },
	{ NULL, 0, 0, 0 },
};

/* Accounts in pages (h_pages_account.c): "next", the page to go to
 * once signed in (next.h), is checked by the handler. */
const struct param rp_signin_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "next", PT_TEXT, 1024, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_signin_page_body[] = {
	{ "login", PT_TEXT, 64, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ "next", PT_TEXT, 1024, 0 },
	{ NULL, 0, 0, 0 },
};

/* The fields of POST /api/v1/citizens, the confirmation, "next". */
const struct param rp_register_page_body[] = {
	{ "cccd", PT_TEXT, 32, 0 },
	{ "full_name", PT_TEXT, 200, 0 },
	{ "phone", PT_TEXT, 32, 0 },
	{ "email", PT_TEXT, 254, 0 },
	{ "password", PT_TEXT, 256, 0 },
	{ "password_confirm", PT_TEXT, 256, 0 },
	{ "next", PT_TEXT, 1024, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_signout_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ NULL, 0, 0, 0 },
};

/*
 * The application form and the answer to a supplement request: these
 * lists hold the page's own parameters; the form's fields are added to
 * them from the definitions at load (web/world.c, world_endpoint), so
 * that no form field is named here.
 */
const struct param rp_apply_page_body[] = {
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
const struct param rp_dossier_rate_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "rating", PT_TEXT, 32, 0 },
	{ "comment", PT_TEXT, 4000, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_dossier_act_page_body[] = {
	{ "csrf", PT_TEXT, 128, 0 },
	{ "remove", PT_TEXT, 20, PF_MULTI },	/* attachment ids */
	{ "action_comment", PT_TEXT, 2000, 0 },
	{ "action_reason", PT_TEXT, 2000, 0 },
	{ NULL, 0, 0, 0 },
};

/* The API's rating: lengths in bytes (1000 characters, checked by
 * uc_rate, may take 4000). */
const struct param rp_rating_body[] = {
	{ "rating", PT_TEXT, 32, 0 },
	{ "comment", PT_TEXT, 4000, 0 },
	{ NULL, 0, 0, 0 },
};

/* The inspector's desk: the trail's filters (app/trail.h checks them). */
const struct param rp_audit_query[] = {
	{ "dossier", PT_TEXT, 80, 0 },
	{ "actor", PT_TEXT, 64, 0 },
	{ "unit", PT_TEXT, 64, 0 },
	{ "action", PT_TEXT, 64, 0 },
	{ "from", PT_TEXT, 32, 0 },
	{ "to", PT_TEXT, 32, 0 },
	{ "after", PT_TEXT, 20, 0 },
	{ "limit", PT_TEXT, 8, 0 },
	{ "format", PT_TEXT, 8, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_inspect_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "dossier", PT_TEXT, 80, 0 },
	{ "actor", PT_TEXT, 64, 0 },
	{ "unit", PT_TEXT, 64, 0 },
	{ "action", PT_TEXT, 64, 0 },
	{ "from", PT_TEXT, 32, 0 },
	{ "to", PT_TEXT, 32, 0 },
	{ "after", PT_TEXT, 20, 0 },
	{ NULL, 0, 0, 0 },
};

/* The sealed audit trail's proofs (api/tlog.c): leaf indexes and tree
 * sizes, checked by the use case. */
const struct param rp_audit_inclusion_query[] = {
	{ "entry", PT_TEXT, 20, 0 },
	{ "size", PT_TEXT, 20, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_audit_consistency_query[] = {
	{ "from", PT_TEXT, 20, 0 },
	{ "to", PT_TEXT, 20, 0 },
	{ NULL, 0, 0, 0 },
};

/* The contact confirmation's code and the citizen's language
 * (api/notify.c). */
const struct param rp_contact_confirm_body[] = {
	{ "code", PT_TEXT, 16, 0 },
	{ NULL, 0, 0, 0 },
};

const struct param rp_lang_body[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ NULL, 0, 0, 0 },
};

/* What the payment gateway sends to the return URL and the IPN (VNPay
 * 2.1.0, docs/payments.md); the signature covers every vnp_* one. */
const struct param rp_vnpay_query[] = {
	{ "vnp_Amount", PT_TEXT, 20, 0 },
	{ "vnp_BankCode", PT_TEXT, 32, 0 },
	{ "vnp_BankTranNo", PT_TEXT, 255, 0 },
	{ "vnp_CardType", PT_TEXT, 32, 0 },
	{ "vnp_OrderInfo", PT_TEXT, 255, 0 },
	{ "vnp_PayDate", PT_TEXT, 14, 0 },
	{ "vnp_ResponseCode", PT_TEXT, 2, 0 },
	{ "vnp_TmnCode", PT_TEXT, 32, 0 },
	{ "vnp_TransactionNo", PT_TEXT, 32, 0 },
	{ "vnp_TransactionStatus", PT_TEXT, 2, 0 },
	{ "vnp_TxnRef", PT_TEXT, 100, 0 },
	{ "vnp_SecureHash", PT_TEXT, 256, 0 },
	{ "vnp_SecureHashType", PT_TEXT, 32, 0 },
	{ NULL, 0, 0, 0 },
};

/* The periodic report (h_report_one_stop), checked by uc_report. */
const struct param rp_report_query[] = {
	{ "unit", PT_TEXT, 40, 0 },
	{ "from", PT_TEXT, 10, 0 },
	{ "to", PT_TEXT, 10, 0 },
	{ "service", PT_TEXT, 64, 0 },
	{ "subunits", PT_TEXT, 5, 0 },
	{ "format", PT_TEXT, 4, 0 },
	{ NULL, 0, 0, 0 },
};

/* The report's page (h_page_reports): the API's, and the language. */
const struct param rp_report_page_query[] = {
	{ "lang", PT_TEXT, 8, 0 },
	{ "unit", PT_TEXT, 40, 0 },
	{ "from", PT_TEXT, 10, 0 },
	{ "to", PT_TEXT, 10, 0 },
	{ "service", PT_TEXT, 64, 0 },
	{ "subunits", PT_TEXT, 5, 0 },
	{ NULL, 0, 0, 0 },
};

/* Checking a document (api/documents.c): the XML as a multipart file. */
const struct param rp_verify_body[] = {
	{ "file", PT_FILE, 1 << 20, 0 },
	{ NULL, 0, 0, 0 },
};
