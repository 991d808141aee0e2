/*
 * facts.c - the facts a document template reads (doc.h):
 *
 *   <facts xmlns="urn:motcua:doc:1">
 *     <document kind= name= result-code= serial= verification-code=
 *               verify-url= issued-at=/>
 *     <issuer unit-code= unit-name= signer-name= signer-title=/>
 *     <dossier code= service= service-name= received-at=/>
 *     <action id= label=><comment>..</comment><reason>..</reason></action>
 *     <field id= label=><value>..</value>...</field>...
 *     <records name="grades"><grade school-year= .../>...</records>
 *   </facts>
 *
 * Nothing here knows a kind, a service or a field: the templates do.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "base/arena.h"
#include "doc/doc.h"

static void
attr(xmlNodePtr n, const char *name, const char *v)
{
	if (v != NULL)
		xmlSetProp(n, BAD_CAST name, BAD_CAST v);
}

static xmlNodePtr
child(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name,
	    text != NULL ? BAD_CAST text : NULL);
}

static void
fields(xmlNodePtr root, const struct doc_facts *f)
{
	xmlNodePtr	 n;
	size_t		 i, j;

	for (i = 0; i < f->nfields; i++) {
		n = child(root, "field", NULL);
		attr(n, "id", f->fields[i].id);
		attr(n, "label", f->fields[i].label);
		for (j = 0; j < f->fields[i].nvalues; j++)
			child(n, "value", f->fields[i].values[j]);
	}
}

static void
records(xmlNodePtr root, const struct doc_facts *f)
{
	xmlNodePtr	 r, n;
	size_t		 i, k;

	if (f->records == NULL)
		return;
	r = child(root, "records", NULL);
	attr(r, "name", f->records);
	for (i = 0; i < f->nrows; i++) {
		n = child(r, f->rows[i].name, NULL);
		for (k = 0; k < DOC_ROW_ATTRS && f->rows[i].attr[k][0]; k++)
			attr(n, f->rows[i].attr[k][0], f->rows[i].attr[k][1]);
	}
}

/* The attributes of <document>, <issuer> and <dossier>, in order. */
#define A(e, n, m)	{ e, n, offsetof(struct doc_facts, m) }
static const struct {
	const char	*elem, *name;
	size_t		 off;
} attrs[] = {
	A("document", "kind", kind), A("document", "name", kind_name),
	A("document", "result-code", result_code),
	A("document", "serial", serial),
	A("document", "verification-code", verification_code),
	A("document", "verify-url", verify_url),
	A("document", "issued-at", issued_at),
	A("issuer", "unit-code", unit_code), A("issuer", "unit-name", unit_name),
	A("issuer", "signer-name", signer_name),
	A("issuer", "signer-title", signer_title),
	A("dossier", "code", dossier_code), A("dossier", "service", service),
	A("dossier", "service-name", service_name),
	A("dossier", "received-at", received_at),
};
#undef A

char *
doc_facts_xml(struct arena *a, const struct doc_facts *f, size_t *len)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n = NULL;
	xmlChar		*buf = NULL;
	char		*out;
	size_t		 i;
	int		 sz = 0;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		abort();
	root = xmlNewNode(NULL, BAD_CAST "facts");
	xmlSetNs(root, xmlNewNs(root, BAD_CAST DOC_NS, NULL));
	xmlDocSetRootElement(doc, root);

	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (i == 0 || strcmp(attrs[i].elem, attrs[i - 1].elem) != 0)
			n = child(root, attrs[i].elem, NULL);
		attr(n, attrs[i].name,
		    *(const char *const *)((const char *)f + attrs[i].off));
	}
	n = child(root, "action", NULL);
	attr(n, "id", f->action);
	attr(n, "label", f->action_label);
	if (f->comment != NULL)
		child(n, "comment", f->comment);
	if (f->reason != NULL)
		child(n, "reason", f->reason);
	fields(root, f);
	records(root, f);

	xmlDocDumpMemoryEnc(doc, &buf, &sz, "UTF-8");
	xmlFreeDoc(doc);
	if (buf == NULL || sz <= 0)
		abort();
	out = arena_strndup(a, (const char *)buf, (size_t)sz);
	*len = (size_t)sz;
	xmlFree(buf);
	return out;
}
