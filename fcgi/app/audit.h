/*
 * audit.h - the one way the use cases write the audit trail.
 *
 * app_entry() makes the entry of an action by app->actor (request id
 * and address from the context); pass it to the store function that
 * makes the change, which writes it in the change's transaction
 * (store/audit.h).  app_audit() writes one on its own: refusals, reads,
 * attempts that change nothing.
 */
#ifndef MOTCUA_APP_AUDIT_H
#define MOTCUA_APP_AUDIT_H

#include "app/app.h"
#include "store/audit.h"

/* detail_json: a JSON object as text, or NULL. */
void		app_entry(const struct app *, struct audit_entry *,
		    const char *action, const char *object,
		    const char *detail_json);

/* DB_OK, or the failure (logged with the request id). */
enum db_status	app_audit(struct app *, const char *action,
		    const char *object, const char *detail_json);

/*
 * A refusal ("access.denied"), as app_audit().  Anyone may be refused
 * as often as they like and the log is append-only, so the refusals of
 * an anonymous actor are written at most MOTCUA_AUDIT_REFUSALS_PER_MINUTE
 * times per address and minute; *suppressed is 1 for one that was only
 * counted (the caller counts it in /metrics), else 0.
 */
enum db_status	app_audit_refusal(struct app *, const char *object,
		    const char *detail_json, int *suppressed);

#endif
