/*
 * json.c - JSON values as text: see json.h.
 */
#include <jansson.h>
#include <stdlib.h>

#include "app/json.h"
#include "base/arena.h"
#include "core/dossier.h"

const char *
app_json_text(struct arena *a, json_t *j)
{
	char		*s;
	const char	*out;

	if (j == NULL)
		return NULL;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (s == NULL)
		abort();
	out = arena_strdup(a, s);
	free(s);
	return out;
}

/* DBL_DECIMAL_DIG: enough places for any double of magnitude >= 1e-17;
 * below that, none read back (and validation refuses them anyway). */
#define PLACES_MAX	17

/*
 * A double as the decimal a sender most likely wrote: JSON has no
 * decimal type, and "%g" would round 1234.5678 to 1234.57 and write
 * 1e7 with an exponent that no form value has.
 */
static const char *
real_text(struct arena *a, double d)
{
	const char	*s;
	int		 places;

	for (places = 0; places <= PLACES_MAX; places++) {
		s = arena_printf(a, "%.*f", places, d);
		if (strtod(s, NULL) == d)
			return s;
	}
	return arena_printf(a, "%.17g", d);
}

const char *
app_json_scalar(struct arena *a, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_STRING:
		return json_string_value(j);
	case JSON_INTEGER:
		return arena_printf(a, "%lld", (long long)json_integer_value(j));
	case JSON_REAL:
		return real_text(a, json_real_value(j));
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		return NULL;
	}
}

json_t *
app_json_time(int64_t t)
{
	char	buf[DOSSIER_TIME_LEN + 1];

	if (t == 0)
		return json_null();
	dossier_time_format(t, buf);
	return json_string(buf);
}
