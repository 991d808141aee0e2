/*
 * actor.c - the names of actor kinds and partner scopes (actor.h).
 */
#include "core/actor.h"

const char *const actor_kind_names[ACTOR__MAX] = {
	[ACTOR_ANON] = "anonymous",
	[ACTOR_CITIZEN] = "citizen",
	[ACTOR_STAFF] = "staff",
	[ACTOR_INSPECTOR] = "inspector",
	[ACTOR_PARTNER] = "partner",
	[ACTOR_OPERATOR] = "operator",
	[ACTOR_SYSTEM] = "system",
};

const char *const scope_names[SCOPE__MAX] = {
	[SCOPE_LOOKUP] = "lookup",
	[SCOPE_DOSSIERS_READ] = "dossiers:read",
	[SCOPE_DOSSIERS_WRITE] = "dossiers:write",
};

const char *
actor_kind_name(enum actor_kind k)
{
	return (unsigned)k < ACTOR__MAX ? actor_kind_names[k] :
	    actor_kind_names[ACTOR_ANON];
}
