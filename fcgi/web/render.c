/*
 * render.c - see render.h.
 */
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/xml.h"
#include "core/def.h"
#include "web/web.h"
#include "web/render.h"

const char *const page_names[PAGE__MAX] = {
	[PAGE_CATALOGUE] = "catalogue",
	[PAGE_SERVICE] = "service",
	[PAGE_LOOKUP] = "lookup",
	[PAGE_SIGNIN] = "signin",
	[PAGE_RECEIPT] = "receipt",
	[PAGE_PAYMENT] = "payment",
	[PAGE_MY] = "my",
	[PAGE_DOSSIER] = "dossier",
	[PAGE_INBOX] = "inbox",
	[PAGE_STAFF_DOSSIER] = "staff-dossier",
	[PAGE_REGISTER] = "register",
	[PAGE_INSPECT] = "inspect",
	[PAGE_CONTROL_SHEET] = "control-sheet",
	[PAGE_REPORT] = "report",
};

const char *const lang_names[LANG__MAX] = {
	[LANG_VI] = "vi",
	[LANG_EN] = "en",
};

/* Stylesheets: no network, no entities, no DTD; CDATA as text. */
#define TPL_PARSE_OPTS	(XML_PARSE_NONET | XML_PARSE_NOCDATA)
#define STRINGS_MAX	1024

struct templates {
	xsltStylesheetPtr style[PAGE__MAX];
	xmlDocPtr	 strings[LANG__MAX];	/* <strings><s id>text</s> */
};

/*
 * Compiled once, never changed: the preferences of every transform
 * (everything forbidden) and the hooks that libxslt keeps globally.
 * While templates_load() runs, `loading` names the directory that
 * includes may be read from, and collects diagnostics; otherwise it is
 * NULL and the loader refuses everything.
 */
static xsltSecurityPrefsPtr run_prefs;

static struct loading {
	char		 dir[PATH_MAX];
	struct diags	*d;
	const char	*file;
} *loading;

static void
diag_msg(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
diag_msg(const char *file, int line, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;
	size_t	 n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	if (n == 0)
		return;
	if (loading != NULL && loading->d != NULL)
		diags_add(loading->d, file, line, "%s", msg);
	else
		log_msg(LOG_ERROR, "%s:%d: %s", file, line, msg);
}

/* libxslt's errors while compiling: printf-like pieces of lines. */
static void
xslt_compile_error(void *arg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
xslt_compile_error(void *arg, const char *fmt, ...)
{
	char	 msg[512];
	va_list	 ap;

	(void)arg;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_msg(loading != NULL && loading->file != NULL ? loading->file :
	    "templates", 0, "%s", msg);
}

static void
xml_parse_error(void *arg, xmlErrorPtr e)
{
	(void)arg;
	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	diag_msg(e->file != NULL ? e->file : "templates", e->line, "%s",
	    e->message != NULL ? e->message : "error");
}

static int
nested_ok(xmlNodePtr n, int depth)
{
	xmlNodePtr	c;

	if (depth > XML_MAX_DEPTH)
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !nested_ok(c, depth + 1))
			return 0;
	return 1;
}

/* path is a regular file directly under loading->dir. */
static int
inside_dir(const char *path)
{
	char		 real[PATH_MAX];
	struct stat	 st;
	size_t		 n;

	if (loading == NULL || realpath(path, real) == NULL ||
	    stat(real, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_size > XML_MAX_BYTES)
		return 0;
	n = strlen(loading->dir);
	return strncmp(real, loading->dir, n) == 0 && real[n] == '/' &&
	    strchr(real + n + 1, '/') == NULL;
}

static int
check_read_at_load(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	(void)ctxt;
	return inside_dir(value);
}

/*
 * The only way libxslt loads a document.  Stylesheets, while loading,
 * from the templates directory, parsed hardened into the stylesheet's
 * dictionary (as libxslt's own loader does); nothing at transform time.
 */
static xmlDocPtr
loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
    xsltLoadType type)
{
	xmlParserCtxtPtr pctxt;
	xmlDocPtr	 doc;
	xmlNodePtr	 root;
	const char	*path = (const char *)uri;

	(void)options;
	(void)ctxt;
	if (type == XSLT_LOAD_DOCUMENT || loading == NULL || path == NULL)
		return NULL;
	if (strncmp(path, "file://", 7) == 0)
		path += 7;
	if (!inside_dir(path)) {
		diag_msg(path, 0, "a stylesheet may only include files "
		    "of its own directory");
		return NULL;
	}
	if ((pctxt = xmlNewParserCtxt()) == NULL)
		abort();
	if (dict != NULL) {
		if (pctxt->dict != NULL)
			xmlDictFree(pctxt->dict);
		pctxt->dict = dict;
		xmlDictReference(dict);
	}
	xmlSetStructuredErrorFunc(NULL, xml_parse_error);
	doc = xmlCtxtReadFile(pctxt, path, NULL, TPL_PARSE_OPTS);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc != NULL && !pctxt->wellFormed) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(pctxt);
	if (doc == NULL)
		return NULL;
	root = xmlDocGetRootElement(doc);
	if (doc->intSubset != NULL || doc->extSubset != NULL ||
	    root == NULL || !nested_ok(root, 1)) {
		diag_msg(path, 1, "no DOCTYPE, one root element, at most "
		    "%d levels", XML_MAX_DEPTH);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static xsltSecurityPrefsPtr
prefs_new(xsltSecurityCheck read_file)
{
	xsltSecurityPrefsPtr p;

	if ((p = xsltNewSecurityPrefs()) == NULL)
		abort();
	if (xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_FILE, read_file) ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid) ||
	    xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid))
		abort();
	return p;
}

static void
xslt_once(void)
{
	if (run_prefs != NULL)
		return;
	run_prefs = prefs_new(xsltSecurityForbid);
	xsltSetLoaderFunc(loader);
	xsltSetDefaultSecurityPrefs(run_prefs);
}

static void
note(void *arg, const char *file, int line, const char *msg)
{
	diags_add(arg, file, line, "%s", msg);
}

/*
 * strings.xml: <strings><s id="x"><vi>..</vi><en>..</en></s>...
 * -> one document per language: <strings><s id="x">..</s>...
 */
static int
strings_load(struct templates *t, const char *path, struct diags *d)
{
	xmlDocPtr	 src;
	xmlNodePtr	 root, s, l, out[LANG__MAX];
	char		*id, *txt, *ids[STRINGS_MAX];
	size_t		 n = 0, i, k, n0 = d->n;

	if ((src = xml_read_file(path, note, d)) == NULL)
		return -1;
	root = xmlDocGetRootElement(src);
	if (!xml_is(root, "strings")) {
		diags_add(d, path, root->line, "the root must be <strings>");
		xmlFreeDoc(src);
		return -1;
	}
	for (k = 0; k < LANG__MAX; k++) {
		t->strings[k] = xmlNewDoc(BAD_CAST "1.0");
		out[k] = xmlNewNode(NULL, BAD_CAST "strings");
		xmlDocSetRootElement(t->strings[k], out[k]);
	}
	for (s = xml_first(root); s != NULL; s = xml_next(s)) {
		if (!xml_is(s, "s") || (id = xml_attr(s, "id")) == NULL) {
			diags_add(d, path, s->line, "expected <s id=\"...\">");
			continue;
		}
		for (i = 0; i < n; i++)
			if (strcmp(ids[i], id) == 0)
				break;
		if (i < n || n == STRINGS_MAX) {
			if (i < n)
				diags_add(d, path, s->line, "string %s given "
				    "twice", id);
			else
				diags_add(d, path, s->line, "more than %d "
				    "strings", STRINGS_MAX);
			xmlFree(id);
			continue;
		}
		ids[n++] = id;
		for (k = 0; k < LANG__MAX; k++) {
			l = xml_child(s, lang_names[k]);
			txt = l != NULL ? (char *)xmlNodeGetContent(l) : NULL;
			if (txt == NULL || txt[0] == '\0')
				diags_add(d, path, s->line, "string %s has no "
				    "<%s> text", id, lang_names[k]);
			else
				xmlSetProp(xmlNewTextChild(out[k], NULL,
				    BAD_CAST "s", BAD_CAST txt), BAD_CAST "id",
				    BAD_CAST id);
			xmlFree(txt);
		}
	}
	for (i = 0; i < n; i++)
		xmlFree(ids[i]);
	xmlFreeDoc(src);
	return d->n == n0 ? 0 : -1;
}

struct templates *
templates_load(const char *dir, struct diags *d)
{
	struct templates	*t;
	struct loading		 l;
	char			 path[PATH_MAX + 32];
	xmlDocPtr		 doc;
	size_t			 i, n0 = d->n;
	xsltSecurityPrefsPtr	 load_prefs;

	xslt_once();
	if ((t = calloc(1, sizeof(*t))) == NULL)
		abort();
	memset(&l, 0, sizeof(l));
	if (realpath(dir, l.dir) == NULL) {
		diags_add(d, dir, 0, "cannot find the templates directory");
		free(t);
		return NULL;
	}
	l.d = d;
	snprintf(path, sizeof(path), "%s/strings.xml", l.dir);
	strings_load(t, path, d);

	/* While compiling, includes may be read from dir, nothing else. */
	load_prefs = prefs_new(check_read_at_load);
	xsltSetDefaultSecurityPrefs(load_prefs);
	xsltSetGenericErrorFunc(NULL, xslt_compile_error);
	xmlSetGenericErrorFunc(NULL, xslt_compile_error);
	loading = &l;
	for (i = 0; i < PAGE__MAX; i++) {
		snprintf(path, sizeof(path), "%s/%s.xsl", l.dir,
		    page_names[i]);
		l.file = path;
		if ((doc = loader(BAD_CAST path, NULL, 0, NULL,
		    XSLT_LOAD_START)) == NULL) {
			diags_add(d, path, 0, "cannot read the stylesheet");
			continue;
		}
		/* The stylesheet owns the document, unless it fails. */
		if ((t->style[i] = xsltParseStylesheetDoc(doc)) == NULL)
			xmlFreeDoc(doc);
		if (t->style[i] == NULL || t->style[i]->errors > 0)
			diags_add(d, path, 0, "the stylesheet does not "
			    "compile");
	}
	loading = NULL;
	xsltSetGenericErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	xsltSetDefaultSecurityPrefs(run_prefs);
	xsltFreeSecurityPrefs(load_prefs);
	if (d->n > n0) {
		templates_free(t);
		return NULL;
	}
	return t;
}

void
templates_free(struct templates *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < PAGE__MAX; i++)
		if (t->style[i] != NULL)
			xsltFreeStylesheet(t->style[i]);
	for (i = 0; i < LANG__MAX; i++)
		if (t->strings[i] != NULL)
			xmlFreeDoc(t->strings[i]);
	free(t);
}

/* ---- per request ---------------------------------------------------- */

static int
lang_of(const char *s, enum lang *out)
{
	size_t	i;

	for (i = 0; i < LANG__MAX; i++)
		if (strcmp(s, lang_names[i]) == 0) {
			*out = (enum lang)i;
			return 0;
		}
	return -1;
}

int
view_lang(struct wreq *r, struct resp *w, enum lang *out)
{
	const struct kv	*kv;
	size_t		 i;

	*out = LANG_VI;
	if ((kv = req_arg(r->h, "lang")) != NULL) {
		if (lang_of(kv->val, out) == -1) {
			http_error(r->h, w, HERR_FIELD_INVALID, "lang",
			    "The language is vi or en.",
			    "Ngôn ngữ là vi hoặc en.");
			return -1;
		}
		/* Remembered for the next pages (no sign-in needed). */
		resp_header(r->h, w, "Set-Cookie", arena_printf(r->app.arena,
		    "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax",
		    lang_names[*out]));
		return 0;
	}
	/* The last "lang" cookie that names a language. */
	for (i = r->h->cookies.n; i > 0; i--)
		if (strcmp(r->h->cookies.v[i - 1].key, "lang") == 0 &&
		    lang_of(r->h->cookies.v[i - 1].val, out) == 0)
			break;
	return 0;
}

xmlNodePtr
view_el(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name,
	    (const xmlChar *)text);
}

void
view_attr(xmlNodePtr n, const char *name, const char *value)
{
	if (value != NULL)
		xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

void
view_attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	char	 buf[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	xmlSetProp(n, BAD_CAST name, BAD_CAST buf);
}

const char *
view_text(const struct view *v, const struct i18n *t)
{
	if (v->lang == LANG_EN && t->en != NULL)
		return t->en;
	return t->vi != NULL ? t->vi : t->en;
}

struct view *
view_new(struct wreq *r, enum page p, enum lang lang)
{
	struct view	*v;
	xmlNodePtr	 u;

	if ((unsigned)p >= PAGE__MAX || (unsigned)lang >= LANG__MAX)
		abort();
	v = arena_calloc(r->app.arena, 1, sizeof(*v));
	v->r = r;
	v->page = p;
	v->lang = lang;
	if ((v->doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		abort();
	arena_cleanup(r->app.arena, (void (*)(void *))xmlFreeDoc, v->doc);
	v->root = xmlNewNode(NULL, BAD_CAST "page");
	xmlDocSetRootElement(v->doc, v->root);
	view_attr(v->root, "name", page_names[p]);
	view_attr(v->root, "lang", lang_names[lang]);
	view_attr(v->root, "path", r->h->path);
	if (r->csrf != NULL)
		view_attr(v->root, "csrf", r->csrf);
	if (r->app.actor.kind != ACTOR_ANON && (unsigned)r->app.actor.kind < ACTOR__MAX) {
		u = view_el(v->root, "user", r->app.actor.name);
		view_attr(u, "kind", actor_kind_names[r->app.actor.kind]);
	}
	if (r->templates != NULL && r->templates->strings[lang] != NULL)
		xmlAddChild(v->root, xmlDocCopyNode(xmlDocGetRootElement(
		    r->templates->strings[lang]), v->doc, 1));
	return v;
}

struct xerr {
	char	 buf[512];
	size_t	 n;
};

static void
transform_error(void *arg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
transform_error(void *arg, const char *fmt, ...)
{
	struct xerr	*e = arg;
	va_list		 ap;
	int		 k;

	if (e->n + 1 >= sizeof(e->buf))
		return;
	va_start(ap, fmt);
	k = vsnprintf(e->buf + e->n, sizeof(e->buf) - e->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		e->n = e->n + (size_t)k < sizeof(e->buf) ? e->n + (size_t)k :
		    sizeof(e->buf) - 1;
	for (k = 0; e->buf[k] != '\0'; k++)
		if (e->buf[k] == '\n')
			e->buf[k] = ' ';
}

char *
render_html(const struct templates *t, struct view *v, size_t *len)
{
	static const char	 doctype[] = "<!doctype html>\n";
	xsltStylesheetPtr	 style;
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 res;
	xmlChar			*out = NULL;
	int			 outlen = 0, failed;
	struct xerr		 e;
	char			*html;

	if (t == NULL || (style = t->style[v->page]) == NULL)
		return NULL;
	memset(&e, 0, sizeof(e));
	if ((ctxt = xsltNewTransformContext(style, v->doc)) == NULL)
		abort();
	if (xsltSetCtxtSecurityPrefs(run_prefs, ctxt) != 0)
		abort();
	xsltSetTransformErrorFunc(ctxt, &e, transform_error);
	res = xsltApplyStylesheetUser(style, v->doc, NULL, NULL, NULL, ctxt);
	failed = res == NULL || ctxt->state != XSLT_STATE_OK;
	xsltFreeTransformContext(ctxt);
	if (!failed && xsltSaveResultToString(&out, &outlen, res, style) != 0)
		failed = 1;
	if (res != NULL)
		xmlFreeDoc(res);
	if (failed || out == NULL || outlen < 0) {
		log_msg(LOG_ERROR, "render %s: %s", page_names[v->page],
		    e.n > 0 ? e.buf : "the transform failed");
		xmlFree(out);
		return NULL;
	}
	*len = sizeof(doctype) - 1 + (size_t)outlen;
	html = arena_alloc(v->r->app.arena, *len + 1);
	memcpy(html, doctype, sizeof(doctype) - 1);
	memcpy(html + sizeof(doctype) - 1, out, (size_t)outlen);
	html[*len] = '\0';
	xmlFree(out);
	return html;
}

void
render(struct view *v, struct resp *w, int status)
{
	struct wreq	*r = v->r;
	char		*html;
	size_t		 len;

	if ((html = render_html(r->templates, v, &len)) == NULL) {
		http_error(r->h, w, HERR_INTERNAL, NULL, NULL, NULL);
		return;
	}
	w->status = status;
	w->ctype = "text/html; charset=utf-8";
	resp_write(r->h, w, html, len);
	resp_header(r->h, w, "Content-Language", lang_names[v->lang]);
	resp_header(r->h, w, "Vary", "Cookie");
	/* A page that carries a form token is nobody else's. */
	resp_header(r->h, w, "Cache-Control", r->csrf != NULL ?
	    "no-store" : "no-cache");
	resp_header(r->h, w, "Content-Security-Policy", "default-src 'none'; "
	    "style-src 'self'; img-src 'self' data:; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'");
	resp_header(r->h, w, "Referrer-Policy", "same-origin");
}
