/*
 * world.c - see world.h.
 */
#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/log.h"
#include "core/calendar.h"
#include "core/def.h"
#include "render.h"
#include "world.h"

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
	log_msg(LOG_INFO, "loaded %zu forms and %zu workflows, calendar %s, "
	    "%d page stylesheets", w->defs->nforms, w->defs->nworkflows, cal,
	    PAGE__MAX);
	return 0;
}

void
world_free(struct world *w)
{
	defs_free(w->defs);
	calendar_free(w->cal);
	templates_free(w->templates);
	memset(w, 0, sizeof(*w));
}
