/*
 * pdf_render.c - a layout (pdf_layout.c) drawn on A4 pages with
 * libharu: TrueType fonts embedded with libharu's UTF-8 encoder, text
 * wrapped at spaces (or inside a word longer than the line), tables
 * with ruled cells, a QR code drawn as filled squares (vector, sharp
 * at any zoom), footers at the bottom of every page.
 *
 * libharu reports errors through a callback and keeps going: the first
 * error is kept, every call after it is harmless, and the document is
 * refused at the end if there was one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <qrencode.h>

#include "base/arena.h"
#include "doc/pdf.h"

const struct pdf_fonts pdf_fonts_default = {
	"/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
	"/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
};

#define PAGE_W		595.276f	/* A4 in points */
#define PAGE_H		841.890f
#define MARGIN		56.7f		/* 2 cm */
#define FOOT_SIZE	8.0f
#define LEAD		1.35f		/* line height / font size */
#define GAP		6.0f		/* after a block */
#define CELL_PAD	3.0f
#define QR_MODULE	2.4f		/* points per module */

/* What each kind of block looks like. */
static const struct style {
	float	size;
	int	bold;
	float	gap;
} styles[PB__MAX] = {
	[PB_HEADER]	= { 10.0f, 1, 2.0f },
	[PB_TITLE]	= { 15.0f, 1, 10.0f },
	[PB_HEADING]	= { 12.0f, 1, GAP },
	[PB_P]		= { 11.0f, 0, GAP },
	[PB_ROW]	= { 10.0f, 0, 0.0f },
	[PB_SIGNATURE]	= { 11.0f, 0, GAP },
	[PB_QR]		= { 8.0f, 0, GAP },
	[PB_FOOTER]	= { FOOT_SIZE, 0, 0.0f },
};

struct rd {
	struct arena		*a;
	const struct pdf_layout	*l;
	HPDF_Doc		 pdf;
	HPDF_Page		 page;
	HPDF_Font		 reg, bold;
	HPDF_STATUS		 herr, hdetail;
	float			 y;		/* the next line's top */
	float			 bottom;	/* above the footers */
	int			 pages;
	enum pdf_status		 st;
	struct pdf_err		*err;
};

struct line {
	const char	*s;
	float		 w;
};

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *arg)
{
	struct rd	*r = arg;

	if (r->herr == 0) {
		r->herr = error_no;
		r->hdetail = detail_no;
	}
}

static void
rd_fail(struct rd *r, enum pdf_status st, const char *msg)
{
	if (r->st != PDF_OK)
		return;
	r->st = st;
	snprintf(r->err->msg, sizeof(r->err->msg), "%s", msg);
}

static float
width_of(HPDF_Font f, float size, const char *s, size_t len)
{
	HPDF_TextWidth	 tw;

	if (len == 0)
		return 0;
	tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)len);
	return (float)tw.width * size / 1000.0f;
}

/* Length of the UTF-8 sequence starting with c. */
static size_t
u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* s cut into lines no wider than max; *n of them, from the arena. */
static struct line *
wrap(struct rd *r, HPDF_Font f, float size, const char *s, float max,
    size_t *n)
{
	struct line	*v = NULL;
	size_t		 cap = 0, len = strlen(s), start = 0, i, brk, e;

	*n = 0;
	while (start < len || *n == 0) {
		/* The longest prefix from start that fits, preferring to
		 * end before a space. */
		brk = 0;
		e = start;
		for (i = start; i < len; i += u8len((unsigned char)s[i])) {
			size_t next = i + u8len((unsigned char)s[i]);

			if (next > len)
				next = len;
			if (width_of(f, size, s + start, next - start) > max)
				break;
			e = next;
			if (next == len || s[next] == ' ')
				brk = next;
		}
		if (e < len && brk > start)
			e = brk;		/* break at the last space */
		if (e == start && start < len)	/* one character is too wide */
			e = start + u8len((unsigned char)s[start]);
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 4;

			v = arena_grow(r->a, v, cap * sizeof(*v),
			    ncap * sizeof(*v));
			cap = ncap;
		}
		v[*n].s = arena_strndup(r->a, s + start, e - start);
		v[*n].w = width_of(f, size, s + start, e - start);
		(*n)++;
		start = e;
		while (start < len && s[start] == ' ')
			start++;
	}
	return v;
}

static void
text_at(struct rd *r, HPDF_Font f, float size, float x, float baseline,
    const char *s)
{
	if (s[0] == '\0')
		return;
	HPDF_Page_BeginText(r->page);
	HPDF_Page_SetFontAndSize(r->page, f, size);
	HPDF_Page_TextOut(r->page, x, baseline, s);
	HPDF_Page_EndText(r->page);
}

static void
footers(struct rd *r)
{
	const struct pdf_block	*b;
	struct line		*v;
	size_t			 i, k, n;
	float			 y = MARGIN;

	/* From the last footer up, so that the last line sits on the
	 * bottom margin. */
	for (i = r->l->n; i-- > 0;) {
		b = &r->l->blocks[i];
		if (b->kind != PB_FOOTER)
			continue;
		v = wrap(r, r->reg, FOOT_SIZE, b->text[0], PAGE_W - 2 * MARGIN,
		    &n);
		for (k = n; k-- > 0;) {
			text_at(r, r->reg, FOOT_SIZE,
			    (PAGE_W - v[k].w) / 2, y, v[k].s);
			y += FOOT_SIZE * LEAD;
		}
	}
}

static float
footers_height(struct rd *r)
{
	size_t	 i, n;
	float	 h = 0;

	for (i = 0; i < r->l->n; i++)
		if (r->l->blocks[i].kind == PB_FOOTER) {
			(void)wrap(r, r->reg, FOOT_SIZE,
			    r->l->blocks[i].text[0], PAGE_W - 2 * MARGIN, &n);
			h += (float)n * FOOT_SIZE * LEAD;
		}
	return h;
}

static int
new_page(struct rd *r)
{
	if (++r->pages > PDF_MAX_PAGES) {
		rd_fail(r, PDF_TOO_BIG, "more pages than allowed");
		return -1;
	}
	r->page = HPDF_AddPage(r->pdf);
	HPDF_Page_SetSize(r->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	HPDF_Page_SetLineWidth(r->page, 0.5f);
	footers(r);
	r->y = PAGE_H - MARGIN;
	return 0;
}

/* Room for h points below y, on a new page if need be. */
static int
room(struct rd *r, float h)
{
	if (r->y - h >= r->bottom)
		return 0;
	if (h > PAGE_H - MARGIN - r->bottom) {
		rd_fail(r, PDF_TOO_BIG, "a block taller than a page");
		return -1;
	}
	return new_page(r);
}

static int
draw_lines(struct rd *r, HPDF_Font f, float size, const char *s,
    enum pdf_align align, float x0, float w)
{
	struct line	*v;
	size_t		 i, n;
	float		 x, lead = size * LEAD;

	v = wrap(r, f, size, s, w, &n);
	for (i = 0; i < n; i++) {
		if (room(r, lead) == -1)
			return -1;
		x = align == PA_LEFT ? x0 : align == PA_RIGHT ? x0 + w - v[i].w :
		    x0 + (w - v[i].w) / 2;
		text_at(r, f, size, x, r->y - size, v[i].s);
		r->y -= lead;
	}
	return 0;
}

static int
draw_row(struct rd *r, const struct pdf_block *b)
{
	const struct style	*st = &styles[PB_ROW];
	HPDF_Font		 f = b->head ? r->bold : r->reg;
	struct line		*v[PDF_LAYOUT_MAX_CELLS];
	size_t			 n[PDF_LAYOUT_MAX_CELLS], i, k, most = 1;
	float			 cw[PDF_LAYOUT_MAX_CELLS], x, h, lead;
	float			 full = PAGE_W - 2 * MARGIN;

	lead = st->size * LEAD;
	for (i = 0; i < b->n; i++) {
		cw[i] = b->width != NULL ? full * (float)b->width[i] / 100.0f :
		    full / (float)b->n;
		v[i] = wrap(r, f, st->size, b->text[i], cw[i] - 2 * CELL_PAD,
		    &n[i]);
		if (n[i] > most)
			most = n[i];
	}
	h = (float)most * lead + 2 * CELL_PAD;
	if (room(r, h) == -1)
		return -1;
	x = MARGIN;
	for (i = 0; i < b->n; i++) {
		HPDF_Page_Rectangle(r->page, x, r->y - h, cw[i], h);
		HPDF_Page_Stroke(r->page);
		for (k = 0; k < n[i]; k++)
			text_at(r, f, st->size, x + CELL_PAD,
			    r->y - CELL_PAD - (float)k * lead - st->size,
			    v[i][k].s);
		x += cw[i];
	}
	r->y -= h;
	return 0;
}

static int
draw_qr(struct rd *r, const struct pdf_block *b)
{
	QRcode	*q;
	float	 side, x0, top;
	int	 i, j;

	if ((q = QRcode_encodeString(b->text[0], 0, QR_ECLEVEL_M, QR_MODE_8,
	    1)) == NULL) {
		rd_fail(r, PDF_TOO_BIG, "the QR code's text does not fit");
		return -1;
	}
	side = (float)q->width * QR_MODULE;
	if (room(r, side + styles[PB_QR].size * LEAD * 2) == -1) {
		QRcode_free(q);
		return -1;
	}
	x0 = (PAGE_W - side) / 2;
	top = r->y;
	HPDF_Page_SetRGBFill(r->page, 0, 0, 0);
	for (j = 0; j < q->width; j++)
		for (i = 0; i < q->width; i++)
			if (q->data[j * q->width + i] & 1)
				HPDF_Page_Rectangle(r->page,
				    x0 + (float)i * QR_MODULE,
				    top - (float)(j + 1) * QR_MODULE,
				    QR_MODULE, QR_MODULE);
	HPDF_Page_Fill(r->page);
	QRcode_free(q);
	r->y -= side + 2;
	return draw_lines(r, r->reg, styles[PB_QR].size,
	    b->text[1][0] != '\0' ? b->text[1] : b->text[0], PA_CENTER,
	    MARGIN, PAGE_W - 2 * MARGIN);
}

static int
draw(struct rd *r, const struct pdf_block *b)
{
	const struct style	*st = &styles[b->kind];
	HPDF_Font		 f = st->bold || b->bold ? r->bold : r->reg;
	float			 half = (PAGE_W - 2 * MARGIN) / 2;
	size_t			 i;

	switch (b->kind) {
	case PB_HEADER:
	case PB_TITLE:
	case PB_HEADING:
	case PB_P:
		if (draw_lines(r, f, st->size, b->text[0], b->align, MARGIN,
		    PAGE_W - 2 * MARGIN) == -1)
			return -1;
		break;
	case PB_ROW:
		if (draw_row(r, b) == -1)
			return -1;
		/* The gap after the table, not between its rows. */
		if (b + 1 < r->l->blocks + r->l->n && b[1].kind == PB_ROW)
			return 0;
		r->y -= GAP;
		return 0;
	case PB_SIGNATURE:
		/* The right half, centred; the first line (the unit's
		 * title of the signer) bold, as on paper. */
		r->y -= GAP;
		for (i = 0; i < b->n; i++)
			if (draw_lines(r, i == 0 ? r->bold : r->reg, st->size,
			    b->text[i], PA_CENTER, MARGIN + half, half) == -1)
				return -1;
		break;
	case PB_QR:
		if (draw_qr(r, b) == -1)
			return -1;
		break;
	case PB_FOOTER:
		return 0;	/* drawn with every page */
	default:
		abort();
	}
	r->y -= st->gap;
	return 0;
}

static void
release(void *p)
{
	HPDF_Free(p);
}

enum pdf_status
pdf_render(struct arena *a, const struct pdf_layout *l,
    const struct pdf_fonts *fonts, unsigned char **out, size_t *outlen,
    struct pdf_err *err)
{
	struct rd	 r = { 0 };
	const char	*name;
	HPDF_UINT32	 size;
	size_t		 i;

	r.a = a;
	r.l = l;
	r.err = err;
	err->msg[0] = '\0';
	*out = NULL;
	*outlen = 0;
	if ((r.pdf = HPDF_New(on_error, &r)) == NULL)
		abort();
	arena_cleanup(a, release, r.pdf);
	HPDF_SetCompressionMode(r.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(r.pdf);
	HPDF_SetCurrentEncoder(r.pdf, "UTF-8");
	if ((name = HPDF_LoadTTFontFromFile(r.pdf, fonts->regular,
	    HPDF_TRUE)) != NULL)
		r.reg = HPDF_GetFont(r.pdf, name, "UTF-8");
	if ((name = HPDF_LoadTTFontFromFile(r.pdf, fonts->bold,
	    HPDF_TRUE)) != NULL)
		r.bold = HPDF_GetFont(r.pdf, name, "UTF-8");
	if (r.reg == NULL || r.bold == NULL || r.herr != 0) {
		rd_fail(&r, PDF_RENDER, "cannot load the fonts");
		goto fail;
	}
	r.bottom = MARGIN + footers_height(&r) + GAP;
	if (new_page(&r) == -1)
		goto fail;
	for (i = 0; i < l->n && r.st == PDF_OK; i++)
		if (draw(&r, &l->blocks[i]) == -1)
			goto fail;
	if (r.herr == 0 && HPDF_SaveToStream(r.pdf) == HPDF_OK) {
		HPDF_STATUS	 rs;

		size = HPDF_GetStreamSize(r.pdf);
		*out = arena_alloc(a, size ? size : 1);
		rs = HPDF_ReadFromStream(r.pdf, *out, &size);
		if (rs == HPDF_OK || rs == HPDF_STREAM_EOF) {
			*outlen = size;
			return PDF_OK;
		}
	}

	snprintf(err->msg, sizeof(err->msg), "libharu error 0x%04x (%u)",
	    (unsigned)r.herr, (unsigned)r.hdetail);
	*out = NULL;
	return PDF_RENDER;
fail:
	return r.st != PDF_OK ? r.st : PDF_RENDER;
}
