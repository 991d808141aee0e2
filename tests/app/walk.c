/*
 * walk.c - the use cases without FastCGI: a program that loads the
 * definitions and calls the application layer (app/) alone against a
 * real PostgreSQL, as a command or a background job would.  Run by
 * tests/http/t_app.py against the test stack's database:
 *
 *   walk CCCD OTHER_CCCD CLERK SCHOOL PUPIL
 *
 * (MOTCUA_DATABASE_URL: the server's role; MOTCUA_ROOT: the tree).  It
 * files a transcript certification as CCCD, files it again with the
 * same key (the same dossier), has CLERK receive it, looks it up by
 * code and PIN as nobody (and with a wrong PIN), and checks that
 * OTHER_CCCD cannot see it.  Prints "code CODE" and one "ok" line per
 * step; exits 1 at the first step that does not hold.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/dossier.h"
#include "app/session.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/hash.h"
#include "core/calendar.h"
#include "core/def.h"
#include "core/validate.h"
#include "store/db.h"

static int
fail(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	printf("FAIL ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	exit(1);
}

static void
as(struct app *app, const char *login)
{
	struct actor	a;

	if (login == NULL) {
		memset(&a, 0, sizeof(a));
		a.kind = ACTOR_ANON;
	} else if (uc_actor(app, login, &a) != UC_OK)
		fail("no account %s", login);
	app_act_as(app, &a);
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct diags	 d = { NULL, 0, 0 };
	char		 forms[4096], wfs[4096], schemas[4096], cal[4096];
	const char	*paths[2] = { forms, wfs };
	char		 key[33], wrong[16];
	struct app	 app;
	struct input	 in[8];
	struct form_in	 fi;
	struct receipt	 rc, again;
	struct dossier_view_full v;
	struct lookup	 lk;
	struct uc_error	 err;
	const struct workflow *wf;
	enum uc_status	 st;
	struct defs	*defs;
	struct calendar	*calendar;
	size_t		 n = 0;

	if (argc != 6)
		return fail("usage: walk CCCD OTHER_CCCD CLERK SCHOOL PUPIL");
	if (config_load(&cfg) == -1)
		return fail("configuration");
	snprintf(forms, sizeof(forms), "%s/forms", cfg.root);
	snprintf(wfs, sizeof(wfs), "%s/workflows", cfg.root);
	snprintf(schemas, sizeof(schemas), "%s/schemas", cfg.root);
	snprintf(cal, sizeof(cal), "%s/%s", cfg.root, cfg.calendar);
	if ((defs = defs_load(paths, 2, schemas, &d)) == NULL ||
	    (calendar = calendar_load(cal, &d)) == NULL)
		return fail("definitions do not load");

	memset(&app, 0, sizeof(app));
	app.arena = arena_new(64 * 1024);
	app.cfg = &cfg;
	app.defs = defs;
	app.cal = calendar;
	app.db = db_open(cfg.database_url, cfg.statement_timeout_ms);
	app.now = (int64_t)time(NULL);
	app.request_id = "app-walk";
	app.via = "walk";
	if (db_ready(app.db) != DB_OK)
		return fail("no database at MOTCUA_DATABASE_URL");

	/* File, as the citizen. */
	if ((wf = defs_workflow(defs, "transcript-certification")) == NULL)
		return fail("no transcript-certification");
	as(&app, argv[1]);
#define IN(k, v) (in[n++] = (struct input){ k, v, strlen(v), NULL })
	IN("applicant_relation", "parent");
	IN("school", argv[4]);
	IN("student_code", argv[5]);
	IN("school_years", "2023-2024");
	IN("school_years", "2024-2025");
	IN("copies", "1");
	IN("purpose", "further-study");
	IN("delivery", "electronic");
	fi = (struct form_in){ .v = in, .n = n };
	random_hex(key, 16);
	if ((st = uc_submit(&app, wf, &fi, key, &rc, &err)) != UC_OK)
		return fail("submit: status %d (%s)", st,
		    err.en != NULL ? err.en : err.nerrs > 0 ?
		    err.errs[0].field : "");
	printf("code %s\n", rc.d.code);
	printf("ok submitted as %s: %s in state %s\n", argv[1], rc.d.code,
	    rc.d.state);
	if ((st = uc_submit(&app, wf, &fi, key, &again, &err)) != UC_REPLAY ||
	    strcmp(again.d.code, rc.d.code) != 0)
		return fail("the same key again: status %d, %s", st,
		    again.d.code);
	printf("ok the same key again is the same dossier\n");

	/* Another citizen does not see it. */
	as(&app, argv[2]);
	if ((st = uc_get(&app, rc.d.code, &v, &err)) != UC_NOT_FOUND)
		return fail("another citizen: status %d", st);
	printf("ok another citizen does not see it\n");

	/* The clerk receives it. */
	as(&app, argv[3]);
	if ((st = uc_act(&app, rc.d.code, "receive", NULL, NULL, NULL, &v,
	    &err)) != UC_OK)
		return fail("receive: status %d (%s)", st,
		    err.en != NULL ? err.en : "");
	if (strcmp(v.d.state, rc.d.state) == 0)
		return fail("after receive: still %s", v.d.state);
	printf("ok %s received it: state %s\n", argv[3], v.d.state);

	/* Anyone with the code and the PIN. */
	as(&app, NULL);
	if ((st = uc_lookup(&app, rc.d.code, rc.pin, &lk, &err)) != UC_OK ||
	    strcmp(lk.state, v.d.state) != 0)
		return fail("lookup: status %d", st);
	printf("ok looked up by code and PIN: state %s\n", lk.state);
	snprintf(wrong, sizeof(wrong), "%06d", (atoi(rc.pin) + 1) % 1000000);
	if ((st = uc_lookup(&app, rc.d.code, wrong, &lk, &err)) !=
	    UC_NOT_FOUND)
		return fail("lookup with a wrong PIN: status %d", st);
	printf("ok a wrong PIN finds nothing\n");

	db_close(app.db);
	arena_free(app.arena);
	calendar_free(calendar);
	defs_free(defs);
	return 0;
}
