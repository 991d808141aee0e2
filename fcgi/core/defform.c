/*
 * defform.c - form_compile(): forms/NAME.xml -> struct form.
 *
 * The schema (schemas/form.rng) has checked the shape; this checks what
 * it cannot, and reports every problem (never only the first): ids
 * unique, both languages present, attributes that fit the field's type,
 * bounds that parse as the type and are in order, patterns that
 * compile, prefill sources, columns and keys that exist, required-if
 * guards that type-check against the whole form (so they are compiled
 * after every field is read).  This file: the form and its sections,
 * called by defs_load(); deffield.c: each field, called from here.
 */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/xml.h"
#include "core/defform_int.h"
#include "core/defload_int.h"
#include "core/guard.h"

#define FORM_MAX_FIELDS		256

/* A new, zeroed form at the end of defs->forms.  Forms stay in the
 * pool, so that defs_free() releases them even after errors. */
static struct form *
new_form(struct defs *defs)
{
	size_t	sz = sizeof(*defs->forms);

	defs->forms = arena_grow(def_pool(defs), defs->forms,
	    defs->nforms * sz, (defs->nforms + 1) * sz);
	memset(&defs->forms[defs->nforms], 0, sz);
	return &defs->forms[defs->nforms++];
}

void
form_compile(struct defs *defs, xmlDocPtr doc, const char *file,
    const char *digest, struct diags *d)
{
	struct fc	 c;
	struct form	*f;
	xmlNodePtr	 root, s, n;
	char		 what[96];
	size_t		 nsec = 0, nfld = 0, i;

	root = xmlDocGetRootElement(doc);
	for (s = xml_first(root); s != NULL; s = xml_next(s))
		if (xml_is(s, "section")) {
			nsec++;
			for (n = xml_first(s); n != NULL; n = xml_next(n))
				nfld += xml_is(n, "field");
		}
	f = new_form(defs);
	memset(&c, 0, sizeof(c));
	c.defs = defs;
	c.f = f;
	c.file = file;
	c.d = d;
	if ((f->id = def_attr(defs, root, "id")) == NULL)
		f->id = "";
	f->file = def_strdup(defs, file);
	snprintf(f->digest, sizeof(f->digest), "%s", digest);
	snprintf(what, sizeof(what), "form \"%s\"", f->id);
	for (i = 0; i + 1 < defs->nforms; i++)
		if (strcmp(defs->forms[i].id, f->id) == 0)
			diags_add(d, file, root->line, "%s: declared twice "
			    "(also in %s)", what, defs->forms[i].file);
	f->title = form_texts(&c, root, "title", 0, what);
	if (nfld > FORM_MAX_FIELDS) {
		diags_add(d, file, root->line, "%s: more than %d fields",
		    what, FORM_MAX_FIELDS);
		return;
	}
	f->sections = arena_calloc(def_pool(defs), nsec ? nsec : 1,
	    sizeof(*f->sections));
	f->fields = arena_calloc(def_pool(defs), nfld ? nfld : 1,
	    sizeof(*f->fields));
	c.reqif = arena_calloc(def_pool(defs), nfld ? nfld : 1,
	    sizeof(*c.reqif));
	c.key = arena_calloc(def_pool(defs), nfld ? nfld : 1,
	    sizeof(*c.key));
	for (s = xml_first(root); s != NULL; s = xml_next(s)) {
		struct section *sec;

		if (!xml_is(s, "section"))
			continue;
		sec = &f->sections[f->nsections];
		if ((sec->id = def_attr(defs, s, "id")) == NULL)
			sec->id = "";
		snprintf(what, sizeof(what), "section \"%s\"", sec->id);
		for (i = 0; i < f->nsections; i++)
			if (strcmp(f->sections[i].id, sec->id) == 0)
				diags_add(d, file, s->line, "%s: declared "
				    "twice", what);
		sec->title = form_texts(&c, s, "title", 0, what);
		for (n = xml_first(s); n != NULL; n = xml_next(n))
			if (xml_is(n, "field")) {
				field_compile(&c, n, f->nsections, f->nfields);
				f->nfields++;
			}
		f->nsections++;
	}
	fields_finish(&c);
}

void
form_release(struct form *f)
{
	size_t	k;

	for (k = 0; k < f->nfields; k++) {
		if (f->fields[k].pattern != NULL) {
			regfree(f->fields[k].pattern);
			free(f->fields[k].pattern);
			f->fields[k].pattern = NULL;
		}
		if (f->fields[k].required_if != NULL) {
			guard_free(f->fields[k].required_if);
			f->fields[k].required_if = NULL;
		}
	}
}
