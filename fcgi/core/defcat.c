/*
 * defcat.c - catalogue_compile(): the roles of staff (indices from 1;
 * 0 is the applicant, set by defs_load) and the kinds of documents
 * services issue, from workflows/catalogue.xml.
 *
 * The schema (schemas/catalogue.rng) has checked the shape; this checks
 * what it cannot: ids unique, "applicant" not declared, at most
 * ROLE_MAX roles, every name in both languages, each once.  Called by
 * defs_load() first; it calls only defxml.c.
 */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/xml.h"
#include "core/defload_int.h"
#include "core/defxml_int.h"

/* The catalogue being compiled. */
struct cc {
	struct defs	*defs;
	const char	*file;
	struct diags	*d;
};

/* "department school" -> 1 << UK_DEPARTMENT | 1 << UK_SCHOOL. */
static unsigned
unit_kinds(const char *list, const char *file, int line, const char *what,
    struct diags *d)
{
	unsigned	 mask = 0;
	size_t		 len, k;

	while (*list != '\0') {
		list += strspn(list, " \t\r\n");
		if ((len = strcspn(list, " \t\r\n")) == 0)
			break;
		for (k = 0; k < UK__MAX; k++)
			if (strlen(unit_kind_names[k]) == len &&
			    strncmp(list, unit_kind_names[k], len) == 0)
				break;
		if (k == UK__MAX)
			diags_add(d, file, line, "%s: unknown unit kind "
			    "\"%.*s\"", what, (int)len, list);
		else if (mask & (1u << k))
			diags_add(d, file, line, "%s: unit kind \"%s\" given "
			    "twice", what, unit_kind_names[k]);
		else
			mask |= 1u << k;
		list += len;
	}
	if (mask == 0)
		diags_add(d, file, line, "%s: no unit kind", what);
	return mask;
}

static void
role_compile(struct cc *c, xmlNodePtr n)
{
	struct defs	*defs = c->defs;
	const char	*file = c->file;
	struct diags	*d = c->d;
	struct role	 r;
	char		 what[128], *units;
	size_t		 i;

	memset(&r, 0, sizeof(r));
	if ((r.id = def_attr(defs, n, "id")) == NULL) {
		diags_add(d, file, n->line, "role: no id");
		return;
	}
	snprintf(what, sizeof(what), "role \"%s\"", r.id);
	r.name = def_texts(defs, file, d, n, "name", 0, what);
	if ((units = def_attr(defs, n, "units")) == NULL)
		diags_add(d, file, n->line, "%s: no units", what);
	else
		r.unit_kinds = unit_kinds(units, file, n->line, what, d);

	if (strcmp(r.id, defs->roles[ROLE_APPLICANT].id) == 0) {
		diags_add(d, file, n->line, "%s: built in, must not be "
		    "declared", what);
		return;
	}
	for (i = 0; i < defs->nroles; i++)
		if (strcmp(defs->roles[i].id, r.id) == 0) {
			diags_add(d, file, n->line, "%s: declared twice",
			    what);
			return;
		}
	if (defs->nroles == ROLE_MAX) {
		diags_add(d, file, n->line, "%s: more than %d roles "
		    "(ROLE_MAX, with the applicant)", what, ROLE_MAX);
		return;
	}
	defs->roles[defs->nroles++] = r;
}

static void
doc_compile(struct cc *c, xmlNodePtr n, size_t max)
{
	struct defs	*defs = c->defs;
	struct diags	*d = c->d;
	struct doc_kind	 k;
	const char	*v;
	char		 what[128];
	size_t		 i;

	memset(&k, 0, sizeof(k));
	if ((k.id = def_attr(defs, n, "id")) == NULL) {
		diags_add(d, c->file, n->line, "document: no id");
		return;
	}
	snprintf(what, sizeof(what), "document \"%s\"", k.id);
	k.name = def_texts(defs, c->file, d, n, "name", 0, what);
	k.result = (v = def_attr(defs, n, "result")) != NULL &&
	    strcmp(v, "true") == 0;
	k.records = def_attr(defs, n, "records");
	k.records_key = def_attr(defs, n, "records-key");
	for (i = 0; i < defs->ndocs; i++)
		if (strcmp(defs->docs[i].id, k.id) == 0) {
			diags_add(d, c->file, n->line, "%s: declared twice",
			    what);
			return;
		}
	if (defs->ndocs < max)
		defs->docs[defs->ndocs++] = k;
}

void
catalogue_compile(struct defs *defs, xmlDocPtr doc, const char *file,
    struct diags *d)
{
	struct cc	 c;
	xmlNodePtr	 root, n;
	size_t		 ndocs = 0;

	memset(&c, 0, sizeof(c));
	c.defs = defs;
	c.file = file;
	c.d = d;
	root = xmlDocGetRootElement(doc);
	if (defs->nroles > 1 || defs->docs != NULL) {
		diags_add(d, file, root->line, "a second catalogue: there "
		    "must be one");
		return;
	}
	for (n = xml_first(root); n != NULL; n = xml_next(n))
		if (xml_is(n, "document"))
			ndocs++;
	defs->docs = arena_calloc(def_pool(defs), ndocs ? ndocs : 1,
	    sizeof(*defs->docs));
	for (n = xml_first(root); n != NULL; n = xml_next(n)) {
		if (xml_is(n, "role"))
			role_compile(&c, n);
		else if (xml_is(n, "document"))
			doc_compile(&c, n, ndocs);
		else
			diags_add(d, file, n->line, "unknown element <%s>",
			    (const char *)n->name);
	}
}
