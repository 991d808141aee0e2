/*
 * pdf.h - signed PDF documents: a layout (docs/documents-layout.md)
 * rendered with libharu, then signed with an embedded PAdES signature
 * (ETSI.CAdES.detached) through the signer (sign/pkey.h).
 *
 *	struct pdf_layout *l = pdf_layout_parse(a, xml, len, &err);
 *	pdf_render(a, l, &pdf_fonts_default, &pdf, &pdflen, &err);
 *	pdf_sign(a, pdf, pdflen, &signer, &signed_pdf, &signed_len, &err);
 *
 * Everything returned comes from the arena a (out of memory aborts).
 * Functions return enum pdf_status and fill struct pdf_err with a
 * short English reason for logs (never for a client: what a client
 * may see is the status).
 */
#ifndef MOTCUA_DOC_PDF_H
#define MOTCUA_DOC_PDF_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#include "sign/msg.h"

struct arena;
struct sign_client;

enum pdf_status {
	PDF_OK,
	PDF_BAD_LAYOUT,		/* the layout does not parse or breaks a rule */
	PDF_TOO_BIG,		/* layout, text or pages over the bounds */
	PDF_RENDER,		/* libharu failed (font missing, ...) */
	PDF_UNSUPPORTED,	/* a PDF pdf_sign cannot update */
	PDF_UNAVAILABLE,	/* the signer did not answer: 503 */
	PDF_SIGN,		/* signing failed otherwise */
	PDF__MAX
};
extern const char *const pdf_status_names[PDF__MAX];

struct pdf_err {
	char		msg[160];
};

/* Bounds of a layout. */
#define PDF_LAYOUT_MAX_BYTES	(256 << 10)
#define PDF_LAYOUT_MAX_BLOCKS	2000
#define PDF_LAYOUT_MAX_TEXT	4000	/* bytes of one block or cell */
#define PDF_LAYOUT_MAX_CELLS	12	/* cells of a row */
#define PDF_LAYOUT_MAX_QR	1024	/* bytes of a QR code's text */
#define PDF_MAX_PAGES		50

enum pdf_block_kind {
	PB_HEADER,		/* small, centred, before the title */
	PB_TITLE,		/* bold, large, centred */
	PB_HEADING,		/* bold, left */
	PB_P,			/* a paragraph, wrapped */
	PB_ROW,			/* a table row: cells side by side */
	PB_SIGNATURE,		/* lines of the signature block, right */
	PB_QR,			/* a QR code of text, with text under it */
	PB_FOOTER,		/* small, at the bottom of every page */
	PB__MAX
};
extern const char *const pdf_block_names[PB__MAX];

enum pdf_align { PA_LEFT, PA_CENTER, PA_RIGHT, PA__MAX };

struct pdf_block {
	enum pdf_block_kind	 kind;
	enum pdf_align		 align;
	int			 bold;
	int			 head;		/* a table's header row */
	size_t			 n;		/* texts: cells, lines, or 1 */
	const char		**text;		/* UTF-8, NUL-terminated */
	const unsigned		*width;		/* PB_ROW: percent per cell */
};

struct pdf_layout {
	const char		*lang;
	const char		*title;		/* the document's /Title */
	size_t			 n;
	struct pdf_block	*blocks;
};

/* A layout parsed from XML (hardened libxml2, base/xml.h) and checked:
 * NULL with PDF_BAD_LAYOUT or PDF_TOO_BIG in *st and a reason. */
struct pdf_layout *pdf_layout_parse(struct arena *, const char *xml,
		    size_t len, enum pdf_status *st, struct pdf_err *);

/* TrueType fonts to embed (UTF-8).  Liberation Sans: libharu 2.3.0
 * loses stacked Vietnamese diacritics with DejaVu Sans. */
struct pdf_fonts {
	const char	*regular;
	const char	*bold;
};
extern const struct pdf_fonts pdf_fonts_default;

/* The layout as an A4 PDF. */
enum pdf_status pdf_render(struct arena *, const struct pdf_layout *,
		    const struct pdf_fonts *, unsigned char **out,
		    size_t *outlen, struct pdf_err *);

/* Who signs, and when: the unit's current certificate and the
 * department CA (sign_certs_load), the signer's client, the request
 * id for its log, the time written in /M. */
struct pdf_signer {
	struct sign_client	*client;
	const char		*unit;
	const char		*request_id;
	X509			*cert;
	X509			*ca;
	time_t			 when;
};

/* The PDF with an incremental update holding a PAdES signature
 * (/ByteRange over everything but /Contents) in an invisible /Sig
 * field of the first page.  The PDF must have a classic xref table
 * and one revision (pdf_render's). */
enum pdf_status pdf_sign(struct arena *, const unsigned char *pdf,
		    size_t len, const struct pdf_signer *,
		    unsigned char **out, size_t *outlen, struct pdf_err *);

/* The DER CMS SignedData (detached, SHA-256) over data, for pdf_sign:
 * signed attributes content-type, message-digest and
 * signing-certificate-v2, no signing-time; certificates: the signer's
 * and the CA's. */
enum pdf_status pdf_cms(struct arena *, const unsigned char *digest,
		    const struct pdf_signer *, unsigned char **der,
		    size_t *derlen, struct pdf_err *);

#endif
