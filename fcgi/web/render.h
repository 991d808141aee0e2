/*
 * render.h - server-rendered pages: a view model (an XML document
 * built with the libxml2 tree API, in the request) transformed into
 * HTML5 by an XSLT stylesheet compiled once at start (templates/).
 *
 * Escaping happens by construction: handlers only ever put text into
 * text nodes and attribute values; the HTML serializer escapes it.
 * No stylesheet uses disable-output-escaping (a test checks).
 *
 * Stylesheets are read hardened (no network, no entity substitution,
 * no DTD, a depth limit) and may include one another only inside
 * templates/.  Every transform runs under security preferences that
 * forbid reading and writing files, creating directories, and the
 * network, so document() and the like reach nothing.
 *
 * The text of the interface lives in templates/strings.xml (vi and
 * en), not in C: each view model carries the strings of its language
 * as /page/strings/s[@id], which the stylesheets look up with
 * key('str', 'id').
 *
 * Memory: the view model is freed at the request's arena reset; out
 * of memory aborts (arena.h).
 */
#ifndef MOTCUA_RENDER_H
#define MOTCUA_RENDER_H

#include <libxml/tree.h>

struct diags;
struct i18n;
struct wreq;
struct resp;

/* One stylesheet per page: templates/<page_names[p]>.xsl. */
enum page {
	PAGE_CATALOGUE,		/* GET /                 */
	PAGE_SERVICE,		/* GET /services/{code}  */
	PAGE_LOOKUP,		/* GET /lookup           */
	PAGE_SIGNIN,		/* GET, POST /signin     */
	PAGE_RECEIPT,		/* GET /dossiers/{code}/receipt */
	PAGE_MY,		/* GET /my               */
	PAGE_DOSSIER,		/* GET /dossiers/{code}  */
	PAGE_INBOX,		/* GET /inbox            */
	PAGE_STAFF_DOSSIER,	/* GET /inbox/{code}     */
	PAGE_REGISTER,		/* GET, POST /register   */
	PAGE_INSPECT,		/* GET /inspect          */
	PAGE_CONTROL_SHEET,	/* GET /inspect/dossiers/{code} */
	PAGE_PAYMENT,		/* GET /payments/vnpay/return */
	PAGE_REPORT,		/* GET /reports          */
	PAGE__MAX
};
extern const char *const page_names[PAGE__MAX];

enum lang {
	LANG_VI,		/* the default */
	LANG_EN,
	LANG__MAX
};
extern const char *const lang_names[LANG__MAX];

/* ---- at start (world.c) -------------------------------------------- */

struct templates;

/* Compile dir/<page>.xsl for every page and read dir/strings.xml.
 * NULL after adding every diagnostic to *d. */
struct templates *templates_load(const char *dir, struct diags *d);
void		 templates_free(struct templates *);

/* ---- per request ---------------------------------------------------- */

struct view {
	struct wreq	*r;
	enum page	 page;
	enum lang	 lang;
	xmlDocPtr	 doc;
	xmlNodePtr	 root;		/* <page> */
};

/*
 * The language of the page: ?lang=vi|en if given (the route's
 * allowlist must name "lang"), else the "lang" cookie, else Vietnamese.
 * A lang parameter other than vi or en is answered 400 here: returns
 * -1 after writing the error.
 */
int		 view_lang(struct wreq *, struct resp *, enum lang *);

/*
 * A new view model <page name=".." lang=".." path=".."> (path: the
 * request's; a handler may set its canonical one) with the
 * strings of lang and, for a browser session, its form token
 * (csrf="..").  Freed with the arena.
 */
struct view	*view_new(struct wreq *, enum page, enum lang);

/* A child element, with text (may be NULL); escaping is libxml2's. */
xmlNodePtr	 view_el(xmlNodePtr parent, const char *name,
		    const char *text);
/* An attribute; NULL value: no attribute. */
void		 view_attr(xmlNodePtr, const char *name, const char *value);
void		 view_attrf(xmlNodePtr, const char *name, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* The text of t in the view's language, Vietnamese when missing. */
const char	*view_text(const struct view *, const struct i18n *t);

/*
 * Transform with the page's stylesheet and write the response:
 * status, text/html, <!doctype html>, the security headers of a page.
 * A failed transform is logged and answered 500.
 */
void		 render(struct view *, struct resp *, int status);

/* For tests: the same without a response; the HTML, or NULL. */
char		*render_html(const struct templates *, struct view *,
		    size_t *len);

#endif
