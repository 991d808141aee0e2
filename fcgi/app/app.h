/*
 * app.h - the use cases' context and their one status type.
 *
 * A use case (file, act, rate, look up, list, register, sign in...) is
 * a function of a struct app: what it may use and who is acting.  Web
 * handlers, commands and background jobs fill one and call the same
 * functions; nothing here knows HTTP.  Errors are a status and a
 * struct uc_error (field and bilingual detail); the web layer turns
 * them into HTTP in one place (web/reply.c), a command into a message.
 *
 * Memory: everything a use case returns comes from c->arena.  Out of
 * memory aborts (base/arena.h).
 */
#ifndef MOTCUA_APP_H
#define MOTCUA_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/actor.h"

struct arena;
struct calendar;
struct config;
struct db;
struct defs;
struct field_error;

struct sign_client;
struct notify_texts;
struct doc_templates;

struct app {
	struct arena	*arena;
	const struct config *cfg;
	struct db	*db;		/* one connection, no transaction open */
	const struct defs *defs;	/* compiled definitions */
	const struct calendar *cal;	/* working days */
	int64_t		 now;		/* Unix time of this call: the clock's,
					 * or a test's (web: X-Motcua-Now under
					 * MOTCUA_DIAG only) */
	struct actor	 actor;
	const char	*request_id;	/* audit entries; or NULL */
	const char	*remote_addr;	/* or NULL (commands, jobs) */
	const char	*via;		/* route or command name, for the
					 * details of refusals; or NULL */
	const char	*via_method;	/* "GET", "POST"...; or NULL */
	struct sign_client *signer;	/* sign/client.h; NULL in commands */
	const struct notify_texts *texts; /* notify/texts.h; NULL: none */
	const struct doc_templates *docs; /* doc/doc.h; NULL: issuing
					 * answers UC_UNAVAILABLE */
};

enum uc_status {
	UC_OK,
	UC_REPLAY,		/* submit: that key made this dossier before */
	UC_INVALID,		/* field errors: err.errs */
	UC_BAD_INPUT,		/* 422, err.field */
	UC_BAD_REQUEST,		/* 400, err.field */
	UC_UNAUTHENTICATED,	/* 401: sign-in failed */
	UC_NOT_FOUND,		/* 404 */
	UC_FORBIDDEN,		/* 403 */
	UC_CONFLICT,		/* 409: state moved on, window closed ... */
	UC_THROTTLED,		/* 429, err.retry_after */
	UC_UNAVAILABLE,		/* 503: the database cannot be reached */
	UC_ERROR,		/* 500: a bug or a broken invariant */
	UC__MAX
};

struct uc_error {
	const char	*field;		/* or NULL */
	const char	*en;		/* detail, or NULL */
	const char	*vi;
	struct field_error *errs;	/* UC_INVALID */
	size_t		 nerrs;
	int		 retry_after;	/* UC_THROTTLED */
};

/*
 * Act as a: app->actor, and the rows the database lets the next
 * statements reach (the second wall, store/db.h db_context).  Every
 * caller sets the actor this way before the first use case.
 */
void		 app_act_as(struct app *, const struct actor *a);

/*
 * The client as the throttles count it (base/netaddr.h: an IPv6 /64 is
 * one client), in the arena; NULL without an address.  Audit entries
 * keep the address itself.
 */
const char	*app_throttle_addr(struct app *);

/* Fill err and return st. */
enum uc_status	 uc_fail(struct uc_error *, enum uc_status st,
		    const char *field, const char *en, const char *vi);

#endif
