/*
 * jsonbody.c - JSON request bodies, with jansson.
 *
 * jansson parses recursively and only stops at its own compiled-in
 * depth (2048), so a linear pre-scan refuses deeper nesting than the
 * route allows before jansson sees the body.
 */
#include <string.h>

#include <jansson.h>

#include "base/arena.h"
#include "web/parse.h"

static void
decref(void *p)
{
	json_decref(p);
}

/* Return the offset of the first bracket deeper than max, or len. */
static size_t
depth_scan(const char *buf, size_t len, size_t max)
{
	size_t	 i, depth = 0;
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
			if (++depth > max)
				return i;
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

int
jsonbody_parse(struct arena *a, const char *buf, size_t len,
    const struct parse_limits *lim, void **out, struct perr_info *err)
{
	json_t		*j;
	json_error_t	 je;
	size_t		 off;

	memset(err, 0, sizeof(*err));
	*out = NULL;
	if ((off = depth_scan(buf, len, lim->max_depth)) < len) {
		err->code = PERR_DEPTH;
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
	*out = j;
	return 0;
}
