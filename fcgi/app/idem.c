/*
 * idem.c - the fingerprint of a submission's request, kept with the
 * dossier beside its Idempotency-Key (dossier_int.h).
 *
 * A key used again with another request is refused (422), as the IETF
 * httpapi idempotency-key draft says, rather than answered with the
 * receipt of what the first request filed.  The fingerprint is of the
 * request as normalised: the service, then each value given (its
 * name, whether it is a file and its file name, the SHA-256 of its
 * bytes), sorted, so that the order of fields in a body does not
 * count and nothing but what the applicant sent does.  Each item is
 * written with its length, so no two requests give one text.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"
#include "core/validate.h"
#include "app/dossier_int.h"

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static const char *
item(struct app *app, const struct input *in)
{
	char	 h[SHA256_HEX_LEN + 1];
	const char *name = in->name != NULL ? in->name : "";

	sha256_hex(in->val != NULL ? in->val : "", in->val != NULL ?
	    in->len : 0, h);
	if (in->filename == NULL)
		return arena_printf(app->arena, "v %zu:%s %s\n", strlen(name),
		    name, h);
	return arena_printf(app->arena, "f %zu:%s %zu:%s %s\n", strlen(name),
	    name, strlen(in->filename), in->filename, h);
}

void
uc_request_hash(struct app *app, const char *service,
    const struct form_in *fi, char out[SHA256_HEX_LEN + 1])
{
	const char	**v;
	char		 *text, *p;
	size_t		  n = fi->n + fi->nfiles, i, len;

	v = arena_calloc(app->arena, n + 1, sizeof(*v));
	for (i = 0; i < fi->n; i++)
		v[i] = item(app, &fi->v[i]);
	for (i = 0; i < fi->nfiles; i++)
		v[fi->n + i] = item(app, &fi->files[i]);
	qsort(v, n, sizeof(*v), by_text);
	len = strlen(service) + 1;
	for (i = 0; i < n; i++)
		len += strlen(v[i]);
	p = text = arena_alloc(app->arena, len + 1);
	p = stpcpy(p, service);
	*p++ = '\n';
	for (i = 0; i < n; i++)
		p = stpcpy(p, v[i]);
	sha256_hex(text, (size_t)(p - text), out);
}
