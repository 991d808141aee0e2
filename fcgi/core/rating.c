/*
 * rating.c - the citizen's rating of a completed dossier (rating.h).
 */
#include <string.h>

#include "rating.h"

const char *const rating_names[RATING__MAX] = {
	"very-satisfied", "satisfied", "dissatisfied",
};

const char *const rating_refusal_names[RATE__MAX] = {
	"ok", "not-applicant", "open", "withdrawn", "rated",
};

/* The national status code of a withdrawn dossier (DOMAIN.md). */
#define STATUS_WITHDRAWN	7

enum rating
rating_parse(const char *s)
{
	int	i;

	if (s == NULL)
		return RATING__MAX;
	for (i = 0; i < RATING__MAX; i++)
		if (strcmp(s, rating_names[i]) == 0)
			return (enum rating)i;
	return RATING__MAX;
}

enum rating_refusal
rating_allowed(int is_applicant, int status, int64_t completed_at, int rated)
{
	if (!is_applicant)
		return RATE_NOT_APPLICANT;
	if (completed_at == 0)
		return RATE_OPEN;
	if (status == STATUS_WITHDRAWN)
		return RATE_WITHDRAWN;
	if (rated)
		return RATE_RATED;
	return RATE_OK;
}

size_t
rating_chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}
