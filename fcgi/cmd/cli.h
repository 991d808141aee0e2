/*
 * cli.h - what the commands that change accounts and units (units.c,
 * users.c, demo.c) share: a session of the command line, audit entries
 * by the operator, database errors told to the operator, and the rules
 * of user names, passwords and units that the web applies too.
 *
 * These live in cli.c, which calls no command: each command includes
 * this header and none calls into another's file (tests/http/t_cli.py
 * checks that the calls between the files of cmd/ make no circle).
 * Unless said otherwise, functions returning int give 0, or -1 after
 * a message on stderr.
 */
#ifndef MOTCUA_CMD_CLI_H
#define MOTCUA_CMD_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "base/config.h"
#include "base/password.h"
#include "store/db.h"

struct acct_new;
struct acct_unit;
struct arena;
struct audit_entry;
struct defs;

struct cli {
	struct config	 cfg;
	struct db	*db;
	struct arena	*a;		/* freed by cli_close */
	struct defs	*defs;		/* when opened with_defs */
};

/* Configuration, database (checked reachable), arena, and the
 * definitions if asked. */
int	cli_open(struct cli *, int with_defs);
void	cli_close(struct cli *);

/* An audit entry by the operator (actor_kind "operator", the system
 * user in its detail), from the session's arena. */
void	cli_audit(struct cli *, struct audit_entry *, const char *action);
/* 0 for DB_OK, else -1 after a message about what. */
int	cli_db_error(enum db_status, const char *what);

/* The password policy, then the hash. */
int	cli_hash_password(const char *pw, const char *login,
	    char hash[PASSWORD_HASH_MAX]);
/* 1 if s is a valid user name (3 to 32 of a-z 0-9 . _ -, a letter). */
int	cli_username_ok(const char *);
/* A user and its roles, audited as "user.add". */
int	cli_add_user(struct cli *, const struct acct_new *,
	    const char *const *roles, size_t nroles, int64_t *id);

/* A units.kind of the database ("district_office") as enum unit_kind. */
int	cli_unit_kind(const char *);
/* The code's shape and the hierarchy of a unit to add. */
int	cli_unit_check(struct cli *, const struct acct_unit *);

/* A name given as opt ("--name"...), as the server takes one: at most
 * 200 bytes of utf8_name() text (base/utf8.h), in NFC.  The name from
 * the arena, or NULL after saying why. */
const char *cli_name(struct cli *, const char *opt, const char *s);

/* The audit key's verifier key (core/note.h) from path, or from
 * MOTCUA_KEYS_DIR/audit.vkey when path is NULL. */
struct note_vkey;
int	cli_vkey(const struct config *, const char *path, struct note_vkey *);

#endif
