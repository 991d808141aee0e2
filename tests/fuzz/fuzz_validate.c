/*
 * fuzz_validate.c - validate_form() on arbitrary inputs, against both
 * real forms (loaded once from forms/: run from the repository root).
 *
 * The input is lines; each "name=value" is a text input, and
 * "@name=filename:content" a file.  Checks: a success has valid JSON
 * (jansson, duplicates refused) of the length it claims and no errors;
 * a failure has at least one error, each with a field, a known rule
 * and messages in both languages.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "core/validate.h"

#define MAX_INPUTS	64

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Refuse a code or two, so that RULE_UNIT is reached. */
static int
unit_ok(void *arg, enum unit_kind k, const char *code)
{
	(void)arg;
	if ((unsigned)k >= UK__MAX)
		abort();
	return strcmp(code, "X") != 0;
}

static void
check(struct arena *a, const struct form *f, const struct input *in,
    size_t n)
{
	struct vresult	 r;
	json_t		*j;
	json_error_t	 e;
	size_t		 i;

	if (validate_form(a, f, in, n, unit_ok, NULL, &r) == 0) {
		if (r.json == NULL || r.nerrors != 0 || r.rec == NULL ||
		    strlen(r.json) != r.jsonlen)
			abort();
		if ((j = json_loadb(r.json, r.jsonlen, JSON_REJECT_DUPLICATES,
		    &e)) == NULL || !json_is_object(j))
			abort();
		json_decref(j);
		return;
	}
	if (r.nerrors == 0 || r.json != NULL)
		abort();
	for (i = 0; i < r.nerrors; i++)
		if (r.errors[i].field == NULL || r.errors[i].rule >= RULE__MAX ||
		    r.errors[i].msg_vi == NULL || r.errors[i].msg_en == NULL)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct defs	*defs;
	static struct arena	*a;
	struct input		 in[MAX_INPUTS];
	char			*buf, *p, *end, *eol, *eq, *colon;
	size_t			 n = 0, i;

	if (defs == NULL) {
		const char	*paths[] = { "forms" };
		struct diags	 d = { NULL, 0, 0 };

		if ((defs = defs_load(paths, 1, "schemas", &d)) == NULL) {
			diags_print(&d, stderr);
			abort();
		}
		diags_free(&d);
		a = arena_new(64 * 1024);
	}
	buf = arena_alloc(a, size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (p = buf, end = buf + size; p < end && n < MAX_INPUTS; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		*eol = '\0';
		memset(&in[n], 0, sizeof(in[n]));
		if (*p == '@') {
			p++;
			in[n].filename = "";
		}
		in[n].name = p;
		if ((eq = memchr(p, '=', (size_t)(eol - p))) == NULL) {
			in[n].val = eol;
		} else {
			*eq = '\0';
			in[n].val = eq + 1;
			if (in[n].filename != NULL && (colon = memchr(eq + 1,
			    ':', (size_t)(eol - eq - 1))) != NULL) {
				*colon = '\0';
				in[n].filename = eq + 1;
				in[n].val = colon + 1;
			}
		}
		in[n].len = (size_t)(eol - in[n].val);
		n++;
	}
	for (i = 0; i < defs->nforms; i++)
		check(a, &defs->forms[i], in, n);
	arena_reset(a);
	return 0;
}
