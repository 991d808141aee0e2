/*
 * timer.c - the handler of "timer" jobs: a workflow's timer come due,
 * through the use case (app/timers.h), which is idempotent.
 */
#include <stdio.h>

#include "base/log.h"
#include "app/timers.h"
#include "jobs/jobs.h"

enum job_result
job_timer(struct app *app, const struct job *j, char *err, size_t errlen)
{
	struct uc_error	 ue;
	enum timer_outcome out;

	switch (uc_timer(app, j->payload, &out, &ue)) {
	case UC_OK:
		log_msg(LOG_INFO, "job %lld: timer %s", (long long)j->id,
		    timer_outcome_names[out]);
		return JOB_DONE;
	case UC_BAD_INPUT:
		snprintf(err, errlen, "timer: %s", ue.en);
		return JOB_FAIL;
	default:
		snprintf(err, errlen, "timer: %s", ue.en != NULL ? ue.en :
		    "the database failed");
		return JOB_RETRY;
	}
}
