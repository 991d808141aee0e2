/*
 * units.c - the units for pickers: see units.h.
 *
 * The table spells a kind "district_office", the definitions (and the
 * API) "district-office": converted both ways here.
 */
#include <string.h>

#include "base/arena.h"
#include "core/def.h"
#include "app/dossier_int.h"
#include "app/units.h"

/* The definitions' kind of a row's kind ("district_office"), or -1. */
static int
kind_of_row(const char *s)
{
	const char	*k;
	size_t		 i, j;

	for (i = 0; s != NULL && i < UK__MAX; i++) {
		k = unit_kind_names[i];
		for (j = 0; k[j] != '\0' && (s[j] == k[j] ||
		    (s[j] == '_' && k[j] == '-')); j++)
			continue;
		if (k[j] == '\0' && s[j] == '\0')
			return (int)i;
	}
	return -1;
}

enum uc_status
uc_units(struct app *app, const char *kind, int english, int max,
    struct acct_unit **out, size_t *n, struct uc_error *err)
{
	enum db_status	 rc;
	char		*row_kind = NULL, *p;
	size_t		 i;
	int		 k;

	*out = NULL;
	*n = 0;
	if (kind != NULL) {
		for (k = 0; k < UK__MAX; k++)
			if (strcmp(kind, unit_kind_names[k]) == 0)
				break;
		if (k == UK__MAX)
			return uc_fail(err, UC_BAD_INPUT, "kind",
			    "There is no unit kind with this name: department, "
			    "district-office or school.",
			    "Không có loại đơn vị với tên này: department, "
			    "district-office hoặc school.");
		row_kind = arena_strdup(app->arena, kind);
		for (p = row_kind; *p != '\0'; p++)
			if (*p == '-')
				*p = '_';
	}
	if ((rc = acct_unit_pick(app->db, app->arena, row_kind, english, max,
	    out, n)) != DB_OK)
		return uc_db_fail(err, rc);
	for (i = 0; i < *n; i++)
		if ((k = kind_of_row((*out)[i].kind)) >= 0)
			(*out)[i].kind = unit_kind_names[k];
	return UC_OK;
}
