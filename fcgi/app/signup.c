/*
 * signup.c - see signup.h.
 */
#include <stdlib.h>
#include <string.h>

#include "app/audit.h"
#include "app/signup.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/password.h"
#include "base/utf8.h"
#include "core/validate.h"
#include "store/accounts.h"
#include "store/db.h"

#define NAME_MAX_BYTES	200
#define EMAIL_MAX_BYTES	254

/* Trimmed copy (spaces and tabs); NULL when absent or blank. */
static const char *
trim(struct app *app, const char *s)
{
	size_t	n;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n > 0 ? arena_strndup(app->arena, s, n) : NULL;
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
err(struct signup *s, const char *field, const char *en, const char *vi)
{
	if (s->nerrs < SIGNUP_FIELDS) {
		s->errs[s->nerrs].field = field;
		s->errs[s->nerrs].en = en;
		s->errs[s->nerrs].vi = vi;
		s->nerrs++;
	}
}

static void
missing(struct signup *s, const char *field)
{
	err(s, field, "This field is required.", "Trường này là bắt buộc.");
}

int
signup_check(struct app *app, const struct signup_in *in, struct signup *s)
{
	const char	*phone_in, *email_in;
	char		 phone[13];
	enum password_weakness weak;

	memset(s, 0, sizeof(*s));
	s->cccd = trim(app, in->cccd);
	s->full_name = trim(app, in->full_name);
	phone_in = trim(app, in->phone);
	email_in = trim(app, in->email);
	if (s->cccd == NULL)
		missing(s, "cccd");
	else if (check_cccd(s->cccd, strlen(s->cccd)) == -1)
		err(s, "cccd", "This is not a valid citizen ID (CCCD): 12 "
		    "digits, starting with a province code.", "Số CCCD không "
		    "hợp lệ: gồm 12 chữ số, bắt đầu bằng mã tỉnh.");
	if (s->full_name == NULL)
		missing(s, "full_name");
	else if (strlen(s->full_name) > NAME_MAX_BYTES)
		err(s, "full_name", "Give the full name on one line, at most "
		    "200 bytes.", "Họ và tên ghi trên một dòng, tối đa 200 "
		    "byte.");
	else if (!utf8_name(s->full_name, strlen(s->full_name)))
		err(s, "full_name", "Give the full name on one line, without "
		    "control, invisible or text-direction characters.",
		    "Họ và tên ghi trên một dòng, không có ký tự điều khiển, "
		    "ký tự ẩn hay ký tự đổi chiều văn bản.");
	if (phone_in == NULL && email_in == NULL)
		err(s, "phone", "Give a mobile phone number or an e-mail "
		    "address.", "Cần số điện thoại di động hoặc địa chỉ thư "
		    "điện tử.");
	else if (phone_in != NULL && normalize_phone(phone_in,
	    strlen(phone_in), phone) == -1)
		err(s, "phone", "This is not a Vietnamese mobile number (10 "
		    "digits starting 03, 05, 07, 08 or 09).", "Số điện thoại "
		    "di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, "
		    "08 hoặc 09).");
	else if (phone_in != NULL)
		s->phone = arena_strdup(app->arena, phone);
	if (email_in != NULL &&
	    (s->email = normal_email(app->arena, email_in)) == NULL)
		err(s, "email", "This is not an e-mail address.",
		    "Địa chỉ thư điện tử không hợp lệ.");
	if (in->password == NULL || in->pwlen == 0)
		missing(s, "password");
	else if ((weak = password_check(in->password, in->pwlen,
	    s->cccd != NULL ? s->cccd : "")) != PW_OK)
		err(s, "password", password_weakness_msgs[weak][0],
		    password_weakness_msgs[weak][1]);
	return s->nerrs > 0 ? -1 : 0;
}

/* The per-address throttle: UC_OK or the refusal (audited). */
static enum uc_status
throttle(struct app *app, struct signup *s)
{
	const char	*key;

	key = arena_printf(app->arena, "register:%s", app_throttle_addr(app));
	if (acct_fail_take(app->db, key, app->cfg->register_address_max, NULL, 0,
	    app->cfg->signin_window_s, &s->retry_after) != DB_OK)
		return UC_UNAVAILABLE;
	if (s->retry_after == 0)
		return UC_OK;
	(void)app_audit(app, "citizen.register.throttled", NULL, NULL);
	return UC_THROTTLED;
}

enum uc_status
signup_citizen(struct app *app, const struct signup_in *in, struct signup *s)
{
	struct acct_new	 n;
	struct audit_entry e, dup;
	char		 hash[PASSWORD_HASH_MAX];
	enum uc_status	 st;
	enum db_status	 rc;

	if (signup_check(app, in, s) == -1)
		return UC_INVALID;
	if ((st = throttle(app, s)) != UC_OK)
		return st;
	if (password_hash(in->password, in->pwlen, hash) == -1) {
		err(s, "password", password_weakness_msgs[PW_TOO_LONG][0],
		    password_weakness_msgs[PW_TOO_LONG][1]);
		return UC_INVALID;
	}
	memset(&n, 0, sizeof(n));
	n.kind = "citizen";
	n.login = s->cccd;
	n.full_name = s->full_name;
	n.phone = s->phone;
	n.email = s->email;
	n.password_hash = hash;
	/* A CCCD that has an account takes the same path (signup.h). */
	app_entry(app, &e, "citizen.register", NULL, NULL);
	app_entry(app, &dup, "citizen.register.duplicate", NULL, NULL);
	rc = acct_register(app->db, &n, &e, &dup, &s->id, &s->created);
	explicit_bzero(hash, sizeof(hash));
	return rc == DB_OK ? UC_OK : UC_UNAVAILABLE;
}
