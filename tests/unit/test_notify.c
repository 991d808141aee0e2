/*
 * test_notify.c - the notifications' texts and messages (notify/):
 * the SMS text, the expansion of {names}, the texts of
 * templates/notifications (run from the repository root) and the
 * RFC 5322 message (Python's email parser reads the real one in
 * tests/http/t_notify.py).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "notify/send.h"
#include "notify/texts.h"

static void
sms_text(void **state)
{
	struct arena	*a = arena_new(4096);
	char		 long_text[400];

	(void)state;
	assert_string_equal(notify_sms(a, "Hồ sơ đã được tiếp nhận"),
	    "Ho so da duoc tiep nhan");
	assert_string_equal(notify_sms(a, "ĐẶNG Thị Ngọc Ánh"),
	    "DANG Thi Ngoc Anh");
	assert_string_equal(notify_sms(a, "a\n\n b\tc  "), "a b c");
	assert_string_equal(notify_sms(a, "x{y}€z"), "x?y??z");
	assert_string_equal(notify_sms(a, "[1]€"), "?1??");
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	assert_int_equal(strlen(notify_sms(a, long_text)), NOTIFY_SMS_MAX);
	arena_free(a);
}

static void
expand(void **state)
{
	struct arena	*a = arena_new(4096);
	struct notify_var v[] = { { "code", "X-1" }, { "reason", NULL } };

	(void)state;
	assert_string_equal(notify_expand(a, "Hồ sơ {code}: {reason}.{{ok}",
	    v, 2), "Hồ sơ X-1: .{ok}");
	assert_string_equal(notify_expand(a, "{unknown}{code", v, 2),
	    "{code");
	arena_free(a);
}

static void
texts_load(void **state)
{
	struct notify_texts	*t;
	const struct notify_kind *k;

	(void)state;
	t = notify_texts_load("templates/notifications");
	assert_non_null(t);
	k = notify_kind_for_status(t, 5);
	assert_non_null(k);
	assert_string_equal(k->id, "supplement");
	assert_non_null(strstr(k->text[NL_EN].body, "{reason}"));
	assert_non_null(notify_kind(t, "contact-code"));
	assert_null(notify_kind_for_status(t, 6));
	notify_texts_free(t);
}

static void
mail_message(void **state)
{
	struct arena	*a = arena_new(4096);
	struct mail	 m = {
		.from = "motcua@example.vn", .to = "an@example.vn",
		.subject = "Hồ sơ 000.00.31.H26-261201-0001 đã được tiếp nhận",
		.body = "Dòng một\nDòng hai\n",
		.message_id = "<notification-1.ab@example.vn>",
		.date = 1764554400,
	};
	char		*s;

	(void)state;
	s = mail_format(a, &m);
	assert_non_null(s);
	assert_non_null(strstr(s, "Message-ID: <notification-1.ab@example.vn>"
	    "\r\n"));
	assert_non_null(strstr(s, "Date: Mon, 01 Dec 2025 02:00:00 +0000\r\n"));
	assert_non_null(strstr(s, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(s, "Content-Transfer-Encoding: base64\r\n\r\n"));
	/* "Dòng một\r\nDòng hai\r\n" */
	assert_non_null(strstr(s, "\r\n\r\nRMOybmcgbeG7mXQNCkTDsm5nIGhhaQ0K"
	    "\r\n"));
	m.to = "an@example.vn\r\nBcc: x@example.vn";
	assert_null(mail_format(a, &m));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sms_text),
		cmocka_unit_test(expand),
		cmocka_unit_test(texts_load),
		cmocka_unit_test(mail_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
