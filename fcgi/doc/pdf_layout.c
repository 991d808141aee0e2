/*
 * pdf_layout.c - the layout XML of a PDF document, parsed and checked
 * (docs/documents-layout.md).
 *
 * The grammar, which the parser enforces element by element:
 *   layout        := <layout lang=".." [title=".."]> block* </layout>
 *   block         := header | title | heading | p | table
 *                  | signature-block | qr | footer
 *   header, title, heading, footer := text
 *   p             := <p [align="left|center|right"] [bold="1"]> text
 *   table         := <table [widths="N N .."]> row+ </table>
 *   row           := <row [head="1"]> <cell>text</cell>+ </row>
 *   signature-block := <signature-block> <line>text</line>+
 *   qr            := <qr [caption=".."]> text </qr>
 * text is character data only (no element inside), UTF-8, normalized
 * to NFC, runs of white space made one space, trimmed.  Anything else
 * (an unknown element or attribute, a bad value) is refused with a
 * reason naming it; bounds are in pdf.h.  The result is pure data for
 * pdf_render: no libxml2 object outlives the call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "base/xml.h"
#include "doc/pdf.h"

const char *const pdf_status_names[PDF__MAX] = {
	"ok", "bad layout", "too big", "render", "unsupported",
	"signer unavailable", "sign",
};

const char *const pdf_block_names[PB__MAX] = {
	"header", "title", "heading", "p", "table", "signature-block", "qr",
	"footer",
};

static const char *const align_names[PA__MAX] = {
	"left", "center", "right",
};

struct lp {
	struct arena		*a;
	struct pdf_err		*err;
	enum pdf_status		 st;
	struct pdf_block	*blocks;
	size_t			 n, cap;
};

static void __attribute__((format(printf, 4, 5)))
lp_fail(struct lp *p, enum pdf_status st, xmlNodePtr n, const char *fmt, ...)
{
	va_list	 ap;

	char	 m[120];

	if (p->st != PDF_OK)
		return;
	p->st = st;
	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	snprintf(p->err->msg, sizeof(p->err->msg), "line %ld: %s",
	    n != NULL ? xmlGetLineNo(n) : 0L, m);
}

static void
xml_err(void *arg, const char *file, int line, const char *msg)
{
	struct lp	*p = arg;

	(void)file;
	if (p->st != PDF_OK)
		return;
	p->st = PDF_BAD_LAYOUT;
	snprintf(p->err->msg, sizeof(p->err->msg), "line %d: %s", line, msg);
}

/* Only the attributes in allowed (NULL-terminated) may be present. */
static int
attrs_only(struct lp *p, xmlNodePtr n, const char *const *allowed)
{
	xmlAttrPtr	 at;
	size_t		 i;

	for (at = n->properties; at != NULL; at = at->next) {
		for (i = 0; allowed[i] != NULL; i++)
			if (at->ns == NULL &&
			    strcmp((const char *)at->name, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL) {
			lp_fail(p, PDF_BAD_LAYOUT, n, "unknown attribute \"%s\"",
			    (const char *)at->name);
			return -1;
		}
	}
	return 0;
}

/* s, white space collapsed and trimmed, in NFC, from the arena. */
static const char *
clean(struct lp *p, xmlNodePtr n, const char *s, size_t max)
{
	size_t	 len = strlen(s), i, o = 0, outlen;
	char	*b;
	int	 sp = 0;

	if (len > max * 3) {		/* before copying it */
		lp_fail(p, PDF_TOO_BIG, n, "text of <%s> too long",
		    (const char *)n->name);
		return NULL;
	}
	b = arena_alloc(p->a, len + 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			sp = o > 0;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			lp_fail(p, PDF_BAD_LAYOUT, n,
			    "control character in <%s>", (const char *)n->name);
			return NULL;
		}
		if (sp)
			b[o++] = ' ';
		sp = 0;
		b[o++] = (char)c;
	}
	b[o] = '\0';
	if (!utf8_valid(b, o)) {
		lp_fail(p, PDF_BAD_LAYOUT, n, "text of <%s> is not UTF-8",
		    (const char *)n->name);
		return NULL;
	}
	b = utf8_nfc(p->a, b, o, &outlen);
	if (outlen > max) {
		lp_fail(p, PDF_TOO_BIG, n, "text of <%s> too long",
		    (const char *)n->name);
		return NULL;
	}
	return b;
}

/* The character data of n, which must hold no element. */
static const char *
text_of(struct lp *p, xmlNodePtr n, size_t max)
{
	xmlNodePtr	 c;
	xmlChar		*s;
	const char	*t;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE &&
		    c->type != XML_COMMENT_NODE) {
			lp_fail(p, PDF_BAD_LAYOUT, c,
			    "<%s> holds text only", (const char *)n->name);
			return NULL;
		}
	if ((s = xmlNodeGetContent(n)) == NULL)
		abort();
	t = clean(p, n, (const char *)s, max);
	xmlFree(s);
	return t;
}

/* An attribute cleaned as text, or NULL if absent (or bad: p->st). */
static const char *
attr_text(struct lp *p, xmlNodePtr n, const char *name, size_t max)
{
	char		*v;
	const char	*t;

	if ((v = xml_attr(n, name)) == NULL)
		return NULL;
	t = clean(p, n, v, max);
	xmlFree(v);
	return t;
}

static int
attr_flag(struct lp *p, xmlNodePtr n, const char *name, int *out)
{
	char	*v;
	int	 ok;

	*out = 0;
	if ((v = xml_attr(n, name)) == NULL)
		return 0;
	ok = strcmp(v, "1") == 0 || strcmp(v, "0") == 0;
	*out = v[0] == '1';
	xmlFree(v);
	if (!ok)
		lp_fail(p, PDF_BAD_LAYOUT, n, "%s must be 0 or 1", name);
	return ok ? 0 : -1;
}

static struct pdf_block *
add(struct lp *p, xmlNodePtr n, enum pdf_block_kind kind, size_t ntext)
{
	struct pdf_block	*b;

	if (p->n == PDF_LAYOUT_MAX_BLOCKS) {
		lp_fail(p, PDF_TOO_BIG, n, "more than %d blocks", PDF_LAYOUT_MAX_BLOCKS);
		return NULL;
	}
	if (p->n == p->cap) {
		size_t ncap = p->cap ? p->cap * 2 : 16;

		p->blocks = arena_grow(p->a, p->blocks,
		    p->cap * sizeof(*p->blocks), ncap * sizeof(*p->blocks));
		p->cap = ncap;
	}
	b = &p->blocks[p->n++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->n = ntext;
	b->text = arena_calloc(p->a, ntext ? ntext : 1, sizeof(*b->text));
	return b;
}

static size_t
count_children(struct lp *p, xmlNodePtr n, const char *name, size_t max)
{
	xmlNodePtr	 c;
	size_t		 k = 0;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c))
			continue;
		if (c->type == XML_COMMENT_NODE)
			continue;
		if (!xml_is(c, name)) {
			lp_fail(p, PDF_BAD_LAYOUT, c, "<%s> expected here",
			    name);
			return 0;
		}
		if (++k > max) {
			lp_fail(p, PDF_TOO_BIG, c, "too many <%s>", name);
			return 0;
		}
	}
	if (k == 0)
		lp_fail(p, PDF_BAD_LAYOUT, n, "at least one <%s>", name);
	return k;
}

/* Lines of text, one per child named name: a row's cells, a block's
 * lines. */
static int
lines(struct lp *p, xmlNodePtr n, const char *name, size_t max,
    enum pdf_block_kind kind, struct pdf_block **out)
{
	static const char *const none[] = { NULL };
	struct pdf_block	*b;
	xmlNodePtr		 c;
	size_t			 k, i = 0;

	if ((k = count_children(p, n, name, max)) == 0)
		return -1;
	if ((b = add(p, n, kind, k)) == NULL)
		return -1;
	for (c = xml_first(n); c != NULL; c = xml_next(c)) {
		if (attrs_only(p, c, none) == -1 ||
		    (b->text[i++] = text_of(p, c, PDF_LAYOUT_MAX_TEXT)) == NULL)
			return -1;
	}
	*out = b;
	return 0;
}

/* widths="30 70": one percentage per cell, summing to 100. */
static const unsigned *
widths(struct lp *p, xmlNodePtr n, size_t *count)
{
	unsigned	*w;
	char		*v, *s, *e;
	size_t		 k = 0;
	unsigned long	 x, sum = 0;

	*count = 0;
	if ((v = xml_attr(n, "widths")) == NULL)
		return NULL;
	w = arena_calloc(p->a, PDF_LAYOUT_MAX_CELLS, sizeof(*w));
	for (s = v; *s != '\0'; s = e) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		if (*s < '0' || *s > '9' || k == PDF_LAYOUT_MAX_CELLS)
			goto bad;
		x = strtoul(s, &e, 10);
		if (x == 0 || x > 100 || (*e != ' ' && *e != '\0'))
			goto bad;
		w[k++] = (unsigned)x;
		sum += x;
	}
	xmlFree(v);
	if (k == 0 || sum != 100)
		goto bad2;
	*count = k;
	return w;
bad:
	xmlFree(v);
bad2:
	lp_fail(p, PDF_BAD_LAYOUT, n, "%s: percentages summing to 100",
	    "widths");
	return NULL;
}

static int
table(struct lp *p, xmlNodePtr n)
{
	static const char *const tattrs[] = { "widths", NULL };
	static const char *const rattrs[] = { "head", NULL };
	struct pdf_block	*b;
	const unsigned		*w;
	xmlNodePtr		 r;
	size_t			 nw, ncells = 0;

	if (attrs_only(p, n, tattrs) == -1)
		return -1;
	w = widths(p, n, &nw);
	if (p->st != PDF_OK)
		return -1;
	if (count_children(p, n, "row", PDF_LAYOUT_MAX_BLOCKS) == 0)
		return -1;
	for (r = xml_first(n); r != NULL; r = xml_next(r)) {
		if (attrs_only(p, r, rattrs) == -1 ||
		    lines(p, r, "cell", PDF_LAYOUT_MAX_CELLS, PB_ROW, &b) == -1 ||
		    attr_flag(p, r, "head", &b->head) == -1)
			return -1;
		if (ncells == 0)
			ncells = b->n;
		if (b->n != ncells || (w != NULL && nw != b->n)) {
			lp_fail(p, PDF_BAD_LAYOUT, r, "%s: every row has as "
			    "many cells as the first (and as widths)", "row");
			return -1;
		}
		b->width = w;
	}
	return 0;
}

static int
block(struct lp *p, xmlNodePtr n)
{
	static const char *const none[] = { NULL };
	static const char *const pattrs[] = { "align", "bold", NULL };
	static const char *const qattrs[] = { "caption", NULL };
	struct pdf_block	*b;
	enum pdf_block_kind	 k;
	char			*v;
	size_t			 i;

	for (k = 0; k < PB__MAX; k++)
		if (xml_is(n, pdf_block_names[k]))
			break;
	switch (k) {
	case PB_ROW:
		return table(p, n);
	case PB_SIGNATURE:
		return attrs_only(p, n, none) == -1 ? -1 :
		    lines(p, n, "line", 8, PB_SIGNATURE, &b);
	case PB_HEADER:
	case PB_TITLE:
	case PB_HEADING:
	case PB_P:
	case PB_QR:
	case PB_FOOTER:
		break;
	case PB__MAX:
		lp_fail(p, PDF_BAD_LAYOUT, n, "unknown element <%s>",
		    (const char *)n->name);
		return -1;
	default:
		abort();
	}
	if (attrs_only(p, n, k == PB_P ? pattrs : k == PB_QR ? qattrs :
	    none) == -1)
		return -1;
	if ((b = add(p, n, k, k == PB_QR ? 2 : 1)) == NULL)
		return -1;
	b->align = k == PB_P || k == PB_HEADING ? PA_LEFT : PA_CENTER;
	if ((b->text[0] = text_of(p, n, k == PB_QR ? PDF_LAYOUT_MAX_QR :
	    PDF_LAYOUT_MAX_TEXT)) == NULL)
		return -1;
	if (k == PB_QR) {
		if (b->text[0][0] == '\0') {
			lp_fail(p, PDF_BAD_LAYOUT, n, "<%s> is empty", "qr");
			return -1;
		}
		b->text[1] = attr_text(p, n, "caption", PDF_LAYOUT_MAX_TEXT);
		if (b->text[1] == NULL)
			b->text[1] = p->st == PDF_OK ? "" : NULL;
		return b->text[1] == NULL ? -1 : 0;
	}
	if (k != PB_P)
		return 0;
	if (attr_flag(p, n, "bold", &b->bold) == -1)
		return -1;
	if ((v = xml_attr(n, "align")) != NULL) {
		for (i = 0; i < PA__MAX; i++)
			if (strcmp(v, align_names[i]) == 0)
				break;
		xmlFree(v);
		if (i == PA__MAX) {
			lp_fail(p, PDF_BAD_LAYOUT, n,
			    "%s: left, center or right", "align");
			return -1;
		}
		b->align = (enum pdf_align)i;
	}
	return 0;
}

struct pdf_layout *
pdf_layout_parse(struct arena *a, const char *xml, size_t len,
    enum pdf_status *st, struct pdf_err *err)
{
	static const char *const lattrs[] = { "lang", "title", NULL };
	struct lp		 p = { a, err, PDF_OK, NULL, 0, 0 };
	struct pdf_layout	*l = NULL;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root, n;

	err->msg[0] = '\0';
	if (len > PDF_LAYOUT_MAX_BYTES) {
		lp_fail(&p, PDF_TOO_BIG, NULL, "layout over %d bytes",
		    PDF_LAYOUT_MAX_BYTES);
		goto done;
	}
	if ((doc = xml_read_memory(xml, len, "layout", xml_err, &p)) == NULL) {
		if (p.st == PDF_OK)
			lp_fail(&p, PDF_BAD_LAYOUT, NULL, "%s", "not XML");
		goto done;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xml_is(root, "layout") || root->ns != NULL) {
		lp_fail(&p, PDF_BAD_LAYOUT, root, "the root is <%s>",
		    "layout");
		goto done;
	}
	if (attrs_only(&p, root, lattrs) == -1)
		goto done;
	l = arena_calloc(a, 1, sizeof(*l));
	if ((l->lang = attr_text(&p, root, "lang", 16)) == NULL) {
		lp_fail(&p, PDF_BAD_LAYOUT, root, "<layout> needs %s", "lang");
		goto done;
	}
	l->title = attr_text(&p, root, "title", 200);
	if (p.st != PDF_OK)
		goto done;
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type == XML_COMMENT_NODE ||
		    (n->type == XML_TEXT_NODE && xmlIsBlankNode(n)))
			continue;
		if (n->type != XML_ELEMENT_NODE) {
			lp_fail(&p, PDF_BAD_LAYOUT, n, "%s between blocks",
			    "text");
			goto done;
		}
		if (n->ns != NULL) {
			lp_fail(&p, PDF_BAD_LAYOUT, n, "<%s> in a namespace",
			    (const char *)n->name);
			goto done;
		}
		if (block(&p, n) == -1)
			goto done;
	}
	l->n = p.n;
	l->blocks = p.blocks;
done:
	if (doc != NULL)
		xmlFreeDoc(doc);
	*st = p.st;
	return p.st == PDF_OK ? l : NULL;
}
