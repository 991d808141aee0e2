/*
 * pdf_sign.c - a PAdES signature added to a PDF as an incremental
 * update (ISO 32000-1 7.5.6, 12.8; ETSI EN 319 142-1 baseline B-B).
 *
 * libharu cannot sign, so the signature's objects are written after
 * the bytes it saved, the original left untouched:
 *   S     the signature dictionary: /Filter /Adobe.PPKLite, /SubFilter
 *         /ETSI.CAdES.detached, /ByteRange [0 a b c], /Contents <hex>
 *         (a hole of PDF_CONTENTS_MAX bytes), /M the signing time;
 *   S+1   an invisible widget annotation and /Sig field, /V S, on the
 *         first page;
 *   the catalog again, with /AcroForm << /Fields [S+1] /SigFlags 3 >>,
 *   the first page again, with /Annots [S+1];
 * then an xref section for those four and a trailer with /Prev.  The
 * /ByteRange covers the whole file but the hole (from its '<' to its
 * '>'), the CMS (pdf_cms.c) signs the SHA-256 of those bytes, and its
 * DER, in hex, fills the hole.
 *
 * Reading is limited to what that needs, and bounded: the last
 * startxref, one classic xref table, the trailer, and three
 * dictionaries found through the table.  A PDF with an xref stream,
 * earlier revisions (/Prev), encryption, an /AcroForm or page /Annots
 * is refused as PDF_UNSUPPORTED, never guessed at.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "base/arena.h"
#include "doc/pdf.h"

#define PDF_CONTENTS_MAX	8192	/* bytes of the CMS hole */
#define DEPTH_MAX		32
#define OBJ_MAX			100000	/* objects in the xref table */

struct span {
	const unsigned char	*p, *e;
};

struct xent {
	unsigned long	num, off, gen;
};

struct rd {
	const unsigned char	*b, *end;
	struct xent		*x;
	size_t			 nx;
};

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
	    c == '\0';
}

static int
is_delim(unsigned char c)
{
	return strchr("()<>[]{}/%", c) != NULL && c != '\0';
}

static const unsigned char *
skip_ws(const unsigned char *p, const unsigned char *e)
{
	while (p < e) {
		if (is_ws(*p))
			p++;
		else if (*p == '%') {
			while (p < e && *p != '\n' && *p != '\r')
				p++;
		} else
			break;
	}
	return p;
}

/* An unsigned integer at p (at most 10 digits); NULL if none. */
static const unsigned char *
uint_at(const unsigned char *p, const unsigned char *e, unsigned long *v)
{
	const unsigned char	*s = p;

	*v = 0;
	while (p < e && *p >= '0' && *p <= '9' && p - s < 10)
		*v = *v * 10 + (unsigned long)(*p++ - '0');
	if (p == s || (p < e && *p >= '0' && *p <= '9'))
		return NULL;
	return p;
}

/* The end of the object starting at p (after skip_ws), or NULL. */
static const unsigned char *
skip_obj(const unsigned char *p, const unsigned char *e, int depth)
{
	int	 nest;

	if (p >= e || depth > DEPTH_MAX)
		return NULL;
	if (*p == '(') {
		for (nest = 0; p < e; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			if (*p == '(')
				nest++;
			else if (*p == ')' && --nest == 0)
				return p + 1;
		}
		return NULL;
	}
	if (p + 1 < e && p[0] == '<' && p[1] == '<') {
		for (p += 2;;) {
			p = skip_ws(p, e);
			if (p + 1 < e && p[0] == '>' && p[1] == '>')
				return p + 2;
			if ((p = skip_obj(p, e, depth + 1)) == NULL)
				return NULL;
		}
	}
	if (*p == '<') {
		while (p < e && *p != '>')
			p++;
		return p < e ? p + 1 : NULL;
	}
	if (*p == '[') {
		for (p++;;) {
			p = skip_ws(p, e);
			if (p < e && *p == ']')
				return p + 1;
			if ((p = skip_obj(p, e, depth + 1)) == NULL)
				return NULL;
		}
	}
	if (*p == '/')
		p++;
	else if (is_delim(*p))
		return NULL;
	while (p < e && !is_ws(*p) && !is_delim(*p))
		p++;
	return p;
}

/* The value of key (a name, "/Root") in the dictionary d, at its top
 * level; a reference "N G R" is one value. */
static int
dict_get(struct span d, const char *key, struct span *v)
{
	const unsigned char	*p = d.p + 2, *k, *q, *r;
	size_t			 kl = strlen(key);
	unsigned long		 x;

	for (;;) {
		p = skip_ws(p, d.e);
		if (p + 1 < d.e && p[0] == '>' && p[1] == '>')
			return -1;
		if (p >= d.e || *p != '/' || (k = skip_obj(p, d.e, 0)) == NULL)
			return -1;
		q = skip_ws(k, d.e);
		if ((r = skip_obj(q, d.e, 0)) == NULL)
			return -1;
		v->p = q;
		v->e = r;
		/* "N G R": two more tokens after an integer. */
		if (uint_at(q, d.e, &x) == r) {
			const unsigned char *g = skip_ws(r, d.e), *ge, *rr;

			if ((ge = uint_at(g, d.e, &x)) != NULL) {
				rr = skip_ws(ge, d.e);
				if (rr < d.e && *rr == 'R' &&
				    (rr + 1 == d.e || is_ws(rr[1]) ||
				    is_delim(rr[1])))
					v->e = r = rr + 1;
			}
		}
		if ((size_t)(k - p) == kl && memcmp(p, key, kl) == 0)
			return 0;
		p = r;
	}
}

/* "N G R" in v. */
static int
ref_of(struct span v, unsigned long *num, unsigned long *gen)
{
	const unsigned char	*p;

	if ((p = uint_at(v.p, v.e, num)) == NULL ||
	    (p = uint_at(skip_ws(p, v.e), v.e, gen)) == NULL)
		return -1;
	p = skip_ws(p, v.e);
	return p < v.e && *p == 'R' && p + 1 == v.e ? 0 : -1;
}

/* The dictionary of object num, through the xref table. */
static int
object_dict(const struct rd *r, unsigned long num, unsigned long gen,
    struct span *d)
{
	const unsigned char	*p = NULL;
	unsigned long		 n, g;
	size_t			 i;

	for (i = 0; i < r->nx; i++)
		if (r->x[i].num == num && r->x[i].gen == gen)
			break;
	if (i == r->nx || r->x[i].off >= (size_t)(r->end - r->b))
		return -1;
	p = r->b + r->x[i].off;
	if ((p = uint_at(p, r->end, &n)) == NULL || n != num ||
	    (p = uint_at(skip_ws(p, r->end), r->end, &g)) == NULL ||
	    g != gen)
		return -1;
	p = skip_ws(p, r->end);
	if (r->end - p < 3 || memcmp(p, "obj", 3) != 0)
		return -1;
	p = skip_ws(p + 3, r->end);
	if (r->end - p < 2 || p[0] != '<' || p[1] != '<')
		return -1;
	d->p = p;
	return (d->e = skip_obj(p, r->end, 0)) == NULL ? -1 : 0;
}

/* The classic xref table at off; p after it (at "trailer"). */
static int
read_xref(struct arena *a, struct rd *r, size_t off,
    const unsigned char **after)
{
	const unsigned char	*p = r->b + off, *e = r->end;
	unsigned long		 first, count, i, o, g;
	size_t			 cap = 0;

	if (off >= (size_t)(e - r->b) || e - p < 4 || memcmp(p, "xref", 4) != 0)
		return -1;
	for (p += 4;;) {
		p = skip_ws(p, e);
		if (e - p >= 7 && memcmp(p, "trailer", 7) == 0)
			break;
		if ((p = uint_at(p, e, &first)) == NULL ||
		    (p = uint_at(skip_ws(p, e), e, &count)) == NULL ||
		    count > OBJ_MAX || r->nx + count > OBJ_MAX)
			return -1;
		if (r->nx + count > cap) {
			size_t ncap = r->nx + count + 16;

			r->x = arena_grow(a, r->x, cap * sizeof(*r->x),
			    ncap * sizeof(*r->x));
			cap = ncap;
		}
		for (i = 0; i < count; i++) {
			if ((p = uint_at(skip_ws(p, e), e, &o)) == NULL ||
			    (p = uint_at(skip_ws(p, e), e, &g)) == NULL)
				return -1;
			p = skip_ws(p, e);
			if (p >= e || (*p != 'n' && *p != 'f'))
				return -1;
			if (*p++ == 'n') {
				r->x[r->nx].num = first + i;
				r->x[r->nx].off = o;
				r->x[r->nx].gen = g;
				r->nx++;
			}
		}
	}
	*after = p + 7;
	return 0;
}

struct out {
	struct arena	*a;
	unsigned char	*p;
	size_t		 n, cap;
};

static void
put(struct out *o, const void *s, size_t n)
{
	if (o->n + n > o->cap) {
		size_t ncap = (o->n + n) * 2;

		o->p = arena_grow(o->a, o->p, o->cap, ncap);
		o->cap = ncap;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

static void __attribute__((format(printf, 2, 3)))
putf(struct out *o, const char *fmt, ...)
{
	char	 buf[512];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf))
		abort();	/* our own formats, short */
	put(o, buf, (size_t)n);
}

static enum pdf_status
unsupported(struct pdf_err *err, const char *why)
{
	snprintf(err->msg, sizeof(err->msg), "cannot update this PDF: %s",
	    why);
	return PDF_UNSUPPORTED;
}

struct parsed {
	unsigned long	 size, root, rootgen, page, pagegen;
	size_t		 startxref;
	struct span	 catalog, pagedict, info, id;
	int		 has_info, has_id;
};

static enum pdf_status
parse(struct arena *a, const unsigned char *pdf, size_t len,
    struct parsed *pp, struct pdf_err *err)
{
	struct rd		 r = { pdf, pdf + len, NULL, 0 };
	struct span		 tr, v, pages, kids;
	const unsigned char	*p, *q;
	unsigned long		 x, ign;

	size_t			 i;

	memset(pp, 0, sizeof(*pp));
	if (len < 64)
		return unsupported(err, "too short");
	/* The last "startxref" in the last kilobyte. */
	for (i = len - 9; i > 0 && len - i < 1024; i--)
		if (memcmp(pdf + i, "startxref", 9) == 0)
			break;
	if (i == 0 || len - i >= 1024 ||
	    uint_at(skip_ws(pdf + i + 9, r.end), r.end, &x) == NULL)
		return unsupported(err, "no startxref");
	pp->startxref = x;
	if (read_xref(a, &r, x, &p) == -1)
		return unsupported(err, "no classic xref table");
	tr.p = skip_ws(p, r.end);
	if (r.end - tr.p < 2 || tr.p[0] != '<' || tr.p[1] != '<' ||
	    (tr.e = skip_obj(tr.p, r.end, 0)) == NULL)
		return unsupported(err, "no trailer");
	if (dict_get(tr, "/Prev", &v) == 0 ||
	    dict_get(tr, "/Encrypt", &v) == 0 ||
	    dict_get(tr, "/XRefStm", &v) == 0)
		return unsupported(err, "several revisions or encrypted");
	if (dict_get(tr, "/Size", &v) == -1 ||
	    uint_at(v.p, v.e, &pp->size) != v.e || pp->size == 0 ||
	    pp->size > OBJ_MAX)
		return unsupported(err, "no /Size");
	if (dict_get(tr, "/Root", &v) == -1 ||
	    ref_of(v, &pp->root, &pp->rootgen) == -1 ||
	    object_dict(&r, pp->root, pp->rootgen, &pp->catalog) == -1)
		return unsupported(err, "no catalog");
	if (dict_get(tr, "/Info", &pp->info) == 0 &&
	    ref_of(pp->info, &x, &ign) == 0)
		pp->has_info = 1;
	if (dict_get(tr, "/ID", &pp->id) == 0)
		pp->has_id = 1;
	if (dict_get(pp->catalog, "/AcroForm", &v) == 0)
		return unsupported(err, "a form already");
	if (dict_get(pp->catalog, "/Pages", &v) == -1 ||
	    ref_of(v, &x, &ign) == -1 ||
	    object_dict(&r, x, ign, &pages) == -1 ||
	    dict_get(pages, "/Kids", &kids) == -1 || kids.p[0] != '[')
		return unsupported(err, "no page tree");
	q = skip_ws(kids.p + 1, kids.e);
	v.p = q;
	if ((p = uint_at(q, kids.e, &pp->page)) == NULL ||
	    (p = uint_at(skip_ws(p, kids.e), kids.e, &pp->pagegen)) == NULL)
		return unsupported(err, "no first page");
	v.e = skip_ws(p, kids.e) + 1;
	if (ref_of(v, &x, &ign) == -1 ||
	    object_dict(&r, pp->page, pp->pagegen, &pp->pagedict) == -1 ||
	    dict_get(pp->pagedict, "/Type", &v) == -1 ||
	    v.e - v.p != 5 || memcmp(v.p, "/Page", 5) != 0)
		return unsupported(err, "the first kid is not a page");
	if (dict_get(pp->pagedict, "/Annots", &v) == 0)
		return unsupported(err, "the page has annotations");
	return PDF_OK;
}

static int
xcmp(const void *x, const void *y)
{
	const struct xent	*a = x, *b = y;

	return a->num < b->num ? -1 : a->num > b->num;
}

enum pdf_status
pdf_sign(struct arena *a, const unsigned char *pdf, size_t len,
    const struct pdf_signer *s, unsigned char **outp, size_t *outlen,
    struct pdf_err *err)
{
	static const char	 hex[] = "0123456789abcdef";
	struct parsed		 pp;
	struct out		 o = { a, NULL, 0, 0 };
	struct xent		 xe[4];
	enum pdf_status		 st;
	unsigned char		 md[SHA256_DIGEST_LENGTH], *der;
	unsigned long		 sig, fld;
	size_t			 br, c0, c1, xref, derlen, i;
	struct tm		 tm;
	EVP_MD_CTX		*h;
	char			 brs[64];

	err->msg[0] = '\0';
	*outp = NULL;
	*outlen = 0;
	if ((st = parse(a, pdf, len, &pp, err)) != PDF_OK)
		return st;
	if (gmtime_r(&s->when, &tm) == NULL)
		return unsupported(err, "a signing time out of range");
	sig = pp.size;
	fld = pp.size + 1;
	put(&o, pdf, len);
	if (pdf[len - 1] != '\n')
		put(&o, "\n", 1);

	xe[0] = (struct xent){ sig, o.n, 0 };
	putf(&o, "%lu 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite "
	    "/SubFilter /ETSI.CAdES.detached\n/ByteRange ", sig);
	br = o.n;
	putf(&o, "[0 %10u %10u %10u]", 0u, 0u, 0u);
	putf(&o, "\n/M (D:%04d%02d%02d%02d%02d%02d+00'00')\n/Contents ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	c0 = o.n;
	put(&o, "<", 1);
	for (i = 0; i < 2 * PDF_CONTENTS_MAX; i++)
		put(&o, "0", 1);
	put(&o, ">", 1);
	c1 = o.n;
	putf(&o, " >>\nendobj\n");

	xe[1] = (struct xent){ fld, o.n, 0 };
	putf(&o, "%lu 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig "
	    "/T (Signature1) /F 132 /Rect [0 0 0 0]\n/V %lu 0 R /P %lu %lu R "
	    ">>\nendobj\n", fld, sig, pp.page, pp.pagegen);

	xe[2] = (struct xent){ pp.root, o.n, pp.rootgen };
	putf(&o, "%lu %lu obj\n", pp.root, pp.rootgen);
	put(&o, pp.catalog.p, (size_t)(pp.catalog.e - pp.catalog.p) - 2);
	putf(&o, "/AcroForm << /Fields [%lu 0 R] /SigFlags 3 >>\n>>\n"
	    "endobj\n", fld);

	xe[3] = (struct xent){ pp.page, o.n, pp.pagegen };
	putf(&o, "%lu %lu obj\n", pp.page, pp.pagegen);
	put(&o, pp.pagedict.p, (size_t)(pp.pagedict.e - pp.pagedict.p) - 2);
	putf(&o, "/Annots [%lu 0 R]\n>>\nendobj\n", fld);

	xref = o.n;
	qsort(xe, 4, sizeof(xe[0]), xcmp);
	putf(&o, "xref\n");
	for (i = 0; i < 4; i++)
		putf(&o, "%lu 1\n%010lu %05lu n\r\n", xe[i].num, xe[i].off,
		    xe[i].gen);
	putf(&o, "trailer\n<< /Size %lu /Root %lu %lu R", pp.size + 2,
	    pp.root, pp.rootgen);
	if (pp.has_info) {
		putf(&o, " /Info ");
		put(&o, pp.info.p, (size_t)(pp.info.e - pp.info.p));
	}
	if (pp.has_id) {
		putf(&o, " /ID ");
		put(&o, pp.id.p, (size_t)(pp.id.e - pp.id.p));
	}
	putf(&o, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n", pp.startxref,
	    xref);

	/* Everything but the hole, '<' and '>' included, is signed. */
	snprintf(brs, sizeof(brs), "[0 %10zu %10zu %10zu]", c0, c1, o.n - c1);
	memcpy(o.p + br, brs, strlen(brs));
	if ((h = EVP_MD_CTX_new()) == NULL)
		abort();
	if (EVP_DigestInit_ex(h, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(h, o.p, c0) != 1 ||
	    EVP_DigestUpdate(h, o.p + c1, o.n - c1) != 1 ||
	    EVP_DigestFinal_ex(h, md, NULL) != 1) {
		EVP_MD_CTX_free(h);
		snprintf(err->msg, sizeof(err->msg), "cannot hash");
		return PDF_SIGN;
	}
	EVP_MD_CTX_free(h);
	if ((st = pdf_cms(a, md, s, &der, &derlen, err)) != PDF_OK)
		return st;
	if (derlen > PDF_CONTENTS_MAX) {
		snprintf(err->msg, sizeof(err->msg), "the CMS (%zu bytes) "
		    "does not fit", derlen);
		return PDF_SIGN;
	}
	for (i = 0; i < derlen; i++) {
		o.p[c0 + 1 + 2 * i] = (unsigned char)hex[der[i] >> 4];
		o.p[c0 + 2 + 2 * i] = (unsigned char)hex[der[i] & 15];
	}
	*outp = o.p;
	*outlen = o.n;
	return PDF_OK;
}
