/*
 * cmd.h - the subcommands of `motcua`.  Each is thin: it reads the
 * configuration and calls into web/, store/ or core/.
 */
#ifndef MOTCUA_CMD_H
#define MOTCUA_CMD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/config.h"
#include "base/password.h"
#include "store/db.h"

struct command {
	const char	*name;
	const char	*summary;
	const char	*usage;		/* after "motcua NAME" */
	const char	*help;		/* paragraph for `motcua NAME --help` */
	int		(*run)(int argc, char *argv[]);
};

extern const struct command commands[];

int	cmd_serve(int, char *[]);
int	cmd_migrate(int, char *[]);
int	cmd_check(int, char *[]);
int	cmd_units(int, char *[]);
int	cmd_users(int, char *[]);
int	cmd_demo(int, char *[]);

/* Shared by units.c, users.c and demo.c (defined in users.c, units.c). */
struct acct_new;
struct arena;
struct audit_entry;
struct defs;

struct cli {
	struct config	 cfg;
	struct db	*db;
	struct arena	*a;
	struct defs	*defs;		/* when opened with_defs */
};

/* Configuration, database (checked reachable), arena, and the
 * definitions if asked: 0, or -1 after saying why. */
int	cli_open(struct cli *, int with_defs);
void	cli_close(struct cli *);
/* An audit entry by the operator (actor_kind "operator"). */
void	cli_audit(struct cli *, struct audit_entry *, const char *action);
/* 0 for DB_OK, else -1 after a message about what. */
int	cli_db_error(enum db_status, const char *what);
/* Policy check and hash: 0, or -1 after saying why. */
int	cli_hash_password(const char *pw, const char *login,
	    char hash[PASSWORD_HASH_MAX]);
int	cli_username_ok(const char *);
/* A name given as opt ("--name"...), as the server takes one: at most
 * 200 bytes of utf8_name() text (base/utf8.h), in NFC.  The name from
 * the arena, or NULL after saying why. */
const char *cli_name(struct cli *, const char *opt, const char *s);
int	cli_add_user(struct cli *, const struct acct_new *,
	    const char *const *roles, size_t nroles, int64_t *id);
/* A units.kind of the database ("district_office") as enum unit_kind. */
int	cli_unit_kind(const char *);
struct acct_unit;
/* The code's shape and the hierarchy: 0, or -1 after saying why. */
int	cli_unit_check(struct cli *, const struct acct_unit *);

#endif
