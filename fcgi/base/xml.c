/*
 * xml.c - see xml.h.
 */
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xml.h"

/* Hardened: XML_PARSE_NONET, and neither NOENT nor DTDLOAD nor HUGE. */
#define PARSE_OPTS	(XML_PARSE_NONET | XML_PARSE_NOCDATA | \
			 XML_PARSE_NOBLANKS)

struct errctx {
	xml_err_fn	 fn;
	void		*arg;
	const char	*file;
	int		 n;
	int		 defer;		/* hold errors without a line */
	char		 held[512];
};

static void
structured(void *arg, xmlErrorPtr e)
{
	struct errctx	*c = arg;
	char		 msg[512];
	size_t		 len;
	int		 line;

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "error");
	len = strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		msg[--len] = '\0';
	/* Validation errors may carry the node but no line. */
	line = e->line;
	if (line == 0 && e->node != NULL)
		line = (int)xmlGetLineNo((xmlNodePtr)e->node);
	/*
	 * RELAX NG sends summaries ("Element x failed to validate
	 * attributes") without a node before the detailed error: keep the
	 * first such message, and report it only if nothing better came.
	 */
	if (line <= 0 && c->held[0] == '\0' && c->defer) {
		snprintf(c->held, sizeof(c->held), "%s", msg);
		return;
	}
	c->n++;
	c->fn(c->arg, c->file, line, msg);
}

static int
depth_ok(xmlNodePtr n, int depth)
{
	xmlNodePtr	c;

	if (depth > XML_MAX_DEPTH)
		return 0;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !depth_ok(c, depth + 1))
			return 0;
	return 1;
}

static xmlDocPtr
finish(xmlDocPtr doc, struct errctx *c)
{
	xmlNodePtr	n;

	if (doc == NULL) {
		if (c->n == 0)
			c->fn(c->arg, c->file, 0, "cannot parse");
		return NULL;
	}
	/* DTDs are neither loaded nor used; refuse documents that bring
	 * one, so that no entity can be declared. */
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		c->fn(c->arg, c->file, 1, "a DOCTYPE is not allowed");
		xmlFreeDoc(doc);
		return NULL;
	}
	n = xmlDocGetRootElement(doc);
	if (n == NULL || !depth_ok(n, 1)) {
		c->fn(c->arg, c->file, n ? n->line : 1, n ?
		    "elements nested too deeply" : "no root element");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static xmlDocPtr
read_memory(const char *buf, size_t len, const char *name, int opts,
    xml_err_fn fn, void *arg)
{
	struct errctx	 c = { fn, arg, name, 0, 0, "" };
	xmlParserCtxtPtr ctx;
	xmlDocPtr	 doc;

	if (len > XML_MAX_BYTES) {
		fn(arg, name, 0, "file too large");
		return NULL;
	}
	if ((ctx = xmlNewParserCtxt()) == NULL)
		abort();
	xmlSetStructuredErrorFunc(&c, structured);
	doc = xmlCtxtReadMemory(ctx, buf, (int)len, name, NULL, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	/* Namespace errors leave the document "well-formed": any error
	 * reported is a refusal all the same. */
	if (doc != NULL && (!ctx->wellFormed || c.n > 0)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctx);
	return finish(doc, &c);
}

xmlDocPtr
xml_read_memory(const char *buf, size_t len, const char *name,
    xml_err_fn fn, void *arg)
{
	return read_memory(buf, len, name, PARSE_OPTS, fn, arg);
}

xmlDocPtr
xml_read_exact(const char *buf, size_t len, const char *name,
    xml_err_fn fn, void *arg)
{
	return read_memory(buf, len, name, PARSE_OPTS & ~XML_PARSE_NOBLANKS,
	    fn, arg);
}

xmlDocPtr
xml_read_file(const char *path, xml_err_fn fn, void *arg)
{
	FILE		*f;
	struct stat	 st;
	char		*buf;
	xmlDocPtr	 doc;

	if ((f = fopen(path, "rb")) == NULL) {
		fn(arg, path, 0, "cannot open");
		return NULL;
	}
	if (fstat(fileno(f), &st) == -1 || st.st_size > XML_MAX_BYTES) {
		fclose(f);
		fn(arg, path, 0, "cannot read, or larger than 4 MiB");
		return NULL;
	}
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		abort();
	if (fread(buf, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(buf);
		fclose(f);
		fn(arg, path, 0, "cannot read");
		return NULL;
	}
	fclose(f);
	doc = xml_read_memory(buf, (size_t)st.st_size, path, fn, arg);
	free(buf);
	return doc;
}

struct xml_rng {
	xmlDocPtr	 doc;
	xmlRelaxNGPtr	 schema;
};

struct xml_rng *
xml_rng_load(const char *rng, xml_err_fn fn, void *arg)
{
	struct errctx		 sc = { fn, arg, rng, 0, 0, "" };
	xmlRelaxNGParserCtxtPtr	 pctx;
	struct xml_rng		*r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		abort();
	/* The schema is ours, but read it hardened all the same. */
	if ((r->doc = xml_read_file(rng, fn, arg)) == NULL) {
		free(r);
		return NULL;
	}
	pctx = xmlRelaxNGNewDocParserCtxt(r->doc);
	xmlRelaxNGSetParserStructuredErrors(pctx, structured, &sc);
	r->schema = xmlRelaxNGParse(pctx);
	xmlRelaxNGFreeParserCtxt(pctx);
	if (r->schema == NULL) {
		fn(arg, rng, 0, "the schema does not compile");
		xml_rng_free(r);
		return NULL;
	}
	return r;
}

int
xml_rng_validate(struct xml_rng *r, xmlDocPtr doc, const char *file,
    xml_err_fn fn, void *arg)
{
	struct errctx		 c = { fn, arg, file, 0, 1, "" };
	xmlRelaxNGValidCtxtPtr	 vctx;
	int			 rc;

	vctx = xmlRelaxNGNewValidCtxt(r->schema);
	xmlRelaxNGSetValidStructuredErrors(vctx, structured, &c);
	rc = xmlRelaxNGValidateDoc(vctx, doc);
	xmlRelaxNGFreeValidCtxt(vctx);
	if (rc != 0 && c.n == 0)
		fn(arg, file, 0, c.held[0] != '\0' ? c.held :
		    "does not match its schema");
	return rc == 0 ? 0 : -1;
}

void
xml_rng_free(struct xml_rng *r)
{
	if (r == NULL)
		return;
	if (r->schema != NULL)
		xmlRelaxNGFree(r->schema);
	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	free(r);
}

int
xml_validate_rng(xmlDocPtr doc, const char *rng, const char *file,
    xml_err_fn fn, void *arg)
{
	struct xml_rng	*r;
	int		 rc;

	if ((r = xml_rng_load(rng, fn, arg)) == NULL)
		return -1;
	rc = xml_rng_validate(r, doc, file, fn, arg);
	xml_rng_free(r);
	return rc;
}

char *
xml_attr(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

int
xml_is(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr
xml_next(xmlNodePtr n)
{
	for (n = n->next; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr
xml_first(xmlNodePtr n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr
xml_child(xmlNodePtr n, const char *name)
{
	for (n = xml_first(n); n != NULL; n = xml_next(n))
		if (xml_is(n, name))
			return n;
	return NULL;
}
