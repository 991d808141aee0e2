/*
 * world.c - see world.h.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify/texts.h"
#include "base/config.h"
#include "base/hash.h"
#include "base/log.h"
#include "core/calendar.h"
#include "core/def.h"
#include "doc/doc.h"
#include "web/render.h"
#include "web/web.h"
#include "web/world.h"

#define DEF_FILE_MAX	(1 << 20)

/* A path without its directories. */
static const char *
base_name(const char *name)
{
	const char	*p;

	for (p = name; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			name = p + 1;
	return name;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	long	 sz;

	if (path == NULL || (f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (sz = ftell(f)) >= 0 &&
	    sz <= DEF_FILE_MAX && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)sz + 1)) != NULL) {
		if (fread(buf, 1, (size_t)sz, f) != (size_t)sz) {
			free(buf);
			buf = NULL;
		} else {
			buf[sz] = '\0';
			*len = (size_t)sz;
		}
	}
	fclose(f);
	return buf;
}

/* The XML of a workflow and its form, if they still have its digest. */
static char *
def_content(const struct workflow *wf)
{
	char		 hw[SHA256_HEX_LEN + 1], hf[SHA256_HEX_LEN + 1];
	char		 both[2 * SHA256_HEX_LEN + 1];
	char		 digest[SHA256_HEX_LEN + 1];
	char		*xw, *xf, *out = NULL;
	size_t		 lw = 0, lf = 0;
	json_t		*j;

	xw = slurp(wf->file, &lw);
	xf = slurp(wf->form->file, &lf);
	if (xw != NULL && xf != NULL) {
		sha256_hex(xw, lw, hw);
		sha256_hex(xf, lf, hf);
		snprintf(both, sizeof(both), "%s%s", hw, hf);
		sha256_hex(both, strlen(both), digest);
		if (strcmp(digest, wf->digest) == 0 &&
		    (j = json_pack("{s:{s:s, s:s}, s:{s:s, s:s}}",
		    "workflow", "file", base_name(wf->file), "xml", xw,
		    "form", "file", base_name(wf->form->file),
		    "xml", xf)) != NULL) {
			out = json_dumps(j, JSON_COMPACT);
			json_decref(j);
		}
	}
	free(xw);
	free(xf);
	if (out == NULL)
		log_msg(LOG_WARN, "definition %s of %s: its XML is not kept",
		    wf->digest, wf->code);
	return out;
}

static void
texts_load(struct world *w)
{
	size_t	i;

	for (i = 0; i < w->defs->nworkflows; i++)
		w->defs->workflows[i].content =
		    def_content(&w->defs->workflows[i]);
}

/* ---- page allowlists from the forms ------------------------------- */

/*
 * A form field as a page parameter: its kind, whether it repeats, and
 * its bound in bytes before normalization (params.c): four bytes a
 * character of its maxlen, else what its type can hold.
 */
static struct param
field_param(const struct field *f)
{
	static const size_t bound[FT__MAX] = {
		[FT_TEXT] = 1024, [FT_TEXTAREA] = 8000, [FT_INTEGER] = 32,
		[FT_DECIMAL] = 64, [FT_DATE] = 16, [FT_SELECT] = 0,
		[FT_RADIO] = 0, [FT_CHECKBOX] = 0, [FT_BOOLEAN] = 8,
		[FT_CCCD] = 32, [FT_PHONE] = 32, [FT_EMAIL] = 254,
		[FT_UNIT] = 32, [FT_FILE] = 0,
	};
	struct param	p = { f->id, PT_TEXT, bound[f->type], 0 };
	size_t		i, n;

	if (f->type == FT_FILE) {
		p.type = PT_FILE;
		p.flags = PF_MULTI;
		return p;
	}
	if (f->type == FT_CHECKBOX)
		p.flags = PF_MULTI;
	for (i = 0; i < f->noptions; i++)
		if ((n = strlen(f->options[i].value)) > p.max)
			p.max = n;
	if (f->maxlen > 0)
		p.max = 4 * f->maxlen;
	if (p.max == 0)
		p.max = 64;
	return p;
}

/* Add the typed-in fields of fm to the list (a field twice: the larger
 * bound, repeated if either repeats). */
static void
add_fields(struct param *list, size_t *n, const struct form *fm)
{
	struct param	p;
	size_t		i, k;

	for (k = 0; k < fm->nfields; k++) {
		if (fm->fields[k].readonly)
			continue;
		p = field_param(&fm->fields[k]);
		for (i = 0; i < *n && strcmp(list[i].name, p.name) != 0; i++)
			continue;
		if (i == *n)
			list[(*n)++] = p;
		else if (list[i].type == p.type) {
			if (p.max > list[i].max)
				list[i].max = p.max;
			list[i].flags |= p.flags;
		}
	}
}

/* The route's own parameters, then the fields; NULL-terminated. */
static struct param *
compile_list(struct param *out, const struct param *base,
    const struct form *const *forms, size_t nforms)
{
	size_t	n = 0, i;

	for (; base->name != NULL; base++)
		out[n++] = *base;
	for (i = 0; i < nforms; i++)
		add_fields(out, &n, forms[i]);
	memset(&out[n], 0, sizeof(out[n]));
	return out;
}

static size_t
nparams(const struct param *p)
{
	size_t	n = 0;

	while (p[n].name != NULL)
		n++;
	return n;
}

/*
 * A form field with the name of a page's own parameter would be
 * ambiguous: the pages that take a form's fields (the application and
 * a dossier's action, whose lists world_endpoint compiles) reserve
 * their own query and body parameters, read from the route table.
 */
static const enum route_id field_pages[] = {
	ROUTE_PAGE_APPLY,
	ROUTE_PAGE_DOSSIER_ACT,
};

static int
in_list(const struct param *p, const char *id)
{
	for (; p != NULL && p->name != NULL; p++)
		if (strcmp(p->name, id) == 0)
			return 1;
	return 0;
}

static int
page_param(const char *id)
{
	const struct endpoint	*ep;
	size_t			 i;

	for (i = 0; i < sizeof(field_pages) / sizeof(field_pages[0]); i++) {
		ep = &routes[field_pages[i]].ep;
		if (in_list(ep->query, id) || in_list(ep->body, id))
			return 1;
	}
	return 0;
}

int
world_check_fields(const struct defs *defs, struct diags *d)
{
	const struct form	*f;
	size_t			 i, k;
	int			 bad = 0;

	for (i = 0; i < defs->nforms; i++) {
		f = &defs->forms[i];
		for (k = 0; k < f->nfields; k++)
			if (page_param(f->fields[k].id)) {
				diags_add(d, f->file, f->fields[k].line,
				    "field \"%s\": the pages use this name "
				    "for their own parameter; choose another "
				    "id", f->fields[k].id);
				bad = 1;
			}
	}
	return bad ? -1 : 0;
}

/* The compiled endpoints of the pages that take a form's fields. */
static void
endpoints_load(struct world *w)
{
	const struct endpoint *ea = &routes[ROUTE_PAGE_APPLY].ep;
	const struct endpoint *ex = &routes[ROUTE_PAGE_DOSSIER_ACT].ep;
	const struct defs *defs = w->defs;
	const struct form **all;
	struct param	*pool, *next;
	size_t		 nf = 0, i, cap;

	for (i = 0; i < defs->nforms; i++)
		nf += defs->forms[i].nfields;
	cap = (defs->nworkflows + 1) * (nparams(ea->body) + nparams(ex->body)
	    + nf + 2);
	if ((pool = calloc(cap, sizeof(*pool))) == NULL ||
	    (w->apply = calloc(defs->nworkflows + 1, sizeof(*w->apply))) ==
	    NULL || (w->act = calloc(1, sizeof(*w->act))) == NULL ||
	    (all = calloc(defs->nforms + 1, sizeof(*all))) == NULL)
		abort();
	w->params = pool;
	for (i = 0; i < defs->nforms; i++)
		all[i] = &defs->forms[i];
	next = pool;
	for (i = 0; i < defs->nworkflows; i++) {
		w->apply[i] = *ea;
		w->apply[i].body = compile_list(next, ea->body,
		    &defs->workflows[i].form, 1);
		next += nparams(next) + 1;
	}
	*w->act = *ex;
	w->act->body = compile_list(next, ex->body, all, defs->nforms);
	free(all);
}

const struct endpoint *
world_endpoint(const struct world *w, const struct route *rt,
    const char *service)
{
	size_t	i;

	if (rt == &routes[ROUTE_PAGE_DOSSIER_ACT] && w->act != NULL)
		return w->act;
	if (rt == &routes[ROUTE_PAGE_APPLY] && w->apply != NULL &&
	    service != NULL)
		for (i = 0; i < w->defs->nworkflows; i++)
			if (strcmp(w->defs->workflows[i].code, service) == 0)
				return &w->apply[i];
	return &rt->ep;
}

int
world_load(const struct config *cfg, struct world *w)
{
	char		 forms[4096], workflows[4096], schemas[4096], cal[4096];
	char		 templates[4096], texts[4096];
	const char	*paths[2] = { forms, workflows };
	struct diags	 d = { NULL, 0, 0 };
	size_t		 i;

	memset(w, 0, sizeof(*w));
	snprintf(forms, sizeof(forms), "%s/forms", cfg->root);
	snprintf(workflows, sizeof(workflows), "%s/workflows", cfg->root);
	snprintf(schemas, sizeof(schemas), "%s/schemas", cfg->root);
	snprintf(templates, sizeof(templates), "%s/templates", cfg->root);
	if (cfg->calendar[0] == '/')
		snprintf(cal, sizeof(cal), "%s", cfg->calendar);
	else
		snprintf(cal, sizeof(cal), "%s/%s", cfg->root, cfg->calendar);
	w->defs = defs_load(paths, 2, schemas, &d);
	w->cal = calendar_load(cal, &d);
	w->templates = templates_load(templates, &d);
	snprintf(texts, sizeof(texts), "%s/templates/notifications", cfg->root);
	w->notify = notify_texts_load(texts);
	snprintf(templates, sizeof(templates), "%s/templates/documents",
	    cfg->root);
	if (w->defs != NULL)
		w->docs = doc_templates_load(templates, w->defs, &d);
	if (w->defs != NULL && world_check_fields(w->defs, &d) == 0)
		endpoints_load(w);
	if (w->defs == NULL || w->cal == NULL || w->templates == NULL ||
	    w->notify == NULL || w->docs == NULL || d.n > 0) {
		for (i = 0; i < d.n; i++)
			log_msg(LOG_ERROR, "%s:%d: %s", d.v[i].file,
			    d.v[i].line, d.v[i].msg);
		diags_free(&d);
		world_free(w);
		return -1;
	}
	texts_load(w);
	log_msg(LOG_INFO, "loaded %zu forms and %zu workflows, calendar %s, "
	    "%d page stylesheets", w->defs->nforms, w->defs->nworkflows, cal,
	    PAGE__MAX);
	return 0;
}

void
world_free(struct world *w)
{
	size_t	i;

	for (i = 0; w->defs != NULL && i < w->defs->nworkflows; i++)
		free(w->defs->workflows[i].content);
	free(w->apply);
	free(w->act);
	free(w->params);
	defs_free(w->defs);
	calendar_free(w->cal);
	templates_free(w->templates);
	notify_texts_free(w->notify);
	doc_templates_free(w->docs);
	memset(w, 0, sizeof(*w));
}
