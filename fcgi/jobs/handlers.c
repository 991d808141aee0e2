/*
 * handlers.c - the kinds of jobs every `motcua jobs` runs (jobs.h).
 * One row per kind; add yours.
 */
#include "jobs/jobs.h"

const struct job_handler job_handlers[] = {
	{ "timer", job_timer },
	{ NULL, NULL }
};
