/*
 * payments.c - `motcua payments reconcile [--older-than MINUTES]`: ask
 * the payment gateway (querydr) about every payment still pending after
 * MINUTES (default 15) and settle those it knows, exactly as its
 * notification would have (app/pay.h).  Meant to run every few minutes
 * (the jobs runner's one line: uc_pay_reconcile with the same app).
 * Prints what it found; exits 1 when it could not ask at all or some
 * payment could not be asked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/pay.h"
#include "base/config.h"
#include "base/log.h"
#include "cli.h"
#include "cmd.h"
#include "core/calendar.h"
#include "core/def.h"

int
cmd_payments(int argc, char *argv[])
{
	struct pay_reconcile r;
	struct diags	 d = { NULL, 0, 0 };
	struct actor	 sys = { .kind = ACTOR_SYSTEM };
	struct calendar	*cal;
	struct app	 app;
	struct cli	 c;
	const char	*s;
	char		*end, path[4096];
	long		 minutes = 15;
	int		 rc;

	if (argc < 2 || strcmp(argv[1], "reconcile") != 0 ||
	    (argc != 2 && argc != 4) ||
	    (argc == 4 && strcmp(argv[2], "--older-than") != 0)) {
		fprintf(stderr, "usage: motcua payments reconcile "
		    "[--older-than MINUTES]\n");
		return 2;
	}
	if (argc == 4) {
		minutes = strtol(argv[3], &end, 10);
		if (*argv[3] == '\0' || *end != '\0' || minutes < 0 ||
		    minutes > 100000) {
			fprintf(stderr, "motcua: payments: --older-than takes "
			    "a number of minutes\n");
			return 2;
		}
	}
	if (cli_open(&c, 1) == -1)
		return 1;
	s = c.cfg.calendar;
	snprintf(path, sizeof(path), "%s%s%s", s[0] == '/' ? "" : c.cfg.root,
	    s[0] == '/' ? "" : "/", s);
	if ((cal = calendar_load(path, &d)) == NULL) {
		diags_print(&d, stderr);
		diags_free(&d);
		cli_close(&c);
		return 1;
	}
	memset(&app, 0, sizeof(app));
	app.arena = c.a;
	app.cfg = &c.cfg;
	app.db = c.db;
	app.defs = c.defs;
	app.cal = cal;
	app.now = (int64_t)time(NULL);
	if ((s = getenv("MOTCUA_NOW")) != NULL && c.cfg.diag)
		app.now = strtoll(s, NULL, 10);
	app.via = "payments reconcile";
	app_act_as(&app, &sys);
	rc = uc_pay_reconcile(&app, (int64_t)minutes * 60, &r);
	if (rc == 0)
		printf("asked %zu: %zu paid, %zu failed, %zu unchanged, "
		    "%zu errors\n", r.asked, r.paid, r.failed, r.unchanged,
		    r.errors);
	calendar_free(cal);
	cli_close(&c);
	return rc == 0 && r.errors == 0 ? 0 : 1;
}
