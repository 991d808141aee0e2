/*
 * app.c - the context of the use cases (app.h).
 */
#include "base/arena.h"
#include "base/netaddr.h"
#include "app/app.h"
#include "store/db.h"

void
app_act_as(struct app *app, const struct actor *a)
{
	enum actor_kind	kind = a->kind;

	app->actor = *a;
	/* The second wall: a partner token without dossiers:read reaches
	 * what the anonymous do; its id is a token's, not a user's. */
	if (kind == ACTOR_PARTNER && !(a->scopes & SCOPE(SCOPE_DOSSIERS_READ)))
		kind = ACTOR_ANON;
	db_context(app->db, actor_kind_name(kind),
	    kind == ACTOR_ANON || kind == ACTOR_PARTNER ? 0 : a->user_id,
	    kind == ACTOR_ANON ? 0 : a->unit_id);
}

const char *
app_throttle_addr(struct app *app)
{
	char	buf[NETADDR_GROUP_LEN];
	const char *g = netaddr_group(app->remote_addr, buf);

	return g != NULL ? arena_strdup(app->arena, g) : NULL;
}

enum uc_status
uc_fail(struct uc_error *err, enum uc_status st, const char *field,
    const char *en, const char *vi)
{
	err->field = field;
	err->en = en;
	err->vi = vi;
	return st;
}
