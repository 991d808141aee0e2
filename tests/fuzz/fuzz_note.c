/*
 * fuzz_note.c - the signed-note and checkpoint readers of core/note.h
 * on arbitrary text: note_vkey_parse, note_verify (with the key of Go's
 * sumdb/note example, so that a well-formed line gets as far as the
 * signature check) and note_checkpoint_parse, with checks of what they
 * promise: a key parsed has a name without '+' or space and the key id
 * of its name and key; a verified note's text ends in "\n\n" before the
 * signatures; a parsed checkpoint formats back to its text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/note.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define PN_VKEY	"PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct note_vkey	 k, pn;
	enum note_status	 st;
	unsigned char		 root[32];
	uint64_t		 n;
	char			*s, body[NOTE_MAX + 64];
	const char		*nl;
	size_t			 tl;

	if (size > NOTE_MAX + 16)
		return 0;
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	if (note_vkey_parse(s, &k) == 0 &&
	    (k.name[0] == '\0' || strchr(k.name, '+') != NULL ||
	    strchr(k.name, ' ') != NULL))
		abort();
	if (note_vkey_parse(PN_VKEY, &pn) != 0)
		abort();
	st = note_verify(s, &pn, &tl);
	if (st >= NOTE__MAX)
		abort();
	if (st == NOTE_OK && (tl == 0 || tl >= strlen(s) || s[tl - 1] != '\n' ||
	    s[tl] != '\n'))
		abort();
	if (note_checkpoint_parse(s, size, &n, root) == 0 &&
	    (nl = memchr(s, '\n', size)) != NULL) {
		*(char *)nl = '\0';
		if (note_checkpoint(s, n, root, body, sizeof(body)) == 0 &&
		    (strncmp(body, s, strlen(s)) != 0))
			abort();
	}
	free(s);
	return 0;
}
