/*
 * parse.c - what the request parsers share: error names and kvlist.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/parse.h"
#include "http/parse_int.h"

const char *const perr_names[PERR__MAX] = {
	"ok",		/* PERR_OK */
	"syntax",	/* PERR_SYNTAX */
	"too_many",	/* PERR_TOO_MANY */
	"key_long",	/* PERR_KEY_LONG */
	"val_long",	/* PERR_VAL_LONG */
	"file_long",	/* PERR_FILE_LONG */
	"truncated",	/* PERR_TRUNCATED */
	"boundary",	/* PERR_BOUNDARY */
	"depth",	/* PERR_DEPTH */
	"json",		/* PERR_JSON */
};

void
kvlist_add(struct arena *a, struct kvlist *l, const struct kv *kv)
{
	size_t	 ncap;

	if (l->n == l->cap) {
		if (l->cap > SIZE_MAX / 2 / sizeof(*l->v)) {
			fputs("motcua: kvlist too large\n", stderr);
			abort();
		}
		ncap = l->cap == 0 ? 8 : l->cap * 2;
		l->v = arena_grow(a, l->v, l->cap * sizeof(*l->v),
		    ncap * sizeof(*l->v));
		l->cap = ncap;
	}
	l->v[l->n++] = *kv;
}

int
perr_set(struct perr_info *err, enum perr code, const char *key,
    size_t keylen, size_t off)
{
	if (keylen > sizeof(err->field) - 1) {
		keylen = sizeof(err->field) - 1;
		/* Do not cut a UTF-8 sequence. */
		while (keylen > 0 &&
		    ((unsigned char)key[keylen] & 0xC0) == 0x80)
			keylen--;
	}
	if (keylen > 0)
		memcpy(err->field, key, keylen);
	err->field[keylen] = '\0';
	err->code = code;
	err->offset = off;
	return -1;
}
