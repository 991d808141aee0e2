/*
 * fuzz_docverify.c - the check of an uploaded document (doc/verify.c)
 * on arbitrary bytes, as POST /api/v1/verify and `motcua verify` run it:
 * the hardened parser, the search for the enveloped signature, the
 * certificates of its KeyInfo, the chain and xmlsec.  Run from the
 * repository root: tests/fuzz/docverify-ca.pem is the CA (its
 * certificate only) that issued the signer of corpus/.../signed, so
 * that mutations of a valid document reach xmlsec.  It must never
 * crash nor leak, and always say why.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "doc/doc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a = arena_new(1 << 14);
	struct doc_check	 c;
	enum doc_verdict	 v;

	v = doc_verify((const char *)data, size, "tests/fuzz/docverify-ca.pem",
	    a, &c);
	if ((unsigned)v >= DOC_VERDICT__MAX || c.verdict != v ||
	    c.en == NULL || c.vi == NULL)
		abort();
	arena_free(a);
	return 0;
}
