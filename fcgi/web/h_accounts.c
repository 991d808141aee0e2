/*
 * h_accounts.c - accounts and sessions in the JSON API:
 *   POST   /api/v1/citizens          register a citizen
 *   POST   /api/v1/sessions          sign in: a token, and the cookie
 *   DELETE /api/v1/sessions/current  sign out
 *   GET    /api/v1/me                who is signed in (any kind)
 *   GET    /api/v1/citizens/me       the signed-in citizen's profile
 * The work of signing in and out is session.c's, shared with the pages.
 *
 * Registration is throttled per address (MOTCUA_REGISTER_ADDRESS_MAX
 * per MOTCUA_SIGNIN_WINDOW_SECONDS, 429 with Retry-After): each one
 * costs an Argon2id hash.  It does not tell who has an account: a CCCD
 * that has one already is answered exactly like a new registration
 * (201, the same members, an id from the users' sequence that no user
 * gets, after the same hash), no account is made and nothing changes;
 * the attempt is audited as "citizen.register.duplicate" with the
 * existing account as object, so staff can see it.  (The owner simply
 * signs in; whoever else tried cannot sign in with their password.)
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/password.h"
#include "core/def.h"
#include "core/validate.h"
#include "http.h"
#include "session.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/db.h"

#define NAME_MAX_BYTES	200
#define EMAIL_MAX_BYTES	254

/* A text member of the JSON body, or of the form; NULL when absent. */
static const char *
member(const struct req *r, const char *name, size_t *len)
{
	const struct kv	*kv;
	json_t		*v;

	if (r->json != NULL) {
		if ((v = json_object_get(r->json, name)) == NULL ||
		    !json_is_string(v))
			return NULL;
		*len = json_string_length(v);
		return json_string_value(v);
	}
	if ((kv = req_field(r, name)) == NULL)
		return NULL;
	*len = kv->vallen;
	return kv->val;
}

/* Trimmed copy of a member; NULL when absent or blank. */
static char *
trimmed(struct req *r, const char *name)
{
	const char	*s;
	size_t		 n = 0;

	if ((s = member(r, name, &n)) == NULL)
		return NULL;
	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n > 0 ? arena_strndup(r->arena, s, n) : NULL;
}

/* The helpers that answer with an error return -1, for "return". */
static int
invalid(struct req *r, struct resp *w, const char *field, const char *en,
    const char *vi)
{
	http_error(r, w, HERR_FIELD_INVALID, field, en, vi);
	return -1;
}

static int
missing(struct req *r, struct resp *w, const char *field)
{
	return invalid(r, w, field, "This field is required.",
	    "Trường này là bắt buộc.");
}

/* local@domain, one '@', a dot in the domain, no spaces; the domain in
 * lower case.  NULL when not an address. */
static char *
normal_email(struct arena *a, const char *s)
{
	const char	*at = strchr(s, '@');
	char		*out, *p;
	size_t		 n = strlen(s);

	if (n > EMAIL_MAX_BYTES || at == NULL || at == s ||
	    strchr(at + 1, '@') != NULL || strchr(at + 1, '.') == NULL ||
	    at[1] == '.' || s[n - 1] == '.' ||
	    strpbrk(s, " \t\r\n,;<>()[]\\\"") != NULL)
		return NULL;
	out = arena_strdup(a, s);
	for (p = out + (at - s); *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

static void
iso_time(int64_t t, char out[21])
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
unavailable(struct req *r, struct resp *w)
{
	http_error(r, w, HERR_UNAVAILABLE, NULL,
	    "The database cannot be reached; try again shortly.",
	    "Không kết nối được cơ sở dữ liệu; vui lòng thử lại sau.");
	resp_header(r, w, "Retry-After", "5");
	return -1;
}

/* The per-address registration throttle: 0, or -1 after the 429. */
static int
throttled(struct req *r, struct resp *w)
{
	const char	*key;
	int		 retry = 0;

	key = arena_printf(r->arena, "register:%s", r->remote_addr);
	if (acct_fail_take(r->db, key, r->cfg->register_address_max, NULL, 0,
	    r->cfg->signin_window_s, &retry) != DB_OK)
		return unavailable(r, w);
	if (retry == 0)
		return 0;
	(void)session_audit(r, "citizen.register.throttled", NULL, NULL);
	http_error(r, w, HERR_TOO_MANY_REQUESTS, NULL,
	    arena_printf(r->arena, "Too many registrations from this "
	    "address; try again in %d seconds.", retry),
	    arena_printf(r->arena, "Đăng ký quá nhiều lần từ địa chỉ này; vui "
	    "lòng thử lại sau %d giây.", retry));
	resp_header(r, w, "Retry-After", arena_printf(r->arena, "%d", retry));
	return -1;
}

/* A CCCD that has an account: audited, and an id for an answer that
 * looks like a new registration's (see the top of the file). */
static enum db_status
duplicate(struct req *r, const char *cccd, int64_t *id)
{
	struct acct_user u;
	enum db_status	 rc;
	int		 found = 0;

	if ((rc = acct_by_login(r->db, r->arena, cccd, &u, &found)) != DB_OK ||
	    (rc = acct_id_burn(r->db, id)) != DB_OK)
		return rc;
	if (session_audit(r, "citizen.register.duplicate", found ?
	    arena_printf(r->arena, "user:%lld", (long long)u.id) : NULL,
	    NULL) == -1)
		return DB_ERROR;
	return DB_OK;
}

static int
register_citizen(struct req *r, struct resp *w)
{
	struct acct_new	 n;
	struct audit_entry e;
	const char	*pw;
	char		*cccd, *name, *phone_in, *email_in, phone[13];
	char		 hash[PASSWORD_HASH_MAX];
	size_t		 pwlen = 0;
	int64_t		 id;
	enum password_weakness weak;
	enum db_status	 rc;

	memset(&n, 0, sizeof(n));
	cccd = trimmed(r, "cccd");
	name = trimmed(r, "full_name");
	phone_in = trimmed(r, "phone");
	email_in = trimmed(r, "email");
	pw = member(r, "password", &pwlen);
	if (cccd == NULL)
		return missing(r, w, "cccd");
	if (check_cccd(cccd, strlen(cccd)) == -1)
		return invalid(r, w, "cccd", "This is not a valid citizen ID "
		    "(CCCD): 12 digits, starting with a province code.",
		    "Số CCCD không hợp lệ: gồm 12 chữ số, bắt đầu bằng mã "
		    "tỉnh.");
	if (name == NULL)
		return missing(r, w, "full_name");
	if (strlen(name) > NAME_MAX_BYTES || strpbrk(name, "\t\r\n") != NULL)
		return invalid(r, w, "full_name", "Give the full name on one "
		    "line, at most 200 bytes.", "Họ và tên ghi trên một dòng, "
		    "tối đa 200 byte.");
	if (phone_in == NULL && email_in == NULL)
		return invalid(r, w, "phone", "Give a mobile phone number or "
		    "an e-mail address.", "Cần số điện thoại di động hoặc địa "
		    "chỉ thư điện tử.");
	if (phone_in != NULL && normalize_phone(phone_in, strlen(phone_in),
	    phone) == -1)
		return invalid(r, w, "phone", "This is not a Vietnamese mobile "
		    "number (10 digits starting 03, 05, 07, 08 or 09).",
		    "Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu "
		    "bằng 03, 05, 07, 08 hoặc 09).");
	if (email_in != NULL &&
	    (n.email = normal_email(r->arena, email_in)) == NULL)
		return invalid(r, w, "email", "This is not an e-mail address.",
		    "Địa chỉ thư điện tử không hợp lệ.");
	if (pw == NULL || pwlen == 0)
		return missing(r, w, "password");
	if ((weak = password_check(pw, pwlen, cccd)) != PW_OK)
		return invalid(r, w, "password",
		    password_weakness_msgs[weak][0],
		    password_weakness_msgs[weak][1]);

	if (throttled(r, w) == -1)
		return -1;
	if (password_hash(pw, pwlen, hash) == -1)
		return invalid(r, w, "password", password_weakness_msgs
		    [PW_TOO_LONG][0], password_weakness_msgs[PW_TOO_LONG][1]);
	n.kind = "citizen";
	n.login = cccd;
	n.full_name = name;
	n.phone = phone_in != NULL ? phone : NULL;
	n.password_hash = hash;
	audit_entry_of(r, &e, "citizen.register", NULL, NULL);
	rc = acct_user_create(r->db, &n, NULL, 0, &e, &id);
	if (rc == DB_CONFLICT && (rc = duplicate(r, cccd, &id)) != DB_OK)
		return unavailable(r, w);
	if (rc != DB_OK)
		return unavailable(r, w);
	resp_header(r, w, "Location", "/api/v1/citizens/me");
	resp_json(r, w, 201, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}",
	    "id", (json_int_t)id, "kind", "citizen", "cccd", cccd,
	    "full_name", name, "phone", n.phone, "email", n.email));
	return 0;
}

/* The principal as JSON: kind, name, unit, roles. */
static json_t *
principal_json(struct req *r, const struct principal *p)
{
	struct acct_unit u;
	json_t		*o, *roles;
	size_t		 i;
	int		 found = 0;

	o = json_pack("{s:s, s:I, s:s?}", "kind", who_kind_names[p->kind],
	    "id", (json_int_t)p->user_id, "name", p->name);
	if (p->unit_id != 0 && acct_unit_by_id(r->db, r->arena, p->unit_id,
	    &u, &found) == DB_OK && found)
		json_object_set_new(o, "unit", json_pack("{s:I, s:s, s:s, "
		    "s:{s:s, s:s}}", "id", (json_int_t)u.id, "code", u.code,
		    "kind", u.kind, "name", "vi", u.name_vi, "en", u.name_en));
	else
		json_object_set_new(o, "unit", json_null());
	roles = json_array();
	for (i = 0; i < 64 && r->defs != NULL && i < r->defs->nroles; i++)
		if (p->roles & ((uint64_t)1 << i))
			json_array_append_new(roles,
			    json_string(r->defs->roles[i].id));
	json_object_set_new(o, "roles", roles);
	if (p->kind == WHO_PARTNER) {
		json_t *sc = json_array();

		for (i = 0; i < SCOPE__MAX; i++)
			if (p->scopes & SCOPE(i))
				json_array_append_new(sc,
				    json_string(scope_names[i]));
		json_object_set_new(o, "scopes", sc);
	}
	return o;
}

static int
signin(struct req *r, struct resp *w)
{
	struct signin	 s;
	const char	*pw;
	char		*cccd, *user, ts[21];
	size_t		 pwlen = 0;

	cccd = trimmed(r, "cccd");
	user = trimmed(r, "username");
	pw = member(r, "password", &pwlen);
	if (cccd != NULL && user != NULL)
		return invalid(r, w, "username", "Give a citizen ID or a user "
		    "name, not both.", "Chỉ nhập số CCCD hoặc tên đăng nhập, "
		    "không nhập cả hai.");
	if (cccd == NULL && user == NULL)
		return missing(r, w, "cccd");
	if (pw == NULL || pwlen == 0)
		return missing(r, w, "password");
	switch (session_signin(r, cccd != NULL ? cccd : user, pw, pwlen, &s)) {
	case SIGNIN_OK:
		break;
	case SIGNIN_WRONG:
		http_error(r, w, HERR_UNAUTHENTICATED, NULL,
		    "The citizen ID, user name or password is wrong.",
		    "Số CCCD, tên đăng nhập hoặc mật khẩu không đúng.");
		return -1;
	case SIGNIN_THROTTLED:
		http_error(r, w, HERR_TOO_MANY_REQUESTS, NULL,
		    arena_printf(r->arena, "Too many failed sign-ins; try "
		    "again in %d seconds.", s.retry_after),
		    arena_printf(r->arena, "Đăng nhập sai quá nhiều lần; vui "
		    "lòng thử lại sau %d giây.", s.retry_after));
		resp_header(r, w, "Retry-After", arena_printf(r->arena, "%d",
		    s.retry_after));
		return -1;
	case SIGNIN_UNAVAILABLE:
		return unavailable(r, w);
	default:
		abort();
	}
	iso_time(s.expires_at, ts);
	session_cookie(r, w, s.token);
	resp_header(r, w, "Cache-Control", "no-store");
	resp_json(r, w, 201, json_pack("{s:s, s:s, s:s, s:o}",
	    "token", s.token, "csrf", s.csrf, "expires_at", ts,
	    "user", principal_json(r, &s.who)));
	return 0;
}

static int
signout(struct req *r, struct resp *w)
{
	if (session_signout(r) == -1)
		return unavailable(r, w);
	session_cookie_clear(r, w);
	w->status = 204;
	w->len = 0;
	return 0;
}

void
h_me(struct req *r, struct resp *w)
{
	resp_header(r, w, "Cache-Control", "no-store");
	resp_json(r, w, 200, principal_json(r, &r->who));
}

static int
citizen_me(struct req *r, struct resp *w)
{
	struct acct_user u;
	int		 found;

	if (acct_by_id(r->db, r->arena, r->who.user_id, &u, &found) !=
	    DB_OK)
		return unavailable(r, w);
	if (!found) {
		http_error(r, w, HERR_NOT_FOUND, NULL, "No such account.",
		    "Không có tài khoản này.");
		return -1;
	}
	resp_header(r, w, "Cache-Control", "no-store");
	resp_json(r, w, 200, json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s?}",
	    "id", (json_int_t)u.id, "kind", "citizen", "cccd", u.login,
	    "full_name", u.full_name, "phone", u.phone, "email", u.email));
	return 0;
}

void
h_register(struct req *r, struct resp *w)
{
	(void)register_citizen(r, w);
}

void
h_signin(struct req *r, struct resp *w)
{
	(void)signin(r, w);
}

void
h_signout(struct req *r, struct resp *w)
{
	(void)signout(r, w);
}

void
h_citizen_me(struct req *r, struct resp *w)
{
	(void)citizen_me(r, w);
}
