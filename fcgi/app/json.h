/*
 * json.h - JSON values as text, for the use cases and the layers above
 * them: the one way a JSON value becomes compact text (audit details,
 * stored data), and the one way a JSON scalar becomes the text that
 * validation reads.
 *
 * Form values (urlencoded and multipart) are text already and go to
 * validate_form (core/validate.h) as they are; JSON values (the API's
 * bodies, a dossier's stored data) go through app_json_scalar first,
 * so that a number reaches validation as a form would send it and is
 * stored the same whichever way it came.  Memory from the arena; out
 * of memory aborts.
 */
#ifndef MOTCUA_APP_JSON_H
#define MOTCUA_APP_JSON_H

#include <jansson.h>
#include <stdint.h>

struct arena;

/* j as compact text; the reference is stolen (NULL gives NULL). */
const char	*app_json_text(struct arena *, json_t *j);

/*
 * A scalar as text: strings as they are, integers in decimal, reals in
 * fixed notation with the fewest places that read back as the same
 * double (8.5 -> "8.5", 1234.5678 -> "1234.5678", 1e7 -> "10000000"),
 * true and false as "true" and "false".  NULL for null, arrays and
 * objects.  The reference is borrowed.
 */
const char	*app_json_scalar(struct arena *, const json_t *j);

/* A Unix time as "YYYY-MM-DDThh:mm:ss+07:00" (core/dossier.h), or null
 * for 0 (not known). */
json_t		*app_json_time(int64_t t);

#endif
