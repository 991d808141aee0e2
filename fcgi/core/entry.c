/*
 * entry.c - the canonical bytes of an audit entry: see entry.h.
 */
#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "merkle.h"

size_t
entry_size(const struct entry_fields *e)
{
	size_t	n = sizeof(ENTRY_MAGIC) - 1, i;

	for (i = 0; i < ENTRY_FIELDS; i++)
		n += 4 + (e->f[i] != NULL ? strlen(e->f[i]) : 0);
	return n;
}

void
entry_bytes(const struct entry_fields *e, unsigned char *out)
{
	size_t		i, len;
	unsigned long	l;

	memcpy(out, ENTRY_MAGIC, sizeof(ENTRY_MAGIC) - 1);
	out += sizeof(ENTRY_MAGIC) - 1;
	for (i = 0; i < ENTRY_FIELDS; i++) {
		len = e->f[i] != NULL ? strlen(e->f[i]) : 0;
		l = e->f[i] != NULL ? (unsigned long)len : 0xffffffffUL;
		out[0] = (unsigned char)(l >> 24);
		out[1] = (unsigned char)(l >> 16);
		out[2] = (unsigned char)(l >> 8);
		out[3] = (unsigned char)l;
		memcpy(out + 4, e->f[i] != NULL ? e->f[i] : "", len);
		out += 4 + len;
	}
}

void
entry_leaf(const struct entry_fields *e, unsigned char out[32])
{
	unsigned char	 buf[8192], *p = buf;
	size_t		 n = entry_size(e);

	if (n > sizeof(buf) && (p = malloc(n)) == NULL)
		abort();
	entry_bytes(e, p);
	merkle_leaf(p, n, out);
	if (p != buf)
		free(p);
}
