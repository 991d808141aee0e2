/*
 * jsonbody.c - JSON request bodies, with jansson.
 *
 * jansson parses recursively and only stops at its own compiled-in
 * depth (2048), so a linear pre-scan refuses deeper nesting than the
 * route allows, and more values than it may hold, before jansson sees
 * the body.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "http/parse.h"

/* Values a JSON body may hold: max_fields times this. */
#define JSON_VALUES_PER_FIELD	16

static void
decref(void *p)
{
	json_decref(p);
}

/*
 * The pre-scan: nesting deeper than max_depth, or more than max_values
 * values (counted as commas and brackets outside strings: jansson
 * takes about 16 times a body's size in memory, outside the arena, so
 * the number of values is bounded before it allocates any).  Returns
 * the offset of the offence with *code set, or len.
 */
static size_t
prescan(const char *buf, size_t len, size_t max_depth, size_t max_values,
    enum perr *code)
{
	size_t	 i, depth = 0, values = 1;
	int	 str = 0;

	for (i = 0; i < len; i++) {
		if (str) {
			if (buf[i] == '\\')
				i++;
			else if (buf[i] == '"')
				str = 0;
			continue;
		}
		switch (buf[i]) {
		case '"':
			str = 1;
			break;
		case '[':
		case '{':
			if (++depth > max_depth) {
				*code = PERR_DEPTH;
				return i;
			}
			/* FALLTHROUGH */
		case ',':
			if (++values > max_values) {
				*code = PERR_TOO_MANY;
				return i;
			}
			break;
		case ']':
		case '}':
			if (depth > 0)
				depth--;
			break;
		default:
			break;
		}
	}
	return len;
}

/*
 * Every string of v in NFC, in place.  Recursion is bounded by the
 * pre-scan's depth.  utf8_nfc() does not write to its input: it
 * returns it when it is ASCII, else a copy.
 */
static void
nfc(struct arena *a, json_t *v)
{
	const char	*key;
	char		*s;
	json_t		*e;
	size_t		 i, n, len;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach(v, key, e)
			nfc(a, e);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, e)
			nfc(a, e);
		break;
	case JSON_STRING:
		len = json_string_length(v);
		s = utf8_nfc(a, (char *)json_string_value(v), len, &n);
		if (s != json_string_value(v) && (n != len ||
		    memcmp(s, json_string_value(v), n) != 0) &&
		    json_string_setn_nocheck(v, s, n) == -1)
			abort();	/* out of memory */
		break;
	default:
		break;
	}
}

int
jsonbody_parse(struct arena *a, const char *buf, size_t len,
    const struct parse_limits *lim, void **out, struct perr_info *err)
{
	json_t		*j;
	json_error_t	 je;
	size_t		 off;

	memset(err, 0, sizeof(*err));
	*out = NULL;
	if ((off = prescan(buf, len, lim->max_depth, lim->max_fields *
	    JSON_VALUES_PER_FIELD, &err->code)) < len) {
		err->offset = off;
		return -1;
	}
	if ((j = json_loadb(len > 0 ? buf : "", len, JSON_REJECT_DUPLICATES,
	    &je)) == NULL) {
		err->code = PERR_JSON;
		err->offset = je.position > 0 ? (size_t)je.position : 0;
		return -1;
	}
	arena_cleanup(a, decref, j);
	nfc(a, j);
	*out = j;
	return 0;
}
