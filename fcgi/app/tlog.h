/*
 * tlog.h - the public side of the sealed audit trail
 * (docs/audit-trail.md): the latest signed checkpoint, the audit key,
 * and proofs of inclusion and consistency.  Hashes only: no entry is
 * revealed.  Proofs are made from the leaf hashes of audit_seq (read
 * whole up to the tree size asked), for trees of at most
 * TRAIL_PROOF_LEAVES_MAX entries until stored subtree hashes (C2SP
 * tiles) come.
 */
#ifndef MOTCUA_APP_TLOG_H
#define MOTCUA_APP_TLOG_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/merkle.h"

#define TRAIL_PROOF_LEAVES_MAX	(1 << 18)

/* The latest checkpoint's signed note; UC_NOT_FOUND before the first. */
enum uc_status	 uc_trail_checkpoint(struct app *, const char **note,
		    int64_t *size, struct uc_error *);
/* The verifier key (C2SP vkey) of MOTCUA_KEYS_DIR/audit.vkey. */
enum uc_status	 uc_trail_key(struct app *, const char **vkey,
		    struct uc_error *);

struct trail_proof {
	uint64_t	 m, n;		/* entry (leaf index) or old size; size */
	merkle_hash	 leaf;		/* inclusion: the entry's leaf hash */
	merkle_hash	 root;		/* the tree of size n */
	merkle_hash	 old_root;	/* consistency: the tree of size m */
	merkle_hash	*proof;
	size_t		 np;
};

/* Leaf m's proof in the tree of size n (n at most the latest
 * checkpoint's size); field "entry" or "size" named when out of
 * range. */
enum uc_status	 uc_trail_inclusion(struct app *, const char *entry,
		    const char *size, struct trail_proof *, struct uc_error *);
/* The tree of size from is a prefix of that of size to. */
enum uc_status	 uc_trail_consistency(struct app *, const char *from,
		    const char *to, struct trail_proof *, struct uc_error *);

#endif
