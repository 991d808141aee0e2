/*
 * fuzz_pdflayout.c - pdf_layout_parse() on arbitrary bytes: it parses
 * or refuses with PDF_BAD_LAYOUT or PDF_TOO_BIG and a reason, never
 * anything else; a layout that parses has blocks within the bounds of
 * pdf.h, each with its texts, and small ones are rendered: the PDF
 * starts with %PDF- or the refusal is PDF_TOO_BIG.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "doc/pdf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena		*a = arena_new(1 << 16);
	struct pdf_layout	*l;
	struct pdf_err		 err;
	enum pdf_status		 st;
	unsigned char		*pdf;
	size_t			 i, k, n;

	l = pdf_layout_parse(a, (const char *)data, size, &st, &err);
	if (l == NULL) {
		if ((st != PDF_BAD_LAYOUT && st != PDF_TOO_BIG) ||
		    err.msg[0] == '\0')
			abort();
		goto done;
	}
	if (st != PDF_OK || l->lang == NULL || l->n > PDF_LAYOUT_MAX_BLOCKS)
		abort();
	for (i = 0; i < l->n; i++) {
		if (l->blocks[i].kind >= PB__MAX || l->blocks[i].n == 0 ||
		    l->blocks[i].n > PDF_LAYOUT_MAX_CELLS)
			abort();
		for (k = 0; k < l->blocks[i].n; k++)
			if (l->blocks[i].text[k] == NULL ||
			    strlen(l->blocks[i].text[k]) > PDF_LAYOUT_MAX_TEXT)
				abort();
	}
	if (l->n <= 20) {
		st = pdf_render(a, l, &pdf_fonts_default, &pdf, &n, &err);
		if (st == PDF_OK ? n < 5 || memcmp(pdf, "%PDF-", 5) != 0 :
		    st != PDF_TOO_BIG)
			abort();
	}
done:
	arena_free(a);
	return 0;
}
