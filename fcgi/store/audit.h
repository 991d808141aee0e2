/*
 * audit.h - the audit trail's store: append one entry.
 *
 * The request path only ever INSERTs into audit_log (no global lock:
 * the id is an identity column; a sealer sequences and chains entries
 * later).  The table refuses UPDATE, DELETE and TRUNCATE (a trigger in
 * migrations/0002_accounts.sql, where audit_log is created).  This
 * file holds the one statement that writes it, for every path:
 * sessions, dossiers (the submission too), ratings, commands.  Call
 * audit_add inside the transaction of the change it records, so that
 * both commit or neither does, or audit_commit to end that transaction
 * with it; outside one, audit_add commits on its own.
 *
 * What an entry stores is bounded, whoever asks to write it: the object
 * and every string in the detail at most AUDIT_TEXT_MAX bytes (cut at a
 * character's boundary), the detail at most AUDIT_DETAIL_MAX bytes in
 * all (else {"truncated": true}).  A request's path can be 16 KiB.
 */
#ifndef MOTCUA_STORE_AUDIT_H
#define MOTCUA_STORE_AUDIT_H

#include <stdint.h>

#include "store/db.h"

#define AUDIT_TEXT_MAX		256
#define AUDIT_DETAIL_MAX	4096

enum audit_stmt {
	AUDIT_ADD,
	AUDIT_REFUSAL_COUNT,
	AUDIT__MAX
};

struct audit_entry {
	int64_t		 actor_id;	/* users.id (partner: token id); 0 none */
	const char	*actor_kind;	/* "anonymous", "citizen", "staff" ... */
	const char	*action;	/* "signin", "signin.failed", "deny" ... */
	const char	*object;	/* "user:12", "dossier:X-250101-0001" ... */
	const char	*detail_json;	/* a JSON object as text, or NULL */
	const char	*request_id;	/* or NULL */
	const char	*ip;		/* or NULL */
	int64_t		 unit_id;	/* the unit acted for (staff); 0 none */
	const char	*role;		/* their roles there, "clerk,principal";
					 * NULL none (a longer one: none) */
};

/* DB_OK, DB_UNAVAILABLE or DB_ERROR (a detail that is not JSON). */
enum db_status	 audit_add(struct db *, const struct audit_entry *);

/*
 * Count a refusal of address in the current minute
 * (migrations/0011_throttles.sql, refusal_counts): *n is how many
 * this minute, this one included.  Commits on its own outside a
 * transaction.
 */
enum db_status	 audit_refusal_count(struct db *, const char *address,
		    int *n);

/*
 * The end of a change's transaction (db_begin'd by the caller): when
 * *changed is 0 (the change found no row), rolled back and DB_OK; else
 * the audit entry and the commit, in one round trip (*changed 0 unless
 * it committed; on a failure, rolled back).
 */
enum db_status	 audit_commit(struct db *, const struct audit_entry *,
		    int *changed);

#endif
