/*
 * ops.h - the operations family of statements (store_int.h): the
 * health check, and the request's context for row-level security.
 */
#ifndef MOTCUA_STORE_OPS_H
#define MOTCUA_STORE_OPS_H

#include <stdint.h>

#include "store/db.h"

enum ops_stmt {
	OPS_PING,
	OPS_CONTEXT,		/* db_context's: see db.c */
	OPS_ROLE_CHECK,		/* db_guarded's */
	OPS_PROBE,
	OPS_PROBE_TOUCH,
	OPS__MAX
};

struct arena;
struct db;

/*
 * What the second wall lets the current context reach, asked with no
 * condition of its own (the diagnostic route /_diag/rls, for tests):
 * the role the statements run as, the codes of every dossier visible
 * (a JSON array), and how many events, attachments and pupils.
 */
struct ops_probe {
	const char	*role;
	const char	*codes;
	int64_t		 events;
	int64_t		 attachments;
	int64_t		 students;
};

enum db_status	ops_probe(struct db *, struct arena *, struct ops_probe *);
/* Rewrite the dossier with this code as it is (no change): *n is 1 when
 * the context may change it, 0 when row-level security hid it. */
enum db_status	ops_probe_touch(struct db *, const char *code, int64_t *n);

#endif
