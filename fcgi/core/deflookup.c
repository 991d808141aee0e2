/*
 * deflookup.c - the lookups of def.h over compiled definitions: a
 * workflow by code, a form, field, state, action or role by id.  The
 * tables are small; a linear search is enough.  Used by the compilers
 * and by everything above core alike; it calls nothing.
 */
#include <string.h>

#include "core/def.h"

const struct workflow *
defs_workflow(const struct defs *defs, const char *code)
{
	size_t	i;

	for (i = 0; i < defs->nworkflows; i++)
		if (strcmp(defs->workflows[i].code, code) == 0)
			return &defs->workflows[i];
	return NULL;
}

const struct form *
defs_form(const struct defs *defs, const char *id)
{
	size_t	i;

	for (i = 0; i < defs->nforms; i++)
		if (strcmp(defs->forms[i].id, id) == 0)
			return &defs->forms[i];
	return NULL;
}

size_t
form_field(const struct form *f, const char *id)
{
	size_t	i;

	for (i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].id, id) == 0)
			return i;
	return DEF_NONE;
}

size_t
wf_state(const struct workflow *wf, const char *id)
{
	size_t	i;

	for (i = 0; i < wf->nstates; i++)
		if (strcmp(wf->states[i].id, id) == 0)
			return i;
	return DEF_NONE;
}

size_t
wf_action(const struct workflow *wf, const char *id)
{
	size_t	i;

	for (i = 0; i < wf->nactions; i++)
		if (strcmp(wf->actions[i].id, id) == 0)
			return i;
	return DEF_NONE;
}

size_t
defs_role(const struct defs *defs, const char *id)
{
	size_t	i;

	for (i = 0; i < defs->nroles; i++)
		if (strcmp(defs->roles[i].id, id) == 0)
			return i;
	return DEF_NONE;
}
