/*
 * notices.c - reading the notifications of a dossier.  See notify.h.
 */
#include <string.h>

#include "app/dossier_int.h"
#include "app/notify.h"
#include "store/notifications.h"

enum uc_status
uc_dossier_notifications(struct app *app, const char *code,
    struct notification **out, size_t *n, struct uc_error *err)
{
	struct dossier_view_full v;
	enum uc_status	 us;
	enum db_status	 rc;

	*out = NULL;
	*n = 0;
	if ((us = uc_get(app, code, &v, err)) != UC_OK)
		return us;
	if ((rc = notifications_of(app->db, app->arena, v.d.id, 0, out,
	    n)) != DB_OK)
		return uc_db_fail(err, rc);
	return UC_OK;
}
