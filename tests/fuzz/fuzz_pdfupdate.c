/*
 * fuzz_pdfupdate.c - pdf_sign()'s reader (the last startxref, the xref
 * table, the trailer, the catalog, the page tree) on arbitrary bytes.
 * The signer has no certificate, so whatever the reader accepts stops
 * at the CMS: the answer is PDF_UNSUPPORTED with a reason, or PDF_SIGN
 * after an update was laid out, never anything else.
 */
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "doc/pdf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a = arena_new(1 << 16);
	struct pdf_signer	 s = { .unit = "000.00.01.H26", .when = 0 };
	struct pdf_err		 err;
	enum pdf_status		 st;
	unsigned char		*out;
	size_t			 n;

	st = pdf_sign(a, data, size, &s, &out, &n, &err);
	if ((st != PDF_UNSUPPORTED && st != PDF_SIGN) || err.msg[0] == '\0' ||
	    out != NULL)
		abort();
	arena_free(a);
	return 0;
}
