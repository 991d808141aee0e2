/*
 * actor.h - who acts: the one type every layer above core uses for
 * the person or system behind a change, and the one table of the
 * names their kinds are stored and audited under.
 *
 * The web layer resolves an actor from a session or a token; the
 * commands act as ACTOR_OPERATOR (the system user who ran them); the
 * background jobs as ACTOR_SYSTEM.  Plain data: no I/O here.
 */
#ifndef MOTCUA_CORE_ACTOR_H
#define MOTCUA_CORE_ACTOR_H

#include <stdint.h>

enum actor_kind {
	ACTOR_ANON,
	ACTOR_CITIZEN,
	ACTOR_STAFF,
	ACTOR_INSPECTOR,
	ACTOR_PARTNER,		/* a partner system's bearer token */
	ACTOR_OPERATOR,		/* a `motcua` command run on the host */
	ACTOR_SYSTEM,		/* motcua itself: timers, payments, jobs */
	ACTOR__MAX
};

/* "anonymous", "citizen", "staff", "inspector", "partner",
 * "operator", "system": audit_log.actor_kind, dossier_events.actor_kind
 * and what sessions tell PostgreSQL (motcua.kind). */
extern const char *const actor_kind_names[ACTOR__MAX];

/* Partner scopes: actor.scopes is a mask of SCOPE(x). */
enum partner_scope {
	SCOPE_LOOKUP,		/* "lookup": public status lookups */
	SCOPE_DOSSIERS_READ,	/* "dossiers:read" */
	SCOPE_DOSSIERS_WRITE,	/* "dossiers:write" */
	SCOPE__MAX
};
#define SCOPE(s)	(1u << (s))
extern const char *const scope_names[SCOPE__MAX];

struct actor {
	enum actor_kind	 kind;
	int64_t		 user_id;	/* users.id; partner: token id; 0 none */
	int64_t		 unit_id;	/* staff: their unit; else 0 */
	uint64_t	 roles;		/* staff: 1 << catalogue role index */
	const char	*name;		/* full name, for pages and logs */
	unsigned	 scopes;	/* partner: what the token may do */
};

/* The kind's name; an out-of-range kind is "anonymous". */
const char	*actor_kind_name(enum actor_kind);

#endif
