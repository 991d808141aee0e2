/*
 * parse_int.h - what the request parsers share, private to them.
 */
#ifndef MOTCUA_PARSE_INT_H
#define MOTCUA_PARSE_INT_H

#include <stddef.h>

#include "http/parse.h"

/*
 * Fill *err with code, offset and the key concerned (cut to fit, never
 * inside a UTF-8 sequence); returns -1 so callers can return it.
 */
int	perr_set(struct perr_info *, enum perr, const char *key,
	    size_t keylen, size_t off);

#endif
