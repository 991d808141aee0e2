/*
 * trailq.h - the values the audit trail's filters take (app/trail.h),
 * checked before anything is asked of the database.  Pure; each
 * returns 1 with the value, or 0 for a malformed one.
 */
#ifndef MOTCUA_CORE_TRAILQ_H
#define MOTCUA_CORE_TRAILQ_H

#include <stdint.h>

#define TRAILQ_WORD_MAX	64	/* bytes of a text filter */

/* 1 to 18 digits, not starting with 0. */
int	trailq_id(const char *s, int64_t *v);

/* Printable ASCII without space, 1 to TRAILQ_WORD_MAX bytes: logins,
 * unit codes and action names have this shape. */
int	trailq_word(const char *s);

/* A date YYYY-MM-DD (UTC midnight), a time YYYY-MM-DDTHH:MM:SSZ, or
 * Unix seconds (trailq_id), as Unix seconds; a date that does not exist
 * (2026-02-30, 24:00:00) is malformed. */
int	trailq_time(const char *s, int64_t *t);

#endif
