/*
 * contact.c - a citizen confirms their phone or email with a one-time
 * code sent through the notifications outbox.  See notify.h.
 *
 * The code is 6 digits, drawn uniformly; the database keeps SHA-256 of
 * salt || code only.  It expires after CONTACT_CODE_TTL seconds and
 * is used up by the right answer or by CONTACT_CODE_TRIES wrong ones;
 * a new code replaces the last one, at most one a minute and
 * CONTACT_CODES_PER_HOUR an hour.  Until a contact is confirmed the
 * account is linked to no pupil (migrations/0019_notifications.sql).
 */
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/dossier_int.h"
#include "app/notify.h"
#include "base/arena.h"
#include "base/hash.h"
#include "notify/texts.h"
#include "store/notifications.h"

static void
code_hash(const char *salt, const char *code, unsigned char out[32])
{
	char	buf[64];

	snprintf(buf, sizeof(buf), "%s%s", salt, code);
	SHA256((const unsigned char *)buf, strlen(buf), out);
}

static enum uc_status
check_channel(struct app *app, const char *channel, struct uc_error *err)
{
	if (app->actor.kind != ACTOR_CITIZEN)
		return uc_fail(err, UC_FORBIDDEN, NULL,
		    "Only a citizen confirms a contact.",
		    "Chỉ công dân mới xác nhận liên hệ.");
	if (channel == NULL || (strcmp(channel, "email") != 0 &&
	    strcmp(channel, "sms") != 0))
		return uc_fail(err, UC_NOT_FOUND, "channel",
		    "The channel is email or sms.",
		    "Kênh xác nhận là email hoặc sms.");
	return UC_OK;
}

enum uc_status
uc_contact_send(struct app *app, const char *channel, struct uc_error *err)
{
	struct notify_var v[1];
	struct recipient r;
	unsigned char	 h[32];
	char		 salt[33], code[7];
	uint32_t	 x;
	enum uc_status	 us;
	enum db_status	 rc;
	size_t		 added;
	int		 found, n;

	memset(err, 0, sizeof(*err));
	if ((us = check_channel(app, channel, err)) != UC_OK)
		return us;
	if ((rc = notifications_recipient(app->db, app->arena,
	    app->actor.user_id, &r, &found)) != DB_OK)
		return uc_db_fail(err, rc);
	if (!found || (strcmp(channel, "sms") == 0 ? r.phone : r.email) ==
	    NULL)
		return uc_fail(err, UC_BAD_INPUT, "channel",
		    "The account has no such contact.",
		    "Tài khoản không có thông tin liên hệ này.");
	if ((rc = contact_codes_since(app->db, app->actor.user_id, channel,
	    app->now - CONTACT_RESEND_GAP, &n)) != DB_OK)
		return uc_db_fail(err, rc);
	if (n > 0) {
		err->retry_after = CONTACT_RESEND_GAP;
		return uc_fail(err, UC_THROTTLED, NULL,
		    "A code was sent less than a minute ago.",
		    "Mã vừa được gửi chưa đến một phút trước.");
	}
	if ((rc = contact_codes_since(app->db, app->actor.user_id, channel,
	    app->now - 3600, &n)) != DB_OK)
		return uc_db_fail(err, rc);
	if (n >= CONTACT_CODES_PER_HOUR) {
		err->retry_after = 3600;
		return uc_fail(err, UC_THROTTLED, NULL,
		    "Too many codes this hour.",
		    "Đã gửi quá nhiều mã trong giờ này.");
	}
	/* Uniform over 000000..999999: drop the top of the 32-bit range. */
	do {
		if (RAND_bytes((unsigned char *)&x, sizeof(x)) != 1)
			abort();
	} while (x >= 4294000000u);
	snprintf(code, sizeof(code), "%06u", x % 1000000u);
	random_hex(salt, 16);
	code_hash(salt, code, h);
	v[0].name = "otp";
	v[0].value = code;
	if ((rc = db_begin(app->db)) != DB_OK)
		return uc_db_fail(err, rc);
	if ((rc = contact_code_add(app->db, app->arena, app->actor.user_id,
	    channel, salt, h, app->now, app->now + CONTACT_CODE_TTL)) !=
	    DB_OK ||
	    (rc = app_notify_kind(app, app->actor.user_id, 0, 0,
	    "contact-code", v, 1, channel, &added)) != DB_OK) {
		db_rollback(app->db);
		return uc_db_fail(err, rc);
	}
	if (added == 0) {
		db_rollback(app->db);
		return uc_fail(err, UC_BAD_INPUT, "channel",
		    "No message can be sent on this channel.",
		    "Không thể gửi tin qua kênh này.");
	}
	if ((rc = db_commit(app->db)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}

enum uc_status
uc_contact_confirm(struct app *app, const char *channel, const char *code,
    struct uc_error *err)
{
	struct contact_code c;
	unsigned char	 h[32];
	enum uc_status	 us;
	enum db_status	 rc;
	int		 found, ok;

	memset(err, 0, sizeof(*err));
	if ((us = check_channel(app, channel, err)) != UC_OK)
		return us;
	if (code == NULL || strlen(code) != 6 ||
	    strspn(code, "0123456789") != 6)
		return uc_fail(err, UC_BAD_INPUT, "code",
		    "The code is 6 digits.", "Mã gồm 6 chữ số.");
	if ((rc = contact_code_last(app->db, app->arena, app->actor.user_id,
	    channel, &c, &found)) != DB_OK)
		return uc_db_fail(err, rc);
	if (!found)
		return uc_fail(err, UC_BAD_INPUT, "code",
		    "No code is waiting; ask for a new one.",
		    "Không có mã đang chờ; hãy yêu cầu mã mới.");
	if (app->now > c.expires_at)
		return uc_fail(err, UC_BAD_INPUT, "code",
		    "The code has expired; ask for a new one.",
		    "Mã đã hết hạn; hãy yêu cầu mã mới.");
	code_hash(c.salt, code, h);
	ok = CRYPTO_memcmp(h, c.hash, 32) == 0;
	if ((rc = contact_code_try(app->db, app->arena, c.id,
	    app->actor.user_id, channel, ok, app->now)) != DB_OK)
		return uc_db_fail(err, rc);
	if (!ok)
		return uc_fail(err, UC_BAD_INPUT, "code",
		    "The code is not right.", "Mã không đúng.");
	return UC_OK;
}

enum uc_status
uc_set_lang(struct app *app, const char *lang, struct uc_error *err)
{
	enum db_status	rc;

	memset(err, 0, sizeof(*err));
	if (app->actor.kind != ACTOR_CITIZEN)
		return UC_OK;
	if (lang == NULL || (strcmp(lang, "vi") != 0 && strcmp(lang, "en")
	    != 0))
		return uc_fail(err, UC_BAD_INPUT, "lang",
		    "The language is vi or en.", "Ngôn ngữ là vi hoặc en.");
	if ((rc = accounts_set_lang(app->db, app->arena, app->actor.user_id,
	    lang)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}
