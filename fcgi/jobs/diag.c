/*
 * diag.c - job kinds for the tests (jobs.h), known only under
 * MOTCUA_DIAG: a job that takes time, and one that always fails.
 */
#include <jansson.h>
#include <stdio.h>
#include <time.h>

#include "base/log.h"
#include "jobs/jobs.h"

#define SLEEP_MAX_MS	60000

static enum job_result
diag_sleep(struct app *app, const struct job *j, char *err, size_t errlen)
{
	struct timespec	 ts;
	json_t		*o;
	json_int_t	 ms = 0;

	(void)app;
	if ((o = json_loads(j->payload, 0, NULL)) == NULL ||
	    json_unpack(o, "{s?I}", "ms", &ms) != 0 || ms < 0 ||
	    ms > SLEEP_MAX_MS) {
		json_decref(o);
		snprintf(err, errlen, "diag.sleep: ms must be 0 to %d",
		    SLEEP_MAX_MS);
		return JOB_FAIL;
	}
	json_decref(o);
	log_msg(LOG_INFO, "diag.sleep job %lld start", (long long)j->id);
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1)
		;
	log_msg(LOG_INFO, "diag.sleep job %lld end", (long long)j->id);
	return JOB_DONE;
}

static enum job_result
diag_fail(struct app *app, const struct job *j, char *err, size_t errlen)
{
	(void)app;
	(void)j;
	snprintf(err, errlen, "diag.fail: asked to fail");
	return JOB_RETRY;
}

const struct job_handler job_diag_handlers[] = {
	{ "diag.sleep", diag_sleep },
	{ "diag.fail", diag_fail },
	{ NULL, NULL }
};
