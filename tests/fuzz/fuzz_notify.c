/*
 * fuzz_notify.c - the notifications' text expansion ({names}) and the
 * SMS text on arbitrary bytes: the template is the input's first line,
 * a value the rest.  The SMS text must be printable ASCII of at most
 * NOTIFY_SMS_MAX characters, whatever it is given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "notify/texts.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct notify_var	 v[3];
	char			*s, *nl, *out, *sms;
	size_t			 i, n;

	if (a == NULL)
		a = arena_new(16384);
	s = arena_alloc(a, size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	if ((nl = strchr(s, '\n')) != NULL)
		*nl++ = '\0';
	v[0].name = "code";
	v[0].value = nl;
	v[1].name = "otp";
	v[1].value = "123456";
	v[2].name = "reason";
	v[2].value = NULL;
	out = notify_expand(a, s, v, 3);
	if (out == NULL)
		abort();
	sms = notify_sms(a, out);
	n = strlen(sms);
	if (n > NOTIFY_SMS_MAX)
		abort();
	for (i = 0; i < n; i++)
		if (sms[i] < 0x20 || sms[i] > 0x7e ||
		    strchr("`^{}[]~\\|", sms[i]) != NULL)
			abort();
	arena_reset(a);
	return 0;
}
