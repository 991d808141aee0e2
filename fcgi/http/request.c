/*
 * request.c - request helpers, independent of FastCGI.
 */
#include <string.h>
#include <strings.h>

#include "http/http.h"

const char *
req_env(const struct req *r, const char *name)
{
	size_t	 n = strlen(name);
	char	**e;

	if (r->env == NULL)
		return NULL;
	for (e = r->env; *e != NULL; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

static const struct kv *
find(const struct kvlist *l, const char *key)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return &l->v[i];
	return NULL;
}

const struct kv *
req_arg(const struct req *r, const char *key)
{
	return find(&r->args, key);
}

const struct kv *
req_field(const struct req *r, const char *key)
{
	return find(&r->form, key);
}

/*
 * API clients get problem+json: anything under /api/, the operational
 * endpoints, or a client whose Accept names JSON before HTML.
 */
int
req_wants_json(const struct req *r)
{
	const char	*a = r->accept, *j, *h;

	if (r->path != NULL && (strncmp(r->path, "/api/", 5) == 0 ||
	    strncmp(r->path, "/_diag/", 7) == 0))
		return 1;
	if (r->ep != NULL && r->ep->json_errors)
		return 1;
	if (a == NULL || *a == '\0')
		return r->ctype != NULL &&
		    strncasecmp(r->ctype, "application/json", 16) == 0;
	j = strcasestr(a, "json");
	h = strcasestr(a, "text/html");
	return j != NULL && (h == NULL || j < h);
}
