/*
 * seal.h - the sealed audit trail's store (migrations/0014_audit_seal.sql,
 * docs/audit-trail.md): the entries of finished transactions in (xid,
 * id) order, their place in the tree (audit_seq), and the signed
 * checkpoints.  Used by `motcua seal` and `motcua audit verify`, on the
 * owner's connection: the server's role may read hashes and checkpoints
 * only, and write none.
 *
 * An entry comes back as the nine fields of core/entry.h, as text in
 * the arena; rows are read in pages of at most SEAL_PAGE_MAX.
 */
#ifndef MOTCUA_STORE_SEAL_H
#define MOTCUA_STORE_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define SEAL_PAGE_MAX	10000

struct arena;

enum seal_stmt {
	SEAL_LOCK,
	SEAL_LAST,
	SEAL_LEAVES,
	SEAL_PENDING,
	SEAL_APPEND,
	SEAL_CHECKPOINT_ADD,
	SEAL_CHECKPOINT_LAST,
	SEAL_ENTRIES,
	SEAL_CHECKPOINTS,
	SEAL_UNSEALED,
	SEAL_LATEST,
	SEAL__MAX
};

/* The fields of an entry, in core/entry.h's order (store and core know
 * nothing of each other: the commands that join them check the two
 * agree). */
#define SEAL_ENTRY_FIELDS	11

struct seal_entry {
	const char	*f[SEAL_ENTRY_FIELDS];	/* core/entry.h's fields */
	const char	*xid;		/* the writing transaction */
	int64_t		 id;
};

/* The last sealed entry: *size entries sealed, and the (xid, id) after
 * which the next ones come ("0", 0 when none; xid NULL when that entry
 * is no longer in audit_log). */
struct seal_pos {
	int64_t		 size;
	const char	*xid;
	int64_t		 id;
};

/* 1 in *got if this session now holds the sealer's lock (one sealer). */
enum db_status	 seal_lock(struct db *, int *got);
enum db_status	 seal_last(struct db *, struct arena *, struct seal_pos *);
/* The stored leaf hashes of seq from..from+n-1 (*got of them). */
enum db_status	 seal_leaves(struct db *, int64_t from, int64_t n,
		    unsigned char (*out)[32], size_t *got);
/* At most max entries after pos whose transactions have all finished,
 * in (xid, id) order. */
enum db_status	 seal_pending(struct db *, struct arena *,
		    const struct seal_pos *, int max, struct seal_entry **,
		    size_t *n);
/* n entries appended at seq first, first+1, ... with their leaf hashes. */
enum db_status	 seal_append(struct db *, struct arena *, int64_t first,
		    const struct seal_entry *, const unsigned char (*)[32],
		    size_t n);
enum db_status	 seal_checkpoint_add(struct db *, struct arena *,
		    int64_t size, const unsigned char root[32],
		    const char *note);
/* The latest checkpoint's size (0 if none). */
enum db_status	 seal_checkpoint_last(struct db *, int64_t *size);

/* For verification: seq from.. (at most n) with their stored hash and
 * the entry's fields; e->id 0 when audit_log has no such entry. */
struct seal_row {
	int64_t		 seq;
	int64_t		 entry_id;
	unsigned char	 leaf[32];
	struct seal_entry e;
};
enum db_status	 seal_entries(struct db *, struct arena *, int64_t from,
		    int64_t n, struct seal_row **, size_t *got);

struct seal_checkpoint {
	int64_t		 size;
	unsigned char	 root[32];
	const char	*note;
};
enum db_status	 seal_checkpoints(struct db *, struct arena *,
		    struct seal_checkpoint **, size_t *n);
/* Entries of finished transactions at or before pos not in audit_seq:
 * the first one's id in *id (0 if none). */
enum db_status	 seal_unsealed(struct db *, const struct seal_pos *,
		    int64_t *id);

/* The latest checkpoint (the server's role may read it): size 0 and
 * note NULL when there is none. */
enum db_status	 seal_latest(struct db *, struct arena *,
		    struct seal_checkpoint *);

#endif
