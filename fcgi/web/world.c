/*
 * world.c - see world.h.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/hash.h"
#include "base/log.h"
#include "core/calendar.h"
#include "core/def.h"
#include "web/render.h"
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

int
world_load(const struct config *cfg, struct world *w)
{
	char		 forms[4096], workflows[4096], schemas[4096], cal[4096];
	char		 templates[4096];
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
	if (w->defs == NULL || w->cal == NULL || w->templates == NULL ||
	    d.n > 0) {
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
	defs_free(w->defs);
	calendar_free(w->cal);
	templates_free(w->templates);
	memset(w, 0, sizeof(*w));
}
