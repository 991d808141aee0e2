/*
 * notify.c - `motcua notify`: deliver the notifications outbox now
 * (what the jobs process does for kind "notify"), and show it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/notify.h"
#include "base/arena.h"
#include "base/config.h"
#include "cli.h"
#include "cmd.h"

static int
usage(void)
{
	fprintf(stderr, "usage: motcua notify send-due [--now UNIX] "
	    "[--max N] | run ID [--now UNIX]\n");
	return 2;
}

int
cmd_notify(int argc, char *argv[])
{
	struct cli	 c;
	struct app	 app;
	char		 err[256];
	long long	 now = (long long)time(NULL), id = 0, max = 1000;
	size_t		 sent, left;
	int		 i, rc = 1;
	enum notify_result nr;

	if (argc < 2)
		return usage();
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--now") == 0 && i + 1 < argc)
			now = strtoll(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--max") == 0 && i + 1 < argc)
			max = strtoll(argv[++i], NULL, 10);
		else if (strcmp(argv[1], "run") == 0 && id == 0)
			id = strtoll(argv[i], NULL, 10);
		else
			return usage();
	}
	if ((strcmp(argv[1], "run") == 0 && id <= 0) || max < 1 ||
	    (strcmp(argv[1], "run") != 0 && strcmp(argv[1], "send-due") != 0))
		return usage();
	if (cli_open(&c, 0) == -1)
		return 1;
	memset(&app, 0, sizeof(app));
	app.arena = c.a;
	app.cfg = &c.cfg;
	app.db = c.db;
	app.now = now;
	app.actor.kind = ACTOR_SYSTEM;
	if (strcmp(argv[1], "run") == 0) {
		nr = notify_run(&app, id, err, sizeof(err));
		if (nr == NOTIFY_DONE) {
			printf("notification %lld: done\n", id);
			rc = 0;
		} else
			printf("notification %lld: %s: %s\n", id,
			    nr == NOTIFY_RETRY ? "retrying" : "failed", err);
	} else if (cli_db_error(notify_send_due(&app, (size_t)max, &sent,
	    &left), "the notifications") == 0) {
		printf("%zu sent, %zu not delivered\n", sent, left);
		rc = left > 0 ? 3 : 0;
	}
	cli_close(&c);
	return rc;
}
