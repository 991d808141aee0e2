/*
 * fuzz_vnpay.c - the payment gateway's messages on arbitrary bytes
 * (core/vnpay.h): vnp_parse() of a return or IPN query, then the
 * properties that must hold of what it accepts: every key is vnp_ and
 * letters and appears once, every value is bounded and has no NUL; the
 * canonical string is stable (parsing it again gives it again); a
 * message signed with vnp_signed_query() verifies, and does not verify
 * under another secret or with a changed value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/vnpay.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a = arena_new(16384);
	struct vnp_msg	 m, m2, m3;
	const char	*why;
	char		*c, *c2, *q;
	size_t		 i, j;

	if (vnp_parse(a, (const char *)data, size, &m, &why) == 0) {
		for (i = 0; i < m.n; i++) {
			if (strncmp(m.v[i].key, "vnp_", 4) != 0 ||
			    strlen(m.v[i].val) > VNP_VALUE_MAX)
				abort();
			for (j = 0; j < i; j++)
				if (strcmp(m.v[i].key, m.v[j].key) == 0)
					abort();
		}
		c = vnp_canonical(a, &m);
		if (vnp_parse(a, c, strlen(c), &m2, &why) != 0)
			abort();
		c2 = vnp_canonical(a, &m2);
		if (strcmp(c, c2) != 0)
			abort();
		q = vnp_signed_query(a, &m2, "secret");
		if (vnp_parse(a, q, strlen(q), &m3, &why) != 0 ||
		    !vnp_verify(a, &m3, "secret") ||
		    vnp_verify(a, &m3, "another"))
			abort();
		for (i = 0; i < m3.n; i++)
			if (strcmp(m3.v[i].key, "vnp_SecureHash") != 0 &&
			    m3.v[i].val[0] != '\0') {
				m3.v[i].val = arena_printf(a, "%sx", m3.v[i].val);
				if (vnp_verify(a, &m3, "secret"))
					abort();
				break;
			}
	} else if (why == NULL)
		abort();
	arena_free(a);
	return 0;
}
