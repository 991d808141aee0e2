/*
 * trail.h - reading the audit trail, for inspectors.
 *
 * The server's role cannot SELECT audit_log; it asks audit_search
 * (migrations/0018_audit_desk.sql), which answers only when the
 * request's context is an inspector's (db_context), so that a
 * statement reached by anyone else finds nothing even if a check
 * above forgot them.  Writing stays in audit.h.
 */
#ifndef MOTCUA_STORE_TRAIL_H
#define MOTCUA_STORE_TRAIL_H

#include <stdint.h>

#include "store/db.h"

struct arena;

enum trail_stmt {
	TRAIL_SEARCH,
	TRAIL__MAX
};

#define TRAIL_LIMIT_MAX	200

/* Every filter NULL or 0: any. */
struct trail_filter {
	const char	*object;	/* the whole object: "dossier:CODE" */
	const char	*actor;		/* a user's id (digits) or login */
	const char	*unit;		/* the actor's unit code */
	const char	*action;	/* a prefix of the action */
	int64_t		 from;		/* Unix seconds, at >= from; 0 any */
	int64_t		 to;		/* at < to; 0 any */
	int64_t		 after;		/* ids after this one; 0 any */
	int		 limit;		/* 1 .. TRAIL_LIMIT_MAX */
};

struct trail_entry {
	int64_t		 id;
	const char	*at;		/* RFC 3339, UTC, microseconds */
	int64_t		 actor_id;	/* 0 none */
	const char	*actor_login;	/* people only; or NULL */
	const char	*actor_name;	/* idem */
	const char	*actor_kind;
	const char	*actor_unit;	/* unit code, or NULL */
	const char	*actor_role;	/* or NULL */
	const char	*action;
	const char	*object;	/* or NULL */
	const char	*detail;	/* JSON text, or NULL */
	const char	*request_id;	/* or NULL */
	const char	*ip;		/* or NULL */
};

/* The matching entries by id, at most f->limit, in the arena. */
enum db_status	 trail_search(struct db *, struct arena *,
		    const struct trail_filter *, struct trail_entry **,
		    size_t *n);

#endif
