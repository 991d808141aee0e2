/*
 * render.c - the document templates (doc.h): templates/documents/
 * KIND.xsl for each kind of the catalogue, parsed hardened
 * (base/xml.h) and compiled once; at transform time a template may read
 * and write nothing (every security preference forbids), so it sees
 * only its facts.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "base/arena.h"
#include "base/log.h"
#include "base/xml.h"
#include "core/def.h"
#include "doc/doc.h"

struct doc_templates {
	xsltStylesheetPtr	*style;		/* by defs->docs index */
	size_t			 n;
	xsltSecurityPrefsPtr	 prefs;
};

static const xsltSecurityOption forbidden[] = {
	XSLT_SECPREF_READ_FILE, XSLT_SECPREF_WRITE_FILE,
	XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
	XSLT_SECPREF_WRITE_NETWORK,
};

static void
note(void *arg, const char *file, int line, const char *msg)
{
	diags_add(arg, file, line, "%s", msg);
}

struct doc_templates *
doc_templates_load(const char *dir, const struct defs *defs, struct diags *d)
{
	struct doc_templates	*t;
	char			 path[PATH_MAX];
	xmlDocPtr		 doc;
	size_t			 i, n0 = d->n;

	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->style = calloc(defs->ndocs + 1, sizeof(*t->style))) == NULL ||
	    (t->prefs = xsltNewSecurityPrefs()) == NULL)
		abort();
	t->n = defs->ndocs;
	for (i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++)
		if (xsltSetSecurityPrefs(t->prefs, forbidden[i],
		    xsltSecurityForbid) != 0)
			abort();
	for (i = 0; i < defs->ndocs; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s.xsl", dir,
		    defs->docs[i].id) >= sizeof(path)) {
			diags_add(d, dir, 0, "path too long");
			continue;
		}
		if ((doc = xml_read_file(path, note, d)) == NULL) {
			diags_add(d, path, 0, "document \"%s\" has no template "
			    "(a kind of the catalogue needs one)",
			    defs->docs[i].id);
			continue;
		}
		/* The stylesheet owns doc from here, even on failure. */
		if ((t->style[i] = xsltParseStylesheetDoc(doc)) == NULL)
			diags_add(d, path, 1, "not a valid XSLT stylesheet");
	}
	if (d->n != n0) {
		doc_templates_free(t);
		return NULL;
	}
	return t;
}

void
doc_templates_free(struct doc_templates *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		if (t->style[i] != NULL)
			xsltFreeStylesheet(t->style[i]);
	free(t->style);
	if (t->prefs != NULL)
		xsltFreeSecurityPrefs(t->prefs);
	free(t);
}

static void
log_note(void *arg, const char *file, int line, const char *msg)
{
	(void)arg;
	log_msg(LOG_ERROR, "%s:%d: %s", file, line, msg);
}

char *
doc_render(const struct doc_templates *t, size_t kind, const char *facts,
    size_t flen, struct arena *a, size_t *len)
{
	xsltTransformContextPtr	 ctxt = NULL;
	xmlDocPtr		 in = NULL, res = NULL;
	xmlChar			*buf = NULL;
	char			*out = NULL;
	int			 sz = 0;

	if (t == NULL || kind >= t->n || t->style[kind] == NULL)
		return NULL;
	if ((in = xml_read_memory(facts, flen, "facts", log_note,
	    NULL)) == NULL)
		goto fail;
	if ((ctxt = xsltNewTransformContext(t->style[kind], in)) == NULL)
		abort();
	if (xsltSetCtxtSecurityPrefs(t->prefs, ctxt) != 0)
		goto fail;
	res = xsltApplyStylesheetUser(t->style[kind], in, NULL, NULL, NULL,
	    ctxt);
	if (res == NULL || ctxt->state == XSLT_STATE_ERROR ||
	    ctxt->state == XSLT_STATE_STOPPED ||
	    xmlDocGetRootElement(res) == NULL) {
		log_msg(LOG_ERROR, "document template %zu failed", kind);
		goto fail;
	}
	if (xsltSaveResultToString(&buf, &sz, res, t->style[kind]) != 0 ||
	    buf == NULL || sz <= 0)
		goto fail;
	out = arena_strndup(a, (const char *)buf, (size_t)sz);
	*len = (size_t)sz;
fail:
	xmlFree(buf);
	if (res != NULL)
		xmlFreeDoc(res);
	if (ctxt != NULL)
		xsltFreeTransformContext(ctxt);
	if (in != NULL)
		xmlFreeDoc(in);
	return out;
}
