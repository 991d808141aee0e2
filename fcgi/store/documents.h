/*
 * documents.h - the documents family of statements (store_int.h): the
 * registry of issued documents (migrations/0013_documents.sql).
 *
 * documents_number and documents_add run inside the transaction of the
 * action that issues (dossiers_act's within hook, dossiers.h): the
 * dossier's row is locked by then, so counting its documents is safe.
 * Strings returned come from the arena given.
 */
#ifndef MOTCUA_STORE_DOCUMENTS_H
#define MOTCUA_STORE_DOCUMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct arena;

enum documents_stmt {
	DOCUMENTS_SERIAL,
	DOCUMENTS_COUNT,
	DOCUMENTS_ADD,
	DOCUMENTS_PUBLIC,
	DOCUMENTS_OF_DOSSIER,
	DOCUMENTS_XML,
	DOCUMENTS_RESULTS,
	DOCUMENTS__MAX
};

struct document {
	int64_t		 id;
	int64_t		 dossier_id;
	int64_t		 event_id;
	const char	*kind;
	int		 is_result;
	const char	*result_code;
	const char	*serial;
	const char	*verification_code;
	int64_t		 unit_id;
	const char	*unit_code;	/* read back */
	const char	*unit_name;	/* read back, Vietnamese */
	const char	*key_id;	/* 64 hex digits */
	int64_t		 signer_id;
	const char	*signer_name;
	const char	*signer_title;
	int64_t		 issued_at;
	const char	*status;	/* valid, revoked, superseded */
	int64_t		 revoked_at;	/* 0: not revoked */
	const char	*revoked_reason;	/* or NULL */
	const char	*superseded_by;	/* its result code, or NULL */
	const char	*sha256;	/* hex */
	const char	*xml;		/* documents_add; documents_xml */
	size_t		 xml_len;
};

/*
 * The numbers of a new document, in the issuing transaction: *serial
 * is the unit's next of the year (1, 2...), *n one more than the
 * dossier's documents with this is_result.
 */
enum db_status	documents_number(struct db *, struct arena *, int64_t unit_id,
		    int year, int64_t dossier_id, int is_result, int *serial,
		    int *n);
/* Register d (every field but the read-back ones); d->id is set. */
enum db_status	documents_add(struct db *, struct arena *, struct document *);
/* By verification code, what the public may see (document_public):
 * *found 0 if there is none. */
enum db_status	documents_public(struct db *, struct arena *, const char *vc,
		    struct document *, int *found);
/* A dossier's documents, as its reader may see them, oldest first,
 * without their bytes. */
enum db_status	documents_of_dossier(struct db *, struct arena *,
		    int64_t dossier_id, struct document **, size_t *);
/* One of them with its XML; *found 0 if not the dossier's. */
enum db_status	documents_xml(struct db *, struct arena *, int64_t dossier_id,
		    int64_t id, struct document *, int *found);
/* How many results a dossier has, by its code and PIN hash (the public
 * lookup's pair, migrations/0007_web_role.sql dossier_lookup). */
enum db_status	documents_results(struct db *, struct arena *,
		    const char *code, const unsigned char pin_hash[32], int *n);

#endif
