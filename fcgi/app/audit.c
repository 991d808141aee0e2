/*
 * audit.c - audit entries of the use cases (audit.h).
 */
#include <string.h>

#include "app/audit.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/log.h"
#include "core/def.h"

/* The catalogue's ids of the actor's roles, "clerk,principal", or NULL. */
static const char *
role_names(const struct app *app)
{
	const char	*s = NULL;
	size_t		 i;

	if (app->defs == NULL || app->actor.roles == 0)
		return NULL;
	for (i = 0; i < app->defs->nroles && i < ROLE_MAX; i++)
		if (app->actor.roles & ((uint64_t)1 << i))
			s = s == NULL ? app->defs->roles[i].id :
			    arena_printf(app->arena, "%s,%s", s,
			    app->defs->roles[i].id);
	return s;
}

void
app_entry(const struct app *app, struct audit_entry *e, const char *action,
    const char *object, const char *detail_json)
{
	memset(e, 0, sizeof(*e));
	e->actor_id = app->actor.kind != ACTOR_ANON ? app->actor.user_id : 0;
	e->actor_kind = actor_kind_name(app->actor.kind);
	e->action = action;
	e->object = object;
	e->detail_json = detail_json;
	e->request_id = app->request_id;
	e->ip = app->remote_addr;
	e->unit_id = app->actor.unit_id;
	e->role = role_names(app);
}

enum db_status
app_audit(struct app *app, const char *action, const char *object,
    const char *detail_json)
{
	struct audit_entry	e;
	enum db_status		rc;

	app_entry(app, &e, action, object, detail_json);
	if ((rc = audit_add(app->db, &e)) != DB_OK)
		log_msg(LOG_ERROR, "audit: %s not recorded (request %s)",
		    action, app->request_id != NULL ? app->request_id : "-");
	return rc;
}

enum db_status
app_audit_refusal(struct app *app, const char *object,
    const char *detail_json, int *suppressed)
{
	enum db_status	rc;
	int		n;

	*suppressed = 0;
	if (app->actor.kind == ACTOR_ANON && app->remote_addr != NULL) {
		if ((rc = audit_refusal_count(app->db, app_throttle_addr(app),
		    &n)) != DB_OK) {
			log_msg(LOG_ERROR, "audit: refusal not counted "
			    "(request %s)", app->request_id != NULL ?
			    app->request_id : "-");
			return rc;
		}
		if (n > app->cfg->audit_refusals_max) {
			*suppressed = 1;
			return DB_OK;
		}
	}
	return app_audit(app, "access.denied", object, detail_json);
}
