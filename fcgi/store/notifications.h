/*
 * notifications.h - the notifications outbox and the contact codes
 * (migrations/0019_notifications.sql).
 *
 * notifications_add and the contact code statements run inside the
 * caller's transaction when one is open (the event's, so that the
 * message commits with it), on their own otherwise.  The delivery side
 * (notifications_claim ... notifications_done) is for the sender, which
 * runs as the owner: it holds the row locked while it sends, so two
 * senders never send one message at the same time.  Times are Unix
 * seconds; strings come from the arena given.
 */
#ifndef MOTCUA_STORE_NOTIFICATIONS_H
#define MOTCUA_STORE_NOTIFICATIONS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;

struct notification {
	int64_t		 id;
	int64_t		 dossier_id;	/* 0: none (a contact code) */
	int64_t		 event_id;	/* 0: none */
	int64_t		 account_id;
	const char	*channel;	/* "email", "sms" */
	const char	*address;
	const char	*lang;		/* "vi", "en" */
	const char	*kind;		/* templates/notifications/KIND.xml */
	const char	*subject;	/* NULL for an SMS */
	const char	*body;
	const char	*message_id;	/* <notification-ID.RANDOM@DOMAIN> */
	const char	*state;		/* pending sent failed retrying */
	int		 attempts;
	const char	*last_error;	/* or NULL */
	int64_t		 created_at;
	int64_t		 sent_at;	/* 0: not sent */
};

/* The applicant as notifications see them. */
struct recipient {
	const char	*full_name;
	const char	*phone;		/* or NULL */
	const char	*email;		/* or NULL */
	const char	*lang;
	int		 phone_confirmed;
	int		 email_confirmed;
};

enum db_status	notifications_recipient(struct db *, struct arena *,
		    int64_t account_id, struct recipient *, int *found);
/*
 * Add n (id, message_id, state, attempts, sent_at ignored), created and
 * due at n->created_at, its Message-ID made of seed (16 to 64 hex
 * digits) and domain; n->id and n->message_id are set.
 */
enum db_status	notifications_add(struct db *, struct arena *,
		    struct notification *n, const char *seed,
		    const char *domain);
/* A dossier's, or an account's (dossier 0: all of theirs), by id. */
enum db_status	notifications_of(struct db *, struct arena *,
		    int64_t dossier_id, int64_t account_id,
		    struct notification **, size_t *);
/* The ids of those due at now (pending, or retrying and due), at most
 * max, oldest first. */
enum db_status	notifications_due(struct db *, struct arena *, int64_t now,
		    size_t max, int64_t **ids, size_t *n);

/*
 * Delivery: begin a transaction and lock notification id if it still
 * waits (pending or retrying) and no other sender holds it (*found 0:
 * nothing to do; the transaction is closed).  Then, after the attempt,
 * notifications_done commits: sent (error NULL), or retrying at
 * next_at with the error kept, or failed once attempts reach max.
 */
enum db_status	notifications_claim(struct db *, struct arena *, int64_t id,
		    struct notification *, int *found);
enum db_status	notifications_done(struct db *, struct arena *, int64_t id,
		    int64_t now, const char *error, int64_t next_at, int max);

/* ---- contact codes ---------------------------------------------- */

/* How many codes the user was sent for channel since `since`. */
enum db_status	contact_codes_since(struct db *, int64_t user_id,
		    const char *channel, int64_t since, int *n);
/* A new code (the earlier ones of the channel used up). */
enum db_status	contact_code_add(struct db *, struct arena *, int64_t user_id,
		    const char *channel, const char *salt,
		    const unsigned char hash[32], int64_t now, int64_t expires);
struct contact_code {
	int64_t		 id;
	const char	*salt;
	unsigned char	 hash[32];
	int64_t		 expires_at;
	int		 tries;
};
/* The last unused code of the channel (*found 0: none). */
enum db_status	contact_code_last(struct db *, struct arena *, int64_t user_id,
		    const char *channel, struct contact_code *, int *found);
/* One more try of code id; if ok, used, and the contact confirmed at
 * now. */
enum db_status	contact_code_try(struct db *, struct arena *, int64_t id,
		    int64_t user_id, const char *channel, int ok, int64_t now);
/* Every contact of the citizen confirmed (`motcua demo` only). */
enum db_status	contact_demo_confirm(struct db *, const char *cccd);
/* The account's language ("vi", "en"). */
enum db_status	accounts_set_lang(struct db *, struct arena *, int64_t user_id,
		    const char *lang);

#endif
