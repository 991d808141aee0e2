/*
 * rating.h - the citizen's rating of a completed dossier: the
 * satisfaction figure of the periodic report on one-stop processing
 * (very satisfied, satisfied, not satisfied).  Pure.
 *
 * A dossier may be rated once, by its applicant, when it is closed (a
 * final state: completed_at set) unless it was withdrawn (status 7: the
 * citizen ended it themselves, no service was given to rate).  A
 * refusal (status 3) may be rated: it is the unit's answer.
 */
#ifndef MOTCUA_RATING_H
#define MOTCUA_RATING_H

#include <stddef.h>
#include <stdint.h>

enum rating {
	RATING_VERY_SATISFIED,
	RATING_SATISFIED,
	RATING_DISSATISFIED,
	RATING__MAX
};
/* "very-satisfied", "satisfied", "dissatisfied" (the stored values). */
extern const char *const rating_names[RATING__MAX];

/* Characters (code points) of the optional comment. */
#define RATING_COMMENT_MAX	1000

/* The rating of this name, or RATING__MAX (s may be NULL). */
enum rating	rating_parse(const char *s);

enum rating_refusal {
	RATE_OK,
	RATE_NOT_APPLICANT,	/* only the citizen who filed it */
	RATE_OPEN,		/* not completed yet */
	RATE_WITHDRAWN,		/* withdrawn: nothing to rate */
	RATE_RATED,		/* rated already: once only */
	RATE__MAX
};
extern const char *const rating_refusal_names[RATE__MAX];

/* May this dossier be rated now by this viewer? */
enum rating_refusal rating_allowed(int is_applicant, int status,
		    int64_t completed_at, int rated);

/* Code points of UTF-8 text (s is valid UTF-8). */
size_t		rating_chars(const char *s);

#endif
