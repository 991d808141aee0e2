/*
 * attachments.h - the attachments family of statements (store_int.h):
 * one attachment of a dossier with its bytes, for a download.  The
 * list of a dossier's attachments, and storing them, are dossiers.h's.
 */
#ifndef MOTCUA_STORE_ATTACHMENTS_H
#define MOTCUA_STORE_ATTACHMENTS_H

#include <stdint.h>

#include "store/db.h"
#include "store/dossiers.h"

struct arena;

enum attachments_stmt {
	ATTACHMENTS_ONE,
	ATTACHMENTS__MAX
};

/*
 * The attachment id of the dossier dossier_id (a->id 0: the dossier has
 * none of this id), with its content (a->content) when its size is at
 * most max; above, a->content stays NULL and nothing is read (the forms
 * bound stored sizes already: this is a second wall).
 */
enum db_status	attachments_one(struct db *, struct arena *,
		    int64_t dossier_id, int64_t id, int64_t max,
		    struct attachment *a);

#endif
